// Request and response schemas of tracking: progress reports, the department's items, the plan's
// tracking page, the dashboard and notifications. The web imports these types.
import { z } from 'zod';
import { Id, IsoDate, Page, PageInfo, PageSize, Timestamp, WholeListPageSize } from '../../core/http/schemas';

export const TaskProgressEnum = z.enum(['not_started', 'in_progress', 'done', 'blocked']).meta({ title: '任务状态', description: '未开始 / 进行中 / 已完成 / 受阻' });
export const ReportStatusEnum = z.enum(['draft', 'submitted', 'returned', 'accepted']).meta({ title: '报送状态' });
export const TargetStatusEnum = z.enum(['achieved', 'on_track', 'warning', 'behind', 'no_report', 'missed']).meta({ title: '目标状态' });
const ComparatorEnum = z.enum(['>=', '<=', '>', '<', '=', '~', 'range']);
const KindEnum = z.enum(['level', 'increment', 'cumulative']);
const RoleEnum = z.enum(['lead', 'co']);
const DateStr = z.string().meta({ description: 'YYYY-MM-DD', example: '2026-09-30' });

// --- requests ---------------------------------------------------------------------------------------------

export const CreateReportBody = z
  .object({ planId: Id.meta({ title: '计划' }), periodId: Id.meta({ title: '报送期次' }) })
  .strict();
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const ReportTaskInput = z
  .object({
    taskId: Id.meta({ title: '任务' }),
    status: TaskProgressEnum,
    note: z.string().max(2000).nullable().optional().meta({ title: '任务说明' }),
  })
  .strict();

export const ReportTargetInput = z
  .object({
    targetId: Id.meta({ title: '指标' }),
    value: z.number().finite().meta({ title: '指标数值' }),
    asOf: IsoDate.meta({ title: '数据日期', description: '数值所指的日期 YYYY-MM-DD' }),
    unit: z.string().max(20).optional().meta({ title: '单位', description: '可选；填写时须与目标的单位一致' }),
    note: z.string().max(2000).nullable().optional().meta({ title: '指标说明' }),
  })
  .strict();

export const UpdateReportBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号' }),
    text: z.string().max(20000).optional().meta({ title: '进展说明' }),
    tasks: z.array(ReportTaskInput).max(500).optional().meta({ title: '任务状态', description: '给出时整体替换' }),
    targets: z.array(ReportTargetInput).max(500).optional().meta({ title: '指标数值', description: '给出时整体替换' }),
  })
  .strict();
export type UpdateReportBody = z.infer<typeof UpdateReportBody>;

export const VersionBody = z.object({ version: z.number().int().min(1).meta({ title: '版本号' }) }).strict();
export const ReturnReportBody = z
  .object({
    version: z.number().int().min(1).meta({ title: '版本号' }),
    reason: z.string().trim().min(2, { message: '请填写退回原因（至少 2 个字）' }).max(2000).meta({ title: '退回原因' }),
  })
  .strict();
export type ReturnReportBody = z.infer<typeof ReturnReportBody>;

/** GET /api/my/tasks, /api/my/targets, /api/my/periods: a page of the department's own list. */
export const MyListQuery = z.object({ page: Page, pageSize: WholeListPageSize }).strict();

export const ReportListQuery = z
  .object({
    planId: Id.optional().meta({ title: '计划' }),
    periodId: Id.optional().meta({ title: '报送期次' }),
    departmentId: Id.optional().meta({ title: '部门' }),
    status: ReportStatusEnum.optional(),
    page: Page,
    pageSize: PageSize,
  })
  .strict();

// --- responses --------------------------------------------------------------------------------------------

export const ReportSummaryOut = z
  .object({
    id: Id,
    planId: Id,
    planTitle: z.string(),
    periodId: Id,
    periodLabel: z.string(),
    periodStart: DateStr,
    periodEnd: DateStr,
    dueDate: DateStr,
    departmentId: Id,
    departmentName: z.string(),
    status: ReportStatusEnum,
    submittedAt: Timestamp.nullable(),
    returnedAt: Timestamp.nullable(),
    returnedReason: z.string().nullable(),
    acceptedAt: Timestamp.nullable(),
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'ProgressReportSummary', title: '进度报送' });
export type ReportSummaryOut = z.infer<typeof ReportSummaryOut>;

