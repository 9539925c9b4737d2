// Search benchmark (issue 11, Numbers): p50/p95 of the directory's search (store.searchEnterprises:
// the page of 20 by id and the capped count, what the 企业 page calls) by a 3-character name fragment,
// by a credit-code prefix (8 characters), by filters (region + industry + status), by risk class (within a
// county) and by list membership (经营异常 / 严重违法失信, alone or within a county), at each size.
// The credit facts are written in SQL after the load (classes and memberships in realistic shares).
// Sizes are loaded in turn as separate tenants of one private database (so the 3 000 000 search
// runs in a table holding every smaller size too). Loading is the fast path, not the import: generated rows
// COPY'd straight into enterprises (PostgreSQL; for the largest size the secondary indexes are dropped
// before and rebuilt after from their own definitions), or the import's generateRegister (embedded);
// then ANALYZE. Queries: 10 warm-up, then `reps` timed, drawn from random rows of the tenant.
//
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-search.ts 20000,300000,3000000 postgres://postgres@127.0.0.1:5432/test
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-search.ts 20000            (embedded)
// BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of the slowest query of each kind at each size; BENCH_KINDS=name,filters
// runs only those kinds; BENCH_KEEP_DB=zl_entbench_x keeps (and on the next run reuses) the loaded database.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';
import { generateRegister, syntheticToInput } from '../src/enterprises/service';
import { searchEnterprises, searchQueries, type SearchArgs } from '../src/enterprises/store';
import '../src/credit/search';
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

/**
 * Credit facts for the risk-class and list filters, in SQL by the row's id: classes D 0.6 %, C 6 %,
 * B 11 %, A the rest (as the reclassification bench's register came out); 经营异常 listed 1 in 23,
 * 严重违法失信 1 in 211, as in bench/credit-reclassify.ts.
 */
async function fillCredit(tenantId: number): Promise<void> {
  await b.db.execute(sql`
    insert into credit_risk_classes (tenant_id, enterprise_id, class, points, fired_rules, fired_points, as_of)
    select tenant_id, id, case when h < 6 then 'D' when h < 66 then 'C' when h < 176 then 'B' else 'A' end, 0, '{}', '{}', date '2026-12-01'
      from (select tenant_id, id, (hashint8(id) & 1023) * 1000 / 1024 as h from enterprises where tenant_id = ${tenantId}) x`);
  for (const [list, every] of [['abnormal', 23], ['serious', 211]] as const) {
    await b.db.execute(sql`
      insert into credit_list_memberships (tenant_id, enterprise_id, list, reason, state, listed_on)
      select tenant_id, id, ${list}, ${list === 'abnormal' ? 'annual_report' : '情节严重'}, 'listed', date '2026-07-10'
        from enterprises where tenant_id = ${tenantId} and hashint8(id + 7) % ${every} = 0`);
  }
}

async function loadTenant(n: number, seed: number): Promise<number> {
  const { id: tenantId, reused } = await b.newTenant(String(n));
  if (reused) {
    console.error(`[load] ${n} rows: tenant ${tenantId} of the kept database`);
    return tenantId;
  }
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
  await fillCredit(tenantId);
  await b.db.execute(sql`vacuum analyze enterprises`);
  await b.db.execute(sql`vacuum analyze credit_risk_classes`);
  await b.db.execute(sql`vacuum analyze credit_list_memberships`);
  console.error(`[load] ${n} rows in ${Math.round(performance.now() - t0)} ms (${load()})`);
  return tenantId;
}

/** The page and count statements searchEnterprises runs, for EXPLAIN ANALYZE. */
function explainQueries(tenantId: number, a: SearchArgs) {
  const q = searchQueries(tenantId, a);
  return [['page', q.page], ['count', q.count]] as const;
}

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

try {
  let seed = 1;
  for (const n of sizes) {
    const tenantId = await loadTenant(n, seed++);
    const sample = await rows(
      sql`select e.name, e.credit_code, e.region_code, e.industry_division, e.status, c.class,
                 (select m.list from credit_list_memberships m where m.tenant_id = e.tenant_id and m.enterprise_id = e.id and m.state = 'listed' limit 1) as list
            from enterprises e left join credit_risk_classes c on c.tenant_id = e.tenant_id and c.enterprise_id = e.id
           where e.tenant_id = ${tenantId} order by random() limit ${reps + 10}`,
    );
    const kinds: Record<string, (r: Row) => Partial<SearchArgs>> = {
      name: (r) => {
        const name = r.name as string;
        const at = Math.floor(Math.random() * Math.max(1, name.length - 3));
        return { nameFragment: name.slice(at, at + 3) };
      },
      code: (r) => ({ codePrefix: (r.credit_code as string).slice(0, 8) }),
      filters: (r) => ({ region: r.region_code as string, industry: r.industry_division as string, status: r.status as string }),
      // a risk class (the drawn row's: mostly A, the common case, sometimes the rare D) within its county
      class: (r) => ({ riskClass: (r.class as string) ?? 'A', region: (r.region_code as string).slice(0, 6) }),
      // a list alone (abnormal or serious, alternately) and a list within a county
      list: (r) => (Math.random() < 0.5 ? { list: Math.random() < 0.5 ? 'abnormal' : 'serious' } : { list: 'abnormal', region: (r.region_code as string).slice(0, 6) }),
    };
    const only = process.env.BENCH_KINDS?.split(',');
    for (const k of Object.keys(kinds)) if (only && !only.includes(k)) delete kinds[k];
    const out: Record<string, unknown> = { database: b.kind, rows: n };
    for (const [kind, args] of Object.entries(kinds)) {
      const times: number[] = [];
      let totalSum = 0;
      let estimated = 0;
      let slowest: { ms: number; a?: SearchArgs } = { ms: 0 };
      for (let i = 0; i < sample.length; i++) {
        const a = { ...args(sample[i]!), limit: 20, offset: 0 } as SearchArgs;
        const t0 = performance.now();
        const res = await searchEnterprises(b.db, tenantId, a);
        const ms = performance.now() - t0;
        if (res.items.length === 0) throw new Error(`${kind}: nothing found for ${JSON.stringify(a)}`);
        if (i >= 10) {
          times.push(ms);
          totalSum += res.total;
          if (!res.totalExact) estimated++;
        }
        if (i >= 10 && ms > slowest.ms) slowest = { ms, a };
      }
      if (process.env.BENCH_EXPLAIN && slowest.a) {
        // the slowest query of the kind, again, with its plans (page, count, and the estimate it starts from)
        const t0 = performance.now();
        const again = await searchEnterprises(b.db, tenantId, slowest.a);
        console.error(`[slowest ${kind} ${n}] ${r1(slowest.ms)} ms, again ${r1(performance.now() - t0)} ms, total ${again.total} exact ${again.totalExact}`);
        for (const [what, q] of explainQueries(tenantId, slowest.a)) {
          const plan = await rows(sql`explain analyze ${q}`);
          console.error(`[explain ${kind} ${what} ${n}] ${JSON.stringify(slowest.a)}\n` + plan.map((p) => p['QUERY PLAN']).join('\n'));
        }
      }
      out[kind] = { p50: r1(pct(times, 0.5)), p95: r1(pct(times, 0.95)), max: r1(Math.max(...times)), meanTotal: Math.round(totalSum / times.length), estimated };
    }
    out.load = load();
    out.machine = machine();
    console.log(JSON.stringify(out));
  }
} finally {
  await b.close();
}
