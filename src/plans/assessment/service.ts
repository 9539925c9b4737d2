// Use cases of the annual assessment (考核): the scheme of a year (defaults, editable by the office),
// computing every assessed department's score from the records, adjusting a score or setting the
// veto with a written reason (audited in the same transaction), reading, and the Excel export.
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { writeAudit } from '../../org/audit/service';
import { todayInShanghai } from '../../org/calendar/index';
import type { Db } from '../../core/db/index';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import { judgeTarget } from '../notices/model';
import { selectObligations, type ObligationRow } from '../progress/store';
import { selectLatestValues, selectTargetRecords, selectTaskRecords, submittedOnTime, type TargetRecord, type TaskRecord } from '../notices/records-store';
import { ensureAllPeriods } from '../progress/service';
import type { AssessmentSchemeRow } from '../tables';
import {
  DEFAULT_SCHEME,
  gradeOf,
  MIN_REASON_LENGTH,
  NOT_ASSESSED,
  PART_LABELS,
  partScore,
  planCoversYear,
  scoreParts,
  type StoredGrade,
  round2,
  schemeProblems,
  SCORING_RULES,
  totalOf,
  type AssessmentBreakdown,
  type SchemeConfig,
} from './model';
import {
  countAssessments,
  deleteStale,
  ensureScheme,
  selectAdjustmentHistory,
  selectAssessment,
  selectAssessments,
  selectScheme,
  updateAssessmentIfVersion,
  updateSchemeIfVersion,
  upsertComputed,
  type AssessmentWithName,
} from './store';

export const assessmentNotFound = () => notFound('考核记录不存在', 'ASSESSMENT_NOT_FOUND');

export interface Scheme extends SchemeConfig {
  id: number | null;
  year: number;
  /** false: not stored yet, these are the defaults */
  stored: boolean;
  version: number;
}

function toScheme(r: AssessmentSchemeRow): Scheme {
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    weights: r.weights as SchemeConfig['weights'],
    grades: r.grades as SchemeConfig['grades'],
    stored: true,
    version: r.version,
  };
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('年度应为 2000–2100 之间的整数', 'INVALID_YEAR');
}

/** The scheme of a year: the stored one, else the defaults (not stored until edited or used). */
export async function getScheme(db: Db, actor: Actor, year: number): Promise<Scheme> {
  assertCan(actor, 'assessment:read');
  checkYear(year);
  const r = await selectScheme(db, actor.tenantId, year);
  return r ? toScheme(r) : { ...structuredClone(DEFAULT_SCHEME), id: null, year, stored: false, version: 0 };
}

/** Saves the scheme of a year (version 0 = creating it). Audited. */
export async function saveScheme(db: Db, actor: Actor, year: number, input: SchemeConfig & { version: number }): Promise<Scheme> {
  assertCan(actor, 'assessment:manage');
  checkYear(year);
  const problems = schemeProblems(input);
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', problems[0].message, 400, { fields: problems.map((p) => ({ path: p.field, message: p.message })) });
  }
  return db.transaction(async (tx) => {
    const before = await selectScheme(tx, actor.tenantId, year, true);
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const fields = { name: input.name, weights: input.weights, grades: input.grades };
    const after = before
      ? await updateSchemeIfVersion(tx, actor.tenantId, before.id, before.version, fields)
      : await ensureScheme(tx, { tenantId: actor.tenantId, year, ...fields });
    if (!after || (!before && after.version !== 1)) throw conflict();
    await writeAudit(tx, { actor, action: before ? 'assessment_scheme.update' : 'assessment_scheme.create', entityType: 'assessment_scheme', entityId: after.id, before, after });
    return toScheme(after);
  });
}

export interface DepartmentRecords {
  departmentId: number;
  departmentName: string;
}

/** The plans whose period covers `year` (see planCoversYear), from the records read. */
export function plansOfYear(year: number, targets: TargetRecord[], tasks: TaskRecord[]): { covered: Set<number>; ended: Map<number, string> } {
  const covered = new Set<number>();
  const ended = new Map<number, string>();
  for (const r of [...targets, ...tasks]) {
    const liveYear = Number((r.planPublishedAt ? r.planPublishedAt.toISOString() : r.planCreatedAt.toISOString()).slice(0, 4));
    if (planCoversYear({ startYear: r.planStartYear, endYear: r.planEndYear, liveYear }, year)) covered.add(r.planId);
    else ended.set(r.planId, r.planTitle);
  }
  return { covered, ended };
}

