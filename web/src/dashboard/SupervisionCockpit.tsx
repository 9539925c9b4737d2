// The office's 驾驶舱: target status by plan (stacked bar), on-time reporting by department (bar), and
// what is overdue now (table). Status rules are the server's; the chart colours match the badges.
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EChartsOption } from 'echarts';
import { useDashboard } from '../api/hooks';
import type { DashboardOverdueItem, DashboardResponse, TargetStatusKey } from '../api/types';
import { LoadError } from '../components/results';
import { REPORT_STATUS } from '../progress/labels';
import { Chart, escapeHtml, shortLabel } from './charts';

export const TARGET_STATUS_VIEW: Record<TargetStatusKey, { label: string; color: string; tag: string }> = {
  achieved: { label: '已达成', color: '#52c41a', tag: 'green' },
  on_track: { label: '正常', color: '#1677ff', tag: 'blue' },
  warning: { label: '预警', color: '#fa8c16', tag: 'orange' },
  behind: { label: '滞后', color: '#f5222d', tag: 'red' },
  no_report: { label: '未报送', color: '#bfbfbf', tag: 'default' },
  missed: { label: '未达成', color: '#820014', tag: 'magenta' },
};
const STATUS_ORDER: TargetStatusKey[] = ['achieved', 'on_track', 'warning', 'behind', 'no_report', 'missed'];

function statusByPlanOption(plans: DashboardResponse['plans']): EChartsOption {
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // Our own formatter, escaping the plan title (it comes from an uploaded document).
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number; seriesName: string; value: number; marker: string }[];
        const p = plans[list[0]?.dataIndex ?? -1];
        if (!p) return '';
        return [escapeHtml(p.title), ...list.map((x) => `${x.marker}${escapeHtml(x.seriesName)}：${escapeHtml(x.value)}`)].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: plans.map((p) => p.title),
      axisLabel: { formatter: (v: string) => shortLabel(v, 14) },
    },
    series: STATUS_ORDER.map((s) => ({
      name: TARGET_STATUS_VIEW[s].label,
      type: 'bar',
      stack: 'status',
      barMaxWidth: 28,
      itemStyle: { color: TARGET_STATUS_VIEW[s].color },
      emphasis: { focus: 'series' },
      data: plans.map((p) => p.counts[s]),
    })),
  };
}

