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

/** The signed-in user, or null when nobody is signed in (401). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<CurrentUser | null> => {
      try {
        const data = await api.get<UserResponse>('/api/auth/me');
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
    queryFn: async () => (await api.get<DepartmentListResponse>('/api/departments', { ...query })).items,
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
