// Use cases of progress reporting (进度报送): reporting periods on the working-day calendar, a
// department's items, reports (draft → submitted → returned → resent / accepted) with task
// statuses, target values and attachments, and the plan's tracking page. Every change is audited
// in its transaction; every report change is version-checked (409 CONFLICT).
import { createHash } from 'node:crypto';
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { writeAudit } from '../../org/audit/service';
import { addDays, isValidDate, loadCalendar, todayInShanghai, toDayNumber } from '../../org/calendar/index';
import { readPlanSettings } from '../settings/service';
import { DEFAULT_PLAN_SETTINGS } from '../settings/model';
import type { Db, DbOrTx } from '../../core/db/index';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import type { Comparator, ReportingCycle, TargetKind, TaskProgress } from '../model';
import { TASK_PROGRESS_LABELS } from '../model';
import { selectPlan, selectPlansByIds, selectTargetsOfPlans } from '../store';
import type { PlanRow, ProgressReportRow, ReportingPeriodRow } from '../tables';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_MIME,
  ON_TIME_RULE,
  periodsBetween,
  reportDueDate,
  sniffAttachment,
  targetDeadline,
  isPastDeadline,
  targetStatus,
  TARGET_STATUS_LABELS,
  TARGET_STATUS_NOTES,
  TARGET_STATUS_RULES,
  type TargetStatus,
} from './model';
import {
  deleteAttachmentRow,
  insertAttachment,
  insertNotifications,
  insertPeriods,
  insertReport,
  replaceTargetValues,
  replaceTaskItems,
  selectAttachment,
  selectAttachments,
  selectDepartmentItemIds,
  selectLatestAndAccepted,
  selectLatestTaskStatuses,
  selectLatestValues,
  selectMyTargets,
  selectMyTasks,
  selectObligations,
  selectPeriod,
  selectPeriods,
  selectReport,
  selectReportFor,
  selectReportList,
  countReportList,
  selectTargetValues,
  selectTaskItems,
  selectTrackingData,
  updateReportIfVersion,
  type AttachmentMeta,
  type ObligationRow,
  type ReportListRow,
} from './store';

export const reportNotFound = () => notFound('报送记录不存在', 'REPORT_NOT_FOUND');
const planNotFound = () => notFound('计划不存在', 'PLAN_NOT_FOUND');

type Problem = { path: string; message: string };
function fieldErrors(fields: Problem[]): AppError {
  const more = fields.length > 1 ? `（另有 ${fields.length - 1} 处问题）` : '';
  return new AppError('VALIDATION_FAILED', `${fields[0].message}${more}`, 400, { fields });
}

const shanghaiDate = (d: Date) => todayInShanghai(() => d);

/** Office and admin see every department's reports; a department user only its own. */
function scopeOf(actor: Actor): number | undefined {
  if (actor.role === 'department') {
    if (actor.departmentId === null) throw new AppError('FORBIDDEN', '账号未绑定部门', 403);
    return actor.departmentId;
  }
  return undefined;
}

// --- periods --------------------------------------------------------------------------------------------

/**
 * The first day reporting covers: the publication date (Asia/Shanghai; a plan is not reported on
 * before it is live), or 1 January of the plan's first year when that is later.
 */
export function reportingStart(plan: Pick<PlanRow, 'publishedAt' | 'createdAt' | 'periodStartYear'>): string {
  const live = shanghaiDate(plan.publishedAt ?? plan.createdAt);
  const first = plan.periodStartYear ? `${plan.periodStartYear}-01-01` : null;
  return first && toDayNumber(first) > toDayNumber(live) ? first : live;
}

/**
 * The last day reporting covers: 31 December of the plan's last year plus the authority's grace
 * days (none: open-ended). A plan that went live after that day (an old plan imported late) gets
 * no periods at all: its deadlines have passed, its targets are final.
 */
export function reportingEnd(plan: Pick<PlanRow, 'periodEndYear'>, graceDays = 0): string | null {
  return plan.periodEndYear ? addDays(`${plan.periodEndYear}-12-31`, graceDays) : null;
}

/**
 * Creates the plan's reporting periods (by its cycle) from the start of reporting up to the period
 * containing `until` (YYYY-MM-DD), each due `reportDueWorkingDays` working days after it ends on the
 * tenant's working-day calendar. Periods open only inside the plan's period plus the grace days of
 * the authority's plan settings. Idempotent; returns all of the plan's periods in order (periods
 * created earlier under other rules stay, reports may point at them).
 * Draft plans have no periods; an archived plan none after the day it was archived.
 */
/** The reporting periods a published plan should have by `until`. */
function periodsWanted(plan: PlanRow, until: string, graceDays: number) {
  let to = until;
  const start = reportingStart(plan);
  const end = reportingEnd(plan, graceDays);
  if (end && toDayNumber(end) < toDayNumber(to)) to = end;
  const archived = plan.archivedAt ? shanghaiDate(plan.archivedAt) : null; // no new periods after archiving
  if (archived && toDayNumber(archived) < toDayNumber(to)) to = archived;
  // only periods that start inside the plan's reporting window
  return periodsBetween(plan.reportingCycle as ReportingCycle, start, to).filter((p) => toDayNumber(p.startDate) <= toDayNumber(to));
}

