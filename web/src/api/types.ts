// Request and response types of the API, imported (types only) from the server's zod schemas,
// so that the web and the server cannot drift apart. Nothing here is hand-copied.
import type { AuditQuery as ServerAuditQuery } from '../../../src/core/audit/schemas';
import type { UserListQuery as ServerUserListQuery } from '../../../src/core/users/schemas';

export type { Role, CurrentUser, LoginBody as LoginRequest, ChangePasswordBody as ChangePasswordRequest, UserResponse } from '../../../src/core/auth/schemas';
export type {
  AdminUser,
  UserListResponse,
  CreateUserBody as CreateUserRequest,
  UpdateUserBody as UpdateUserRequest,
  AdminUserResponse,
} from '../../../src/core/users/schemas';
export type {
  Department,
  DepartmentListResponse,
  DepartmentResponse,
  CreateDepartmentBody as CreateDepartmentRequest,
  UpdateDepartmentBody as UpdateDepartmentRequest,
} from '../../../src/plans/departments/schemas';
export type { DepartmentListQuery } from '../../../src/plans/departments/schemas';
export type { Region, RegionListResponse, RegionResponse } from '../../../src/core/tenancy/schemas';
export type { AuditEntry, AuditListResponse as AuditPage } from '../../../src/core/audit/schemas';
export type { OkResponse } from '../../../src/server/schemas';

/** The audit filters as the page sends them: every field optional (the server fills in page defaults). */
export type AuditQuery = Partial<ServerAuditQuery>;

/** The user list filters as the page sends them. */
export type UserListQuery = Partial<ServerUserListQuery>;
