// 双随机抽查 (issue 12): 抽查任务, 随机抽查事项清单 (一单), 执法检查人员名录库 — lists and the forms to add.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { App, Button, Card, Checkbox, Flex, Form, Grid, Input, InputNumber, List, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import type { CampaignOut, ConformityResponse, DeclarationOut, InspectorOut, ItemOut } from '../../../src/inspections/schemas';
import { RISK_CLASSES, STANDARD_TYPES, STRATUM_LABELS } from '../../../src/inspections/model';
import { DeclarationsImportModal } from './DeclarationsImportModal';

export const CAMPAIGN_STATE_COLORS: Record<string, string> = { 待抽取: 'default', 已抽取: 'blue', 执行中: 'orange', 已完成: 'green' };

export function useItems() {
  return useQuery({ queryKey: ['inspections', 'items'], queryFn: async () => (await api.get<{ items: ItemOut[] }>('/api/inspections/items')).items });
}
export function useInspectors() {
  return useQuery({ queryKey: ['inspections', 'inspectors'], queryFn: async () => (await api.get<{ items: InspectorOut[] }>('/api/inspections/inspectors')).items });
}

function CampaignsTab({ canPlan }: { canPlan: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const items = useItems();
  const campaigns = useQuery({ queryKey: ['inspections', 'campaigns'], queryFn: async () => (await api.get<{ items: CampaignOut[] }>('/api/inspections/campaigns')).items });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { name: string; year: number; itemIds: string[]; departments?: string }) =>
      api.post<CampaignOut>('/api/inspections/campaigns', { name: v.name, year: v.year, itemIds: v.itemIds, departments: (v.departments ?? '').split(/[，,、\s]+/).filter(Boolean) }),
    onSuccess: () => {
      message.success('已新建抽查任务');
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['inspections', 'campaigns'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const itemName = (id: string) => items.data?.find((i) => i.id === id)?.name ?? id;
  return (
    <Card
      title="抽查任务"
      extra={canPlan && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建抽查任务</Button>}
      styles={narrow ? { body: { padding: 8 } } : undefined}
    >
      <List
        loading={campaigns.isPending}
        dataSource={campaigns.data ?? []}
        locale={{ emptyText: '暂无抽查任务' }}
        renderItem={(c) => (
          <List.Item data-testid="campaign-row">
            <List.Item.Meta
              title={<Link to={`/inspections/campaigns/${c.id}`}>{c.name}</Link>}
              description={
                <Space wrap size={4}>
                  <Tag color={CAMPAIGN_STATE_COLORS[c.state]}>{c.state}</Tag>
                  <span>{c.year}年</span>
                  <span>{c.itemIds.map(itemName).join('、')}</span>
                  {c.departments.length > 0 && <span>联合：{c.departments.join('、')}</span>}
                  {c.commitment && <Typography.Text code>承诺值 {c.commitment.slice(0, 12)}…</Typography.Text>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal title="新建抽查任务" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="新建">
        <Form form={form} name="campaign" layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, message: '请至少选择一个抽查事项' }]}>
            <Select mode="multiple" options={(items.data ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))} aria-label="抽查事项" />
          </Form.Item>
          <Form.Item name="departments" label="联合抽查部门（可选，用顿号分隔）">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function ItemsTab({ canPlan }: { canPlan: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const items = useItems();
  const [editing, setEditing] = useState<ItemOut | 'new' | null>(null);
  const open = editing !== null;
  const setOpen = (o: boolean) => setEditing(o ? 'new' : null);
  const [form] = Form.useForm();
  const startEdit = (i: ItemOut) => {
    form.resetFields();
    const joined = (xs?: string[]) => (xs ?? []).join('、');
    form.setFieldsValue({
      ...i,
      industrySections: joined(i.scope.industrySections),
      licenceKinds: joined(i.scope.licenceKinds),
      productTags: joined(i.scope.productTags),
      standardDeclarations: i.scope.standardDeclarations === true,
      ...Object.fromEntries(RISK_CLASSES.flatMap((c) => (i.classRules[c] ? [[`ratio${c}`, Math.round(i.classRules[c]!.ratio * 10000) / 100]] : []))),
    });
    setEditing(i);
  };
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const classRules: Record<string, { ratio: number; perYear: number }> = {};
      for (const c of RISK_CLASSES) {
        const pct = v[`ratio${c}`];
        if (typeof pct === 'number') classRules[c] = { ratio: pct / 100, perYear: Number(v[`perYear${c}`] ?? 1) };
      }
      const list = (k: string) => String(v[k] ?? '').split(/[，,、\s]+/).filter(Boolean);
      const body = {
        code: v.code,
        name: v.name,
        legalBasis: v.legalBasis,
        department: v.department,
        content: v.content ?? '',
        method: v.method ?? '实地核查',
        scope: { ...(v.standardDeclarations ? { standardDeclarations: true } : {}), industrySections: list('industrySections'), licenceKinds: list('licenceKinds'), productTags: list('productTags') },
        classRules,
        // the item's own re-check window: 3 years for standards checks unless already set; others keep theirs
        notDrawnWithinDays: v.standardDeclarations ? ((editing && editing !== 'new' ? editing.notDrawnWithinDays : null) ?? 1095) : editing && editing !== 'new' && !editing.scope.standardDeclarations ? editing.notDrawnWithinDays : null,
        active: v.active ?? true,
      };
      return editing && editing !== 'new'
        ? api.put<ItemOut>(`/api/inspections/items/${editing.id}`, { ...body, version: editing.version })
        : api.post<ItemOut>('/api/inspections/items', body);
    },
    onSuccess: () => {
      message.success(editing && editing !== 'new' ? '已保存抽查事项' : '已加入抽查事项清单');
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['inspections', 'items'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title="随机抽查事项清单" extra={canPlan && <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>新增事项</Button>} styles={narrow ? { body: { padding: 8 } } : undefined}>
      <List
        loading={items.isPending}
        dataSource={items.data ?? []}
        locale={{ emptyText: '暂无抽查事项' }}
        renderItem={(i) => (
          <List.Item
            data-testid="item-row"
            actions={canPlan ? [<Button key="e" size="small" onClick={() => startEdit(i)}>修改</Button>] : []}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{`${i.code} ${i.name}`}</span>
                  {!i.active && <Tag>已停用</Tag>}
                </Space>
              }
              description={
                <>
                  <div>抽查依据：{i.legalBasis}</div>
                  <div>抽查主体：{i.department} · 方式：{i.method}</div>
                  {i.content && <div>内容：{i.content}</div>}
                  <Space wrap size={4}>
                    {Object.entries(i.classRules).map(([c, r]) => r && <Tag key={c}>{c}类 {Math.round(r.ratio * 1000) / 10}%</Tag>)}
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal title={editing && editing !== 'new' ? `修改抽查事项：${editing.code}` : '新增抽查事项'} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存" width={640}>
        <Form form={form} name="item" layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="code" label="事项编号" rules={[{ required: true, message: '请填写事项编号' }]}><Input /></Form.Item>
          <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}><Input /></Form.Item>
          <Form.Item name="legalBasis" label="抽查依据" rules={[{ required: true, message: '请填写抽查依据' }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="department" label="抽查主体" rules={[{ required: true, message: '请填写抽查主体' }]}><Input /></Form.Item>
          <Form.Item name="content" label="抽查内容"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="method" label="抽查方式" initialValue="实地核查"><Input /></Form.Item>
          <Form.Item name="industrySections" label="适用行业门类（字母，可选）"><Input placeholder="如 C、F" /></Form.Item>
          <Form.Item name="licenceKinds" label="适用许可证种类（可选）"><Input /></Form.Item>
          <Form.Item name="productTags" label="适用重点产品（可选）"><Input /></Form.Item>
          <Form.Item name="standardDeclarations" label="企业标准自我声明抽查（只抽有自我声明的企业，三年内不重复抽取）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label="启用（停用的事项不能用于新的抽查任务）" valuePropName="checked" initialValue={true}>
            <Switch />
          </Form.Item>
          <Typography.Text type="secondary">按风险分类的抽查比例（%）：留空则用本机关的默认参数</Typography.Text>
          <Space wrap>
            {RISK_CLASSES.map((c) => (
              <Form.Item key={c} name={`ratio${c}`} label={STRATUM_LABELS[c]}>
                <InputNumber min={0} max={100} addonAfter="%" aria-label={`${c}类比例`} />
              </Form.Item>
            ))}
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function InspectorsTab({ canPlan }: { canPlan: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const items = useItems();
  const inspectors = useInspectors();
  const [editing, setEditing] = useState<InspectorOut | 'new' | null>(null);
  const open = editing !== null;
  const setOpen = (o: boolean) => setEditing(o ? 'new' : null);
  const [form] = Form.useForm();
  const startEdit = (i: InspectorOut) => {
    form.resetFields();
    form.setFieldsValue({ ...i, conflicts: i.conflicts.map((c) => `${c.creditCode} ${c.reason}`.trim()).join('\n') });
    setEditing(i);
  };
  const create = useMutation({
    mutationFn: (v: { name: string; department: string; certificateNo: string; username?: string; qualifiedItemIds?: string[]; conflicts?: string; active?: boolean }) => {
      const body = {
        name: v.name,
        department: v.department,
        certificateNo: v.certificateNo,
        username: v.username?.trim() || null,
        qualifiedItemIds: v.qualifiedItemIds ?? [],
        conflicts: (v.conflicts ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [code, ...reason] = l.split(/\s+/);
            return { creditCode: code!, reason: reason.join(' ') };
          }),
        active: v.active ?? true,
      };
      if (editing && editing !== 'new') {
        // an unchanged account keeps its link; a typed username links another account
        const { username, ...rest } = body;
        return api.put<InspectorOut>(`/api/inspections/inspectors/${editing.id}`, { ...rest, ...(username ? { username } : { userId: editing.userId }), version: editing.version });
      }
      return api.post<InspectorOut>('/api/inspections/inspectors', body);
    },
    onSuccess: () => {
      message.success(editing && editing !== 'new' ? '已保存执法检查人员' : '已加入执法检查人员名录库');
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['inspections', 'inspectors'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const itemName = (id: string) => items.data?.find((i) => i.id === id)?.code ?? id;
  return (
    <Card title="执法检查人员名录库" extra={canPlan && <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>新增人员</Button>} styles={narrow ? { body: { padding: 8 } } : undefined}>
      <Table<InspectorOut>
        rowKey="id"
        size="small"
        loading={inspectors.isPending}
        dataSource={inspectors.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'inspector-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '部门', dataIndex: 'department' },
          { title: '执法证号', dataIndex: 'certificateNo' },
          { title: '可检查事项', dataIndex: 'qualifiedItemIds', render: (ids: string[]) => ids.map(itemName).join('、') || '—' },
          { title: '回避企业', dataIndex: 'conflicts', render: (c: InspectorOut['conflicts']) => (c.length ? `${c.length} 家` : '—') },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? '在岗' : <Tag>停用</Tag>) },
          ...(canPlan ? [{ title: '', key: 'edit', render: (_: unknown, i: InspectorOut) => <Button size="small" onClick={() => startEdit(i)}>修改</Button> }] : []),
        ]}
      />
      <Modal title={editing && editing !== 'new' ? `修改执法检查人员：${editing.name}` : '新增执法检查人员'} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存">
        <Form form={form} name="inspector" layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item>
          <Form.Item name="department" label="所在部门" rules={[{ required: true, message: '请填写所在部门' }]}><Input /></Form.Item>
          <Form.Item name="certificateNo" label="执法证号" rules={[{ required: true, message: '请填写执法证号' }]}><Input /></Form.Item>
          <Form.Item name="username" label="平台账号用户名（录入检查结果用）">
            <Input />
          </Form.Item>
          <Form.Item name="qualifiedItemIds" label="可检查的抽查事项">
            <Checkbox.Group options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))} />
          </Form.Item>
          <Form.Item name="conflicts" label="申报回避的企业（每行：统一社会信用代码 原因）">
            <Input.TextArea rows={3} placeholder="91330902XXXXXXXXXX 配偶任职" />
          </Form.Item>
          <Form.Item name="active" label="在岗（停用的人员不参加新的抽取）" valuePropName="checked" initialValue={true}>
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function DeclarationsTab({ canPlan }: { canPlan: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const year = new Date().getFullYear();
  const list = useQuery({
    queryKey: ['inspections', 'declarations', q, page],
    queryFn: () => api.get<{ items: DeclarationOut[]; total: number }>('/api/inspections/standards/declarations', { q, page, pageSize: 20 }),
    placeholderData: (previous) => previous,
  });
  const conformity = useQuery({ queryKey: ['inspections', 'conformity', year], queryFn: () => api.get<ConformityResponse>('/api/inspections/standards/conformity', { year }) });
  const [open, setOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: { creditCode: string; standardNo: string; standardName: string; standardType: string; products?: string; declaredOn: string }) =>
      api.post<DeclarationOut>('/api/inspections/standards/declarations', { ...v, products: v.products ?? '' }),
    onSuccess: () => {
      message.success('已登记企业标准自我声明');
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['inspections', 'declarations'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
  return (
    <Card
      title="企业标准自我声明"
      extra={
        canPlan && (
          <Space wrap size={4}>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>
            <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>登记声明</Button>
          </Space>
        )
      }
      styles={narrow ? { body: { padding: 8 } } : undefined}
    >
      <Typography.Paragraph type="secondary">
        抽查事项选择“只抽有自我声明的企业”即为企业标准自我声明抽查：用同一可核验的随机抽取，三年内已抽查的企业不再抽取，按核查清单判定。
        {conformity.data && ` ${year}年符合率：${pct(conformity.data.total.rate)}（已核查 ${conformity.data.total.checked} 户，符合 ${conformity.data.total.conforming} 户）。`}
      </Typography.Paragraph>
      {conformity.data && conformity.data.total.checked > 0 && (
        <Flex gap={12} wrap style={{ marginBottom: 12 }} data-testid="conformity">
          {([
            ['按行业', conformity.data.byIndustry.map((x) => ({ key: x.industrySection ?? '', name: x.industryName, ...x }))],
            ['按区域', conformity.data.byRegion.map((x) => ({ key: x.regionCode ?? '', name: x.regionName, ...x }))],
          ] as const).map(([title, rows]) => (
            <Table
              key={title}
              style={{ flex: '1 1 300px', minWidth: 0 }}
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rows as Array<{ key: string; name: string; checked: number; conforming: number; rate: number | null }>}
              columns={[
                { title: `${year}年符合率（${title}）`, dataIndex: 'name', ellipsis: true },
                { title: '核查', dataIndex: 'checked', width: 56, align: 'right' },
                { title: '符合', dataIndex: 'conforming', width: 56, align: 'right' },
                { title: '符合率', dataIndex: 'rate', width: 72, align: 'right', render: (r: number | null) => pct(r) },
              ]}
            />
          ))}
        </Flex>
      )}
      <Input.Search allowClear placeholder="企业名称、信用代码或标准编号" onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ maxWidth: 360, marginBottom: 8 }} />
      <Table<DeclarationOut>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
        columns={[
          { title: '企业', key: 'e', render: (_, d) => <Link to={`/enterprises/${d.enterpriseId}`}>{d.enterpriseName}</Link> },
          { title: '标准编号', dataIndex: 'standardNo' },
          { title: '标准名称', dataIndex: 'standardName' },
          { title: '类型', dataIndex: 'standardType' },
          { title: '声明日期', dataIndex: 'declaredOn' },
        ]}
      />
      <DeclarationsImportModal open={importing} onClose={() => setImporting(false)} />
      <Modal title="登记企业标准自我声明" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存">
        <Form form={form} name="declaration" layout="vertical" initialValues={{ standardType: '企业标准' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="creditCode" label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }]}><Input /></Form.Item>
          <Form.Item name="standardNo" label="标准编号" rules={[{ required: true, message: '请填写标准编号' }]}><Input placeholder="Q/XXX 0001-2026" /></Form.Item>
          <Form.Item name="standardName" label="标准名称" rules={[{ required: true, message: '请填写标准名称' }]}><Input /></Form.Item>
          <Form.Item name="standardType" label="标准类型"><Select options={STANDARD_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item>
          <Form.Item name="products" label="适用产品或服务"><Input /></Form.Item>
          <Form.Item name="declaredOn" label="声明日期（YYYY-MM-DD）" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 YYYY-MM-DD 填写日期' }]}><Input placeholder="2026-03-01" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function InspectionsPage() {
  const me = useMe();
  const canPlan = roleMay(me.data!.role, 'inspections:plan');
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>双随机抽查</Typography.Title>
      <Typography.Paragraph type="secondary">
        随机抽取检查对象和执法检查人员：抽取前公布抽查框和随机种子的承诺值，抽取后公开种子，任何人可用公开文件复算核验。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'campaigns', label: '抽查任务', children: <CampaignsTab canPlan={canPlan} /> },
          { key: 'items', label: '抽查事项清单', children: <ItemsTab canPlan={canPlan} /> },
          { key: 'inspectors', label: '检查人员名录库', children: <InspectorsTab canPlan={canPlan} /> },
          { key: 'standards', label: '企业标准自我声明', children: <DeclarationsTab canPlan={canPlan} /> },
        ]}
      />
    </div>
  );
}
