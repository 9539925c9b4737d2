// The plan page: metadata, outline with the source text, targets with latest value and status,
// tasks by department, report history; 发布 for drafts; inline edit of a target (version-checked).
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Empty,
  InputNumber,
  Input,
  Popover,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DataNode } from 'antd/es/tree';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, InfoCircleOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../api/client';
import { useMe, usePlan, usePublishPlan, useUpdateTarget } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { Comparator, OutlineNode, Target, Task } from '../api/types';
import { PlanMaintenance } from './PlanMaintenance';
import { FollowUpsTab, usePlanFollowUps } from './FollowUpsTab';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { forPrint, usePrinting } from '../components/print';
import { formatTime } from '../format';
import {
  COMPARATOR_OPTIONS,
  formatPeriod,
  formatTarget,
  PLAN_STATUS_COLORS,
  PLAN_STATUS_LABELS,
  ROLE_LABELS,
  TARGET_KIND_LABELS,
  TARGET_STATUS,
} from './labels';
import { SourceText, type Span } from './SourceText';
import { REPORT_STATUS_LABELS, usePlanTracking, type TrackedReport, type TrackedTarget, type Tracking } from './tracking';

const CONFLICT_MESSAGE = '数据已被他人修改，请刷新后重试';
const TASK_PROGRESS_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'blue', done: 'green', blocked: 'red' };
const CYCLE_LABELS: Record<string, string> = { monthly: '每月', quarterly: '每季度', half_yearly: '每半年' };

function outlineNodes(nodes: OutlineNode[], path = 'o'): DataNode[] {
  return nodes.map((n, i) => ({
    key: `${path}-${i}`,
    title: `${n.marker} ${n.title}`.trim(),
    children: outlineNodes(n.children, `${path}-${i}`),
  }));
}

function findOutlineSpan(nodes: OutlineNode[], key: string, path = 'o'): Span | null {
  for (let i = 0; i < nodes.length; i++) {
    const k = `${path}-${i}`;
    if (k === key) return nodes[i].span;
    if (key.startsWith(`${k}-`)) return findOutlineSpan(nodes[i].children, key, k);
  }
  return null;
}

