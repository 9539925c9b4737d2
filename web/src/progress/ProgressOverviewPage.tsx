// 报送督办 (office): for a plan and one of its reporting periods, every responsible department with its
// report: 未报送 / 草稿 / 已报送 / 已退回 / 已采纳, on time or late; open a report to return or accept it.
import { useEffect, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { usePlans, useSupervisionTracking } from '../api/hooks';
import type { PlanTrackingResponse } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { LoadError } from '../components/results';
import { formatTime } from '../format';
import { REPORT_STATUS } from './labels';

type Report = PlanTrackingResponse['reports'][number];

interface Row {
  departmentId: string;
  departmentName: string;
  report: Report | null;
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function ProgressOverviewPage() {
  const [params, setParams] = useSearchParams();
  const plans = usePlans({ status: 'published' });
  const planId = params.get('plan') ?? plans.data?.[0]?.id ?? '';
  const tracking = useSupervisionTracking(planId);
  const navigate = useNavigate();
  const periods = useMemo(() => [...(tracking.data?.periods ?? [])].reverse(), [tracking.data]);
  const periodId = params.get('period') ?? periods[0]?.id ?? '';
  const period = periods.find((p) => p.id === periodId);
  const today = tracking.data?.today ?? todayInShanghai();

  useEffect(() => {
    // A period of another plan in the address: show this plan's latest.
    if (params.get('period') && periods.length && !period) setParams({ plan: planId }, { replace: true });
  }, [params, periods, period, planId, setParams]);

  const rows: Row[] = useMemo(() => {
    const t = tracking.data;
    if (!t) return [];
    const deps = new Map<string, string>();
    for (const x of t.targets) for (const d of x.departments) deps.set(d.id, d.name);
    for (const g of t.tasksByDepartment) deps.set(g.department.id, g.department.name);
    const reports = new Map(t.reports.filter((r) => r.periodId === periodId).map((r) => [r.departmentId, r]));
    return [...deps.entries()].map(([id, name]) => ({ departmentId: id, departmentName: name, report: reports.get(id) ?? null }));
  }, [tracking.data, periodId]);

  const submitted = rows.filter((r) => r.report && (r.report.status === 'submitted' || r.report.status === 'accepted')).length;
  const onTime = rows.filter((r) => r.report?.onTime).length;
  const pastDue = period ? today > period.dueDate : false;

  const columns: TableColumnsType<Row> = [
    { title: '责任单位', dataIndex: 'departmentName', key: 'departmentName' },
    {
      title: '报送状态',
      key: 'status',
      width: 180,
      render: (_, row) => {
        const r = row.report;
        if (!r || r.status === 'draft') {
          return (
            <Space size={4}>
              <Tag color={pastDue ? 'red' : 'default'}>{r ? '未提交（草稿）' : '未报送'}</Tag>
              {pastDue && <Tag color="red">已逾期</Tag>}
            </Space>
          );
        }
        return (
          <Space size={4}>
            <Tag color={REPORT_STATUS[r.status].color}>{REPORT_STATUS[r.status].label}</Tag>
            {r.onTime === true && <Tag color="green">按时</Tag>}
            {r.onTime === false && <Tag color="orange">逾期报送</Tag>}
            {r.status === 'returned' && pastDue && <Tag color="red">已逾期</Tag>}
          </Space>
        );
      },
    },
    { title: '提交时间', key: 'submittedAt', width: 160, render: (_, row) => formatTime(row.report?.submittedAt ?? null) },
    {
      title: '退回原因',
      key: 'returnedReason',
      render: (_, row) => (row.report?.status === 'returned' ? row.report.returnedReason : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, row) =>
        row.report && row.report.status !== 'draft' ? (
          <Button type="link" size="small" onClick={() => navigate(`/progress/reports/${row.report!.id}`)}>
            {row.report.status === 'submitted' ? '审核' : '查看'}
          </Button>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  if (plans.isError) return <LoadError message={(plans.error as Error).message} onRetry={() => void plans.refetch()} />;

  return (
    <div>
      <PageHeader title="报送督办" description="按计划和报送周期查看各责任单位的进度报送；可退回（须填写原因）或采纳已提交的报送。" />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Space>
            <Typography.Text>行动计划</Typography.Text>
            <Select
              style={{ width: 420, maxWidth: 'calc(100vw - 200px)' }}
              value={planId || undefined}
              placeholder="选择计划"
              loading={plans.isPending}
              options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              onChange={(v: string) => setParams({ plan: v })}
              aria-label="行动计划"
            />
          </Space>
          <Space>
            <Typography.Text>报送周期</Typography.Text>
            <Select
              style={{ width: 220, maxWidth: 'calc(100vw - 200px)' }}
              value={period ? periodId : undefined}
              placeholder={tracking.isPending ? '加载中' : '暂无报送周期'}
              options={periods.map((p) => ({ value: p.id, label: `${p.label}（截止 ${p.dueDate}）` }))}
              onChange={(v: string) => setParams({ plan: planId, period: v })}
              aria-label="报送周期"
            />
          </Space>
        </Space>
      </Card>
      {tracking.isError ? (
        <LoadError message={(tracking.error as Error).message} onRetry={() => void tracking.refetch()} />
      ) : (
        <Card
          title={period ? `${period.label}：${period.startDate} 至 ${period.endDate}，截止 ${period.dueDate}` : '报送情况'}
          extra={
            period && (
              <Space size="large">
                <Statistic title="责任单位" value={rows.length} />
                <Statistic title="已报送" value={submitted} />
                <Statistic title="按时" value={onTime} />
              </Space>
            )
          }
        >
          {!planId && !plans.isPending ? (
            <Empty description="暂无已发布的计划" />
          ) : (
            <Table rowKey="departmentId" size="small" columns={columns} dataSource={period ? rows : []} loading={tracking.isPending} pagination={false} locale={{ emptyText: '本计划尚无报送周期（计划发布后按报送周期生成）' }} />
          )}
        </Card>
      )}
    </div>
  );
}
