// Planner statistics kept current without autovacuum (the embedded database has none): a table that
// grew gets analyzed, then left alone until it grows again; with the statistics, a lookup of a few
// rows out of thousands uses the index instead of reading the whole table.
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { analyzeStale } from './analyze';
import { forEachDb } from './testing';

forEachDb('planner statistics', (getDb) => {
  afterAll(async () => {
    await getDb().db.execute(sql`drop table if exists zl_analyze_probe`);
  });

  it('analyzes a table that grew by a tenth or was never analyzed, and only then', async () => {
    const { db } = getDb();
    await db.execute(sql`create table zl_analyze_probe (tenant_id bigint not null, id bigint not null, plan_id bigint not null, primary key (tenant_id, id))`);
    await db.execute(sql`create index zl_analyze_probe_plan on zl_analyze_probe (tenant_id, plan_id)`);
    await db.execute(sql`insert into zl_analyze_probe select 1, g, g / 10 from generate_series(1, 20000) g`);
    expect(await analyzeStale(db)).toContain('zl_analyze_probe');
    const { rows } = await db.execute(sql`select reltuples from pg_class where relname = 'zl_analyze_probe'`);
    expect(Number((rows[0] as { reltuples: unknown }).reltuples)).toBeGreaterThan(15000);
    // a plan's ten rows are read through the index
    const plan = await db.execute(sql`explain select * from zl_analyze_probe where tenant_id = 1 and plan_id = 777`);
    expect((plan.rows as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n')).toMatch(/Index|Bitmap/);
    // nothing grew: nothing to do
    expect(await analyzeStale(db)).not.toContain('zl_analyze_probe');
    // a quarter more rows: analyzed again (vacuumed too, as the embedded database's timer asks)
    await db.execute(sql`insert into zl_analyze_probe select 1, g, g / 10 from generate_series(20001, 25000) g`);
    expect(await analyzeStale(db, { vacuum: true })).toContain('zl_analyze_probe');
    const { rows: vac } = await db.execute(sql`select relallvisible from pg_class where relname = 'zl_analyze_probe'`);
    expect(Number((vac[0] as { relallvisible: unknown }).relallvisible)).toBeGreaterThan(0); // index-only scans stay in the index
  });
});
