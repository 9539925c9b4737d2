// TanStack Query hooks for every API call the web app makes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type {
  AdminUserResponse,
  AuditPage,
  AuditQuery,
  ChangePasswordRequest,
  CreateDepartmentRequest,
  CreateUserRequest,
  CurrentUser,
  DepartmentListQuery,
  DepartmentListResponse,
  DepartmentResponse,
  LoginRequest,
  OkResponse,
  RegionListResponse,
  RegionResponse,
  UpdateDepartmentRequest,
  UpdateUserRequest,
  UserListQuery,
  UserListResponse,
  UserResponse,
} from './types';

export const keys = {
  me: ['auth', 'me'] as const,
  users: ['admin', 'users'] as const,
  userList: (q: UserListQuery) => ['admin', 'users', q] as const,
  departments: ['departments'] as const,
  departmentList: (q: DepartmentListQuery) => ['departments', q] as const,
  regions: ['admin', 'regions'] as const,
  regionSearch: (q: string) => ['regions', 'search', q] as const,
  audit: (q: AuditQuery) => ['admin', 'audit', q] as const,
};

// ---- auth ----

/**
 * The signed-in user, or null when nobody is signed in. Asks /api/auth/session, which answers 200
 * either way (the sign-in page makes no failing request, so the browser's console stays clean).
 */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<CurrentUser | null> => {
      try {
        const data = await api.get<{ user: CurrentUser | null }>('/api/auth/session');
        return data.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<UserResponse>('/api/auth/login', body),
    onSuccess: async () => {
      // Nothing cached belongs to the new user: start clean, then load who signed in.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OkResponse>('/api/auth/logout'),
    onSettled: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      client.setQueryData(keys.me, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<OkResponse>('/api/auth/password', body),
  });
}

// ---- users ----

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: keys.userList(query),
    queryFn: () => api.get<UserListResponse>('/api/admin/users', { ...query }),
    placeholderData: (previous) => previous,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<AdminUserResponse>('/api/admin/users', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserRequest & { id: string }) => api.patch<AdminUserResponse>(`/api/admin/users/${encodeURIComponent(id)}`, body),
    // Refetch on conflict too, so that "refresh and retry" has fresh data to retry with.
    onSettled: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

// ---- departments ----

/** The departments directory; active ones only unless `includeInactive: 'true'`. */
export function useDepartments(query: DepartmentListQuery = {}) {
  return useQuery({
    queryKey: keys.departmentList(query),
    queryFn: () => api.getAllPages<DepartmentListResponse['items'][number]>('/api/departments', { q: query.q, includeInactive: query.includeInactive }),
  });
}

export function useCreateDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDepartmentRequest) => api.post<DepartmentResponse>('/api/admin/departments', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.departments }),
  });
}

export function useUpdateDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateDepartmentRequest & { id: string }) =>
      api.patch<DepartmentResponse>(`/api/admin/departments/${encodeURIComponent(id)}`, body),
    // Refetch on conflict too, so that "refresh and retry" has fresh data to retry with.
    onSettled: () => client.invalidateQueries({ queryKey: keys.departments }),
  });
}

export function useDeleteDepartment() {
  const client = useQueryClient();
  return useMutation({
    // The server keeps a deleted department in the records as inactive (停用); `version` catches stale pages.
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<DepartmentResponse>(`/api/admin/departments/${encodeURIComponent(id)}?version=${version}`),
    onSettled: () => client.invalidateQueries({ queryKey: keys.departments }),
  });
}

// ---- regions ----

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: async () => (await api.get<RegionListResponse>('/api/admin/regions')).items,
  });
}

export function useRegionSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.regionSearch(term),
    queryFn: async () => (await api.get<RegionListResponse>('/api/regions/search', { q: term })).items,
    enabled: term.length > 0,
    staleTime: 10 * 60_000,
  });
}

export function useAddRegion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<RegionResponse>('/api/admin/regions', { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.regions }),
  });
}

export function useRemoveRegion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.delete<OkResponse>(`/api/admin/regions/${encodeURIComponent(code)}`),
    onSettled: () => client.invalidateQueries({ queryKey: keys.regions }),
  });
}

// ---- audit ----

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: () => api.get<AuditPage>('/api/admin/audit', { ...query }),
    placeholderData: (previous) => previous,
  });
}

// ---- plans: list, detail, confirm import, publish, edit targets (行动计划) ----
import type {
  ConfirmPlanRequest,
  ConfirmPlanResponse,
  PlanDetailResponse,
  PlanListResponse,
  Plan,
  Target,
  UpdateTargetRequest,
} from './types';

export const planKeys = {
  all: ['plans'] as const,
  list: (q: { status?: string; q?: string; page?: number; pageSize?: number }) => ['plans', 'list', q] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  tracking: (id: string) => ['plans', 'tracking', id] as const,
};

