// One 抽查任务: the frame and the commitment (published before the draw), the draw with the seed
// revealed, the drawn enterprises with their inspectors, and results: entry by the object's inspectors,
// review by someone else (通过并公示 / 退回), versions kept.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Grid, Input, Modal, Popconfirm, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { CampaignOut, CampaignPageResponse, ObjectOut, ResultOut } from '../../../src/inspections/schemas';
import { RESULT_CODES, STRATUM_LABELS, type Stratum } from '../../../src/inspections/model';
import { CAMPAIGN_STATE_COLORS } from './InspectionsPage';

const RESULT_STATE_COLORS: Record<string, string> = { 未录入: 'default', 待审核: 'processing', 退回: 'error', 已公示: 'success' };
const PUBLICATION: Record<string, { label: string; color: string } | null> = {
  published: null,
  due: { label: '待公示', color: 'gold' },
  overdue: { label: '公示逾期', color: 'red' },
  none: null,
};

function ResultModal({ object, onClose }: { object: ObjectOut; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const prev = object.current;
  const save = useMutation({
    mutationFn: (v: { resultCode: string; findings?: string; followUp?: string; followUpDone?: boolean; inspectedOn: dayjs.Dayjs }) =>
      api.post<ResultOut>(`/api/inspections/objects/${object.id}/results`, {
        resultCode: v.resultCode,
        findings: v.findings ?? '',
        followUp: v.followUp ?? '',
        followUpDone: v.followUpDone ?? false,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success('已提交，等待审核');
      void qc.invalidateQueries({ queryKey: ['inspections', 'campaign'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal open title={`录入检查结果：${object.enterpriseName}`} onCancel={onClose} onOk={() => form.submit()} okText="提交审核" confirmLoading={save.isPending}>
      {prev?.state === '退回' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`已退回：${prev.reviewComment ?? ''}`} />}
      {prev?.state === '已公示' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="更正已公示的结果：将作为新版本提交审核，原版本保留" />}
      <Form
        form={form}
        name="result"
        layout="vertical"
        initialValues={prev ? { ...prev, inspectedOn: dayjs(prev.inspectedOn) } : { inspectedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="resultCode" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
          <Select aria-label="检查结果" options={RESULT_CODES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker aria-label="检查日期" />
        </Form.Item>
        <Form.Item name="findings" label="检查情况">
          <Input.TextArea rows={3} aria-label="检查情况" />
        </Form.Item>
        <Form.Item name="followUp" label="后续处置">
          <Input.TextArea rows={2} aria-label="后续处置" />
        </Form.Item>
        <Form.Item name="followUpDone" label="后续处置已完成" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewButtons({ result }: { result: ResultOut }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (b: { approve: boolean; comment: string }) => api.post<ResultOut>(`/api/inspections/results/${result.id}/review`, b),
    onSuccess: (r) => {
      message.success(r.state === '已公示' ? '已通过并公示' : '已退回');
      setReturning(false);
      void qc.invalidateQueries({ queryKey: ['inspections', 'campaign'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space wrap>
      <Button size="small" type="primary" onClick={() => review.mutate({ approve: true, comment: '' })} loading={review.isPending}>
        通过并公示
      </Button>
      <Button size="small" danger onClick={() => setReturning(true)}>
        退回
      </Button>
      <Modal open={returning} title="退回检查结果" onCancel={() => setReturning(false)} okText="退回" onOk={() => review.mutate({ approve: false, comment })} okButtonProps={{ disabled: !comment.trim() }}>
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回理由" aria-label="退回理由" />
      </Modal>
    </Space>
  );
}

function ResultCell({ o, onEnter }: { o: ObjectOut; onEnter: () => void }) {
  const r = o.current;
  const pub = PUBLICATION[o.publication];
  return (
    <Space direction="vertical" size={2} data-testid="object-result">
      <Space wrap size={4}>
        <Tag color={RESULT_STATE_COLORS[o.state]}>{o.state}</Tag>
        {r && <span>{r.resultCode}</span>}
        {r && r.version > 1 && <Tag>第 {r.version} 版</Tag>}
        {pub && o.dueDate && <Tag color={pub.color}>{pub.label}（{o.dueDate} 前）</Tag>}
      </Space>
      {r?.followUp && <Typography.Text type="secondary">后续处置：{r.followUp}{r.followUpDone ? '（已完成）' : ''}</Typography.Text>}
      {r?.state === '退回' && <Typography.Text type="danger">退回理由：{r.reviewComment}</Typography.Text>}
      <Space wrap>
        {o.canEnter && (
          <Button size="small" onClick={onEnter}>
            {o.state === '未录入' ? '录入结果' : o.state === '已公示' ? '更正' : '修改后重新提交'}
          </Button>
        )}
        {r?.canReview && <ReviewButtons result={r} />}
      </Space>
    </Space>
  );
}

export function CampaignPage() {
  const { id } = useParams();
  const narrow = !Grid.useBreakpoint().md;
  const me = useMe();
  const canPlan = roleMay(me.data!.role, 'inspections:plan');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [entering, setEntering] = useState<ObjectOut | null>(null);
  const page = useQuery({ queryKey: ['inspections', 'campaign', id], queryFn: () => api.get<CampaignPageResponse>(`/api/inspections/campaigns/${id}`) });
  const act = useMutation({
    mutationFn: (what: 'frame' | 'draw' | 'complete') =>
      what === 'complete'
        ? api.post<CampaignOut>(`/api/inspections/campaigns/${id}/state`, { state: '已完成', endedOn: dayjs().format('YYYY-MM-DD') })
        : api.post<CampaignOut>(`/api/inspections/campaigns/${id}/${what}`),
    onSuccess: (_, what) => {
      message.success(what === 'frame' ? '已公布抽查框和承诺值' : what === 'draw' ? '已抽取，随机种子已公开' : '抽查任务已完成');
      void qc.invalidateQueries({ queryKey: ['inspections'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (page.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (page.isError) return <Alert type="error" message={errorMessage(page.error)} />;
  const { campaign: c, objects } = page.data;
  const frame = c.frame;
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Link to="/inspections">← 双随机抽查</Link>
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {c.name} <Tag color={CAMPAIGN_STATE_COLORS[c.state]} data-testid="campaign-state">{c.state}</Tag>
      </Typography.Title>
      <Card title="抽查框与承诺值" style={{ marginBottom: 16 }} data-testid="frame-card" styles={narrow ? { body: { padding: 12 } } : undefined}>
        {!frame ? (
          <Typography.Paragraph>尚未生成抽查框。生成后，检查对象名单被冻结，随机种子的承诺值（SHA-256）随抽查框一同公布；抽取后才公开种子。</Typography.Paragraph>
        ) : (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="承诺值 SHA-256(种子)">
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="commitment">{c.commitment}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="抽查框哈希">
                <Typography.Text code style={{ wordBreak: 'break-all' }}>{c.frameHash}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="公布时间">{c.frameFixedAt ? dayjs(c.frameFixedAt).format('YYYY-MM-DD HH:mm:ss') : '—'}</Descriptions.Item>
              <Descriptions.Item label="随机种子">
                {c.seed ? (
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="seed">{c.seed}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary" data-testid="seed-hidden">抽取后公开</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="排除规则">
                登记状态为{frame.exclusions.operatingStatuses.join('、')}；{frame.exclusions.notDrawnForSameItemWithinDays} 天内同一事项已抽中的不再抽取；排除 {frame.exclusions.excludedCount} 户
              </Descriptions.Item>
              <Descriptions.Item label="检查人员">{frame.inspectors.length} 名具备资格，每户 {frame.inspectorsPerObject} 名</Descriptions.Item>
            </Descriptions>
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={frame.strata}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '分层', dataIndex: 'key', render: (k: string) => STRATUM_LABELS[k as Stratum] ?? k },
                { title: '对象数', dataIndex: 'size' },
                { title: '比例', dataIndex: 'ratio', render: (r: number) => `${Math.round(r * 10000) / 100}%` },
                { title: '抽取数', dataIndex: 'take' },
              ]}
            />
          </>
        )}
        <Space wrap style={{ marginTop: 12 }}>
          {canPlan && !c.drawnAt && (
            <Button onClick={() => act.mutate('frame')} loading={act.isPending && act.variables === 'frame'}>
              {frame ? '重新生成抽查框' : '生成并公布抽查框'}
            </Button>
          )}
          {canPlan && frame && !c.drawnAt && (
            <Popconfirm title="抽取后随机种子将公开，不能重新抽取。确定抽取？" onConfirm={() => act.mutate('draw')} okText="抽取">
              <Button type="primary" loading={act.isPending && act.variables === 'draw'}>抽取</Button>
            </Popconfirm>
          )}
          {page.data.downloadUrl && (
            <a href={page.data.downloadUrl} download data-testid="download">
              下载抽取文件（JSON，可用 zhiliang draw verify 核验）
            </a>
          )}
          {canPlan && c.state === '执行中' && objects.every((o) => o.state === '已公示') && (
            <Button onClick={() => act.mutate('complete')}>完成抽查任务</Button>
          )}
        </Space>
      </Card>
      {c.drawnAt && (
        <Card title={`抽中的检查对象（${objects.length}）`} styles={narrow ? { body: { padding: 8 } } : undefined}>
          {c.result && c.result.recusals.length > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`回避改派 ${c.result.recusals.length} 次（已记录在抽取结果中）`} />
          )}
          <Table<ObjectOut>
            rowKey="id"
            size="small"
            dataSource={objects}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={narrow ? undefined : { x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'object-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={
              narrow
                ? [
                    {
                      title: '检查对象',
                      key: 'all',
                      render: (_, o) => (
                        <Space direction="vertical" size={2} style={{ width: '100%' }}>
                          <Typography.Text strong style={{ whiteSpace: 'normal' }}>{o.drawOrder}. {o.enterpriseName}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.creditCode} · {o.stratum}</Typography.Text>
                          <span>检查人员：{o.inspectors.map((i) => i.name).join('、')}</span>
                          <ResultCell o={o} onEnter={() => setEntering(o)} />
                        </Space>
                      ),
                    },
                  ]
                : [
                    { title: '#', dataIndex: 'drawOrder', width: 50 },
                    { title: '企业', key: 'e', render: (_, o) => <><div>{o.enterpriseName}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.creditCode}</Typography.Text></> },
                    { title: '分层', dataIndex: 'stratum', width: 70 },
                    { title: '检查人员', key: 'i', render: (_, o) => o.inspectors.map((i) => i.name).join('、') },
                    { title: '检查结果', key: 'r', render: (_, o) => <ResultCell o={o} onEnter={() => setEntering(o)} /> },
                  ]
            }
          />
        </Card>
      )}
      {entering && <ResultModal object={entering} onClose={() => setEntering(null)} />}
    </div>
  );
}
