import type { Db, DbOrTx } from '../../core/db/index';
import type { Actor } from '../auth/model';
import { assertCan } from '../auth/policy';
import { writeAudit } from '../audit/service';
import { badRequest, conflict, notFound } from '../../core/errors';
import {
  countTenantRegions,
  deleteTenantRegion,
  insertTenant,
  insertTenantRegion,
  searchRegionRows,
  selectRegion,
  selectTenant,
  selectTenantRegions,
  selectTenants,
} from './store';
import type { RegionRow, TenantRow } from './tables';

export type Region = RegionRow;
export type Tenant = TenantRow;

export const LEVEL_LABELS: Record<number, string> = { 1: '省级', 2: '地级', 3: '县级', 4: '乡级' };

export const regionNotFound = (code: string) => notFound(`行政区划代码 ${code} 不存在`, 'REGION_NOT_FOUND');

function checkCode(code: string): string {
  const c = (code ?? '').trim();
  if (!/^[0-9]{6}([0-9]{3})?$/.test(c)) throw badRequest('行政区划代码应为 6 位（或乡级 9 位）数字', 'INVALID_REGION_CODE');
  return c;
}

/** Search the GB/T 2260 reference table by name, full name or code prefix. */
export async function searchRegions(
  db: DbOrTx,
  q: { q?: string; parentCode?: string; level?: number; limit?: number } = {},
): Promise<Region[]> {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 200);
  return searchRegionRows(db, { text: q.q?.trim() || undefined, parentCode: q.parentCode, level: q.level, limit });
}

export async function getRegion(db: DbOrTx, code: string): Promise<Region> {
  const r = await selectRegion(db, checkCode(code));
  if (!r) throw regionNotFound(code);
  return r;
}

/** Creates an authority (CLI, seed). Its own region is added to its regions. */
export async function createTenant(db: Db, input: { name: string; regionCode: string }): Promise<Tenant> {
  const name = (input.name ?? '').trim();
  if (!name) throw badRequest('请填写单位名称', 'TENANT_NAME_REQUIRED');
  const region = await getRegion(db, input.regionCode);
  return db.transaction(async (tx) => {
    const t = await insertTenant(tx, { name, regionCode: region.code });
    await insertTenantRegion(tx, t.id, region.code);
    return t;
  });
}

export async function getTenant(db: DbOrTx, tenantId: number): Promise<Tenant> {
  const t = await selectTenant(db, tenantId);
  if (!t) throw notFound('单位不存在', 'TENANT_NOT_FOUND');
  return t;
}

export async function listTenants(db: DbOrTx): Promise<Tenant[]> {
  return selectTenants(db);
}

/** The regions the actor's authority is responsible for. */
export async function listTenantRegions(db: Db, actor: Actor): Promise<(Region & { addedAt: Date })[]> {
  assertCan(actor, 'regions:read');
  return selectTenantRegions(db, actor.tenantId);
}

/** Admin only; audited. REGION_NOT_FOUND, REGION_ALREADY_ADDED. */
export async function addTenantRegion(db: Db, actor: Actor, code: string): Promise<Region> {
  assertCan(actor, 'regions:manage');
  const region = await getRegion(db, code);
  return db.transaction(async (tx) => {
    if (!(await insertTenantRegion(tx, actor.tenantId, region.code))) {
      throw conflict(`${region.fullName}（${region.code}）已在本单位辖区中`, 'REGION_ALREADY_ADDED');
    }
    await writeAudit(tx, { actor, action: 'tenant_region.add', entityType: 'tenant_region', entityId: region.code, after: region });
    return region;
  });
}

/** Admin only; audited. The last region cannot be removed (LAST_REGION). */
export async function removeTenantRegion(db: Db, actor: Actor, code: string): Promise<void> {
  assertCan(actor, 'regions:manage');
  const c = checkCode(code);
  await db.transaction(async (tx) => {
    const region = await selectRegion(tx, c);
    if (!(await deleteTenantRegion(tx, actor.tenantId, c))) {
      throw notFound(`行政区划 ${c} 不在本单位辖区中`, 'REGION_NOT_IN_TENANT');
    }
    if ((await countTenantRegions(tx, actor.tenantId)) === 0) {
      throw badRequest('单位至少要保留一个辖区', 'LAST_REGION'); // rolls the delete back
    }
    await writeAudit(tx, { actor, action: 'tenant_region.remove', entityType: 'tenant_region', entityId: c, before: region ?? { code: c } });
  });
}
