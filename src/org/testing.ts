// Test helpers of the organisation for database tests of any domain (the databases come from
// src/core/db/testing.ts).
import crypto from 'node:crypto';
import type { Db } from '../core/db/index';
import { systemActor, type Actor } from './auth/model';
import { createTenant } from './tenancy/service';

/**
 * A new tenant (on a real county code) for a test, with its system admin actor. Suites sharing one
 * database make one tenant per test to stay independent.
 */
export async function makeTenant(
  db: Db,
  name = `测试区-${crypto.randomBytes(3).toString('hex')}`,
  regionCode = '330902',
): Promise<{ tenantId: number; admin: Actor }> {
  const t = await createTenant(db, { name, regionCode });
  return { tenantId: t.id, admin: systemActor(t.id, '测试管理员') };
}
