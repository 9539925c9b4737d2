// 监督抽查 (issue 12): 抽查计划 by product category, 样品 (with the results import), 合格率 (the rates of
// §4.4, every figure opening its batches) and 期限参数 (the authority's periods).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Cascader, Form, Grid, Input, InputNumber, List, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { CatalogueResponse, ImportResponse, PlanOut, RateBatchesResponse, RatesResponse, SampleListResponse, SampleOut, SettingsResponse } from '../../../src/sampling/schemas';
import { MEASURE_LABELS, PLAN_LEVELS, type Measure } from '../../../src/sampling/model';
import { HigherChecksTab } from './HigherChecksTab';

export const CONCLUSION_COLORS: Record<string, string> = { 合格: 'green', 不合格: 'red' };
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function useCatalogue() {
  return useQuery({ queryKey: ['sampling', 'catalogue'], queryFn: () => api.get<CatalogueResponse>('/api/sampling/catalogue'), staleTime: Infinity });
}

export function SampleTag({ s }: { s: Pick<SampleOut, 'state' | 'conclusion' | 'firstConclusion'> }) {
  if (s.state !== '已检验') return <Tag>{s.state}</Tag>;
  return (
    <Tag color={CONCLUSION_COLORS[s.conclusion ?? '']}>
      {s.conclusion}
      {s.firstConclusion !== s.conclusion ? '（复检改判）' : ''}
    </Tag>
  );
}