/** The newest plans (up to 200, the largest page), for choosing one in a selector. */
export function usePlans(query: { status?: 'draft' | 'published' | 'archived'; q?: string } = {}) {
  const q = { ...query, pageSize: 200 };
  return useQuery({
    queryKey: planKeys.list(q),
    queryFn: async () => (await api.get<PlanListResponse>('/api/plans', { ...q })).items,
    placeholderData: (previous) => previous,
  });
}

/** One page of the plan list with the total (the list is paginated on the server). */
export function usePlanPage(query: { status?: 'draft' | 'published' | 'archived'; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: planKeys.list(query),
    queryFn: () => api.get<PlanListResponse>('/api/plans', { ...query }),
    placeholderData: (previous) => previous,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.detail(id),
    queryFn: () => api.get<PlanDetailResponse>(`/api/plans/${encodeURIComponent(id)}`),
  });
}

export function useConfirmPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmPlanRequest) => api.post<ConfirmPlanResponse>('/api/plans', body),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function usePublishPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<{ plan: Plan }>(`/api/plans/${encodeURIComponent(id)}/publish`, { version }),
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function useUpdateTarget(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, ...body }: UpdateTargetRequest & { targetId: string }) =>
      api.patch<{ target: Target }>(`/api/plans/${encodeURIComponent(planId)}/targets/${encodeURIComponent(targetId)}`, body),
    // Refetch on conflict too, so that "refresh and retry" has fresh data to retry with.
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}
// ---- end plans ----

// ---- supervision: progress reports, notifications, dashboard, notices, assessment (督办·驾驶舱·通报·考核) ----
import type {
  AdjustAssessmentRequest,
  AssessmentListResponse,
  AssessmentRow,
  AssessmentSchemeResponse,
  CreateReportRequest,
  DashboardResponse,
  GenerateNoticeRequest,
  IssueNoticeRequest,
  MyPeriod,
  MyTarget,
  MyTask,
  Notice,
  NotificationListResponse,
  PlanTrackingResponse,
  ReportAttachmentOut,
  ReportDetail,
  SaveAssessmentSchemeRequest,
  UpdateNoticeRequest,
} from './types';
import type { ReportPayload } from '../progress/ReportForm';

export const supervisionKeys = {
  notices: ['notices'] as const,
  notice: (id: string) => ['notices', id] as const,
  progress: ['progress'] as const,
  myPeriods: ['progress', 'my', 'periods'] as const,
  myTargets: ['progress', 'my', 'targets'] as const,
  myTasks: ['progress', 'my', 'tasks'] as const,
  report: (id: string) => ['progress', 'reports', id] as const,
  /** Under 'plans': whatever changes a plan refreshes it too. */
  tracking: (planId: string) => ['plans', 'tracking-raw', planId] as const,
  dashboard: ['dashboard'] as const,
  notifications: ['notifications'] as const,
  assessment: ['assessment'] as const,
  assessments: (year: number) => ['assessment', 'list', year] as const,
  scheme: (year: number) => ['assessment', 'scheme', year] as const,
};

const enc = encodeURIComponent;

// progress: the department's periods, targets and tasks; reports

export function useMyPeriods() {
  return useQuery({ queryKey: supervisionKeys.myPeriods, queryFn: () => api.getAllPages<MyPeriod>('/api/my/periods') });
}

export function useMyTargets() {
  return useQuery({ queryKey: supervisionKeys.myTargets, queryFn: () => api.getAllPages<MyTarget>('/api/my/targets') });
}

export function useMyTasks() {
  return useQuery({ queryKey: supervisionKeys.myTasks, queryFn: () => api.getAllPages<MyTask>('/api/my/tasks') });
}

export function useReport(id: string) {
  return useQuery({ queryKey: supervisionKeys.report(id), queryFn: () => api.get<ReportDetail>(`/api/reports/${enc(id)}`) });
}

/** After a report changes: the report, the department's lists, plan tracking, the dashboard. */
function refreshAfterReport(client: ReturnType<typeof useQueryClient>, res?: ReportDetail) {
  if (res) client.setQueryData(supervisionKeys.report(res.report.id), res);
  void client.invalidateQueries({ queryKey: supervisionKeys.progress });
  void client.invalidateQueries({ queryKey: ['plans'] });
  void client.invalidateQueries({ queryKey: supervisionKeys.dashboard });
  void client.invalidateQueries({ queryKey: supervisionKeys.notifications });
}

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReportRequest) => api.post<ReportDetail>('/api/reports', body),
    onSuccess: (res) => refreshAfterReport(client, res),
  });
}

/** Saves the draft, then (submit) submits it with the saved version. */
export function useSaveReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, payload, submit }: { id: string; version: number; payload: ReportPayload; submit: boolean }) => {
      const saved = await api.patch<ReportDetail>(`/api/reports/${enc(id)}`, {
        version,
        text: payload.text,
        tasks: payload.tasks,
        targets: payload.values,
      });
      client.setQueryData(supervisionKeys.report(id), saved);
      if (!submit) return saved;
      return api.post<ReportDetail>(`/api/reports/${enc(id)}/submit`, { version: saved.report.version });
    },
    onSuccess: (res) => refreshAfterReport(client, res),
    // A stale version: fetch the stored one. Any other refusal keeps the form as the user left it.
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) refreshAfterReport(client);
    },
  });
}