export async function ensurePeriods(db: DbOrTx, tenantId: number, planId: number, until: string, known?: PlanRow): Promise<ReportingPeriodRow[]> {
  const plan = known ?? (await selectPlan(db, tenantId, planId));
  if (!plan) throw planNotFound();
  const existing = await selectPeriods(db, tenantId, planId);
  if (plan.status === 'draft') return existing;
  return (await insertMissingPeriods(db, tenantId, plan, existing, (await readPlanSettings(db, tenantId)).reportingGraceDays, until)) ?? existing;
}

/**
 * The periods of `plan` wanted by `until` that `existing` lacks are created; then the plan's periods
 * read again. Undefined when none was missing (no statement at all).
 */
async function insertMissingPeriods(
  db: DbOrTx,
  tenantId: number,
  plan: PlanRow,
  existing: readonly { startDate: string }[],
  graceDays: number,
  until: string,
): Promise<ReportingPeriodRow[] | undefined> {
  const wanted = periodsWanted(plan, until, graceDays);
  const have = new Set(existing.map((p) => p.startDate));
  const missing = wanted.filter((p) => !have.has(p.startDate));
  if (missing.length === 0) return undefined;
  const cal = await loadCalendar(db, tenantId);
  await insertPeriods(
    db,
    missing.map((p) => ({ tenantId, planId: plan.id, label: p.label, startDate: p.startDate, endDate: p.endDate, dueDate: reportDueDate(cal, p.endDate, plan.reportDueWorkingDays) })),
  );
  return selectPeriods(db, tenantId, plan.id);
}

/**
 * ensurePeriods for every published plan of the tenant (or for the plans `only`, drafts skipped), in
 * a few queries whatever the number of plans.
 */
export async function ensureAllPeriods(db: DbOrTx, tenantId: number, until: string, only?: readonly number[]): Promise<void> {
  const { selectPublishedPlanIds, selectPeriodStarts } = await import('./store');
  const { selectPlansByIds } = await import('../store');
  const ids = only ? [...only] : await selectPublishedPlanIds(db, tenantId);
  if (ids.length === 0) return;
  const have = new Map<number, Set<string>>();
  for (const r of await selectPeriodStarts(db, tenantId, ids)) {
    const set = have.get(r.planId) ?? new Set<string>();
    set.add(r.startDate);
    have.set(r.planId, set);
  }
  const missing: { plan: PlanRow; p: { label: string; startDate: string; endDate: string } }[] = [];
  const graceDays = (await readPlanSettings(db, tenantId)).reportingGraceDays;
  for (const plan of await selectPlansByIds(db, tenantId, ids)) {
    if (plan.status === 'draft') continue;
    for (const p of periodsWanted(plan, until, graceDays)) if (!have.get(plan.id)?.has(p.startDate)) missing.push({ plan, p });
  }
  if (missing.length === 0) return;
  const cal = await loadCalendar(db, tenantId);
  const rows = missing.map(({ plan, p }) => ({
    tenantId,
    planId: plan.id,
    label: p.label,
    startDate: p.startDate,
    endDate: p.endDate,
    dueDate: reportDueDate(cal, p.endDate, plan.reportDueWorkingDays),
  }));
  for (let i = 0; i < rows.length; i += 1000) await insertPeriods(db, rows.slice(i, i + 1000));
}

// --- target status helpers ------------------------------------------------------------------------------

export interface TargetLike {
  comparator: string;
  value: number;
  valueMax: number | null;
  kind: string;
  deadlineYear: number | null;
  baselineValue: number | null;
  baselineDate: string | null;
  tolerance: number | null;
}

/** The rule input of a stored target in its plan. Null when the target has no deadline at all. */
export function ruleInputOf(t: TargetLike, plan: { periodStartYear: number | null; periodEndYear: number | null; publishedAt: Date | null; createdAt?: Date }) {
  const deadline = targetDeadline(t.deadlineYear, plan.periodEndYear);
  const planStart = t.baselineDate ?? (plan.periodStartYear ? `${plan.periodStartYear}-01-01` : shanghaiDate(plan.publishedAt ?? plan.createdAt ?? new Date()));
  return {
    comparator: t.comparator as Comparator,
    value: t.value,
    valueMax: t.valueMax,
    kind: t.kind as TargetKind,
    deadline: deadline ?? '9999-12-31',
    baseline: t.baselineValue,
    planStart,
    tolerance: t.tolerance,
    hasDeadline: deadline !== null,
  };
}

/**
 * The status of a stored target on `today`: before its deadline from the latest submitted value,
 * after it final (已达成 / 未达成) from the latest value the office accepted.
 */
