// The 驾驶舱 card of 不合格后处理: first the failed batches whose firm is not yet told or whose 责令整改 is not
// yet issued (working-day deadlines), then the periods of 责令整改、公告、停业整顿 overdue (the deadline passed without a
// passing 复查, or the 复查 failed) or ending within the authority's warning days. An overdue one has
// opened a follow-up task in a plan (decision 046). A list, not a table: it reads on a phone.
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { DisposalsDueResponse } from '../../../src/sampling/schemas';

const PAGE = 5;

export function DisposalsDueCard() {
  const me = useMe().data!;
  const [page, setPage] = useState(1);
  const d = useQuery({ queryKey: ['sampling', 'disposals-due'], queryFn: () => api.get<DisposalsDueResponse>('/api/sampling/disposals-due') });
  if (d.isError) return null;
  const seesPlans = roleMay(me.role, 'plans:read');
  return (
    <Card title="不合格产品后处理期限" style={{ marginBottom: 16 }} loading={d.isPending} data-testid="disposals-due">
      {d.data && (
        <>
          <Flex gap={32} wrap style={{ marginBottom: 12 }}>
            <Statistic title="已逾期" value={d.data.overdue} valueStyle={{ color: d.data.overdue ? '#cf1322' : undefined }} suffix="批次" />
            <Statistic title={`${d.data.warnDays}日内到期`} value={d.data.dueSoon} suffix="批次" />
          </Flex>
          {d.data.pending.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>待通知企业、待下达责令整改</Typography.Text>}
              dataSource={d.data.pending}
              style={{ marginBottom: 12 }}
              data-testid="pending-steps"
              renderItem={(i) => (
                <List.Item key={`${i.sampleId}-${i.step}`}>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Link to={`/sampling/samples/${i.sampleId}`} style={{ wordBreak: 'break-all' }}>
                      {i.enterpriseName}（{i.productName}）
                    </Link>
                    <Space size={[4, 4]} wrap style={{ display: 'flex', marginTop: 4 }}>
                      <Tag>{i.step}</Tag>
                      {i.standing === 'overdue' ? (
                        <Tag color="red">逾期 {i.days} 日</Tag>
                      ) : (
                        <Tag color="gold">{i.days === 0 ? '今日到期' : `${i.days} 日后到期`}</Tag>
                      )}
                      <Typography.Text type="secondary">
                        期限 {i.deadline}（{i.workingDays}个工作日）
                      </Typography.Text>
                    </Space>
                  </div>
                </List.Item>
              )}
            />
          )}
          <List
            size="small"
            data-testid="disposal-items"
            header={d.data.pending.length ? <Typography.Text strong>整改、公告、停业整顿期限</Typography.Text> : undefined}
            dataSource={d.data.items}
            locale={{ emptyText: d.data.pending.length ? '没有逾期或即将到期的整改期限' : '没有逾期或即将到期的后处理' }}
            pagination={d.data.items.length > PAGE ? { current: page, pageSize: PAGE, onChange: setPage, size: 'small' } : false}
            renderItem={(i) => (
              <List.Item key={i.disposalId}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Link to={`/sampling/samples/${i.sampleId}`} style={{ wordBreak: 'break-all' }}>
                    {i.enterpriseName}（{i.productName}）
                  </Link>
                  <Space size={[4, 4]} wrap style={{ display: 'flex', marginTop: 4 }}>
                    <Tag>{i.step}</Tag>
                    {i.standing === 'overdue' ? (
                      <Tag color="red">{i.state === '复查不合格' ? '复查不合格，待下一步处理' : `逾期 ${i.days} 日`}</Tag>
                    ) : (
                      <Tag color="gold">{i.days === 0 ? '今日到期' : `${i.days} 日后到期`}</Tag>
                    )}
                    <Typography.Text type="secondary">期限 {i.deadline}</Typography.Text>
                    {i.followUp &&
                      (seesPlans ? (
                        <Link to={`/plans/${i.followUp.planId}`}>
                          <Tag color="blue">已开后续任务</Tag>
                        </Link>
                      ) : (
                        <Tag color="blue">已开后续任务</Tag>
                      ))}
                  </Space>
                </div>
              </List.Item>
            )}
          />
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 8 }}>
            检验不合格的，应在报告之日起规定工作日内书面通知企业；结论确定（复检期限届满未申请，或复检仍不合格）后，应在规定工作日内下达责令整改通知书。整改期限届满未经复查合格、或复查不合格的，依法进入下一步处理（公告、停业整顿、吊销营业执照），并在计划中为组织抽查的部门开设后续任务。期限参数见“产品质量监督抽查 → 期限参数”。
          </div>
        </>
      )}
    </Card>
  );
}