export function useReturnReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; reason: string }) => api.post<ReportDetail>(`/api/reports/${enc(id)}/return`, body),
    onSuccess: (res) => refreshAfterReport(client, res),
    onError: () => refreshAfterReport(client),
  });
}

export function useAcceptReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number }) => api.post<ReportDetail>(`/api/reports/${enc(id)}/accept`, body),
    onSuccess: (res) => refreshAfterReport(client, res),
    onError: () => refreshAfterReport(client),
  });
}

/** Uploads one attachment (multipart field `file`); the server checks size and type again. */
export function useUploadAttachment(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await fetch(`/api/reports/${enc(reportId)}/attachments`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const data = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      if (!response.ok) {
        throw new ApiError(response.status, data.code ?? `HTTP_${response.status}`, data.message ?? (response.status === 413 ? '附件过大' : '上传失败，请稍后重试'));
      }
      return data as unknown as ReportAttachmentOut;
    },
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.report(reportId) }),
  });
}

export function useDeleteAttachment(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<OkResponse>(`/api/reports/${enc(reportId)}/attachments/${enc(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.report(reportId) }),
  });
}

/** The plan's tracking answer as the server sends it (periods, reports, targets with status). */
export function useSupervisionTracking(planId: string) {
  return useQuery({
    queryKey: supervisionKeys.tracking(planId),
    queryFn: () => api.get<PlanTrackingResponse>(`/api/plans/${enc(planId)}/tracking`),
    enabled: !!planId,
  });
}

// dashboard and notifications

export function useDashboard() {
  return useQuery({ queryKey: supervisionKeys.dashboard, queryFn: () => api.get<DashboardResponse>('/api/dashboard') });
}

export function useNotifications() {
  return useQuery({
    queryKey: supervisionKeys.notifications,
    queryFn: () => api.get<NotificationListResponse>('/api/notifications'),
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<OkResponse>(`/api/notifications/${enc(id)}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.notifications }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OkResponse>('/api/notifications/read-all'),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.notifications }),
  });
}

// assessment (考核)

export function useAssessmentScheme(year: number) {
  return useQuery({ queryKey: supervisionKeys.scheme(year), queryFn: () => api.get<AssessmentSchemeResponse>(`/api/assessments/schemes/${year}`) });
}

export function useSaveAssessmentScheme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, ...body }: SaveAssessmentSchemeRequest & { year: number }) => api.put<AssessmentSchemeResponse>(`/api/assessments/schemes/${year}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.assessment }),
  });
}

export function useAssessments(year: number) {
  // the whole year (the page ranks every department), read a page of 200 at a time
  return useQuery({
    queryKey: supervisionKeys.assessments(year),
    queryFn: async (): Promise<AssessmentListResponse> => ({ year, items: await api.getAllPages<AssessmentListResponse['items'][number]>('/api/assessments', { year }) }),
  });
}

export function useComputeAssessments() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number }) => api.post<AssessmentListResponse>('/api/assessments/compute', body),
    onSuccess: (res) => client.setQueryData(supervisionKeys.assessments(res.year), res),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.assessment }),
  });
}

/** Adjusts a score (adjustedScore; null cancels) or sets the veto; a written reason is required. */
export function useAdjustAssessment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AdjustAssessmentRequest & { id: string }) => api.patch<{ assessment: AssessmentRow }>(`/api/assessments/${enc(id)}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.assessment }),
  });
}

export function useNotices() {
  return useQuery({
    queryKey: supervisionKeys.notices,
    queryFn: async () => (await api.get<{ items: Notice[] }>('/api/notices')).items,
  });
}

export function useNotice(id: string) {
  return useQuery({
    queryKey: supervisionKeys.notice(id),
    queryFn: async () => (await api.get<{ notice: Notice }>(`/api/notices/${encodeURIComponent(id)}`)).notice,
  });
}

export function useGenerateNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateNoticeRequest) => api.post<{ notice: Notice }>('/api/notices/generate', body),
    onSuccess: () => client.invalidateQueries({ queryKey: supervisionKeys.notices }),
  });
}

export function useUpdateNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateNoticeRequest & { id: string }) => api.patch<{ notice: Notice }>(`/api/notices/${encodeURIComponent(id)}`, body),
    onSuccess: (res) => client.setQueryData(supervisionKeys.notice(res.notice.id), res.notice),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.notices }),
  });
}

export function useIssueNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: IssueNoticeRequest & { id: string }) => api.post<{ notice: Notice }>(`/api/notices/${encodeURIComponent(id)}/issue`, body),
    onSuccess: (res) => client.setQueryData(supervisionKeys.notice(res.notice.id), res.notice),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.notices }),
  });
}

export function useDeleteNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api.delete<OkResponse>(`/api/notices/${encodeURIComponent(id)}?version=${version}`),
    onSettled: () => client.invalidateQueries({ queryKey: supervisionKeys.notices }),
  });
}
// ---- end supervision ----
