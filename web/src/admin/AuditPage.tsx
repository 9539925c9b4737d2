// 审计日志: the append-only record of changes (who, when, what, before/after), filterable.
import { useState } from 'react';
import { AutoComplete, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { endOfDay, formatTime, startOfDay } from '../format';
import { useAudit } from '../api/hooks';
import type { AuditEntry, AuditQuery } from '../api/types';
import { LoadError } from '../components/results';
import { PageHeader } from './PageHeader';

export const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  department: '部门',
  region: '行政区划',
  tenant_region: '管辖区划',
  tenant: '单位',
  session: '会话',
  plan: '行动计划',
  target: '指标',
  task: '任务',
  notice: '督查通报',
  progress_report: '进度报送',
  assessment: '考核结果',
  assessment_scheme: '考核方案',
  assessment_year: '年度考核',
  plan_settings: '计划设置',
  calendar_year: '节假日安排',
  enterprise_import: '企业名录导入',
  enterprises: '企业名录',
  inspection_campaign: '抽查任务',
  inspection_item: '抽查事项',
  inspection_result: '抽查结果',
  inspection_settings: '抽查设置',
  inspector: '执法检查人员',
  credit_event: '信用记录',
  credit_list_membership: '信用名单',
  credit_reclassify_run: '信用风险分类',
  credit_settings: '信用设置',
};

/** Whole action names with their own wording. */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'demo.load.start': '开始载入示范数据',
  'demo.load.finish': '示范数据载入完成',
  'auth.logout': '退出登录',
  'auth.locked': '账户锁定',
  'auth.login_failed': '登录失败',
  'user.change_password': '修改密码',
  'user.reset_password': '重置密码',
  'notice.generate': '生成督查通报',
  'notice.issue': '印发督查通报',
  'plan.archive': '归档行动计划',
  'progress_report.submit': '提交进度报送',
  'progress_report.resubmit': '重新提交进度报送',
  'progress_report.accept': '采纳进度报送',
  'progress_report.return': '退回进度报送',
  'progress_report.attach': '上传报送附件',
  'progress_report.detach': '删除报送附件',
  'assessment.compute': '计算年度考核',
  'assessment.adjust': '调整考核结果',
  'calendar.official.enter': '录入国务院节假日安排',
  'calendar.official.remove': '删除国务院节假日安排',
  'credit.reclassify': '重新评定信用风险分类',
  'credit_list.open': '列入信用名单',
  'inspection_campaign.draw': '随机抽取检查对象',
  'inspection_campaign.fix_frame': '固定抽查对象名录',
  'inspection_campaign.state': '变更抽查任务状态',
};

/** Verbs of `entity.verb` action names. */
const VERB_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  disable: '停用',
  enable: '启用',
  add: '添加',
  remove: '移除',
  import: '导入',
  publish: '发布',
};

/** 'department.create' → 新增部门; unknown names are shown as they are. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const dot = action.indexOf('.');
  if (dot < 0) return VERB_LABELS[action] ?? action;
  const entity = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  if (VERB_LABELS[verb]) return `${VERB_LABELS[verb]}${ENTITY_LABELS[entity] ?? entity}`;
  return action;
}

/** Suggestions for the 操作 filter; an entity name alone (e.g. department) matches all its actions. */
const ACTION_OPTIONS = [
  ...['user', 'department', 'tenant_region'].map((value) => ({ value, label: `${ENTITY_LABELS[value]}的全部操作（${value}）` })),
  ...[
    ...Object.keys(ACTION_LABELS),
    ...['user', 'department'].flatMap((e) => ['create', 'update', 'delete'].map((v) => `${e}.${v}`)),
    'tenant_region.add',
    'tenant_region.remove',
  ].map((value) => ({ value, label: `${actionLabel(value)}（${value}）` })),
];

const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

/**
 * What the record is about, in words: the object's current name (resolved by the server), else the
 * name its before/after data carries (a deleted object), else its id.
 */
