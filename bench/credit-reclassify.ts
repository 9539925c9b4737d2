// Full reclassification of a credit register (issue 11): rows/s, and its ratio to one sequential scan
// (`select count(*) from enterprises`) of the same table in the same run.
//
//   flock /tmp/zl-heavy.lock npx tsx bench/credit-reclassify.ts [--sizes 20000,300000] [--db embedded,postgres]
//
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh database
// zl_bench_credit_<random> is made on that server and dropped afterwards. Embedded: a temp data dir.
// The register is made in SQL (generate_series), with a spread of credit records like a county's:
// penalties (1 in 13, heavy 1 in 97), failed samplings (1 in 17), complaints (1 in 7), missing annual
// reports (1 in 11), 经营异常 listings (1 in 23), 严重违法 listings (1 in 211), revoked (1 in 50).
// Each size is reclassified twice: the first run writes every class (and its history row); the
// second finds nothing changed and writes nothing (the monthly case is in between).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDb, type Db, type DbHandle } from '../src/core/db/index';
import { prepareDatabase } from '../src/server/database';
import { createTenant } from '../src/org/tenancy/service';
import { reclassifyRegister } from '../src/credit/service';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = arg('sizes', '20000,300000').split(',').map(Number);
const DBS = arg('db', 'embedded,postgres').split(',');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AS_OF = '2026-12-02';

async function fill(db: Db, tenantId: number, n: number): Promise<void> {
  // enterprises in chunks of 100 000 (one statement each)
  for (let lo = 1; lo <= n; lo += 100_000) {
    const hi = Math.min(n, lo + 99_999);
    await db.execute(sql`
      insert into enterprises (tenant_id, credit_code, name, status, registered_on, region_code, industry_division)
      select ${tenantId}, '91330782' || lpad(g::text, 10, '0'), '基准测试企业' || g,
             case when g % 50 = 0 then '吊销' else '存续' end,
             (date '1990-01-01' + (g % 13000))::date, '330782', lpad((13 + g % 30)::text, 2, '0')
      from generate_series(${lo}::int, ${hi}::int) g`);
  }
  const ids = sql`(select id, row_number() over (order by id) as g from enterprises where tenant_id = ${tenantId}) e`;
  const ev = (kind: string, every: number, extra = sql``, heavy = sql`false`) =>
    db.execute(sql`
      insert into credit_events (tenant_id, enterprise_id, kind, occurred_on, heavy, source, entered_by_name)
      select ${tenantId}, e.id, ${kind}, (date '2026-11-30' - ((e.g * 37) % 1400)::int)::date, ${heavy}, 'import', '基准'
      from ${ids} where e.g % ${every} = 0 ${extra}`);
  await ev('penalty', 13, sql``, sql`(e.g % 97 = 0)`);
  await ev('penalty', 97);
  await ev('sampling_failed', 17);
  for (let k = 0; k < 3; k++) await ev('complaint', 7 + k);
  await ev('annual_report_missing', 11);
  const list = (name: string, every: number) =>
    db.execute(sql`
      insert into credit_list_memberships (tenant_id, enterprise_id, list, reason, state, listed_on, publication_ends_on)
      select ${tenantId}, e.id, ${name}, ${name === 'abnormal' ? 'annual_report' : '情节严重'}, 'listed',
             (date '2026-06-30' - (e.g % 900)::int)::date,
             ${name === 'serious' ? sql`(date '2026-06-30' - (e.g % 900)::int + interval '3 years')::date` : sql`null`}
      from ${ids} where e.g % ${every} = 0`);
  await list('abnormal', 23);
  await list('serious', 211);
  await db.execute(sql`analyze enterprises`);
  await db.execute(sql`analyze credit_events`);
  await db.execute(sql`analyze credit_list_memberships`);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

interface Row {
  db: string;
  size: number;
  scanMs: number;
  firstMs: number;
  firstRowsPerS: number;
  firstRatio: number;
  secondMs: number;
  secondRowsPerS: number;
  secondRatio: number;
  changed: number;
  fillS: number;
}

async function benchOne(kind: string, n: number): Promise<Row> {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `zl_bench_credit_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    handle = await createDb({ databaseUrl: url.toString(), dataDir: '' });
    cleanup = async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-bench-credit-'));
    handle = await createDb({ dataDir: dir, dbWaitMs: 600_000 });
    cleanup = async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const db = handle.db;
    await prepareDatabase(db);
    const tenant = await createTenant(db, { name: `基准-${n}`, regionCode: '330782' });
    const f = await timed(() => fill(db, tenant.id, n));
    // warm the table once, then the timed scan
    await db.execute(sql`select count(*) from enterprises`);
    const scan = await timed(() => db.execute(sql`select count(*) from enterprises`));
    const first = await timed(() => reclassifyRegister(db, tenant.id, AS_OF));
    const second = await timed(() => reclassifyRegister(db, tenant.id, AS_OF));
    const dist = await db.execute(sql`select class, count(*)::int as n from credit_risk_classes where tenant_id = ${tenant.id} group by class order by class`);
    console.error(`  classes: ${(dist.rows as { class: string; n: number }[]).map((r) => `${r.class} ${r.n}`).join(', ')}`);
    return {
      db: kind,
      size: n,
      scanMs: Math.round(scan.ms * 10) / 10,
      firstMs: Math.round(first.ms),
      firstRowsPerS: Math.round(n / (first.ms / 1000)),
      firstRatio: Math.round((first.ms / scan.ms) * 10) / 10,
      secondMs: Math.round(second.ms),
      secondRowsPerS: Math.round(n / (second.ms / 1000)),
      secondRatio: Math.round((second.ms / scan.ms) * 10) / 10,
      changed: first.value.changed,
      fillS: Math.round(f.ms / 100) / 10,
    };
  } finally {
    await cleanup();
  }
}

const rows: Row[] = [];
for (const kind of DBS) {
  for (const n of SIZES) {
    console.error(`${kind} ${n} …`);
    const r = await benchOne(kind, n);
    console.error(`  ${JSON.stringify(r)}`);
    rows.push(r);
  }
}
console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('| database | enterprises | seq scan (count) ms | 1st run (all written) ms | rows/s | ratio to scan | 2nd run (nothing changed) ms | rows/s | ratio to scan |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.db === 'postgres' ? 'PostgreSQL' : 'embedded (PGlite)'} | ${r.size.toLocaleString('en')} | ${r.scanMs} | ${r.firstMs} | ${r.firstRowsPerS.toLocaleString('en')} | ${r.firstRatio} | ${r.secondMs} | ${r.secondRowsPerS.toLocaleString('en')} | ${r.secondRatio} |`);
}