export function statusOnDay(
  rule: ReturnType<typeof ruleInputOf>,
  counted: { value: number; asOf: string } | undefined,
  accepted: { value: number; asOf: string } | undefined,
  today: string,
  marginPct: number,
): TargetStatus {
  const final = rule.hasDeadline && isPastDeadline(rule.deadline, today);
  const l = final ? accepted : counted;
  return targetStatus(rule, l ? { value: l.value, asOf: l.asOf } : null, { today, marginPct });
}

// --- a department's items -------------------------------------------------------------------------------

/** A page of a list a route answers: 1-based page, at most 200 rows. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The rows of the page, with the list's total. */
function pageOf<T>(rows: T[], p: PageRequest = { page: 1, pageSize: Math.max(rows.length, 1) }) {
  const from = (p.page - 1) * p.pageSize;
  return { rows: rows.slice(from, from + p.pageSize), total: rows.length, page: p.page, pageSize: p.pageSize };
}

/** A page of the department's tasks (plan by plan, in plan order); the latest statuses are read for the page's plans only. */
export async function listMyTasks(db: Db, actor: Actor, paging?: PageRequest) {
  assertCan(actor, 'progress:report');
  const dep = scopeOf(actor)!;
  const { rows, total, page, pageSize } = pageOf(await selectMyTasks(db, actor.tenantId, dep), paging);
  const planIds = [...new Set(rows.map((r) => r.planId))];
  const latest = new Map<number, { status: string; note: string | null; periodLabel: string; submittedAt: Date | null }>();
  for (const p of planIds) {
    for (const s of await selectLatestTaskStatuses(db, actor.tenantId, p)) if (s.departmentId === dep) latest.set(s.taskId, s);
  }
  const items = rows.map((r) => {
    const l = latest.get(r.id);
    return { ...r, latest: l ? { status: l.status as TaskProgress, statusLabel: TASK_PROGRESS_LABELS[l.status as TaskProgress], note: l.note, periodLabel: l.periodLabel, submittedAt: l.submittedAt } : null };
  });
  return { items, total, page, pageSize };
}

/** A page of the department's targets with their status on `today`; latest values read for the page's plans only. */
export async function listMyTargets(db: Db, actor: Actor, today: string, paging?: PageRequest) {
  assertCan(actor, 'progress:report');
  const dep = scopeOf(actor)!;
  const { rows, total, page, pageSize } = pageOf(await selectMyTargets(db, actor.tenantId, dep), paging);
  const latest = new Map((await selectLatestValues(db, actor.tenantId, [...new Set(rows.map((r) => r.planId))])).map((v) => [v.targetId, v]));
  const items = rows.map((r) => {
    const rule = ruleInputOf(r, { periodStartYear: r.planStartYear, periodEndYear: r.planEndYear, publishedAt: r.planPublishedAt });
    const l = latest.get(r.id);
    const status = targetStatus(rule, l ? { value: l.value, asOf: l.asOf } : null, { today, marginPct: r.warningMarginPct });
    return {
      id: r.id,
      planId: r.planId,
      planTitle: r.planTitle,
      indicator: r.indicator,
      comparator: r.comparator as Comparator,
      value: r.value,
      valueMax: r.valueMax,
      unit: r.unit,
      kind: r.kind as TargetKind,
      deadline: rule.hasDeadline ? rule.deadline : null,
      baselineValue: r.baselineValue,
      role: r.role,
      latest: l ? { value: l.value, asOf: l.asOf, reportId: l.reportId } : null,
      status,
      statusLabel: TARGET_STATUS_LABELS[status],
    };
  });
  return { items, total, page, pageSize };
}

/** A page of the department's reporting obligations (newest period first): every started period of its published plans, with its report. */
export async function listMyPeriods(db: Db, actor: Actor, today: string, paging?: PageRequest) {
  assertCan(actor, 'progress:report');
  const dep = scopeOf(actor)!;
  await ensureAllPeriods(db, actor.tenantId, today); // a few queries, not a few per plan
  const { rows, total, page, pageSize } = pageOf((await selectObligations(db, actor.tenantId, { departmentId: dep, startedBy: today })).reverse(), paging);
  return { items: rows.map((o) => ({ ...o, state: obligationState(o, today) })), total, page, pageSize };
}

export type ObligationState = 'open' | 'due_soon' | 'overdue' | 'submitted_on_time' | 'submitted_late';

/** Where one (period, department) stands on `today`. */
export function obligationState(o: Pick<ObligationRow, 'dueDate' | 'reportStatus' | 'submittedAt'>, today: string, dueSoonFrom?: string): ObligationState {
  if (o.reportStatus === 'submitted' || o.reportStatus === 'accepted') {
    return o.submittedAt && shanghaiDate(o.submittedAt) <= o.dueDate ? 'submitted_on_time' : 'submitted_late';
  }
  if (today > o.dueDate) return 'overdue';
  if (dueSoonFrom && today >= dueSoonFrom) return 'due_soon';
  return 'open';
}

// --- reports --------------------------------------------------------------------------------------------

