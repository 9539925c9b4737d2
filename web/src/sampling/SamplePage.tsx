// One sample (batch): its test items, the deadlines, and the steps an inspector takes — results,
// notification of the firm, 复检 (request, result), 后处理 (order, extension, 复查, escalation, exemption).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { SampleDetailResponse } from '../../../src/sampling/schemas';
import { DISPOSAL_STEPS } from '../../../src/sampling/model';
import { FOLLOWUP_STATE_LABELS } from '../../../src/plans/followups/model';
import { SampleTag } from './SamplingPage';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const STATUS: Record<string, { color: string; text: string }> = { done: { color: 'green', text: '已办' }, open: { color: 'blue', text: '未到期' }, overdue: { color: 'red', text: '已逾期' } };

type Step = 'results' | 'notify' | 'retest' | 'retestResult' | 'order' | 'extend' | 'recheck' | 'escalate' | 'exempt';
const TITLES: Record<Step, string> = {
  results: '录入检验结果',
  notify: '登记企业收到检验结果',
  retest: '登记复检申请',
  retestResult: '录入复检结果（最终结论）',
  order: '下达责令整改通知书',
  extend: '整改延期（仅一次）',
  recheck: '登记复查结果',
  escalate: '进入下一步处理',
  exempt: '免于整改（停产、转产）',
};

function ItemsField({ name, fixedItems }: { name: string; fixedItems?: string[] }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} wrap align="baseline" style={{ marginBottom: 4 }} data-testid="item-row">
              <Form.Item name={[f.name, 'item']} rules={[{ required: true, message: '检验项目' }]} style={{ marginBottom: 0 }}>
                {fixedItems ? <Select style={{ width: 180 }} placeholder="检验项目" options={fixedItems.map((i) => ({ value: i, label: i }))} /> : <Input placeholder="检验项目" style={{ width: 180 }} />}
              </Form.Item>
              <Form.Item name={[f.name, 'clause']} style={{ marginBottom: 0 }}><Input placeholder="标准条款" style={{ width: 150 }} /></Form.Item>
              <Form.Item name={[f.name, 'required']} style={{ marginBottom: 0 }}><Input placeholder="标准要求" style={{ width: 120 }} /></Form.Item>
              <Form.Item name={[f.name, 'measured']} style={{ marginBottom: 0 }}><Input placeholder="实测值" style={{ width: 110 }} /></Form.Item>
              <Form.Item name={[f.name, 'verdict']} rules={[{ required: true, message: '判定' }]} style={{ marginBottom: 0 }}>
                <Radio.Group options={['合格', '不合格']} optionType="button" />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此项" />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ verdict: '合格' })}>添加检验项目</Button>
        </>
      )}
    </Form.List>
  );
}