function onTimeOption(rows: DashboardResponse['onTime']): EChartsOption {
  // Lowest rate on top: who needs a reminder first.
  const shown = rows.filter((r) => r.rate !== null).sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.due - a.due);
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0];
        const r = shown[p.dataIndex];
        if (!r) return '';
        // The department name is data (an admin or an imported document wrote it): escaped, never markup.
        return `${escapeHtml(r.departmentName)}<br/>按时报送率：${escapeHtml(r.rate)}%<br/>应报 ${escapeHtml(r.due)} 份：按时 ${escapeHtml(r.onTime)}，逾期报送 ${escapeHtml(r.late)}，未报送 ${escapeHtml(r.missing)}`;
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.departmentName), axisLabel: { formatter: (v: string) => shortLabel(v, 9) } },
    series: [
      {
        type: 'bar',
        name: '按时报送率',
        barMaxWidth: 18,
        data: shown.map((r) => ({
          value: r.rate,
          itemStyle: { color: (r.rate ?? 0) >= 90 ? '#52c41a' : (r.rate ?? 0) >= 60 ? '#faad14' : '#f5222d' },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}

export function SupervisionCockpit() {
  const dashboard = useDashboard();
  const navigate = useNavigate();
  const data = dashboard.data;

  const columns: TableColumnsType<DashboardOverdueItem> = useMemo(
    () => [
      { title: '责任单位', dataIndex: 'departmentName', key: 'departmentName', width: 160 },
      {
        title: '行动计划',
        dataIndex: 'planTitle',
        key: 'planTitle',
        render: (title: string, r) => <Typography.Link onClick={() => navigate(`/plans/${r.planId}`)}>{title}</Typography.Link>,
      },
      { title: '报送周期', dataIndex: 'periodLabel', key: 'periodLabel', width: 140 },
      { title: '截止日期', dataIndex: 'dueDate', key: 'dueDate', width: 110 },
      {
        title: '逾期',
        dataIndex: 'workingDaysOverdue',
        key: 'workingDaysOverdue',
        width: 110,
        sorter: (a, b) => a.workingDaysOverdue - b.workingDaysOverdue,
        defaultSortOrder: 'descend',
        render: (n: number) => <Typography.Text type="danger">{n} 个工作日</Typography.Text>,
      },
      {
        title: '报送状态',
        dataIndex: 'reportStatus',
        key: 'reportStatus',
        width: 100,
        render: (s: DashboardOverdueItem['reportStatus']) =>
          s && s in REPORT_STATUS ? <Tag color={REPORT_STATUS[s as keyof typeof REPORT_STATUS].color}>{REPORT_STATUS[s as keyof typeof REPORT_STATUS].label}</Tag> : <Tag color="red">未报送</Tag>,
      },
    ],
    [navigate],
  );

  if (dashboard.isError) return <LoadError message={(dashboard.error as Error).message} onRetry={() => void dashboard.refetch()} />;

  const totals = data?.totals;
  const totalTargets = totals ? STATUS_ORDER.reduce((n, s) => n + totals[s], 0) : 0;
  const due = data?.onTime.reduce((n, r) => n + r.due, 0) ?? 0;
  const onTime = data?.onTime.reduce((n, r) => n + r.onTime, 0) ?? 0;

  return (
    <div>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="已发布计划" value={data?.plans.length ?? 0} suffix="个" loading={dashboard.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="目标指标" value={totalTargets} suffix="项" loading={dashboard.isPending} />
            {totals && (
              <Space size={4} wrap style={{ marginTop: 4 }}>
                {STATUS_ORDER.filter((s) => totals[s]).map((s) => (
                  <Tag key={s} color={TARGET_STATUS_VIEW[s].tag}>
                    {TARGET_STATUS_VIEW[s].label} {totals[s]}
                  </Tag>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="按时报送率" value={due ? Math.round((onTime / due) * 1000) / 10 : '—'} suffix={due ? '%' : undefined} loading={dashboard.isPending} />
            <Typography.Text type="secondary">已到期 {due} 份，按时 {onTime} 份</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title="逾期未报送"
              value={data?.overdueTotal ?? 0}
              suffix="份"
              loading={dashboard.isPending}
              styles={{ content: data?.overdueTotal ? { color: '#cf1322' } : undefined }}
            />
            <Typography.Text type="secondary">数据日期 {data?.today ?? '—'}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="各计划目标状态" loading={dashboard.isPending} style={{ height: '100%' }}>
            {data && data.plans.length ? (
              <Chart label="各计划目标状态堆叠柱状图" option={statusByPlanOption(data.plans)} height={Math.max(240, 60 + data.plans.length * 48)} />
            ) : (
              <Empty description="暂无已发布的计划" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title="各部门按时报送率"
            loading={dashboard.isPending}
            style={{ height: '100%' }}
            extra={
              <Tooltip title="在截止日（含）之前提交且未被退回的报送为按时报送；只统计截止日已过的报送周期。">
                <Typography.Text type="secondary">口径说明</Typography.Text>
              </Tooltip>
            }
          >
            {data && data.onTime.some((r) => r.rate !== null) ? (
              <Chart label="各部门按时报送率柱状图" option={onTimeOption(data.onTime)} height={Math.max(240, 24 + data.onTime.filter((r) => r.rate !== null).length * 22)} />
            ) : (
              <Empty description="还没有到期的报送周期" />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={`逾期未报送（${data?.overdueTotal ?? 0}）`}
        data-testid="overdue-card"
        extra={data && data.overdueTotal > data.overdue.length ? <Typography.Text type="secondary">仅列出逾期最久的 {data.overdue.length} 份</Typography.Text> : undefined}
      >
        {data && data.overdue.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message="以下报送已过截止日期仍未提交，可在“督查通报”中生成通报。" />
        )}
        <Table
          rowKey={(r) => `${r.periodId}:${r.departmentId}`}
          size="small"
          columns={columns}
          dataSource={data?.overdue ?? []}
          loading={dashboard.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '没有逾期未报送的报送' }}
        />
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={`已到期未达成的目标（${data?.expired.length ?? 0}）`} data-testid="expired-card" size="small">
            <Table
              rowKey="targetId"
              size="small"
              dataSource={data?.expired ?? []}
              loading={dashboard.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: '没有到期未达成的目标' }}
              columns={[
                { title: '指标', dataIndex: 'indicator', key: 'indicator', render: (v: string, r) => <Link to={`/plans/${r.planId}`}>{v}</Link> },
                { title: '截止', dataIndex: 'deadline', key: 'deadline', width: 110 },
                { title: '最后采纳值', key: 'v', width: 110, render: (_, r) => (r.latestValue === null ? '无' : `${r.latestValue}${r.unit}`) },
                { title: '状态', key: 's', width: 80, render: () => <Tag color="magenta">未达成</Tag> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`逾期未完成的任务（${data?.overdueTasks.length ?? 0}）`} data-testid="overdue-tasks-card" size="small">
            <Table
              rowKey="taskId"
              size="small"
              dataSource={data?.overdueTasks ?? []}
              loading={dashboard.isPending}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: '没有逾期未完成的任务' }}
              columns={[
                { title: '任务', dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={`/plans/${r.planId}`}>{v}</Link> },
                { title: '截止', dataIndex: 'dueDate', key: 'dueDate', width: 110 },
                { title: '状态', key: 's', width: 80, render: () => <Tag color="red">逾期</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
