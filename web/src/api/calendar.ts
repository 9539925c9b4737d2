// Hooks for the working-day calendar (工作日历): a year's schedule, entering the State Council's
// notice, and the 驾驶舱 warning. Types come from the server's zod schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CalendarStatusOut, CalendarYearOut, EnterScheduleResponse, OfficialScheduleInput } from '../../../src/org/calendar/schema';
import type { OkResponse } from '../../../src/core/http/schemas';

export type { CalendarDayOut, CalendarStatusOut, CalendarYearOut, OfficialScheduleInput } from '../../../src/org/calendar/schema';

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  status: ['calendar', 'status'] as const,
};

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: () => api.get<CalendarYearOut>(`/api/admin/calendar/${year}`),
  });
}

export function useCalendarStatus(enabled = true) {
  return useQuery({
    queryKey: calendarKeys.status,
    queryFn: () => api.get<CalendarStatusOut>('/api/calendar/status'),
    enabled,
  });
}

export function useEnterSchedule(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OfficialScheduleInput) => api.put<EnterScheduleResponse>(`/api/admin/calendar/${year}/official`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export function useRemoveSchedule(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<OkResponse>(`/api/admin/calendar/${year}/official`),
    onSettled: () => client.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