/** The breakdown of one department from the year's records (pure over what was read). */
export function assessDepartment(input: {
  year: number;
  asOf: string;
  scheme: SchemeConfig;
  departmentId: number;
  dueReports: ObligationRow[];
  targets: TargetRecord[];
  latest: Map<number, { value: number; asOf: string }>;
  tasks: TaskRecord[];
}): AssessmentBreakdown {
  const { year, scheme, departmentId: dep } = input;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const judgeDay = input.asOf < yearEnd ? input.asOf : yearEnd;
  const { covered, ended } = plansOfYear(year, input.targets, input.tasks);
  const excluded = new Set<string>();

  const reports = input.dueReports.filter((r) => r.departmentId === dep && covered.has(r.planId));
  const reportDetails = reports.map((r) => ({
    planTitle: r.planTitle,
    periodLabel: r.periodLabel,
    dueDate: r.dueDate,
    submittedOn: r.reportStatus === 'submitted' || r.reportStatus === 'accepted' ? r.submittedOn : null,
    onTime: submittedOnTime(r),
  }));

  const mine = input.targets.filter((t) => t.departments.some((d) => d.id === dep));
  for (const t of mine) if (!covered.has(t.planId)) excluded.add(t.planTitle);
  const considered = mine.filter((t) => covered.has(t.planId) && (t.deadlineYear ?? t.planEndYear ?? year) >= year);
  const targetDetails = considered.map((t) => {
    const status = judgeTarget(t, input.latest.get(t.id) ?? null, judgeDay);
    const dueThisYear = (t.deadlineYear ?? t.planEndYear) === year;
    return {
      targetId: String(t.id),
      planTitle: t.planTitle,
      indicator: t.indicator,
      deadlineYear: t.deadlineYear ?? t.planEndYear,
      status,
      counted: status === 'achieved' || (!dueThisYear && status === 'on_track'),
    };
  });

  const myTasks = input.tasks.filter((k) => k.departments.some((d) => d.id === dep));
  for (const k of myTasks) if (!covered.has(k.planId)) excluded.add(k.planTitle);
  const taskDetails = myTasks
    .map((k) => ({ k, due: k.dueDate ?? (k.planEndYear ? `${k.planEndYear}-12-31` : null) }))
    .filter(({ k, due }) => covered.has(k.planId) && (due === null || due >= yearStart))
    .map(({ k, due }) => {
      const dueThisYear = due !== null && due <= yearEnd;
      const status = k.latest?.status ?? null;
      return {
        taskId: String(k.id),
        planTitle: k.planTitle,
        title: k.title,
        dueDate: due,
        status,
        counted: status === 'done' || (!dueThisYear && status === 'in_progress'),
      };
    });

  const counts = {
    onTime: { met: reportDetails.filter((d) => d.onTime).length, total: reportDetails.length },
    targets: { met: targetDetails.filter((d) => d.counted).length, total: targetDetails.length },
    tasks: { met: taskDetails.filter((d) => d.counted).length, total: taskDetails.length },
  };
  const scored = scoreParts(counts, scheme.weights);
  const parts = scored?.parts ?? {
    onTime: partScore('onTime', 0, 0, scheme.weights.onTime),
    targets: partScore('targets', 0, 0, scheme.weights.targets),
    tasks: partScore('tasks', 0, 0, scheme.weights.tasks),
  };
  const total = scored?.total ?? 0;
  const live = (['onTime', 'targets', 'tasks'] as const).filter((k) => parts[k].applicable);
  const totalFormula = scored
    ? `${live.map((k) => `${PART_LABELS[k]} ${parts[k].points}`).join(' + ')} = ${total} 分`
    : '本年度无应考核的报送、目标和任务：不参评';
  void ended;
  return {
    year,
    asOf: input.asOf,
    scheme,
    assessed: scored !== null,
    onTime: { ...parts.onTime, details: reportDetails },
    targets: { ...parts.targets, details: targetDetails },
    tasks: { ...parts.tasks, details: taskDetails },
    excludedPlans: [...excluded],
    total,
    totalFormula,
    rules: SCORING_RULES,
  };
}

/** The stored grade: the veto forces D; an unassessed department without an adjusted score is 不参评. */
export function storedGrade(assessed: boolean, score: number, adjusted: boolean, grades: SchemeConfig['grades'], veto: boolean): StoredGrade {
  if (veto) return 'D';
  if (!assessed && !adjusted) return NOT_ASSESSED;
  return gradeOf(score, grades, false);
}

export interface Assessment {
  id: number;
  year: number;
  departmentId: number;
  departmentName: string;
  breakdown: AssessmentBreakdown;
  computedScore: number;
  adjustedScore: number | null;
  adjustmentReason: string | null;
  /** adjusted when adjusted, else computed */
  finalScore: number;
  veto: boolean;
  vetoReason: string | null;
  /** A–D, or N (不参评: nothing assessable in the year) */
  grade: StoredGrade;
  computedAt: Date;
  updatedAt: Date;
  version: number;
}

