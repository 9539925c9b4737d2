// One 抽查任务: the frame and the commitment (published before the draw), the draw with the seed
// revealed, the drawn enterprises with their inspectors, and results: entry by the object's inspectors,
// review by someone else (通过并公示 / 退回), versions kept, each with its 证据材料 (EvidenceModal).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Grid, Input, Modal, Popconfirm, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../api/client';
import { useDepartments, useMe, usePlans } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { CampaignOut, CampaignPageResponse, ObjectOut, ResultOut } from '../../../src/inspections/schemas';
import { CODES_NEEDING_FOLLOW_UP, RESULT_CODES, RESULT_STATES, STANDARD_CHECK_KEYS, STANDARD_CHECKLIST, STRATUM_LABELS, type Stratum } from '../../../src/inspections/model';
import { useItems } from './InspectionsPage';
import { FOLLOWUP_STATE_LABELS } from '../../../src/plans/followups/model';
import { CAMPAIGN_STATE_COLORS } from './InspectionsPage';
import { EvidenceModal } from './EvidenceModal';

const RESULT_STATE_COLORS: Record<string, string> = { 未录入: 'default', 待审核: 'processing', 退回: 'error', 已公示: 'success' };
const PUBLICATION: Record<string, { label: string; color: string } | null> = {
  published: null,
  due: { label: '待公示', color: 'gold' },
  overdue: { label: '公示逾期', color: 'red' },
  none: null,
};

