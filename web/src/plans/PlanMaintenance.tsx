// A plan maintained after import (issue 8): the office assigns lead and co departments to many
// tasks or targets at once (directory search, several departments), edits a task's text, adds and
// deletes items, edits the plan's title and metadata, archives the plan, and takes it out (Excel,
// Word, print). Every change goes through the plan API, which version-checks and audits it.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, DownloadOutlined, EditOutlined, InboxOutlined, PlusOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import { useDepartments } from '../api/hooks';
import type { Plan, Target, Task } from '../api/types';

type Item = { kind: 'task' | 'target'; id: string; version: number; label: string; departments: { id: string; name: string; role: 'lead' | 'co' }[] };

const ROLE_TEXT = { lead: '牵头', co: '配合' } as const;

/** The departments of an item after assigning `ids` with `role`: a new lead replaces the old lead (who becomes co). */
export function assignDepartments(current: Item['departments'], ids: string[], role: 'lead' | 'co'): { departmentId: string; role: 'lead' | 'co' }[] {
  const out = new Map<string, 'lead' | 'co'>();
  for (const d of current) out.set(d.id, role === 'lead' && d.role === 'lead' ? 'co' : d.role);
  ids.forEach((id, i) => out.set(id, role === 'lead' && i === 0 ? 'lead' : role === 'lead' ? 'co' : out.get(id) === 'lead' ? 'lead' : 'co'));
  return [...out.entries()].sort((a, b) => (a[1] === b[1] ? 0 : a[1] === 'lead' ? -1 : 1)).map(([departmentId, r]) => ({ departmentId, role: r }));
}

