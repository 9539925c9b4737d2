// SQL of the plans domain. Every query filters by tenant.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import { preparedOnce } from '../core/db/prepared';
import { departments } from '../org/departments/tables';
import type { AuditNameQuery } from '../org/audit/names';
import {
  notices,
  planDepartments,
  plans,
  planSources,
  progressReports,
  reportingPeriods,
  targetDepartments,
  targets,
  taskDepartments,
  tasks,
  type PlanRow,
  type PlanSourceRow,
  type TargetRow,
  type TaskRow,
} from './tables';

export interface ItemDepartmentRow {
  itemId: number;
  departmentId: number;
  name: string;
  role: string;
  sortOrder: number;
}

const CHUNK = 500;

async function chunked<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

// --- plans ------------------------------------------------------------------------------------------

export async function insertPlan(db: DbOrTx, row: typeof plans.$inferInsert): Promise<PlanRow> {
  const [p] = await db.insert(plans).values(row).returning();
  return p;
}

export async function insertPlanSource(db: DbOrTx, row: typeof planSources.$inferInsert): Promise<void> {
  await db.insert(planSources).values(row);
}

/** Plans by id (any order), in chunks. */
export async function selectPlansByIds(db: DbOrTx, tenantId: number, ids: number[]): Promise<PlanRow[]> {
  return chunked(ids, (part) => db.select().from(plans).where(and(eq(plans.tenantId, tenantId), inArray(plans.id, part))));
}

/** The targets of several plans at once, in each plan's order. */
export async function selectTargetsOfPlans(db: DbOrTx, tenantId: number, planIds: number[]): Promise<TargetRow[]> {
  return chunked(planIds, (part) =>
    db
      .select()
      .from(targets)
      .where(and(eq(targets.tenantId, tenantId), inArray(targets.planId, part)))
      .orderBy(asc(targets.planId), asc(targets.sortOrder), asc(targets.id)),
  );
}