function toAssessment(r: AssessmentWithName): Assessment {
  const computed = Number(r.computedScore);
  const adjusted = r.adjustedScore === null ? null : Number(r.adjustedScore);
  return {
    id: r.id,
    year: r.year,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    breakdown: r.breakdown as AssessmentBreakdown,
    computedScore: computed,
    adjustedScore: adjusted,
    adjustmentReason: r.adjustmentReason,
    finalScore: adjusted ?? computed,
    veto: r.veto,
    vetoReason: r.vetoReason,
    grade: r.grade as StoredGrade,
    computedAt: r.computedAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/**
 * Computes the year's assessment of every department responsible for a target or task of a
 * published (or archived) plan, from the records as of `now`. Keeps adjustments and vetoes (the
 * grade follows the adjusted score). Reads first, then writes in one transaction, audited.
 */
export async function computeAssessments(db: Db, actor: Actor, year: number, now: Date = new Date()): Promise<Assessment[]> {
  assertCan(actor, 'assessment:manage');
  checkYear(year);
  const asOf = todayInShanghai(() => now);
  if (asOf < `${year}-01-01`) throw badRequest(`${year}年度尚未开始，不能计算考核`, 'YEAR_NOT_STARTED');
  const stored = await selectScheme(db, actor.tenantId, year);
  const scheme: SchemeConfig = stored ? toScheme(stored) : structuredClone(DEFAULT_SCHEME);
  const schemeConfig: SchemeConfig = { name: scheme.name, weights: scheme.weights, grades: scheme.grades };
  const scope = { planStatuses: ['published', 'archived'] };
  const yearEnd = `${year}-12-31`;
  // the tracking module creates reporting periods lazily: make sure the year's exist
  await ensureAllPeriods(db, actor.tenantId, asOf < yearEnd ? asOf : yearEnd);
  const [dueAll, targets, tasks] = await Promise.all([
    selectObligations(db, actor.tenantId, { ...scope, endFrom: `${year}-01-01`, endTo: yearEnd }),
    selectTargetRecords(db, actor.tenantId, scope),
    selectTaskRecords(db, actor.tenantId, scope, yearEnd),
  ]);
  const dueReports = dueAll.filter((r) => r.dueDate < asOf);
  const latest = await selectLatestValues(
    db,
    actor.tenantId,
    targets.map((t) => t.id),
    yearEnd,
  );
  const departmentIds = new Set<number>();
  for (const t of targets) for (const d of t.departments) departmentIds.add(d.id);
  for (const k of tasks) for (const d of k.departments) departmentIds.add(d.id);
  const breakdowns = [...departmentIds].map((departmentId) => ({
    departmentId,
    b: assessDepartment({ year, asOf, scheme: schemeConfig, departmentId, dueReports, targets, latest, tasks }),
  }));

  return db.transaction(async (tx) => {
    const schemeRow = stored ?? (await ensureScheme(tx, { tenantId: actor.tenantId, year, name: schemeConfig.name, weights: schemeConfig.weights, grades: schemeConfig.grades }));
    const existing = new Map((await selectAssessments(tx, actor.tenantId, year)).map((a) => [a.departmentId, a]));
    for (const { departmentId, b } of breakdowns) {
      const prev = existing.get(departmentId);
      const adjusted = prev?.adjustedScore == null ? null : Number(prev.adjustedScore);
      const grade = storedGrade(b.assessed, adjusted ?? b.total, adjusted !== null, schemeConfig.grades, prev?.veto ?? false);
      await upsertComputed(tx, {
        tenantId: actor.tenantId,
        year,
        schemeId: schemeRow.id,
        departmentId,
        breakdown: b,
        computedScore: b.total,
        grade,
        computedAt: now,
      });
    }
    const removed = await deleteStale(tx, actor.tenantId, year, [...departmentIds]);
    const rows = await selectAssessments(tx, actor.tenantId, year);
    await writeAudit(tx, {
      actor,
      action: 'assessment.compute',
      entityType: 'assessment_year',
      entityId: year,
      after: { year, asOf, scheme: schemeConfig, departments: rows.map((r) => ({ departmentId: r.departmentId, computedScore: Number(r.computedScore), grade: r.grade })), removed },
    });
    return rows.map(toAssessment);
  });
}

function scopeOf(actor: Actor): number | undefined {
  if (actor.role !== 'department') return undefined;
  if (actor.departmentId === null) throw new AppError('FORBIDDEN', '账号未绑定责任部门', 403);
  return actor.departmentId;
}

/** The year's assessments (a department user: its own only). */
export async function listAssessments(db: Db, actor: Actor, year: number): Promise<Assessment[]> {
  assertCan(actor, 'assessment:read');
  checkYear(year);
  return (await selectAssessments(db, actor.tenantId, year, scopeOf(actor))).map(toAssessment);
}

/** A page of the year's assessments (in the directory's order) with their number in all. */
export async function listAssessmentPage(db: Db, actor: Actor, year: number, page: number, pageSize: number) {
  assertCan(actor, 'assessment:read');
  checkYear(year);
  const dep = scopeOf(actor);
  const [rows, total] = await Promise.all([
    selectAssessments(db, actor.tenantId, year, dep, { limit: pageSize, offset: (page - 1) * pageSize }),
    countAssessments(db, actor.tenantId, year, dep),
  ]);
  return { items: rows.map(toAssessment), total, page, pageSize };
}

export interface AdjustmentEntry {
  at: Date;
  actorName: string;
  adjustedScore: number | null;
  veto: boolean;
  reason: string;
}

/** One assessment with its audited adjustment history; another department's → ASSESSMENT_NOT_FOUND. */
export async function getAssessment(db: Db, actor: Actor, id: number): Promise<Assessment & { history: AdjustmentEntry[] }> {
  assertCan(actor, 'assessment:read');
  const r = await selectAssessment(db, actor.tenantId, id);
  const dep = scopeOf(actor);
  if (!r || (dep !== undefined && r.departmentId !== dep)) throw assessmentNotFound();
  const history = (await selectAdjustmentHistory(db, actor.tenantId, id)).map((h) => {
    const a = (h.after ?? {}) as { adjustedScore?: number | null; veto?: boolean; reason?: string };
    return { at: h.at, actorName: h.actorName, adjustedScore: a.adjustedScore ?? null, veto: a.veto ?? false, reason: a.reason ?? '' };
  });
  return { ...toAssessment(r), history };
}

export interface AdjustInput {
  version: number;
  /** a number sets the adjusted score, null clears it, undefined leaves it */
  adjustedScore?: number | null;
  veto?: boolean;
  /** required, at least MIN_REASON_LENGTH characters */
  reason: string;
}

/** Adjusts a score and/or sets the veto, with a written reason; audited in the same transaction. */
export async function adjustAssessment(db: Db, actor: Actor, id: number, input: AdjustInput): Promise<Assessment> {
  assertCan(actor, 'assessment:manage');
  const reason = (input.reason ?? '').trim();
  if ([...reason].length < MIN_REASON_LENGTH) {
    throw new AppError('ADJUSTMENT_REASON_REQUIRED', `调整考核结果须填写理由，不少于 ${MIN_REASON_LENGTH} 个字`, 400, {
      fields: [{ path: 'reason', message: `请填写调整理由（不少于 ${MIN_REASON_LENGTH} 个字）` }],
    });
  }
  if (input.adjustedScore === undefined && input.veto === undefined) throw badRequest('请填写调整后得分或一票否决', 'NOTHING_TO_ADJUST');
  return db.transaction(async (tx) => {
    const before = await selectAssessment(tx, actor.tenantId, id, true);
    if (!before) throw assessmentNotFound();
    if (before.version !== input.version) throw conflict();
    const scheme = (before.breakdown as AssessmentBreakdown).scheme ?? DEFAULT_SCHEME;
    const max = totalOf(scheme);
    if (input.adjustedScore != null && (!Number.isFinite(input.adjustedScore) || input.adjustedScore < 0 || input.adjustedScore > max)) {
      throw new AppError('VALIDATION_FAILED', `调整后得分应在 0–${max} 之间`, 400, { fields: [{ path: 'adjustedScore', message: `应在 0–${max} 之间` }] });
    }
    const adjustedScore = input.adjustedScore === undefined ? (before.adjustedScore === null ? null : Number(before.adjustedScore)) : input.adjustedScore === null ? null : round2(input.adjustedScore);
    const veto = input.veto ?? before.veto;
    const patch = {
      adjustedScore,
      adjustmentReason: input.adjustedScore === undefined ? before.adjustmentReason : adjustedScore === null ? null : reason,
      veto,
      vetoReason: input.veto === undefined ? before.vetoReason : veto ? reason : null,
      grade: storedGrade((before.breakdown as AssessmentBreakdown).assessed !== false, adjustedScore ?? Number(before.computedScore), adjustedScore !== null, scheme.grades, veto),
    };
    const after = await updateAssessmentIfVersion(tx, actor.tenantId, id, before.version, patch);
    if (!after) throw conflict();
    await writeAudit(tx, {
      actor,
      action: 'assessment.adjust',
      entityType: 'assessment',
      entityId: id,
      before: { adjustedScore: before.adjustedScore === null ? null : Number(before.adjustedScore), veto: before.veto, grade: before.grade, computedScore: Number(before.computedScore) },
      after: { adjustedScore, veto, grade: patch.grade, reason, departmentId: before.departmentId, year: before.year },
    });
    return toAssessment({ ...after, departmentName: before.departmentName, departmentOrder: before.departmentOrder });
  });
}
