// The platform under load (issue 7): 2 000 published plans (10 targets and 5 tasks each, linked to the
// demo departments) in the demo authority, then 50 clients signed in as the office for a bounded run
// on each of: the plan list, a plan page (its detail and its tracking figures, the two requests the
// page makes), the 驾驶舱. p50/p95/p99 per endpoint, per database, and how late the server's event
// loop ran meanwhile (perf_hooks.monitorEventLoopDelay: under-pressure answers 503 past its limit).
//
//   npx tsx bench/load.ts pglite   [--plans 2000] [--seconds 10] [--connections 50] [--analyze]
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/load.ts postgres
//
// Loopback only; autocannon runs in a child process (bench/load-client.mjs). The first 驾驶舱 request
// (the cold computation) is timed on its own before the run, then the 驾驶舱 right after each of a few
// writes (a report submitted, returned, submitted again; a sign-in). Prints one JSON line per endpoint.
import '../src/server/test-setup';
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../src/core/config';
import { openTestDb } from '../src/core/db/testing';
import { seedDemo, DEMO_PASSWORD } from '../src/org/seed';
import { users } from '../src/org/auth/tables';
import { targetDepartments, targets } from '../src/plans/tables';
import { buildApp } from '../src/server/app';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../src/org/auth/model';
import { createReport, ensurePeriods, returnReport, submitReport, updateReport } from '../src/plans/progress/service';
import { machine } from './platform-process';
import { seedLoadPlans } from './load-seed';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) || dflt : dflt;
};
const tier = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const PLANS = arg('plans', 2000);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 50);
const TODAY = new Date('2026-12-02T09:00:00+08:00');

const t = await openTestDb(tier);
const db = t.db;
const s0 = performance.now();
const { tenantId } = await seedDemo(db);
// the demo accounts must choose a new password at first sign-in; the bench signs in past that step
await db.update(users).set({ mustChangePassword: false }).where(eq(users.tenantId, tenantId));
await seedLoadPlans(db, tenantId, PLANS);
// --analyze: vacuumed and analyzed as a running server's tables are (PostgreSQL's autovacuum; on the
// embedded database the periodic analyzeStale of src/core/db/analyze.ts, which the code before it lacked)
const ANALYZE = process.argv.includes('--analyze');
if (ANALYZE) await db.execute(sql`vacuum (analyze)`);
const seedSeconds = (performance.now() - s0) / 1000;

