import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { departments, type DepartmentRow } from './tables';

function departmentConds(tenantId: number, opts: { includeInactive?: boolean; search?: string }): SQL[] {
  const conds: SQL[] = [eq(departments.tenantId, tenantId)];
  if (!opts.includeInactive) conds.push(eq(departments.active, true));
  if (opts.search) {
    const like = `%${opts.search.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(
      or(
        ilike(departments.name, like),
        ilike(departments.shortName, like),
        sql`exists (select 1 from unnest(${departments.aliases}) a where a ilike ${like})`,
      )!,
    );
  }
  return conds;
}

/** The directory in its order; a page of it with `limit` / `offset`. */
export async function selectDepartments(
  db: DbOrTx,
  tenantId: number,
  opts: { includeInactive?: boolean; search?: string; limit?: number; offset?: number } = {},
): Promise<DepartmentRow[]> {
  const q = db
    .select()
    .from(departments)
    .where(and(...departmentConds(tenantId, opts)))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
  return opts.limit === undefined ? await q : await q.limit(opts.limit).offset(opts.offset ?? 0);
}

/** How many departments selectDepartments lists without a page. */
export async function countDepartments(db: DbOrTx, tenantId: number, opts: { includeInactive?: boolean; search?: string } = {}): Promise<number> {
  const [r] = await db.select({ n: count() }).from(departments).where(and(...departmentConds(tenantId, opts)));
  return Number(r?.n ?? 0);
}

export async function selectDepartment(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<DepartmentRow | undefined> {
  const q = db.select().from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  const [d] = forUpdate ? await q.for('update') : await q;
  return d;
}

export async function selectDepartmentByName(db: DbOrTx, tenantId: number, name: string): Promise<DepartmentRow | undefined> {
  const [d] = await db.select().from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.name, name)));
  return d;
}

export async function insertDepartment(db: DbOrTx, row: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [d] = await db.insert(departments).values(row).returning();
  return d;
}

/** Updates only when the stored version is `version`; undefined when it is not (stale) or missing. */
export async function updateDepartmentIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof departments.$inferInsert>,
): Promise<DepartmentRow | undefined> {
  const [d] = await db
    .update(departments)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id), eq(departments.version, version)))
    .returning();
  return d;
}
