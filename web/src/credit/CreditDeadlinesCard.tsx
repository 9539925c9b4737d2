// The 驾驶舱 card of the listing deadlines: decisions due within a few working days, and overdue ones.
import { Card, Statistic, Table, Tag, Flex } from 'antd';
import { Link } from 'react-router-dom';
import { useDeadlines } from './api';

export function CreditDeadlinesCard() {
  const d = useDeadlines();
  return (
    <Card title="信用名单期限" style={{ marginBottom: 16 }} loading={d.isPending}>
      {d.data && (
        <>
          <Flex gap={32} wrap style={{ marginBottom: 12 }}>
            <Statistic title="已逾期" value={d.data.overdue} valueStyle={{ color: d.data.overdue ? '#cf1322' : undefined }} suffix="项" />
            <Statistic title="即将到期" value={d.data.dueSoon} suffix="项" />
          </Flex>
          <Table
            rowKey={(r) => `${r.membershipId}-${r.kind}`}
            size="small"
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            scroll={{ x: 640 }}
            dataSource={d.data.items}
            locale={{ emptyText: '没有即将到期或逾期的名单事项' }}
            columns={[
              { title: '企业', dataIndex: 'enterpriseName', render: (v: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link> },
              { title: '名单', dataIndex: 'listLabel', width: 140 },
              { title: '事项', dataIndex: 'kindLabel', width: 160 },
              { title: '期限', dataIndex: 'dueOn', width: 110 },
              {
                title: '状态',
                key: 'state',
                width: 150,
                render: (_: unknown, r) =>
                  r.state === 'overdue' ? <Tag color="red">逾期 {-r.workingDaysLeft} 个工作日</Tag> : <Tag color="orange">剩 {r.workingDaysLeft} 个工作日</Tag>,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
