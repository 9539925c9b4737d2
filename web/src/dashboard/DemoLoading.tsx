// A new server answers before the demo authority's content (seed plans, enterprise register, 双随机
// and 监督抽查 demos) is in: for those few seconds every page says so, and the 驾驶舱 shows no figures
// (they would be short). When the server says it is done, everything is fetched again (decision 045).
import { useEffect, useRef } from 'react';
import { Alert } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

/** GET /api/demo/status (src/server/app.ts) */
interface DemoStatusOut {
  loading: boolean;
}

export function useDemoStatus() {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['demo', 'status'],
    queryFn: () => api.get<DemoStatusOut>('/api/demo/status'),
    refetchInterval: (query) => (query.state.data?.loading ? 1000 : false),
    staleTime: Infinity,
  });
  const wasLoading = useRef(false);
  const loading = q.data?.loading ?? false;
  useEffect(() => {
    if (wasLoading.current && !loading) void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'demo' });
    wasLoading.current = loading;
  }, [loading, client]);
  return q;
}

export function DemoLoadingBanner() {
  const status = useDemoStatus();
  if (!status.data?.loading) return null;
  return (
    <Alert
      data-testid="demo-loading"
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message="示范数据载入中"
      description="示范计划、企业名录和抽查数据正在载入，通常只需几秒；载入完成后页面自动刷新。"
    />
  );
}
