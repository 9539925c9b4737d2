// Helpers for the plans tests (and the benchmark): actors of the demo authority, the seed files.
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../org/auth/model';
import type { Db } from '../core/db/index';
import { seedDemo } from '../org/seed';
import { insertTenant } from '../org/tenancy/store';
import { findDepartmentByName } from '../org/departments/service';
import { DEMO_SEEDS_DIR } from './import';

export const SEED_FILES: string[] = fs.existsSync(DEMO_SEEDS_DIR)
  ? fs
      .readdirSync(DEMO_SEEDS_DIR)
      .filter((f) => /\.(txt|html?|docx|pdf)$/i.test(f))
      .sort()
  : [];

export function seedBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(DEMO_SEEDS_DIR, name)));
}

export function officeActor(tenantId: number): Actor {
  return { tenantId, userId: null, username: 'office-test', displayName: '质量办（测试）', role: 'office', departmentId: null };
}

export function adminActor(tenantId: number): Actor {
  return { tenantId, userId: null, username: 'admin-test', displayName: '管理员（测试）', role: 'admin', departmentId: null };
}

export function departmentActor(tenantId: number, departmentId: number, name = '联络员（测试）'): Actor {
  return { tenantId, userId: null, username: `dept-${departmentId}`, displayName: name, role: 'department', departmentId };
}

/** The demo authority (seedDemo, once per database) and a way to look up its departments by name. */
export async function demoTenant(db: Db): Promise<{ tenantId: number; departmentId(name: string): Promise<number> }> {
  const r = await seedDemo(db);
  return {
    tenantId: r.tenantId,
    async departmentId(name: string) {
      const d = await findDepartmentByName(db, r.tenantId, name);
      if (!d) throw new Error(`no department ${name}`);
      return d.id;
    },
  };
}

/** A second authority with an empty department directory. */
export async function otherTenant(db: Db, name = '另一区'): Promise<number> {
  return (await insertTenant(db, { name, regionCode: '110101' })).id;
}
