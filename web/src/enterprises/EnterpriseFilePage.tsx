// 企业质量档案: one enterprise's identity, licences and key products, the history of its name,
// address and status, the timeline of every record the platform holds about it, and its credit
// (risk class with the reasons, lists, events: the credit room's CreditPanel).
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Empty, Flex, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { PageHeader } from '../admin/PageHeader';
import { useMe } from '../api/hooks';
import { roleMay } from '../components/areas';
import { LoadError } from '../components/results';
import { CreditPanel } from '../credit/CreditPanel';
import { formatTime } from '../format';
import type { HistoryOut } from '../../../src/enterprises/schemas';
import { useEnterpriseFile } from './api';
import { STATUS_COLORS } from './EnterprisesPage';

const SOURCE_LABELS: Record<string, string> = { import: '名录导入', generated: '演示数据' };

export function EnterpriseFilePage() {
  const id = useParams().id ?? '';
  const file = useEnterpriseFile(id);
  const me = useMe().data;
  // the credit is read by the office and inspectors (src/org/auth/policy.ts), not the administrator
  const mayReadCredit = !!me && roleMay(me.role, 'credit:read');
  const back = (
    <Link to="/enterprises">
      <Button icon={<ArrowLeftOutlined />}>返回企业名录</Button>
    </Link>
  );
  if (file.isError) {
    return (
      <div>
        <PageHeader title="企业质量档案" extra={back} />
        <LoadError message={errorMessage(file.error)} onRetry={() => void file.refetch()} />
      </div>
    );
  }
  const f = file.data;
  const e = f?.enterprise;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      <PageHeader title={e ? e.name : '企业质量档案'} description={e ? `企业质量档案 · 统一社会信用代码 ${e.creditCode}` : undefined} extra={back} />
      <Flex vertical gap={16}>
        <Card title="登记信息" loading={!f} data-testid="identity">
          {e && (
            <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
              <Descriptions.Item label="统一社会信用代码">{e.creditCode}</Descriptions.Item>
              <Descriptions.Item label="登记状态">
                <Tag color={STATUS_COLORS[e.status]}>{e.status}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="法定代表人">{e.legalRepresentative ?? dash}</Descriptions.Item>
              <Descriptions.Item label="主体类别">{e.category}</Descriptions.Item>
              <Descriptions.Item label="企业类型">{e.type ?? dash}</Descriptions.Item>
              <Descriptions.Item label="成立日期">{e.registeredOn ?? dash}</Descriptions.Item>
              <Descriptions.Item label="注册资本">{e.registeredCapital != null ? `${e.registeredCapital} 万元` : dash}</Descriptions.Item>
              <Descriptions.Item label="住所">{e.address ?? dash}</Descriptions.Item>
              <Descriptions.Item label="所属区划">{e.regionName ?? e.regionCode ?? dash}</Descriptions.Item>
              <Descriptions.Item label="所属行业">
                {e.industryName ? `${e.industrySectionName && e.industrySectionName !== e.industryName ? `${e.industrySectionName} · ` : ''}${e.industryName}` : dash}
              </Descriptions.Item>
              <Descriptions.Item label="重点产品">{e.productTags.length ? e.productTags.map((t) => <Tag key={t}>{t}</Tag>) : dash}</Descriptions.Item>
            </Descriptions>
          )}
        </Card>

        <Card title="许可证" loading={!f}>
          {e && e.licences.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记许可证" />
          ) : (
            <Table
              rowKey={(l) => `${l.kind}-${l.number}`}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={e?.licences ?? []}
              columns={[
                { title: '许可证类别', dataIndex: 'kind' },
                { title: '证书编号', dataIndex: 'number' },
                { title: '产品', dataIndex: 'product', render: (v?: string) => v ?? '—' },
                { title: '有效期至', dataIndex: 'validUntil', render: (v?: string) => v ?? '—' },
              ]}
            />
          )}
        </Card>

        {mayReadCredit && <CreditPanel enterpriseId={id} />}

        <Card title="变更历史" loading={!f} data-testid="history">
          {f && f.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="名称、住所、登记状态没有变更记录" />
          ) : (
            <Table<HistoryOut>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={f?.history ?? []}
              columns={[
                { title: '时间', dataIndex: 'changedAt', render: (v: string) => formatTime(v) },
                { title: '事项', dataIndex: 'fieldLabel' },
                { title: '变更前', dataIndex: 'oldValue', render: (v: string | null) => v ?? '—' },
                { title: '变更后', dataIndex: 'newValue', render: (v: string | null) => v ?? '—' },
                { title: '来源', dataIndex: 'source', render: (v: string) => SOURCE_LABELS[v] ?? v },
              ]}
            />
          )}
        </Card>

        <Card title="时间线" loading={!f} data-testid="timeline">
          {f && f.timeline.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="平台中还没有与该企业有关的记录" />
          ) : (
            <Timeline
              items={(f?.timeline ?? []).map((t, i) => ({
                key: i,
                content: (
                  <div>
                    <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                      {t.at.slice(0, 10)}
                    </Typography.Text>
                    {t.link && t.link !== `/enterprises/${id}` ? <Link to={t.link}>{t.title}</Link> : <Typography.Text>{t.title}</Typography.Text>}
                    {t.detail && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t.detail}
                      </Typography.Text>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Flex>
    </div>
  );
}
