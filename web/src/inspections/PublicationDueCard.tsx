// The 驾驶舱 card of 一公开: results to publish within 20 working days of the inspection (the
// authority's setting), by campaign: overdue, due within 5 working days, and still unpublished.
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { PublicationDueResponse } from '../../../src/inspections/schemas';

export function PublicationDueCard() {
  const d = useQuery({ queryKey: ['inspections', 'publication-due'], queryFn: () => api.get<PublicationDueResponse>('/api/inspections/publication-due') });
  if (d.isError) return null;
  return (
    <Card title="双随机抽查结果公示期限" style={{ marginBottom: 16 }} loading={d.isPending} data-testid="publication-due">
      {d.data && (
        <>
          <Flex gap={32} wrap style={{ marginBottom: 12 }}>
            <Statistic title="公示逾期" value={d.data.overdue} valueStyle={{ color: d.data.overdue ? '#cf1322' : undefined }} suffix="户" />
            <Statistic title="5个工作日内到期" value={d.data.dueSoon} suffix="户" />
          </Flex>
          <Table
            rowKey="campaignId"
            size="small"
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            scroll={{ x: 560 }}
            dataSource={d.data.items}
            locale={{ emptyText: '没有待公示的检查结果' }}
            columns={[
              { title: '抽查任务', dataIndex: 'name', render: (v: string, r) => <Link to={`/inspections/campaigns/${r.campaignId}`}>{v}</Link> },
              { title: '未公示', dataIndex: 'pending', width: 80 },
              { title: '最早期限', dataIndex: 'dueOn', width: 110 },
              {
                title: '状态',
                key: 'state',
                width: 150,
                render: (_, r) =>
                  r.overdue ? <Tag color="red">逾期 {r.overdue} 户</Tag> : r.dueSoon ? <Tag color="gold">即将到期 {r.dueSoon} 户</Tag> : <Tag>期限内</Tag>,
              },
            ]}
          />
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 8 }}>检查结果自检查结束之日起 {d.data.publishWithinWorkingDays} 个工作日内公示（企业信息公示暂行条例第六条）。</div>
        </>
      )}
    </Card>
  );
}
