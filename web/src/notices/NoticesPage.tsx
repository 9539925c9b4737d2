// 督查通报: the office generates a notice for a period (a quarter, a month, or any date range) from the
// reporting records, edits and issues it; departments see the issued notices about them.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, DatePicker, Form, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeleteNotice, useGenerateNotice, useMe, useNotices, usePlans, useSupervisionTracking } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { Notice } from '../api/types';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { forPrint, usePrinting } from '../components/print';
import { formatTime } from '../format';
import { NOTICE_STATUS, noticeDocxUrl } from './labels';

type Span = 'period' | 'quarter' | 'month' | 'half' | 'range';

interface GenerateValues {
  span: Span;
  periodId?: string;
  quarter?: Dayjs;
  month?: Dayjs;
  half?: string;
  range?: [Dayjs, Dayjs];
  planId?: string;
}

/** The first and last day of the chosen period. */
export function periodOf(v: GenerateValues): { periodStart: string; periodEnd: string } | null {
  const f = (d: Dayjs) => d.format('YYYY-MM-DD');
  if (v.span === 'quarter' && v.quarter) {
    const startMonth = Math.floor(v.quarter.month() / 3) * 3;
    const start = v.quarter.month(startMonth).startOf('month');
    return { periodStart: f(start), periodEnd: f(start.add(2, 'month').endOf('month')) };
  }
  if (v.span === 'month' && v.month) return { periodStart: f(v.month.startOf('month')), periodEnd: f(v.month.endOf('month')) };
  if (v.span === 'half' && v.half) {
    const [y, h] = v.half.split('-');
    return h === '1' ? { periodStart: `${y}-01-01`, periodEnd: `${y}-06-30` } : { periodStart: `${y}-07-01`, periodEnd: `${y}-12-31` };
  }
  if (v.span === 'range' && v.range) return { periodStart: f(v.range[0]), periodEnd: f(v.range[1]) };
  return null;
}

function halfOptions(): { value: string; label: string }[] {
  const y = dayjs().year();
  return [y, y - 1, y - 2].flatMap((year) => [
    { value: `${year}-2`, label: `${year}年下半年` },
    { value: `${year}-1`, label: `${year}年上半年` },
  ]);
}

