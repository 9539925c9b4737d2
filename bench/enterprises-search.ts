// Search benchmark (issue 11, Numbers): p50/p95 of the directory's search (store.searchEnterprises:
// the page of 20 by id and the capped count, what the 企业 page calls) by a 3-character name fragment,
// by a credit-code prefix (8 characters) and by filters (region + industry + status), at each size.
// Sizes are loaded in turn as separate tenants of one private database (so the 3 000 000 search
// runs in a table holding every smaller size too). Loading is the fast path, not the import: generated rows
// COPY'd straight into enterprises (PostgreSQL; for the largest size the secondary indexes are dropped
// before and rebuilt after from their own definitions), or the import's generateRegister (embedded);
// then ANALYZE. Queries: 10 warm-up, then `reps` timed, drawn from random rows of the tenant.
//
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-search.ts 20000,300000,3000000 postgres://postgres@127.0.0.1:5432/test
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-search.ts 20000            (embedded)
// BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of one query of each kind at each size.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';
import { generateRegister, syntheticToInput } from '../src/enterprises/service';
import { searchEnterprises, type SearchArgs } from '../src/enterprises/store';
import { systemActor } from '../src/org/auth/model';
import { copyLine, ENTERPRISE_COPY_COLUMNS, load, machine, openBenchDb } from './enterprises-common';

const sizes = (process.argv[2] ?? '20000').split(',').map(Number);
const url = process.argv[3];
const reps = Number(process.env.BENCH_REPS ?? 100);
const b = await openBenchDb(url);
type Row = Record<string, unknown>;
const rows = async (q: ReturnType<typeof sql>) => (await b.db.execute(q)).rows as Row[];

async function copyGenerated(tenantId: number, n: number, seed: number): Promise<void> {
  const areas = generatorAreas(b.region);
  const gen = generateEnterprises({ count: n, areas, seed });
  async function* chunks() {
    let buf = '';
    for (const e of gen) {
      buf += copyLine(tenantId, syntheticToInput(e));
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  const client = await b.db.$client.connect();
  try {
    await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy enterprises (${ENTERPRISE_COPY_COLUMNS}) from stdin`)));
  } finally {
    client.release();
  }
}

async function loadTenant(n: number, seed: number): Promise<number> {
  const tenantId = await b.newTenant();
  const t0 = performance.now();
  if (b.kind === 'embedded') {
    await generateRegister(b.db, systemActor(tenantId), { count: n, regionCode: b.region, seed });
  } else if (n >= 1_000_000) {
    const idx = await rows(sql`select indexname, indexdef from pg_indexes where tablename = 'enterprises' and indexname not in (select conname from pg_constraint)`);
    const [uq] = await rows(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'enterprises_credit_code_uq'`);
    for (const i of idx) await b.db.execute(sql.raw(`drop index ${i.indexname as string}`));
    await b.db.execute(sql`alter table enterprises drop constraint enterprises_credit_code_uq`);
    await copyGenerated(tenantId, n, seed);
    await b.db.execute(sql.raw(`alter table enterprises add constraint enterprises_credit_code_uq ${uq!.def as string}`));
    for (const i of idx) await b.db.execute(sql.raw(i.indexdef as string));
  } else {
    await copyGenerated(tenantId, n, seed);
  }
  await b.db.execute(sql`analyze enterprises`);
  console.error(`[load] ${n} rows in ${Math.round(performance.now() - t0)} ms (${load()})`);
  return tenantId;
}

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

try {
  let seed = 1;
  for (const n of sizes) {
    const tenantId = await loadTenant(n, seed++);
    const sample = await rows(
      sql`select name, credit_code, region_code, industry_division, status from enterprises where tenant_id = ${tenantId} order by random() limit ${reps + 10}`,
    );
    const kinds: Record<string, (r: Row) => Partial<SearchArgs>> = {
      name: (r) => {
        const name = r.name as string;
        const at = Math.floor(Math.random() * Math.max(1, name.length - 3));
        return { nameFragment: name.slice(at, at + 3) };
      },
      code: (r) => ({ codePrefix: (r.credit_code as string).slice(0, 8) }),
      filters: (r) => ({ region: r.region_code as string, industry: r.industry_division as string, status: r.status as string }),
    };
    const out: Record<string, unknown> = { database: b.kind, rows: n };
    for (const [kind, args] of Object.entries(kinds)) {
      const times: number[] = [];
      let totalSum = 0;
      for (let i = 0; i < sample.length; i++) {
        const a = { ...args(sample[i]!), limit: 20, offset: 0 } as SearchArgs;
        const t0 = performance.now();
        const res = await searchEnterprises(b.db, tenantId, a);
        const ms = performance.now() - t0;
        if (res.items.length === 0) throw new Error(`${kind}: nothing found for ${JSON.stringify(a)}`);
        if (i >= 10) {
          times.push(ms);
          totalSum += res.total;
        }
        if (i === 10 && process.env.BENCH_EXPLAIN) {
          const where = kind === 'name' ? sql`name like ${'%' + a.nameFragment + '%'}` : kind === 'code' ? sql`credit_code like ${a.codePrefix + '%'}` : sql`region_code = ${a.region} and industry_division = ${a.industry} and status = ${a.status}`;
          const plan = await rows(sql`explain analyze select * from enterprises where tenant_id = ${tenantId} and ${where} order by id limit 20`);
          console.error(`[explain ${kind} ${n}] ${JSON.stringify(a)}\n` + plan.map((p) => p['QUERY PLAN']).join('\n'));
        }
      }
      out[kind] = { p50: r1(pct(times, 0.5)), p95: r1(pct(times, 0.95)), max: r1(Math.max(...times)), meanTotal: Math.round(totalSum / times.length) };
    }
    out.load = load();
    out.machine = machine();
    console.log(JSON.stringify(out));
  }
} finally {
  await b.close();
}
