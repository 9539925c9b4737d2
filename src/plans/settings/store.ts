// SQL of the plan-loop settings: one row per tenant (absent = defaults).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { planSettings, type PlanSettingsRow } from '../tables';

export async function selectPlanSettings(db: DbOrTx, tenantId: number, forUpdate = false): Promise<PlanSettingsRow | null> {
  const q = db.select().from(planSettings).where(eq(planSettings.tenantId, tenantId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertPlanSettings(db: DbOrTx, values: { tenantId: number; reportingGraceDays: number; unitNames: string[] }): Promise<PlanSettingsRow | null> {
  const [row] = await db.insert(planSettings).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updatePlanSettingsIfVersion(
  db: DbOrTx,
  tenantId: number,
  version: number,
  values: { reportingGraceDays: number; unitNames: string[] },
): Promise<PlanSettingsRow | null> {
  const [row] = await db
    .update(planSettings)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(planSettings.tenantId, tenantId), eq(planSettings.version, version)))
    .returning();
  return row ?? null;
}
