// 企业: the authority's register, searched by a fragment of the name or the credit code's first
// characters, filtered by region, industry, status, risk class and list membership (经营异常名录 /
// 严重违法失信名单, enterprises on the list now); 导出Excel exports the filtered list; each row
// opens the enterprise's quality file.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { useMe } from '../api/hooks';
import type { EnterpriseOut } from '../../../src/enterprises/schemas';
import { PageHeader } from '../admin/PageHeader';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { CreditImportModal } from '../credit/CreditImportModal';
import { exportUrl, useEnterpriseOptions, useEnterprisePage, type EnterpriseFilters } from './api';

export const STATUS_COLORS: Record<string, string> = { 存续: 'green', 在业: 'green', 迁出: 'default', 吊销: 'red', 注销: 'default' };

const RISK_CLASS_OPTIONS = [
  { value: 'A', label: 'A 信用风险低' },
  { value: 'B', label: 'B 信用风险一般' },
  { value: 'C', label: 'C 信用风险较高' },
  { value: 'D', label: 'D 信用风险高' },
];
const LIST_OPTIONS = [
  { value: 'abnormal', label: '经营异常名录' },
  { value: 'serious', label: '严重违法失信名单' },
];

export function EnterprisesPage() {
  const user = useMe().data!;
  const navigate = useNavigate();
  const [filters, setFilters] = useState<EnterpriseFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const options = useEnterpriseOptions();
  const list = useEnterprisePage({ ...filters, page, pageSize });
  const canImport = roleMay(user.role, 'enterprises:import');
  const canImportCredit = roleMay(user.role, 'credit:manage');
  const [creditImport, setCreditImport] = useState(false);
  const set = (patch: EnterpriseFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const columns: ColumnsType<EnterpriseOut> = [
    {
      title: '企业名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <div>
          <Link to={`/enterprises/${e.id}`}>{name}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {e.creditCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: '登记状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag> },
    { title: '所属区划', dataIndex: 'regionName', width: 220, responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: '所属行业', dataIndex: 'industryName', width: 220, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];

  const regionOptions = (options.data?.regions ?? []).map((r) => ({ value: r.code, label: r.name }));
  const industryOptions = [
    {
      label: '行业门类',
      options: (options.data?.industries ?? []).filter((i) => i.kind === '门类').map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
    },
    {
      label: '行业大类',
      options: (options.data?.industries ?? []).filter((i) => i.kind === '大类').map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
    },
  ];

  return (
    <div>
      <PageHeader
        title="企业名录"
        description="本单位辖区的市场主体：按名称片段、统一社会信用代码、区划、行业、登记状态、风险分类和在列名录查找，点击名称查看企业质量档案。"
        extra={
          (canImport || canImportCredit) && (
            <Flex gap={8} wrap>
              {canImportCredit && (
                <Button icon={<UploadOutlined />} onClick={() => setCreditImport(true)}>
                  导入信用记录
                </Button>
              )}
              {canImport && (
                <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
                  导入名录
                </Button>
              )}
            </Flex>
          )
        }
      />
      {canImportCredit && <CreditImportModal open={creditImport} onClose={() => setCreditImport(false)} />}
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="企业名称片段或统一社会信用代码"
            style={{ width: 280, maxWidth: '100%' }}
            aria-label="搜索企业"
            onSearch={(v) => set({ q: v.trim() || undefined })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="行政区划"
            aria-label="行政区划"
            style={{ width: 200 }}
            options={regionOptions}
            onChange={(v?: string) => set({ region: v })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="所属行业"
            aria-label="所属行业"
            style={{ width: 200 }}
            options={industryOptions}
            onChange={(v?: string) => set({ industry: v })}
          />
          <Select
            allowClear
            placeholder="登记状态"
            aria-label="登记状态"
            style={{ width: 120 }}
            options={(options.data?.statuses ?? []).map((s) => ({ value: s, label: s }))}
            onChange={(v?: string) => set({ status: v })}
          />
          <Select
            allowClear
            placeholder="风险分类"
            aria-label="风险分类"
            style={{ width: 150 }}
            options={RISK_CLASS_OPTIONS}
            onChange={(v?: EnterpriseFilters['riskClass']) => set({ riskClass: v })}
          />
          <Select
            allowClear
            placeholder="在列名录"
            aria-label="在列名录"
            style={{ width: 170 }}
            options={LIST_OPTIONS}
            onChange={(v?: EnterpriseFilters['list']) => set({ list: v })}
          />
          <Button icon={<DownloadOutlined />} href={exportUrl(filters)} data-testid="export-excel">
            导出Excel
          </Button>
        </Flex>
        {list.isError ? (
          <LoadError message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        ) : (
          <Table<EnterpriseOut>
            rowKey="id"
            data-testid="enterprises-table"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              // above 10 000 matches the total is the database's estimate, said so
              showTotal: (total) => (list.data?.totalExact === false ? `约 ${total} 家（估计数）` : `共 ${total} 家`),
              onChange: (p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              },
            }}
            locale={{ emptyText: canImport && !filters.q ? '名录为空，点击右上角“导入名录”开始' : '没有符合条件的企业' }}
          />
        )}
      </Card>
    </div>
  );
}