export function StatusRules({ tracking, marginPct }: { tracking: Tracking | undefined; marginPct: number }) {
  const statuses = tracking?.rules.statuses;
  const rules = statuses ? (Object.keys(TARGET_STATUS) as (keyof typeof TARGET_STATUS)[]).filter((k) => statuses[k]).map((k) => ({ status: k, text: statuses[k] })) : [];
  return (
    <div style={{ maxWidth: 460 }} data-testid="status-rules">
      {rules.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tracking ? '暂无状态判定规则。' : '正在加载状态判定规则…'}
        </Typography.Paragraph>
      ) : (
        <>
          {rules.map((r) => (
            <Typography.Paragraph key={r.status} style={{ marginBottom: 6 }}>
              <Tag color={TARGET_STATUS[r.status].color}>{TARGET_STATUS[r.status].label}</Tag>
              {r.text.replace('{margin}', String(marginPct)).replace(/^[^：]+：/, '')}
            </Typography.Paragraph>
          ))}
          {tracking!.rules.notes.length > 0 && (
            <ul style={{ paddingInlineStart: 18, margin: 0, color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>
              {tracking!.rules.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

interface TargetDraft {
  comparator: Comparator;
  value: number | null;
  valueMax: number | null;
  unit: string;
  deadlineYear: number | null;
}

export function PlanPage() {
  const { id = '' } = useParams();
  const me = useMe().data!;
  const plan = usePlan(id);
  const printing = usePrinting();
  const tracking = usePlanTracking(id);
  const publish = usePublishPlan();
  const updateTarget = useUpdateTarget(id);
  const notify = useNotify();
  const { modal } = App.useApp();
  const [span, setSpan] = useState<Span | null>(null);
  const [tab, setTab] = useState('targets');
  const followUps = usePlanFollowUps(id);
  const [editing, setEditing] = useState<{ id: string; draft: TargetDraft } | null>(null);
  const canManage = roleMay(me.role, 'plans:manage');

  const byDepartment = useMemo(() => {
    const groups = new Map<string, { name: string; tasks: { task: Task; role: 'lead' | 'co' }[] }>();
    const none: Task[] = [];
    for (const task of plan.data?.tasks ?? []) {
      if (!task.departments.length) none.push(task);
      for (const d of task.departments) {
        const g = groups.get(d.id) ?? { name: d.name, tasks: [] };
        g.tasks.push({ task, role: d.role });
        groups.set(d.id, g);
      }
    }
    return { groups: [...groups.entries()].sort((a, b) => b[1].tasks.length - a[1].tasks.length), none };
  }, [plan.data?.tasks]);

  /** Latest reported progress of each task by each department ("deptId:taskId"). */
  const taskProgress = useMemo(() => {
    const m = new Map<string, { statusLabel: string; status: string; periodLabel: string }>();
    for (const g of tracking.data?.tasksByDepartment ?? []) for (const k of g.tasks) if (k.latest) m.set(`${g.department.id}:${k.id}`, k.latest);
    return m;
  }, [tracking.data]);
  const trackedById = useMemo(() => new Map<string, TrackedTarget>((tracking.data?.targets ?? []).map((x) => [x.id, x])), [tracking.data]);

  if (plan.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (plan.isError) return <LoadError message={errorMessage(plan.error)} onRetry={() => void plan.refetch()} />;
  const { plan: p, targets, source, outline } = plan.data;
  const text = source?.text ?? '';

  const showSource = (s: Span | null) => {
    if (!s || !text) return;
    setSpan(s);
  };

  const confirmPublish = () => {
    modal.confirm({
      title: '确认发布该计划？',
      content: `发布后《${p.title}》的目标和任务将下发给责任部门报送进度，并在公开页面展示。`,
      okText: '发布',
      cancelText: '取消',
      onOk: () =>
        publish.mutateAsync({ id: p.id, version: p.version }).then(
          () => notify.success('计划已发布'),
          (err: unknown) => notify.error(err),
        ),
    });
  };

  const startEdit = (t: Target) =>
    setEditing({ id: t.id, draft: { comparator: t.comparator, value: t.value, valueMax: t.valueMax, unit: t.unit, deadlineYear: t.deadlineYear } });

  const saveEdit = (t: Target) => {
    if (!editing) return;
    const d = editing.draft;
    if (d.value === null) {
      notify.error(new ApiError(400, 'VALIDATION_FAILED', '请填写目标值'));
      return;
    }
    updateTarget.mutate(
      {
        targetId: t.id,
        version: t.version,
        comparator: d.comparator,
        value: d.value,
        valueMax: d.comparator === 'range' ? (d.valueMax ?? d.value) : null,
        unit: d.unit.trim(),
        deadlineYear: d.deadlineYear,
      },
      {
        onSuccess: () => {
          setEditing(null);
          notify.success('指标已保存');
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) notify.error(new ApiError(409, 'CONFLICT', CONFLICT_MESSAGE));
          else notify.error(err);
        },
      },
    );
  };

  const setDraft = (patch: Partial<TargetDraft>) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, ...patch } } : e));
  const t = tracking.data;
  const statusTitle = (
    <Space size={4}>
      状态
      <Popover title="目标状态判定规则" content={<StatusRules tracking={t} marginPct={p.warningMarginPct} />} trigger="click">
        <InfoCircleOutlined style={{ color: '#1d4e89', cursor: 'pointer' }} aria-label="状态规则说明" data-testid="status-rules-button" />
      </Popover>
    </Space>
  );

  const targetColumns: ColumnsType<Target> = [
    { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
    {
      title: '指标',
      dataIndex: 'indicator',
      render: (v: string, row) => (
        <div>
          <Typography.Text>{v}</Typography.Text>
          {row.departments.length > 0 && (
            <div style={{ marginTop: 2 }}>
              {row.departments.map((d) => (
                <Tag key={d.id} color={d.role === 'lead' ? 'blue' : undefined} style={{ fontSize: 11 }}>
                  {d.name}
                </Tag>
              ))}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '目标',
      key: 'target',
      width: 210,
      render: (_, row) => {
        if (editing?.id !== row.id) return <span data-testid="target-goal">{formatTarget(row)}</span>;
        const d = editing.draft;
        return (
          <Space.Compact style={{ width: '100%' }} onClick={(e) => e.stopPropagation()}>
            <Select<Comparator> value={d.comparator} options={COMPARATOR_OPTIONS} style={{ width: 70 }} onChange={(comparator) => setDraft({ comparator })} aria-label="比较方式" />
            <InputNumber value={d.value} style={{ width: 90 }} onChange={(v) => setDraft({ value: typeof v === 'number' ? v : null })} aria-label="目标值" />
            {d.comparator === 'range' && (
              <InputNumber value={d.valueMax} style={{ width: 80 }} onChange={(v) => setDraft({ valueMax: typeof v === 'number' ? v : null })} aria-label="上限值" />
            )}
            <Input value={d.unit} style={{ width: 60 }} onChange={(e) => setDraft({ unit: e.target.value })} aria-label="单位" />
          </Space.Compact>
        );
      },
    },
    { title: '类型', dataIndex: 'kind', width: 88, render: (k: Target['kind']) => <span style={{ whiteSpace: 'nowrap' }}>{TARGET_KIND_LABELS[k]}</span> },
    {
      title: '截止',
      key: 'deadline',
      width: 100,
      render: (_, row) =>
        editing?.id === row.id ? (
          <InputNumber value={editing.draft.deadlineYear} controls={false} min={1949} max={2100} style={{ width: 80 }} onChange={(v) => setDraft({ deadlineYear: typeof v === 'number' ? v : null })} aria-label="完成年份" />
        ) : (
          (trackedById.get(row.id)?.deadline ?? (row.deadlineYear ? `${row.deadlineYear}年底` : p.periodEndYear ? `${p.periodEndYear}年底` : '—'))
        ),
    },
    {
      title: '最新值',
      key: 'latest',
      width: 120,
      render: (_, row) => {
        const latest = trackedById.get(row.id)?.latest;
        if (!latest) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div>
            {latest.value}
            {row.unit ? ` ${row.unit}` : ''}
            {latest.asOf && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                截至 {latest.asOf}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: statusTitle,
      key: 'status',
      width: 90,
      render: (_, row) => {
        const s = trackedById.get(row.id)?.status ?? 'no_report';
        return (
          <Tag color={TARGET_STATUS[s].color} data-testid="target-status">
            {TARGET_STATUS[s].label}
          </Tag>
        );
      },
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 96,
            render: (_: unknown, row: Target) =>
              editing?.id === row.id ? (
                <Space size={4} onClick={(e) => e.stopPropagation()}>
                  <Button size="small" type="primary" loading={updateTarget.isPending} onClick={() => saveEdit(row)}>
                    保存
                  </Button>
                  <Button size="small" onClick={() => setEditing(null)}>
                    取消
                  </Button>
                </Space>
              ) : (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    startEdit(row);
                  }}
                >
                  修改
                </Button>
              ),
          },
        ]
      : []),
  ];

  const reportColumns: ColumnsType<TrackedReport> = [
    { title: '报送期', dataIndex: 'periodLabel', width: 140 },
    { title: '报送部门', dataIndex: 'departmentName', width: 160 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: TrackedReport['status']) => <Tag color={REPORT_STATUS_LABELS[s].color}>{REPORT_STATUS_LABELS[s].label}</Tag>,
    },
    { title: '截止日', dataIndex: 'dueDate', width: 110 },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatTime(v) },
    {
      title: '按时',
      dataIndex: 'onTime',
      width: 80,
      render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="green">按时</Tag> : <Tag color="red">逾期</Tag>),
    },
    { title: '退回原因', dataIndex: 'returnedReason', render: (v: string | null) => v ?? '' },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} align="start">
        <div>
          <Space align="center" wrap>
            <Link to="/plans">
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回计划列表" />
            </Link>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="plan-title">
              {p.title}
            </Typography.Title>
            <Tag color={PLAN_STATUS_COLORS[p.status]} data-testid="plan-status">
              {PLAN_STATUS_LABELS[p.status]}
            </Tag>
          </Space>
        </div>
        {canManage && p.status === 'draft' && (
          <Button type="primary" icon={<SendOutlined />} onClick={confirmPublish} loading={publish.isPending} data-testid="publish-plan">
            发布
          </Button>
        )}
        {p.status === 'published' && (
          <Typography.Text type="success">
            <CheckCircleOutlined /> 已于 {formatTime(p.publishedAt)} 发布
          </Typography.Text>
        )}
      </Space>

      {canManage && <PlanMaintenance plan={p} targets={plan.data.targets} tasks={plan.data.tasks} />}

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'issuer', label: '发文机关', children: p.issuer ?? '—' },
            { key: 'number', label: '文号', children: p.documentNumber ?? '—' },
            { key: 'period', label: '期限', children: formatPeriod(p.periodStartYear, p.periodEndYear) },
            { key: 'topic', label: '主题', children: [p.topicCategory, p.topicSubcategory].filter(Boolean).join(' / ') || '—' },
            { key: 'region', label: '地区', children: p.region ?? '—' },
            { key: 'written', label: '成文日期', children: <span data-testid="plan-written-date">{p.writtenDate ?? '—'}</span> },
            { key: 'published', label: '发布日期', children: p.publishedDate ?? '—' },
            { key: 'cycle', label: '报送周期', children: `${CYCLE_LABELS[p.reportingCycle] ?? p.reportingCycle}，期末后 ${p.reportDueWorkingDays} 个工作日内` },
            { key: 'margin', label: '预警幅度', children: `${p.warningMarginPct}%` },
            { key: 'file', label: '来源文件', children: source?.fileName ?? '—' },
          ]}
        />
      </Card>

      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'targets',
                  label: `目标指标 ${targets.length}`,
                  children: (
                    <Table<Target>
                      rowKey="id"
                      size="small"
                      data-testid="plan-targets"
                      columns={forPrint(targetColumns, printing)}
                      dataSource={targets}
                      pagination={false}
                      onRow={(row) => ({ onClick: () => showSource(row.span), style: { cursor: row.span ? 'pointer' : undefined } })}
                      locale={{ emptyText: '没有目标指标' }}
                    />
                  ),
                },
                {
                  key: 'tasks',
                  label: `重点任务 ${plan.data.tasks.length}`,
                  children:
                    byDepartment.groups.length === 0 && byDepartment.none.length === 0 ? (
                      <Empty description="没有任务" />
                    ) : (
                      <Collapse
                        size="small"
                        data-testid="plan-tasks"
                        defaultActiveKey={byDepartment.groups.slice(0, 1).map(([key]) => key)}
                        items={[
                          ...byDepartment.groups.map(([key, g]) => ({
                            key,
                            label: (
                              <span>
                                {g.name} <Typography.Text type="secondary">（{g.tasks.length} 项，牵头 {g.tasks.filter((x) => x.role === 'lead').length} 项）</Typography.Text>
                              </span>
                            ),
                            children: (
                              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                                {g.tasks.map(({ task, role }) => {
                                  const progress = taskProgress.get(`${key}:${task.id}`);
                                  return (
                                    <li key={task.id} style={{ marginBottom: 6, cursor: task.span ? 'pointer' : undefined }} onClick={() => showSource(task.span)}>
                                      <Tag color={role === 'lead' ? 'blue' : undefined}>{ROLE_LABELS[role]}</Tag>
                                      {task.marker ? `${task.marker} ` : ''}
                                      {task.title}
                                      {task.deadlineText && <Typography.Text type="secondary">（{task.deadlineText}）</Typography.Text>}
                                      {progress ? (
                                        <Tag color={TASK_PROGRESS_COLORS[progress.status] ?? 'default'} style={{ marginInlineStart: 6 }} title={progress.periodLabel}>
                                          {progress.statusLabel}
                                        </Tag>
                                      ) : (
                                        <Tag style={{ marginInlineStart: 6 }}>未报送</Tag>
                                      )}
                                    </li>
                                  );
                                })}
                              </ul>
                            ),
                          })),
                          ...(byDepartment.none.length
                            ? [
                                {
                                  key: 'none',
                                  label: <Typography.Text type="warning">未指定责任部门（{byDepartment.none.length} 项）</Typography.Text>,
                                  children: (
                                    <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                                      {byDepartment.none.map((task) => (
                                        <li key={task.id} style={{ marginBottom: 6 }} onClick={() => showSource(task.span)}>
                                          {task.title}
                                        </li>
                                      ))}
                                    </ul>
                                  ),
                                },
                              ]
                            : []),
                        ]}
                      />
                    ),
                },
                {
                  key: 'followups',
                  label: `后续任务 ${followUps.data?.items.filter((f) => f.state === 'open').length ?? 0}`,
                  children: <FollowUpsTab planId={id} />,
                },
                {
                  key: 'outline',
                  label: '提纲',
                  children: outline.length ? (
                    <Tree
                      data-testid="plan-outline"
                      treeData={outlineNodes(outline)}
                      defaultExpandAll
                      onSelect={(keys) => keys[0] && showSource(findOutlineSpan(outline, String(keys[0])))}
                    />
                  ) : (
                    <Empty description="没有提纲" />
                  ),
                },
                {
                  key: 'reports',
                  label: `报送记录 ${t?.reports.length ?? 0}`,
                  children: (
                    <Table
                      rowKey="id"
                      size="small"
                      columns={reportColumns}
                      dataSource={t?.reports ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      loading={tracking.isPending}
                      locale={{ emptyText: p.status === 'draft' ? '计划发布后，责任部门按周期报送进度' : '暂无报送记录' }}
                    />
                  ),
                },
              ]}
            />
      </Card>
      <Drawer
        title="原文定位"
        placement="right"
        size={560}
        mask={false}
        open={!!span && !!text}
        onClose={() => setSpan(null)}
        data-testid="source-drawer"
      >
        <SourceText text={text} span={span} height="calc(100vh - 120px)" />
      </Drawer>
    </div>
  );
}
