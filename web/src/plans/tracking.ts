// The plan page's tracking data (GET /api/plans/:id/tracking, src/plans/progress): each target's
// latest value and status, the status rules' texts, tasks by department with their latest
// progress, and the history of reports. Types come from the server's schema.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { planKeys } from '../api/hooks';
import type { PlanTrackingResponse } from '../api/types';

export type Tracking = PlanTrackingResponse;
export type TrackedTarget = Tracking['targets'][number];
export type TrackedReport = Tracking['reports'][number];

export function usePlanTracking(planId: string) {
  return useQuery({
    queryKey: planKeys.tracking(planId),
    queryFn: () => api.get<PlanTrackingResponse>(`/api/plans/${encodeURIComponent(planId)}/tracking`),
  });
}

export const REPORT_STATUS_LABELS: Record<TrackedReport['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '已报送', color: 'blue' },
  returned: { label: '已退回', color: 'orange' },
  accepted: { label: '已采纳', color: 'green' },
};
