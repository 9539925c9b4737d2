// An enterprise's credit, for its quality file (企业质量档案): the risk class with the rules that
// produced it, the class history, list memberships with their dates and deadlines, the credit
// records; forms to add a record, open a listing and decide on it for the roles allowed to.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '../api/client';
import { useMe } from '../api/hooks';
import { useNotify } from '../api/notify';
import { roleMay } from '../components/areas';
import {
  ABNORMAL_REASONS,
  CREDIT_EVENT_KINDS,
  CREDIT_LISTS,
  DEADLINE_KINDS,
  DIRECT_EVENT_KINDS,
  MEMBERSHIP_STATES,
  PENALTY_FIELDS,
  PUBLICATION_KINDS,
  RISK_CLASS_LABELS,
  type RiskClass,
} from '../../../src/credit/model';
import type { EnterpriseCreditOut, MembershipOut } from '../../../src/credit/schemas';
import { useAddEvent, useDecide, useEnterpriseCredit, useOpenListing, useReclassify, useRun, type EventInput } from './api';

export const CLASS_COLORS: Record<RiskClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '—');

export function CreditPanel({ enterpriseId }: { enterpriseId: string }) {
  const me = useMe().data;
  const credit = useEnterpriseCredit(enterpriseId);
  const mayManage = !!me && roleMay(me.role, 'credit:manage');
  const mayReclassify = !!me && roleMay(me.role, 'credit:reclassify');
  if (credit.isPending) return <Card loading />;
  if (credit.isError) return <Alert type="error" showIcon message={credit.error.message} />;
  const c = credit.data;
  return (
    <Flex vertical gap={16}>
      <ClassCard c={c} mayReclassify={mayReclassify} onRefresh={credit.refetch} />
      <ListsCard c={c} enterpriseId={enterpriseId} mayManage={mayManage} />
      <EventsCard c={c} enterpriseId={enterpriseId} mayManage={mayManage} />
    </Flex>
  );
}

