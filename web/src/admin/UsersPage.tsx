// 用户管理: accounts of the authority — create, edit role and department, disable/enable, reset password.
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ApiError } from '../api/client';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { formatTime } from '../format';
import { useCreateUser, useDepartments, useMe, useUpdateUser, useUsers } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { AdminUser, Role, UserListQuery } from '../api/types';
import { PASSWORD_RULES } from '../auth/ChangePasswordModal';
import { ROLE_LABELS } from '../components/areas';
import { LoadError } from '../components/results';
import { PageHeader } from './PageHeader';

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const ROLE_COLORS: Record<Role, string> = { admin: 'volcano', office: 'geekblue', department: 'cyan', inspector: 'purple' };

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string | null;
  password: string;
  confirm: string;
}

interface PasswordValues {
  password: string;
  confirm: string;
}

const confirmRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
  validator: (_: unknown, value: string) =>
    !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
});

function isLocked(user: AdminUser): boolean {
  return !!user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs());
}

export function UsersPage() {
  const me = useMe().data!;
  const [query, setQuery] = useState<UserListQuery>({ page: 1, pageSize: 20 });
  const users = useUsers(query);
  const departments = useDepartments();
  const create = useCreateUser();
  const update = useUpdateUser();
  const notify = useNotify();
  /** A stale version (someone else saved first) reads the same everywhere. */
  const showError = (err: unknown) =>
    notify.error(err instanceof ApiError && err.code === 'CONFLICT' ? new ApiError(409, 'CONFLICT', '数据已被他人修改，请刷新后重试') : err);
  const [userForm] = Form.useForm<UserFormValues>();
  const [passwordForm] = Form.useForm<PasswordValues>();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const role = Form.useWatch('role', userForm);

  const departmentName = useMemo(() => {
    const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
    return (user: AdminUser) => user.departmentName ?? (user.departmentId ? names.get(user.departmentId) : undefined) ?? '—';
  }, [departments.data]);
  const departmentOptions = (departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));

  const openCreate = () => {
    userForm.resetFields();
    userForm.setFieldsValue({ role: 'department' });
    setEditing('new');
  };
  const openEdit = (user: AdminUser) => {
    userForm.resetFields();
    userForm.setFieldsValue({ username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId });
    setEditing(user);
  };

  const submitUser = async () => {
    const values = await userForm.validateFields();
    const departmentId = values.role === 'department' ? (values.departmentId ?? null) : null;
    if (editing === 'new') {
      create.mutate(
        { username: values.username.trim(), displayName: values.displayName.trim(), role: values.role, departmentId, password: values.password },
        {
          onSuccess: () => {
            notify.success(`已创建用户「${values.username.trim()}」`);
            setEditing(null);
          },
          onError: notify.error,
        },
      );
    } else if (editing) {
      update.mutate(
        { id: editing.id, version: editing.version, displayName: values.displayName.trim(), role: values.role, departmentId },
        {
          onSuccess: () => {
            notify.success(`已保存用户「${editing.username}」`);
            setEditing(null);
          },
          onError: showError,
        },
      );
    }
  };

  const submitPassword = async () => {
    const values = await passwordForm.validateFields();
    if (!resetting) return;
    update.mutate(
      { id: resetting.id, version: resetting.version, password: values.password },
      {
        onSuccess: () => {
          notify.success(`已重置「${resetting.username}」的密码`);
          setResetting(null);
        },
        onError: showError,
      },
    );
  };

  const setActive = (user: AdminUser, active: boolean) =>
    update.mutateAsync({ id: user.id, version: user.version, active }).then(
      () => notify.success(active ? `已启用「${user.username}」` : `已停用「${user.username}」`),
      showError,
    );

  const columns: TableColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '角色',
      dataIndex: 'role',
      key: 'role',
      render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{ROLE_LABELS[r]}</Tag>,
    },
    { title: '所属部门', key: 'department', render: (_, user) => departmentName(user) },
    {
      title: '状态',
      key: 'status',
      render: (_, user) =>
        !user.active ? (
          <Tag>已停用</Tag>
        ) : isLocked(user) ? (
          <Tooltip title={`连续登录失败被锁定至 ${formatTime(user.lockedUntil)}；重置密码可立即解除锁定`}>
            <Tag color="orange">已锁定</Tag>
          </Tooltip>
        ) : user.mustChangePassword ? (
          <Tooltip title="密码由管理员设置（或为示范密码），该用户下次登录时须先设置新密码">
            <Tag color="gold">待改密码</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, user) => {
        const self = user.id === me.id;
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => openEdit(user)}>
              编辑
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() => {
                passwordForm.resetFields();
                setResetting(user);
              }}
            >
              重置密码
            </Button>
            {user.active ? (
              <Popconfirm
                title={`停用用户「${user.username}」？`}
                description="停用后该账号无法登录，已登录的会话也将失效。"
                okText="停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                disabled={self}
                onConfirm={() => setActive(user, false)}
              >
                <Button type="link" size="small" danger disabled={self} title={self ? '不能停用当前登录的账号' : undefined}>
                  停用
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => void setActive(user, true)}>
                启用
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  if (users.isError && !users.data) return <LoadError message={(users.error as Error).message} onRetry={() => void users.refetch()} />;

  return (
    <div>
      <PageHeader
        title="用户管理"
        description="本单位的平台账号。责任部门账号须绑定一个责任部门。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新增用户
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="用户名或姓名"
            style={{ width: 220 }}
            onSearch={(value) => setQuery((q) => ({ ...q, q: value.trim() || undefined, page: 1 }))}
            aria-label="搜索用户"
          />
          <Select<Role>
            allowClear
            placeholder="全部角色"
            style={{ width: 140 }}
            options={ROLE_OPTIONS}
            onChange={(role) => setQuery((q) => ({ ...q, role: role ?? undefined, page: 1 }))}
            aria-label="按角色筛选"
          />
          <Select<'true' | 'false'>
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            options={[
              { value: 'true', label: '启用' },
              { value: 'false', label: '已停用' },
            ]}
            onChange={(active) => setQuery((q) => ({ ...q, active: active ?? undefined, page: 1 }))}
            aria-label="按状态筛选"
          />
        </Space>
        <Table<AdminUser>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个用户`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
        />
      </Card>

      <Modal
        title={editing === 'new' ? '新增用户' : '编辑用户'}
        open={editing !== null}
        onOk={() => void submitUser().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        confirmLoading={create.isPending || update.isPending}
        forceRender
      >
        <Form form={userForm} name="user" layout="vertical">
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, message: '请输入用户名' },
              { min: 2, max: 32, message: '用户名为 2–32 个字符' },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: '用户名只能包含字母、数字、下划线、点或连字符，且以字母或数字开头' },
            ]}
          >
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 32, message: '姓名最多 32 个字' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          {role === 'department' && (
            <Form.Item label="所属部门" name="departmentId" rules={[{ required: true, message: '责任部门账号须选择所属部门' }]}>
              <Select
                options={departmentOptions}
                placeholder="请选择责任部门"
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.isPending}
              />
            </Form.Item>
          )}
          {editing === 'new' && (
            <>
              <Form.Item label="初始密码" name="password" rules={PASSWORD_RULES}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item label="确认密码" name="confirm" dependencies={['password']} rules={[{ required: true, message: '请再次输入密码' }, confirmRule]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>

      <Modal
        title={`重置密码${resetting ? `：${resetting.username}` : ''}`}
        open={resetting !== null}
        onOk={() => void submitPassword().catch(() => undefined)}
        onCancel={() => setResetting(null)}
        okText="重置"
        cancelText="取消"
        confirmLoading={update.isPending}
        forceRender
      >
        <Typography.Paragraph type="secondary">重置后请将新密码告知该用户，并提醒其登录后修改。</Typography.Paragraph>
        <Form form={passwordForm} name="resetPassword" layout="vertical">
          <Form.Item label="新密码" name="password" rules={PASSWORD_RULES}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="确认新密码" name="confirm" dependencies={['password']} rules={[{ required: true, message: '请再次输入新密码' }, confirmRule]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