function ResultModal({ object, onClose, standards }: { object: ObjectOut; onClose: () => void; standards: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const prev = object.current;
  const save = useMutation({
    mutationFn: (v: { resultCode: string; findings?: string; followUp?: string; followUpDone?: boolean; inspectedOn: dayjs.Dayjs; checks?: string[] }) =>
      api.post<ResultOut>(`/api/inspections/objects/${object.id}/results`, {
        resultCode: v.resultCode,
        findings: v.findings ?? '',
        followUp: v.followUp ?? '',
        followUpDone: v.followUpDone ?? false,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        checklist: standards ? Object.fromEntries(STANDARD_CHECK_KEYS.map((k) => [k, (v.checks ?? []).includes(k)])) : null,
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
        initialValues={
          prev
            ? { ...prev, inspectedOn: dayjs(prev.inspectedOn), checks: prev.checklist ? STANDARD_CHECK_KEYS.filter((k) => prev.checklist![k]) : [] }
            : { inspectedOn: dayjs(), checks: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {standards && (
          <Form.Item name="checks" label="核查清单（勾选符合的项；全部符合时结果为“未发现问题”）">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={STANDARD_CHECK_KEYS.map((k) => ({ value: k, label: STANDARD_CHECKLIST[k] }))} />
          </Form.Item>
        )}
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

function OpenFollowUpModal({ object, onClose }: { object: ObjectOut; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const plans = usePlans({ status: 'published' });
  const departments = useDepartments();
  const [form] = Form.useForm();
  const open = useMutation({
    mutationFn: (v: { planId?: string; departmentId: string; detail?: string }) =>
      api.post<{ id: string; planId: string }>('/api/plans/followups', {
        source: { kind: 'inspection_object', id: object.id },
        planId: v.planId ?? null,
        departmentId: v.departmentId,
        detail: v.detail ?? '',
      }),
    onSuccess: () => {
      message.success('已开设后续任务');
      void qc.invalidateQueries({ queryKey: ['inspections', 'campaign'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal open title={`开设后续任务：${object.enterpriseName}`} onCancel={onClose} onOk={() => form.submit()} okText="开设" confirmLoading={open.isPending}>
      <Form form={form} name="followup" layout="vertical" onFinish={(v) => open.mutate(v)} initialValues={{ detail: object.current?.followUp ?? '' }}>
        <Form.Item name="planId" label="计划（不选则为默认计划）">
          <Select allowClear aria-label="计划" loading={plans.isPending} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} />
        </Form.Item>
        <Form.Item name="departmentId" label="责任部门" rules={[{ required: true, message: '请选择责任部门' }]}>
          <Select showSearch optionFilterProp="label" aria-label="责任部门" loading={departments.isPending} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="detail" label="任务说明">
          <Input.TextArea rows={3} aria-label="任务说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultCell({ o, onEnter, onFollowUp, onEvidence }: { o: ObjectOut; onEnter: () => void; onFollowUp?: (() => void) | undefined; onEvidence: () => void }) {
  const r = o.current;
  const pub = PUBLICATION[o.publication];
  const openTask = o.followUps.find((f) => f.state === 'open');
  return (
    <Space direction="vertical" size={2} data-testid="object-result">
      <Space wrap size={4}>
        <Tag color={RESULT_STATE_COLORS[o.state]}>{o.state}</Tag>
        {r && <span>{r.resultCode}</span>}
        {r && r.version > 1 && <Tag>第 {r.version} 版</Tag>}
        {pub && o.dueDate && <Tag color={pub.color}>{pub.label}（{o.dueDate} 前）</Tag>}
      </Space>
      {r?.checklist && (
        <Typography.Text type="secondary">
          核查清单：{STANDARD_CHECK_KEYS.filter((k) => r.checklist![k]).length}/{STANDARD_CHECK_KEYS.length} 项符合
        </Typography.Text>
      )}
      {r?.followUp && <Typography.Text type="secondary">后续处置：{r.followUp}{r.followUpDone ? '（已完成）' : ''}</Typography.Text>}
      {r?.state === '退回' && <Typography.Text type="danger">退回理由：{r.reviewComment}</Typography.Text>}
      {o.followUps.map((f) => (
        <span key={f.id} data-testid="object-followup">
          后续任务：<Link to={`/plans/${f.planId}`}>{f.planTitle}</Link>（{f.departmentName}，<Tag color={f.state === 'open' ? 'orange' : 'green'}>{FOLLOWUP_STATE_LABELS[f.state]}</Tag>）
        </span>
      ))}
      <Space wrap>
        {o.canEnter && (
          <Button size="small" onClick={onEnter}>
            {o.state === '未录入' ? '录入结果' : o.state === '已公示' ? '更正' : '修改后重新提交'}
          </Button>
        )}
        {(o.evidence > 0 || o.canEnter) && (
          <Button size="small" onClick={onEvidence} data-testid="object-evidence">
            证据材料{o.evidence > 0 ? `（${o.evidence}）` : ''}
          </Button>
        )}
        {r?.canReview && <ReviewButtons result={r} />}
        {onFollowUp && !openTask && r && CODES_NEEDING_FOLLOW_UP.has(r.resultCode) && !r.followUpDone && (
          <Button size="small" onClick={onFollowUp}>
            开设后续任务
          </Button>
        )}
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
  const canOpenFollowUp = roleMay(me.data!.role, 'plans:manage');
  const [entering, setEntering] = useState<ObjectOut | null>(null);
  const [followingUp, setFollowingUp] = useState<ObjectOut | null>(null);
  const [evidenceOf, setEvidenceOf] = useState<ObjectOut | null>(null);
  const [search, setSearch] = useSearchParams();
  const only = search.get('object');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [filter, setFilter] = useState<string>('all');
  const page = useQuery({
    queryKey: ['inspections', 'campaign', id, paging.page, paging.pageSize, filter, only],
    queryFn: () =>
      api.get<CampaignPageResponse>(`/api/inspections/campaigns/${id}`, { page: paging.page, pageSize: paging.pageSize, filter, ...(only ? { object: only } : {}) }),
    placeholderData: (previous) => previous,
  });
  const items = useItems();
  const onFollowUp = (o: ObjectOut) => (canOpenFollowUp ? () => setFollowingUp(o) : undefined);
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
  const { campaign: c, objects, counts, total } = page.data;
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
              // on a phone the four columns fit when the class label wraps; wider, one line each
              scroll={narrow ? undefined : { x: 'max-content' }}
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
          {canPlan && c.state === '执行中' && counts.all > 0 && counts.已公示 === counts.all && (
            <Button onClick={() => act.mutate('complete')}>完成抽查任务</Button>
          )}
        </Space>
      </Card>
      {c.drawnAt && (
        <Card title={`抽中的检查对象（${counts.all}）`} styles={narrow ? { body: { padding: 8 } } : undefined}>
          {c.recusalCount > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`回避改派 ${c.recusalCount} 次（已记录在抽取结果中）`} />}
          {only ? (
            <Alert
              type="info"
              style={{ marginBottom: 8 }}
              message="只显示后续任务所指的检查对象"
              action={
                <Button size="small" onClick={() => setSearch({})}>
                  显示全部
                </Button>
              }
            />
          ) : (
            <Select
              aria-label="筛选检查对象"
              style={{ minWidth: 200, marginBottom: 8 }}
              value={filter}
              onChange={(v) => {
                setFilter(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={[
                { value: 'all', label: `全部（${counts.all}）` },
                ...RESULT_STATES.map((st) => ({ value: st, label: `${st}（${counts[st]}）` })),
                { value: 'overdue', label: `公示逾期（${counts.overdue}）` },
                ...(page.data.me ? [{ value: 'mine', label: '我负责的' }] : []),
              ]}
            />
          )}
          <Table<ObjectOut>
            rowKey="id"
            size="small"
            dataSource={objects}
            loading={page.isFetching}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total,
              hideOnSinglePage: true,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              onChange: (p, ps) => setPaging({ page: ps !== paging.pageSize ? 1 : p, pageSize: ps }),
            }}
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
                          <Typography.Text strong style={{ whiteSpace: 'normal' }}>{o.drawOrder}. <Link to={`/enterprises/${o.enterpriseId}`}>{o.enterpriseName}</Link></Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.creditCode} · {o.stratum}</Typography.Text>
                          <span>检查人员：{o.inspectors.map((i) => i.name).join('、')}</span>
                          <ResultCell o={o} onEnter={() => setEntering(o)} onFollowUp={onFollowUp(o)} onEvidence={() => setEvidenceOf(o)} />
                        </Space>
                      ),
                    },
                  ]
                : [
                    { title: '#', dataIndex: 'drawOrder', width: 50 },
                    { title: '企业', key: 'e', render: (_, o) => <><div><Link to={`/enterprises/${o.enterpriseId}`} data-testid="object-enterprise">{o.enterpriseName}</Link></div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.creditCode}</Typography.Text></> },
                    { title: '分层', dataIndex: 'stratum', width: 70 },
                    { title: '检查人员', key: 'i', render: (_, o) => o.inspectors.map((i) => i.name).join('、') },
                    { title: '检查结果', key: 'r', render: (_, o) => <ResultCell o={o} onEnter={() => setEntering(o)} onFollowUp={onFollowUp(o)} onEvidence={() => setEvidenceOf(o)} /> },
                  ]
            }
          />
        </Card>
      )}
      {entering && (
        <ResultModal
          object={entering}
          onClose={() => setEntering(null)}
          standards={(items.data ?? []).some((i) => c.itemIds.includes(i.id) && i.scope.standardDeclarations === true)}
        />
      )}
      {followingUp && <OpenFollowUpModal object={followingUp} onClose={() => setFollowingUp(null)} />}
      {evidenceOf && <EvidenceModal object={evidenceOf} onClose={() => setEvidenceOf(null)} />}
    </div>
  );
}
