// Names that user records point at: their department, their authority.
import type { Actor, PublicUser } from '../auth/model';
import type { Db } from '../../core/db';
import { getTenant } from '../tenancy/service';
import { getDepartment, listDepartments } from '../departments/service';

/** Department id → name for the given ids, within the actor's tenant (inactive ones included). */
export async function departmentNames(db: Db, actor: Actor, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = new Set(ids.filter((x): x is number => x !== null));
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  for (const d of await listDepartments(db, actor, { includeInactive: true })) {
    if (wanted.has(d.id)) out.set(d.id, d.name);
  }
  return out;
}

/** The names of one user's department and authority. */
export async function userNames(db: Db, actor: Actor, user: PublicUser): Promise<{ departmentName: string | null; tenantName: string }> {
  const [tenant, department] = await Promise.all([
    getTenant(db, user.tenantId),
    user.departmentId === null ? Promise.resolve(null) : getDepartment(db, actor, user.departmentId).catch(() => null),
  ]);
  return { departmentName: department?.name ?? null, tenantName: tenant.name };
}
