import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { citusReadinessProblems } from './citus-check';
import { forEachDb } from './testing';

forEachDb('Citus-ready schema after migration', (getDb) => {
  it('every tenant table has tenant_id in its primary key and unique constraints, composite tenant FKs, bigint/uuid ids', async () => {
    const { db } = getDb();
    expect(await citusReadinessProblems(db)).toEqual([]);
  });

  it('the tables the platform depends on are all there and tenant-owned where they should be', async () => {
    const { db } = getDb();
    const { rows } = await db.execute(sql`
      select c.relname as name, exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as tenant
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    const byName = Object.fromEntries(rows.map((r) => [r.name as string, r.tenant as boolean]));
    expect(byName).toMatchObject({
      regions: false,
      tenants: false,
      tenant_regions: true,
      departments: true,
      users: true,
      sessions: true,
      audit_log: true,
    });
  });

  it('the check catches what Citus would refuse (a table breaking each rule)', async () => {
    const { db } = getDb();
    const rollback = new Error('rollback');
    let found: string[] = [];
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`create table bad_serial (tenant_id bigint not null, id serial, primary key (tenant_id, id))`);
        await tx.execute(sql`create table bad_pk (tenant_id bigint not null, id bigint primary key)`);
        await tx.execute(sql`create table bad_unique (tenant_id bigint not null, id bigint, code text unique, primary key (tenant_id, id))`);
        await tx.execute(
          sql`create table bad_fk (tenant_id bigint not null, id bigint, user_id bigint, primary key (tenant_id, id), foreign key (user_id) references bad_pk (id))`,
        );
        await tx.execute(sql`create table bad_ref (code text primary key, dept_tenant bigint, dept_id bigint, foreign key (dept_tenant, dept_id) references departments (tenant_id, id))`);
        found = await citusReadinessProblems(tx);
        throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad_serial\.id: serial column/),
        expect.stringMatching(/^bad_serial\.id: id of type integer/),
        expect.stringMatching(/^bad_pk: primary key .* does not include tenant_id/),
        expect.stringMatching(/^bad_unique: unique .* does not include tenant_id/),
        expect.stringMatching(/^bad_fk: foreign key .* not composite on tenant_id/),
        expect.stringMatching(/^bad_ref: reference table points at tenant table departments/),
      ]),
    );
    // and it was all rolled back
    expect(await citusReadinessProblems(db)).toEqual([]);
  });

  it('the Citus distribution step is a no-op without the citus extension', async () => {
    const { db } = getDb();
    const { rows } = await db.execute(sql`select count(*)::int as n from pg_extension where extname = 'citus'`);
    expect(rows[0]).toEqual({ n: 0 });
    await db.execute(sql`select zl_distribute_tables()`); // must not fail
    const { rows: fn } = await db.execute(sql`select count(*)::int as n from pg_proc where proname = 'zl_distribute_tables'`);
    expect(fn[0]).toEqual({ n: 1 });
  });
});
