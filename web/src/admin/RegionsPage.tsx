// 行政区划: the regions (GB/T 2260) the authority covers. Added by searching the reference list by name or code.
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAddRegion, useRegionSearch, useRegions, useRemoveRegion } from '../api/hooks';
import { useNotify } from '../api/notify';
import type { Region } from '../api/types';
import { LoadError } from '../components/results';
import { PageHeader } from './PageHeader';

const LEVEL_LABELS: Record<string, string> = {
  '1': '省级',
  '2': '地级',
  '3': '县级',
  '4': '乡级',
  province: '省级',
  city: '地级',
  county: '县级',
  area: '县级',
  township: '乡级',
  town: '乡级',
  street: '乡级',
};

function levelLabel(level: Region['level']): string {
  if (level === undefined || level === null) return '—';
  return LEVEL_LABELS[String(level)] ?? String(level);
}

function regionLabel(region: Region): string {
  return `${region.fullName ?? region.name}（${region.code}）`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function RegionsPage() {
  const regions = useRegions();
  const add = useAddRegion();
  const remove = useRemoveRegion();
  const notify = useNotify();
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const debounced = useDebounced(term, 250);
  const search = useRegionSearch(debounced);
  const owned = new Set((regions.data ?? []).map((r) => r.code));

  const options = (search.data ?? []).map((r) => ({
    value: r.code,
    label: regionLabel(r),
    disabled: owned.has(r.code),
  }));

  const submit = () => {
    if (!chosen) return;
    add.mutate(chosen, {
      onSuccess: () => {
        const found = search.data?.find((r) => r.code === chosen);
        notify.success(`已添加${found ? `「${found.name}」` : '行政区划'}`);
        setChosen(null);
        setTerm('');
      },
      onError: notify.error,
    });
  };

  const columns: TableColumnsType<Region> = [
    { title: '区划代码', dataIndex: 'code', key: 'code', width: 110, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: '名称', dataIndex: 'name', key: 'name' },
    // on a phone the full name and level give way to the code, the name and the action
    { title: '全称', key: 'fullName', responsive: ['md'], render: (_, r) => r.fullName ?? '—' },
    { title: '级别', dataIndex: 'level', key: 'level', width: 90, responsive: ['sm'], render: (level: Region['level']) => <Tag>{levelLabel(level)}</Tag> },
    {
      title: '操作',
      key: 'actions',
      width: 72,
      render: (_, region) => (
        <Popconfirm
          title={`移除「${region.name}」？`}
          description="移除后本单位不再管辖该区划，相关统计不再包含它。"
          okText="移除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() =>
            remove.mutateAsync(region.code).then(
              () => notify.success(`已移除「${region.name}」`),
              (err) => notify.error(err),
            )
          }
        >
          <Button type="link" size="small" danger>
            移除
          </Button>
        </Popconfirm>
      ),
    },
  ];

  if (regions.isError) return <LoadError message={(regions.error as Error).message} onRetry={() => void regions.refetch()} />;

  return (
    <div>
      <PageHeader title="行政区划" description="本单位管辖的行政区划（GB/T 2260）。添加时按名称或代码检索国家区划代码表。" />
      <Card style={{ marginBottom: 16 }} title="添加区划">
        <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
          <Select<string>
            style={{ flex: 1, minWidth: 0 }}
            placeholder="名称或代码，如：余杭 或 330110"
            value={chosen ?? undefined}
            onChange={(value) => setChosen(value)}
            showSearch={{ filterOption: false, onSearch: setTerm, searchValue: term }}
            options={options}
            allowClear
            onClear={() => setChosen(null)}
            notFoundContent={
              search.isFetching ? <Spin size="small" /> : debounced.trim() ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未找到匹配的区划" /> : '请输入名称或代码'
            }
            aria-label="检索行政区划"
          />
          <Button type="primary" icon={<PlusOutlined />} disabled={!chosen} loading={add.isPending} onClick={submit}>
            添加
          </Button>
        </Space.Compact>
      </Card>
      <Card>
        <Table<Region>
          rowKey="code"
          size="middle"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={regions.data}
          loading={regions.isPending}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 个区划` }}
          locale={{ emptyText: '尚未添加行政区划' }}
        />
      </Card>
    </div>
  );
}