export function NoticesPage() {
  const me = useMe().data!;
  const manage = roleMay(me.role, 'notices:manage');
  const printing = usePrinting();
  const notices = useNotices();
  const plans = usePlans({ status: 'published' });
  const generate = useGenerateNotice();
  const remove = useDeleteNotice();
  const notify = useNotify();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<GenerateValues>();
  const span = Form.useWatch('span', form) ?? 'quarter';
  const chosenPlan = Form.useWatch('planId', form);
  const tracking = useSupervisionTracking(span === 'period' ? (chosenPlan ?? '') : '');
  const periodOptions = [...(tracking.data?.periods ?? [])].reverse().map((p) => ({ value: p.id, label: `${p.label}（截止 ${p.dueDate}）` }));

  const submit = async () => {
    const values = await form.validateFields();
    const period = values.span === 'period' && values.periodId ? { periodId: values.periodId } : periodOf(values);
    if (!period) return;
    generate.mutate(
      { ...period, ...(values.planId ? { planId: values.planId } : {}) },
      {
        onSuccess: ({ notice }) => {
          notify.success(`已生成通报草稿「${notice.title}」`);
          setOpen(false);
          navigate(`/notices/${notice.id}`);
        },
        onError: notify.error,
      },
    );
  };

  const columns: TableColumnsType<Notice> = [
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, n) => (
        <Typography.Link onClick={() => navigate(`/notices/${n.id}`)}>{title}</Typography.Link>
      ),
    },
    { title: '发文字号', dataIndex: 'documentNumber', key: 'documentNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: '通报期间', dataIndex: 'periodLabel', key: 'periodLabel', width: 150, render: (v: string | null, n) => v ?? n.content.periodLabel },
    { title: '涉及单位', key: 'departments', width: 90, render: (_, n) => `${n.departments.length} 个` },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: Notice['status']) => <Tag color={NOTICE_STATUS[s].color}>{NOTICE_STATUS[s].label}</Tag>,
    },
    { title: '成文日期', dataIndex: 'issueDate', key: 'issueDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, n) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/notices/${n.id}`)}>
            {manage && n.status === 'draft' ? '编辑' : '查看'}
          </Button>
          <Button type="link" size="small" icon={<DownloadOutlined />} href={noticeDocxUrl(n.id)}>
            Word
          </Button>
          {manage && n.status === 'draft' && (
            <Popconfirm
              title={`删除通报草稿「${n.title}」？`}
              description="删除后不能恢复，可以重新生成。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove.mutateAsync({ id: n.id, version: n.version }).then(() => notify.success('已删除通报草稿'), notify.error)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  if (notices.isError) return <LoadError message={(notices.error as Error).message} onRetry={() => void notices.refetch()} />;

  return (
    <div>
      <PageHeader
        title="督查通报"
        description={
          manage
            ? '按报送期间从报送记录生成通报：逾期未报送、目标进度滞后、任务推进受阻，按责任单位分列；可修改后印发并导出公文格式的 Word 文件。'
            : '质量办印发的、涉及本单位的督查通报。'
        }
        extra={
          manage && (
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ span: 'quarter', quarter: dayjs() }); // the current quarter: what is behind now
                setOpen(true);
              }}
            >
              生成通报
            </Button>
          )
        }
      />
      <Card>
        <Table rowKey="id" columns={forPrint(columns, printing)} dataSource={notices.data ?? []} loading={notices.isPending} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: manage ? '尚未生成通报' : '暂无涉及本单位的通报' }} />
      </Card>
      <Modal
        title="生成督查通报"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit().catch(() => undefined)}
        okText="生成草稿"
        cancelText="取消"
        confirmLoading={generate.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ span: 'quarter' }}>
          <Form.Item name="planId" label="行动计划" extra="不选时包括全部已发布的计划"
            rules={span === 'period' ? [{ required: true, message: '按报送周期通报时请选择计划' }] : undefined}>
            <Select
              allowClear
              placeholder="全部已发布计划"
              loading={plans.isPending}
              options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              aria-label="行动计划"
            />
          </Form.Item>
          <Form.Item name="span" label="通报期间">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'period', label: '报送周期' },
                { value: 'quarter', label: '季度' },
                { value: 'month', label: '月度' },
                { value: 'half', label: '半年' },
                { value: 'range', label: '自定义' },
              ]}
            />
          </Form.Item>
          {span === 'period' && (
            <Form.Item name="periodId" label="报送周期" rules={[{ required: true, message: '请选择报送周期' }]}>
              <Select
                options={periodOptions}
                loading={!!chosenPlan && tracking.isPending}
                placeholder={chosenPlan ? '选择报送周期' : '请先选择计划'}
                notFoundContent="该计划尚无报送周期"
                aria-label="报送周期"
              />
            </Form.Item>
          )}
          {span === 'quarter' && (
            <Form.Item name="quarter" label="季度" rules={[{ required: true, message: '请选择季度' }]}>
              <DatePicker picker="quarter" style={{ width: '100%' }} aria-label="季度" />
            </Form.Item>
          )}
          {span === 'month' && (
            <Form.Item name="month" label="月份" rules={[{ required: true, message: '请选择月份' }]}>
              <DatePicker picker="month" style={{ width: '100%' }} aria-label="月份" />
            </Form.Item>
          )}
          {span === 'half' && (
            <Form.Item name="half" label="半年" rules={[{ required: true, message: '请选择半年' }]}>
              <Select options={halfOptions()} aria-label="半年" />
            </Form.Item>
          )}
          {span === 'range' && (
            <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            通报列出期间内结束、截止日已过的报送周期中未按时报送的单位，以及截至期末进度滞后的目标和受阻的任务。生成后为草稿，可修改正文后再印发。
          </Typography.Paragraph>
        </Form>
      </Modal>
    </div>
  );
}