export const AttachmentOut = z
  .object({ id: Id, fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), createdAt: Timestamp })
  .meta({ id: 'ReportAttachment', title: '附件' });
export type AttachmentOut = z.infer<typeof AttachmentOut>;

export const ReportDetailResponse = z
  .object({
    report: ReportSummaryOut.extend({ text: z.string() }),
    tasks: z.array(z.object({ taskId: Id, status: TaskProgressEnum, note: z.string().nullable() })),
    targets: z.array(z.object({ targetId: Id, value: z.number(), asOf: DateStr, note: z.string().nullable() })),
    attachments: z.array(AttachmentOut),
  })
  .meta({ id: 'ProgressReportDetail', title: '进度报送详情' });
export type ReportDetailResponse = z.infer<typeof ReportDetailResponse>;

export const ReportListResponse = z
  .object({ items: z.array(ReportSummaryOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'ProgressReportList' });
export type ReportListResponse = z.infer<typeof ReportListResponse>;

const LatestTaskOut = z.object({
  status: TaskProgressEnum,
  statusLabel: z.string(),
  note: z.string().nullable(),
  periodLabel: z.string(),
  submittedAt: Timestamp.nullable(),
});

export const MyTaskOut = z
  .object({
    id: Id,
    planId: Id,
    planTitle: z.string(),
    marker: z.string().nullable(),
    title: z.string(),
    deadlineText: z.string().nullable(),
    dueDate: DateStr.nullable(),
    role: RoleEnum,
    latest: LatestTaskOut.nullable(),
  })
  .meta({ id: 'MyTask', title: '本部门任务' });
export type MyTaskOut = z.infer<typeof MyTaskOut>;
export const MyTasksResponse = z.object({ items: z.array(MyTaskOut), ...PageInfo });
export type MyTasksResponse = z.infer<typeof MyTasksResponse>;

export const MyTargetOut = z
  .object({
    id: Id,
    planId: Id,
    planTitle: z.string(),
    indicator: z.string(),
    comparator: ComparatorEnum,
    value: z.number(),
    valueMax: z.number().nullable(),
    unit: z.string(),
    kind: KindEnum,
    deadline: DateStr.nullable(),
    baselineValue: z.number().nullable(),
    role: RoleEnum,
    latest: z.object({ value: z.number(), asOf: DateStr, reportId: Id }).nullable(),
    status: TargetStatusEnum,
    statusLabel: z.string(),
  })
  .meta({ id: 'MyTarget', title: '本部门指标' });
export type MyTargetOut = z.infer<typeof MyTargetOut>;
export const MyTargetsResponse = z.object({ items: z.array(MyTargetOut), ...PageInfo });
export type MyTargetsResponse = z.infer<typeof MyTargetsResponse>;

export const ObligationStateEnum = z.enum(['open', 'due_soon', 'overdue', 'submitted_on_time', 'submitted_late']);
export const MyPeriodOut = z
  .object({
    planId: Id,
    planTitle: z.string(),
    periodId: Id,
    periodLabel: z.string(),
    periodStart: DateStr,
    periodEnd: DateStr,
    dueDate: DateStr,
    reportId: Id.nullable(),
    reportStatus: ReportStatusEnum.nullable(),
    submittedAt: Timestamp.nullable(),
    state: ObligationStateEnum,
  })
  .meta({ id: 'MyReportingPeriod', title: '本部门报送期次' });
export type MyPeriodOut = z.infer<typeof MyPeriodOut>;
export const MyPeriodsResponse = z.object({ items: z.array(MyPeriodOut), ...PageInfo });
export type MyPeriodsResponse = z.infer<typeof MyPeriodsResponse>;

const DepartmentRefOut = z.object({ id: Id, name: z.string(), role: RoleEnum });

export const TrackingResponse = z
  .object({
    plan: z.object({
      id: Id,
      title: z.string(),
      status: z.string(),
      reportingCycle: z.enum(['monthly', 'quarterly', 'half_yearly']),
      reportDueWorkingDays: z.number().int(),
      warningMarginPct: z.number(),
      periodStartYear: z.number().int().nullable(),
      periodEndYear: z.number().int().nullable(),
    }),
    today: DateStr,
    rules: z.object({ statuses: z.record(TargetStatusEnum, z.string()), notes: z.array(z.string()), onTime: z.string() }),
    counts: z.record(TargetStatusEnum, z.number().int()),
    targets: z.array(
      z.object({
        id: Id,
        indicator: z.string(),
        comparator: ComparatorEnum,
        value: z.number(),
        valueMax: z.number().nullable(),
        unit: z.string(),
        kind: KindEnum,
        deadline: DateStr.nullable(),
        baselineValue: z.number().nullable(),
        departments: z.array(DepartmentRefOut),
        latest: z.object({ value: z.number(), asOf: DateStr, reportId: Id, departmentId: Id }).nullable(),
        status: TargetStatusEnum,
        statusLabel: z.string(),
      }),
    ),
    tasksByDepartment: z.array(
      z.object({
        department: z.object({ id: Id, name: z.string() }),
        tasks: z.array(
          z.object({ id: Id, marker: z.string().nullable(), title: z.string(), deadlineText: z.string().nullable(), role: RoleEnum, latest: LatestTaskOut.nullable() }),
        ),
      }),
    ),
    periods: z.array(z.object({ id: Id, label: z.string(), startDate: DateStr, endDate: DateStr, dueDate: DateStr })),
    reports: z.array(ReportSummaryOut.extend({ onTime: z.boolean().nullable() })),
  })
  .meta({ id: 'PlanTracking', title: '计划跟踪' });
export type TrackingResponse = z.infer<typeof TrackingResponse>;

export const DashboardResponse = z
  .object({
    today: DateStr,
    plans: z.array(z.object({ planId: Id, title: z.string(), targets: z.number().int(), counts: z.record(TargetStatusEnum, z.number().int()) })),
    totals: z.record(TargetStatusEnum, z.number().int()),
    onTime: z.array(
      z.object({
        departmentId: Id,
        departmentName: z.string(),
        due: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        missing: z.number().int(),
        rate: z.number().nullable().meta({ description: '按时报送率（%），一位小数' }),
      }),
    ),
    overdueTotal: z.number().int().meta({ description: '逾期未报送的总份数（overdue 只列出逾期最久的 200 份）' }),
    overdue: z.array(
      z.object({
        planId: Id,
        planTitle: z.string(),
        periodId: Id,
        periodLabel: z.string(),
        dueDate: DateStr,
        departmentId: Id,
        departmentName: z.string(),
        reportId: Id.nullable(),
        reportStatus: ReportStatusEnum.nullable(),
        workingDaysOverdue: z.number().int(),
      }),
    ),
    expired: z
      .array(z.object({ planId: Id, planTitle: z.string(), targetId: Id, indicator: z.string(), deadline: DateStr, latestValue: z.number().nullable(), unit: z.string() }))
      .meta({ description: '截止日期已过仍未达成的目标（最终状态）' }),
    overdueTasks: z
      .array(z.object({ planId: Id, planTitle: z.string(), taskId: Id, title: z.string(), dueDate: DateStr, status: z.string().nullable() }))
      .meta({ description: '截止日期已过、尚无“已完成”报送的任务' }),
  })
  .meta({ id: 'Dashboard', title: '驾驶舱' });
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const NotificationOut = z
  .object({
    id: Id,
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    readAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification', title: '通知' });
export type NotificationOut = z.infer<typeof NotificationOut>;
export const NotificationListResponse = z.object({ items: z.array(NotificationOut), unread: z.number().int() }).meta({ id: 'NotificationList' });
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;
export const NotificationListQuery = z.object({ unread: z.enum(['true', 'false']).optional().meta({ title: '仅未读' }) }).strict();
