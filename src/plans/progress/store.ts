// SQL of tracking: reporting periods, progress reports and their items, attachments, latest values,
// reporting obligations (period × responsible department), notifications. Every query filters by
// tenant. Raw SQL casts dates to text so both drivers' type parsers give 'YYYY-MM-DD'.
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { preparedOnce } from '../../core/db/prepared';
import {
  attachments,
  notifications,
  plans,
  progressReports,
  reportingPeriods,
  reportTargetValues,
  reportTaskItems,
  type NotificationRow,
  type ProgressReportRow,
  type ReportingPeriodRow,
} from '../tables';

const rowsOf = async <T>(db: DbOrTx, q: SQL): Promise<T[]> => (await db.execute(q)).rows as T[];
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const ts = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

// --- periods -----------------------------------------------------------------------------------------

export async function selectPeriods(db: DbOrTx, tenantId: number, planId: number): Promise<ReportingPeriodRow[]> {
  return db
    .select()
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.tenantId, tenantId), eq(reportingPeriods.planId, planId)))
    .orderBy(asc(reportingPeriods.startDate));
}

/** The start dates of the periods each of these plans has. */
export async function selectPeriodStarts(db: DbOrTx, tenantId: number, planIds: number[]): Promise<{ planId: number; startDate: string }[]> {
  if (planIds.length === 0) return [];
  return db
    .select({ planId: reportingPeriods.planId, startDate: reportingPeriods.startDate })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.tenantId, tenantId), inArray(reportingPeriods.planId, planIds)));
}

export async function selectPeriod(db: DbOrTx, tenantId: number, id: number): Promise<ReportingPeriodRow | undefined> {
  const [p] = await db.select().from(reportingPeriods).where(and(eq(reportingPeriods.tenantId, tenantId), eq(reportingPeriods.id, id)));
  return p;
}

