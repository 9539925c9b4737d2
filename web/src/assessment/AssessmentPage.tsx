// 部门考核: the year's scheme (weights of 按时报送 / 目标完成 / 任务完成, grade cut-offs), computing the
// scores from the records, the table with how each part was computed, adjustments with a required
// reason (audited), the 一票否决 switch (forces D), and the Excel export.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popover, Progress, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalculatorOutlined, DownloadOutlined, EditOutlined, QuestionCircleOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useAdjustAssessment, useAssessments, useAssessmentScheme, useComputeAssessments, useMe, useSaveAssessmentScheme } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { AssessmentRow, AssessmentScheme } from '../api/types';
import { GRADE_LABELS, MIN_REASON_LENGTH, PART_LABELS } from '../../../src/plans/assessment/model';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { forPrint, usePrinting } from '../components/print';
import { formatTime } from '../format';

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red', N: 'default' };

const PARTS: { key: 'onTime' | 'targets' | 'tasks'; label: string }[] = [
  { key: 'onTime', label: '按时报送' },
  { key: 'targets', label: '目标完成' },
  { key: 'tasks', label: '任务完成' },
];

type Breakdown = AssessmentRow['breakdown'];
const TARGET_STATUS_TEXT: Record<string, string> = { achieved: '已达成', on_track: '正常', warning: '预警', behind: '滞后', missed: '未达成', no_report: '未报送' };
const TASK_STATUS_TEXT: Record<string, string> = { not_started: '未开始', in_progress: '进行中', done: '已完成', blocked: '受阻' };
type PartKey = 'onTime' | 'targets' | 'tasks';

function partDetails(key: PartKey, b: Breakdown): { text: string; plan?: string; ok: boolean }[] {
  // each item with its plan: a department answers to several plans, each with its own periods
  if (key === 'onTime') return b.onTime.details.map((d) => ({ text: `${d.planTitle} ${d.periodLabel}（截止 ${d.dueDate}）${d.submittedOn ? `${d.submittedOn} 报送` : '未报送'}`, ok: d.onTime }));
  if (key === 'targets') return b.targets.details.map((d) => ({ text: `${d.indicator}（${d.deadlineYear ?? '—'}年）：${TARGET_STATUS_TEXT[d.status] ?? d.status}`, plan: d.planTitle, ok: d.counted }));
  return b.tasks.details.map((d) => ({ text: `${d.title}：${d.status ? (TASK_STATUS_TEXT[d.status] ?? d.status) : '未报送'}`, plan: d.planTitle, ok: d.counted }));
}

/** One part's points, with how they were computed in a popover. */
function PartCell({ row, part, rule }: { row: AssessmentRow; part: PartKey; rule: string | undefined }) {
  const b = row.breakdown;
  const p = b[part];
  const details = partDetails(part, b);
  return (
    <Popover
      title={`${row.departmentName} · ${PART_LABELS[part]}：${p.applicable ? `${p.points} / ${p.effectiveWeight ?? p.weight} 分` : '不涉及'}`}
      content={
        <div style={{ maxWidth: 420 }} data-testid="assessment-breakdown">
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {p.formula}
          </Typography.Paragraph>
          {details.length > 0 && (
            <ul style={{ paddingInlineStart: 18, margin: '0 0 8px', maxHeight: 220, overflowY: 'auto' }}>
              {details.slice(0, 30).map((d, i) => (
                <li key={i} style={{ color: d.ok ? undefined : '#cf1322' }}>
                  {d.text}
                  {d.plan && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      （{d.plan}）
                    </Typography.Text>
                  )}
                </li>
              ))}
              {details.length > 30 && <li>……另有 {details.length - 30} 项</li>}
            </ul>
          )}
          {(b.excludedPlans?.length ?? 0) > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="assessment-excluded">
              不计入（计划期在{b.year}年之前已结束）：{b.excludedPlans!.map((t) => `《${t}》`).join('、')}
            </Typography.Paragraph>
          )}
          {rule && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {rule}
            </Typography.Text>
          )}
        </div>
      }
    >
      <Typography.Link aria-label={`${row.departmentName}${PART_LABELS[part]}得分说明`}>
        {p.applicable ? p.points : '不涉及'} <QuestionCircleOutlined style={{ fontSize: 12 }} />
      </Typography.Link>
    </Popover>
  );
}

