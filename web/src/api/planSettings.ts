// Hooks for the plan loop's settings (计划设置): the grace days after a plan's period and the unit
// names the authority keeps. Types come from the server's zod schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PlanSettingsBody, PlanSettingsResponse } from '../../../src/plans/settings/schemas';

export type { PlanSettingsBody, PlanSettingsResponse } from '../../../src/plans/settings/schemas';

const key = ['plan-settings'] as const;

export function usePlanSettings() {
  return useQuery({ queryKey: key, queryFn: () => api.get<PlanSettingsResponse>('/api/plan-settings') });
}

export function useSavePlanSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanSettingsBody) => api.put<PlanSettingsResponse>('/api/plan-settings', body),
    onSuccess: (res) => client.setQueryData(key, res),
  });
}
