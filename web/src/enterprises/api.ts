// TanStack Query hooks of the directory's API (src/enterprises/routes.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { EnterpriseFileResponse, EnterpriseListResponse, EnterpriseOptionsResponse, ImportJobResponse } from '../../../src/enterprises/schemas';

export interface EnterpriseFilters {
  q?: string;
  region?: string;
  industry?: string;
  status?: string;
  riskClass?: 'A' | 'B' | 'C' | 'D';
  /** on the list now: 经营异常名录 / 严重违法失信名单 */
  list?: 'abnormal' | 'serious';
}

export const enterpriseKeys = {
  list: (f: EnterpriseFilters & { page: number; pageSize: number }) => ['enterprises', 'list', f] as const,
  options: ['enterprises', 'options'] as const,
  file: (id: string) => ['enterprises', 'file', id] as const,
  job: (id: string) => ['enterprises', 'import', id] as const,
};

export function useEnterpriseOptions() {
  return useQuery({ queryKey: enterpriseKeys.options, queryFn: () => api.get<EnterpriseOptionsResponse>('/api/enterprises/options'), staleTime: 5 * 60_000 });
}

export function useEnterprisePage(f: EnterpriseFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: enterpriseKeys.list(f),
    queryFn: () => api.get<EnterpriseListResponse>('/api/enterprises', { ...f }),
    placeholderData: (prev) => prev,
  });
}

export function useEnterpriseFile(id: string) {
  return useQuery({ queryKey: enterpriseKeys.file(id), queryFn: () => api.get<EnterpriseFileResponse>(`/api/enterprises/${id}/file`) });
}

/** An import job, polled every second while it runs. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: enterpriseKeys.job(id ?? ''),
    queryFn: () => api.get<ImportJobResponse>(`/api/enterprises/imports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.job.status === 'running' || !q.state.data ? 1000 : false),
  });
}

/** The query string of a filtered list, for the Excel export link. */
export function exportUrl(f: EnterpriseFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  const qs = params.toString();
  return `/api/enterprises/export${qs ? `?${qs}` : ''}`;
}