export async function insertPeriods(db: DbOrTx, rows: (typeof reportingPeriods.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(reportingPeriods).values(rows).onConflictDoNothing();
}

// --- reports -------------------------------------------------------------------------------------------

export async function insertReport(db: DbOrTx, row: typeof progressReports.$inferInsert): Promise<ProgressReportRow | undefined> {
  const [r] = await db.insert(progressReports).values(row).onConflictDoNothing().returning();
  return r;
}

export async function selectReport(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<ProgressReportRow | undefined> {
  const q = db.select().from(progressReports).where(and(eq(progressReports.tenantId, tenantId), eq(progressReports.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function selectReportFor(db: DbOrTx, tenantId: number, periodId: number, departmentId: number): Promise<ProgressReportRow | undefined> {
  const [r] = await db
    .select()
    .from(progressReports)
    .where(and(eq(progressReports.tenantId, tenantId), eq(progressReports.periodId, periodId), eq(progressReports.departmentId, departmentId)));
  return r;
}

export async function updateReportIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  set: Partial<typeof progressReports.$inferInsert>,
  now: Date,
): Promise<ProgressReportRow | undefined> {
  const [r] = await db
    .update(progressReports)
    .set({ ...set, updatedAt: now, version: version + 1 })
    .where(and(eq(progressReports.tenantId, tenantId), eq(progressReports.id, id), eq(progressReports.version, version)))
    .returning();
  return r;
}

export interface ReportListRow {
  id: number;
  planId: number;
  planTitle: string;
  periodId: number;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  departmentId: number;
  departmentName: string;
  status: string;
  submittedAt: Date | null;
  returnedAt: Date | null;
  returnedReason: string | null;
  acceptedAt: Date | null;
  updatedAt: Date;
  version: number;
}

function reportListConds(
  tenantId: number,
  f: { planId?: number; periodId?: number; departmentId?: number; status?: string; ids?: number[] },
): SQL[] | undefined {
  const conds: SQL[] = [sql`r.tenant_id = ${tenantId}`];
  if (f.planId !== undefined) conds.push(sql`r.plan_id = ${f.planId}`);
  if (f.periodId !== undefined) conds.push(sql`r.period_id = ${f.periodId}`);
  if (f.departmentId !== undefined) conds.push(sql`r.department_id = ${f.departmentId}`);
  if (f.status !== undefined) conds.push(sql`r.status = ${f.status}`);
  if (f.ids !== undefined) {
    if (f.ids.length === 0) return undefined;
    conds.push(sql`r.id in (${sql.join(f.ids.map((i) => sql`${i}`), sql`, `)})`);
  }
  return conds;
}

/** How many reports match (the list's total, counted without joining). */
export async function countReportList(
  db: DbOrTx,
  tenantId: number,
  f: { planId?: number; periodId?: number; departmentId?: number; status?: string },
): Promise<number> {
  const conds = reportListConds(tenantId, f)!;
  const [r] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from progress_reports r where ${sql.join(conds, sql` and `)}`);
  return Number(r?.n ?? 0);
}

export async function selectReportList(
  db: DbOrTx,
  tenantId: number,
  f: { planId?: number; periodId?: number; departmentId?: number; status?: string; ids?: number[]; limit?: number; offset?: number } = {},
): Promise<ReportListRow[]> {
  const conds = reportListConds(tenantId, f);
  if (!conds) return [];
  const page = f.limit !== undefined ? sql` limit ${f.limit} offset ${f.offset ?? 0}` : sql``;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    // the matching reports first, then their plan, period and department by primary key
    sql`with r as materialized (select * from progress_reports r where ${sql.join(conds, sql` and `)})
        select r.id, r.plan_id, p.title as plan_title, r.period_id, per.label, per.start_date::text as start_date,
          per.end_date::text as end_date, per.due_date::text as due_date, r.department_id, d.name as department_name,
          r.status, r.submitted_at, r.returned_at, r.returned_reason, r.accepted_at, r.updated_at, r.version
        from r
        join plans p on p.tenant_id = ${tenantId} and p.id = r.plan_id
        join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
        join departments d on d.tenant_id = ${tenantId} and d.id = r.department_id
        order by per.start_date desc, d.sort_order, d.id, r.id${page}`,
  );
  return rows.map((x) => ({
    id: Number(x.id),
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    periodId: Number(x.period_id),
    periodLabel: String(x.label),
    periodStart: String(x.start_date),
    periodEnd: String(x.end_date),
    dueDate: String(x.due_date),
    departmentId: Number(x.department_id),
    departmentName: String(x.department_name),
    status: String(x.status),
    submittedAt: ts(x.submitted_at),
    returnedAt: ts(x.returned_at),
    returnedReason: (x.returned_reason as string | null) ?? null,
    acceptedAt: ts(x.accepted_at),
    updatedAt: ts(x.updated_at)!,
    version: Number(x.version),
  }));
}

export async function selectTaskItems(db: DbOrTx, tenantId: number, reportId: number) {
  return db
    .select()
    .from(reportTaskItems)
    .where(and(eq(reportTaskItems.tenantId, tenantId), eq(reportTaskItems.reportId, reportId)))
    .orderBy(asc(reportTaskItems.taskId));
}

export async function selectTargetValues(db: DbOrTx, tenantId: number, reportId: number) {
  return db
    .select()
    .from(reportTargetValues)
    .where(and(eq(reportTargetValues.tenantId, tenantId), eq(reportTargetValues.reportId, reportId)))
    .orderBy(asc(reportTargetValues.targetId));
}

export async function replaceTaskItems(
  db: DbOrTx,
  tenantId: number,
  reportId: number,
  items: { taskId: number; status: string; note: string | null }[],
): Promise<void> {
  await db.delete(reportTaskItems).where(and(eq(reportTaskItems.tenantId, tenantId), eq(reportTaskItems.reportId, reportId)));
  if (items.length) await db.insert(reportTaskItems).values(items.map((i) => ({ ...i, tenantId, reportId })));
}

export async function replaceTargetValues(
  db: DbOrTx,
  tenantId: number,
  reportId: number,
  items: { targetId: number; value: number; asOf: string; note: string | null }[],
): Promise<void> {
  await db.delete(reportTargetValues).where(and(eq(reportTargetValues.tenantId, tenantId), eq(reportTargetValues.reportId, reportId)));
  if (items.length) await db.insert(reportTargetValues).values(items.map((i) => ({ ...i, tenantId, reportId })));
}

// --- attachments -------------------------------------------------------------------------------------

const attachmentMeta = {
  id: attachments.id,
  reportId: attachments.reportId,
  fileName: attachments.fileName,
  mimeType: attachments.mimeType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  uploadedBy: attachments.uploadedBy,
  createdAt: attachments.createdAt,
};
export type AttachmentMeta = { id: number; reportId: number; fileName: string; mimeType: string; sizeBytes: number; sha256: string; uploadedBy: number | null; createdAt: Date };

export async function insertAttachment(db: DbOrTx, row: typeof attachments.$inferInsert): Promise<AttachmentMeta> {
  const [a] = await db.insert(attachments).values(row).returning(attachmentMeta);
  return a;
}

export async function selectAttachments(db: DbOrTx, tenantId: number, reportId: number): Promise<AttachmentMeta[]> {
  return db
    .select(attachmentMeta)
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.reportId, reportId)))
    .orderBy(asc(attachments.id));
}

export async function selectAttachment(db: DbOrTx, tenantId: number, reportId: number, id: number) {
  const [a] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.reportId, reportId), eq(attachments.id, id)));
  return a;
}

export async function deleteAttachmentRow(db: DbOrTx, tenantId: number, reportId: number, id: number): Promise<AttachmentMeta | undefined> {
  const [a] = await db
    .delete(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.reportId, reportId), eq(attachments.id, id)))
    .returning(attachmentMeta);
  return a;
}

// --- latest values and statuses ---------------------------------------------------------------------

export interface LatestValueRow {
  targetId: number;
  value: number;
  asOf: string;
  reportId: number;
  departmentId: number;
  submittedAt: Date | null;
}

/** Per target of the plans: the value with the latest as-of date among submitted/accepted reports. */
export async function selectLatestValues(db: DbOrTx, tenantId: number, planIds: number[], opts: { acceptedOnly?: boolean } = {}): Promise<LatestValueRow[]> {
  if (planIds.length === 0) return [];
  const statuses = opts.acceptedOnly ? sql`('accepted')` : sql`('submitted', 'accepted')`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    // The plan's submitted reports first (a handful), then their values by primary key: MATERIALIZED
    // fixes that order even on tables without statistics (freshly loaded, PGlite).
    sql`with r as materialized (
          select id, department_id, submitted_at from progress_reports
          where tenant_id = ${tenantId} and plan_id in (${sql.join(planIds.map((i) => sql`${i}`), sql`, `)}) and status in ${statuses}
        )
        select distinct on (v.target_id) v.target_id, v.value, v.as_of::text as as_of, r.id as report_id, r.department_id, r.submitted_at
        from r join report_target_values v on v.tenant_id = ${tenantId} and v.report_id = r.id
        order by v.target_id, v.as_of desc, r.submitted_at desc nulls last, r.id desc`,
  );
  return rows.map((x) => ({
    targetId: Number(x.target_id),
    value: Number(x.value),
    asOf: String(x.as_of),
    reportId: Number(x.report_id),
    departmentId: Number(x.department_id),
    submittedAt: ts(x.submitted_at),
  }));
}

/**
 * selectLatestValues twice in one statement: per target, the latest submitted-or-accepted value and the
 * latest accepted one (the status before and after a target's deadline).
 */
export async function selectLatestAndAccepted(db: DbOrTx, tenantId: number, planIds: number[]): Promise<{ latest: LatestValueRow[]; accepted: LatestValueRow[] }> {
  const out = { latest: [] as LatestValueRow[], accepted: [] as LatestValueRow[] };
  if (planIds.length === 0) return out;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`with r as materialized (
          select id, department_id, submitted_at, status from progress_reports
          where tenant_id = ${tenantId} and plan_id in (${sql.join(planIds.map((i) => sql`${i}`), sql`, `)}) and status in ('submitted', 'accepted')
        )
        select distinct on (k.accepted, v.target_id) k.accepted, v.target_id, v.value, v.as_of::text as as_of, r.id as report_id, r.department_id, r.submitted_at
        from r join report_target_values v on v.tenant_id = ${tenantId} and v.report_id = r.id
        cross join (values (false), (true)) k(accepted)
        where not k.accepted or r.status = 'accepted'
        order by k.accepted, v.target_id, v.as_of desc, r.submitted_at desc nulls last, r.id desc`,
  );
  for (const x of rows) {
    const row = { targetId: Number(x.target_id), value: Number(x.value), asOf: String(x.as_of), reportId: Number(x.report_id), departmentId: Number(x.department_id), submittedAt: ts(x.submitted_at) };
    (x.accepted === true || x.accepted === 't' ? out.accepted : out.latest).push(row);
  }
  return out;
}

export interface LatestTaskStatusRow {
  taskId: number;
  departmentId: number;
  status: string;
  note: string | null;
  reportId: number;
  periodLabel: string;
  submittedAt: Date | null;
}

/** Per (task, department) of a plan: the status in that department's latest submitted/accepted report. */
export async function selectLatestTaskStatuses(db: DbOrTx, tenantId: number, planId: number): Promise<LatestTaskStatusRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`with r as materialized (
          select id, department_id, period_id, submitted_at from progress_reports
          where tenant_id = ${tenantId} and plan_id = ${planId} and status in ('submitted', 'accepted')
        )
        select distinct on (i.task_id, r.department_id) i.task_id, r.department_id, i.status, i.note, r.id as report_id,
          per.label, r.submitted_at
        from r
        join report_task_items i on i.tenant_id = ${tenantId} and i.report_id = r.id
        join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
        order by i.task_id, r.department_id, per.start_date desc, r.submitted_at desc nulls last`,
  );
  return rows.map((x) => ({
    taskId: Number(x.task_id),
    departmentId: Number(x.department_id),
    status: String(x.status),
    note: (x.note as string | null) ?? null,
    reportId: Number(x.report_id),
    periodLabel: String(x.label),
    submittedAt: ts(x.submitted_at),
  }));
}

// --- the department's items across published plans ---------------------------------------------------

export interface MyItemRow {
  id: number;
  planId: number;
  planTitle: string;
  role: string;
  row: Record<string, unknown>;
}

export async function selectMyTasks(db: DbOrTx, tenantId: number, departmentId: number) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select k.id, k.plan_id, p.title as plan_title, k.marker, k.title, k.deadline_text, k.due_date::text as due_date, td.role
        from task_departments td
        join tasks k on k.tenant_id = td.tenant_id and k.id = td.task_id
        join plans p on p.tenant_id = k.tenant_id and p.id = k.plan_id
        where td.tenant_id = ${tenantId} and td.department_id = ${departmentId} and p.status = 'published'
        order by p.id, k.sort_order, k.id`,
  );
  return rows.map((x) => ({
    id: Number(x.id),
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    marker: (x.marker as string | null) ?? null,
    title: String(x.title),
    deadlineText: (x.deadline_text as string | null) ?? null,
    dueDate: (x.due_date as string | null) ?? null,
    role: String(x.role) as 'lead' | 'co',
  }));
}

export async function selectMyTargets(db: DbOrTx, tenantId: number, departmentId: number) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select t.id, t.plan_id, p.title as plan_title, p.period_start_year, p.period_end_year, p.published_at, p.warning_margin_pct,
          t.indicator, t.comparator, t.value, t.value_max, t.unit, t.kind, t.deadline_year, t.baseline_value,
          t.baseline_date::text as baseline_date, t.tolerance, td.role
        from target_departments td
        join targets t on t.tenant_id = td.tenant_id and t.id = td.target_id
        join plans p on p.tenant_id = t.tenant_id and p.id = t.plan_id
        where td.tenant_id = ${tenantId} and td.department_id = ${departmentId} and p.status = 'published'
        order by p.id, t.sort_order, t.id`,
  );
  return rows.map((x) => ({
    id: Number(x.id),
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    planStartYear: n(x.period_start_year),
    planEndYear: n(x.period_end_year),
    planPublishedAt: ts(x.published_at),
    warningMarginPct: Number(x.warning_margin_pct),
    indicator: String(x.indicator),
    comparator: String(x.comparator),
    value: Number(x.value),
    valueMax: n(x.value_max),
    unit: String(x.unit),
    kind: String(x.kind),
    deadlineYear: n(x.deadline_year),
    baselineValue: n(x.baseline_value),
    baselineDate: (x.baseline_date as string | null) ?? null,
    tolerance: n(x.tolerance),
    role: String(x.role) as 'lead' | 'co',
  }));
}

/** Ids of the plan's tasks / targets the department is responsible for. */
export async function selectDepartmentItemIds(db: DbOrTx, tenantId: number, planId: number, departmentId: number) {
  const rows = await rowsOf<{ kind: string; id: unknown; unit: string | null }>(
    db,
    sql`select 'task' as kind, k.id, null as unit from task_departments td join tasks k on k.tenant_id = td.tenant_id and k.id = td.task_id
          where td.tenant_id = ${tenantId} and td.department_id = ${departmentId} and k.plan_id = ${planId}
        union all
        select 'target' as kind, t.id, t.unit from target_departments td join targets t on t.tenant_id = td.tenant_id and t.id = td.target_id
          where td.tenant_id = ${tenantId} and td.department_id = ${departmentId} and t.plan_id = ${planId}`,
  );
  const taskIds = new Set<number>();
  const targetUnits = new Map<number, string>();
  for (const r of rows) {
    if (r.kind === 'task') taskIds.add(Number(r.id));
    else targetUnits.set(Number(r.id), r.unit ?? '');
  }
  return { taskIds, targetUnits };
}

// --- obligations: which department owes a report for which period -----------------------------------

export interface ObligationRow {
  planId: number;
  planTitle: string;
  periodId: number;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  departmentId: number;
  departmentName: string;
  reportId: number | null;
  reportStatus: string | null;
  submittedAt: Date | null;
  /** the Asia/Shanghai date of the last submission */
  submittedOn: string | null;
}

/**
 * Every (period, responsible department) of published plans (or of `planStatuses`), with the
 * department's report if any. A department is responsible for a plan when it is named (lead or co)
 * on one of its tasks or targets. Used by tracking, notifications, the dashboard, notices (督查通报)
 * and the annual assessment (考核).
 */
export async function selectObligations(
  db: DbOrTx,
  tenantId: number,
  f: {
    /** plan statuses considered (default published) */
    planStatuses?: readonly string[];
    planId?: number;
    planIds?: readonly number[];
    periodIds?: readonly number[];
    departmentId?: number;
    startedBy?: string;
    endFrom?: string;
    endTo?: string;
    dueBefore?: string;
    dueFrom?: string;
    dueTo?: string;
  } = {},
): Promise<ObligationRow[]> {
  const statuses = f.planStatuses ?? ['published'];
  const conds: SQL[] = [sql`per.tenant_id = ${tenantId}`, sql`p.status in (${sql.join(statuses.map((st) => sql`${st}`), sql`, `)})`];
  if (f.planId !== undefined) conds.push(sql`per.plan_id = ${f.planId}`);
  if (f.planIds?.length) conds.push(sql`per.plan_id in (${sql.join(f.planIds.map((id) => sql`${id}`), sql`, `)})`);
  if (f.periodIds?.length) conds.push(sql`per.id in (${sql.join(f.periodIds.map((id) => sql`${id}`), sql`, `)})`);
  if (f.endFrom !== undefined) conds.push(sql`per.end_date >= ${f.endFrom}::date`);
  if (f.endTo !== undefined) conds.push(sql`per.end_date <= ${f.endTo}::date`);
  if (f.departmentId !== undefined) conds.push(sql`resp.department_id = ${f.departmentId}`);
  if (f.startedBy !== undefined) conds.push(sql`per.start_date <= ${f.startedBy}::date`);
  if (f.dueBefore !== undefined) conds.push(sql`per.due_date < ${f.dueBefore}::date`);
  if (f.dueFrom !== undefined) conds.push(sql`per.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo !== undefined) conds.push(sql`per.due_date <= ${f.dueTo}::date`);
  const depFilter = f.departmentId !== undefined ? sql` and td.department_id = ${f.departmentId}` : sql``;
  // the responsible departments of the plans asked for only (not of the whole authority's items)
  const respPlans = f.planId !== undefined ? [f.planId] : f.planIds?.length ? f.planIds : undefined;
  const taskPlans = respPlans ? sql` and k.plan_id in (${sql.join(respPlans.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const targetPlans = respPlans ? sql` and t.plan_id in (${sql.join(respPlans.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`with resp as (
          select k.plan_id, td.department_id from task_departments td
            join tasks k on k.tenant_id = td.tenant_id and k.id = td.task_id
            where td.tenant_id = ${tenantId}${depFilter}${taskPlans}
          union
          select t.plan_id, td.department_id from target_departments td
            join targets t on t.tenant_id = td.tenant_id and t.id = td.target_id
            where td.tenant_id = ${tenantId}${depFilter}${targetPlans}
        )
        select per.plan_id, p.title as plan_title, per.id as period_id, per.label, per.start_date::text as start_date,
          per.end_date::text as end_date, per.due_date::text as due_date, resp.department_id, d.name as department_name,
          r.id as report_id, r.status as report_status, r.submitted_at,
          ((r.submitted_at at time zone 'Asia/Shanghai')::date)::text as submitted_on
        from reporting_periods per
        join plans p on p.tenant_id = per.tenant_id and p.id = per.plan_id
        join resp on resp.plan_id = per.plan_id
        join departments d on d.tenant_id = per.tenant_id and d.id = resp.department_id
        left join progress_reports r on r.tenant_id = per.tenant_id and r.period_id = per.id and r.department_id = resp.department_id
        where ${sql.join(conds, sql` and `)}
        order by per.due_date, per.plan_id, d.sort_order, d.id`,
  );
  return rows.map((x) => ({
    planId: Number(x.plan_id),
    planTitle: String(x.plan_title),
    periodId: Number(x.period_id),
    periodLabel: String(x.label),
    periodStart: String(x.start_date),
    periodEnd: String(x.end_date),
    dueDate: String(x.due_date),
    departmentId: Number(x.department_id),
    departmentName: String(x.department_name),
    reportId: n(x.report_id),
    reportStatus: (x.report_status as string | null) ?? null,
    submittedAt: ts(x.submitted_at),
    submittedOn: (x.submitted_on as string | null) ?? null,
  }));
}

export async function selectPublishedPlanIds(db: DbOrTx, tenantId: number): Promise<number[]> {
  const rows = await rowsOf<{ id: unknown }>(db, sql`select id from plans where tenant_id = ${tenantId} and status = 'published' order by id`);
  return rows.map((r) => Number(r.id));
}

// --- notifications -------------------------------------------------------------------------------------

export async function insertNotifications(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id });
  return out.length;
}

const recipient = (tenantId: number, userId: number | null, departmentId: number | null): SQL => {
  const who: SQL[] = [];
  if (userId !== null) who.push(eq(notifications.userId, userId));
  if (departmentId !== null) who.push(eq(notifications.departmentId, departmentId));
  return and(eq(notifications.tenantId, tenantId), who.length ? or(...who)! : sql`false`)!;
};

export async function selectNotifications(
  db: DbOrTx,
  tenantId: number,
  userId: number | null,
  departmentId: number | null,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationRow[]> {
  const conds = [recipient(tenantId, userId, departmentId)];
  if (opts.unreadOnly) conds.push(isNull(notifications.readAt));
  return db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit ?? 100);
}

export async function countUnread(db: DbOrTx, tenantId: number, userId: number | null, departmentId: number | null): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(recipient(tenantId, userId, departmentId), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

export async function markNotificationsRead(
  db: DbOrTx,
  tenantId: number,
  userId: number | null,
  departmentId: number | null,
  ids: number[] | 'all',
  now: Date,
): Promise<number> {
  const conds = [recipient(tenantId, userId, departmentId), isNull(notifications.readAt)];
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    conds.push(inArray(notifications.id, ids));
  }
  const out = await db.update(notifications).set({ readAt: now }).where(and(...conds)).returning({ id: notifications.id });
  return out.length;
}

export async function selectNotification(db: DbOrTx, tenantId: number, userId: number | null, departmentId: number | null, id: number) {
  const [r] = await db
    .select()
    .from(notifications)
    .where(and(recipient(tenantId, userId, departmentId), eq(notifications.id, id)));
  return r;
}

// --- the plan tracking page in one statement ----------------------------------------------------------

export interface TrackingTargetRow {
  id: number;
  indicator: string;
  comparator: string;
  value: number;
  valueMax: number | null;
  unit: string;
  kind: string;
  deadlineYear: number | null;
  baselineValue: number | null;
  baselineDate: string | null;
  tolerance: number | null;
}
export interface TrackingTaskRow {
  id: number;
  marker: string | null;
  title: string;
  deadlineText: string | null;
}
export interface TrackingItemDepartmentRow {
  itemId: number;
  departmentId: number;
  name: string;
  role: string;
  sortOrder: number;
}

/**
 * The plan row and everything its tracking page reads, in one statement (it was ten, and on
 * the embedded database each waits its turn on the one connection; issue 7): the plan's periods, the
 * tenant's reporting grace days, the targets and tasks (a department's own when `departmentId` is
 * given), the latest and latest accepted value per target, the latest status per (task, department),
 * the reports (a department's own) and the items' departments. Each part is the query of its own
 * store function (selectPeriods, readPlanSettings, selectTargets, selectTasks, selectLatestAndAccepted,
 * selectLatestTaskStatuses, selectReportList, selectItemDepartmentsOfPlan) as a JSON aggregate in the
 * same order; dates and timestamps travel as their text, as the driver gives them. Undefined: no such
 * plan. The caller checks that the actor may see the plan before answering anything read here.
 */
export async function selectTrackingData(db: DbOrTx, tenantId: number, planId: number, departmentId?: number) {
  const withDep = departmentId !== undefined;
  const prepared = preparedOnce(db, withDep ? 'tracking_dep' : 'tracking', () =>
    trackingSelect(db, sql.placeholder('tenantId'), sql.placeholder('planId'), withDep ? sql.placeholder('dep') : undefined),
  );
  const [row] = prepared ? await prepared.execute({ tenantId, planId, dep: departmentId }) : await trackingSelect(db, tenantId, planId, departmentId);
  return row ? trackingDataOf(row) : undefined;
}

/** The statement of selectTrackingData; the values may be placeholders (prepared once, preparedOnce). */
function trackingSelect(db: DbOrTx, tenantId: number | SQLWrapper, planId: number | SQLWrapper, departmentId: number | SQLWrapper | undefined) {
  const depTarget = departmentId === undefined ? sql`` : sql` and exists (select 1 from target_departments td where td.tenant_id = ${tenantId} and td.target_id = t.id and td.department_id = ${departmentId})`;
  const depTask = departmentId === undefined ? sql`` : sql` and exists (select 1 from task_departments kd where kd.tenant_id = ${tenantId} and kd.task_id = k.id and kd.department_id = ${departmentId})`;
  const depReport = departmentId === undefined ? sql`` : sql` and r.department_id = ${departmentId}`;
  return db
    .select({
      plan: plans,
      grace_days: sql<unknown>`(select reporting_grace_days from plan_settings where tenant_id = ${tenantId})`,
      parts: sql<unknown>`json_build_array(
      (select coalesce(json_agg(json_build_object('id', p.id, 'label', p.label, 'startDate', p.start_date::text, 'endDate', p.end_date::text, 'dueDate', p.due_date::text) order by p.start_date), '[]')
         from reporting_periods p where p.tenant_id = ${tenantId} and p.plan_id = ${planId}),
      (select coalesce(json_agg(json_build_object('id', t.id, 'indicator', t.indicator, 'comparator', t.comparator, 'value', t.value, 'valueMax', t.value_max, 'unit', t.unit,
           'kind', t.kind, 'deadlineYear', t.deadline_year, 'baselineValue', t.baseline_value, 'baselineDate', t.baseline_date::text, 'tolerance', t.tolerance) order by t.sort_order, t.id), '[]')
         from targets t where t.tenant_id = ${tenantId} and t.plan_id = ${planId}${depTarget}),
      (select coalesce(json_agg(json_build_object('id', k.id, 'marker', k.marker, 'title', k.title, 'deadlineText', k.deadline_text) order by k.sort_order, k.id), '[]')
         from tasks k where k.tenant_id = ${tenantId} and k.plan_id = ${planId}${depTask}),
      (select coalesce(json_agg(json_build_object('accepted', x.accepted, 'targetId', x.target_id, 'value', x.value, 'asOf', x.as_of, 'reportId', x.report_id, 'departmentId', x.department_id, 'submittedAt', x.submitted_at::text)), '[]')
         from (with r as materialized (
                 select id, department_id, submitted_at, status from progress_reports
                 where tenant_id = ${tenantId} and plan_id = ${planId} and status in ('submitted', 'accepted')
               )
               select distinct on (k.accepted, v.target_id) k.accepted, v.target_id, v.value, v.as_of::text as as_of, r.id as report_id, r.department_id, r.submitted_at
               from r join report_target_values v on v.tenant_id = ${tenantId} and v.report_id = r.id
               cross join (values (false), (true)) k(accepted)
               where not k.accepted or r.status = 'accepted'
               order by k.accepted, v.target_id, v.as_of desc, r.submitted_at desc nulls last, r.id desc) x),
      (select coalesce(json_agg(json_build_object('taskId', x.task_id, 'departmentId', x.department_id, 'status', x.status, 'note', x.note, 'reportId', x.report_id, 'periodLabel', x.label, 'submittedAt', x.submitted_at::text)), '[]')
         from (with r as materialized (
                 select id, department_id, period_id, submitted_at from progress_reports
                 where tenant_id = ${tenantId} and plan_id = ${planId} and status in ('submitted', 'accepted')
               )
               select distinct on (i.task_id, r.department_id) i.task_id, r.department_id, i.status, i.note, r.id as report_id, per.label, r.submitted_at
               from r
               join report_task_items i on i.tenant_id = ${tenantId} and i.report_id = r.id
               join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
               order by i.task_id, r.department_id, per.start_date desc, r.submitted_at desc nulls last) x),
      (select coalesce(json_agg(json_build_object('id', x.id, 'planId', x.plan_id, 'planTitle', x.plan_title, 'periodId', x.period_id, 'periodLabel', x.label,
           'periodStart', x.start_date, 'periodEnd', x.end_date, 'dueDate', x.due_date, 'departmentId', x.department_id, 'departmentName', x.department_name,
           'status', x.status, 'submittedAt', x.submitted_at::text, 'returnedAt', x.returned_at::text, 'returnedReason', x.returned_reason,
           'acceptedAt', x.accepted_at::text, 'updatedAt', x.updated_at::text, 'version', x.version)
           order by x.start_date desc, x.d_sort, x.department_id, x.id), '[]')
         from (with r as materialized (select * from progress_reports r where r.tenant_id = ${tenantId} and r.plan_id = ${planId}${depReport})
               select r.id, r.plan_id, p.title as plan_title, r.period_id, per.label, per.start_date::text as start_date,
                 per.end_date::text as end_date, per.due_date::text as due_date, r.department_id, d.name as department_name, d.sort_order as d_sort,
                 r.status, r.submitted_at, r.returned_at, r.returned_reason, r.accepted_at, r.updated_at, r.version
               from r
               join plans p on p.tenant_id = ${tenantId} and p.id = r.plan_id
               join reporting_periods per on per.tenant_id = ${tenantId} and per.id = r.period_id
               join departments d on d.tenant_id = ${tenantId} and d.id = r.department_id) x),
      (select coalesce(json_agg(json_build_object('kind', x.kind, 'itemId', x.item_id, 'departmentId', x.department_id, 'name', x.name, 'role', x.role, 'sortOrder', x.sort_order)
           order by x.kind, x.item_id, x.sort_order), '[]')
         from (select 'target' as kind, td.target_id as item_id, td.department_id, d.name, td.role, td.sort_order
               from targets t
               join target_departments td on td.tenant_id = t.tenant_id and td.target_id = t.id
               join departments d on d.tenant_id = td.tenant_id and d.id = td.department_id
               where t.tenant_id = ${tenantId} and t.plan_id = ${planId}
               union all
               select 'task', kd.task_id, kd.department_id, d.name, kd.role, kd.sort_order
               from tasks k
               join task_departments kd on kd.tenant_id = k.tenant_id and kd.task_id = k.id
               join departments d on d.tenant_id = kd.tenant_id and d.id = kd.department_id
               where k.tenant_id = ${tenantId} and k.plan_id = ${planId}) x))`,
    })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId)));
}