export function SamplePage() {
  const { id } = useParams();
  const me = useMe();
  const canManage = roleMay(me.data!.role, 'sampling:manage');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = ['sampling', 'sample', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<SampleDetailResponse>(`/api/sampling/samples/${id}`) });
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: async (v: Record<string, unknown>): Promise<SampleDetailResponse> => {
      const d = detail.data!;
      const base = `/api/sampling/samples/${id}`;
      const dates = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dayjs.isDayjs(x) ? day(x) : x]));
      const disposal = (body: Record<string, unknown>) => api.post<SampleDetailResponse>(`/api/sampling/disposals/${d.disposal!.id}/actions`, { ...body, version: d.disposal!.version });
      switch (step!) {
        case 'results':
          return api.post(`${base}/results`, dates.untested ? { reportNo: dates.reportNo ?? '', reportOn: dates.reportOn, untestedReason: dates.untestedReason } : { reportNo: dates.reportNo ?? '', reportOn: dates.reportOn, items: dates.items ?? [] });
        case 'notify':
          return api.post(`${base}/notify`, dates);
        case 'retest':
          return api.post(`${base}/retest`, { requestedOn: dates.requestedOn, retestBody: dates.retestBody ?? '', disputedItems: dates.disputedItems ?? [] });
        case 'retestResult':
          return api.post(`${base}/retest/result`, { concludedOn: dates.concludedOn, items: dates.items ?? [] });
        case 'order':
          return api.post(`${base}/disposal`, { orderedOn: dates.orderedOn, noticeNo: dates.noticeNo ?? '' });
        case 'extend':
          return disposal({ kind: 'extend', appliedOn: dates.appliedOn, days: dates.days, reason: dates.reason ?? '' });
        case 'recheck':
          return disposal({ kind: 'recheck', on: dates.on, passed: dates.passed === '合格', note: dates.note ?? '' });
        case 'escalate':
          return disposal({ kind: 'escalate', on: dates.on, note: dates.note ?? '' });
        case 'exempt':
          return disposal({ kind: 'exempt', on: dates.on, reason: dates.reason });
      }
    },
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['sampling'], predicate: (q) => q.queryKey[1] !== 'sample' });
      message.success('已保存');
      setStep(null);
      setError(null);
      form.resetFields();
    },
    // the modal stays open with what was typed; the server's reason is shown in it
    onError: (e) => setError(errorMessage(e)),
  });
  if (detail.error) return <Alert type="error" showIcon message={errorMessage(detail.error)} />;
  if (!detail.data) return <Card loading />;
  const d = detail.data;
  const s = d.sample;
  const failedItems = d.results.filter((r) => r.stage === '初检' && r.verdict === '不合格').map((r) => r.item);
  const open = (st: Step) => {
    setError(null);
    form.resetFields();
    setStep(st);
  };
  const buttons: Array<[Step, boolean]> = [
    ['results', d.can.enterResults],
    ['notify', d.can.notify],
    ['retest', d.can.requestRetest],
    ['retestResult', d.can.concludeRetest],
    ['order', d.can.order],
    ['extend', d.can.extend],
    ['recheck', d.can.recheck],
    ['escalate', d.can.escalate],
    ['exempt', d.can.exempt],
  ];
  const nextStep = d.disposal ? DISPOSAL_STEPS[d.disposal.step + 1] : undefined;
  return (
    <div>
      <Breadcrumb items={[{ title: <Link to="/sampling">监督抽查</Link> }, { title: <Link to={`/sampling/plans/${s.planId}`}>抽查计划</Link> }, { title: s.sampleNo }]} style={{ marginBottom: 12 }} />
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {s.productName} <SampleTag s={s} />
      </Typography.Title>
      {d.blocked && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="复查合格前，企业不得继续生产、销售同一型号产品" />}
      {d.followUps.map((f) => (
        <Alert
          key={f.id}
          data-testid="sample-followup"
          type={f.state === 'open' ? 'info' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <span>
              后续任务“{f.title}”：<Link to={`/plans/${f.planId}`}>{f.planTitle}</Link>（{f.departmentName}，<Tag color={f.state === 'open' ? 'orange' : 'green'}>{FOLLOWUP_STATE_LABELS[f.state]}</Tag>）
            </span>
          }
        />
      ))}
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="抽样单编号">{s.sampleNo}</Descriptions.Item>
        <Descriptions.Item label="企业"><Link to={`/enterprises/${s.enterpriseId}`}>{s.enterpriseName}</Link></Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{s.creditCode}</Descriptions.Item>
        <Descriptions.Item label="商标 / 型号">{s.brand || '—'} / {s.model || '—'}</Descriptions.Item>
        <Descriptions.Item label="批号">{s.batchNo || '—'}</Descriptions.Item>
        <Descriptions.Item label="执行标准">{s.standard || '—'}</Descriptions.Item>
        <Descriptions.Item label="抽样日期">{s.sampledOn}（{s.purpose}）</Descriptions.Item>
        <Descriptions.Item label="抽样人员">{s.samplers.join('、')}</Descriptions.Item>
        <Descriptions.Item label="备用样品">{s.reserveKept ? '已留存' : '未留存'}</Descriptions.Item>
        <Descriptions.Item label="检验报告">{s.reportNo ? `${s.reportNo}（${s.reportOn}）` : (s.reportOn ?? '—')}</Descriptions.Item>
        <Descriptions.Item label="企业收到结果">{s.notifiedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="结论确定">{s.finalOn ?? '—'}</Descriptions.Item>
        {s.untestedReason && <Descriptions.Item label="未检验原因">{s.untestedReason}</Descriptions.Item>}
      </Descriptions>
      {canManage && (
        <Space wrap style={{ marginBottom: 16 }}>
          {buttons.filter(([, ok]) => ok).map(([st]) => (
            <Button key={st} type={st === 'results' || st === 'order' ? 'primary' : 'default'} onClick={() => open(st)}>
              {st === 'escalate' && nextStep ? `进入下一步：${nextStep}` : TITLES[st]}
            </Button>
          ))}
        </Space>
      )}
      {d.deadlines.length > 0 && (
        <Card title="期限" size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={d.deadlines}
            columns={[
              { title: '事项', dataIndex: 'label' },
              { title: '期限', dataIndex: 'due', render: (v: string, r) => `${v}${r.workingDays ? '（按工作日计）' : ''}` },
              { title: '状态', dataIndex: 'status', render: (v: string) => <Tag color={STATUS[v]!.color}>{STATUS[v]!.text}</Tag> },
            ]}
          />
        </Card>
      )}
      <Card title="检验项目" size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={d.results}
          locale={{ emptyText: '尚无检验结果' }}
          columns={[
            { title: '阶段', dataIndex: 'stage' },
            { title: '检验项目', dataIndex: 'item' },
            { title: '标准条款', dataIndex: 'clause' },
            { title: '标准要求', dataIndex: 'required' },
            { title: '实测值', dataIndex: 'measured' },
            { title: '单项判定', dataIndex: 'verdict', render: (v: string) => <Tag color={v === '合格' ? 'green' : 'red'}>{v}</Tag> },
          ]}
        />
      </Card>
      {d.retest && (
        <Card title="复检" size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="申请日期">{d.retest.requestedOn}</Descriptions.Item>
            <Descriptions.Item label="复检项目">{d.retest.disputedItems.join('、')}</Descriptions.Item>
            <Descriptions.Item label="复检机构">{d.retest.retestBody || '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">{d.retest.state}{d.retest.conclusion ? `：${d.retest.conclusion}（最终结论，${d.retest.concludedOn}）` : ''}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {d.disposal && (
        <Card title={`后处理：${d.disposal.stepName} · ${d.disposal.state}`} size="small">
          <Typography.Paragraph>
            通知书 {d.disposal.noticeNo || '—'}；期限 {d.disposal.deadline}
            {d.disposal.extensionDays ? `（已延期 ${d.disposal.extensionDays} 日）` : ''}
          </Typography.Paragraph>
          <Timeline items={d.disposal.events.map((e) => ({ children: `${e.on} ${e.text}（${e.by}）` }))} />
        </Card>
      )}
      <Modal title={step ? TITLES[step] : ''} open={!!step} onCancel={() => setStep(null)} onOk={() => form.submit()} confirmLoading={act.isPending} okText="保存" width={step === 'results' || step === 'retestResult' ? 900 : 520}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="step-error" />}
        <Form form={form} name={step ?? 'step'} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ items: [{ verdict: '合格' }], passed: '合格' }}>
          {step === 'results' && (
            <>
              <Space wrap>
                <Form.Item name="reportNo" label="检验报告编号"><Input /></Form.Item>
                <Form.Item name="reportOn" label="报告日期" rules={[{ required: true, message: '请选择报告日期' }]}><DatePicker /></Form.Item>
              </Space>
              <Form.Item name="untested" label="结果类型" initialValue={false}>
                <Radio.Group options={[{ value: false, label: '已检验' }, { value: true, label: '未检验（计入抽查批次，不计入实际检验批次）' }]} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.untested !== b.untested}>
                {({ getFieldValue }) =>
                  getFieldValue('untested') ? (
                    <Form.Item name="untestedReason" label="未检验原因" rules={[{ required: true, message: '请说明原因' }]}><Input.TextArea rows={2} /></Form.Item>
                  ) : (
                    <ItemsField name="items" />
                  )
                }
              </Form.Item>
            </>
          )}
          {step === 'notify' && <Form.Item name="notifiedOn" label="企业收到检验结果的日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>}
          {step === 'retest' && (
            <>
              <Form.Item name="requestedOn" label="申请日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="disputedItems" label="有异议的项目（默认全部不合格项目）"><Select mode="multiple" options={failedItems.map((i) => ({ value: i, label: i }))} /></Form.Item>
              <Form.Item name="retestBody" label="复检机构"><Input /></Form.Item>
              <Typography.Text type="secondary">复检使用备用样品，只检验有异议的项目，复检结论为最终结论。</Typography.Text>
            </>
          )}
          {step === 'retestResult' && (
            <>
              <Form.Item name="concludedOn" label="复检结论日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <ItemsField name="items" fixedItems={d.retest?.disputedItems} />
            </>
          )}
          {step === 'order' && (
            <>
              <Form.Item name="orderedOn" label="下达日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="noticeNo" label="通知书文号"><Input /></Form.Item>
            </>
          )}
          {step === 'extend' && (
            <>
              <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="days" label="延期天数" rules={[{ required: true, message: '请填写天数' }]}><InputNumber min={1} addonAfter="日" /></Form.Item>
              <Form.Item name="reason" label="理由"><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {step === 'recheck' && (
            <>
              <Form.Item name="on" label="复查日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="passed" label="复查结果"><Radio.Group options={['合格', '不合格']} optionType="button" /></Form.Item>
              <Form.Item name="note" label="说明"><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {step === 'escalate' && (
            <>
              <Typography.Paragraph>下一步：{nextStep}</Typography.Paragraph>
              <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="note" label="说明（决定文号等）"><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {step === 'exempt' && (
            <>
              <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="reason" label="停产、转产的证明" rules={[{ required: true, message: '请说明' }]}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
