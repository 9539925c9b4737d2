// One 督查通报: what it found, by department; the editable title, issuing body and text while a draft;
// 印发 (after confirming: number and date, then read-only and sent to the departments); Word download.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Collapse, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../api/client';
import { useIssueNotice, useMe, useNotice, useUpdateNotice } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { Notice } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { formatTime } from '../format';
import { NOTICE_STATUS, noticeDocxUrl, OVERDUE_STATE_LABELS } from './labels';

interface EditValues {
  title: string;
  issuingBody: string;
  bodyText: string;
  copyTo: string[];
}

/** 2026-10-20 → 2026年10月20日 */
const chineseDate = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, day: string) => `${y}年${Number(m)}月${Number(day)}日`);

interface IssueValues {
  documentNumber?: string;
  issueDate?: Dayjs | null;
}

function Findings({ content }: { content: Notice['content'] }) {
  const s = content.summary;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Statistic title="应报送" value={s.reportsDue} suffix="份" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="按时报送" value={s.reportsOnTime} suffix="份" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="逾期未报送" value={s.overdueReports} suffix="份" styles={{ content: s.overdueReports ? { color: '#cf1322' } : undefined }} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="逾期报送" value={s.lateReports} suffix="份" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="目标滞后" value={s.targetsBehind} suffix="项" styles={{ content: s.targetsBehind ? { color: '#d46b08' } : undefined }} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="任务受阻" value={s.tasksBlocked} suffix="项" />
        </Col>
      </Row>
      {content.departments.length === 0 ? (
        <Empty description="本期未发现逾期报送、目标滞后或任务受阻" />
      ) : (
        <Collapse
          size="small"
          items={content.departments.map((d) => ({
            key: d.departmentId,
            label: (
              <Space>
                <Typography.Text strong>{d.name}</Typography.Text>
                {d.overdueReports.length > 0 && <Tag color="red">报送 {d.overdueReports.length}</Tag>}
                {d.targetsBehind.length > 0 && <Tag color="orange">滞后 {d.targetsBehind.length}</Tag>}
                {d.tasksBlocked.length > 0 && <Tag color="magenta">受阻 {d.tasksBlocked.length}</Tag>}
              </Space>
            ),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
                {d.overdueReports.map((r) => (
                  <li key={`r${r.periodId}`}>
                    <Tag color={r.state === 'late' ? 'gold' : 'red'}>{OVERDUE_STATE_LABELS[r.state]}</Tag>《{r.planTitle}》{r.periodLabel}，截止 {r.dueDate}
                    {r.submittedOn ? `，${r.submittedOn} 报送` : ''}
                  </li>
                ))}
                {d.targetsBehind.map((t) => (
                  <li key={`t${t.targetId}`}>
                    <Tag color="orange">目标滞后</Tag>“{t.indicator}”目标 {t.goal}，最新 {t.latestValue}
                    {t.unit}（{t.latestAsOf}）
                  </li>
                ))}
                {d.tasksBlocked.map((k) => (
                  <li key={`k${k.taskId}`}>
                    <Tag color="magenta">任务受阻</Tag>“{k.title}”（{k.periodLabel}）{k.note ? `：${k.note}` : ''}
                  </li>
                ))}
              </ul>
            ),
          }))}
        />
      )}
    </>
  );
}