export interface ReportDetail {
  report: ReportListRow & { text: string; submittedBy: number | null };
  tasks: { taskId: number; status: TaskProgress; note: string | null }[];
  targets: { targetId: number; value: number; asOf: string; note: string | null }[];
  attachments: AttachmentMeta[];
}

async function visibleReport(db: DbOrTx, actor: Actor, id: number, forUpdate = false): Promise<ProgressReportRow> {
  const r = await selectReport(db, actor.tenantId, id, forUpdate);
  if (!r) throw reportNotFound();
  const dep = scopeOf(actor);
  if (dep !== undefined && r.departmentId !== dep) throw reportNotFound(); // another department's: as if absent
  return r;
}

function assertReader(actor: Actor): void {
  if (actor.role === 'department') assertCan(actor, 'progress:report');
  else assertCan(actor, 'tracking:supervise');
}

/** A page of the reports (newest period first); `total` counts every match. */
export async function listReports(
  db: Db,
  actor: Actor,
  f: { planId?: number; periodId?: number; departmentId?: number; status?: string; page?: number; pageSize?: number } = {},
) {
  assertReader(actor);
  const dep = scopeOf(actor);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  if (dep !== undefined && f.departmentId !== undefined && f.departmentId !== dep) return { items: [], total: 0, page, pageSize };
  const filter = { planId: f.planId, periodId: f.periodId, status: f.status, departmentId: dep ?? f.departmentId };
  const [items, total] = await Promise.all([
    selectReportList(db, actor.tenantId, { ...filter, limit: pageSize, offset: (page - 1) * pageSize }),
    countReportList(db, actor.tenantId, filter),
  ]);
  return { items, total, page, pageSize };
}

export async function getReport(db: Db, actor: Actor, id: number): Promise<ReportDetail> {
  assertReader(actor);
  const r = await visibleReport(db, actor, id);
  const [[row], tasks, targets, files] = await Promise.all([
    selectReportList(db, actor.tenantId, { ids: [id] }),
    selectTaskItems(db, actor.tenantId, id),
    selectTargetValues(db, actor.tenantId, id),
    selectAttachments(db, actor.tenantId, id),
  ]);
  return {
    report: { ...row, text: r.text, submittedBy: r.submittedBy },
    tasks: tasks.map((t) => ({ taskId: t.taskId, status: t.status as TaskProgress, note: t.note })),
    targets: targets.map((t) => ({ targetId: t.targetId, value: t.value, asOf: t.asOf, note: t.note })),
    attachments: files,
  };
}

/** A department opens (creates) its draft report for a period of a published plan it is responsible for. */
export async function createReport(db: Db, actor: Actor, input: { planId: number; periodId: number }, now: Date): Promise<ReportDetail> {
  assertCan(actor, 'progress:report');
  const dep = scopeOf(actor)!;
  const today = shanghaiDate(now);
  const plan = await selectPlan(db, actor.tenantId, input.planId);
  if (!plan || plan.status !== 'published') throw planNotFound();
  const items = await selectDepartmentItemIds(db, actor.tenantId, plan.id, dep);
  if (items.taskIds.size === 0 && items.targetUnits.size === 0) throw planNotFound(); // not theirs
  await ensurePeriods(db, actor.tenantId, plan.id, today);
  const period = await selectPeriod(db, actor.tenantId, input.periodId);
  if (!period || period.planId !== plan.id) throw fieldErrors([{ path: 'periodId', message: '报送期次不存在或不属于该计划' }]);
  if (period.startDate > today) throw badRequest(`${period.label}尚未开始，不能报送`, 'PERIOD_NOT_OPEN');
  const id = await db.transaction(async (tx) => {
    const created = await insertReport(tx, { tenantId: actor.tenantId, planId: plan.id, departmentId: dep, periodId: period.id, createdAt: now, updatedAt: now });
    if (!created) {
      const existing = await selectReportFor(tx, actor.tenantId, period.id, dep);
      throw conflict(`本部门${period.label}的报送已存在`, 'REPORT_EXISTS', { reportId: String(existing?.id ?? '') });
    }
    await writeAudit(tx, { actor, action: 'progress_report.create', entityType: 'progress_report', entityId: created.id, after: created });
    return created.id;
  });
  return getReport(db, actor, id);
}

export interface ReportPatch {
  version: number;
  text?: string;
  tasks?: { taskId: number; status: TaskProgress; note?: string | null }[];
  targets?: { targetId: number; value: number; asOf: string; unit?: string; note?: string | null }[];
}

const COUNT_UNITS = /^(家|个|项|批次|批|人|人次|件|次|座|所|条|款|户|台|套|万元|亿元|元|吨|千米|公里|平方米|亩|小时|天|日)$/;