export function PlanMaintenance({ plan, targets, tasks }: { plan: Plan; targets: Target[]; tasks: Task[] }) {
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const directory = useDepartments();
  const [kind, setKind] = useState<'task' | 'target'>('task');
  const [selected, setSelected] = useState<string[]>([]);
  const [depIds, setDepIds] = useState<string[]>([]);
  const [role, setRole] = useState<'lead' | 'co'>('lead');
  const [busy, setBusy] = useState(false);
  const [editingTask, setEditingTask] = useState<Task | null>(null);
  const [adding, setAdding] = useState<'task' | 'target' | null>(null);
  const [editingPlan, setEditingPlan] = useState(false);
  const [taskForm] = Form.useForm();
  const [addForm] = Form.useForm();
  const [planForm] = Form.useForm();
  const archived = plan.status === 'archived';
  const base = `/api/plans/${encodeURIComponent(plan.id)}`;
  const refresh = () => client.invalidateQueries({ queryKey: ['plans'] });

  const items: Item[] =
    kind === 'task'
      ? tasks.map((t) => ({ kind: 'task', id: t.id, version: t.version, label: `${t.marker ? `${t.marker} ` : ''}${t.title}`, departments: t.departments }))
      : targets.map((t) => ({ kind: 'target', id: t.id, version: t.version, label: t.indicator, departments: t.departments }));

  const assign = async () => {
    if (!selected.length || !depIds.length) return;
    setBusy(true);
    let done = 0;
    try {
      for (const id of selected) {
        const item = items.find((x) => x.id === id);
        if (!item) continue;
        const path = `${base}/${kind === 'task' ? 'tasks' : 'targets'}/${encodeURIComponent(id)}`;
        await api.patch(path, { version: item.version, departments: assignDepartments(item.departments, depIds, role) });
        done++;
      }
      message.success(`已为 ${done} 项${kind === 'task' ? '任务' : '目标'}指定责任部门`);
      setSelected([]);
    } catch (e) {
      message.error(`已完成 ${done} 项；${errorMessage(e)}`);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const remove = async (item: Item) => {
    try {
      await api.delete(`${base}/${item.kind === 'task' ? 'tasks' : 'targets'}/${encodeURIComponent(item.id)}?version=${item.version}`);
      message.success('已删除');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      await refresh();
    }
  };

  const columns: ColumnsType<Item> = [
    { title: kind === 'task' ? '任务' : '指标', dataIndex: 'label', render: (v: string) => <span className="wrap-text">{v}</span> },
    {
      title: '责任部门',
      key: 'departments',
      width: 280,
      render: (_, r) =>
        r.departments.length ? (
          <Space size={[2, 2]} wrap>
            {r.departments.map((d) => (
              <Tag key={d.id} color={d.role === 'lead' ? 'blue' : undefined}>
                {ROLE_TEXT[d.role]} {d.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="warning">未指定</Typography.Text>
        ),
    },
    ...(archived
      ? []
      : [
          {
            title: '',
            key: 'ops',
            width: 90,
            render: (_: unknown, r: Item) => (
              <Space size={0}>
                {r.kind === 'task' && (
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label="修改任务"
                    onClick={() => {
                      const t = tasks.find((x) => x.id === r.id)!;
                      setEditingTask(t);
                      taskForm.setFieldsValue({ marker: t.marker ?? '', title: t.title, deadlineText: t.deadlineText ?? '', dueDate: t.dueDate ?? '' });
                    }}
                  />
                )}
                <Popconfirm title="删除这一项？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]),
  ];

  const archive = () =>
    modal.confirm({
      title: '归档该计划？',
      content: '归档后保留历史和考核记录，不再开放新的报送周期。',
      okText: '归档',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`${base}/archive`, { version: plan.version });
          message.success('已归档');
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          await refresh();
        }
      },
    });

  return (
    <Card
      size="small"
      className="no-print"
      style={{ marginBottom: 16 }}
      title={
        <span>
          <TeamOutlined /> 计划维护
        </span>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`${base}/export?format=xlsx`} data-testid="export-xlsx">
            导出 Excel
          </Button>
          <Button icon={<DownloadOutlined />} href={`${base}/export?format=docx`} data-testid="export-docx">
            导出 Word
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-plan">
            打印
          </Button>
          {!archived && (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                planForm.setFieldsValue({
                  title: plan.title,
                  issuer: plan.issuer ?? '',
                  documentNumber: plan.documentNumber ?? '',
                  writtenDate: plan.writtenDate ?? '',
                  publishedDate: plan.publishedDate ?? '',
                  periodStartYear: plan.periodStartYear,
                  periodEndYear: plan.periodEndYear,
                  region: plan.region ?? '',
                });
                setEditingPlan(true);
              }}
              data-testid="edit-plan"
            >
              编辑信息
            </Button>
          )}
          {plan.status === 'published' && (
            <Button icon={<InboxOutlined />} onClick={archive} data-testid="archive-plan">
              归档
            </Button>
          )}
        </Space>
      }
    >
      {!archived && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setSelected([]);
            }}
            optionType="button"
            options={[
              { value: 'task', label: `任务 ${tasks.length}` },
              { value: 'target', label: `目标 ${targets.length}` },
            ]}
          />
          <Select
            mode="multiple"
            style={{ minWidth: 260 }}
            placeholder="搜索名录中的部门（可多选）"
            showSearch={{ optionFilterProp: 'label' }}
            value={depIds}
            onChange={setDepIds}
            options={(directory.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
            aria-label="责任部门"
            data-testid="assign-departments"
          />
          <Radio.Group value={role} onChange={(e) => setRole(e.target.value)} options={[{ value: 'lead', label: '牵头' }, { value: 'co', label: '配合' }]} />
          <Button type="primary" disabled={!selected.length || !depIds.length} loading={busy} onClick={assign} data-testid="assign-button">
            为选中的 {selected.length} 项指定
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => { addForm.resetFields(); setAdding(kind); }} data-testid="add-item">
            添加{kind === 'task' ? '任务' : '目标'}
          </Button>
        </Space>
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        data-testid="maintenance-items"
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={archived ? undefined : { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
      />

      <Modal
        title="修改任务"
        open={editingTask !== null}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditingTask(null)}
        onOk={async () => {
          const v = await taskForm.validateFields();
          try {
            await api.patch(`${base}/tasks/${encodeURIComponent(editingTask!.id)}`, {
              version: editingTask!.version,
              marker: v.marker || null,
              title: v.title,
              deadlineText: v.deadlineText || null,
              dueDate: v.dueDate || null,
            });
            setEditingTask(null);
            message.success('已保存');
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            await refresh();
          }
        }}
      >
        <Form form={taskForm} name="plan-task-edit" layout="vertical">
          <Form.Item name="marker" label="序号">
            <Input />
          </Form.Item>
          <Form.Item name="title" label="任务内容" rules={[{ required: true, message: '请填写任务内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.Item name="deadlineText" label="完成时限（原文）">
            <Input />
          </Form.Item>
          <Form.Item name="dueDate" label="截止日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={adding === 'target' ? '添加目标' : '添加任务'}
        open={adding !== null}
        okText="添加"
        cancelText="取消"
        onCancel={() => setAdding(null)}
        onOk={async () => {
          const v = await addForm.validateFields();
          try {
            if (adding === 'task') await api.post(`${base}/tasks`, { title: v.title, dueDate: v.dueDate || null, departments: [] });
            else await api.post(`${base}/targets`, { indicator: v.title, comparator: '>=', value: v.value, unit: v.unit ?? '', deadlineYear: v.deadlineYear ?? null, departments: [] });
            setAdding(null);
            message.success('已添加');
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            await refresh();
          }
        }}
      >
        <Form form={addForm} name="plan-item-add" layout="vertical">
          <Form.Item name="title" label={adding === 'target' ? '指标名称' : '任务内容'} rules={[{ required: true, message: '请填写' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          {adding === 'target' ? (
            <Space>
              <Form.Item name="value" label="目标值（不低于）" rules={[{ required: true, message: '请填写目标值' }]}>
                <InputNumber />
              </Form.Item>
              <Form.Item name="unit" label="单位">
                <Input style={{ width: 80 }} />
              </Form.Item>
              <Form.Item name="deadlineYear" label="完成年份">
                <InputNumber min={2000} max={2100} />
              </Form.Item>
            </Space>
          ) : (
            <Form.Item name="dueDate" label="截止日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <Modal
        title="编辑计划信息"
        open={editingPlan}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditingPlan(false)}
        onOk={async () => {
          const v = await planForm.validateFields();
          const orNull = (s: string) => (s && s.trim() ? s.trim() : null);
          try {
            await api.patch(base, {
              version: plan.version,
              title: v.title,
              issuer: orNull(v.issuer),
              documentNumber: orNull(v.documentNumber),
              writtenDate: orNull(v.writtenDate),
              publishedDate: orNull(v.publishedDate),
              periodStartYear: v.periodStartYear ?? null,
              periodEndYear: v.periodEndYear ?? null,
              region: orNull(v.region),
            });
            setEditingPlan(false);
            message.success('已保存');
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            await refresh();
          }
        }}
      >
        <Form form={planForm} name="plan-info" layout="vertical">
          <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input.TextArea autoSize />
          </Form.Item>
          <Form.Item name="issuer" label="发文机关">
            <Input />
          </Form.Item>
          <Form.Item name="documentNumber" label="文号">
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="writtenDate" label="成文日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="publishedDate" label="发布日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="periodStartYear" label="起始年份">
              <InputNumber min={1949} max={2100} />
            </Form.Item>
            <Form.Item name="periodEndYear" label="结束年份">
              <InputNumber min={1949} max={2100} />
            </Form.Item>
          </Space>
          <Form.Item name="region" label="发文地区">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
