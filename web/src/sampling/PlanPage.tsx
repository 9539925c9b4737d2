// One sampling plan: its tasks to testing bodies and its samples; an inspector registers a sample
// (enterprise by credit code, product, brand, model, batch, date, ≥ 2 samplers) under a task.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { PlanPageResponse, SampleOut, TaskOut } from '../../../src/sampling/schemas';
import { SAMPLE_PURPOSES } from '../../../src/sampling/model';
import { SampleTable } from './SamplingPage';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function SamplingPlanPage() {
  const { id } = useParams();
  const me = useMe();
  const role = me.data!.role;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const page = useQuery({ queryKey: ['sampling', 'plan', id], queryFn: () => api.get<PlanPageResponse>(`/api/sampling/plans/${id}`) });
  const [taskOpen, setTaskOpen] = useState(false);
  const [sampleOpen, setSampleOpen] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [taskForm] = Form.useForm();
  const [sampleForm] = Form.useForm();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sampling'] });
  const addTask = useMutation({
    mutationFn: (v: { testingBody: string; batches: number; dueOn?: Dayjs }) => api.post<TaskOut>(`/api/sampling/plans/${id}/tasks`, { ...v, dueOn: day(v.dueOn) }),
    onSuccess: () => {
      message.success('已下达抽查任务');
      setTaskOpen(false);
      taskForm.resetFields();
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const addSample = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<SampleOut>('/api/sampling/samples', {
        ...v,
        sampledOn: day(v.sampledOn as Dayjs),
        samplers: String(v.samplers ?? '').split(/[，,、\s]+/).filter(Boolean),
      }),
    onSuccess: () => {
      message.success('已登记抽样');
      setSampleOpen(false);
      setSampleError(null);
      // keep the task, samplers and date for the next batch; clear what differs per batch
      sampleForm.resetFields(['sampleNo', 'creditCode', 'brand', 'model', 'batchNo']);
      refresh();
    },
    // keep the modal open with the input: the lock message names the earlier sampling
    onError: (e) => setSampleError(errorMessage(e)),
  });
  if (page.error) return <Alert type="error" showIcon message={errorMessage(page.error)} />;
  if (!page.data) return <Card loading />;
  const { plan, tasks, samples } = page.data;
  return (
    <div>
      <Breadcrumb items={[{ title: <Link to="/sampling">监督抽查</Link> }, { title: plan.name }]} style={{ marginBottom: 12 }} />
      <Typography.Title level={3} style={{ marginTop: 0 }}>{plan.name}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="产品">{plan.productName}（{plan.productCode}）</Descriptions.Item>
        <Descriptions.Item label="层级">{plan.level}</Descriptions.Item>
        <Descriptions.Item label="环节">{plan.stage}</Descriptions.Item>
        <Descriptions.Item label="计划批次">{plan.plannedBatches}</Descriptions.Item>
        <Descriptions.Item label="已抽样">{plan.sampled}</Descriptions.Item>
        <Descriptions.Item label="不合格">{plan.failed}</Descriptions.Item>
      </Descriptions>
      <Card title="承检任务" style={{ marginBottom: 16 }} extra={roleMay(role, 'sampling:plan') && <Button icon={<PlusOutlined />} onClick={() => setTaskOpen(true)}>下达任务</Button>}>
        <Table<TaskOut>
          rowKey="id"
          size="small"
          dataSource={tasks}
          pagination={false}
          locale={{ emptyText: '尚未下达承检任务' }}
          columns={[
            { title: '承检机构', dataIndex: 'testingBody' },
            { title: '批次', dataIndex: 'batches' },
            { title: '完成期限', dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card title="样品" extra={roleMay(role, 'sampling:manage') && tasks.length > 0 && <Button type="primary" icon={<PlusOutlined />} onClick={() => setSampleOpen(true)}>登记抽样</Button>}>
        <SampleTable items={samples} />
      </Card>
      <Modal title="下达承检任务" open={taskOpen} onCancel={() => setTaskOpen(false)} onOk={() => taskForm.submit()} confirmLoading={addTask.isPending} okText="下达">
        <Form form={taskForm} name="task" layout="vertical" onFinish={(v) => addTask.mutate(v)}>
          <Form.Item name="testingBody" label="承检机构" rules={[{ required: true, message: '请填写承检机构' }]}><Input /></Form.Item>
          <Form.Item name="batches" label="批次" rules={[{ required: true, message: '请填写批次' }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="dueOn" label="完成期限"><DatePicker /></Form.Item>
        </Form>
      </Modal>
      <Modal title="登记抽样" open={sampleOpen} onCancel={() => setSampleOpen(false)} onOk={() => sampleForm.submit()} confirmLoading={addSample.isPending} okText="登记" width={640}>
        {sampleError && <Alert type="error" showIcon message={sampleError} style={{ marginBottom: 12 }} data-testid="sample-error" />}
        <Form form={sampleForm} name="sample" layout="vertical" initialValues={{ taskId: tasks[0]?.id, purpose: '常规抽查', reserveKept: true, productName: plan.productName }} onFinish={(v) => addSample.mutate(v)}>
          <Form.Item name="taskId" label="承检任务" rules={[{ required: true }]}>
            <Select options={tasks.map((t) => ({ value: t.id, label: t.testingBody }))} />
          </Form.Item>
          <Form.Item name="sampleNo" label="抽样单编号" rules={[{ required: true, message: '请填写抽样单编号' }]}><Input /></Form.Item>
          <Form.Item name="creditCode" label="被抽样企业统一社会信用代码（企业名录中）" rules={[{ required: true, message: '请填写统一社会信用代码' }]}><Input maxLength={18} /></Form.Item>
          <Form.Item name="productName" label="产品名称"><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="brand" label="商标"><Input /></Form.Item>
            <Form.Item name="model" label="规格型号"><Input /></Form.Item>
            <Form.Item name="batchNo" label="生产日期/批号"><Input /></Form.Item>
          </Space>
          <Form.Item name="standard" label="执行标准"><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="sampledOn" label="抽样日期" rules={[{ required: true, message: '请选择抽样日期' }]}><DatePicker /></Form.Item>
            <Form.Item name="purpose" label="抽查类型"><Select style={{ width: 130 }} options={SAMPLE_PURPOSES.map((p) => ({ value: p, label: p }))} /></Form.Item>
            <Form.Item name="reserveKept" label="留存备用样品" valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item name="samplers" label="抽样人员（至少2名，用顿号分隔）" rules={[{ required: true, message: '请填写抽样人员' }]}><Input placeholder="陈明、刘洋" /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
