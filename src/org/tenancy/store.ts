import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { regions, tenantRegions, tenants, type RegionRow, type TenantRow } from './tables';

export async function selectRegion(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const [r] = await db.select().from(regions).where(eq(regions.code, code));
  return r;
}

export async function searchRegionRows(
  db: DbOrTx,
  q: { text?: string; parentCode?: string; level?: number; limit: number },
): Promise<RegionRow[]> {
  const conds: SQL[] = [];
  if (q.text) {
    const like = `%${q.text.replace(/[%_\\]/g, '\\$&')}%`;
    // A code is matched by prefix only when the text is digits: `%` or `_` stripped to nothing
    // would otherwise be the prefix '' and match every region.
    const byCode = /^\d{1,12}$/.test(q.text) ? [ilike(regions.code, `${q.text}%`)] : [];
    conds.push(or(ilike(regions.name, like), ilike(regions.fullName, like), ...byCode)!);
  }
  if (q.parentCode) conds.push(eq(regions.parentCode, q.parentCode));
  if (q.level) conds.push(eq(regions.level, q.level));
  return db
    .select()
    .from(regions)
    .where(conds.length ? and(...conds) : undefined)
    // exact names first, then shorter (higher level) names, then code
    .orderBy(q.text ? sql`(${regions.name} = ${q.text}) desc` : sql`1`, asc(regions.level), asc(regions.code))
    .limit(q.limit);
}

export async function insertTenant(db: DbOrTx, row: typeof tenants.$inferInsert): Promise<TenantRow> {
  const [t] = await db.insert(tenants).values(row).returning();
  return t;
}

export async function selectTenant(db: DbOrTx, id: number): Promise<TenantRow | undefined> {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
  return t;
}

export async function selectTenants(db: DbOrTx): Promise<TenantRow[]> {
  return db.select().from(tenants).orderBy(asc(tenants.id));
}

export async function selectTenantRegions(db: DbOrTx, tenantId: number): Promise<(RegionRow & { addedAt: Date })[]> {
  const rows = await db
    .select({ region: regions, addedAt: tenantRegions.createdAt })
    .from(tenantRegions)
    .innerJoin(regions, eq(regions.code, tenantRegions.regionCode))
    .where(eq(tenantRegions.tenantId, tenantId))
    .orderBy(asc(regions.code));
  return rows.map((r) => ({ ...r.region, addedAt: r.addedAt }));
}

export async function insertTenantRegion(db: DbOrTx, tenantId: number, regionCode: string): Promise<boolean> {
  const r = await db.insert(tenantRegions).values({ tenantId, regionCode }).onConflictDoNothing().returning({ c: tenantRegions.regionCode });
  return r.length > 0;
}

export async function deleteTenantRegion(db: DbOrTx, tenantId: number, regionCode: string): Promise<boolean> {
  const r = await db
    .delete(tenantRegions)
    .where(and(eq(tenantRegions.tenantId, tenantId), eq(tenantRegions.regionCode, regionCode)))
    .returning({ c: tenantRegions.regionCode });
  return r.length > 0;
}

export async function countTenantRegions(db: DbOrTx, tenantId: number): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(tenantRegions).where(eq(tenantRegions.tenantId, tenantId));
  return Number(n);
}