/** Checks reported values against their targets: the unit, the range a unit allows, the date. */
function valueProblems(p: ReportPatch, items: { taskIds: Set<number>; targetUnits: Map<number, string> }, today: string): Problem[] {
  const out: Problem[] = [];
  const seenTasks = new Set<number>();
  (p.tasks ?? []).forEach((t, i) => {
    if (!items.taskIds.has(t.taskId)) out.push({ path: `tasks.${i}.taskId`, message: `第 ${i + 1} 项任务不是本部门在该计划中的任务` });
    else if (seenTasks.has(t.taskId)) out.push({ path: `tasks.${i}.taskId`, message: `第 ${i + 1} 项任务重复填报` });
    seenTasks.add(t.taskId);
  });
  const seenTargets = new Set<number>();
  (p.targets ?? []).forEach((t, i) => {
    const unit = items.targetUnits.get(t.targetId);
    const at = `第 ${i + 1} 项指标`;
    if (unit === undefined) {
      out.push({ path: `targets.${i}.targetId`, message: `${at}不是本部门在该计划中的指标` });
      return;
    }
    if (seenTargets.has(t.targetId)) out.push({ path: `targets.${i}.targetId`, message: `${at}重复填报` });
    seenTargets.add(t.targetId);
    if (t.unit !== undefined && t.unit.trim() !== unit.trim()) {
      out.push({ path: `targets.${i}.unit`, message: `${at}的单位应为“${unit || '无单位'}”，与目标一致，收到“${t.unit}”` });
    }
    if (!Number.isFinite(t.value)) out.push({ path: `targets.${i}.value`, message: `${at}的数值应为数字` });
    else if (unit === '%' && (t.value < 0 || t.value > 100)) out.push({ path: `targets.${i}.value`, message: `${at}是百分比，数值应在 0 到 100 之间，收到 ${t.value}` });
    else if (unit === '‰' && (t.value < 0 || t.value > 1000)) out.push({ path: `targets.${i}.value`, message: `${at}是千分比，数值应在 0 到 1000 之间，收到 ${t.value}` });
    else if (COUNT_UNITS.test(unit) && t.value < 0) out.push({ path: `targets.${i}.value`, message: `${at}的数值不能为负数（单位：${unit}）` });
    if (!isValidDate(t.asOf)) out.push({ path: `targets.${i}.asOf`, message: `${at}的数据日期应为有效日期（YYYY-MM-DD）` });
    else if (t.asOf > today) out.push({ path: `targets.${i}.asOf`, message: `${at}的数据日期不能晚于今天（${today}）` });
  });
  return out;
}

const editable = (r: ProgressReportRow) => r.status === 'draft' || r.status === 'returned';

/** Saves the draft: text, task statuses and target values (each list given replaces the stored one). */
export async function updateReport(db: Db, actor: Actor, id: number, patch: ReportPatch, now: Date): Promise<ReportDetail> {
  assertCan(actor, 'progress:report');
  const today = shanghaiDate(now);
  await db.transaction(async (tx) => {
    const before = await visibleReport(tx, actor, id, true);
    if (before.version !== patch.version) throw conflict();
    if (!editable(before)) throw conflict('报送已提交，不能修改；如需修改请联系质量办退回', 'REPORT_NOT_EDITABLE');
    const items = await selectDepartmentItemIds(tx, actor.tenantId, before.planId, before.departmentId);
    const problems = valueProblems(patch, items, today);
    if (problems.length) throw fieldErrors(problems);
    const beforeItems = { tasks: await selectTaskItems(tx, actor.tenantId, id), targets: await selectTargetValues(tx, actor.tenantId, id) };
    const after = await updateReportIfVersion(tx, actor.tenantId, id, patch.version, patch.text !== undefined ? { text: patch.text } : {}, now);
    if (!after) throw conflict();
    if (patch.tasks) await replaceTaskItems(tx, actor.tenantId, id, patch.tasks.map((t) => ({ taskId: t.taskId, status: t.status, note: t.note?.trim() || null })));
    if (patch.targets) {
      await replaceTargetValues(tx, actor.tenantId, id, patch.targets.map((t) => ({ targetId: t.targetId, value: t.value, asOf: t.asOf, note: t.note?.trim() || null })));
    }
    await writeAudit(tx, {
      actor,
      action: 'progress_report.update',
      entityType: 'progress_report',
      entityId: id,
      before: { text: before.text, version: before.version, ...beforeItems },
      after: { text: after.text, version: after.version, tasks: patch.tasks, targets: patch.targets },
    });
  });
  return getReport(db, actor, id);
}

/** Draft or returned → submitted. A report needs some content: text, a task status or a value. */
export async function submitReport(db: Db, actor: Actor, id: number, version: number, now: Date): Promise<ReportDetail> {
  assertCan(actor, 'progress:report');
  await db.transaction(async (tx) => {
    const before = await visibleReport(tx, actor, id, true);
    if (before.version !== version) throw conflict();
    if (!editable(before)) throw conflict('报送已提交', 'REPORT_NOT_EDITABLE');
    // one connection in a transaction: queries in sequence
    const tasks = await selectTaskItems(tx, actor.tenantId, id);
    const values = await selectTargetValues(tx, actor.tenantId, id);
    const files = await selectAttachments(tx, actor.tenantId, id);
    if (!before.text.trim() && tasks.length === 0 && values.length === 0 && files.length === 0) {
      throw badRequest('报送内容为空：请填写进展说明、任务状态或指标数值后再提交', 'REPORT_EMPTY');
    }
    const after = await updateReportIfVersion(tx, actor.tenantId, id, version, { status: 'submitted', submittedAt: now, submittedBy: actor.userId }, now);
    if (!after) throw conflict();
    await writeAudit(tx, {
      actor,
      action: before.status === 'returned' ? 'progress_report.resubmit' : 'progress_report.submit',
      entityType: 'progress_report',
      entityId: id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, submittedAt: after.submittedAt, version: after.version },
    });
  });
  return getReport(db, actor, id);
}

