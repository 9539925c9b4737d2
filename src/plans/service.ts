// Use cases of plans: confirm a reviewed extraction into a draft plan, publish, read, and edit
// targets and tasks with optimistic concurrency. Every change is audited in its transaction.
import { sql } from 'drizzle-orm';
import { pgErrorCode, type Db, type DbOrTx } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { AppError, badRequest, conflict, notFound } from '../core/errors';
import { cleanName, looksLikeUnitName } from '../org/departments/model';
import { readPlanSettings } from './settings/service';
import { insertDepartment, selectDepartments, updateDepartmentIfVersion } from '../org/departments/store';
import {
  guessDepartmentKind,
  targetProblems,
  type DepartmentRef,
  type DepartmentRole,
  type ItemOrigin,
  type Plan,
  type PlanDetail,
  type PlanStatus,
  type PlanSummary,
  type ReportingCycle,
  type Span,
  type TargetItem,
  type TaskItem,
  type Comparator,
  type TargetKind,
} from './model';
import type { ConfirmPlanInput, CreateTargetBody, CreateTaskBody, UpdatePlanBody, UpdateTargetBody, UpdateTaskBody } from './schemas';
import {
  deleteTargetIfVersion,
  deleteTaskIfVersion,
  existingDepartmentIds,
  insertPlan,
  insertPlanSource,
  insertTargetDepartments,
  insertTargets,
  insertTaskDepartments,
  insertTasks,
  nextSortOrder,
  planHasDepartment,
  planHasItems,
  replaceTargetDepartments,
  replaceTaskDepartments,
  selectPlan,
  selectPlanList,
  selectPlanDetailData,
  selectPlanSource,
  selectPlansBySha,
  selectTarget,
  selectTargetDepartments,
  selectTask,
  selectTaskDepartments,
  updatePlanIfVersion,
  updateTargetIfVersion,
  updateTaskIfVersion,
  type ItemDepartmentRow,
} from './store';
import type { PlanRow, TargetRow, TaskRow } from './tables';

export const planNotFound = () => notFound('计划不存在', 'PLAN_NOT_FOUND');
export const targetNotFound = () => notFound('目标指标不存在', 'TARGET_NOT_FOUND');
export const taskNotFound = () => notFound('任务不存在', 'TASK_NOT_FOUND');

/** A field-level validation failure: message names the first problem, details list them all. */
function fieldErrors(problems: { field: string; message: string }[], prefix = ''): AppError {
  const fields = problems.map((p) => ({ path: prefix + p.field, message: p.message }));
  const more = fields.length > 1 ? `（另有 ${fields.length - 1} 处问题）` : '';
  return new AppError('VALIDATION_FAILED', `${fields[0].message}${more}`, 400, { fields });
}