export function describeEntity(entry: AuditEntry): { name: string; id: string | null } {
  const pick = (data: unknown): string | undefined => {
    if (!data || typeof data !== 'object') return undefined;
    const d = data as Record<string, unknown>;
    for (const key of ['name', 'displayName', 'title', 'indicator', 'username', 'code', 'regionCode']) {
      if (typeof d[key] === 'string' && d[key]) return d[key] as string;
    }
    return undefined;
  };
  const name = entry.entityName ?? pick(entry.after) ?? pick(entry.before);
  if (name) return { name, id: entry.entityId };
  return { name: entry.entityId ?? '—', id: null };
}

function EntityCell({ entry }: { entry: AuditEntry }) {
  const { name, id } = describeEntity(entry);
  return (
    <span title={id ? `${name}（编号 ${id}）` : name} data-testid="audit-entity">
      {name}
      {id && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
          #{id}
        </Typography.Text>
      )}
    </span>
  );
}

interface FilterValues {
  actor?: string;
  entityType?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          background: '#f6f8fa',
          border: '1px solid #eaecef',
          borderRadius: 4,
          padding: 12,
          margin: '6px 0 0',
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const audit = useAudit(query);

  const apply = (values: FilterValues) => {
    const [from, to] = values.range ?? [];
    setQuery({
      actor: values.actor?.trim() || undefined,
      entityType: values.entityType?.trim() || undefined,
      action: values.action?.trim() || undefined,
      from: from ? startOfDay(from) : undefined,
      to: to ? endOfDay(to) : undefined,
      page: 1,
      pageSize: query.pageSize,
    });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatTime(v, true) },
    { title: '操作人', key: 'actor', width: 140, render: (_, e) => e.actorName || '系统' },
    { title: '对象类型', dataIndex: 'entityType', key: 'entityType', width: 120, render: (v: string) => ENTITY_LABELS[v] ?? v },
    { title: '对象', key: 'entity', ellipsis: true, render: (_, e) => <EntityCell entry={e} /> },
    {
      title: '操作',
      dataIndex: 'action',
      key: 'action',
      width: 120,
      render: (v: string) => <Tag color={v.endsWith('delete') || v.endsWith('remove') ? 'red' : v.endsWith('create') || v.endsWith('add') ? 'green' : 'blue'}>{actionLabel(v)}</Tag>,
    },
  ];

  if (audit.isError && !audit.data) return <LoadError message={(audit.error as Error).message} onRetry={() => void audit.refetch()} />;

  return (
    <div>
      <PageHeader title="审计日志" description="对计划、结果、信用、案件和系统设置的每一次变更都记录在此，不可修改或删除。展开一行可查看变更前后的数据。" />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} name="auditFilter" layout="vertical" onFinish={apply}>
          <Row gutter={16}>
            <Col xs={24} md={5}>
              <Form.Item label="操作人" name="actor">
                <Input placeholder="用户名或姓名" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item label="对象类型" name="entityType">
                <AutoComplete options={toOptions(ENTITY_LABELS)} placeholder="全部" allowClear showSearch={{ filterOption: (input, option) => String(option?.label ?? '').includes(input) }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item label="操作" name="action">
                <AutoComplete options={ACTION_OPTIONS} placeholder="全部" allowClear showSearch={{ filterOption: (input, option) => String(option?.label ?? '').includes(input) }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item label="时间范围" name="range">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({ page: 1, pageSize: query.pageSize });
              }}
            >
              重置
            </Button>
          </Space>
        </Form>
      </Card>
      <Card>
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={audit.data?.items}
          loading={audit.isFetching}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <JsonBlock title="变更前" value={entry.before} />
                </Col>
                <Col xs={24} md={12}>
                  <JsonBlock title="变更后" value={entry.after} />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条记录`,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
          }}
          locale={{ emptyText: '没有符合条件的记录' }}
        />
      </Card>
    </div>
  );
}