/** The office returns a submitted (or accepted) report with a reason; the department is notified. */
export async function returnReport(db: Db, actor: Actor, id: number, version: number, reason: string, now: Date): Promise<ReportDetail> {
  assertCan(actor, 'progress:review');
  const why = reason.trim();
  if (why.length < 2) throw fieldErrors([{ path: 'reason', message: '请填写退回原因（至少 2 个字）' }]);
  await db.transaction(async (tx) => {
    const before = await visibleReport(tx, actor, id, true);
    if (before.version !== version) throw conflict();
    if (before.status !== 'submitted' && before.status !== 'accepted') throw conflict('只能退回已提交的报送', 'REPORT_NOT_SUBMITTED');
    const after = await updateReportIfVersion(tx, actor.tenantId, id, version, { status: 'returned', returnedAt: now, returnedBy: actor.userId, returnedReason: why }, now);
    if (!after) throw conflict();
    const period = await selectPeriod(tx, actor.tenantId, before.periodId);
    const plan = await selectPlan(tx, actor.tenantId, before.planId);
    await insertNotifications(tx, [
      {
        tenantId: actor.tenantId,
        departmentId: before.departmentId,
        kind: 'report_returned',
        title: `${period?.label ?? ''}进度报送被退回`,
        body: `《${plan?.title ?? ''}》${period?.label ?? ''}的报送被质量办退回，原因：${why}。请修改后重新提交。`,
        link: `/progress/reports/${id}`,
        dedupeKey: `returned:${id}:${after.version}`,
        createdAt: now,
      },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'progress_report.return',
      entityType: 'progress_report',
      entityId: id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, returnedReason: why, version: after.version },
    });
  });
  return getReport(db, actor, id);
}

/** The office accepts a submitted report (采纳). */
export async function acceptReport(db: Db, actor: Actor, id: number, version: number, now: Date): Promise<ReportDetail> {
  assertCan(actor, 'progress:review');
  await db.transaction(async (tx) => {
    const before = await visibleReport(tx, actor, id, true);
    if (before.version !== version) throw conflict();
    if (before.status !== 'submitted') throw conflict('只能采纳已提交的报送', 'REPORT_NOT_SUBMITTED');
    const after = await updateReportIfVersion(tx, actor.tenantId, id, version, { status: 'accepted', acceptedAt: now, acceptedBy: actor.userId }, now);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'progress_report.accept', entityType: 'progress_report', entityId: id, before: { status: before.status }, after: { status: after.status, version: after.version } });
  });
  return getReport(db, actor, id);
}

// --- attachments ----------------------------------------------------------------------------------------

export const attachmentTooLarge = () =>
  new AppError('ATTACHMENT_TOO_LARGE', `附件过大，单个文件不能超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`, 413);
export const attachmentType = (fileName: string) =>
  new AppError('ATTACHMENT_TYPE', `不支持的附件类型：${fileName}。只能上传 PDF、Word（docx）、Excel（xlsx）、JPG、PNG 或 TXT 文件，且文件内容须与扩展名一致`, 415);

/** Longest attachment file name, in characters (the column holds 255). */
export const ATTACHMENT_NAME_MAX = 200;

export async function addAttachment(db: Db, actor: Actor, reportId: number, file: { fileName: string; bytes: Buffer }, now: Date): Promise<AttachmentMeta> {
  assertCan(actor, 'progress:report');
  if (file.bytes.length > ATTACHMENT_LIMITS.maxBytes) throw attachmentTooLarge();
  if (file.bytes.length === 0) throw new AppError('EMPTY_FILE', '附件是空文件', 400);
  if ([...file.fileName].length > ATTACHMENT_NAME_MAX) {
    throw new AppError('ATTACHMENT_NAME_TOO_LONG', `附件文件名过长（${[...file.fileName].length} 个字符），不能超过 ${ATTACHMENT_NAME_MAX} 个字符，请改名后上传`, 400);
  }
  if (/[\u0000-\u001f\u007f]/.test(file.fileName)) {
    throw new AppError('ATTACHMENT_NAME_INVALID', '附件文件名含有不允许的控制字符，请改名后上传', 400);
  }
  const type = sniffAttachment(file.bytes, file.fileName);
  if (!type) throw attachmentType(file.fileName);
  return db.transaction(async (tx) => {
    const r = await visibleReport(tx, actor, reportId, true);
    if (!editable(r)) throw conflict('报送已提交，不能再添加附件', 'REPORT_NOT_EDITABLE');
    if ((await selectAttachments(tx, actor.tenantId, reportId)).length >= ATTACHMENT_LIMITS.maxPerReport) {
      throw badRequest(`每份报送最多 ${ATTACHMENT_LIMITS.maxPerReport} 个附件`, 'TOO_MANY_ATTACHMENTS');
    }
    const a = await insertAttachment(tx, {
      tenantId: actor.tenantId,
      reportId,
      fileName: file.fileName.slice(0, 255),
      mimeType: ATTACHMENT_MIME[type],
      sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedBy: actor.userId,
      createdAt: now,
    });
    await writeAudit(tx, { actor, action: 'progress_report.attach', entityType: 'progress_report', entityId: reportId, after: a });
    return a;
  });
}

