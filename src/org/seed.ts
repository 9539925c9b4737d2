import { sql } from 'drizzle-orm';
import type { Db } from '../core/db/index';
import { writeAudit } from './audit/service';
import { systemActor } from './auth/model';
import { hashPassword } from './auth/password';
import { insertUser } from './auth/store';
import { insertDepartment } from './departments/store';
import { insertTenant, insertTenantRegion, selectRegion, selectTenants } from './tenancy/store';
import { DEMO_ACCOUNTS, DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_TENANT, type DemoAccount } from './seed-data/demo';
import { AppError } from '../core/errors';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT, DEMO_DEPARTMENTS, type DemoAccount };

export interface SeedResult {
  /** false when the database already had a tenant: nothing was changed */
  created: boolean;
  tenantId: number;
  departments: number;
  accounts: readonly DemoAccount[];
  password: string;
}

const SEED_LOCK_KEY = 0x7a6c5f73656564n; // 'zl_seed'

/**
 * Audit actions on the demo tenant marking its content beyond the accounts (the seed plans, a
 * generated register, the 双随机 and 监督抽查 demos): written when the tenant is created by a server's
 * first start, and when that content is all in (src/server/demo.ts, decision 045). A start that
 * finds the first without the second (a server stopped while loading it) loads what is missing.
 */
export const DEMO_LOAD_START = 'demo.load.start';
export const DEMO_LOAD_FINISH = 'demo.load.finish';

/**
 * First start: creates the demo authority 示范区 with its region, departments and one account
 * per role (DEMO_ACCOUNTS, password DEMO_PASSWORD), in one transaction, audited as 系统.
 * Runs only on a database with no tenant at all; any later call changes nothing.
 * Needs migrate() first (regions loaded). `contentToFollow`: the caller loads the demo's content
 * next (the server's start): marked in the audit log (DEMO_LOAD_START), so that a stop meanwhile is resumed.
 */
export async function seedDemo(db: Db, opts: { contentToFollow?: boolean } = {}): Promise<SeedResult> {
  const already = await selectTenants(db);
  if (already.length > 0) {
    return { created: false, tenantId: already[0].id, departments: 0, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
  }
  // One hash for all the demo accounts: they share one published password, which each must change at
  // its first sign-in; argon2 for each separately was about half a second of a first start (decision 045).
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY.toString()}::bigint)`);
    const existing = await selectTenants(tx);
    if (existing.length > 0) {
      return { created: false, tenantId: existing[0].id, departments: 0, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
    }
    if (!(await selectRegion(tx, DEMO_TENANT.regionCode))) {
      throw new AppError('REGIONS_NOT_LOADED', '行政区划数据尚未加载，请先执行数据库迁移', 500);
    }
    const tenant = await insertTenant(tx, { name: DEMO_TENANT.name, regionCode: DEMO_TENANT.regionCode });
    await insertTenantRegion(tx, tenant.id, DEMO_TENANT.regionCode);
    const actor = systemActor(tenant.id);
    await writeAudit(tx, { actor, action: 'tenant.create', entityType: 'tenant', entityId: tenant.id, after: tenant });
    if (opts.contentToFollow) await writeAudit(tx, { actor, action: DEMO_LOAD_START, entityType: 'tenant', entityId: tenant.id });
    const byName = new Map<string, number>();
    for (const d of DEMO_DEPARTMENTS) {
      const row = await insertDepartment(tx, {
        tenantId: tenant.id,
        name: d.name,
        shortName: d.shortName ?? null,
        aliases: d.aliases ?? [],
        kind: d.kind ?? 'department',
        sortOrder: d.sortOrder ?? 0,
      });
      byName.set(row.name, row.id);
      await writeAudit(tx, { actor, action: 'department.create', entityType: 'department', entityId: row.id, after: row });
    }
    for (const a of DEMO_ACCOUNTS) {
      const departmentId = a.department ? byName.get(a.department) : undefined;
      if (a.department && departmentId === undefined) throw new Error(`demo department missing: ${a.department}`);
      const u = await insertUser(tx, {
        tenantId: tenant.id,
        username: a.username,
        displayName: a.displayName,
        passwordHash: hash,
        role: a.role,
        departmentId: departmentId ?? null,
        // The demo password is public (README, start banner): the first sign-in asks for a new one.
        mustChangePassword: true,
      });
      const { passwordHash: _omit, ...after } = u;
      await writeAudit(tx, { actor, action: 'user.create', entityType: 'user', entityId: u.id, after });
    }
    return { created: true, tenantId: tenant.id, departments: DEMO_DEPARTMENTS.length, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD };
  });
}