function PlansTab({ canPlan }: { canPlan: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const plans = useQuery({ queryKey: ['sampling', 'plans', year], queryFn: async () => (await api.get<{ items: PlanOut[] }>('/api/sampling/plans', { year })).items });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const path = v.product as string[];
      return api.post<PlanOut>('/api/sampling/plans', { ...v, product: undefined, productCode: path[path.length - 1] });
    },
    onSuccess: () => {
      message.success('已新建抽查计划');
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['sampling', 'plans'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const options = (catalogue.data?.groups ?? []).map((g) => ({
    value: g.code,
    label: g.name,
    children: g.subgroups.map((s) => ({ value: s.code, label: s.name, children: s.products.map((p) => ({ value: p.code, label: p.name })) })),
  }));
  return (
    <Card
      title="监督抽查计划"
      extra={
        <Space wrap>
          <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => setYear(v)} placeholder="全部年度" />
          {canPlan && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建计划</Button>}
        </Space>
      }
      styles={narrow ? { body: { padding: 8 } } : undefined}
    >
      <List
        loading={plans.isPending}
        dataSource={plans.data ?? []}
        locale={{ emptyText: '本年度暂无抽查计划' }}
        renderItem={(p) => (
          <List.Item data-testid="plan-row">
            <List.Item.Meta
              title={<Link to={`/sampling/plans/${p.id}`}>{p.name}</Link>}
              description={
                <Space wrap size={4}>
                  <Tag>{p.level}</Tag>
                  <span>{p.productName}</span>
                  <span>计划 {p.plannedBatches} 批次</span>
                  <span>已抽 {p.sampled}、已检 {p.tested}</span>
                  {p.failed > 0 && <Tag color="red">不合格 {p.failed}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal title="新建监督抽查计划" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="新建">
        <Form form={form} name="plan" layout="vertical" initialValues={{ year: new Date().getFullYear(), level: '县级监督抽查', stage: '生产' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input placeholder="如：2026年电热水壶产品质量县级监督抽查" />
          </Form.Item>
          <Form.Item name="product" label="抽查产品（产品目录）" rules={[{ required: true, message: '请选择抽查产品' }]}>
            <Cascader options={options} showSearch placeholder="大类 / 小类 / 产品" aria-label="抽查产品" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="plannedBatches" label="计划批次" rules={[{ required: true, message: '请填写计划批次' }]}><InputNumber min={1} /></Form.Item>
          </Space>
          <Form.Item name="level" label="抽查层级"><Select options={PLAN_LEVELS.map((l) => ({ value: l, label: l }))} /></Form.Item>
          <Form.Item name="stage" label="抽样环节"><Select options={['生产', '流通', '电商'].map((l) => ({ value: l, label: l }))} /></Form.Item>
          <Form.Item name="department" label="组织部门"><Input /></Form.Item>
        </Form>
      </Modal>
      {catalogue.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          产品目录：{catalogue.data.note}出处：{catalogue.data.sources.map((s) => s.title).join('；')}。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

async function uploadResults(file: File): Promise<ImportResponse> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/api/sampling/imports', { method: 'POST', body: form, credentials: 'same-origin' });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `上传失败（${res.status}）`);
  return data as ImportResponse;
}

export function SampleTable({ items, loading }: { items: SampleOut[]; loading?: boolean }) {
  return (
    <Table<SampleOut>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'sample-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '抽样单编号', dataIndex: 'sampleNo', render: (v: string, s) => <Link to={`/sampling/samples/${s.id}`}>{v}</Link> },
        { title: '企业', dataIndex: 'enterpriseName' },
        { title: '产品', dataIndex: 'productName', render: (v: string, s) => `${v} ${s.brand} ${s.model}` },
        { title: '抽样日期', dataIndex: 'sampledOn' },
        { title: '结论', render: (_: unknown, s) => <SampleTag s={s} /> },
      ]}
    />
  );
}

function SamplesTab({ canManage }: { canManage: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const [filter, setFilter] = useState<{ state?: string; conclusion?: string; page: number }>({ page: 1 });
  const samples = useQuery({ queryKey: ['sampling', 'samples', filter], queryFn: () => api.get<SampleListResponse>('/api/sampling/samples', { ...filter, pageSize: 50 }) });
  const [imported, setImported] = useState<ImportResponse | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: uploadResults,
    onSuccess: (r) => {
      setImported(r);
      setImportError(null);
      void qc.invalidateQueries({ queryKey: ['sampling'] });
    },
    onError: (e) => setImportError(errorMessage(e)),
  });
  return (
    <Card
      title="样品（批次）"
      styles={narrow ? { body: { padding: 8 } } : undefined}
      extra={
        <Space wrap>
          <Select allowClear placeholder="状态" style={{ width: 110 }} options={['待检验', '已检验', '未检验'].map((v) => ({ value: v, label: v }))} onChange={(v) => setFilter({ ...filter, state: v, page: 1 })} aria-label="状态" />
          <Select allowClear placeholder="结论" style={{ width: 110 }} options={['合格', '不合格'].map((v) => ({ value: v, label: v }))} onChange={(v) => setFilter({ ...filter, conclusion: v, page: 1 })} aria-label="结论" />
          {canManage && (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (upload.mutate(f), false)}>
              <Button icon={<UploadOutlined />} loading={upload.isPending}>导入检验结果（Excel）</Button>
            </Upload>
          )}
        </Space>
      }
    >
      {canManage && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          导入文件第一行为表头：抽样单编号、报告编号、报告日期、检验项目、标准条款、标准要求、实测值、单项判定（可选：未检验原因），每行一个检验项目。同一抽样单的各行一起导入或一起退回。
        </Typography.Paragraph>
      )}
      {importError && <Alert type="error" showIcon message={importError} style={{ marginBottom: 12 }} closable onClose={() => setImportError(null)} />}
      {imported && (
        <Alert
          style={{ marginBottom: 12 }}
          type={imported.refused.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setImported(null)}
          message={`共 ${imported.samples} 张抽样单，已导入 ${imported.imported} 张${imported.refused.length ? `，${imported.refused.length} 行未导入` : ''}`}
          description={
            imported.refused.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-refused">
                {imported.refused.slice(0, 50).map((r) => (
                  <li key={`${r.row}-${r.reason}`}>第 {r.row} 行：{r.reason}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Table
        rowKey={(i) => i.sample.id}
        size="small"
        loading={samples.isPending}
        dataSource={samples.data?.items ?? []}
        pagination={{ current: filter.page, pageSize: 50, total: samples.data?.total ?? 0, onChange: (page) => setFilter({ ...filter, page }), hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '抽样单编号', render: (_: unknown, i) => <Link to={`/sampling/samples/${i.sample.id}`}>{i.sample.sampleNo}</Link> },
          { title: '企业', render: (_: unknown, i) => i.sample.enterpriseName },
          { title: '产品', render: (_: unknown, i) => `${i.sample.productName} ${i.sample.brand} ${i.sample.model}` },
          { title: '抽样日期', render: (_: unknown, i) => i.sample.sampledOn },
          { title: '结论', render: (_: unknown, i) => <SampleTag s={i.sample} /> },
          { title: '复检', render: (_: unknown, i) => (i.retest ? `${i.retest.state}${i.retest.conclusion ? `：${i.retest.conclusion}` : ''}` : '—') },
          { title: '后处理', render: (_: unknown, i) => (i.disposal ? `${i.disposal.stepName} · ${i.disposal.state}` : '—') },
        ]}
      />
    </Card>
  );
}

interface BatchQuery {
  yearFrom: number;
  yearTo: number;
  category?: string;
  region?: string;
  measure: Measure;
  title: string;
}

function RatesTab() {
  const narrow = !Grid.useBreakpoint().md;
  const thisYear = new Date().getFullYear();
  const [q, setQ] = useState({ yearFrom: thisYear, yearTo: thisYear, categoryLevel: 'group', regionLevel: 'county' });
  const rates = useQuery({ queryKey: ['sampling', 'rates', q], queryFn: () => api.get<RatesResponse>('/api/sampling/rates', q) });
  const [batches, setBatches] = useState<BatchQuery | null>(null);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['sampling', 'rate-batches', batches, page],
    enabled: !!batches,
    queryFn: () => api.get<RateBatchesResponse>('/api/sampling/rates/batches', { ...batches!, title: undefined, page, pageSize: 20 }),
  });
  type Row = RatesResponse['rows'][number];
  const open = (r: Row, measure: Measure) => {
    setPage(1);
    setBatches({
      yearFrom: r.year,
      yearTo: r.year,
      ...(r.category ? { category: r.category } : {}),
      ...(r.region ? { region: r.region } : {}),
      measure,
      title: `${r.year}年 ${r.categoryName ?? '全部产品'} · ${r.regionName ?? '全部地区'} · ${MEASURE_LABELS[measure]}`,
    });
  };
  const figure = (measure: Measure) => (v: number, r: Row) =>
    v > 0 ? (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(r, measure)} aria-label={`${MEASURE_LABELS[measure]} ${v}`}>
        {v}
      </Button>
    ) : (
      v
    );
  return (
    <Card title="抽检合格率和不合格发现率" styles={narrow ? { body: { padding: 8 } } : undefined}>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <InputNumber aria-label="开始年度" min={2000} max={2100} value={q.yearFrom} onChange={(v) => v && setQ({ ...q, yearFrom: v })} />
        <span>至</span>
        <InputNumber aria-label="结束年度" min={2000} max={2100} value={q.yearTo} onChange={(v) => v && setQ({ ...q, yearTo: v })} />
        <Select aria-label="产品类别层级" value={q.categoryLevel} onChange={(v) => setQ({ ...q, categoryLevel: v })} options={[{ value: 'group', label: '按大类' }, { value: 'subgroup', label: '按小类' }, { value: 'product', label: '按产品' }]} />
        <Select aria-label="地区层级" value={q.regionLevel} onChange={(v) => setQ({ ...q, regionLevel: v })} options={[{ value: 'county', label: '按县区' }, { value: 'township', label: '按乡镇街道' }]} />
      </Space>
      {rates.error && <Alert type="error" showIcon message={errorMessage(rates.error)} />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {rates.data?.definitions.passRate}；{rates.data?.definitions.failRate}。点击批次数可查看对应批次。“合计”行为该年度、该类别或该地区的汇总。
      </Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => `${r.year}|${r.category ?? '*'}|${r.region ?? '*'}`}
        size="small"
        loading={rates.isPending}
        dataSource={rates.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': 'rate-row', style: r.category === null || r.region === null ? { background: '#fafafa' } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '产品类别', dataIndex: 'categoryName', render: (v: string | null) => v ?? <b>合计</b> },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null) => v ?? <b>合计</b> },
          { title: '抽查批次', dataIndex: 'sampled', render: figure('sampled') },
          { title: '实际检验批次', dataIndex: 'tested', render: figure('tested') },
          { title: '合格批次', dataIndex: 'passed', render: figure('passed') },
          { title: '不合格批次', dataIndex: 'failed', render: figure('failed') },
          { title: '抽检合格率', dataIndex: 'passRate', render: pct },
          { title: '不合格发现率', dataIndex: 'failRate', render: pct },
        ]}
      />
      <Modal title={batches?.title} open={!!batches} onCancel={() => setBatches(null)} footer={null} width={900}>
        <Table<SampleOut>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '抽样单编号', dataIndex: 'sampleNo', render: (v: string, s) => <Link to={`/sampling/samples/${s.id}`}>{v}</Link> },
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '产品', dataIndex: 'productName', render: (v: string, s) => `${v} ${s.brand} ${s.model}` },
            { title: '抽样日期', dataIndex: 'sampledOn' },
            { title: '结论', render: (_: unknown, s) => <SampleTag s={s} /> },
          ]}
        />
      </Modal>
    </Card>
  );
}

function SettingsTab({ canEdit }: { canEdit: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const settings = useQuery({ queryKey: ['sampling', 'settings'], queryFn: () => api.get<SettingsResponse>('/api/sampling/settings') });
  const save = useMutation({
    mutationFn: (v: Record<string, number>) => api.put<SettingsResponse>('/api/sampling/settings', { ...v, version: settings.data!.settings.version }),
    onSuccess: (r) => {
      message.success('已保存');
      qc.setQueryData(['sampling', 'settings'], r);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!settings.data) return <Card loading />;
  const { settings: s, rules } = settings.data;
  const fields: Array<[keyof typeof s, string, string]> = [
    ['lockMonths', '同一产品不重复抽查期限', '个月'],
    ['minSamplers', '抽样人员最少', '名'],
    ['retestRequestDays', '复检申请期限', '日'],
    ['notifyWorkingDays', '不合格结果通知企业', '个工作日'],
    ['orderWorkingDays', '下达责令整改通知书', '个工作日'],
    ['rectifyDays', '整改期限', '日'],
    ['extensionMaxDays', '延期最长', '日'],
    ['extensionApplyBeforeDays', '延期申请须在期限届满前', '日'],
    ['escalationDays', '公告、停业整顿后复查期限', '日'],
    ['disposalWarnDays', '后处理期限提前提示', '日'],
  ];
  return (
    <Card title="期限参数（本地区）">
      <Form key={s.version} layout="vertical" initialValues={s} onFinish={(v) => save.mutate(v)} disabled={!canEdit}>
        {fields.map(([k, label, unit]) => (
          <Form.Item key={k} name={k} label={label} extra={rules[k]} rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={k === 'minSamplers' ? 2 : 0} addonAfter={unit} />
          </Form.Item>
        ))}
        {canEdit && <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>}
      </Form>
    </Card>
  );
}

export function SamplingPage() {
  const me = useMe();
  const role = me.data!.role;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>产品质量监督抽查</Typography.Title>
      <Typography.Paragraph type="secondary">
        按产品类别制定抽查计划，下达承检任务，登记抽样、检验结果、复检和不合格后处理；合格率按批次计算，每个数字都可查看背后的批次。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'plans', label: '抽查计划', children: <PlansTab canPlan={roleMay(role, 'sampling:plan')} /> },
          { key: 'samples', label: '样品与结果', children: <SamplesTab canManage={roleMay(role, 'sampling:manage')} /> },
          { key: 'higher', label: '上级抽查', children: <HigherChecksTab canManage={roleMay(role, 'sampling:manage')} /> },
          { key: 'rates', label: '合格率', children: <RatesTab /> },
          { key: 'settings', label: '期限参数', children: <SettingsTab canEdit={roleMay(role, 'sampling:settings')} /> },
        ]}
      />
    </div>
  );
}
