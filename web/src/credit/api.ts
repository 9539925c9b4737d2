// TanStack Query hooks of the credit API (src/credit/routes.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CreditSettingsOut, DeadlineListOut, EnterpriseCreditOut, EventOut, MembershipOut, RunOut } from '../../../src/credit/schemas';
import type { CreditSettings } from '../../../src/credit/model';

export const creditKeys = {
  enterprise: (id: string) => ['credit', 'enterprise', id] as const,
  deadlines: ['credit', 'deadlines'] as const,
  settings: ['credit', 'settings'] as const,
  run: (id: string) => ['credit', 'run', id] as const,
  latestRun: ['credit', 'run', 'latest'] as const,
};

export function useEnterpriseCredit(id: string) {
  return useQuery({ queryKey: creditKeys.enterprise(id), queryFn: () => api.get<EnterpriseCreditOut>(`/api/enterprises/${id}/credit`) });
}

export interface EventInput {
  kind: string;
  occurredOn: string;
  decisionNo?: string | null;
  detail?: string | null;
  heavy?: boolean;
  publication?: string | null;
  field?: string | null;
  repairsEventId?: string | null;
}

export function useAddEvent(enterpriseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EventInput) => api.post<EventOut>(`/api/enterprises/${enterpriseId}/credit/events`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['credit'] }),
  });
}

export function useOpenListing(enterpriseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { list: string; reason: string; groundsOn?: string | null; listedOn?: string | null; decisionNo?: string | null }) =>
      api.post<MembershipOut>(`/api/enterprises/${enterpriseId}/credit/lists`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['credit'] }),
  });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: string; on: string; decisionNo?: string | null; note?: string | null; version: number }) =>
      api.post<MembershipOut>(`/api/credit/lists/${id}/decisions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['credit'] }),
  });
}

export function useReclassify() {
  return useMutation({ mutationFn: () => api.post<RunOut>('/api/credit/reclassify') });
}

/** A run, polled every second while it is queued or running. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: creditKeys.run(id ?? ''),
    queryFn: () => api.get<RunOut>(`/api/credit/runs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.state === 'done' || q.state.data.state === 'failed') ? false : 1000),
  });
}

export function useDeadlines(enabled = true) {
  return useQuery({ queryKey: creditKeys.deadlines, queryFn: () => api.get<DeadlineListOut>('/api/credit/deadlines'), enabled });
}

export function useCreditSettings() {
  return useQuery({ queryKey: creditKeys.settings, queryFn: () => api.get<CreditSettingsOut>('/api/credit/settings') });
}

export function useSaveCreditSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: CreditSettings; version: number }) => api.put<CreditSettingsOut>('/api/credit/settings', body),
    onSuccess: (data) => client.setQueryData(creditKeys.settings, data),
  });
}
