// Use cases of the plan-loop settings: read (defaults when never saved) and save (office, audited,
// version-checked).
import type { Actor } from '../../org/auth/model';
import { assertCan } from '../../org/auth/policy';
import { writeAudit } from '../../org/audit/service';
import type { Db, DbOrTx } from '../../core/db/index';
import { AppError, conflict } from '../../core/errors';
import { DEFAULT_PLAN_SETTINGS, GRACE_DAYS_MAX, type PlanSettings } from './model';
import { insertPlanSettings, selectPlanSettings, updatePlanSettingsIfVersion } from './store';

export interface StoredPlanSettings extends PlanSettings {
  /** 0: never saved, these are the defaults */
  version: number;
}

/** The settings of a tenant, defaults when never saved. No authorization (used by the rules). */
export async function readPlanSettings(db: DbOrTx, tenantId: number): Promise<StoredPlanSettings> {
  const r = await selectPlanSettings(db, tenantId);
  return r ? { reportingGraceDays: r.reportingGraceDays, unitNames: r.unitNames, version: r.version } : { ...DEFAULT_PLAN_SETTINGS, unitNames: [], version: 0 };
}

export async function getPlanSettings(db: Db, actor: Actor): Promise<StoredPlanSettings> {
  assertCan(actor, 'plans:read');
  return readPlanSettings(db, actor.tenantId);
}

/** Saves the settings (version 0 = first save). Audited in the same transaction. */
export async function savePlanSettings(db: Db, actor: Actor, input: PlanSettings & { version: number }): Promise<StoredPlanSettings> {
  assertCan(actor, 'plans:settings');
  if (!Number.isInteger(input.reportingGraceDays) || input.reportingGraceDays < 0 || input.reportingGraceDays > GRACE_DAYS_MAX) {
    throw new AppError('VALIDATION_FAILED', `宽限期应为 0–${GRACE_DAYS_MAX} 天`, 400, { fields: [{ path: 'reportingGraceDays', message: `应为 0–${GRACE_DAYS_MAX} 的整数` }] });
  }
  const unitNames = [...new Set(input.unitNames.map((n) => n.trim()).filter(Boolean))];
  return db.transaction(async (tx) => {
    const before = await selectPlanSettings(tx, actor.tenantId, true);
    if ((before?.version ?? 0) !== input.version) throw conflict();
    const values = { reportingGraceDays: input.reportingGraceDays, unitNames };
    const after = before ? await updatePlanSettingsIfVersion(tx, actor.tenantId, before.version, values) : await insertPlanSettings(tx, { tenantId: actor.tenantId, ...values });
    if (!after) throw conflict();
    await writeAudit(tx, { actor, action: 'plan_settings.update', entityType: 'plan_settings', entityId: after.id, before, after });
    return { reportingGraceDays: after.reportingGraceDays, unitNames: after.unitNames, version: after.version };
  });
}
