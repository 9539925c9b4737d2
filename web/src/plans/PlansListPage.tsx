// 行动计划: the authority's plans with status, counts, period and issuer; 导入计划文件 for the office.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { useMe, usePlanPage } from '../api/hooks';
import type { PlanListResponse } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { formatTime } from '../format';
import { formatPeriod, PLAN_STATUS_COLORS, PLAN_STATUS_LABELS } from './labels';

type PlanRow = PlanListResponse['items'][number];
type StatusFilter = 'all' | 'draft' | 'published';

export function PlansListPage() {
  const user = useMe().data!;
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const plans = usePlanPage({ status: status === 'all' ? undefined : status, q: q.trim() || undefined, page, pageSize });
  const navigate = useNavigate();
  const canImport = roleMay(user.role, 'plans:import');

  const columns: ColumnsType<PlanRow> = [
    {
      title: '计划名称',
      dataIndex: 'title',
      render: (title: string, p) => (
        <div>
          <Link to={`/plans/${p.id}`}>{title}</Link>
          {p.documentNumber && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {p.documentNumber}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: PlanRow['status']) => <Tag color={PLAN_STATUS_COLORS[s]}>{PLAN_STATUS_LABELS[s]}</Tag>,
    },
    { title: '期限', key: 'period', width: 130, render: (_, p) => formatPeriod(p.periodStartYear, p.periodEndYear) },
    { title: '发文机关', dataIndex: 'issuer', width: 180, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '指标', key: 'targets', width: 70, align: 'right', render: (_, p) => p.counts.targets },
    { title: '任务', key: 'tasks', width: 70, align: 'right', render: (_, p) => p.counts.tasks },
    { title: '责任部门', key: 'departments', width: 100, align: 'right', render: (_, p) => p.counts.departments },
    { title: '导入时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
  ];

  return (
    <div>
      <PageHeader
        title="行动计划"
        description="质量提升行动计划、实施方案：目标指标、重点任务和责任部门。"
        extra={
          canImport && (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/plans/import')}>
              导入计划文件
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'draft', label: '草稿' },
              { value: 'published', label: '已发布' },
            ]}
          />
          <Input.Search allowClear placeholder="搜索计划名称、文号" style={{ width: 260 }} onSearch={(v) => {
              setQ(v);
              setPage(1);
            }} aria-label="搜索计划" />
        </Space>
        {plans.isError ? (
          <LoadError message={errorMessage(plans.error)} onRetry={() => void plans.refetch()} />
        ) : (
          <Table<PlanRow>
            rowKey="id"
            data-testid="plans-table"
            columns={columns}
            dataSource={plans.data?.items ?? []}
            loading={plans.isFetching && !plans.data}
            pagination={{
              current: page,
              pageSize,
              total: plans.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${total} 个计划`,
              onChange: (p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              },
            }}
            locale={{ emptyText: canImport ? '还没有计划，点击右上角“导入计划文件”开始' : '暂无计划' }}
          />
        )}
      </Card>
    </div>
  );
}