export async function getAttachment(db: Db, actor: Actor, reportId: number, id: number) {
  assertReader(actor);
  await visibleReport(db, actor, reportId);
  const a = await selectAttachment(db, actor.tenantId, reportId, id);
  if (!a) throw notFound('附件不存在', 'ATTACHMENT_NOT_FOUND');
  return a;
}

export async function deleteAttachment(db: Db, actor: Actor, reportId: number, id: number): Promise<void> {
  assertCan(actor, 'progress:report');
  await db.transaction(async (tx) => {
    const r = await visibleReport(tx, actor, reportId, true);
    if (!editable(r)) throw conflict('报送已提交，不能删除附件', 'REPORT_NOT_EDITABLE');
    const a = await deleteAttachmentRow(tx, actor.tenantId, reportId, id);
    if (!a) throw notFound('附件不存在', 'ATTACHMENT_NOT_FOUND');
    await writeAudit(tx, { actor, action: 'progress_report.detach', entityType: 'progress_report', entityId: reportId, before: a });
  });
}

// --- plan tracking page ---------------------------------------------------------------------------------

export async function getPlanTracking(db: Db, actor: Actor, planId: number, today: string) {
  assertCan(actor, 'plans:read');
  if (actor.role === 'inspector') throw new AppError('FORBIDDEN', '没有权限执行此操作', 403);
  const dep = scopeOf(actor);
  // the plan and the page's rows in one statement (periods and settings included); then the checks
  // (nothing read is answered unless they pass), then the periods that should exist by today and do
  // not yet are created (what ensurePeriods does; new periods have no reports)
  const data = await selectTrackingData(db, actor.tenantId, planId, dep);
  if (!data) throw planNotFound();
  const plan = data.plan;
  if (dep !== undefined) {
    if (plan.status === 'draft') throw planNotFound();
    const mine = await selectDepartmentItemIds(db, actor.tenantId, planId, dep);
    if (mine.taskIds.size === 0 && mine.targetUnits.size === 0) throw planNotFound();
  }
  const { targets: targetRows, tasks: taskRows, values, latestTasks, reports, refs } = data;
  let periods: { id: number; label: string; startDate: string; endDate: string; dueDate: string }[] = data.periods;
  if (plan.status !== 'draft') {
    const graceDays = data.graceDays ?? DEFAULT_PLAN_SETTINGS.reportingGraceDays;
    periods = (await insertMissingPeriods(db, actor.tenantId, plan, periods, graceDays, today)) ?? periods;
  }
  const latestValues = values.latest;
  const acceptedValues = new Map(values.accepted.map((v) => [v.targetId, v]));
  const tRefs = refs.targets;
  const kRefs = refs.tasks;
  const refsBy = (refs: typeof tRefs) => {
    const m = new Map<number, { id: number; name: string; role: 'lead' | 'co' }[]>();
    for (const r of refs) {
      const l = m.get(r.itemId) ?? [];
      l.push({ id: r.departmentId, name: r.name, role: r.role as 'lead' | 'co' });
      m.set(r.itemId, l);
    }
    return m;
  };
  const tMap = refsBy(tRefs);
  const kMap = refsBy(kRefs);
  const lv = new Map(latestValues.map((v) => [v.targetId, v]));
  const margin = plan.warningMarginPct;
  const counts: Record<TargetStatus, number> = { achieved: 0, on_track: 0, warning: 0, behind: 0, no_report: 0, missed: 0 };
  const targets = targetRows.map((t) => {
    const rule = ruleInputOf(t, plan);
    const l = lv.get(t.id);
    const status = statusOnDay(rule, l, acceptedValues.get(t.id), today, margin);
    counts[status]++;
    return {
      id: t.id,
      indicator: t.indicator,
      comparator: t.comparator as Comparator,
      value: t.value,
      valueMax: t.valueMax,
      unit: t.unit,
      kind: t.kind as TargetKind,
      deadline: rule.hasDeadline ? rule.deadline : null,
      baselineValue: t.baselineValue,
      departments: tMap.get(t.id) ?? [],
      latest: l ? { value: l.value, asOf: l.asOf, reportId: l.reportId, departmentId: l.departmentId } : null,
      status,
      statusLabel: TARGET_STATUS_LABELS[status],
    };
  });
  const lt = new Map(latestTasks.map((s) => [`${s.taskId}:${s.departmentId}`, s]));
  const groups = new Map<number, { department: { id: number; name: string }; tasks: unknown[] }>();
  for (const k of taskRows) {
    for (const d of kMap.get(k.id) ?? []) {
      if (dep !== undefined && d.id !== dep) continue;
      const g = groups.get(d.id) ?? { department: { id: d.id, name: d.name }, tasks: [] };
      const s = lt.get(`${k.id}:${d.id}`);
      g.tasks.push({
        id: k.id,
        marker: k.marker,
        title: k.title,
        deadlineText: k.deadlineText,
        role: d.role,
        latest: s ? { status: s.status as TaskProgress, statusLabel: TASK_PROGRESS_LABELS[s.status as TaskProgress], note: s.note, periodLabel: s.periodLabel, submittedAt: s.submittedAt } : null,
      });
      groups.set(d.id, g);
    }
  }
  return {
    plan: { id: plan.id, title: plan.title, status: plan.status, reportingCycle: plan.reportingCycle as ReportingCycle, reportDueWorkingDays: plan.reportDueWorkingDays, warningMarginPct: margin, periodStartYear: plan.periodStartYear, periodEndYear: plan.periodEndYear },
    today,
    rules: {
      statuses: Object.fromEntries(Object.entries(TARGET_STATUS_RULES).map(([k, v]) => [k, v.replace('{margin}', String(margin))])) as Record<TargetStatus, string>,
      notes: TARGET_STATUS_NOTES,
      onTime: ON_TIME_RULE,
    },
    counts,
    targets,
    tasksByDepartment: [...groups.values()],
    periods: periods.map((p) => ({ id: p.id, label: p.label, startDate: p.startDate, endDate: p.endDate, dueDate: p.dueDate })),
    reports: reports.map((r) => ({ ...r, onTime: r.status === 'submitted' || r.status === 'accepted' ? (r.submittedAt ? shanghaiDate(r.submittedAt) <= r.dueDate : false) : null })),
  };
}

