// Request and response types of the API, imported (types only) from the server's zod schemas,
// so that the web and the server cannot drift apart. Nothing here is hand-copied.
import type { AuditQuery as ServerAuditQuery } from '../../../src/org/audit/schemas';
import type { UserListQuery as ServerUserListQuery } from '../../../src/org/users/schemas';

export type { Role, CurrentUser, LoginBody as LoginRequest, ChangePasswordBody as ChangePasswordRequest, UserResponse } from '../../../src/org/auth/schemas';
export type {
  AdminUser,
  UserListResponse,
  CreateUserBody as CreateUserRequest,
  UpdateUserBody as UpdateUserRequest,
  AdminUserResponse,
} from '../../../src/org/users/schemas';
export type {
  Department,
  DepartmentListResponse,
  DepartmentResponse,
  CreateDepartmentBody as CreateDepartmentRequest,
  UpdateDepartmentBody as UpdateDepartmentRequest,
} from '../../../src/org/departments/schemas';
export type { DepartmentListQuery } from '../../../src/org/departments/schemas';
export type { Region, RegionListResponse, RegionResponse } from '../../../src/org/tenancy/schemas';
export type { AuditEntry, AuditListResponse as AuditPage } from '../../../src/org/audit/schemas';
export type { OkResponse } from '../../../src/core/http/schemas';

/** The audit filters as the page sends them: every field optional (the server fills in page defaults). */
export type AuditQuery = Partial<ServerAuditQuery>;

/** The user list filters as the page sends them. */
export type UserListQuery = Partial<ServerUserListQuery>;

// ---- plans: import, review, plan page (行动计划) ----
export type {
  ParseResponse as PlanParseResponse,
  DepartmentNameMatch,
  DepartmentResolution,
  ConfirmPlanBody as ConfirmPlanRequest,
  ConfirmPlanResponse,
  PlanOut as Plan,
  TargetOut as Target,
  TaskOut as Task,
  PlanListResponse,
  PlanDetailResponse,
  UpdateTargetBody as UpdateTargetRequest,
  OutlineNode,
  TargetInput as ReviewTargetInput,
  TaskInput as ReviewTaskInput,
} from '../../../src/plans/schemas';
export type { Comparator, TargetKind, PlanStatus, DepartmentRole } from '../../../src/plans/model';
// ---- end plans ----

// ---- supervision: progress reports, notifications, dashboard, notices, assessment (督办·驾驶舱·通报·考核) ----
export type {
  NoticeOut as Notice,
  GenerateNoticeBody as GenerateNoticeRequest,
  UpdateNoticeBody as UpdateNoticeRequest,
  IssueNoticeBody as IssueNoticeRequest,
} from '../../../src/plans/notices/schemas';
export type {
  ReportDetailResponse as ReportDetail,
  ReportSummaryOut as ReportSummary,
  UpdateReportBody as UpdateReportRequest,
  ReturnReportBody as ReturnReportRequest,
  CreateReportBody as CreateReportRequest,
  AttachmentOut as ReportAttachmentOut,
  MyPeriodOut as MyPeriod,
  MyTargetOut as MyTarget,
  MyTaskOut as MyTask,
  TrackingResponse as PlanTrackingResponse,
  DashboardResponse,
  NotificationOut as NotificationItem,
  NotificationListResponse,
} from '../../../src/plans/progress/schemas';
export type DashboardOverdueItem = import('../../../src/plans/progress/schemas').DashboardResponse['overdue'][number];
export type TargetStatusKey = import('../../../src/plans/progress/model').TargetStatus;
export type ObligationStateKey = import('../../../src/plans/progress/schemas').MyPeriodOut['state'];
export type {
  AssessmentOut as AssessmentRow,
  SchemeBody as SaveAssessmentSchemeRequest,
  AdjustBody as AdjustAssessmentRequest,
} from '../../../src/plans/assessment/schemas';
type AssessmentSchemas = typeof import('../../../src/plans/assessment/schemas');
export type AssessmentScheme = import('zod').infer<AssessmentSchemas['SchemeOut']>;
export type AssessmentSchemeResponse = import('zod').infer<AssessmentSchemas['SchemeResponse']>;
export type AssessmentListResponse = import('zod').infer<AssessmentSchemas['AssessmentListResponse']>;
// ---- end supervision ----