function trackingDataOf(row: Awaited<ReturnType<typeof trackingSelect>>[number]) {
  // json and jsonb columns come parsed from both drivers; text in case a driver leaves them as strings
  const j = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  type Raw = Record<string, unknown>;
  const parts = j<unknown[]>(row.parts);
  const [periodsJ, targetsJ, tasksJ, valuesJ, taskStatusesJ, reportsJ, refsJ] = parts;
  const values = { latest: [] as LatestValueRow[], accepted: [] as LatestValueRow[] };
  for (const x of j<Raw[]>(valuesJ)) {
    const v = { targetId: Number(x.targetId), value: Number(x.value), asOf: String(x.asOf), reportId: Number(x.reportId), departmentId: Number(x.departmentId), submittedAt: ts(x.submittedAt) };
    (x.accepted === true ? values.accepted : values.latest).push(v);
  }
  const refs = { targets: [] as TrackingItemDepartmentRow[], tasks: [] as TrackingItemDepartmentRow[] };
  for (const x of j<Raw[]>(refsJ)) {
    const r = { itemId: Number(x.itemId), departmentId: Number(x.departmentId), name: String(x.name), role: String(x.role), sortOrder: Number(x.sortOrder) };
    (x.kind === 'target' ? refs.targets : refs.tasks).push(r);
  }
  return {
    plan: row.plan,
    graceDays: row.grace_days === null || row.grace_days === undefined ? null : Number(row.grace_days),
    periods: j<Raw[]>(periodsJ).map((p) => ({ id: Number(p.id), label: String(p.label), startDate: String(p.startDate), endDate: String(p.endDate), dueDate: String(p.dueDate) })),
    targets: j<Raw[]>(targetsJ).map(
      (t): TrackingTargetRow => ({
        id: Number(t.id),
        indicator: String(t.indicator),
        comparator: String(t.comparator),
        value: Number(t.value),
        valueMax: n(t.valueMax),
        unit: String(t.unit),
        kind: String(t.kind),
        deadlineYear: n(t.deadlineYear),
        baselineValue: n(t.baselineValue),
        baselineDate: (t.baselineDate as string | null) ?? null,
        tolerance: n(t.tolerance),
      }),
    ),
    tasks: j<Raw[]>(tasksJ).map((k): TrackingTaskRow => ({ id: Number(k.id), marker: (k.marker as string | null) ?? null, title: String(k.title), deadlineText: (k.deadlineText as string | null) ?? null })),
    values,
    latestTasks: j<Raw[]>(taskStatusesJ).map(
      (x): LatestTaskStatusRow => ({
        taskId: Number(x.taskId),
        departmentId: Number(x.departmentId),
        status: String(x.status),
        note: (x.note as string | null) ?? null,
        reportId: Number(x.reportId),
        periodLabel: String(x.periodLabel),
        submittedAt: ts(x.submittedAt),
      }),
    ),
    reports: j<Raw[]>(reportsJ).map(
      (x): ReportListRow => ({
        id: Number(x.id),
        planId: Number(x.planId),
        planTitle: String(x.planTitle),
        periodId: Number(x.periodId),
        periodLabel: String(x.periodLabel),
        periodStart: String(x.periodStart),
        periodEnd: String(x.periodEnd),
        dueDate: String(x.dueDate),
        departmentId: Number(x.departmentId),
        departmentName: String(x.departmentName),
        status: String(x.status),
        submittedAt: ts(x.submittedAt),
        returnedAt: ts(x.returnedAt),
        returnedReason: (x.returnedReason as string | null) ?? null,
        acceptedAt: ts(x.acceptedAt),
        updatedAt: ts(x.updatedAt)!,
        version: Number(x.version),
      }),
    ),
    refs,
  };
}
