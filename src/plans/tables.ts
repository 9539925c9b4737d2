// Tables of the plans domain (issue 4): plans and their source documents, targets, tasks and their
// responsible departments, reporting periods, progress reports (task items, target values,
// attachments), notifications, notices (督查通报) and the annual assessment (考核).
//
// Tenancy (DESIGN "Data and tenancy"): every table has tenant_id; primary keys are (tenant_id, id)
// with bigint identity ids; every unique constraint starts with tenant_id; foreign keys between
// tenant tables are composite (tenant_id, x_id). Nullable composite FKs use MATCH SIMPLE (the
// default): the check is skipped while the referencing id is null. No ON DELETE SET NULL on
// composite keys (it would null tenant_id too).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { tenants } from '../org/tenancy/tables';
import { users } from '../org/auth/tables';
import { departments } from '../org/departments/tables';

/** PostgreSQL bytea as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
});

const tenantId = () =>
  bigint('tenant_id', { mode: 'number' })
    .notNull()
    .references(() => tenants.id);
const id = () => bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);
const num = (name: string) => numeric(name, { mode: 'number' });

// ---------------------------------------------------------------------------------------------
// Plans

/** 行动计划 / 实施方案. */
export const plans = pgTable(
  'plans',
  {
    tenantId: tenantId(),
    id: id(),
    title: text('title').notNull(),
    issuer: text('issuer'),
    documentNumber: text('document_number'),
    indexNumber: text('index_number'),
    /** 成文日期 / 发布日期, YYYY-MM-DD */
    writtenDate: date('written_date', { mode: 'string' }),
    publishedDate: date('published_date', { mode: 'string' }),
    periodStartYear: integer('period_start_year'),
    periodEndYear: integer('period_end_year'),
    /** the region as the document names it (e.g. 重庆市沙坪坝区) */
    region: text('region'),
    /** GB/T 2260 code when known */
    regionCode: text('region_code'),
    /** gov.cn topic: best category / subcategory, and the scored list */
    topicCategory: text('topic_category'),
    topicSubcategory: text('topic_subcategory'),
    topics: jsonb('topics').notNull().default([]),
    /** the document's outline (OutlineNode[] of the ingest model, spans into plan_sources.text) */
    outline: jsonb('outline').notNull().default([]),
    /** draft | published | archived */
    status: text('status').notNull().default('draft'),
    /** monthly | quarterly | half_yearly */
    reportingCycle: text('reporting_cycle').notNull().default('quarterly'),
    /** reports are due this many working days after a period ends */
    reportDueWorkingDays: integer('report_due_working_days').notNull().default(5),
    /** 预警 margin, in percent of a target's span (baseline → target) */
    warningMarginPct: num('warning_margin_pct').notNull().default(5),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** user id (no FK, like the audit log: plans outlive accounts); null for the system */
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
    /**
     * The plan list's counts (decision 044): its targets, its tasks, the departments named by either.
     * Kept by the database's triggers on targets, tasks and their departments (migration
     * plan_counts_triggers), in the transaction of the write; never written by the app.
     */
    targetCount: integer('target_count').notNull().default(0),
    taskCount: integer('task_count').notNull().default(0),
    departmentCount: integer('department_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('plans_status_idx').on(t.tenantId, t.status),
    // the plan list's order (newest first), read backwards a page at a time
    index('plans_created_idx').on(t.tenantId, t.createdAt, t.id),
    check('plans_status_check', sql`${t.status} in ('draft', 'published', 'archived')`),
    check('plans_cycle_check', sql`${t.reportingCycle} in ('monthly', 'quarterly', 'half_yearly')`),
    check('plans_due_days_check', sql`${t.reportDueWorkingDays} between 0 and 60`),
    check('plans_margin_check', sql`${t.warningMarginPct} >= 0 and ${t.warningMarginPct} <= 100`),
  ],
);

/**
 * Each department named by a plan's targets or tasks, with how many of each it has (decision 044):
 * a department user's plan list (which plans, its own counts) without walking the items. Kept by the
 * same triggers as the counts on plans; never written by the app.
 */
export const planDepartments = pgTable(
  'plan_departments',
  {
    tenantId: tenantId(),
    planId: ref('plan_id').notNull(),
    departmentId: ref('department_id').notNull(),
    targetCount: integer('target_count').notNull().default(0),
    taskCount: integer('task_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.planId, t.departmentId] }),
    foreignKey({ name: 'plan_departments_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete('cascade'),
    index('plan_departments_department_idx').on(t.tenantId, t.departmentId, t.planId),
  ],
);

/** The document a plan was imported from: hash (for duplicate detection), file, normalized text. */
export const planSources = pgTable(
  'plan_sources',
  {
    tenantId: tenantId(),
    planId: ref('plan_id').notNull(),
    /** sha256 of the uploaded bytes, hex */
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    /** txt | html | docx | pdf */
    format: text('format').notNull(),
    encoding: text('encoding'),
    normalizations: text('normalizations').array().notNull().default([]),
    sizeBytes: integer('size_bytes').notNull(),
    /** the normalized text every span points into */
    text: text('text').notNull(),
    /** the engine's extraction as it came out, before the user's corrections */
    extraction: jsonb('extraction'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.planId] }),
    foreignKey({ name: 'plan_sources_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete(
      'cascade',
    ),
    index('plan_sources_sha_idx').on(t.tenantId, t.sha256),
  ],
);

// ---------------------------------------------------------------------------------------------
// Targets and tasks

/** 主要目标 / 指标. */
export const targets = pgTable(
  'targets',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    indicator: text('indicator').notNull(),
    /** >= <= > < = ~ range */
    comparator: text('comparator').notNull(),
    value: num('value').notNull(),
    /** upper bound for `range` */
    valueMax: num('value_max'),
    unit: text('unit').notNull().default(''),
    /** level | increment | cumulative */
    kind: text('kind').notNull().default('level'),
    deadlineYear: integer('deadline_year'),
    baselineValue: num('baseline_value'),
    baselineDate: date('baseline_date', { mode: 'string' }),
    /** tolerance for `~` (absolute, in the target's unit); null = the plan's default */
    tolerance: num('tolerance'),
    /** [span_start, span_end) in plan_sources.text; null for items the user added */
    spanStart: integer('span_start'),
    spanEnd: integer('span_end'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** extracted | edited | manual */
    origin: text('origin').notNull().default('extracted'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'targets_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete('cascade'),
    index('targets_plan_idx').on(t.tenantId, t.planId, t.sortOrder),
    check('targets_comparator_check', sql`${t.comparator} in ('>=', '<=', '>', '<', '=', '~', 'range')`),
    check('targets_kind_check', sql`${t.kind} in ('level', 'increment', 'cumulative')`),
    check('targets_origin_check', sql`${t.origin} in ('extracted', 'edited', 'manual')`),
    check('targets_range_check', sql`(${t.comparator} = 'range') = (${t.valueMax} is not null)`),
  ],
);

/** Responsible departments of a target (牵头 lead / 配合 co). */
export const targetDepartments = pgTable(
  'target_departments',
  {
    tenantId: tenantId(),
    targetId: ref('target_id').notNull(),
    departmentId: ref('department_id').notNull(),
    /** lead | co */
    role: text('role').notNull().default('lead'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.targetId, t.departmentId] }),
    foreignKey({ name: 'target_departments_target_fk', columns: [t.tenantId, t.targetId], foreignColumns: [targets.tenantId, targets.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'target_departments_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    index('target_departments_department_idx').on(t.tenantId, t.departmentId),
    check('target_departments_role_check', sql`${t.role} in ('lead', 'co')`),
  ],
);

/** 重点任务 / 措施. */
export const tasks = pgTable(
  'tasks',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    marker: text('marker'),
    title: text('title').notNull(),
    /** the task's body in plan_sources.text */
    spanStart: integer('span_start'),
    spanEnd: integer('span_end'),
    /** as written, e.g. 2025年底前, 长期坚持 */
    deadlineText: text('deadline_text'),
    /** a computed due date when the office sets one */
    dueDate: date('due_date', { mode: 'string' }),
    sortOrder: integer('sort_order').notNull().default(0),
    origin: text('origin').notNull().default('extracted'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'tasks_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete('cascade'),
    index('tasks_plan_idx').on(t.tenantId, t.planId, t.sortOrder),
    check('tasks_origin_check', sql`${t.origin} in ('extracted', 'edited', 'manual')`),
  ],
);

/** Responsible departments of a task (牵头 lead / 配合 co). */
export const taskDepartments = pgTable(
  'task_departments',
  {
    tenantId: tenantId(),
    taskId: ref('task_id').notNull(),
    departmentId: ref('department_id').notNull(),
    /** lead | co */
    role: text('role').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.taskId, t.departmentId] }),
    foreignKey({ name: 'task_departments_task_fk', columns: [t.tenantId, t.taskId], foreignColumns: [tasks.tenantId, tasks.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'task_departments_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    index('task_departments_department_idx').on(t.tenantId, t.departmentId),
    check('task_departments_role_check', sql`${t.role} in ('lead', 'co')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Progress reporting

/** A reporting period of a plan (2026年第3季度), with its due date on the working-day calendar. */
export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    label: text('label').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'reporting_periods_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete(
      'cascade',
    ),
    unique('reporting_periods_plan_start_uq').on(t.tenantId, t.planId, t.startDate),
    index('reporting_periods_due_idx').on(t.tenantId, t.dueDate),
    check('reporting_periods_dates_check', sql`${t.startDate} <= ${t.endDate} and ${t.endDate} <= ${t.dueDate}`),
  ],
);

/** 进度报送: one department's report on one plan for one period. */
export const progressReports = pgTable(
  'progress_reports',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id').notNull(),
    departmentId: ref('department_id').notNull(),
    periodId: ref('period_id').notNull(),
    /** draft | submitted | returned | accepted */
    status: text('status').notNull().default('draft'),
    text: text('text').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: ref('submitted_by'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedReason: text('returned_reason'),
    returnedBy: ref('returned_by'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: ref('accepted_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'progress_reports_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'progress_reports_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    foreignKey({
      name: 'progress_reports_period_fk',
      columns: [t.tenantId, t.periodId],
      foreignColumns: [reportingPeriods.tenantId, reportingPeriods.id],
    }).onDelete('cascade'),
    unique('progress_reports_period_department_uq').on(t.tenantId, t.periodId, t.departmentId),
    index('progress_reports_department_idx').on(t.tenantId, t.departmentId, t.status),
    // a plan's reports (its tracking page, latest values, the 驾驶舱's per-plan figures)
    index('progress_reports_plan_idx').on(t.tenantId, t.planId, t.status),
    check('progress_reports_status_check', sql`${t.status} in ('draft', 'submitted', 'returned', 'accepted')`),
  ],
);

/** The status of one task in a report (未开始 / 进行中 / 已完成 / 受阻). */
export const reportTaskItems = pgTable(
  'report_task_items',
  {
    tenantId: tenantId(),
    reportId: ref('report_id').notNull(),
    taskId: ref('task_id').notNull(),
    /** not_started | in_progress | done | blocked */
    status: text('status').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.reportId, t.taskId] }),
    foreignKey({
      name: 'report_task_items_report_fk',
      columns: [t.tenantId, t.reportId],
      foreignColumns: [progressReports.tenantId, progressReports.id],
    }).onDelete('cascade'),
    foreignKey({ name: 'report_task_items_task_fk', columns: [t.tenantId, t.taskId], foreignColumns: [tasks.tenantId, tasks.id] }).onDelete(
      'cascade',
    ),
    index('report_task_items_task_idx').on(t.tenantId, t.taskId),
    check('report_task_items_status_check', sql`${t.status} in ('not_started', 'in_progress', 'done', 'blocked')`),
  ],
);

/** A target's value reported in a report, with the date it refers to. */
export const reportTargetValues = pgTable(
  'report_target_values',
  {
    tenantId: tenantId(),
    reportId: ref('report_id').notNull(),
    targetId: ref('target_id').notNull(),
    value: num('value').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.reportId, t.targetId] }),
    foreignKey({
      name: 'report_target_values_report_fk',
      columns: [t.tenantId, t.reportId],
      foreignColumns: [progressReports.tenantId, progressReports.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'report_target_values_target_fk',
      columns: [t.tenantId, t.targetId],
      foreignColumns: [targets.tenantId, targets.id],
    }).onDelete('cascade'),
    index('report_target_values_target_idx').on(t.tenantId, t.targetId, t.asOf),
  ],
);

/** Evidence attached to a report. Size and type limits are enforced by the service. */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: tenantId(),
    id: id(),
    reportId: ref('report_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: ref('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'attachments_report_fk',
      columns: [t.tenantId, t.reportId],
      foreignColumns: [progressReports.tenantId, progressReports.id],
    }).onDelete('cascade'),
    index('attachments_report_idx').on(t.tenantId, t.reportId),
    check('attachments_size_check', sql`${t.sizeBytes} >= 0`),
  ],
);

/** In-app notifications, to one user or to every user of a department. */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantId(),
    id: id(),
    userId: ref('user_id'),
    departmentId: ref('department_id'),
    /** e.g. report_due, report_overdue, report_returned, notice_issued */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** a path in the web app, e.g. /plans/12 */
    link: text('link'),
    /** makes generation idempotent (e.g. overdue:<periodId>:<departmentId>) */
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'notifications_user_fk', columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'notifications_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    unique('notifications_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt),
    index('notifications_department_idx').on(t.tenantId, t.departmentId, t.createdAt),
    check('notifications_recipient_check', sql`${t.userId} is not null or ${t.departmentId} is not null`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Supervision and assessment

/** 督查通报. */
export const notices = pgTable(
  'notices',
  {
    tenantId: tenantId(),
    id: id(),
    planId: ref('plan_id'),
    periodId: ref('period_id'),
    /** e.g. 2026年第3季度 */
    periodLabel: text('period_label'),
    title: text('title').notNull(),
    documentNumber: text('document_number'),
    /** structured body (sections: overdue reports, targets behind, tasks blocked, by department) */
    body: jsonb('body').notNull().default({}),
    bodyText: text('body_text').notNull().default(''),
    /** draft | issued */
    status: text('status').notNull().default('draft'),
    issuingBody: text('issuing_body'),
    /** 版记 抄送: the recipients of copies, edited on the draft (null: the default from the issuing body) */
    copyTo: jsonb('copy_to').$type<string[]>(),
    issueDate: date('issue_date', { mode: 'string' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'notices_plan_fk', columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id] }),
    foreignKey({
      name: 'notices_period_fk',
      columns: [t.tenantId, t.periodId],
      foreignColumns: [reportingPeriods.tenantId, reportingPeriods.id],
    }),
    index('notices_status_idx').on(t.tenantId, t.status),
    check('notices_status_check', sql`${t.status} in ('draft', 'issued')`),
  ],
);

/** The departments a notice is about (they see it). */
export const noticeDepartments = pgTable(
  'notice_departments',
  {
    tenantId: tenantId(),
    noticeId: ref('notice_id').notNull(),
    departmentId: ref('department_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.noticeId, t.departmentId] }),
    foreignKey({ name: 'notice_departments_notice_fk', columns: [t.tenantId, t.noticeId], foreignColumns: [notices.tenantId, notices.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'notice_departments_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    index('notice_departments_department_idx').on(t.tenantId, t.departmentId),
  ],
);

/** The assessment scheme of a year: weights (onTime/targets/tasks) and grade cut-offs. */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    tenantId: tenantId(),
    id: id(),
    year: integer('year').notNull(),
    name: text('name').notNull().default('年度考核方案'),
    /** { onTime: 30, targets: 50, tasks: 20 } */
    weights: jsonb('weights').notNull().default({ onTime: 30, targets: 50, tasks: 20 }),
    /** minimum scores: { A: 90, B: 80, C: 60 } (below C is D) */
    grades: jsonb('grades').notNull().default({ A: 90, B: 80, C: 60 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('assessment_schemes_year_uq').on(t.tenantId, t.year)],
);

/** 考核: one department's score of one year, how it was computed, and any audited adjustment. */
export const assessments = pgTable(
  'assessments',
  {
    tenantId: tenantId(),
    id: id(),
    year: integer('year').notNull(),
    schemeId: ref('scheme_id'),
    departmentId: ref('department_id').notNull(),
    /** how the score was computed: per part (onTime/targets/tasks) the counts, ratio and points */
    breakdown: jsonb('breakdown').notNull().default({}),
    computedScore: num('computed_score').notNull().default(0),
    adjustedScore: num('adjusted_score'),
    adjustmentReason: text('adjustment_reason'),
    /** 一票否决: forces grade D */
    veto: boolean('veto').notNull().default(false),
    vetoReason: text('veto_reason'),
    /** A | B | C | D, or N (不参评: nothing assessable in the year) */
    grade: text('grade').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'assessments_scheme_fk',
      columns: [t.tenantId, t.schemeId],
      foreignColumns: [assessmentSchemes.tenantId, assessmentSchemes.id],
    }),
    foreignKey({
      name: 'assessments_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }),
    unique('assessments_year_department_uq').on(t.tenantId, t.year, t.departmentId),
    check('assessments_grade_check', sql`${t.grade} in ('A', 'B', 'C', 'D', 'N')`),
    check('assessments_adjustment_check', sql`${t.adjustedScore} is null or ${t.adjustmentReason} is not null`),
  ],
);

/**
 * The office's plan-loop settings of an authority (one row per tenant, defaults when absent):
 * how long after a plan's period reporting periods still open, and the names the authority counts
 * as unit names when matching departments of an imported plan.
 */
export const planSettings = pgTable(
  'plan_settings',
  {
    tenantId: tenantId(),
    id: id(),
    /** reporting periods open up to this many days after the plan's last day (0: only inside the plan's period) */
    reportingGraceDays: integer('reporting_grace_days').notNull().default(0),
    /** names (or name endings) the authority keeps as unit names besides the usual endings (局/委/办…) */
    unitNames: text('unit_names').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('plan_settings_tenant_uq').on(t.tenantId),
    check('plan_settings_grace_check', sql`${t.reportingGraceDays} between 0 and 366`),
  ],
);

export type PlanRow = typeof plans.$inferSelect;
export type PlanSourceRow = typeof planSources.$inferSelect;
export type TargetRow = typeof targets.$inferSelect;
export type TargetDepartmentRow = typeof targetDepartments.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type TaskDepartmentRow = typeof taskDepartments.$inferSelect;
export type ReportingPeriodRow = typeof reportingPeriods.$inferSelect;
export type ProgressReportRow = typeof progressReports.$inferSelect;
export type ReportTaskItemRow = typeof reportTaskItems.$inferSelect;
export type ReportTargetValueRow = typeof reportTargetValues.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type NoticeDepartmentRow = typeof noticeDepartments.$inferSelect;
export type AssessmentSchemeRow = typeof assessmentSchemes.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type PlanSettingsRow = typeof planSettings.$inferSelect;
