// Test and benchmark helpers of credit: a synthetic register inserted straight into the directory's
// table (the directory's import is another room's work), and actors of each role.
import { sql } from 'drizzle-orm';
import type { Actor, Role } from '../org/auth/model';
import type { DbOrTx } from '../core/db/index';
import { enterprises } from '../enterprises/tables';
import { generateEnterprises, type GeneratorArea } from '../enterprises/generate';

export const TEST_COUNTY: GeneratorArea = {
  code: '330782',
  name: '义乌市',
  fullName: '浙江省金华市义乌市',
  townships: [
    { code: '330782001', name: '稠城街道' },
    { code: '330782100', name: '佛堂镇' },
  ],
};

/** Inserts `count` synthetic enterprises for the tenant (chunks of 1000 rows); returns their ids in order. */
export async function insertRegister(db: DbOrTx, tenantId: number, count: number, opts: { seed?: number; firstSerial?: number } = {}): Promise<number[]> {
  const ids: number[] = [];
  let chunk: (typeof enterprises.$inferInsert)[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const rows = await db.insert(enterprises).values(chunk).returning({ id: enterprises.id });
    ids.push(...rows.map((r) => r.id));
    chunk = [];
  };
  for (const e of generateEnterprises({ count, areas: [TEST_COUNTY], seed: opts.seed ?? 11, firstSerial: opts.firstSerial ?? tenantId * 10_000_000 })) {
    chunk.push({ tenantId, ...e, registeredCapital: e.registeredCapital ?? undefined });
    if (chunk.length >= 1000) await flush();
  }
  await flush();
  return ids;
}

/** Sets an enterprise's registration date and status (so that 成立不满一年 / 吊销 are under the test's control). */
export async function setEnterprise(db: DbOrTx, tenantId: number, id: number, values: { registeredOn?: string; status?: string }): Promise<void> {
  await db.update(enterprises).set(values).where(sql`${enterprises.tenantId} = ${tenantId} and ${enterprises.id} = ${id}`);
}

export function actorAs(tenantId: number, role: Role, departmentId: number | null = null): Actor {
  return { tenantId, userId: null, username: role, displayName: `测试${role}`, role, departmentId: role === 'department' ? (departmentId ?? 1) : null };
}
