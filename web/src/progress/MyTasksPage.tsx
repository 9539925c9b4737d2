// 我的任务 (department user): the reporting periods it owes a report for, its targets with their status,
// and its tasks with their latest reported status. 填报 opens (creates) the period's report.
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useCreateReport, useMyPeriods, useMyTargets, useMyTasks } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { MyPeriod, MyTarget, MyTask } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { LoadError } from '../components/results';
import { TARGET_STATUS_VIEW } from '../dashboard/SupervisionCockpit';
import { formatGoal, OBLIGATION_STATE, REPORT_STATUS, TASK_PROGRESS } from './labels';

/** Open the period's report: the existing one, or a new draft. */
function useOpenReport() {
  const create = useCreateReport();
  const navigate = useNavigate();
  const notify = useNotify();
  const open = (p: MyPeriod) => {
    if (p.reportId) {
      navigate(`/progress/reports/${p.reportId}`);
      return;
    }
    // mutateAsync, not mutate() with callbacks: TanStack Query drops callbacks given to mutate() when the
    // table unmounts or mutate() is called again before the request settles, and the user would be left on
    // the list with the report created but not opened.
    create
      .mutateAsync({ planId: p.planId, periodId: p.periodId })
      .then((res) => navigate(`/progress/reports/${res.report.id}`))
      .catch((e: unknown) => {
        // Someone of the department opened it meanwhile: go to that one.
        const existing = e instanceof ApiError && e.code === 'REPORT_EXISTS' ? (e.details as { reportId?: string } | undefined)?.reportId : undefined;
        if (existing) navigate(`/progress/reports/${existing}`);
        else notify.error(e);
      });
  };
  return { open, pending: create.isPending ? create.variables?.periodId : undefined };
}

function PeriodTable({ rows, loading }: { rows: MyPeriod[]; loading: boolean }) {
  const { open, pending } = useOpenReport();
  const columns: TableColumnsType<MyPeriod> = [
    { title: '行动计划', dataIndex: 'planTitle', key: 'planTitle' },
    { title: '报送周期', dataIndex: 'periodLabel', key: 'periodLabel', width: 140 },
    { title: '截止日期', dataIndex: 'dueDate', key: 'dueDate', width: 110 },
    {
      title: '状态',
      key: 'state',
      width: 170,
      render: (_, p) => (
        <Space size={4}>
          <Tag color={OBLIGATION_STATE[p.state].color}>{OBLIGATION_STATE[p.state].label}</Tag>
          {p.reportStatus === 'returned' && <Tag color={REPORT_STATUS.returned.color}>已退回</Tag>}
          {p.reportStatus === 'draft' && <Tag>草稿</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, p) => {
        const editable = !p.reportStatus || p.reportStatus === 'draft' || p.reportStatus === 'returned';
        return (
          <Button
            type={editable ? 'primary' : 'link'}
            size="small"
            icon={editable ? <EditOutlined /> : <EyeOutlined />}
            loading={pending === p.periodId}
            onClick={() => open(p)}
          >
            {!p.reportStatus ? '填报' : p.reportStatus === 'returned' ? '修改重报' : editable ? '继续填报' : '查看'}
          </Button>
        );
      },
    },
  ];
  return (
    <Table
      rowKey={(p) => `${p.periodId}`}
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: '暂无需要报送的周期' }}
    />
  );
}

/** The department's open reports, for the 驾驶舱. */
export function MyWorkSummary() {
  const periods = useMyPeriods();
  const navigate = useNavigate();
  const open = (periods.data ?? []).filter((p) => p.state === 'overdue' || p.state === 'due_soon' || p.state === 'open');
  const overdue = open.filter((p) => p.state === 'overdue').length;
  return (
    <Card
      title="待报送"
      style={{ marginBottom: 16 }}
      extra={
        <Button type="link" onClick={() => navigate('/progress/my')}>
          进入我的任务
        </Button>
      }
    >
      {overdue > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`有 ${overdue} 份报送已逾期，请尽快填报`} />}
      {periods.isError ? <LoadError message={(periods.error as Error).message} /> : <PeriodTable rows={open} loading={periods.isPending} />}
    </Card>
  );
}

export function MyTasksPage() {
  const periods = useMyPeriods();
  const targets = useMyTargets();
  const tasks = useMyTasks();

  const targetColumns: TableColumnsType<MyTarget> = [
    { title: '行动计划', dataIndex: 'planTitle', key: 'planTitle', width: 220, ellipsis: true },
    { title: '指标', dataIndex: 'indicator', key: 'indicator' },
    { title: '目标', key: 'goal', width: 120, render: (_, t) => formatGoal(t) },
    { title: '截止', dataIndex: 'deadline', key: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '最新报送',
      key: 'latest',
      width: 150,
      render: (_, t) => (t.latest ? `${t.latest.value}${t.unit}（${t.latest.asOf}）` : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: MyTarget['status']) => <Tag color={TARGET_STATUS_VIEW[s].tag}>{TARGET_STATUS_VIEW[s].label}</Tag>,
    },
    { title: '责任', dataIndex: 'role', key: 'role', width: 70, render: (r: string) => (r === 'lead' ? <Tag color="blue">牵头</Tag> : <Tag>配合</Tag>) },
  ];

  const taskColumns: TableColumnsType<MyTask> = [
    { title: '行动计划', dataIndex: 'planTitle', key: 'planTitle', width: 220, ellipsis: true },
    {
      title: '任务',
      key: 'title',
      render: (_, t) => (
        <>
          {t.marker && <Typography.Text strong>{t.marker} </Typography.Text>}
          {t.title}
        </>
      ),
    },
    { title: '时限', key: 'deadline', width: 120, render: (_, t) => t.dueDate ?? t.deadlineText ?? '—' },
    {
      title: '最新状态',
      key: 'latest',
      width: 150,
      render: (_, t) =>
        t.latest ? (
          <Tooltip title={t.latest.note ?? undefined}>
            <Tag color={TASK_PROGRESS[t.latest.status].color}>{TASK_PROGRESS[t.latest.status].label}</Tag>
            <Typography.Text type="secondary">{t.latest.periodLabel}</Typography.Text>
          </Tooltip>
        ) : (
          <Tag>未报送</Tag>
        ),
    },
    { title: '责任', dataIndex: 'role', key: 'role', width: 70, render: (r: string) => (r === 'lead' ? <Tag color="blue">牵头</Tag> : <Tag>配合</Tag>) },
  ];

  if (periods.isError) return <LoadError message={(periods.error as Error).message} onRetry={() => void periods.refetch()} />;

  return (
    <div>
      <PageHeader title="我的任务" description="本部门在已发布计划中负责的任务和指标；按报送周期填报进展，截止日期按工作日计算。" />
      <Card title="报送周期" style={{ marginBottom: 16 }}>
        <PeriodTable rows={periods.data ?? []} loading={periods.isPending} />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'targets',
              label: `指标（${targets.data?.length ?? 0}）`,
              children: targets.isError ? (
                <LoadError message={(targets.error as Error).message} />
              ) : (
                <Table rowKey="id" size="small" columns={targetColumns} dataSource={targets.data ?? []} loading={targets.isPending} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: <Empty description="本部门没有负责的指标" /> }} />
              ),
            },
            {
              key: 'tasks',
              label: `任务（${tasks.data?.length ?? 0}）`,
              children: tasks.isError ? (
                <LoadError message={(tasks.error as Error).message} />
              ) : (
                <Table rowKey="id" size="small" columns={taskColumns} dataSource={tasks.data ?? []} loading={tasks.isPending} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: <Empty description="本部门没有负责的任务" /> }} />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