function ClassCard({ c, mayReclassify, onRefresh }: { c: EnterpriseCreditOut; mayReclassify: boolean; onRefresh: () => unknown }) {
  const reclassify = useReclassify();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRun(runId);
  const notify = useNotify();
  const running = !!runId && (!run.data || run.data.state === 'queued' || run.data.state === 'running');
  const finished = runId && (run.data?.state === 'done' || run.data?.state === 'failed') ? run.data : null;
  useEffect(() => {
    if (!finished) return;
    setRunId(null);
    if (finished.state === 'done') {
      notify.success(`重新分类完成：${finished.enterprises} 户企业，${finished.changed} 户分类变化`);
      onRefresh();
    } else notify.error(new ApiError(500, 'RUN_FAILED', finished.error ?? '重新分类失败'));
  }, [finished, notify, onRefresh]);
  const pending = c.class !== null && (c.current.class !== c.class || c.current.points !== c.points);
  return (
    <Card
      title="信用风险分类"
      extra={
        mayReclassify && (
          <Button loading={running || reclassify.isPending} onClick={() => reclassify.mutate(undefined, { onSuccess: (r) => setRunId(r.id), onError: notify.error })}>
            重新分类
          </Button>
        )
      }
    >
      {c.class ? (
        <Flex vertical gap={8}>
          <Space wrap align="center">
            <Tag color={CLASS_COLORS[c.class]} style={{ fontSize: 20, padding: '4px 12px' }} data-testid="risk-class">
              {c.class} 类
            </Tag>
            <Typography.Text strong>{c.classLabel}</Typography.Text>
            <Typography.Text type="secondary">
              {c.points} 分 · {c.asOf} 评定
            </Typography.Text>
          </Space>
          <Typography.Text type="secondary">分类理由（触发的规则及分值）：</Typography.Text>
          {c.firedRules.length ? (
            <List
              size="small"
              bordered
              dataSource={c.firedRules}
              renderItem={(r) => (
                <List.Item data-testid="fired-rule">
                  <span>{r.label}</span>
                  <Tag>{r.points > 0 ? `+${r.points}` : r.points} 分</Tag>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text>未触发任何风险规则</Typography.Text>
          )}
          {pending && (
            <Alert
              type="info"
              showIcon
              message={`按现有记录，下次重新分类后应为 ${c.current.class} 类（${c.current.points} 分）`}
              description={c.current.firedRules.map((r) => `${r.label} ${r.points} 分`).join('；') || undefined}
            />
          )}
          {c.history.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              分类历史：
              {c.history
                .map((h) => `${h.asOf} ${h.fromClass ? `${h.fromClass}→${h.toClass}` : h.toClass} 类`)
                .join('；')}
            </Typography.Paragraph>
          )}
        </Flex>
      ) : (
        <Empty description={`尚未分类${c.current ? `（按现有记录应为 ${c.current.class} 类，${c.current.points} 分）` : ''}`} />
      )}
    </Card>
  );
}

function ListsCard({ c, enterpriseId, mayManage }: { c: EnterpriseCreditOut; enterpriseId: string; mayManage: boolean }) {
  const [opening, setOpening] = useState(false);
  const [deciding, setDeciding] = useState<MembershipOut | null>(null);
  return (
    <Card title="名单" extra={mayManage && <Button onClick={() => setOpening(true)}>列入名单</Button>}>
      <Table<MembershipOut>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={c.lists}
        locale={{ emptyText: '未列入经营异常名录或严重违法失信名单' }}
        columns={[
          { title: '名单', dataIndex: 'list', width: 140, render: (v: string) => label(CREDIT_LISTS, v) },
          { title: '事由', dataIndex: 'reason', width: 200, render: (v: string, m) => (m.list === 'abnormal' ? label(ABNORMAL_REASONS, v) : v) },
          { title: '状态', dataIndex: 'state', width: 110, render: (v: string) => label(MEMBERSHIP_STATES, v) },
          {
            title: '日期',
            key: 'dates',
            width: 190,
            render: (_: unknown, m) => (
              <Flex vertical>
                {m.groundsOn && <span>事由发生 {m.groundsOn}</span>}
                {m.listedOn && <span>列入 {m.listedOn}</span>}
                {m.curedOn && <span>情形消除 {m.curedOn}</span>}
                {m.removedOn && <span>移出 {m.removedOn}</span>}
                {m.objectionOn && <span>异议 {m.objectionOn}</span>}
              </Flex>
            ),
          },
          {
            title: '期限',
            key: 'deadlines',
            width: 220,
            render: (_: unknown, m) => (
              <Flex vertical gap={2}>
                {(m.deadlines ?? []).map((d) => (
                  <Tag key={d.kind} color={d.state === 'overdue' ? 'red' : d.state === 'due_soon' ? 'orange' : 'default'}>
                    {label(DEADLINE_KINDS, d.kind)} {d.dueOn}
                    {d.state === 'overdue' ? `（逾期 ${-d.workingDaysLeft} 个工作日）` : `（剩 ${d.workingDaysLeft} 个工作日）`}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          ...(mayManage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, m: MembershipOut) =>
                    m.state === 'pending' || m.state === 'listed' ? (
                      <Button size="small" onClick={() => setDeciding(m)}>
                        决定
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {opening && <ListingModal enterpriseId={enterpriseId} onClose={() => setOpening(false)} />}
      {deciding && <DecisionModal m={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

function EventsCard({ c, enterpriseId, mayManage }: { c: EnterpriseCreditOut; enterpriseId: string; mayManage: boolean }) {
  const [adding, setAdding] = useState(false);
  return (
    <Card title="信用记录" extra={mayManage && <Button type="primary" onClick={() => setAdding(true)}>录入信用记录</Button>}>
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        dataSource={c.events}
        locale={{ emptyText: '暂无信用记录' }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', width: 110 },
          { title: '类型', dataIndex: 'kindLabel', width: 150, render: (v: string, e) => (e.heavy ? `${v}（较重）` : v) },
          { title: '文号', dataIndex: 'decisionNo', width: 170, render: (v: string | null) => v ?? '—' },
          { title: '说明', key: 'detail', render: (_: unknown, e) => e.title ?? e.detail ?? '—' },
          {
            title: '公示期至',
            key: 'pub',
            width: 150,
            render: (_: unknown, e) => (e.withdrawnOn ? `已停止公示 ${e.withdrawnOn}` : (e.publicationEndsOn ?? '—')),
          },
          { title: '录入', dataIndex: 'enteredByName', width: 100 },
        ]}
      />
      {adding && <EventModal enterpriseId={enterpriseId} penalties={c.events.filter((e) => e.kind === 'penalty' && !e.withdrawnOn && e.repairFrom)} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function EventModal({ enterpriseId, penalties, onClose }: { enterpriseId: string; penalties: EnterpriseCreditOut['events']; onClose: () => void }) {
  const [form] = Form.useForm<EventInput>();
  const add = useAddEvent(enterpriseId);
  const notify = useNotify();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open
      title="录入信用记录"
      okText="保存"
      cancelText="取消"
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          add.mutate(v, {
            onSuccess: () => {
              notify.success('已录入');
              onClose();
            },
            onError: notify.error,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'penalty', publication: 'long', field: 'general', heavy: false }}>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={DIRECT_EVENT_KINDS.map((k) => ({ value: k, label: CREDIT_EVENT_KINDS[k] }))} />
        </Form.Item>
        <Form.Item name="occurredOn" label="发生或决定日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" aria-label="发生或决定日期" />
        </Form.Item>
        <Form.Item name="decisionNo" label="决定书文号">
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'penalty' && (
          <>
            <Form.Item name="publication" label="公示期">
              <Select options={Object.entries(PUBLICATION_KINDS).map(([value, l]) => ({ value, label: l }))} />
            </Form.Item>
            <Form.Item name="field" label="领域（决定信用修复的最短期限）">
              <Select options={Object.entries(PENALTY_FIELDS).map(([value, l]) => ({ value, label: l }))} />
            </Form.Item>
            <Form.Item name="heavy" valuePropName="checked">
              <Checkbox>较重行政处罚（从重罚款、吊销许可证件、责令停产停业等）</Checkbox>
            </Form.Item>
          </>
        )}
        {kind === 'credit_repair' && (
          <Form.Item name="repairsEventId" label="提前停止公示的行政处罚" rules={[{ required: true, message: '请选择行政处罚记录' }]}>
            <Select options={penalties.map((p) => ({ value: p.id, label: `${p.occurredOn} ${p.decisionNo ?? ''}（${p.repairFrom} 起可修复）` }))} />
          </Form.Item>
        )}
        <Form.Item name="detail" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ListingModal({ enterpriseId, onClose }: { enterpriseId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ list: string; reason: string; groundsOn?: string; listedOn?: string; decisionNo?: string }>();
  const open = useOpenListing(enterpriseId);
  const notify = useNotify();
  const list = Form.useWatch('list', form);
  return (
    <Modal
      open
      title="列入名单"
      okText="保存"
      cancelText="取消"
      confirmLoading={open.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          open.mutate(
            { ...v, groundsOn: v.groundsOn || null, listedOn: v.listedOn || null },
            {
              onSuccess: () => {
                notify.success('已保存');
                onClose();
              },
              onError: notify.error,
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ list: 'abnormal', reason: 'annual_report' }}>
        <Form.Item name="list" label="名单">
          <Select options={Object.entries(CREDIT_LISTS).map(([value, l]) => ({ value, label: l }))} onChange={(v) => form.setFieldValue('reason', v === 'abnormal' ? 'annual_report' : '')} />
        </Form.Item>
        <Form.Item name="reason" label="列入事由" rules={[{ required: true, message: '请填写列入事由' }]}>
          {list === 'serious' ? <Input maxLength={500} /> : <Select options={Object.entries(ABNORMAL_REASONS).map(([value, l]) => ({ value, label: l }))} />}
        </Form.Item>
        <Form.Item name="groundsOn" label="事由发生日期（列入决定期限由此起算）">
          <Input type="date" />
        </Form.Item>
        <Form.Item name="listedOn" label="列入决定日期（已作出决定时填写）">
          <Input type="date" />
        </Form.Item>
        <Form.Item name="decisionNo" label="决定书文号">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const ACTIONS_BY_STATE: Record<string, { value: string; label: string }[]> = {
  pending: [
    { value: 'list', label: '作出列入决定' },
    { value: 'drop', label: '不予列入' },
    { value: 'objection', label: '收到异议' },
    { value: 'objection_accept', label: '受理异议' },
    { value: 'objection_answer', label: '答复异议' },
  ],
  listed: [
    { value: 'cure', label: '登记情形消除（申请移出）' },
    { value: 'remove', label: '作出移出决定' },
    { value: 'objection', label: '收到异议' },
    { value: 'objection_accept', label: '受理异议' },
    { value: 'objection_answer', label: '答复异议' },
  ],
};

function DecisionModal({ m, onClose }: { m: MembershipOut; onClose: () => void }) {
  const [form] = Form.useForm<{ action: string; on: string; decisionNo?: string; note?: string }>();
  const decide = useDecide();
  const notify = useNotify();
  return (
    <Modal
      open
      title={`名单决定：${label(CREDIT_LISTS, m.list)}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          decide.mutate(
            { id: m.id, version: m.version, ...v },
            {
              onSuccess: () => {
                notify.success('已保存');
                onClose();
              },
              onError: notify.error,
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ action: ACTIONS_BY_STATE[m.state]?.[0]?.value }}>
        <Form.Item name="action" label="事项">
          <Select options={ACTIONS_BY_STATE[m.state] ?? []} />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="decisionNo" label="决定书文号">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label="说明（如移出原因）">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export { RISK_CLASS_LABELS };
