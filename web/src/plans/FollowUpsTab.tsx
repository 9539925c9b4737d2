// 后续任务 of a plan (issue 12, "the loop back to the plan"): each task shows the record it came from
// (a 双随机 result, later a failed sample) with the record's own state; 办结 is offered only when the
// record says it is done, and the server checks it again.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../api/client';
import type { FollowUpListResponse, FollowUpOut } from '../../../src/plans/followups/schemas';
import { FOLLOWUP_RULES, FOLLOWUP_STATE_LABELS } from '../../../src/plans/followups/model';

export function usePlanFollowUps(planId: string) {
  return useQuery({ queryKey: ['plans', planId, 'followups'], queryFn: () => api.get<FollowUpListResponse>(`/api/plans/${planId}/followups`), enabled: !!planId });
}

function CloseButton({ f, planId }: { f: FollowUpOut; planId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const close = useMutation({
    mutationFn: () => api.post<FollowUpOut>(`/api/plans/followups/${f.id}/close`, { note, version: f.version }),
    onSuccess: () => {
      message.success('后续任务已办结');
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['plans', planId, 'followups'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        办结
      </Button>
      <Modal open={open} title={`办结：${f.title}`} onCancel={() => setOpen(false)} onOk={() => close.mutate()} okText="办结" confirmLoading={close.isPending}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="办结说明（可选）" aria-label="办结说明" />
      </Modal>
    </>
  );
}

export function FollowUpsTab({ planId }: { planId: string }) {
  const q = usePlanFollowUps(planId);
  if (q.isError) return <Alert type="error" message={errorMessage(q.error)} />;
  const items = q.data?.items ?? [];
  return (
    <div data-testid="plan-followups">
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {FOLLOWUP_RULES.close}
      </Typography.Paragraph>
      {items.length === 0 && !q.isPending ? (
        <Empty description="没有后续任务" />
      ) : (
        <List
          loading={q.isPending}
          dataSource={items}
          renderItem={(f) => (
            <List.Item data-testid="followup-row" actions={f.canClose ? [<CloseButton key="c" f={f} planId={planId} />] : []}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color={f.state === 'open' ? 'orange' : 'green'}>{FOLLOWUP_STATE_LABELS[f.state]}</Tag>
                    <span>{f.title}</span>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      责任部门：{f.departmentName}
                      {f.dueDate ? `；期限 ${f.dueDate}` : ''}
                    </span>
                    {f.source ? (
                      <span data-testid="followup-source">
                        {f.sourceLabel}：<Link to={f.source.link}>{f.source.title}</Link>
                        <Typography.Text type="secondary">（{f.source.state}）</Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="warning">{f.sourceLabel}：来源记录已不存在</Typography.Text>
                    )}
                    {f.state === 'open' && f.source && !f.source.mayClose && f.source.whyNot && <Typography.Text type="secondary">尚不能办结：{f.source.whyNot}</Typography.Text>}
                    {f.state === 'closed' && (
                      <Typography.Text type="secondary">
                        {f.closedByName} 办结{f.closingNote ? `：${f.closingNote}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