export type PlanTracking = Awaited<ReturnType<typeof getPlanTracking>>;

// --- for other modules (notices, assessment, public page) -----------------------------------------------

/**
 * Status of every target of the given plans on `today` (the same rule as the tracking page), with
 * the latest submitted value. No authorization: callers authorize.
 */
export async function targetStatusesOf(
  db: DbOrTx,
  tenantId: number,
  planIds: number[],
  today: string,
): Promise<Map<number, { planId: number; status: TargetStatus; latest: { value: number; asOf: string; departmentId: number } | null }>> {
  const out = new Map<number, { planId: number; status: TargetStatus; latest: { value: number; asOf: string; departmentId: number } | null }>();
  const values = await selectLatestAndAccepted(db, tenantId, planIds);
  const latest = new Map(values.latest.map((v) => [v.targetId, v]));
  const accepted = new Map(values.accepted.map((v) => [v.targetId, v]));
  // the plans and their targets in two queries (it was two per plan)
  const planRows = new Map((await selectPlansByIds(db, tenantId, planIds)).map((p) => [p.id, p]));
  const targetsByPlan = new Map<number, Awaited<ReturnType<typeof selectTargetsOfPlans>>>();
  for (const t of await selectTargetsOfPlans(db, tenantId, planIds)) {
    const list = targetsByPlan.get(t.planId) ?? [];
    list.push(t);
    targetsByPlan.set(t.planId, list);
  }
  for (const planId of planIds) {
    const plan = planRows.get(planId);
    if (!plan) continue;
    for (const t of targetsByPlan.get(planId) ?? []) {
      const l = latest.get(t.id);
      const status = statusOnDay(ruleInputOf(t, plan), l, accepted.get(t.id), today, plan.warningMarginPct);
      out.set(t.id, { planId, status, latest: l ? { value: l.value, asOf: l.asOf, departmentId: l.departmentId } : null });
    }
  }
  return out;
}

/**
 * Every (period, responsible department) of published plans whose due date is before `dueBefore`
 * (default: all started by `today`), with its report and state on `today` (overdue,
 * submitted_on_time, submitted_late…). Creates missing periods first. No authorization.
 */
export async function obligationsOf(
  db: DbOrTx,
  tenantId: number,
  today: string,
  f: { planId?: number; departmentId?: number; dueBefore?: string } = {},
): Promise<(ObligationRow & { state: ObligationState })[]> {
  if (f.planId !== undefined) await ensurePeriods(db, tenantId, f.planId, today);
  else await ensureAllPeriods(db, tenantId, today);
  const rows = await selectObligations(db, tenantId, { planId: f.planId, departmentId: f.departmentId, startedBy: today, dueBefore: f.dueBefore });
  return rows.map((o) => ({ ...o, state: obligationState(o, today) }));
}
