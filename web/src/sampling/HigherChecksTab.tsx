// 上级抽查: the higher authorities' samplings (国家、省级、市级) of the authority's enterprises, as a firm shows
// them or the higher level reports them. Within the lock period this authority's routine sampling of the
// same product is refused, naming the record (regulatory-rules.md §4.2). A list, so it reads on a phone.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Cascader, DatePicker, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../api/client';
import type { HigherCheckOut } from '../../../src/sampling/schemas';
import { useCatalogue } from './SamplingPage';

export function HigherChecksTab({ canManage }: { canManage: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const list = useQuery({ queryKey: ['sampling', 'higher-checks'], queryFn: async () => (await api.get<{ items: HigherCheckOut[] }>('/api/sampling/higher-checks')).items });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const record = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const path = v.product as string[];
      return api.post<HigherCheckOut>('/api/sampling/higher-checks', {
        ...v,
        product: undefined,
        productCode: path[path.length - 1],
        sampledOn: (v.sampledOn as Dayjs).format('YYYY-MM-DD'),
      });
    },
    onSuccess: (h) => {
      message.success(`已登记：${h.lockEndsOn} 前本级不再对该产品常规抽查`);
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['sampling', 'higher-checks'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/sampling/higher-checks/${id}`),
    onSuccess: () => {
      message.success('已删除');
      void qc.invalidateQueries({ queryKey: ['sampling', 'higher-checks'] });
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
      title="上级监督抽查记录"
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>登记上级抽查</Button>}
      data-testid="higher-checks"
    >
      <List
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: '暂无上级监督抽查记录' }}
        renderItem={(h) => (
          <List.Item
            data-testid="higher-check-row"
            actions={
              canManage
                ? [
                    <Popconfirm key="del" title="删除这条记录？" description="误录时删除；删除后本级可以抽查该产品，删除记入审计日志。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutateAsync(h.id)}>
                      <Button type="link" size="small" danger>删除</Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <div style={{ minWidth: 0 }}>
              <div style={{ wordBreak: 'break-all' }}>
                {h.enterpriseName}：{h.productName} {h.brand} {h.model}
              </div>
              <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                <Tag color="blue">{h.level}</Tag>
                <span>{h.organiser}</span>
                <span>抽样 {h.sampledOn}</span>
                {h.reference && <Typography.Text type="secondary">{h.reference}</Typography.Text>}
                <Tag>{h.lockEndsOn} 前本级不重复抽查</Tag>
              </Space>
            </div>
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        企业出示、或上级通报的国家、省级、市级监督抽查：在期限参数的“同一产品不重复抽查期限”内，本级对同一产品（商标、型号、执行标准相同）的常规抽查不予登记；跟踪抽查、应急抽查除外。
      </Typography.Paragraph>
      <Modal title="登记上级监督抽查" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={record.isPending} okText="登记" cancelText="取消" destroyOnHidden>
        <Form form={form} name="higher-check" layout="vertical" initialValues={{ level: '省级' }} onFinish={(v) => record.mutate(v)}>
          <Form.Item name="creditCode" label="企业统一社会信用代码（企业名录中）" rules={[{ required: true, message: '请填写统一社会信用代码' }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="product" label="产品（产品目录）" rules={[{ required: true, message: '请选择产品' }]}>
            <Cascader options={options} showSearch placeholder="大类 / 小类 / 产品" aria-label="产品" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="brand" label="商标"><Input /></Form.Item>
            <Form.Item name="model" label="规格型号"><Input /></Form.Item>
          </Space>
          <Form.Item name="standard" label="执行标准"><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="level" label="抽查层级" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={['国家', '省级', '市级'].map((l) => ({ value: l, label: l }))} />
            </Form.Item>
            <Form.Item name="sampledOn" label="抽样日期" rules={[{ required: true, message: '请选择抽样日期' }]}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="organiser" label="组织抽查的部门" rules={[{ required: true, message: '请填写组织抽查的部门' }]}>
            <Input placeholder="如：浙江省市场监督管理局" />
          </Form.Item>
          <Form.Item name="reference" label="抽样单、报告或通报编号"><Input /></Form.Item>
          <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