export function NoticePage() {
  const { id = '' } = useParams();
  const me = useMe().data!;
  const manage = roleMay(me.role, 'notices:manage');
  const notice = useNotice(id);
  const update = useUpdateNotice();
  const issue = useIssueNotice();
  const notify = useNotify();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditValues>();
  const [issueForm] = Form.useForm<IssueValues>();
  const [issueOpen, setIssueOpen] = useState(false);
  const n = notice.data;
  const editable = manage && n?.status === 'draft';

  useEffect(() => {
    if (n) form.setFieldsValue({ title: n.title, issuingBody: n.issuingBody ?? '', bodyText: n.bodyText, copyTo: n.copyTo });
  }, [n, form]);

  if (notice.isError) return <LoadError message={(notice.error as Error).message} onRetry={() => void notice.refetch()} />;
  if (!n) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const dirty = () => form.isFieldsTouched();

  const save = async (): Promise<Notice | null> => {
    const values = await form.validateFields();
    try {
      const res = await update.mutateAsync({
        id: n.id,
        version: n.version,
        title: values.title.trim(),
        issuingBody: values.issuingBody.trim(),
        bodyText: values.bodyText,
        copyTo: values.copyTo.map((c) => c.trim()).filter(Boolean),
      });
      form.resetFields();
      form.setFieldsValue({ title: res.notice.title, issuingBody: res.notice.issuingBody ?? '', bodyText: res.notice.bodyText, copyTo: res.notice.copyTo });
      return res.notice;
    } catch (e) {
      notify.error(e);
      return null;
    }
  };

  const openIssue = () => {
    issueForm.resetFields();
    setIssueOpen(true);
  };

  const doIssue = async () => {
    const values = await issueForm.validateFields();
    // Unsaved edits go in first, so that what is issued is what is on the screen.
    const current = dirty() ? await save() : n;
    if (!current) return;
    try {
      const res = await issue.mutateAsync({
        id: current.id,
        version: current.version,
        ...(values.issueDate ? { issueDate: values.issueDate.format('YYYY-MM-DD') } : {}),
        ...(values.documentNumber?.trim() ? { documentNumber: values.documentNumber.trim() } : {}),
      });
      setIssueOpen(false);
      notify.success(`已印发：${res.notice.documentNumber ?? res.notice.title}`);
    } catch (e) {
      notify.error(e);
      if (e instanceof ApiError && e.status === 409) void notice.refetch();
    }
  };

  return (
    <div>
      <PageHeader
        title={n.title}
        description={`${n.content.periodLabel}（${n.content.periodStart} 至 ${n.content.periodEnd}），数据截至 ${n.content.asOf}`}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/notices')}>
              返回列表
            </Button>
            <Button icon={<DownloadOutlined />} href={noticeDocxUrl(n.id)} data-testid="notice-docx">
              下载 Word
            </Button>
            {editable && (
              <>
                <Button icon={<SaveOutlined />} loading={update.isPending} onClick={() => void save().then((r) => r && notify.success('已保存通报草稿'), () => undefined)}>
                  保存
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={openIssue}>
                  印发
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'status', label: '状态', children: <Tag color={NOTICE_STATUS[n.status].color} data-testid="notice-status">{NOTICE_STATUS[n.status].label}</Tag> },
            { key: 'number', label: '发文字号', children: n.documentNumber ?? '印发时编号' },
            { key: 'date', label: '成文日期', children: n.issueDate ?? '—' },
            { key: 'issuer', label: '发文机关', children: n.issuingBody ?? '—' },
            { key: 'plans', label: '计划', children: n.content.plans.map((p) => p.title).join('；') || '全部已发布计划' },
            { key: 'issuedAt', label: '印发时间', children: formatTime(n.issuedAt) },
          ]}
        />
      </Card>
      <Card title="督查发现" style={{ marginBottom: 16 }}>
        <Findings content={n.content} />
      </Card>
      <Card title={editable ? '通报正文（可修改）' : '通报正文'}>
        {editable ? (
          <Form form={form} layout="vertical">
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请输入标题' }, { max: 200, message: '标题不能超过 200 字' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="issuingBody" label="发文机关" rules={[{ required: true, whitespace: true, message: '请输入发文机关' }, { max: 100, message: '发文机关不能超过 100 字' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="bodyText" label="正文" extra="每行一段；以“一、”“（一）”开头的行按公文层次排版" rules={[{ required: true, whitespace: true, message: '请输入正文' }]}>
              <Input.TextArea autoSize={{ minRows: 14, maxRows: 40 }} />
            </Form.Item>
            <Form.Item
              name="copyTo"
              label="抄送"
              extra="版记中的抄送机关，按顺序；输入后回车添加"
              rules={[
                { type: 'array', max: 30, message: '抄送单位不能超过 30 个' },
                { validator: (_, v: string[] | undefined) => ((v ?? []).some((c) => c.trim().length > 100) ? Promise.reject(new Error('抄送单位不能超过 100 字')) : Promise.resolve()) },
              ]}
            >
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '、']} placeholder="如 区人大常委会办公室" aria-label="抄送" data-testid="notice-copy-to" />
            </Form.Item>
          </Form>
        ) : (
          <div style={{ maxWidth: 800, margin: '0 auto', fontFamily: 'FangSong, STFangsong, serif', fontSize: 16, lineHeight: 1.9 }}>
            <Typography.Title level={4} style={{ textAlign: 'center', fontFamily: 'inherit' }}>
              {n.title}
            </Typography.Title>
            {n.documentNumber && <div style={{ textAlign: 'center', marginBottom: 12 }}>{n.documentNumber}</div>}
            {n.bodyText.split('\n').map((line, i) => (
              <p key={i} style={{ margin: 0, textIndent: i === 0 ? 0 : '2em' }}>
                {line}
              </p>
            ))}
            <div style={{ textAlign: 'right', marginTop: 24 }}>
              <div>{n.issuingBody}</div>
              <div>{n.issueDate}</div>
            </div>
            {/* 版记: 抄送, 印发机关和印发日期 */}
            <div style={{ marginTop: 32, borderTop: '2px solid #000', borderBottom: '2px solid #000', fontSize: 14 }} data-testid="notice-imprint">
              {n.copyTo.length > 0 && <div style={{ padding: '4px 1em', borderBottom: '1px solid #000' }}>抄送：{n.copyTo.join('，')}。</div>}
              <div style={{ padding: '4px 1em', display: 'flex', justifyContent: 'space-between' }}>
                <span>{n.issuingBody}</span>
                <span>{n.issueDate ? `${chineseDate(n.issueDate)}印发` : ''}</span>
              </div>
            </div>
          </div>
        )}
      </Card>
      <Modal
        title="印发通报"
        open={issueOpen}
        onCancel={() => setIssueOpen(false)}
        onOk={() => void doIssue().catch(() => undefined)}
        okText="确认印发"
        cancelText="取消"
        confirmLoading={issue.isPending || update.isPending}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`确认印发「${n.title}」？`}
          description={`印发后通报不能再修改或删除，涉及的 ${n.departments.length} 个单位将收到通知并可查看。`}
        />
        <Form form={issueForm} layout="vertical">
          <Form.Item name="documentNumber" label="发文字号" extra="不填时自动编号，如 质量办〔2026〕1号" rules={[{ max: 60, message: '发文字号不能超过 60 字' }]}>
            <Input placeholder="自动编号" />
          </Form.Item>
          <Form.Item name="issueDate" label="成文日期" extra="不填时为印发当日">
            <DatePicker style={{ width: '100%' }} placeholder="印发当日" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