export function toPlan(r: Omit<PlanRow, 'topics' | 'outline'>): Plan {
  return {
    id: r.id,
    tenantId: r.tenantId,
    title: r.title,
    issuer: r.issuer,
    documentNumber: r.documentNumber,
    indexNumber: r.indexNumber,
    writtenDate: r.writtenDate,
    publishedDate: r.publishedDate,
    periodStartYear: r.periodStartYear,
    periodEndYear: r.periodEndYear,
    region: r.region,
    regionCode: r.regionCode,
    topicCategory: r.topicCategory,
    topicSubcategory: r.topicSubcategory,
    status: r.status as PlanStatus,
    reportingCycle: r.reportingCycle as ReportingCycle,
    reportDueWorkingDays: r.reportDueWorkingDays,
    warningMarginPct: Number(r.warningMarginPct),
    publishedAt: r.publishedAt,
    archivedAt: r.archivedAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

const spanOf = (s: number | null, e: number | null): Span | null => (s === null || e === null ? null : [s, e]);

function groupRefs(rows: ItemDepartmentRow[]): Map<number, DepartmentRef[]> {
  const m = new Map<number, DepartmentRef[]>();
  for (const r of rows) {
    const list = m.get(r.itemId) ?? [];
    list.push({ id: r.departmentId, name: r.name, role: r.role as DepartmentRole });
    m.set(r.itemId, list);
  }
  return m;
}

function toTarget(r: TargetRow, refs: DepartmentRef[]): TargetItem {
  return {
    id: r.id,
    planId: r.planId,
    indicator: r.indicator,
    comparator: r.comparator as Comparator,
    value: Number(r.value),
    valueMax: r.valueMax === null ? null : Number(r.valueMax),
    unit: r.unit,
    kind: r.kind as TargetKind,
    deadlineYear: r.deadlineYear,
    baselineValue: r.baselineValue === null ? null : Number(r.baselineValue),
    baselineDate: r.baselineDate,
    tolerance: r.tolerance === null ? null : Number(r.tolerance),
    span: spanOf(r.spanStart, r.spanEnd),
    sortOrder: r.sortOrder,
    origin: r.origin as ItemOrigin,
    departments: refs,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

function toTask(r: TaskRow, refs: DepartmentRef[]): TaskItem {
  return {
    id: r.id,
    planId: r.planId,
    marker: r.marker,
    title: r.title,
    span: spanOf(r.spanStart, r.spanEnd),
    deadlineText: r.deadlineText,
    dueDate: r.dueDate,
    sortOrder: r.sortOrder,
    origin: r.origin as ItemOrigin,
    departments: refs,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

/** The department a department user is limited to; undefined for the office and admins. */
function scopeOf(actor: Actor): number | undefined {
  if (actor.role !== 'department') return undefined;
  if (actor.departmentId === null) throw new AppError('FORBIDDEN', '账号未绑定责任部门', 403);
  return actor.departmentId;
}

/** The plan if the actor may see it: department users see published/archived plans naming them. */
async function visiblePlan(db: DbOrTx, actor: Actor, id: number): Promise<PlanRow> {
  const p = await selectPlan(db, actor.tenantId, id);
  if (!p) throw planNotFound();
  const dep = scopeOf(actor);
  if (dep !== undefined) {
    if (p.status === 'draft') throw planNotFound();
    if (!(await planHasDepartment(db, actor.tenantId, id, dep))) throw planNotFound();
  }
  return p;
}

// --- confirm -----------------------------------------------------------------------------------------

export interface ConfirmResult {
  plan: Plan;
  counts: { targets: number; tasks: number; departments: number };
  departmentsLinked: number;
  departmentsCreated: { id: number; name: string }[];
}

/** Other plans of the tenant imported from the same file (by SHA-256 of the bytes). */
export async function findDuplicates(db: DbOrTx, tenantId: number, sha256: string) {
  return selectPlansBySha(db, tenantId, sha256);
}

/**
 * Creates a draft plan from a reviewed extraction: the plan, its source document, targets, tasks
 * and their departments (linked to the directory or created), in ONE transaction, audited.
 * Any failure leaves nothing behind. Errors: VALIDATION_FAILED (field details), UNRESOLVED_DEPARTMENT,
 * DUPLICATE_PLAN (409, unless allowDuplicate), DEPARTMENT_NOT_FOUND, DEPARTMENT_EXISTS (409).
 */
export async function confirmPlan(db: Db, actor: Actor, input: ConfirmPlanInput): Promise<ConfirmResult> {
  assertCan(actor, 'plans:import');
  const textLength = input.source.text.length;

  // field checks, all at once
  const problems: { field: string; message: string }[] = [];
  const m = input.metadata;
  if (m.periodStartYear != null && m.periodEndYear != null && m.periodStartYear > m.periodEndYear) {
    problems.push({ field: 'metadata.periodEndYear', message: '结束年份不能早于起始年份' });
  }
  input.targets.forEach((t, i) => {
    for (const p of targetProblems({ ...t, valueMax: t.valueMax ?? null }, textLength)) problems.push({ field: `targets.${i}.${p.field}`, message: `第 ${i + 1} 项目标：${p.message}` });
  });
  input.tasks.forEach((t, i) => {
    if (t.span && (t.span[0] > t.span[1] || t.span[1] > textLength)) problems.push({ field: `tasks.${i}.span`, message: `第 ${i + 1} 项任务：原文位置超出文档范围` });
  });
  if (problems.length) throw fieldErrors(problems);

  // every department name used by an item needs a decision
  const resolutions = new Map<string, ConfirmPlanInput['departments'][number]>();
  for (const r of input.departments) resolutions.set(cleanName(r.name), r);
  const used = new Set<string>();
  for (const item of [...input.targets, ...input.tasks]) for (const d of item.departments) used.add(cleanName(d.name));
  const unresolved = [...used].filter((n) => !resolutions.has(n));
  if (unresolved.length) {
    throw new AppError(
      'UNRESOLVED_DEPARTMENT',
      `部门“${unresolved[0]}”尚未确认：请选择对应的已有部门、新建或忽略${unresolved.length > 1 ? `（共 ${unresolved.length} 个未确认）` : ''}`,
      400,
      { names: unresolved },
    );
  }

  if (!input.allowDuplicate) {
    const dup = await selectPlansBySha(db, actor.tenantId, input.source.sha256);
    if (dup.length) {
      throw new AppError('DUPLICATE_PLAN', `该文件已导入为计划“${dup[0].title}”（编号 ${dup[0].id}）`, 409, { planId: String(dup[0].id) });
    }
  }

  let failingName = '';
  try {
    return await db.transaction(async (tx) => {
      // the same file confirmed twice at once: the second waits here and then sees the first
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`plan-source:${actor.tenantId}:${input.source.sha256}`}, 0))`);
      if (!input.allowDuplicate) {
        const dup = await selectPlansBySha(tx, actor.tenantId, input.source.sha256);
        if (dup.length) {
          throw new AppError('DUPLICATE_PLAN', `该文件已导入为计划“${dup[0].title}”（编号 ${dup[0].id}）`, 409, { planId: String(dup[0].id) });
        }
      }
      const plan = await insertPlan(tx, {
        tenantId: actor.tenantId,
        title: m.title,
        issuer: m.issuer ?? null,
        documentNumber: m.documentNumber ?? null,
        indexNumber: m.indexNumber ?? null,
        writtenDate: m.writtenDate ?? null,
        publishedDate: m.publishedDate ?? null,
        periodStartYear: m.periodStartYear ?? null,
        periodEndYear: m.periodEndYear ?? null,
        region: m.region ?? null,
        regionCode: m.regionCode ?? null,
        topicCategory: m.topicCategory ?? input.topics[0]?.category ?? null,
        topicSubcategory: m.topicSubcategory ?? input.topics[0]?.subcategory ?? null,
        topics: input.topics,
        outline: input.outline,
        status: 'draft',
        reportingCycle: input.settings?.reportingCycle ?? 'quarterly',
        reportDueWorkingDays: input.settings?.reportDueWorkingDays ?? 5,
        warningMarginPct: input.settings?.warningMarginPct ?? 5,
        createdBy: actor.userId,
      });
      await insertPlanSource(tx, {
        tenantId: actor.tenantId,
        planId: plan.id,
        sha256: input.source.sha256,
        fileName: input.source.fileName,
        format: input.source.format,
        encoding: input.source.encoding ?? null,
        normalizations: input.source.normalizations,
        sizeBytes: input.source.sizeBytes,
        text: input.source.text,
        extraction: (input.extraction as object | undefined) ?? null,
      });

      // departments: written name -> department id (or null = ignored)
      const directory = await selectDepartments(tx, actor.tenantId, { includeInactive: true });
      const unitNames = (await readPlanSettings(tx, actor.tenantId)).unitNames;
      const byId = new Map(directory.map((d) => [d.id, d]));
      const idByWritten = new Map<string, number | null>();
      const created: { id: number; name: string }[] = [];
      const createdByName = new Map<string, number>();
      let linked = 0;
      for (const [written, r] of resolutions) {
        if (!used.has(written)) continue;
        if (r.action === 'ignore') {
          idByWritten.set(written, null);
        } else if (r.action === 'link') {
          const d = byId.get(Number(r.departmentId));
          if (!d || !d.active) throw badRequest(`部门不存在或已停用（编号 ${r.departmentId}，对应“${r.name}”）`, 'DEPARTMENT_NOT_FOUND', { name: r.name });
          idByWritten.set(written, d.id);
          linked++;
          if (r.addAlias && written !== d.name && written !== d.shortName && !d.aliases.includes(written)) {
            const taken = directory.some((o) => o.active && o.id !== d.id && (o.name === written || o.shortName === written || o.aliases.includes(written)));
            if (!taken) {
              const after = await updateDepartmentIfVersion(tx, actor.tenantId, d.id, d.version, { aliases: [...d.aliases, written] });
              if (!after) throw conflict();
              await writeAudit(tx, { actor, action: 'department.update', entityType: 'department', entityId: d.id, before: d, after });
              byId.set(d.id, after);
              d.aliases = after.aliases;
              d.version = after.version;
            }
          }
        } else {
          const name = cleanName(r.newName ?? r.name);
          if (!name || [...name].length > 64) throw badRequest(`新部门名称无效：“${r.newName ?? r.name}”`, 'DEPARTMENT_NAME_TOO_LONG', { name: r.name });
          if (!r.notUnitNameConfirmed && !looksLikeUnitName(name, unitNames)) {
            throw new AppError('DEPARTMENT_NOT_UNIT_NAME', `“${name}”不像单位名称，未新建部门：请对应已有部门、选择忽略，或明确确认新建`, 400, {
              name: r.name,
              fields: [{ path: `departments.${r.name}`, message: '不像单位名称：请对应已有部门、忽略，或明确确认新建' }],
            });
          }
          let depId = createdByName.get(name);
          if (depId === undefined) {
            failingName = name;
            const row = await insertDepartment(tx, {
              tenantId: actor.tenantId,
              name,
              aliases: name === written ? [] : [written],
              kind: guessDepartmentKind(name),
              sortOrder: 10000 + created.length,
            });
            failingName = '';
            await writeAudit(tx, { actor, action: 'department.create', entityType: 'department', entityId: row.id, after: row });
            depId = row.id;
            createdByName.set(name, depId);
            created.push({ id: row.id, name: row.name });
          }
          idByWritten.set(written, depId);
        }
      }
      const refsFor = (list: { name: string; role: DepartmentRole }[]) => {
        const out: { departmentId: number; role: DepartmentRole }[] = [];
        // lead first, so a department named twice keeps its lead role
        for (const d of [...list].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))) {
          const id = idByWritten.get(cleanName(d.name));
          if (id != null && !out.some((o) => o.departmentId === id)) out.push({ departmentId: id, role: d.role });
        }
        return out;
      };

      const targetRows = await insertTargets(
        tx,
        input.targets.map((t, i) => ({
          tenantId: actor.tenantId,
          planId: plan.id,
          indicator: t.indicator,
          comparator: t.comparator,
          value: t.value,
          valueMax: t.comparator === 'range' ? (t.valueMax ?? null) : null,
          unit: t.unit,
          kind: t.kind,
          deadlineYear: t.deadlineYear ?? null,
          baselineValue: t.baselineValue ?? null,
          baselineDate: t.baselineDate ?? null,
          tolerance: t.tolerance ?? null,
          spanStart: t.span?.[0] ?? null,
          spanEnd: t.span?.[1] ?? null,
          sortOrder: i,
          origin: t.origin ?? (t.span ? 'extracted' : 'manual'),
        })),
      );
      const targetIdBySort = new Map(targetRows.map((r) => [r.sortOrder, r.id]));
      await insertTargetDepartments(
        tx,
        input.targets.flatMap((t, i) =>
          refsFor(t.departments).map((d, j) => ({ tenantId: actor.tenantId, targetId: targetIdBySort.get(i)!, departmentId: d.departmentId, role: d.role, sortOrder: j })),
        ),
      );
      const taskRows = await insertTasks(
        tx,
        input.tasks.map((t, i) => ({
          tenantId: actor.tenantId,
          planId: plan.id,
          marker: t.marker ?? null,
          title: t.title,
          spanStart: t.span?.[0] ?? null,
          spanEnd: t.span?.[1] ?? null,
          deadlineText: t.deadlineText ?? null,
          dueDate: t.dueDate ?? null,
          sortOrder: i,
          origin: t.origin ?? (t.span ? 'extracted' : 'manual'),
        })),
      );
      const taskIdBySort = new Map(taskRows.map((r) => [r.sortOrder, r.id]));
      const taskRefs = input.tasks.flatMap((t, i) =>
        refsFor(t.departments).map((d, j) => ({ tenantId: actor.tenantId, taskId: taskIdBySort.get(i)!, departmentId: d.departmentId, role: d.role, sortOrder: j })),
      );
      await insertTaskDepartments(tx, taskRefs);

      const departmentIds = new Set<number>([...taskRefs.map((r) => r.departmentId)]);
      for (const t of input.targets) for (const d of refsFor(t.departments)) departmentIds.add(d.departmentId);
      const counts = { targets: targetRows.length, tasks: taskRows.length, departments: departmentIds.size };
      await writeAudit(tx, {
        actor,
        action: 'plan.create',
        entityType: 'plan',
        entityId: plan.id,
        after: {
          plan,
          source: { fileName: input.source.fileName, sha256: input.source.sha256, format: input.source.format, sizeBytes: input.source.sizeBytes },
          counts,
          departmentsCreated: created,
        },
      });
      return { plan: toPlan(plan), counts, departmentsLinked: linked, departmentsCreated: created };
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505' && failingName) {
      throw conflict(`部门“${failingName}”已存在（可能已停用），请改为选择已有部门`, 'DEPARTMENT_EXISTS', { name: failingName });
    }
    throw e;
  }
}

// --- publish, update -------------------------------------------------------------------------------

/** Draft → published (live for departments and the public page). Audited. */
export async function publishPlan(db: Db, actor: Actor, id: number, version?: number, now: Date = new Date()): Promise<Plan> {
  assertCan(actor, 'plans:manage');
  return db.transaction(async (tx) => {
    const before = await selectPlan(tx, actor.tenantId, id, true);
    if (!before) throw planNotFound();
    if (version !== undefined && before.version !== version) throw conflict();
    if (before.status !== 'draft') {
      throw conflict(before.status === 'published' ? '计划已发布' : '已归档的计划不能发布', 'PLAN_NOT_DRAFT');
    }
    if (!(await planHasItems(tx, actor.tenantId, id))) throw badRequest('计划中没有任何目标或任务，不能发布', 'PLAN_EMPTY');
    const after = await updatePlanIfVersion(tx, actor.tenantId, id, before.version, { status: 'published', publishedAt: now });
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan.publish', entityType: 'plan', entityId: id, before: { status: before.status }, after: { status: after.status, publishedAt: after.publishedAt } });
    return toPlan(after);
  });
}

/** Published → archived (kept for history and assessment, no longer edited or reported on). Audited. */
export async function archivePlan(db: Db, actor: Actor, id: number, version?: number, now: Date = new Date()): Promise<Plan> {
  assertCan(actor, 'plans:manage');
  return db.transaction(async (tx) => {
    const before = await selectPlan(tx, actor.tenantId, id, true);
    if (!before) throw planNotFound();
    if (version !== undefined && before.version !== version) throw conflict();
    if (before.status !== 'published') throw conflict(before.status === 'archived' ? '计划已归档' : '草稿计划不能归档，请先发布', 'PLAN_NOT_PUBLISHED');
    const after = await updatePlanIfVersion(tx, actor.tenantId, id, before.version, { status: 'archived', archivedAt: now });
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan.archive', entityType: 'plan', entityId: id, before: { status: before.status }, after: { status: after.status, archivedAt: after.archivedAt } });
    return toPlan(after);
  });
}

/** Metadata and settings (reporting cycle, due working days, warning margin). Version-checked, audited. */
export async function updatePlan(db: Db, actor: Actor, id: number, patch: UpdatePlanBody): Promise<Plan> {
  assertCan(actor, 'plans:manage');
  return db.transaction(async (tx) => {
    const before = await selectPlan(tx, actor.tenantId, id, true);
    if (!before) throw planNotFound();
    if (before.version !== patch.version) throw conflict();
    const { version, ...fields } = patch;
    const start = fields.periodStartYear !== undefined ? fields.periodStartYear : before.periodStartYear;
    const end = fields.periodEndYear !== undefined ? fields.periodEndYear : before.periodEndYear;
    if (start != null && end != null && start > end) throw fieldErrors([{ field: 'periodEndYear', message: '结束年份不能早于起始年份' }]);
    const after = await updatePlanIfVersion(tx, actor.tenantId, id, version, fields);
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan.update', entityType: 'plan', entityId: id, before, after });
    return toPlan(after);
  });
}

// --- read ---------------------------------------------------------------------------------------------

/** The tenant's plans with counts. Department users: published/archived plans naming them, their counts. */
/** Largest page of the plan list. */
export const PLAN_LIST_MAX_PAGE_SIZE = 200;

/** One page of the plans the actor may see, newest first, with the total. */
export async function listPlans(
  db: Db,
  actor: Actor,
  opts: { status?: PlanStatus; search?: string; page?: number; pageSize?: number } = {},
): Promise<{ items: PlanSummary[]; total: number }> {
  assertCan(actor, 'plans:read');
  const dep = scopeOf(actor);
  let statuses: string[] | undefined = opts.status ? [opts.status] : undefined;
  if (dep !== undefined) statuses = (statuses ?? ['published', 'archived']).filter((s) => s !== 'draft');
  if (statuses && statuses.length === 0) return { items: [], total: 0 };
  const pageSize = Math.min(Math.max(1, opts.pageSize ?? 20), PLAN_LIST_MAX_PAGE_SIZE);
  const page = Math.max(1, opts.page ?? 1);
  const { rows, total } = await selectPlanList(db, actor.tenantId, {
    statuses,
    search: opts.search?.trim() || undefined,
    departmentId: dep,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((r) => {
      // no spreads: a page is 20-200 of these per request (decision 044)
      const item = toPlan(r) as PlanSummary;
      item.counts = { targets: r.targetCount, tasks: r.taskCount, departments: r.departmentCount };
      item.fileName = r.fileName;
      return item;
    }),
    total,
  };
}

/** A plan with outline, source text, targets and tasks (a department user: only its own items). */
export async function getPlan(db: Db, actor: Actor, id: number): Promise<PlanDetail> {
  assertCan(actor, 'plans:read');
  // the plan and everything its page shows in one statement; then the checks of visiblePlan, in its
  // order (nothing read is answered unless they pass)
  const data = await selectPlanDetailData(db, actor.tenantId, id, actor.role === 'department' ? (actor.departmentId ?? undefined) : undefined);
  if (!data) throw planNotFound();
  const p = data.plan;
  const dep = scopeOf(actor);
  if (dep !== undefined) {
    if (p.status === 'draft') throw planNotFound();
    if (!(await planHasDepartment(db, actor.tenantId, id, dep))) throw planNotFound();
  }
  const { source, targets: targetRows, tasks: taskRows, refs } = data;
  // only the items shown (a department user's own): the other items' departments are not named
  const shownTargets = new Set(targetRows.map((r) => r.id));
  const shownTasks = new Set(taskRows.map((r) => r.id));
  const tRefs = refs.targets.filter((r) => shownTargets.has(r.itemId));
  const kRefs = refs.tasks.filter((r) => shownTasks.has(r.itemId));
  const tMap = groupRefs(tRefs);
  const kMap = groupRefs(kRefs);
  const deps = new Map<number, string>();
  for (const r of [...tRefs, ...kRefs]) deps.set(r.departmentId, r.name);
  return {
    plan: toPlan(p),
    source: source
      ? {
          sha256: source.sha256,
          fileName: source.fileName,
          format: source.format,
          encoding: source.encoding,
          normalizations: source.normalizations,
          sizeBytes: source.sizeBytes,
          text: source.text,
        }
      : null,
    topics: (p.topics as unknown[]) ?? [],
    outline: (p.outline as unknown[]) ?? [],
    targets: targetRows.map((r) => toTarget(r, tMap.get(r.id) ?? [])),
    tasks: taskRows.map((r) => toTask(r, kMap.get(r.id) ?? [])),
    departments: [...deps].map(([id, name]) => ({ id, name })),
  };
}

async function targetWithRefs(db: DbOrTx, tenantId: number, r: TargetRow): Promise<TargetItem> {
  return toTarget(r, groupRefs(await selectTargetDepartments(db, tenantId, [r.id])).get(r.id) ?? []);
}
async function taskWithRefs(db: DbOrTx, tenantId: number, r: TaskRow): Promise<TaskItem> {
  return toTask(r, groupRefs(await selectTaskDepartments(db, tenantId, [r.id])).get(r.id) ?? []);
}

/** One target; a department user gets TARGET_NOT_FOUND for another department's target. */
export async function getTarget(db: Db, actor: Actor, planId: number, targetId: number): Promise<TargetItem> {
  assertCan(actor, 'targets:read');
  await visiblePlan(db, actor, planId);
  const r = await selectTarget(db, actor.tenantId, planId, targetId);
  if (!r) throw targetNotFound();
  const item = await targetWithRefs(db, actor.tenantId, r);
  const dep = scopeOf(actor);
  if (dep !== undefined && !item.departments.some((d) => d.id === dep)) throw targetNotFound();
  return item;
}

/** One task; a department user gets TASK_NOT_FOUND for another department's task. */
export async function getTask(db: Db, actor: Actor, planId: number, taskId: number): Promise<TaskItem> {
  assertCan(actor, 'tasks:read');
  await visiblePlan(db, actor, planId);
  const r = await selectTask(db, actor.tenantId, planId, taskId);
  if (!r) throw taskNotFound();
  const item = await taskWithRefs(db, actor.tenantId, r);
  const dep = scopeOf(actor);
  if (dep !== undefined && !item.departments.some((d) => d.id === dep)) throw taskNotFound();
  return item;
}

// --- edit targets and tasks ----------------------------------------------------------------------------

async function editablePlan(tx: DbOrTx, actor: Actor, planId: number): Promise<PlanRow> {
  const p = await selectPlan(tx, actor.tenantId, planId);
  if (!p) throw planNotFound();
  if (p.status === 'archived') throw conflict('已归档的计划不能修改', 'PLAN_ARCHIVED');
  return p;
}

async function checkDepartments(tx: DbOrTx, tenantId: number, list: { departmentId: string; role: DepartmentRole }[]) {
  const ids = list.map((d) => Number(d.departmentId));
  if (new Set(ids).size !== ids.length) throw fieldErrors([{ field: 'departments', message: '同一部门不能重复列出' }]);
  const found = await existingDepartmentIds(tx, tenantId, ids);
  const bad = ids.find((id) => !found.get(id)?.active);
  if (bad !== undefined) throw fieldErrors([{ field: 'departments', message: `部门不存在或已停用（编号 ${bad}）` }]);
  return list.map((d) => ({ departmentId: Number(d.departmentId), role: d.role }));
}

export async function createTarget(db: Db, actor: Actor, planId: number, input: CreateTargetBody): Promise<TargetItem> {
  assertCan(actor, 'targets:manage');
  return db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    const source = input.span ? await selectPlanSource(tx, actor.tenantId, planId) : undefined;
    const problems = targetProblems({ ...input, valueMax: input.valueMax ?? null, span: input.span ?? null }, source?.text.length ?? 0);
    if (problems.length) throw fieldErrors(problems);
    const deps = await checkDepartments(tx, actor.tenantId, input.departments ?? []);
    const [row] = await insertTargets(tx, [
      {
        tenantId: actor.tenantId,
        planId,
        indicator: input.indicator,
        comparator: input.comparator,
        value: input.value,
        valueMax: input.comparator === 'range' ? (input.valueMax ?? null) : null,
        unit: input.unit ?? '',
        kind: input.kind ?? 'level',
        deadlineYear: input.deadlineYear ?? null,
        baselineValue: input.baselineValue ?? null,
        baselineDate: input.baselineDate ?? null,
        tolerance: input.tolerance ?? null,
        spanStart: input.span?.[0] ?? null,
        spanEnd: input.span?.[1] ?? null,
        sortOrder: await nextSortOrder(tx, 'targets', actor.tenantId, planId),
        origin: 'manual',
      },
    ]);
    await replaceTargetDepartments(tx, actor.tenantId, row.id, deps);
    const item = await targetWithRefs(tx, actor.tenantId, row);
    await writeAudit(tx, { actor, action: 'target.create', entityType: 'target', entityId: row.id, after: item });
    return item;
  });
}

export async function updateTarget(db: Db, actor: Actor, planId: number, targetId: number, patch: UpdateTargetBody): Promise<TargetItem> {
  assertCan(actor, 'targets:manage');
  return db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    const row = await selectTarget(tx, actor.tenantId, planId, targetId, true);
    if (!row) throw targetNotFound();
    if (row.version !== patch.version) throw conflict();
    const before = await targetWithRefs(tx, actor.tenantId, row);
    const { version, departments, ...fields } = patch;
    const comparator = fields.comparator ?? before.comparator;
    // switching away from `range` drops the upper bound unless one is given
    const valueMax = fields.valueMax !== undefined ? fields.valueMax : comparator === 'range' ? before.valueMax : null;
    const merged = { indicator: fields.indicator ?? before.indicator, comparator, value: fields.value ?? before.value, valueMax };
    const problems = targetProblems(merged);
    if (problems.length) throw fieldErrors(problems);
    const after = await updateTargetIfVersion(tx, actor.tenantId, targetId, version, {
      ...fields,
      valueMax,
      origin: row.origin === 'extracted' ? 'edited' : row.origin,
    });
    if (!after) throw conflict();
    if (departments) await replaceTargetDepartments(tx, actor.tenantId, targetId, await checkDepartments(tx, actor.tenantId, departments));
    const item = await targetWithRefs(tx, actor.tenantId, after);
    await writeAudit(tx, { actor, action: 'target.update', entityType: 'target', entityId: targetId, before, after: item });
    return item;
  });
}

export async function deleteTarget(db: Db, actor: Actor, planId: number, targetId: number, version: number): Promise<void> {
  assertCan(actor, 'targets:manage');
  await db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    const row = await selectTarget(tx, actor.tenantId, planId, targetId, true);
    if (!row) throw targetNotFound();
    if (row.version !== version) throw conflict();
    const before = await targetWithRefs(tx, actor.tenantId, row);
    if (!(await deleteTargetIfVersion(tx, actor.tenantId, targetId, version))) throw conflict();
    await writeAudit(tx, { actor, action: 'target.delete', entityType: 'target', entityId: targetId, before });
  });
}

export async function createTask(db: Db, actor: Actor, planId: number, input: CreateTaskBody): Promise<TaskItem> {
  assertCan(actor, 'plans:manage');
  return db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    if (input.span) {
      const source = await selectPlanSource(tx, actor.tenantId, planId);
      if (input.span[0] > input.span[1] || input.span[1] > (source?.text.length ?? 0)) throw fieldErrors([{ field: 'span', message: '原文位置超出文档范围' }]);
    }
    const deps = await checkDepartments(tx, actor.tenantId, input.departments ?? []);
    const [row] = await insertTasks(tx, [
      {
        tenantId: actor.tenantId,
        planId,
        marker: input.marker ?? null,
        title: input.title,
        deadlineText: input.deadlineText ?? null,
        dueDate: input.dueDate ?? null,
        spanStart: input.span?.[0] ?? null,
        spanEnd: input.span?.[1] ?? null,
        sortOrder: await nextSortOrder(tx, 'tasks', actor.tenantId, planId),
        origin: 'manual',
      },
    ]);
    await replaceTaskDepartments(tx, actor.tenantId, row.id, deps);
    const item = await taskWithRefs(tx, actor.tenantId, row);
    await writeAudit(tx, { actor, action: 'task.create', entityType: 'task', entityId: row.id, after: item });
    return item;
  });
}

export async function updateTask(db: Db, actor: Actor, planId: number, taskId: number, patch: UpdateTaskBody): Promise<TaskItem> {
  assertCan(actor, 'plans:manage');
  return db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    const row = await selectTask(tx, actor.tenantId, planId, taskId, true);
    if (!row) throw taskNotFound();
    if (row.version !== patch.version) throw conflict();
    const before = await taskWithRefs(tx, actor.tenantId, row);
    const { version, departments, ...fields } = patch;
    const after = await updateTaskIfVersion(tx, actor.tenantId, taskId, version, {
      ...fields,
      origin: row.origin === 'extracted' ? 'edited' : row.origin,
    });
    if (!after) throw conflict();
    if (departments) await replaceTaskDepartments(tx, actor.tenantId, taskId, await checkDepartments(tx, actor.tenantId, departments));
    const item = await taskWithRefs(tx, actor.tenantId, after);
    await writeAudit(tx, { actor, action: 'task.update', entityType: 'task', entityId: taskId, before, after: item });
    return item;
  });
}

export async function deleteTask(db: Db, actor: Actor, planId: number, taskId: number, version: number): Promise<void> {
  assertCan(actor, 'plans:manage');
  await db.transaction(async (tx) => {
    await editablePlan(tx, actor, planId);
    const row = await selectTask(tx, actor.tenantId, planId, taskId, true);
    if (!row) throw taskNotFound();
    if (row.version !== version) throw conflict();
    const before = await taskWithRefs(tx, actor.tenantId, row);
    if (!(await deleteTaskIfVersion(tx, actor.tenantId, taskId, version))) throw conflict();
    await writeAudit(tx, { actor, action: 'task.delete', entityType: 'task', entityId: taskId, before });
  });
}
