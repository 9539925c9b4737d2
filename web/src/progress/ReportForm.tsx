// The department's progress report (进度报送) for one plan and period: status of each task, a value
// per target with the date it refers to, text, attachments; save as draft or submit (after confirming).
// A returned report shows the office's reason and can be corrected and sent again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { InboxOutlined, PaperClipOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../api/client';
import { formatTime } from '../format';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS, attachmentProblem, formatSize } from './attachments';
import { REPORT_STATUS, TASK_PROGRESS_OPTIONS, type ReportStatusKey, type TaskProgressKey } from './labels';

export interface ReportTaskRow {
  id: string;
  marker: string | null;
  title: string;
  dueDate: string | null;
  role: 'lead' | 'co' | null;
}

export interface ReportTargetRow {
  id: string;
  indicator: string;
  goal: string;
  unit: string;
}

export interface ReportAttachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  url: string;
}

export interface ReportState {
  status: ReportStatusKey | null;
  text: string;
  tasks: { taskId: string; status: TaskProgressKey; note: string | null }[];
  values: { targetId: string; value: number; asOf: string; note: string | null }[];
  attachments: ReportAttachment[];
  returnedReason: string | null;
  returnedAt: string | null;
  submittedAt: string | null;
}

/** What the form hands to save / submit. */
export interface ReportPayload {
  text: string;
  tasks: { taskId: string; status: TaskProgressKey; note: string | null }[];
  values: { targetId: string; value: number; asOf: string; note: string | null }[];
}

interface FormValues {
  text?: string;
  tasks: Record<string, { status?: TaskProgressKey; note?: string }>;
  values: Record<string, { value?: number | null; asOf?: Dayjs | null; note?: string }>;
}

export interface ReportFormProps {
  planTitle: string;
  periodLabel: string;
  dueDate: string;
  tasks: ReportTaskRow[];
  targets: ReportTargetRow[];
  report: ReportState | null;
  /** Changes when the stored report changes (id and version): the form then shows the stored values. */
  resetKey: string;
  /** The latest day a value may refer to (today on the server's clock). */
  today: string;
  saving: boolean;
  onSave: (payload: ReportPayload, submit: boolean) => Promise<unknown>;
  onUpload: (file: File) => Promise<unknown>;
  onRemoveAttachment?: (id: string) => Promise<unknown>;
}

/**
 * A server field error as `field` paths like `values.<targetId>.value` or `tasks.<taskId>.status`
 * (in the error's `details`), shown at that field. Anything else stays a message.
 */
export function fieldErrorsOf(error: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  const list = Array.isArray(details) ? details : details && typeof details === 'object' && 'fields' in details ? (details as { fields: unknown }).fields : null;
  if (!Array.isArray(list)) return [];
  const out: { name: (string | number)[]; errors: string[] }[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { field, path, message } = item as { field?: unknown; path?: unknown; message?: unknown };
    const raw = Array.isArray(path) ? path.map(String) : typeof field === 'string' ? field.split('.') : null;
    if (!raw || typeof message !== 'string') continue;
    out.push({ name: raw, errors: [message] });
  }
  return out;
}

function toFormValues(report: ReportState | null, tasks: ReportTaskRow[], targets: ReportTargetRow[]): FormValues {
  const taskMap: FormValues['tasks'] = {};
  for (const t of tasks) {
    const item = report?.tasks.find((x) => x.taskId === t.id);
    taskMap[t.id] = { status: item?.status ?? 'not_started', note: item?.note ?? '' };
  }
  const valueMap: FormValues['values'] = {};
  for (const t of targets) {
    const item = report?.values.find((x) => x.targetId === t.id);
    valueMap[t.id] = { value: item?.value ?? null, asOf: item ? dayjs(item.asOf) : null, note: item?.note ?? '' };
  }
  return { text: report?.text ?? '', tasks: taskMap, values: valueMap };
}

