import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import { withSessionLock, type Db } from './index';
import { regions } from '../tenancy/tables';
import { regionRecords } from '../tenancy/regions-data';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));
/** Key of the PostgreSQL advisory lock migrations run under ('zhiliang' in ASCII, as a bigint). */
export const MIGRATION_LOCK_KEY = 0x7a68696c69616e67n;

export interface MigrateResult {
  /** Regions inserted by this run (0 when they were already loaded). */
  regionsLoaded: number;
}

/**
 * Applies drizzle/ migrations under `pg_advisory_lock`, so two servers starting at once on one
 * database do not race; distributes new tables when Citus is present; loads the GB/T 2260
 * regions once (idempotent). Safe to call at every start.
 */
export async function migrate(db: Db, options: { townships?: boolean } = {}): Promise<MigrateResult> {
  return withSessionLock(db, MIGRATION_LOCK_KEY, async () => {
    await drizzleMigrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select zl_distribute_tables()`);
    const regionsLoaded = await loadRegions(db, options);
    return { regionsLoaded };
  });
}

/** Inserts the regions the table does not have yet. */
export async function loadRegions(db: Db, options: { townships?: boolean } = {}): Promise<number> {
  const records = regionRecords(options);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(regions)) as { n: number }[];
  if (n >= records.length) return 0;
  let inserted = 0;
  // one JSON parameter per batch: far fewer bind parameters than a multi-row VALUES list
  await db.transaction(async (tx) => {
    for (let i = 0; i < records.length; i += 5000) {
      const batch = records.slice(i, i + 5000).map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, full_name: r.fullName }));
      const res = await tx.execute(sql`
        insert into regions (code, name, level, parent_code, full_name)
        select code, name, level, parent_code, full_name
          from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
            as x(code text, name text, level smallint, parent_code text, full_name text)
        on conflict (code) do nothing`);
      inserted += res.rowCount ?? 0;
    }
  });
  return inserted;
}
