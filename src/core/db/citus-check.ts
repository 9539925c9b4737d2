import { sql } from 'drizzle-orm';
import type { DbOrTx } from './index';

/**
 * Reads the catalog and lists what would stop Citus from distributing the schema by tenant_id
 * (DESIGN "Data and tenancy"). Empty means ready. Looks at schema public.
 */
export async function citusReadinessProblems(db: DbOrTx): Promise<string[]> {
  const problems: string[] = [];
  const q = async <T>(query: ReturnType<typeof sql>) => (await db.execute(query)).rows as T[];

  const tables = await q<{ name: string; tenant: boolean; tenant_not_null: boolean | null; has_pk: boolean }>(sql`
    select c.relname as name,
           a.attname is not null as tenant,
           a.attnotnull as tenant_not_null,
           exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p') as has_pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`);
  const isTenant = new Map(tables.map((t) => [t.name, t.tenant]));
  for (const t of tables) {
    if (!t.has_pk) problems.push(`${t.name}: no primary key`);
    if (t.tenant && !t.tenant_not_null) problems.push(`${t.name}: tenant_id is nullable`);
  }

  // primary keys and unique constraints/indexes of tenant tables must contain tenant_id
  const uniques = await q<{ tbl: string; idx: string; primary: boolean; has_tenant: boolean }>(sql`
    select c.relname as tbl, i.relname as idx, x.indisprimary as primary,
           exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum = any (x.indkey)) as has_tenant
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and x.indisunique`);
  for (const u of uniques) {
    if (isTenant.get(u.tbl) && !u.has_tenant) {
      problems.push(`${u.tbl}: ${u.primary ? 'primary key' : 'unique'} ${u.idx} does not include tenant_id`);
    }
  }

  // foreign keys: between tenant tables composite on tenant_id; never from a reference table to a tenant table
  const fks = await q<{ name: string; src: string; dst: string; src_cols: string[]; dst_cols: string[] }>(sql`
    select k.conname as name, s.relname as src, d.relname as dst,
           array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o)
                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as src_cols,
           array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o)
                   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as dst_cols
      from pg_constraint k
      join pg_class s on s.oid = k.conrelid
      join pg_class d on d.oid = k.confrelid
      join pg_namespace n on n.oid = s.relnamespace
     where n.nspname = 'public' and k.contype = 'f'`);
  for (const f of fks) {
    const srcTenant = isTenant.get(f.src);
    const dstTenant = isTenant.get(f.dst);
    if (!srcTenant && dstTenant) problems.push(`${f.src}: reference table points at tenant table ${f.dst} (${f.name})`);
    if (srcTenant && dstTenant) {
      const i = f.src_cols.indexOf('tenant_id');
      if (i < 0 || f.dst_cols[i] !== 'tenant_id') problems.push(`${f.src}: foreign key ${f.name} to ${f.dst} is not composite on tenant_id`);
    }
  }

  // ids (`id`, and `*_id` columns in a primary or foreign key) are bigint or uuid; no serial anywhere
  const cols = await q<{ tbl: string; col: string; type: string; dflt: string | null; keyed: boolean }>(sql`
    select c.relname as tbl, a.attname as col, format_type(a.atttypid, a.atttypmod) as type,
           pg_get_expr(d.adbin, d.adrelid) as dflt,
           exists (select 1 from pg_constraint k
                    where k.conrelid = c.oid and k.contype in ('p', 'f') and a.attnum = any (k.conkey)) as keyed
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`);
  for (const c of cols) {
    if (c.dflt && /nextval\(/i.test(c.dflt)) problems.push(`${c.tbl}.${c.col}: serial column (use identity bigint or uuid)`);
    if ((c.col === 'id' || (c.keyed && c.col.endsWith('_id'))) && !['bigint', 'uuid'].includes(c.type)) {
      problems.push(`${c.tbl}.${c.col}: id of type ${c.type} (use bigint or uuid)`);
    }
  }
  return problems;
}