export function ReportForm(props: ReportFormProps) {
  const { tasks, targets, report, today } = props;
  const [form] = Form.useForm<FormValues>();
  const { modal, message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const status = report?.status ?? null;
  const editable = status === null || status === 'draft' || status === 'returned';
  const initial = useMemo(() => toFormValues(report, tasks, targets), [report, tasks, targets]);

  // Only a new stored version replaces what is in the form: a refetch of the same version, or a
  // refused save, keeps the user's input and the field errors.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialRef.current);
  }, [form, props.resetKey]);

  const payload = (values: FormValues): ReportPayload => ({
    text: (values.text ?? '').trim(),
    tasks: tasks.map((t) => ({ taskId: t.id, status: values.tasks?.[t.id]?.status ?? 'not_started', note: values.tasks?.[t.id]?.note?.trim() || null })),
    values: targets.flatMap((t) => {
      const v = values.values?.[t.id];
      if (v?.value === null || v?.value === undefined || !v.asOf) return [];
      return [{ targetId: t.id, value: v.value, asOf: v.asOf.format('YYYY-MM-DD'), note: v.note?.trim() || null }];
    }),
  });

  const send = async (submit: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error('请先更正表单中标红的内容');
      return;
    }
    const body = payload(values);
    const go = async () => {
      try {
        await props.onSave(body, submit);
        void message.success(submit ? '报送已提交' : '草稿已保存');
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
        void message.error(error instanceof ApiError ? error.message : '保存失败，请稍后重试');
      }
    };
    if (!submit) return go();
    modal.confirm({
      title: status === 'returned' ? '确认重新提交报送？' : '确认提交报送？',
      content: `提交后质量办将看到本期（${props.periodLabel}）的报送内容，提交后不能再修改，如需更正须由质量办退回。`,
      okText: status === 'returned' ? '重新提交' : '提交',
      cancelText: '取消',
      onOk: go,
    });
  };

  const taskColumns: TableColumnsType<ReportTaskRow> = [
    {
      title: '任务',
      key: 'title',
      render: (_, t) => (
        <div>
          {t.marker && <Typography.Text strong>{t.marker} </Typography.Text>}
          <Typography.Text>{t.title}</Typography.Text>
          <div>
            {t.role && <Tag color={t.role === 'lead' ? 'blue' : 'default'}>{t.role === 'lead' ? '牵头' : '配合'}</Tag>}
            {t.dueDate && <Typography.Text type="secondary">截止 {t.dueDate}</Typography.Text>}
          </div>
        </div>
      ),
    },
    {
      title: '进展状态',
      key: 'status',
      width: 140,
      render: (_, t) => (
        <Form.Item name={['tasks', t.id, 'status']} noStyle rules={[{ required: true, message: '请选择任务状态' }]}>
          <Select options={TASK_PROGRESS_OPTIONS} disabled={!editable} aria-label={`任务状态：${t.title.slice(0, 20)}`} style={{ width: 120 }} />
        </Form.Item>
      ),
    },
    {
      title: '说明',
      key: 'note',
      width: 260,
      render: (_, t) => (
        <Form.Item
          name={['tasks', t.id, 'note']}
          style={{ margin: 0 }}
          dependencies={[['tasks', t.id, 'status']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, value: string | undefined) =>
                getFieldValue(['tasks', t.id, 'status']) === 'blocked' && !value?.trim()
                  ? Promise.reject(new Error('受阻的任务请说明原因'))
                  : Promise.resolve(),
            }),
            { max: 500, message: '说明不能超过 500 字' },
          ]}
        >
          <Input placeholder="进展或受阻原因" disabled={!editable} aria-label={`任务说明：${t.title.slice(0, 20)}`} />
        </Form.Item>
      ),
    },
  ];

  const targetColumns: TableColumnsType<ReportTargetRow> = [
    { title: '指标', dataIndex: 'indicator', key: 'indicator' },
    { title: '目标', dataIndex: 'goal', key: 'goal', width: 130 },
    {
      title: '本期数值',
      key: 'value',
      width: 190,
      render: (_, t) => (
        <Form.Item
          name={['values', t.id, 'value']}
          style={{ margin: 0 }}
          dependencies={[['values', t.id, 'asOf']]}
          rules={[
            { type: 'number', message: '请输入数字' },
            ({ getFieldValue }) => ({
              validator: (_r, value: number | null | undefined) =>
                (value === null || value === undefined) && getFieldValue(['values', t.id, 'asOf'])
                  ? Promise.reject(new Error('已选择日期，请填写数值'))
                  : value !== null && value !== undefined && !Number.isFinite(value)
                    ? Promise.reject(new Error('数值无效'))
                    : Promise.resolve(),
            }),
          ]}
        >
          <InputNumber
            style={{ width: '100%' }}
            placeholder="填写数值"
            disabled={!editable}
            suffix={t.unit || undefined}
            aria-label={`数值：${t.indicator}`}
          />
        </Form.Item>
      ),
    },
    {
      title: '数据日期',
      key: 'asOf',
      width: 170,
      render: (_, t) => (
        <Form.Item
          name={['values', t.id, 'asOf']}
          style={{ margin: 0 }}
          dependencies={[['values', t.id, 'value']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, value: Dayjs | null | undefined) => {
                const v = getFieldValue(['values', t.id, 'value']) as number | null | undefined;
                if (!value && v !== null && v !== undefined) return Promise.reject(new Error('请选择数值所属日期'));
                if (value && value.format('YYYY-MM-DD') > today) return Promise.reject(new Error('数据日期不能晚于今天'));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabled={!editable}
            placeholder="数值所属日期"
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            aria-label={`数据日期：${t.indicator}`}
          />
        </Form.Item>
      ),
    },
  ];

  const fileList: UploadFile[] = (report?.attachments ?? []).map((a) => ({
    uid: a.id,
    name: `${a.fileName}（${formatSize(a.sizeBytes)}）`,
    status: 'done',
    url: a.url,
  }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} disabled={props.saving}>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'plan', label: '行动计划', children: props.planTitle },
            { key: 'period', label: '报送周期', children: props.periodLabel },
            { key: 'due', label: '截止日期', children: props.dueDate },
            {
              key: 'status',
              label: '报送状态',
              children: status ? <Tag color={REPORT_STATUS[status].color}>{REPORT_STATUS[status].label}</Tag> : <Tag>未填报</Tag>,
            },
            ...(report?.submittedAt ? [{ key: 'submittedAt', label: '提交时间', children: formatTime(report.submittedAt) }] : []),
          ]}
        />
        {status === 'returned' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="returned-reason"
            message={`质量办已退回本期报送${report?.returnedAt ? `（${formatTime(report.returnedAt)}）` : ''}，请修改后重新提交`}
            description={`退回原因：${report?.returnedReason ?? '—'}`}
          />
        )}
        {(status === 'submitted' || status === 'accepted') && (
          <Alert type="success" showIcon style={{ marginTop: 12 }} message="本期已报送。如需更正，请联系质量办退回后修改。" />
        )}
      </Card>

      <Card title="任务进展" style={{ marginBottom: 16 }}>
        {tasks.length ? (
          <Table rowKey="id" size="small" columns={taskColumns} dataSource={tasks} pagination={false} />
        ) : (
          <Empty description="本计划中没有本部门负责的任务" />
        )}
      </Card>

      <Card title="指标数值" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">只填写本期有新数据的指标；数值须注明所属日期</Typography.Text>}>
        {targets.length ? (
          <Table rowKey="id" size="small" columns={targetColumns} dataSource={targets} pagination={false} />
        ) : (
          <Empty description="本计划中没有本部门负责的指标" />
        )}
      </Card>

      <Card title="进展情况与附件" style={{ marginBottom: 16 }}>
        <Form.Item
          label="进展情况"
          name="text"
          rules={[{ max: 5000, message: '进展情况不能超过 5000 字' }]}
          extra="本期工作进展、存在问题和下一步打算"
        >
          <Input.TextArea rows={5} disabled={!editable} showCount maxLength={5000} />
        </Form.Item>
        <Form.Item label="附件" extra={`支持 PDF、Word、Excel、JPG、PNG、TXT，单个不超过 ${formatSize(ATTACHMENT_LIMITS.maxBytes)}，最多 ${ATTACHMENT_LIMITS.maxPerReport} 个`}>
          <Upload.Dragger
            accept={ATTACHMENT_ACCEPT}
            multiple
            disabled={!editable || uploading}
            fileList={fileList}
            showUploadList={{ showRemoveIcon: editable && !!props.onRemoveAttachment }}
            onRemove={(f) => {
              if (!props.onRemoveAttachment) return false;
              return new Promise<boolean>((resolve) => {
                modal.confirm({
                  title: '删除附件？',
                  content: `删除「${f.name}」后不能恢复。`,
                  okText: '删除',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () =>
                    props.onRemoveAttachment!(f.uid).then(
                      () => resolve(true),
                      (e: unknown) => {
                        void message.error(e instanceof ApiError ? e.message : '删除失败');
                        resolve(false);
                      },
                    ),
                  onCancel: () => resolve(false),
                });
              });
            }}
            beforeUpload={(file) => {
              const problem = attachmentProblem(file, fileList.length);
              if (problem) {
                void message.error(problem);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              setUploading(true);
              props
                .onUpload(file as File)
                .then(
                  (res) => {
                    onSuccess?.(res);
                    void message.success(`已上传「${(file as File).name}」`);
                  },
                  (e: unknown) => {
                    onError?.(e as Error);
                    void message.error(e instanceof ApiError ? e.message : '上传失败，请稍后重试');
                  },
                )
                .finally(() => setUploading(false));
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽文件到此处上传佐证材料</p>
            <p className="ant-upload-hint">
              <PaperClipOutlined /> 上传后即保存到本期报送（未提交时为草稿）
            </p>
          </Upload.Dragger>
        </Form.Item>
      </Card>

      {editable && (
        <Flex justify="flex-end">
          <Space>
            <Button icon={<SaveOutlined />} onClick={() => void send(false)} loading={props.saving}>
              保存草稿
            </Button>
            <Button type="primary" icon={<SendOutlined />} onClick={() => void send(true)} loading={props.saving}>
              {status === 'returned' ? '重新提交' : '提交报送'}
            </Button>
          </Space>
        </Flex>
      )}
    </Form>
  );
}
