// 工作日历: a year's holidays and 调休 working days as the deadlines count them, and the form where
// the admin enters the State Council's notice (文号, each holiday's days off, its 调休上班 days).
// A year without an entered notice reads from the law (法定节假日推算); the form starts from that.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, AutoComplete } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useCalendarYear, useEnterSchedule, useRemoveSchedule, type CalendarDayOut, type CalendarYearOut, type OfficialScheduleInput } from '../api/calendar';
import { useNotify } from '../api/notify';
import { ApiError } from '../api/client';
import { PageHeader } from '../admin/PageHeader';
import { LoadError } from '../components/results';
import { formatTime, TIME_ZONE } from '../format';
import { HOLIDAY_NAMES, WEEKDAY_LABELS, YEAR_STATUS_LABELS } from '../../../src/org/calendar/labels';

interface Block {
  name: string;
  range: [Dayjs, Dayjs];
  workdays?: Dayjs[];
}
interface FormValues {
  documentNumber: string;
  title?: string;
  blocks: Block[];
}

const STATUS_COLORS = { official: 'green', estimate: 'orange', none: 'default' } as const;

/** Consecutive days with one name become one block: 2027-10-01 … 10-07 国庆节. */
function blocksOf(days: { date: string; name: string }[]): { name: string; from: string; to: string }[] {
  const out: { name: string; from: string; to: string }[] = [];
  for (const d of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const last = out.at(-1);
    if (last && last.name === d.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.date) last.to = d.date;
    else out.push({ name: d.name, from: d.date, to: d.date });
  }
  return out;
}

/** The form's starting point: the entered or packaged schedule, else the statutory days from the law. */
function initialValues(y: CalendarYearOut): FormValues {
  const official = y.status === 'official';
  const holidays = official
    ? y.days.filter((d) => d.kind === 'holiday' && d.source === 'official').map((d) => ({ date: d.date, name: d.name ?? '节假日' }))
    : y.statutory;
  const workdays = official ? y.days.filter((d) => d.kind === 'adjusted_workday' && d.source === 'official') : [];
  const blocks: Block[] = blocksOf(holidays).map((b) => ({ name: b.name, range: [dayjs(b.from), dayjs(b.to)], workdays: [] }));
  for (const w of workdays) {
    const block = blocks.find((b) => b.name === w.name) ?? blocks[0];
    block?.workdays?.push(dayjs(w.date));
  }
  return { documentNumber: y.documentNumber ?? '', title: y.title ?? '', blocks };
}

/** The form's blocks as the API's list of days. */
function toInput(v: FormValues): OfficialScheduleInput {
  const days: OfficialScheduleInput['days'] = [];
  for (const b of v.blocks ?? []) {
    const name = b.name.trim();
    for (let d = b.range[0].startOf('day'); !d.isAfter(b.range[1], 'day'); d = d.add(1, 'day')) {
      days.push({ date: d.format('YYYY-MM-DD'), kind: 'holiday', name });
    }
    for (const w of b.workdays ?? []) days.push({ date: w.format('YYYY-MM-DD'), kind: 'workday', name });
  }
  return { documentNumber: v.documentNumber.trim(), title: v.title?.trim() || null, days };
}

function defaultYear(): number {
  const now = dayjs().tz(TIME_ZONE);
  return now.month() >= 9 ? now.year() + 1 : now.year(); // from October the next year is the one to prepare
}

