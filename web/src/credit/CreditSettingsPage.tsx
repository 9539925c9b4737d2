// 信用设置 (admin): the risk rules (points, thresholds, on/off), the class cut-offs, the look-back
// windows, the list deadlines and periods, and when the register is reclassified.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Switch, Table, Typography } from 'antd';
import { PageHeader } from '../admin/PageHeader';
import { useNotify } from '../api/notify';
import { settingsProblem, type CreditSettings, type RiskRule } from '../../../src/credit/model';
import { useCreditSettings, useSaveCreditSettings } from './api';

const DEADLINE_LABELS: Record<keyof CreditSettings['deadlines'], string> = {
  listingDecisionWd: '列入经营异常名录决定（工作日）',
  removalDecisionWd: '移出决定（工作日）',
  objectionAcceptWd: '异议受理决定（工作日）',
  objectionVerifyWd: '异议核实答复（工作日）',
  publicationShortMonths: '处罚公示期：较短（月）',
  publicationLongMonths: '处罚公示期：较长（月）',
  seriousPublicationMonths: '严重违法失信名单公示期（月）',
  repairMinMonths: '处罚信用修复最短期限（月）',
  repairMinMonthsSpecial: '食品、药品、特种设备处罚修复最短期限（月）',
  seriousEarlyRemovalMonths: '严重违法失信名单提前移出最短期限（月）',
  dueSoonWd: '提前提醒（工作日）',
};
const WINDOW_LABELS: Record<keyof CreditSettings['windows'], string> = {
  penaltyMonths: '行政处罚回溯期（月）',
  samplingMonths: '抽检不合格回溯期（月）',
  complaintMonths: '投诉回溯期（月）',
  annualReportMonths: '未报送年报回溯期（月）',
  inspectionMonths: '双随机抽查发现问题回溯期（月）',
};

export function CreditSettingsPage() {
  const q = useCreditSettings();
  const save = useSaveCreditSettings();
  const notify = useNotify();
  const [s, setS] = useState<CreditSettings | null>(null);
  useEffect(() => {
    if (q.data) setS(structuredClone(q.data.settings));
  }, [q.data]);
  if (!q.data || !s) return <Card loading />;
  const facts = q.data.facts;
  const problem = settingsProblem(s);
  const setRule = (id: string, patch: Partial<RiskRule>) => setS({ ...s, rules: s.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  const num = (v: number | null) => (typeof v === 'number' ? v : 0);
  return (
    <div>
      <PageHeader
        title="信用设置"
        description="企业信用风险分类的规则、分值和分界，以及名单期限。默认值来自国市监信发〔2022〕6号、总局令第44号、第45号和信用修复管理办法，可按本单位规定调整。"
        extra={
          <Button
            type="primary"
            disabled={!!problem}
            loading={save.isPending}
            onClick={() => save.mutate({ settings: s, version: q.data.version }, { onSuccess: () => notify.success('已保存，下次重新分类时生效'), onError: notify.error })}
          >
            保存
          </Button>
        }
      />
      {problem && <Alert type="warning" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Card title="分类规则" style={{ marginBottom: 16 }}>
        <Table<RiskRule>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={s.rules}
          columns={[
            { title: '规则', dataIndex: 'label' },
            { title: '条件', key: 'fact', render: (_: unknown, r) => `${facts[r.fact] ?? r.fact} ≥` },
            { title: '阈值', key: 'threshold', width: 100, render: (_: unknown, r) => <InputNumber min={0} max={10000} value={r.threshold} onChange={(v) => setRule(r.id, { threshold: num(v) })} aria-label={`${r.label}阈值`} /> },
            { title: '分值', key: 'points', width: 100, render: (_: unknown, r) => <InputNumber min={-1000} max={1000} value={r.points} onChange={(v) => setRule(r.id, { points: num(v) })} aria-label={`${r.label}分值`} /> },
            { title: '启用', key: 'enabled', width: 70, render: (_: unknown, r) => <Switch checked={r.enabled} onChange={(v) => setRule(r.id, { enabled: v })} /> },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="分类分界（分值达到即归入）" style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              {(['B', 'C', 'D'] as const).map((k) => (
                <Form.Item key={k} label={`${k} 类`}>
                  <InputNumber value={s.cutoffs[k]} onChange={(v) => setS({ ...s, cutoffs: { ...s.cutoffs, [k]: num(v) } })} aria-label={`${k}类分界`} />
                </Form.Item>
              ))}
              <Typography.Text type="secondary">低于 B 类分界为 A 类（信用风险低）。</Typography.Text>
            </Form>
          </Card>
          <Card title="重新分类" style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              <Form.Item label="周期（月，0 表示仅手动）">
                <InputNumber min={0} max={12} value={s.reclassify.everyMonths} onChange={(v) => setS({ ...s, reclassify: { ...s.reclassify, everyMonths: num(v) } })} />
              </Form.Item>
              <Form.Item label="每月几日">
                <InputNumber min={1} max={28} value={s.reclassify.dayOfMonth} onChange={(v) => setS({ ...s, reclassify: { ...s.reclassify, dayOfMonth: num(v) } })} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="期限" style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              {(Object.keys(WINDOW_LABELS) as (keyof CreditSettings['windows'])[]).map((k) => (
                <Form.Item key={k} label={WINDOW_LABELS[k]}>
                  <InputNumber min={0} max={1200} aria-label={WINDOW_LABELS[k]} value={s.windows[k]} onChange={(v) => setS({ ...s, windows: { ...s.windows, [k]: num(v) } })} />
                </Form.Item>
              ))}
              {(Object.keys(DEADLINE_LABELS) as (keyof CreditSettings['deadlines'])[]).map((k) => (
                <Form.Item key={k} label={DEADLINE_LABELS[k]}>
                  <InputNumber min={0} max={1200} value={s.deadlines[k]} onChange={(v) => setS({ ...s, deadlines: { ...s.deadlines, [k]: num(v) } })} />
                </Form.Item>
              ))}
            </Form>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
