// 公开信息 (no sign-in): each published plan with its targets and their status, from the public
// API (src/plans/public: GET /api/public/plans, /api/public/plans/:id, /api/public/tenants).
import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Grid, Layout, Popover, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { InfoCircleOutlined, LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { api, errorMessage } from '../api/client';
import { PLATFORM_NAME } from '../auth/LoginPage';
import { formatPeriod, TARGET_STATUS, type TargetStatusKey } from '../plans/labels';
import { PublicDraws } from './PublicDraws';

type PublicPlanList = z.infer<typeof import('../../../src/plans/public/routes').PublicPlanListResponse>;
type PublicPlanDetail = z.infer<typeof import('../../../src/plans/public/routes').PublicPlanResponse>;
type PublicTarget = PublicPlanDetail['targets'][number];

const STATUS_ORDER: TargetStatusKey[] = ['achieved', 'on_track', 'warning', 'behind', 'no_report', 'missed'];

const columns: ColumnsType<PublicTarget> = [
  { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
  { title: '指标', dataIndex: 'indicator' },
  { title: '目标', dataIndex: 'goal', width: 170, render: (goal: string, t) => <span data-testid="public-target-goal">{goal}{t.deadlineYear ? `（${t.deadlineYear}年）` : ''}</span> },
  {
    title: '最新值',
    key: 'latest',
    width: 140,
    render: (_, t) =>
      t.latestValue !== null ? (
        <span>
          {t.latestValue}
          {t.unit ? ` ${t.unit}` : ''}
          {t.latestAsOf && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>截至 {t.latestAsOf}</Typography.Text>}
        </span>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  { title: '责任部门', dataIndex: 'departments', width: 200, render: (d: string[]) => d.join('、') || '—' },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (s: TargetStatusKey, t) => (
      <Tag color={TARGET_STATUS[s].color} data-testid="public-target-status">
        {t.statusLabel || TARGET_STATUS[s].label}
      </Tag>
    ),
  },
];

/** One target as a block of full-width lines: what a phone shows instead of a six-column table. */
function TargetCard({ t, n }: { t: PublicTarget; n: number }) {
  return (
    <div data-testid="public-target-card" style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Typography.Text strong style={{ display: 'block', whiteSpace: 'normal', wordBreak: 'break-word' }}>
        {n}. {t.indicator}
      </Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 4 }}>
        <Tag color={TARGET_STATUS[t.status as TargetStatusKey].color} data-testid="public-target-status">
          {t.statusLabel}
        </Tag>
        <span data-testid="public-target-goal">
          目标 {t.goal}
          {t.deadlineYear ? `（${t.deadlineYear}年）` : ''}
        </span>
        <span>最新值 {t.latestValue !== null ? `${t.latestValue}${t.unit ? ` ${t.unit}` : ''}${t.latestAsOf ? `（截至 ${t.latestAsOf}）` : ''}` : '—'}</span>
      </div>
      {t.departments.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          责任部门：{t.departments.join('、')}
        </Typography.Text>
      )}
    </div>
  );
}