export async function selectPlan(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<PlanRow | undefined> {
  const q = db.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
  const [p] = forUpdate ? await q.for('update') : await q;
  return p;
}

export async function selectPlanSource(db: DbOrTx, tenantId: number, planId: number): Promise<PlanSourceRow | undefined> {
  const [s] = await db
    .select()
    .from(planSources)
    .where(and(eq(planSources.tenantId, tenantId), eq(planSources.planId, planId)));
  return s;
}

/** Plans of the tenant imported from a file with this hash, oldest first. */
/** Which of these source hashes the tenant has a plan of. */
export async function selectImportedShas(db: DbOrTx, tenantId: number, shas: string[]): Promise<Set<string>> {
  if (!shas.length) return new Set();
  const rows = await db
    .selectDistinct({ sha256: planSources.sha256 })
    .from(planSources)
    .where(and(eq(planSources.tenantId, tenantId), inArray(planSources.sha256, shas)));
  return new Set(rows.map((r) => r.sha256));
}

export async function selectPlansBySha(
  db: DbOrTx,
  tenantId: number,
  sha256: string,
): Promise<{ id: number; title: string; status: string; createdAt: Date }[]> {
  return db
    .select({ id: plans.id, title: plans.title, status: plans.status, createdAt: plans.createdAt })
    .from(planSources)
    .innerJoin(plans, and(eq(plans.tenantId, planSources.tenantId), eq(plans.id, planSources.planId)))
    .where(and(eq(planSources.tenantId, tenantId), eq(planSources.sha256, sha256)))
    .orderBy(asc(plans.id));
}

/** A condition: the target is assigned to this department. */
const targetOfDepartment = (tenantId: number, departmentId: number) =>
  sql`exists (select 1 from ${targetDepartments} td where td.tenant_id = ${tenantId} and td.target_id = ${targets.id} and td.department_id = ${departmentId})`;
const taskOfDepartment = (tenantId: number, departmentId: number) =>
  sql`exists (select 1 from ${taskDepartments} kd where kd.tenant_id = ${tenantId} and kd.task_id = ${tasks.id} and kd.department_id = ${departmentId})`;

/** A plan of the list: its row without the outline, topics and extraction, its counts, its file. */
export type PlanListRow = Omit<PlanRow, 'topics' | 'outline' | 'targetCount' | 'taskCount' | 'departmentCount'> & {
  targetCount: number;
  taskCount: number;
  departmentCount: number;
  fileName: string | null;
};

/**
 * The tenant's plans, newest first, with counts. With `departmentId`: only plans that give that
 * department a target or a task, and the counts of its own items.
 *
 * The counts are read, not counted: the plan row holds its targets, tasks and departments, and
 * plan_departments each department's own, both kept by triggers in the transaction of every write
 * to the items (decision 044; before, each page counted its plans' items through ~15 item rows each).
 */
export async function selectPlanList(
  db: DbOrTx,
  tenantId: number,
  opts: { statuses?: string[]; search?: string; departmentId?: number; limit: number; offset: number },
): Promise<{ rows: PlanListRow[]; total: number }> {
  // prepared once per shape (statuses, a department or not) unless searching (decision 038)
  const withDep = opts.departmentId !== undefined;
  const prepared = opts.search
    ? undefined
    : preparedOnce(db, `plan_list_${(opts.statuses ?? []).join('_')}${withDep ? '_dep' : ''}`, () =>
        planListSelect(db, sql.placeholder('tenantId'), { statuses: opts.statuses, departmentId: withDep ? sql.placeholder('dep') : undefined, limit: sql.placeholder('limit'), offset: sql.placeholder('offset') }),
        { named: false }, // planned for its LIMIT and OFFSET each time: a generic plan for any page was slower
      );
  const page = prepared
    ? await prepared.execute({ tenantId, dep: opts.departmentId, limit: opts.limit, offset: opts.offset })
    : await planListSelect(db, tenantId, opts);
  let total = page[0]?.total ?? 0;
  if (page.length === 0 && opts.offset > 0) {
    const q = withDep
      ? db.select({ n: sql<number>`count(*)::int` }).from(plans).innerJoin(planDepartments, planDepartmentJoin(opts.departmentId!))
      : db.select({ n: sql<number>`count(*)::int` }).from(plans);
    const [c] = await q.where(and(...planListConds(tenantId, opts)));
    total = c.n;
  }
  // the rows as drizzle mapped them (their \`total\` beside; the service copies the fields it answers)
  return { rows: page, total };
}

type Val = number | SQLWrapper;

/** The plan list's conditions on plans (tenant, statuses, search). */
function planListConds(tenantId: Val, opts: { statuses?: string[]; search?: string }): SQL[] {
  const conds: SQL[] = [eq(plans.tenantId, tenantId)];
  if (opts.statuses?.length) conds.push(inArray(plans.status, opts.statuses));
  if (opts.search) {
    const like = `%${opts.search.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(ilike(plans.title, like), ilike(plans.documentNumber, like), ilike(plans.issuer, like))!);
  }
  return conds;
}

/** A department user's plans: those with a plan_departments row of its own (a target or a task). */
const planDepartmentJoin = (dep: Val) =>
  and(eq(planDepartments.tenantId, plans.tenantId), eq(planDepartments.planId, plans.id), eq(planDepartments.departmentId, dep));

const sourceJoin = and(eq(planSources.tenantId, plans.tenantId), eq(planSources.planId, plans.id));

/** The columns of the list (not the outline and topics, which can be large and which it does not show). */
const planListColumns = {
  tenantId: plans.tenantId,
  id: plans.id,
  title: plans.title,
  issuer: plans.issuer,
  documentNumber: plans.documentNumber,
  indexNumber: plans.indexNumber,
  writtenDate: plans.writtenDate,
  publishedDate: plans.publishedDate,
  periodStartYear: plans.periodStartYear,
  periodEndYear: plans.periodEndYear,
  region: plans.region,
  regionCode: plans.regionCode,
  topicCategory: plans.topicCategory,
  topicSubcategory: plans.topicSubcategory,
  status: plans.status,
  reportingCycle: plans.reportingCycle,
  reportDueWorkingDays: plans.reportDueWorkingDays,
  warningMarginPct: plans.warningMarginPct,
  publishedAt: plans.publishedAt,
  archivedAt: plans.archivedAt,
  createdBy: plans.createdBy,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
  version: plans.version,
};

/** The plan list's statement; the values may be placeholders (prepared once, preparedOnce). */
function planListSelect(db: DbOrTx, tenantId: Val, opts: { statuses?: string[]; search?: string; departmentId?: Val; limit: Val; offset: Val }) {
  const conds = planListConds(tenantId, opts);
  const dep = opts.departmentId;
  // the page in the order of plans_created_idx and the total (an uncorrelated subquery, counted once;
  // its tables are its own: aliased so that they are not the outer query's)
  if (dep === undefined) {
    return db
      .select({
        ...planListColumns,
        targetCount: plans.targetCount,
        taskCount: plans.taskCount,
        departmentCount: plans.departmentCount,
        fileName: planSources.fileName,
        total: sql<number>`(select count(*)::int from ${plans} where ${and(...conds)})`.mapWith(Number),
      })
      .from(plans)
      .leftJoin(planSources, sourceJoin)
      .where(and(...conds))
      .orderBy(desc(plans.createdAt), desc(plans.id))
      .limit(opts.limit as number)
      .offset(opts.offset as number);
  }
  return db
    .select({
      ...planListColumns,
      targetCount: planDepartments.targetCount,
      taskCount: planDepartments.taskCount,
      // the department itself (as before: its own items name it)
      departmentCount: sql<number>`1`.mapWith(Number),
      fileName: planSources.fileName,
      total: sql<number>`(select count(*)::int from ${plans} join ${planDepartments} on ${planDepartmentJoin(dep)} where ${and(...conds)})`.mapWith(Number),
    })
    .from(plans)
    .innerJoin(planDepartments, planDepartmentJoin(dep))
    .leftJoin(planSources, sourceJoin)
    .where(and(...conds))
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(opts.limit as number)
    .offset(opts.offset as number);
}

export async function updatePlanIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof plans.$inferInsert>,
): Promise<PlanRow | undefined> {
  const [p] = await db
    .update(plans)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id), eq(plans.version, version)))
    .returning();
  return p;
}

/** Whether the plan has at least one target or task. */
export async function planHasItems(db: DbOrTx, tenantId: number, planId: number): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`select (
      exists (select 1 from ${targets} t where t.tenant_id = ${tenantId} and t.plan_id = ${planId})
   or exists (select 1 from ${tasks} k where k.tenant_id = ${tenantId} and k.plan_id = ${planId})) as ok`);
  return Boolean(r.rows[0]?.ok);
}

/** Whether a department has any target or task in the plan. */
export async function planHasDepartment(db: DbOrTx, tenantId: number, planId: number, departmentId: number): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`select (
      exists (select 1 from ${targets} t join ${targetDepartments} td on td.tenant_id = t.tenant_id and td.target_id = t.id
               where t.tenant_id = ${tenantId} and t.plan_id = ${planId} and td.department_id = ${departmentId})
   or exists (select 1 from ${tasks} k join ${taskDepartments} kd on kd.tenant_id = k.tenant_id and kd.task_id = k.id
               where k.tenant_id = ${tenantId} and k.plan_id = ${planId} and kd.department_id = ${departmentId})) as ok`);
  return Boolean(r.rows[0]?.ok);
}

// --- targets ------------------------------------------------------------------------------------------

export async function insertTargets(db: DbOrTx, rows: (typeof targets.$inferInsert)[]): Promise<TargetRow[]> {
  if (rows.length === 0) return [];
  return chunked(rows, (c) => db.insert(targets).values(c).returning());
}

export async function insertTargetDepartments(db: DbOrTx, rows: (typeof targetDepartments.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await chunked(rows, async (c) => {
    await db.insert(targetDepartments).values(c).onConflictDoNothing();
    return [];
  });
}

export async function selectTargets(db: DbOrTx, tenantId: number, planId: number, departmentId?: number): Promise<TargetRow[]> {
  const conds: SQL[] = [eq(targets.tenantId, tenantId), eq(targets.planId, planId)];
  if (departmentId !== undefined) conds.push(targetOfDepartment(tenantId, departmentId));
  return db
    .select()
    .from(targets)
    .where(and(...conds))
    .orderBy(asc(targets.sortOrder), asc(targets.id));
}

export async function selectTarget(db: DbOrTx, tenantId: number, planId: number, id: number, forUpdate = false): Promise<TargetRow | undefined> {
  const q = db
    .select()
    .from(targets)
    .where(and(eq(targets.tenantId, tenantId), eq(targets.planId, planId), eq(targets.id, id)));
  const [t] = forUpdate ? await q.for('update') : await q;
  return t;
}

export async function selectTargetDepartments(db: DbOrTx, tenantId: number, targetIds: number[]): Promise<ItemDepartmentRow[]> {
  if (targetIds.length === 0) return [];
  return chunked(targetIds, (c) =>
    db
      .select({
        itemId: targetDepartments.targetId,
        departmentId: targetDepartments.departmentId,
        name: departments.name,
        role: targetDepartments.role,
        sortOrder: targetDepartments.sortOrder,
      })
      .from(targetDepartments)
      .innerJoin(departments, and(eq(departments.tenantId, targetDepartments.tenantId), eq(departments.id, targetDepartments.departmentId)))
      .where(and(eq(targetDepartments.tenantId, tenantId), inArray(targetDepartments.targetId, c)))
      .orderBy(asc(targetDepartments.targetId), asc(targetDepartments.sortOrder)),
  );
}

export async function updateTargetIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof targets.$inferInsert>,
): Promise<TargetRow | undefined> {
  const [t] = await db
    .update(targets)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(targets.tenantId, tenantId), eq(targets.id, id), eq(targets.version, version)))
    .returning();
  return t;
}

export async function replaceTargetDepartments(
  db: DbOrTx,
  tenantId: number,
  targetId: number,
  rows: { departmentId: number; role: string }[],
): Promise<void> {
  await db.delete(targetDepartments).where(and(eq(targetDepartments.tenantId, tenantId), eq(targetDepartments.targetId, targetId)));
  await insertTargetDepartments(
    db,
    rows.map((r, i) => ({ tenantId, targetId, departmentId: r.departmentId, role: r.role, sortOrder: i })),
  );
}

export async function deleteTargetIfVersion(db: DbOrTx, tenantId: number, id: number, version: number): Promise<TargetRow | undefined> {
  const [t] = await db
    .delete(targets)
    .where(and(eq(targets.tenantId, tenantId), eq(targets.id, id), eq(targets.version, version)))
    .returning();
  return t;
}

// --- tasks ------------------------------------------------------------------------------------------------

export async function insertTasks(db: DbOrTx, rows: (typeof tasks.$inferInsert)[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return chunked(rows, (c) => db.insert(tasks).values(c).returning());
}

export async function insertTaskDepartments(db: DbOrTx, rows: (typeof taskDepartments.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await chunked(rows, async (c) => {
    await db.insert(taskDepartments).values(c).onConflictDoNothing();
    return [];
  });
}

export async function selectTasks(db: DbOrTx, tenantId: number, planId: number, departmentId?: number): Promise<TaskRow[]> {
  const conds: SQL[] = [eq(tasks.tenantId, tenantId), eq(tasks.planId, planId)];
  if (departmentId !== undefined) conds.push(taskOfDepartment(tenantId, departmentId));
  return db
    .select()
    .from(tasks)
    .where(and(...conds))
    .orderBy(asc(tasks.sortOrder), asc(tasks.id));
}

export async function selectTask(db: DbOrTx, tenantId: number, planId: number, id: number, forUpdate = false): Promise<TaskRow | undefined> {
  const q = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.planId, planId), eq(tasks.id, id)));
  const [t] = forUpdate ? await q.for('update') : await q;
  return t;
}

export async function selectTaskDepartments(db: DbOrTx, tenantId: number, taskIds: number[]): Promise<ItemDepartmentRow[]> {
  if (taskIds.length === 0) return [];
  return chunked(taskIds, (c) =>
    db
      .select({
        itemId: taskDepartments.taskId,
        departmentId: taskDepartments.departmentId,
        name: departments.name,
        role: taskDepartments.role,
        sortOrder: taskDepartments.sortOrder,
      })
      .from(taskDepartments)
      .innerJoin(departments, and(eq(departments.tenantId, taskDepartments.tenantId), eq(departments.id, taskDepartments.departmentId)))
      .where(and(eq(taskDepartments.tenantId, tenantId), inArray(taskDepartments.taskId, c)))
      .orderBy(asc(taskDepartments.taskId), asc(taskDepartments.sortOrder)),
  );
}

/**
 * The responsible departments of a plan's targets and of its tasks, in one query (each list in item
 * and sort order, as selectTargetDepartments / selectTaskDepartments give them); callers keep the
 * rows of the items they show.
 */
export async function selectItemDepartmentsOfPlan(
  db: DbOrTx,
  tenantId: number,
  planId: number,
): Promise<{ targets: ItemDepartmentRow[]; tasks: ItemDepartmentRow[] }> {
  const { rows } = await db.execute(sql`
    select 'target' as kind, td.target_id as item_id, td.department_id, d.name, td.role, td.sort_order
    from ${targets} t
    join ${targetDepartments} td on td.tenant_id = t.tenant_id and td.target_id = t.id
    join ${departments} d on d.tenant_id = td.tenant_id and d.id = td.department_id
    where t.tenant_id = ${tenantId} and t.plan_id = ${planId}
    union all
    select 'task', kd.task_id, kd.department_id, d.name, kd.role, kd.sort_order
    from ${tasks} k
    join ${taskDepartments} kd on kd.tenant_id = k.tenant_id and kd.task_id = k.id
    join ${departments} d on d.tenant_id = kd.tenant_id and d.id = kd.department_id
    where k.tenant_id = ${tenantId} and k.plan_id = ${planId}
    order by 1, 2, 6`);
  const out = { targets: [] as ItemDepartmentRow[], tasks: [] as ItemDepartmentRow[] };
  for (const x of rows as Record<string, unknown>[]) {
    const row = { itemId: Number(x.item_id), departmentId: Number(x.department_id), name: String(x.name), role: String(x.role), sortOrder: Number(x.sort_order) };
    (x.kind === 'target' ? out.targets : out.tasks).push(row);
  }
  return out;
}

export async function updateTaskIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof tasks.$inferInsert>,
): Promise<TaskRow | undefined> {
  const [t] = await db
    .update(tasks)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id), eq(tasks.version, version)))
    .returning();
  return t;
}

export async function replaceTaskDepartments(
  db: DbOrTx,
  tenantId: number,
  taskId: number,
  rows: { departmentId: number; role: string }[],
): Promise<void> {
  await db.delete(taskDepartments).where(and(eq(taskDepartments.tenantId, tenantId), eq(taskDepartments.taskId, taskId)));
  await insertTaskDepartments(
    db,
    rows.map((r, i) => ({ tenantId, taskId, departmentId: r.departmentId, role: r.role, sortOrder: i })),
  );
}

export async function deleteTaskIfVersion(db: DbOrTx, tenantId: number, id: number, version: number): Promise<TaskRow | undefined> {
  const [t] = await db
    .delete(tasks)
    .where(and(eq(tasks.tenantId, tenantId), eq(tasks.id, id), eq(tasks.version, version)))
    .returning();
  return t;
}

/** Next sort order for an item appended to a plan. */
export async function nextSortOrder(db: DbOrTx, table: 'targets' | 'tasks', tenantId: number, planId: number): Promise<number> {
  const t = table === 'targets' ? targets : tasks;
  const [r] = await db
    .select({ n: sql<number>`coalesce(max(${t.sortOrder}), -1)::int + 1` })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.planId, planId)));
  return r?.n ?? 0;
}

/** Ids among `ids` that are departments (active or not) of the tenant. */
export async function existingDepartmentIds(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, { name: string; active: boolean }>> {
  const out = new Map<number, { name: string; active: boolean }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: departments.id, name: departments.name, active: departments.active })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), inArray(departments.id, ids)));
  for (const r of rows) out.set(r.id, { name: r.name, active: r.active });
  return out;
}


/**
 * How the audit log names this domain's objects (registered with org/audit/names.ts at assembly):
 * a plan by its title, a target by its indicator, a task by its text, each with its plan's title; a
 * notice by its title; a progress report by department and period.
 */
export const planAuditNameQueries: Record<string, AuditNameQuery> = {
  plan: (tenantId, ids) =>
    sql`select ${plans.id}::text as entity_id, ${plans.title} as name from ${plans} where ${and(eq(plans.tenantId, tenantId), inArray(plans.id, ids))}`,
  target: (tenantId, ids) =>
    sql`select ${targets.id}::text as entity_id, ${targets.indicator} || '（' || ${plans.title} || '）' as name
        from ${targets} join ${plans} on ${plans.tenantId} = ${targets.tenantId} and ${plans.id} = ${targets.planId}
        where ${and(eq(targets.tenantId, tenantId), inArray(targets.id, ids))}`,
  task: (tenantId, ids) =>
    sql`select ${tasks.id}::text as entity_id, coalesce(${tasks.marker} || ' ', '') || ${tasks.title} || '（' || ${plans.title} || '）' as name
        from ${tasks} join ${plans} on ${plans.tenantId} = ${tasks.tenantId} and ${plans.id} = ${tasks.planId}
        where ${and(eq(tasks.tenantId, tenantId), inArray(tasks.id, ids))}`,
  notice: (tenantId, ids) =>
    sql`select ${notices.id}::text as entity_id, ${notices.title} as name from ${notices} where ${and(eq(notices.tenantId, tenantId), inArray(notices.id, ids))}`,
  progress_report: (tenantId, ids) =>
    sql`select ${progressReports.id}::text as entity_id, ${departments.name} || ' ' || ${reportingPeriods.label} || '报送（' || ${plans.title} || '）' as name
        from ${progressReports}
        join ${departments} on ${departments.tenantId} = ${progressReports.tenantId} and ${departments.id} = ${progressReports.departmentId}
        join ${reportingPeriods} on ${reportingPeriods.tenantId} = ${progressReports.tenantId} and ${reportingPeriods.id} = ${progressReports.periodId}
        join ${plans} on ${plans.tenantId} = ${progressReports.tenantId} and ${plans.id} = ${progressReports.planId}
        where ${and(eq(progressReports.tenantId, tenantId), inArray(progressReports.id, ids))}`,
};

// --- a plan's page in one statement --------------------------------------------------------------------

const depTargetCond = (tenantId: unknown, departmentId: unknown) =>
  departmentId === undefined ? sql`` : sql` and exists (select 1 from target_departments td where td.tenant_id = ${tenantId} and td.target_id = t.id and td.department_id = ${departmentId})`;
const depTaskCond = (tenantId: unknown, departmentId: unknown) =>
  departmentId === undefined ? sql`` : sql` and exists (select 1 from task_departments kd where kd.tenant_id = ${tenantId} and kd.task_id = k.id and kd.department_id = ${departmentId})`;
const ts = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const jsonOf = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * A plan with what its page shows, in one statement (it was five; issue 7): the plan row, its source
 * document (without the stored extraction), its targets and tasks (a department's own when
 * `departmentId` is given; the caller checks that the department may see the plan) and the
 * departments of all its items. The parts are the queries of selectPlan, selectPlanSource,
 * selectTargets, selectTasks and selectItemDepartmentsOfPlan, as JSON aggregates in the same order;
 * timestamps travel as their text, as the driver gives them. Undefined: no such plan.
 */
export async function selectPlanDetailData(db: DbOrTx, tenantId: number, planId: number, departmentId?: number) {
  const withDep = departmentId !== undefined;
  const prepared = preparedOnce(db, withDep ? 'plan_detail_dep' : 'plan_detail', () =>
    planDetailSelect(db, sql.placeholder('tenantId'), sql.placeholder('planId'), withDep ? sql.placeholder('dep') : undefined),
  );
  const [r] = prepared ? await prepared.execute({ tenantId, planId, dep: departmentId }) : await planDetailSelect(db, tenantId, planId, departmentId);
  return r ? planDetailOf(r, tenantId) : undefined;
}

/** The statement of selectPlanDetailData; the values may be placeholders (prepared once, preparedOnce). */
function planDetailSelect(db: DbOrTx, tenantId: number | SQLWrapper, planId: number | SQLWrapper, departmentId: number | SQLWrapper | undefined) {
  return db
    .select({
      plan: plans,
      source: sql<unknown>`(select json_build_object('sha256', s.sha256, 'fileName', s.file_name, 'format', s.format, 'encoding', s.encoding,
          'normalizations', s.normalizations, 'sizeBytes', s.size_bytes, 'text', s.text)
        from plan_sources s where s.tenant_id = ${tenantId} and s.plan_id = ${planId})`,
      targets: sql<unknown>`(select coalesce(json_agg(json_build_object('id', t.id, 'planId', t.plan_id, 'indicator', t.indicator, 'comparator', t.comparator,
          'value', t.value, 'valueMax', t.value_max, 'unit', t.unit, 'kind', t.kind, 'deadlineYear', t.deadline_year, 'baselineValue', t.baseline_value,
          'baselineDate', t.baseline_date::text, 'tolerance', t.tolerance, 'spanStart', t.span_start, 'spanEnd', t.span_end, 'sortOrder', t.sort_order,
          'origin', t.origin, 'createdAt', t.created_at::text, 'updatedAt', t.updated_at::text, 'version', t.version) order by t.sort_order, t.id), '[]')
        from targets t where t.tenant_id = ${tenantId} and t.plan_id = ${planId}${depTargetCond(tenantId, departmentId)})`,
      tasks: sql<unknown>`(select coalesce(json_agg(json_build_object('id', k.id, 'planId', k.plan_id, 'marker', k.marker, 'title', k.title,
          'spanStart', k.span_start, 'spanEnd', k.span_end, 'deadlineText', k.deadline_text, 'dueDate', k.due_date::text, 'sortOrder', k.sort_order,
          'origin', k.origin, 'createdAt', k.created_at::text, 'updatedAt', k.updated_at::text, 'version', k.version) order by k.sort_order, k.id), '[]')
        from tasks k where k.tenant_id = ${tenantId} and k.plan_id = ${planId}${depTaskCond(tenantId, departmentId)})`,
      refs: sql<unknown>`(select coalesce(json_agg(json_build_object('kind', x.kind, 'itemId', x.item_id, 'departmentId', x.department_id, 'name', x.name,
          'role', x.role, 'sortOrder', x.sort_order) order by x.kind, x.item_id, x.sort_order), '[]')
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
              where k.tenant_id = ${tenantId} and k.plan_id = ${planId}) x)`,
    })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId)));
}

function planDetailOf(r: Awaited<ReturnType<typeof planDetailSelect>>[number], tenantId: number) {
  type Raw = Record<string, unknown>;
  const s = jsonOf<Raw | null>(r.source);
  const refs = { targets: [] as ItemDepartmentRow[], tasks: [] as ItemDepartmentRow[] };
  for (const x of jsonOf<Raw[]>(r.refs)) {
    const row = { itemId: Number(x.itemId), departmentId: Number(x.departmentId), name: String(x.name), role: String(x.role), sortOrder: Number(x.sortOrder) };
    (x.kind === 'target' ? refs.targets : refs.tasks).push(row);
  }
  return {
    plan: r.plan,
    source: s
      ? {
          sha256: String(s.sha256),
          fileName: String(s.fileName),
          format: String(s.format),
          encoding: (s.encoding as string | null) ?? null,
          normalizations: (s.normalizations as string[] | null) ?? [],
          sizeBytes: Number(s.sizeBytes),
          text: String(s.text),
        }
      : undefined,
    targets: jsonOf<Raw[]>(r.targets).map(
      (t): TargetRow => ({
        tenantId,
        id: Number(t.id),
        planId: Number(t.planId),
        indicator: String(t.indicator),
        comparator: String(t.comparator),
        value: Number(t.value),
        valueMax: numOrNull(t.valueMax),
        unit: String(t.unit),
        kind: String(t.kind),
        deadlineYear: numOrNull(t.deadlineYear),
        baselineValue: numOrNull(t.baselineValue),
        baselineDate: (t.baselineDate as string | null) ?? null,
        tolerance: numOrNull(t.tolerance),
        spanStart: numOrNull(t.spanStart),
        spanEnd: numOrNull(t.spanEnd),
        sortOrder: Number(t.sortOrder),
        origin: String(t.origin),
        createdAt: ts(t.createdAt),
        updatedAt: ts(t.updatedAt),
        version: Number(t.version),
      }),
    ),
    tasks: jsonOf<Raw[]>(r.tasks).map(
      (k): TaskRow => ({
        tenantId,
        id: Number(k.id),
        planId: Number(k.planId),
        marker: (k.marker as string | null) ?? null,
        title: String(k.title),
        spanStart: numOrNull(k.spanStart),
        spanEnd: numOrNull(k.spanEnd),
        deadlineText: (k.deadlineText as string | null) ?? null,
        dueDate: (k.dueDate as string | null) ?? null,
        sortOrder: Number(k.sortOrder),
        origin: String(k.origin),
        createdAt: ts(k.createdAt),
        updatedAt: ts(k.updatedAt),
        version: Number(k.version),
      }),
    ),
    refs,
  };
}
