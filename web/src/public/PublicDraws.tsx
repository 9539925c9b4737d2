// 双随机抽取公开 (no sign-in): each draw's commitment (published before it), seed (after it) and the
// file anyone can check with `zhiliang draw verify` (GET /api/public/draws).
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../api/client';
import type { PublicDrawListResponse } from '../../../src/inspections/schemas';

export function PublicDraws({ tenant, narrow }: { tenant: string | undefined; narrow: boolean }) {
  const draws = useQuery({
    queryKey: ['public', 'draws', tenant ?? ''],
    queryFn: () => api.get<PublicDrawListResponse>('/api/public/draws', { tenant }),
    retry: false,
  });
  if (draws.isError) return null;
  return (
    <Card title="双随机抽查 · 抽取公开" style={{ marginBottom: 16 }} data-testid="public-draws" styles={narrow ? { body: { padding: '0 12px' } } : undefined}>
      <Typography.Paragraph type="secondary" style={{ marginTop: narrow ? 12 : 0 }}>
        抽取前公布抽查框和随机种子的承诺值 SHA-256(种子)，抽取后公开种子。下载抽取文件后可用命令
        <Typography.Text code>zhiliang draw verify 文件</Typography.Text>复算，核验抽中的企业和检查人员。
      </Typography.Paragraph>
      {draws.data?.items.length === 0 && <Empty description="暂无公开的抽取" />}
      {(draws.data?.items ?? []).map((d) => (
        <div key={d.id} data-testid="public-draw" style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}>
          <Typography.Text strong style={{ display: 'block', whiteSpace: 'normal' }}>{d.name}</Typography.Text>
          <Space wrap size={4} style={{ marginTop: 4 }}>
            <Tag color={d.seed ? 'green' : 'gold'}>{d.seed ? `已抽取 ${d.objectCount} 户` : '待抽取'}</Tag>
            {d.items.map((i) => <Tag key={i}>{i}</Tag>)}
            <span>抽查框公布于 {dayjs(d.frameFixedAt).format('YYYY-MM-DD HH:mm')}</span>
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }}>
            承诺值：{d.commitment}
          </Typography.Text>
          {d.seed && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }} data-testid="public-draw-seed">
              随机种子：{d.seed}
            </Typography.Text>
          )}
          <a href={d.downloadUrl} download data-testid="public-draw-download">
            <DownloadOutlined /> 下载抽取文件
          </a>
        </div>
      ))}
    </Card>
  );
}
