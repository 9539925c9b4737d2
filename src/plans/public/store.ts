// SQL of the public plan page: published plans of one tenant. Every query filters by tenant.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { plans, type PlanRow } from '../tables';

export async function selectPublishedPlanList(db: DbOrTx, tenantId: number): Promise<PlanRow[]> {
  return db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.status, 'published')))
    .orderBy(desc(plans.publishedAt), asc(plans.id));
}

export async function selectPublishedPlan(db: DbOrTx, tenantId: number, id: number): Promise<PlanRow | undefined> {
  const [p] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id), eq(plans.status, 'published')));
  return p;
}
