// SQL of follow-up tasks. Every query filters by tenant.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { departments } from '../../org/departments/tables';
import { plans } from '../tables';
import { planFollowUps, planFollowUpSettings, type FollowUpRow } from './tables';

export type FollowUpWithNames = FollowUpRow & { planTitle: string; departmentName: string };

const withNames = {
  row: planFollowUps,
  planTitle: plans.title,
  departmentName: departments.name,
};

function joined(db: DbOrTx) {
  return db
    .select(withNames)
    .from(planFollowUps)
    .innerJoin(plans, and(eq(plans.tenantId, planFollowUps.tenantId), eq(plans.id, planFollowUps.planId)))
    .innerJoin(departments, and(eq(departments.tenantId, planFollowUps.tenantId), eq(departments.id, planFollowUps.departmentId)));
}

const flat = (r: { row: FollowUpRow; planTitle: string; departmentName: string }): FollowUpWithNames => ({ ...r.row, planTitle: r.planTitle, departmentName: r.departmentName });

export async function insertFollowUp(db: DbOrTx, row: typeof planFollowUps.$inferInsert): Promise<FollowUpRow> {
  const [r] = await db.insert(planFollowUps).values(row).returning();
  return r!;
}

export async function selectFollowUp(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<FollowUpRow | null> {
  const q = db.select().from(planFollowUps).where(and(eq(planFollowUps.tenantId, tenantId), eq(planFollowUps.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function selectOpenFollowUpOf(db: DbOrTx, tenantId: number, kind: string, sourceId: number): Promise<FollowUpRow | null> {
  const [r] = await db
    .select()
    .from(planFollowUps)
    .where(and(eq(planFollowUps.tenantId, tenantId), eq(planFollowUps.sourceKind, kind), eq(planFollowUps.sourceId, sourceId), eq(planFollowUps.state, 'open')));
  return r ?? null;
}

/** The follow-ups of a plan (or of all plans), optionally of one department, open ones first. */
export async function selectFollowUps(db: DbOrTx, tenantId: number, opts: { planId?: number; departmentId?: number }): Promise<FollowUpWithNames[]> {
  const where = [eq(planFollowUps.tenantId, tenantId)];
  if (opts.planId !== undefined) where.push(eq(planFollowUps.planId, opts.planId));
  if (opts.departmentId !== undefined) where.push(eq(planFollowUps.departmentId, opts.departmentId));
  const rows = await joined(db)
    .where(and(...where))
    .orderBy(desc(sql`${planFollowUps.state} = 'open'`), asc(planFollowUps.dueDate), desc(planFollowUps.id));
  return rows.map(flat);
}

/** The follow-ups of some records of one kind (the record side of the link). */
export async function selectFollowUpsOfSources(db: DbOrTx, tenantId: number, kind: string, ids: number[]): Promise<FollowUpWithNames[]> {
  if (!ids.length) return [];
  const out: FollowUpWithNames[] = [];
  // batches keep the bind parameters far below PostgreSQL's 65 535
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    const rows = await joined(db)
      .where(and(eq(planFollowUps.tenantId, tenantId), eq(planFollowUps.sourceKind, kind), inArray(planFollowUps.sourceId, part)))
      .orderBy(asc(planFollowUps.id));
    out.push(...rows.map(flat));
  }
  return out;
}

export async function closeFollowUpRow(db: DbOrTx, tenantId: number, id: number, version: number, values: Partial<typeof planFollowUps.$inferInsert>): Promise<FollowUpRow | null> {
  const [r] = await db
    .update(planFollowUps)
    .set({ ...values, state: 'closed', version: version + 1 })
    .where(and(eq(planFollowUps.tenantId, tenantId), eq(planFollowUps.id, id), eq(planFollowUps.version, version), eq(planFollowUps.state, 'open')))
    .returning();
  return r ?? null;
}

// --- the plan to open follow-ups in ------------------------------------------------------------------

export async function selectFollowUpSettings(db: DbOrTx, tenantId: number) {
  const [r] = await db.select().from(planFollowUpSettings).where(eq(planFollowUpSettings.tenantId, tenantId));
  return r ?? null;
}

export async function upsertFollowUpSettings(db: DbOrTx, tenantId: number, defaultPlanId: number | null, expectedVersion: number) {
  if (expectedVersion === 0) {
    const [r] = await db.insert(planFollowUpSettings).values({ tenantId, defaultPlanId }).onConflictDoNothing().returning();
    return r ?? null;
  }
  const [r] = await db
    .update(planFollowUpSettings)
    .set({ defaultPlanId, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(eq(planFollowUpSettings.tenantId, tenantId), eq(planFollowUpSettings.version, expectedVersion)))
    .returning();
  return r ?? null;
}

/** The most recently published plan that is not archived (the default when none is chosen). */
export async function selectLatestPublishedPlan(db: DbOrTx, tenantId: number) {
  const [r] = await db
    .select({ id: plans.id, title: plans.title, status: plans.status })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.status, 'published')))
    .orderBy(desc(plans.publishedAt), desc(plans.id))
    .limit(1);
  return r ?? null;
}

export async function selectPlanForFollowUp(db: DbOrTx, tenantId: number, id: number) {
  const [r] = await db
    .select({ id: plans.id, title: plans.title, status: plans.status })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id), ne(plans.status, 'archived')));
  return r ?? null;
}

export async function selectDepartmentName(db: DbOrTx, tenantId: number, id: number): Promise<string | null> {
  const [r] = await db.select({ name: departments.name }).from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  return r?.name ?? null;
}