function Rules({ rules }: { rules: Record<string, string> }) {
  return (
    <div style={{ maxWidth: 440 }}>
      {STATUS_ORDER.filter((s) => rules[s]).map((s) => (
        <Typography.Paragraph key={s} style={{ marginBottom: 6 }}>
          <Tag color={TARGET_STATUS[s].color}>{TARGET_STATUS[s].label}</Tag>
          {rules[s].replace(/^[^：]+：/, '')}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

export function PublicPlansPage() {
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [tenant, setTenant] = useState<string | undefined>(undefined);
  const tenants = useQuery({
    queryKey: ['public', 'tenants'],
    queryFn: async () => (await api.get<{ items: { id: string; name: string }[] }>('/api/public/tenants')).items,
    retry: false,
  });
  const many = (tenants.data?.length ?? 0) > 1;
  const chosen = many ? (tenant ?? tenants.data![0].id) : undefined;
  const plans = useQuery({
    queryKey: ['public', 'plans', chosen ?? ''],
    queryFn: () => api.get<PublicPlanList>('/api/public/plans', { tenant: chosen }),
    enabled: tenants.isSuccess || tenants.isError,
    retry: false,
  });
  const details = useQueries({
    queries: (plans.data?.items ?? []).map((p) => ({
      queryKey: ['public', 'plan', p.id, chosen ?? ''],
      queryFn: () => api.get<PublicPlanDetail>(`/api/public/plans/${encodeURIComponent(p.id)}`, { tenant: chosen }),
      retry: false,
    })),
  });

  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header
        style={{ background: '#0f2f57', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, padding: narrow ? '0 12px' : '0 24px', height: 'auto', minHeight: 56, lineHeight: 1.4 }}
        data-testid="public-header"
      >
        <Space style={{ color: '#fff', fontWeight: 600, fontSize: narrow ? 14 : 16, padding: '8px 0', minWidth: 0 }}>
          <SafetyCertificateOutlined style={{ fontSize: narrow ? 18 : 22, color: '#f5c242' }} />
          <span style={{ whiteSpace: 'normal' }}>{narrow ? '公开信息' : `${PLATFORM_NAME} · 公开信息`}</span>
        </Space>
        <Link to="/login">
          <Button icon={<LoginOutlined />} ghost size={narrow ? 'small' : 'middle'}>
            {narrow ? '登录' : '工作人员登录'}
          </Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1200, width: '100%', margin: narrow ? '12px auto' : '24px auto', padding: narrow ? '0 8px' : '0 16px' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            质量提升行动计划进展{plans.data ? ` · ${plans.data.tenant.name}` : ''}
          </Typography.Title>
          {many && (
            <Select
              value={chosen}
              style={{ width: 200 }}
              options={tenants.data!.map((t) => ({ value: t.id, label: t.name }))}
              onChange={setTenant}
              aria-label="选择地区"
            />
          )}
        </Space>
        <Typography.Paragraph type="secondary">
          已发布的行动计划及其主要目标的完成情况。只显示质量办审核采纳后的数值；截止日期已过的目标显示最终结果（已达成 / 未达成）。
        </Typography.Paragraph>
        {plans.isPending ? (
          <Spin style={{ display: 'block', margin: '80px auto' }} />
        ) : plans.isError ? (
          <Result status="error" title="数据加载失败" subTitle={errorMessage(plans.error)} />
        ) : plans.data.items.length === 0 ? (
          <Card>
            <Empty description="暂无已发布的行动计划" />
          </Card>
        ) : (
          plans.data.items.map((p, i) => {
            const detail = details[i];
            return (
              <Card
                key={p.id}
                style={{ marginBottom: 16 }}
                data-testid="public-plan"
                title={
                  <div style={{ whiteSpace: 'normal', padding: '8px 0' }}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {p.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, fontWeight: 'normal' }}>
                      {[p.issuer, p.documentNumber, formatPeriod(p.periodStartYear, p.periodEndYear), p.publishedDate ? `${p.publishedDate} 发布` : null]
                        .filter((x) => x && x !== '—')
                        .join(' · ')}
                    </Typography.Text>
                    <Tag color="geekblue" style={{ marginTop: 4 }} data-testid="public-plan-region">
                      发文地区：{p.region ?? '未注明'}
                    </Tag>
                    {narrow && (
                      <Space size={4} wrap style={{ marginTop: 4 }}>
                        {STATUS_ORDER.filter((s) => p.statusCounts[s] > 0).map((s) => (
                          <Tag key={s} color={TARGET_STATUS[s].color}>
                            {TARGET_STATUS[s].label} {p.statusCounts[s]}
                          </Tag>
                        ))}
                      </Space>
                    )}
                  </div>
                }
                styles={narrow ? { body: { padding: '0 12px' } } : undefined}
                extra={
                  narrow ? undefined : <Space size={4} wrap>
                    {STATUS_ORDER.filter((s) => p.statusCounts[s] > 0).map((s) => (
                      <Tag key={s} color={TARGET_STATUS[s].color}>
                        {TARGET_STATUS[s].label} {p.statusCounts[s]}
                      </Tag>
                    ))}
                    {detail?.data && (
                      <Popover title="目标状态判定规则" content={<Rules rules={detail.data.rules} />} trigger="click">
                        <InfoCircleOutlined style={{ color: '#1d4e89', cursor: 'pointer' }} aria-label="状态规则说明" />
                      </Popover>
                    )}
                  </Space>
                }
              >
                {detail?.isError ? (
                  <Typography.Text type="danger">{errorMessage(detail.error)}</Typography.Text>
                ) : narrow ? (
                  detail?.data ? (
                    detail.data.targets.map((t, j) => <TargetCard key={t.id} t={t} n={j + 1} />)
                  ) : (
                    <Spin style={{ display: 'block', margin: '16px auto' }} />
                  )
                ) : (
                  <Table<PublicTarget>
                    rowKey="id"
                    size="small"
                    columns={columns}
                    dataSource={detail?.data?.targets ?? []}
                    loading={!detail || detail.isPending}
                    pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                    locale={{ emptyText: `该计划有 ${p.targetCount} 项目标` }}
                  />
                )}
              </Card>
            );
          })
        )}
        {(tenants.isSuccess || tenants.isError) && <PublicDraws tenant={chosen} narrow={narrow} />}
      </Layout.Content>
    </Layout>
  );
}