export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : defaultYear();
  const thisYear = dayjs().tz(TIME_ZONE).year();
  const data = useCalendarYear(year);
  const remove = useRemoveSchedule(year);
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => setWarnings([]), [year]);

  const columns: TableColumnsType<CalendarDayOut> = [
    { title: '日期', dataIndex: 'date', key: 'date', width: 130 },
    { title: '星期', key: 'weekday', width: 90, render: (_, d) => WEEKDAY_LABELS[d.isoWeekday] },
    {
      title: '安排',
      key: 'kind',
      width: 110,
      render: (_, d) => (d.working ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>),
    },
    { title: '节日', dataIndex: 'name', key: 'name', render: (n: string | null) => n ?? '—' },
    {
      title: '来源',
      key: 'source',
      width: 160,
      render: (_, d) => <Tag color={d.source === 'official' ? 'green' : d.source === 'estimate' ? 'orange' : 'purple'}>{d.sourceLabel}</Tag>,
    },
  ];

  const y = data.data;
  return (
    <div>
      <PageHeader
        title="工作日历"
        description="截止日期按国务院放假安排（含调休）计算。国务院办公厅每年 11 月前后发布下一年的放假安排，请在发布后录入；未录入的年份按《全国年节及纪念日放假办法》推算法定节假日，不含调休。录入的安排对平台上所有单位生效。"
        extra={
          <Select
            aria-label="年份"
            value={year}
            style={{ width: 120 }}
            onChange={(v) => setParams({ year: String(v) })}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((v) => ({ value: v, label: `${v} 年` }))}
          />
        }
      />
      {data.isError && <LoadError message={(data.error as Error).message} onRetry={() => void data.refetch()} />}
      {y && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="状态">
                <Tag color={STATUS_COLORS[y.status]} data-testid="calendar-status">
                  {YEAR_STATUS_LABELS[y.status]}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="依据">
                {y.officialFrom === 'entered'
                  ? `${y.documentNumber}${y.title ? `《${y.title}》` : ''}`
                  : y.officialFrom === 'package'
                    ? '国务院办公厅通知（随软件提供）'
                    : '《全国年节及纪念日放假办法》（2024 年修订）'}
              </Descriptions.Item>
              {y.officialFrom === 'entered' && (
                <Descriptions.Item label="录入">
                  {y.enteredBy}，{formatTime(y.updatedAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
            {y.status !== 'official' && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={`${year} 年的国务院放假安排尚未录入`}
                description="下表的放假日是按法定节假日推算的，没有调休上班日；通知发布后请点击“录入官方安排”，按通知填写。"
              />
            )}
            {warnings.length > 0 && (
              <Alert style={{ marginTop: 12 }} type="warning" showIcon message="已保存，但请核对以下几点" description={<ul style={{ margin: 0, paddingLeft: 20 }}>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
            )}
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {y.officialFrom === 'entered' ? '修改官方安排' : '录入官方安排'}
              </Button>
              {y.officialFrom === 'entered' && (
                <Popconfirm
                  title={`删除 ${year} 年录入的官方安排？`}
                  description="删除后该年恢复为软件自带数据或法定节假日推算。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() =>
                    remove.mutate(undefined, {
                      onSuccess: () => {
                        setWarnings([]);
                        notify.success(`已删除 ${year} 年录入的官方安排`);
                      },
                      onError: notify.error,
                    })
                  }
                >
                  <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                    删除录入的安排
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Card>
          <Card title={`${year} 年的放假和调休上班日`}>
            <Table rowKey="date" size="small" columns={columns} dataSource={y.days} pagination={false} locale={{ emptyText: <Empty description="这一年没有节假日数据" /> }} />
          </Card>
          {editing && (
            <ScheduleForm
              year={year}
              data={y}
              onClose={() => setEditing(false)}
              onSaved={(w) => {
                setWarnings(w);
                setEditing(false);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

function ScheduleForm({ year, data, onClose, onSaved }: { year: number; data: CalendarYearOut; onClose: () => void; onSaved: (warnings: string[]) => void }) {
  const [form] = Form.useForm<FormValues>();
  const enter = useEnterSchedule(year);
  const notify = useNotify();
  const initial = useMemo(() => initialValues(data), [data]);
  const [problems, setProblems] = useState<string[]>([]);
  const yearStart = dayjs(`${year - 1}-12-01`);
  const yearEnd = dayjs(`${year}-12-31`);
  const outside = (d: Dayjs) => d.isBefore(yearStart, 'day') || d.isAfter(yearEnd, 'day');

  const submit = (values: FormValues) => {
    setProblems([]);
    enter.mutate(toInput(values), {
      onSuccess: (res) => {
        notify.success(`已保存 ${year} 年的官方安排`);
        onSaved(res.warnings);
      },
      onError: (err) => {
        const fields = err instanceof ApiError ? (err.details as { fields?: { message: string }[] } | undefined)?.fields : undefined;
        if (fields?.length) setProblems(fields.map((f) => f.message));
        else notify.error(err);
      },
    });
  };

  return (
    <Modal
      open
      width={760}
      title={`录入 ${year} 年国务院放假安排`}
      okText="保存"
      cancelText="取消"
      confirmLoading={enter.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按《国务院办公厅关于{year}年部分节假日安排的通知》逐项填写：每个节日的放假起止日期（含其中的周末）和调休上班的周六、周日。
        {data.status !== 'official' && ' 下面已按法定节假日预填，请按通知修改。'}
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message="请修改以下问题" description={<ul style={{ margin: 0, paddingLeft: 20 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Flex gap={12}>
          <Form.Item name="documentNumber" label="文号" style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: '请填写通知的文号' }]}>
            <Input placeholder={`如 国办发明电〔${year - 1}〕X号`} />
          </Form.Item>
          <Form.Item name="title" label="通知标题" style={{ flex: 2 }}>
            <Input placeholder={`国务院办公厅关于${year}年部分节假日安排的通知`} />
          </Form.Item>
        </Flex>
        <Form.List name="blocks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card size="small" key={field.key} style={{ marginBottom: 8 }} data-testid="holiday-block">
                  <Flex gap={8} align="flex-start" wrap>
                    <Form.Item name={[field.name, 'name']} label="节日" rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]} style={{ width: 120, marginBottom: 0 }}>
                      <AutoComplete options={HOLIDAY_NAMES.map((n) => ({ value: n }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'range']} label="放假日期" rules={[{ required: true, message: '请选择放假起止日期' }]} style={{ marginBottom: 0 }}>
                      <DatePicker.RangePicker disabledDate={outside} />
                    </Form.Item>
                    <Form.Item noStyle dependencies={[['blocks', field.name, 'range']]}>
                      {() => {
                        // the calendar opens at the holiday's month (the 调休 days are beside it), not at today's
                        const range = form.getFieldValue(['blocks', field.name, 'range']) as [Dayjs | null, Dayjs | null] | undefined;
                        return (
                          <Form.Item name={[field.name, 'workdays']} label="调休上班日" style={{ minWidth: 200, flex: 1, marginBottom: 0 }}>
                            <DatePicker
                              multiple
                              defaultPickerValue={range?.[0] ?? undefined}
                              disabledDate={(d) => outside(d) || (d.day() !== 0 && d.day() !== 6)}
                              placeholder="选择周六或周日"
                              style={{ width: '100%' }}
                              aria-label="调休上班日"
                            />
                          </Form.Item>
                        );
                      }}
                    </Form.Item>
                    <Button aria-label="删除该节日" icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(field.name)} />
                  </Flex>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', workdays: [] })} block>
                添加节日
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