export function AssessmentPage() {
  const me = useMe().data!;
  const manage = roleMay(me.role, 'assessment:manage');
  const printing = usePrinting();
  const [year, setYear] = useState(() => dayjs().year());
  const scheme = useAssessmentScheme(year);
  const list = useAssessments(year);
  const compute = useComputeAssessments();
  const saveScheme = useSaveAssessmentScheme();
  const adjust = useAdjustAssessment();
  const notify = useNotify();
  const [schemeOpen, setSchemeOpen] = useState(false);
  const [adjusting, setAdjusting] = useState<AssessmentRow | null>(null);
  const [vetoing, setVetoing] = useState<AssessmentRow | null>(null);
  const [unvetoing, setUnvetoing] = useState<AssessmentRow | null>(null);
  const [schemeForm] = Form.useForm<AssessmentScheme['weights'] & AssessmentScheme['grades']>();
  const rules = scheme.data?.rules ?? {};
  const s = scheme.data?.scheme;
  const [adjustForm] = Form.useForm<{ score: number; reason: string }>();
  const [vetoForm] = Form.useForm<{ reason: string }>();

  const rows = list.data?.items ?? [];

  const runCompute = () =>
    compute.mutate(
      { year },
      { onSuccess: (res) => notify.success(`已计算 ${res.items.length} 个部门的${year}年度考核得分`), onError: notify.error },
    );

  const openScheme = () => {
    schemeForm.setFieldsValue({ ...(s?.weights ?? { onTime: 30, targets: 50, tasks: 20 }), ...(s?.grades ?? { A: 90, B: 80, C: 60 }) });
    setSchemeOpen(true);
  };

  const submitScheme = async () => {
    const v = await schemeForm.validateFields();
    saveScheme.mutate(
      { year, version: s?.version ?? 0, name: s?.name ?? '年度考核方案', weights: { onTime: v.onTime, targets: v.targets, tasks: v.tasks }, grades: { A: v.A, B: v.B, C: v.C } },
      {
        onSuccess: () => {
          setSchemeOpen(false);
          notify.success(`已保存${year}年度考核方案，请重新计算得分`);
        },
        onError: notify.error,
      },
    );
  };

  const submitAdjust = async () => {
    const v = await adjustForm.validateFields();
    adjust.mutate(
      { id: adjusting!.id, version: adjusting!.version, adjustedScore: v.score, reason: v.reason.trim() },
      {
        onSuccess: () => {
          setAdjusting(null);
          notify.success(`已调整${adjusting!.departmentName}的得分`);
        },
        onError: notify.error,
      },
    );
  };

  const submitVeto = async () => {
    const v = await vetoForm.validateFields();
    adjust.mutate(
      { id: vetoing!.id, version: vetoing!.version, veto: true, reason: v.reason.trim() },
      {
        onSuccess: () => {
          setVetoing(null);
          notify.success(`已对${vetoing!.departmentName}实行一票否决，等级为 D`);
        },
        onError: notify.error,
      },
    );
  };

  const columns: TableColumnsType<AssessmentRow> = [
    { title: '部门', dataIndex: 'departmentName', key: 'departmentName', fixed: 'left', width: 170 },
    ...PARTS.map((p) => ({
      title: `${p.label}（${s?.weights[p.key] ?? '—'}）`,
      key: p.key,
      width: 120,
      render: (_: unknown, r: AssessmentRow) => <PartCell row={r} part={p.key} rule={rules[p.key]} />,
    })),
    {
      title: '计算得分',
      dataIndex: 'computedScore',
      key: 'computedScore',
      width: 110,
      sorter: (a, b) => a.computedScore - b.computedScore,
      render: (_, r) =>
        r.breakdown.assessed === false ? (
          <Typography.Text type="secondary">不参评</Typography.Text>
        ) : (
          <Tooltip title={r.breakdown.totalFormula}>
            <span data-testid="assessment-total">{r.computedScore}</span>
          </Tooltip>
        ),
    },
    {
      title: '最终得分',
      key: 'finalScore',
      width: 120,
      defaultSortOrder: 'descend',
      // 不参评 below every graded department, whatever the direction's scores
      sorter: (a, b) => (a.grade === 'N' ? -1 : a.finalScore) - (b.grade === 'N' ? -1 : b.finalScore),
      render: (_, r) =>
        r.adjustedScore !== null ? (
          <Tooltip title={`调整原因：${r.adjustmentReason ?? ''}`}>
            <Typography.Text strong>{r.adjustedScore}</Typography.Text> <Tag color="purple">已调整</Tag>
          </Tooltip>
        ) : r.grade === 'N' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Typography.Text strong>{r.computedScore}</Typography.Text>
        ),
    },
    {
      title: '一票否决',
      key: 'veto',
      width: 100,
      render: (_, r) =>
        printing ? (
          // on paper: the decision in words, not a switch
          <span data-testid="assessment-veto-print">{r.veto ? `否决（${r.vetoReason ?? ''}）` : '—'}</span>
        ) : (
          <Tooltip title={r.veto ? `原因：${r.vetoReason ?? ''}` : undefined}>
            <Switch
              size="small"
              checked={r.veto}
              disabled={!manage}
              loading={adjust.isPending && adjust.variables?.id === r.id && adjust.variables.veto !== undefined}
              aria-label={`一票否决：${r.departmentName}`}
              onChange={(on) => {
                if (on) {
                  vetoForm.resetFields();
                  setVetoing(r);
                } else {
                  vetoForm.resetFields();
                  setUnvetoing(r);
                }
              }}
            />
          </Tooltip>
        ),
    },
    {
      title: '等级',
      dataIndex: 'grade',
      key: 'grade',
      width: 70,
      render: (g: AssessmentRow['grade']) =>
        g === 'N' ? (
          <Tooltip title="本年度无应考核的报送、目标和任务，不评定等级">
            <Tag data-testid="assessment-grade">不参评</Tag>
          </Tooltip>
        ) : (
          <Tooltip title={GRADE_LABELS[g]}>
            <Tag color={GRADE_COLORS[g]} style={{ fontWeight: 600 }} data-testid="assessment-grade">
              {g}
            </Tag>
          </Tooltip>
        ),
    },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, r: AssessmentRow) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  adjustForm.setFieldsValue({ score: r.adjustedScore ?? r.computedScore, reason: '' });
                  setAdjusting(r);
                }}
              >
                调整
              </Button>
            ),
          },
        ]
      : []),
  ];

  const submitUnveto = async () => {
    const v = await vetoForm.validateFields();
    adjust.mutate(
      { id: unvetoing!.id, version: unvetoing!.version, veto: false, reason: v.reason.trim() },
      {
        onSuccess: () => {
          setUnvetoing(null);
          notify.success(`已取消${unvetoing!.departmentName}的一票否决`);
        },
        onError: notify.error,
      },
    );
  };

  const reasonRules = (what: string) => [
    { required: true, whitespace: true, message: `请填写${what}` },
    { min: MIN_REASON_LENGTH, message: `${what}不少于 ${MIN_REASON_LENGTH} 个字` },
    { max: 2000, message: `${what}不能超过 2000 字` },
  ];

  if (list.isError) return <LoadError message={(list.error as Error).message} onRetry={() => void list.refetch()} />;
  const computedAt = rows.reduce<string | null>((m, r) => (m && m > r.computedAt ? m : r.computedAt), null);

  return (
    <div>
      <PageHeader
        title="部门考核"
        description="按考核方案从报送、目标和任务记录计算各责任部门的年度得分；调整得分须填写原因并记入审计日志。"
        extra={
          <Space wrap>
            <DatePicker picker="year" allowClear={false} value={dayjs().year(year)} onChange={(d) => d && setYear(d.year())} aria-label="考核年度" />
            {manage && (
              <>
                <Button icon={<SettingOutlined />} onClick={openScheme}>
                  考核方案
                </Button>
                <Button type="primary" icon={<CalculatorOutlined />} loading={compute.isPending} onClick={runCompute}>
                  计算得分
                </Button>
              </>
            )}
            <Button icon={<DownloadOutlined />} href={`/api/assessments/export?year=${year}`} disabled={rows.length === 0} data-testid="assessment-export">
              导出 Excel
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 4 }}
          items={[
            { key: 'w', label: '分值', children: s ? `按时报送 ${s.weights.onTime} · 目标完成 ${s.weights.targets} · 任务完成 ${s.weights.tasks}` : '—' },
            { key: 'g', label: '等级', children: s ? `A ≥ ${s.grades.A}，B ${s.grades.B}–${s.grades.A - 1}，C ${s.grades.C}–${s.grades.B - 1}，D ≤ ${s.grades.C - 1}` : '—' },
            { key: 'v', label: '一票否决', children: '实行一票否决的部门等级为 D' },
            { key: 'r', label: '不涉及的部分', children: '不计分，其权重按比例分配给有应考核事项的部分；三部分均无应考核事项的单位不参评' },
            ...(s && !s.stored ? [{ key: 's', label: '方案', children: '尚未保存本年度方案，使用默认方案' }] : []),
            { key: 't', label: '计算时间', children: formatTime(computedAt) },
          ]}
        />
      </Card>
      {compute.isPending && (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Text>正在从报送记录计算{year}年度各部门得分……</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} />
        </Card>
      )}
      <Card>
        {rows.length === 0 && !list.isPending && (
          <Alert style={{ marginBottom: 12 }} type="info" showIcon message={manage ? `${year}年度尚未计算考核得分，请点击“计算得分”。` : `${year}年度考核结果尚未公布。`} />
        )}
        <Table rowKey="id" size="small" columns={forPrint(columns, printing)} dataSource={rows} loading={list.isPending} pagination={false} scroll={{ x: 1000 }} />
      </Card>

      <Modal title={`${year}年度考核方案`} open={schemeOpen} onCancel={() => setSchemeOpen(false)} onOk={() => void submitScheme().catch(() => undefined)} okText="保存" cancelText="取消" confirmLoading={saveScheme.isPending} destroyOnHidden>
        <Form form={schemeForm} layout="vertical">
          <Typography.Title level={5}>分值（默认合计 100 分）</Typography.Title>
          <Space align="start">
            {PARTS.map((p) => (
              <Form.Item
                key={p.key}
                name={p.key}
                label={p.label}
                dependencies={PARTS.filter((x) => x.key !== p.key).map((x) => x.key)}
                rules={[
                  { required: true, message: '请填写分值' },
                  ({ getFieldValue }) => ({
                    validator: () => {
                      const sum = PARTS.reduce((n, x) => n + (Number(getFieldValue(x.key)) || 0), 0);
                      return sum === 100 ? Promise.resolve() : Promise.reject(new Error(`三项合计通常为 100 分（现为 ${sum}）`));
                    },
                    warningOnly: true,
                  }),
                ]}
              >
                <InputNumber min={0} max={100} precision={0} suffix="分" />
              </Form.Item>
            ))}
          </Space>
          <Typography.Title level={5}>等级线（不低于）</Typography.Title>
          <Space align="start">
            {(['A', 'B', 'C'] as const).map((g, i, all) => (
              <Form.Item
                key={g}
                name={g}
                label={`${g} 级`}
                dependencies={all.filter((x) => x !== g)}
                rules={[
                  { required: true, message: '请填写分数线' },
                  ({ getFieldValue }) => ({
                    validator: (_r, v: number) => {
                      const above = i > 0 ? Number(getFieldValue(all[i - 1])) : undefined;
                      if (above !== undefined && v >= above) return Promise.reject(new Error(`应低于 ${all[i - 1]} 级分数线`));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={100} precision={0} suffix="分" />
              </Form.Item>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            低于 C 级分数线为 D 级。修改方案后需重新计算得分。
          </Typography.Paragraph>
        </Form>
      </Modal>

      <Modal title={adjusting ? `调整得分：${adjusting.departmentName}` : '调整得分'} open={!!adjusting} onCancel={() => setAdjusting(null)} onOk={() => void submitAdjust().catch(() => undefined)} okText="保存调整" cancelText="取消" confirmLoading={adjust.isPending} destroyOnHidden>
        {adjusting && (
          <Form form={adjustForm} layout="vertical">
            <Typography.Paragraph>
              计算得分 {adjusting.computedScore} 分。调整会记入审计日志，并在考核表中显示原因；重新计算时保留调整。
            </Typography.Paragraph>
            <Form.Item name="score" label="调整后得分" rules={[{ required: true, message: '请填写调整后得分' }, { type: 'number', min: 0, message: '得分不能为负数' }]}>
              <InputNumber min={0} max={s ? s.weights.onTime + s.weights.targets + s.weights.tasks : 100} step={0.5} style={{ width: 160 }} suffix="分" />
            </Form.Item>
            <Form.Item name="reason" label="调整原因" rules={reasonRules('调整原因')}>
              <Input.TextArea rows={3} placeholder="例如：经核实，该部门第三季度报送因系统故障延迟，按时报送分予以补记" />
            </Form.Item>
          </Form>
        )}
      </Modal>

      <Modal title={vetoing ? `一票否决：${vetoing.departmentName}` : '一票否决'} open={!!vetoing} onCancel={() => setVetoing(null)} onOk={() => void submitVeto().catch(() => undefined)} okText="确认否决" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={adjust.isPending} destroyOnHidden>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="实行一票否决后，该部门本年度考核等级为 D，不论得分。" />
        <Form form={vetoForm} layout="vertical">
          <Form.Item name="reason" label="否决原因" rules={reasonRules('否决原因')}>
            <Input.TextArea rows={3} placeholder="例如：发生重大质量安全事故" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={unvetoing ? `取消一票否决：${unvetoing.departmentName}` : '取消一票否决'} open={!!unvetoing} onCancel={() => setUnvetoing(null)} onOk={() => void submitUnveto().catch(() => undefined)} okText="取消否决" cancelText="返回" confirmLoading={adjust.isPending} destroyOnHidden>
        <Typography.Paragraph>取消后等级按得分评定。</Typography.Paragraph>
        <Form form={vetoForm} layout="vertical">
          <Form.Item name="reason" label="取消原因" rules={reasonRules('取消原因')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