const app = await buildApp({ db, config: loadConfig({}), webDir: '/nonexistent', clock: () => TODAY });
const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
});
if (login.status !== 200) throw new Error(`login ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0];
const listRes = await fetch(`${base}/api/plans`, { headers: { cookie } });
if (listRes.status !== 200) throw new Error(`plan list ${listRes.status} ${await listRes.text()}`);
const list = (await listRes.json()) as { items: { id: string }[] };
const planId = list.items[0].id;

const c0 = performance.now();
const cold = await fetch(`${base}/api/dashboard`, { headers: { cookie } });
const dashboardBytes = (await cold.arrayBuffer()).byteLength;
const coldMs = performance.now() - c0;
// The event loop's delay over a phase (ms): p50, p99, max.
const loopDelay = async <T>(fn: () => Promise<T>): Promise<[T, { p50: number; p99: number; max: number }]> => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const out = await fn();
  h.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return [out, { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }];
};
const timed = async (fn: () => Promise<unknown>) => {
  const a = performance.now();
  await fn();
  return Math.round(performance.now() - a);
};
const getDashboard = async () => {
  const r = await fetch(`${base}/api/dashboard`, { headers: { cookie } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`dashboard ${r.status}`);
};
// The 驾驶舱 right after each change: what the office meets after a department reports or the office
// returns a report (writes through the service, as the routes call them), and after a sign-in.
const [afterChange, afterChangeLoop] = await loopDelay(async () => {
  const now = new Date(TODAY);
  const planNo = Number(planId);
  const [dep] = (await db.select({ departmentId: targetDepartments.departmentId }).from(targetDepartments).innerJoin(targets, eq(targets.id, targetDepartments.targetId)).where(eq(targets.planId, planNo)).limit(1));
  const [target] = await db.select({ id: targets.id }).from(targetDepartments).innerJoin(targets, eq(targets.id, targetDepartments.targetId)).where(and(eq(targetDepartments.departmentId, dep.departmentId), eq(targets.planId, planNo))).limit(1);
  const deptActor: Actor = { tenantId, userId: null, username: 'bench-dept', displayName: '基准部门', role: 'department', departmentId: dep.departmentId };
  const officeActor: Actor = { tenantId, userId: null, username: 'bench-office', displayName: '基准质量办', role: 'office', departmentId: null };
  const q3 = (await ensurePeriods(db, tenantId, planNo, '2026-12-02')).find((p) => p.label.endsWith('第3季度'))!;
  const rows: { change: string; writeMs: number; dashboardMs: number }[] = [];
  let report = await createReport(db, deptActor, { planId: planNo, periodId: q3.id }, now);
  report = await updateReport(db, deptActor, report.report.id, { version: report.report.version, text: '三季度进展', targets: [{ targetId: target.id, value: 95, asOf: '2026-09-30' }] }, now);
  let writeMs = await timed(async () => (report = await submitReport(db, deptActor, report.report.id, report.report.version, now)));
  rows.push({ change: 'report submitted', writeMs, dashboardMs: await timed(getDashboard) });
  writeMs = await timed(async () => (report = await returnReport(db, officeActor, report.report.id, report.report.version, '请补充数据', now)));
  rows.push({ change: 'report returned', writeMs, dashboardMs: await timed(getDashboard) });
  writeMs = await timed(async () => (report = await submitReport(db, deptActor, report.report.id, report.report.version, now)));
  rows.push({ change: 'report resubmitted', writeMs, dashboardMs: await timed(getDashboard) });
  writeMs = await timed(() => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }) }));
  rows.push({ change: 'sign-in', writeMs, dashboardMs: await timed(getDashboard) });
  return rows;
});
console.log(JSON.stringify({ machine: machine(), tier, plans: PLANS, analyzed: ANALYZE, seedSeconds: Math.round(seedSeconds), listItems: list.items.length, dashboardColdMs: Math.round(coldMs), dashboardStatus: cold.status, dashboardBytes, dashboardAfterChange: afterChange, afterChangeEventLoopMs: afterChangeLoop }));

const endpoints: [string, string][] = [
  ['plan list', '/api/plans'],
  ['plan page', `/api/plans/${planId}`],
  ['plan tracking', `/api/plans/${planId}/tracking`],
  ['驾驶舱', '/api/dashboard'],
];
// BENCH_ONLY=驾驶舱 (or another endpoint's name): that endpoint alone, e.g. under --cpu-prof
const only = process.env.BENCH_ONLY;
for (const [name, path] of endpoints.filter(([name]) => !only || name === only)) {
  // one client alone first: the latency of a request that waits for nobody
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a0 = performance.now();
    await (await fetch(base + path, { headers: { cookie } })).arrayBuffer();
    alone.push(Math.round(performance.now() - a0));
  }
  console.log(JSON.stringify({ tier, endpoint: name, oneClientMs: alone }));
  // asynchronously: the server answers from this very process
  const [out, eventLoopMs] = await loopDelay(() => new Promise<string>((resolve) =>
    execFile(process.execPath, ['bench/load-client.mjs', base + path, cookie, String(CONNECTIONS), String(SECONDS)], { timeout: (SECONDS + 90) * 1000 }, (err, stdout) =>
      resolve(stdout || `{"error":"no output (${err?.message.split('\n')[0]})"}`),
    ),
  ));
  const line = out.trim().split('\n').pop()!;
  // how soon the server answers again after the load
  const a0 = performance.now();
  const after = await Promise.race([
    fetch(`${base}/api/auth/me`, { headers: { cookie } }).then((x) => x.status),
    new Promise<string>((res) => setTimeout(() => res('no answer in 60 s'), 60_000)),
  ]);
  console.log(JSON.stringify({ tier, endpoint: name, connections: CONNECTIONS, seconds: SECONDS, ...JSON.parse(line), eventLoopMs, afterLoad: { status: after, ms: Math.round(performance.now() - a0) } }));
}
await Promise.race([app.close().then(() => t.dispose()), new Promise((r) => setTimeout(r, 15_000))]);
process.exit(0);
