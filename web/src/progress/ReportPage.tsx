// One progress report. The department edits it (ReportForm); the office reads it and may return it
// with a reason (退回) or accept it (采纳).
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useAcceptReport, useDeleteAttachment, useMe, usePlan, useReport, useReturnReport, useSaveReport, useUploadAttachment } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { ReportDetail } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { formatTime } from '../format';
import { formatSize } from './attachments';
import { formatGoal, REPORT_STATUS, TASK_PROGRESS } from './labels';
import { ReportForm, type ReportPayload, type ReportState } from './ReportForm';

export function attachmentUrl(reportId: string, id: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}/attachments/${encodeURIComponent(id)}`;
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function DepartmentReport({ detail }: { detail: ReportDetail }) {
  const r = detail.report;
  const plan = usePlan(r.planId);
  const me = useMe().data!;
  const save = useSaveReport();
  const upload = useUploadAttachment(r.id);
  const removeFile = useDeleteAttachment(r.id);

  const mine = me.departmentId ?? '';
  const tasks = useMemo(
    () =>
      (plan.data?.tasks ?? [])
        .filter((t) => t.departments.some((d) => d.id === mine))
        .map((t) => ({ id: t.id, marker: t.marker, title: t.title, dueDate: t.dueDate ?? t.deadlineText, role: t.departments.find((d) => d.id === mine)?.role ?? null })),
    [plan.data, mine],
  );
  const targets = useMemo(
    () =>
      (plan.data?.targets ?? [])
        .filter((t) => t.departments.some((d) => d.id === mine))
        .map((t) => ({ id: t.id, indicator: t.indicator, goal: formatGoal(t), unit: t.unit })),
    [plan.data, mine],
  );
  const state: ReportState = useMemo(
    () => ({
      status: r.status,
      text: r.text,
      tasks: detail.tasks,
      values: detail.targets,
      attachments: detail.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, url: attachmentUrl(r.id, a.id) })),
      returnedReason: r.returnedReason,
      returnedAt: r.returnedAt,
      submittedAt: r.submittedAt,
    }),
    [detail, r],
  );

  if (plan.isError) return <LoadError message={(plan.error as Error).message} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const onSave = async (payload: ReportPayload, submit: boolean) => {
    try {
      await save.mutateAsync({ id: r.id, version: r.version, payload, submit });
    } catch (e) {
      throw remapFieldErrors(e, payload);
    }
  };

  return (
    <ReportForm
      planTitle={r.planTitle}
      periodLabel={r.periodLabel}
      dueDate={r.dueDate}
      tasks={tasks}
      targets={targets}
      report={state}
      resetKey={`${r.id}:${r.version}:${tasks.length}:${targets.length}`}
      today={todayInShanghai()}
      saving={save.isPending}
      onSave={onSave}
      onUpload={(file) => upload.mutateAsync(file)}
      onRemoveAttachment={(id) => removeFile.mutateAsync(id)}
    />
  );
}

/**
 * The server names a field by its place in the request (`targets.2.value`); the form names it by the
 * item (`values.<targetId>.value`). Rewrites the error's details so the form can put it at the field.
 */
function remapFieldErrors(e: unknown, payload: ReportPayload): unknown {
  if (!(e instanceof ApiError)) return e;
  const d = e.details as { fields?: { path: string; message: string }[] } | undefined;
  let problems = d?.fields;
  if (!problems) {
    // Without details, the message still names the item: 第 2 项指标的数值… / 第 1 项指标的数据日期…
    const m = /第 ?(\d+) ?项(指标|任务)(的(数值|数据日期|单位))?/.exec(e.message);
    if (!m) return e;
    const list = m[2] === '指标' ? 'targets' : 'tasks';
    const field = m[4] === '数据日期' ? 'asOf' : m[4] === '数值' || m[4] === '单位' ? 'value' : list === 'tasks' ? 'status' : 'value';
    problems = [{ path: `${list}.${Number(m[1]) - 1}.${field}`, message: e.message }];
  }
  const fields = problems.flatMap((f) => {
    const [list, index, field] = f.path.split('.');
    const i = Number(index);
    if (list === 'targets' && payload.values[i]) return [{ path: ['values', payload.values[i].targetId, field === 'asOf' ? 'asOf' : 'value'], message: f.message }];
    if (list === 'tasks' && payload.tasks[i]) return [{ path: ['tasks', payload.tasks[i].taskId, field === 'note' ? 'note' : 'status'], message: f.message }];
    if (list === 'text') return [{ path: ['text'], message: f.message }];
    return [];
  });
  return new ApiError(e.status, e.code, e.message, { fields });
}

function OfficeReport({ detail }: { detail: ReportDetail }) {
  const r = detail.report;
  const plan = usePlan(r.planId);
  const ret = useReturnReport();
  const accept = useAcceptReport();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const tasksById = new Map((plan.data?.tasks ?? []).map((t) => [t.id, t]));
  const targetsById = new Map((plan.data?.targets ?? []).map((t) => [t.id, t]));

  const doReturn = async () => {
    const { reason } = await form.validateFields();
    try {
      await ret.mutateAsync({ id: r.id, version: r.version, reason: reason.trim() });
      setOpen(false);
      notify.success(`已退回${r.departmentName}的报送`);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'dep', label: '责任单位', children: r.departmentName },
            { key: 'plan', label: '行动计划', children: r.planTitle },
            { key: 'period', label: '报送周期', children: `${r.periodLabel}（截止 ${r.dueDate}）` },
            { key: 'status', label: '状态', children: <Tag color={REPORT_STATUS[r.status].color}>{REPORT_STATUS[r.status].label}</Tag> },
            { key: 'submitted', label: '提交时间', children: formatTime(r.submittedAt) },
            { key: 'returned', label: '退回', children: r.returnedReason ? `${formatTime(r.returnedAt)}：${r.returnedReason}` : '—' },
          ]}
        />
        {(r.status === 'submitted' || r.status === 'accepted') && (
          <Space style={{ marginTop: 12 }}>
            <Button danger icon={<RollbackOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>
              退回
            </Button>
            {r.status === 'submitted' && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={accept.isPending}
                onClick={() => accept.mutate({ id: r.id, version: r.version }, { onSuccess: () => notify.success('已采纳'), onError: notify.error })}
              >
                采纳
              </Button>
            )}
          </Space>
        )}
        {(r.status === 'draft' || r.status === 'returned') && (
          <Alert style={{ marginTop: 12 }} type="info" showIcon message={r.status === 'draft' ? '该单位尚未提交本期报送（草稿）。' : '已退回，等待该单位修改后重新提交。'} />
        )}
      </Card>
      <Card title="进展情况" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.text || '（未填写）'}</Typography.Paragraph>
      </Card>
      <Card title="指标数值" style={{ marginBottom: 16 }}>
        <Table
          rowKey="targetId"
          size="small"
          pagination={false}
          dataSource={detail.targets}
          locale={{ emptyText: '本期未报送指标数值' }}
          columns={[
            { title: '指标', key: 'indicator', render: (_, v) => targetsById.get(v.targetId)?.indicator ?? `指标 ${v.targetId}` },
            { title: '目标', key: 'goal', width: 130, render: (_, v) => { const t = targetsById.get(v.targetId); return t ? formatGoal(t) : '—'; } },
            { title: '报送值', key: 'value', width: 130, render: (_, v) => `${v.value}${targetsById.get(v.targetId)?.unit ?? ''}` },
            { title: '数据日期', dataIndex: 'asOf', key: 'asOf', width: 120 },
            { title: '说明', dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card title="任务进展" style={{ marginBottom: 16 }}>
        <Table
          rowKey="taskId"
          size="small"
          pagination={false}
          dataSource={detail.tasks}
          locale={{ emptyText: '本期未报送任务状态' }}
          columns={[
            { title: '任务', key: 'title', render: (_, k) => { const t = tasksById.get(k.taskId); return t ? `${t.marker ?? ''}${t.title}` : `任务 ${k.taskId}`; } },
            { title: '状态', key: 'status', width: 100, render: (_, k) => <Tag color={TASK_PROGRESS[k.status].color}>{TASK_PROGRESS[k.status].label}</Tag> },
            { title: '说明', dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card title="附件">
        {detail.attachments.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
            {detail.attachments.map((a) => (
              <li key={a.id}>
                <Typography.Link href={attachmentUrl(r.id, a.id)}>
                  <PaperClipOutlined /> {a.fileName}
                </Typography.Link>{' '}
                <Typography.Text type="secondary">{formatSize(a.sizeBytes)}</Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有附件" />
        )}
      </Card>
      <Modal title={`退回${r.departmentName}的报送`} open={open} onCancel={() => setOpen(false)} onOk={() => void doReturn().catch(() => undefined)} okText="退回" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={ret.isPending} destroyOnHidden>
        <Typography.Paragraph type="secondary">退回后该单位将收到通知，修改后可重新提交。退回原因会显示给该单位。</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { min: 2, message: '退回原因至少 2 个字' }, { max: 500, message: '退回原因不能超过 500 字' }]}>
            <Input.TextArea rows={4} placeholder="例如：指标数值缺少佐证材料，请补充统计报表" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ReportPage() {
  const { id = '' } = useParams();
  const me = useMe().data!;
  const report = useReport(id);
  const navigate = useNavigate();
  const isDepartment = roleMay(me.role, 'progress:report');

  if (report.isError) return <LoadError message={(report.error as Error).message} onRetry={() => void report.refetch()} />;
  const detail = report.data;
  return (
    <div>
      <PageHeader
        title={detail ? `${detail.report.periodLabel}进度报送` : '进度报送'}
        description={detail ? `${detail.report.departmentName} · ${detail.report.planTitle}` : undefined}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(isDepartment ? '/progress/my' : '/progress/overview')}>
            返回
          </Button>
        }
      />
      {!detail ? <Spin style={{ display: 'block', margin: '80px auto' }} /> : isDepartment ? <DepartmentReport detail={detail} /> : <OfficeReport detail={detail} />}
    </div>
  );
}
