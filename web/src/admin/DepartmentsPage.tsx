// 部门管理: the authority's directory of responsible departments (责任部门) with short names and aliases.
// Deleting keeps the department in the records as 已停用 (plans and audit history point at it); it can be re-enabled.
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useCreateDepartment, useDeleteDepartment, useDepartments, useUpdateDepartment } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { Department } from '../api/types';
import { DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS, type DepartmentKind } from '../../../src/org/departments/model';
import { LoadError } from '../components/results';
import { PageHeader } from './PageHeader';

interface FormValues {
  name: string;
  shortName?: string;
  aliases?: string[];
  kind: DepartmentKind;
  sortOrder?: number | null;
  active?: boolean;
}

export const CONFLICT_MESSAGE = '数据已被他人修改，请刷新后重试';
const KIND_OPTIONS = DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }));

function kindLabel(kind: string): string {
  return (DEPARTMENT_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

function cleanAliases(aliases: string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const alias of aliases ?? []) {
    const value = alias.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

export function DepartmentsPage() {
  const departments = useDepartments({ includeInactive: 'true' });
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [search, setSearch] = useState('');

  const rows = useMemo(() => {
    const term = search.trim();
    const all = departments.data ?? [];
    if (!term) return all;
    return all.filter((d) => d.name.includes(term) || (d.shortName ?? '').includes(term) || d.aliases.some((a) => a.includes(term)));
  }, [departments.data, search]);

  /** A stale version (someone else saved first) reads the same everywhere. */
  const showError = (err: unknown) => {
    notify.error(err instanceof ApiError && err.code === 'CONFLICT' ? new ApiError(409, 'CONFLICT', CONFLICT_MESSAGE) : err);
  };

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ name: '', shortName: '', aliases: [], kind: 'department', sortOrder: null, active: true });
    setEditing('new');
  };
  const openEdit = (dept: Department) => {
    form.resetFields();
    form.setFieldsValue({
      name: dept.name,
      shortName: dept.shortName ?? '',
      aliases: dept.aliases,
      kind: dept.kind as DepartmentKind,
      sortOrder: dept.sortOrder,
      active: dept.active,
    });
    setEditing(dept);
  };

  const submit = async () => {
    const values = await form.validateFields();
    const body = {
      name: values.name.trim(),
      shortName: values.shortName?.trim() || null,
      aliases: cleanAliases(values.aliases),
      kind: values.kind,
      ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
    };
    if (editing === 'new') {
      create.mutate(body, {
        onSuccess: () => {
          notify.success(`已新增部门「${body.name}」`);
          setEditing(null);
        },
        onError: showError,
      });
    } else if (editing) {
      update.mutate(
        { id: editing.id, ...body, active: values.active ?? true, version: editing.version },
        {
          onSuccess: () => {
            notify.success(`已保存部门「${body.name}」`);
            setEditing(null);
          },
          onError: showError,
        },
      );
    }
  };

  const enable = (dept: Department) =>
    update.mutate(
      { id: dept.id, active: true, version: dept.version },
      { onSuccess: () => notify.success(`已重新启用「${dept.name}」`), onError: showError },
    );

  const columns: TableColumnsType<Department> = [
    { title: '部门名称', dataIndex: 'name', key: 'name', width: 220 },
    { title: '简称', dataIndex: 'shortName', key: 'shortName', width: 140, render: (v: string | null) => v || '—' },
    {
      title: '别名',
      dataIndex: 'aliases',
      key: 'aliases',
      render: (aliases: string[]) =>
        aliases.length ? (
          <Space size={[0, 4]} wrap>
            {aliases.map((a) => (
              <Tag key={a}>{a}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '类别', dataIndex: 'kind', key: 'kind', width: 140, render: (kind: string) => kindLabel(kind) },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, dept) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEdit(dept)}>
            编辑
          </Button>
          {dept.active ? (
            <Popconfirm
              title={`删除部门「${dept.name}」？`}
              description="删除后该部门不再出现在部门选择中；已有的计划、任务和日志仍保留它（记为已停用），可随时重新启用。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() =>
                remove.mutateAsync({ id: dept.id, version: dept.version }).then(
                  () => notify.success(`已删除部门「${dept.name}」`),
                  showError,
                )
              }
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => enable(dept)}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (departments.isError) return <LoadError message={(departments.error as Error).message} onRetry={() => void departments.refetch()} />;

  return (
    <div>
      <PageHeader
        title="部门管理"
        description="责任部门目录：导入计划时，文件中的责任单位按名称、简称和别名对应到这里的部门。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新增部门
          </Button>
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder="按名称、简称或别名筛选"
          style={{ width: 280, marginBottom: 16 }}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={setSearch}
          aria-label="筛选部门"
        />
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={departments.isPending}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 个部门` }}
        />
      </Card>
      <Modal
        title={editing === 'new' ? '新增部门' : '编辑部门'}
        open={editing !== null}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        confirmLoading={create.isPending || update.isPending}
        forceRender
      >
        <Form form={form} name="department" layout="vertical">
          <Form.Item
            label="部门名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入部门名称' },
              { max: 100, message: '部门名称最多 100 个字' },
            ]}
          >
            <Input placeholder="如：区市场监管局" />
          </Form.Item>
          <Form.Item label="简称" name="shortName" rules={[{ max: 50, message: '简称最多 50 个字' }]}>
            <Input placeholder="如：市场监管局" />
          </Form.Item>
          <Form.Item
            label="别名"
            name="aliases"
            tooltip="文件中对该部门的其他写法，输入后按回车添加"
            rules={[
              {
                validator: (_, value: string[] | undefined) => {
                  const list = value ?? [];
                  if (list.some((a) => a.trim().length > 100)) return Promise.reject(new Error('每个别名最多 100 个字'));
                  if (list.length > 50) return Promise.reject(new Error('别名最多 50 个'));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Select mode="tags" placeholder="如：区市场监管分局（回车添加）" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} aria-label="别名" />
          </Form.Item>
          <Space size="large" align="start">
            <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={KIND_OPTIONS} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="排序" name="sortOrder" tooltip="数字小的排在前面">
              <InputNumber min={-100000} max={100000} precision={0} style={{ width: 120 }} />
            </Form.Item>
            {editing !== 'new' && (
              <Form.Item label="启用" name="active" valuePropName="checked">
                <Switch checkedChildren="启用" unCheckedChildren="停用" />
              </Form.Item>
            )}
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
