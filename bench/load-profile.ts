// Where the time of the load bench's requests goes (issue 7): the same data as bench/load.ts
// (2 000 published plans), then each read the bench loads (the 驾驶舱 computed cold and again, the plan
// list, a plan's detail and tracking figures) called through its service with every SQL statement
// timed, and EXPLAIN (ANALYZE, BUFFERS) of the slowest statements.
//
//   npx tsx bench/load-profile.ts pglite   [--plans 2000] [--explain 4] [--analyze]
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/load-profile.ts postgres
//
// Prints, per read: wall ms, SQL ms (sum), statements, the slowest statements (ms, rows, start of the
// text); then the plans of the slowest statements.
import '../src/server/test-setup';
import { performance } from 'node:perf_hooks';
import { openTestDb } from '../src/core/db/testing';
import { seedDemo } from '../src/org/seed';
import { users } from '../src/org/auth/tables';
import type { Actor } from '../src/org/auth/model';
import { and, eq, sql } from 'drizzle-orm';
import { getDashboard } from '../src/plans/dashboard/service';
import { getPlan, listPlans } from '../src/plans/service';
import { getPlanTracking } from '../src/plans/progress/service';
import { seedLoadPlans } from './load-seed';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) || dflt : dflt;
};
const tier = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const PLANS = arg('plans', 2000);
const EXPLAIN = arg('explain', 4);

const t = await openTestDb(tier);
const db = t.db;
const { tenantId } = await seedDemo(db);
await seedLoadPlans(db, tenantId, PLANS);
// --analyze: vacuumed and analyzed as a running server's tables are (PostgreSQL's autovacuum; on the
// embedded database the periodic analyzeStale of src/core/db/analyze.ts, which the code before it lacked)
const ANALYZE = process.argv.includes('--analyze');
if (ANALYZE) await db.execute(sql`vacuum (analyze)`);
const [u] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, 'office')));
const office: Actor = { tenantId, userId: u.id, username: u.username, displayName: u.displayName, role: 'office', departmentId: null };

interface Stmt {
  text: string;
  values: unknown[];
  ms: number;
  rows: number;
}
let log: Stmt[] | null = null;
const pool = db.$client;
const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<{ rowCount: number | null; rows: unknown[] }>;
(pool as unknown as { query: unknown }).query = async (...a: unknown[]) => {
  const cfg = a[0] as string | { text: string; values?: unknown[] };
  const text = typeof cfg === 'string' ? cfg : cfg.text;
  // drizzle passes the values beside a config object; others inside it
  const inner = typeof cfg === 'object' ? cfg.values : undefined;
  const values = (inner && inner.length ? inner : a[1]) as unknown[] | undefined;
  const t0 = performance.now();
  const r = await query(...a);
  log?.push({ text, values: values ?? [], ms: performance.now() - t0, rows: r?.rows?.length ?? r?.rowCount ?? 0 });
  return r;
};

const slowest: Stmt[] = [];
async function profile(name: string, fn: () => Promise<unknown>) {
  log = [];
  const t0 = performance.now();
  const out = await fn();
  const wall = performance.now() - t0;
  const stmts = log;
  log = null;
  const sqlMs = stmts.reduce((n, s) => n + s.ms, 0);
  const bytes = JSON.stringify(out).length;
  const top = [...stmts].sort((a, b) => b.ms - a.ms).slice(0, 6);
  slowest.push(...top.slice(0, 2));
  console.log(
    JSON.stringify({
      tier,
      analyzed: ANALYZE,
      read: name,
      wallMs: Math.round(wall),
      sqlMs: Math.round(sqlMs),
      outsideSqlMs: Math.round(wall - sqlMs),
      statements: stmts.length,
      jsonBytes: bytes,
      slowest: top.map((s) => `${s.ms.toFixed(1)} ms, ${s.rows} rows: ${s.text.replace(/\s+/g, ' ').slice(0, 110)}`),
    }),
  );
}

const list = await listPlans(db, office, {});
const planId = list.items[0].id;
await profile('驾驶舱 cold', () => getDashboard(db, office, '2026-12-02'));
await profile('驾驶舱 recomputed (next day)', () => getDashboard(db, office, '2026-12-03'));
await profile('驾驶舱 cached', () => getDashboard(db, office, '2026-12-03'));
for (let i = 0; i < 2; i++) {
  await profile('plan list', () => listPlans(db, office, {}));
  await profile('plan detail', () => getPlan(db, office, planId));
  await profile('plan tracking', () => getPlanTracking(db, office, planId, '2026-12-03'));
}

slowest.sort((a, b) => b.ms - a.ms);
const seen = new Set<string>();
for (const s of slowest) {
  if (seen.size >= EXPLAIN || seen.has(s.text)) continue;
  seen.add(s.text);
  const { rows } = await query({ text: `explain (analyze, buffers) ${s.text}`, values: s.values });
  console.log(`\n--- ${s.ms.toFixed(1)} ms: ${s.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  console.log((rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
}
await t.dispose();
process.exit(0);
