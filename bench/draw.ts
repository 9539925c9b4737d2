// The verifiable draw at province size (issue 12): fixing the frame (snapshot of the eligible
// enterprises, list hashes), the draw itself, the public file, and its verification, each timed as a
// ratio to one sequential scan of the enterprises table measured in the same run; peak RSS of this
// process and of the verifier (a child process).
//
//   flock /tmp/zl-heavy.lock env TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/draw.ts --tier postgres --rows 3000000
//   flock /tmp/zl-heavy.lock npx tsx bench/draw.ts --tier pglite --rows 300000
//
// The draw is timed as the route answers it; a version-3 draw's objects are written after that answer
// (decision 052) and the wait for them is reported beside it (objectsAfterDrawMs, drawAndObjectsRatio).
//
// Rows are generated in SQL (generate_series) with distinct 18-character codes in an order unrelated
// to the ids, realistic name/address widths, 5% deregistered (excluded). Risk classes are synthetic
// (A 65%, B 25%, C 8.5%, D 1.5%, the shape of 丹东's published counts) and passed to the frame query in
// place of RISK_CLASS_SQL (no credit classification is run here). The campaign page (paged on the
// server) is timed on its first and last page of 200 objects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import '../src/server/test-setup';
import { openTestDb } from '../src/core/db/testing';
import type { Actor } from '../src/org/auth/model';
import { insertTenant } from '../src/org/tenancy/store';
import { verifyDrawFile, type DrawFile } from '../src/inspections/draw';
import * as svc from '../src/inspections/service';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

if (process.argv.includes('--verify')) {
  // child: verify one file, report time and peak RSS
  const file = arg('verify', '');
  const t0 = performance.now();
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as DrawFile;
  const t1 = performance.now();
  const v = await verifyDrawFile(parsed);
  const t2 = performance.now();
  console.log(JSON.stringify({ ok: v.ok, readParseMs: Math.round(t1 - t0), verifyMs: Math.round(t2 - t1), totalMs: Math.round(t2 - t0), maxRssMiB: mib(process.resourceUsage().maxRSS * 1024) }));
  process.exit(0);
}

const tier = arg('tier', process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite') as 'postgres' | 'pglite';
const ROWS = Number(arg('rows', tier === 'postgres' ? '3000000' : '300000'));
const CLASS_SQL = sql`CASE WHEN e.id % 1000 < 650 THEN 'A' WHEN e.id % 1000 < 900 THEN 'B' WHEN e.id % 1000 < 985 THEN 'C' ELSE 'D' END`;

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const t = await openTestDb(tier);
try {
  const db = t.db;
  const tenant = await insertTenant(db, { name: '基准省', regionCode: '330000' });
  const tenantId = tenant.id;
  const [, genMs] = await timed(async () => {
    const CHUNK = 500_000;
    for (let from = 1; from <= ROWS; from += CHUNK) {
      const to = Math.min(ROWS, from + CHUNK - 1);
      await db.execute(sql`
        INSERT INTO enterprises (tenant_id, credit_code, name, legal_representative, status, registered_on, address, region_code, industry_section, industry_division)
        SELECT ${tenantId}, '91330000' || lpad(((g::bigint * 7919) % 10000000000)::text, 10, '0'),
               '浙江基准' || g || '制造有限公司', '张' || (g % 100), CASE WHEN g % 20 = 0 THEN '注销' ELSE '存续' END, DATE '2010-01-01' + (g % 5000)::int,
               '浙江省杭州市西湖区文三路' || (g % 999) || '号' || (g % 30) || '幢', '330106', 'C', '3' || (g % 10)
        FROM generate_series(${from}::bigint, ${to}::bigint) g`);
    }
    await db.execute(sql`ANALYZE enterprises`);
    // the generated rows' dirty pages written out now, not by a checkpoint in the middle of the frame
    await db.execute(sql`CHECKPOINT`);
  });
  const office: Actor = { tenantId, userId: null, username: 'bench', displayName: '基准', role: 'office', departmentId: null };
  const item = await svc.createItem(db, office, {
    code: 'B-1',
    name: '基准抽查事项',
    legalBasis: '《企业信息公示暂行条例》',
    department: '市场监管局',
    content: '',
    method: '实地核查',
    scope: {},
    classRules: {},
    active: true,
  });
  for (let i = 0; i < 200; i++) {
    await svc.createInspector(db, office, { userId: null, name: `检查员${i}`, department: '市场监管局', certificateNo: `B${i}`, qualifiedItemIds: [item.id], conflicts: [], active: true });
  }
  const campaign = await svc.createCampaign(db, office, { name: '基准全省抽查', year: 2026, itemIds: [item.id], departments: [], regionPrefix: null });

  const seqScan = async () =>
    (
      await timed(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL enable_indexscan = off`);
          await tx.execute(sql`SET LOCAL enable_indexonlyscan = off`);
          await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
          await tx.execute(sql`SELECT count(*) FROM enterprises WHERE tenant_id = ${tenantId} AND status = ANY(ARRAY['存续','在业'])`);
        }),
      )
    )[1];
  await seqScan(); // warm the cache
  const scans = [await seqScan(), await seqScan(), await seqScan()];
  const scanMs = median(scans);
  const now = new Date('2026-12-02T02:00:00Z');
  const rssBeforeDraw = process.memoryUsage().rss;
  peak = rssBeforeDraw;
  const [framed, frameMs] = await timed(() => svc.fixFrame(db, office, campaign.id, now, { riskClassSql: CLASS_SQL }));
  const peakFrame = peak;
  // the draw as the route runs it: answered once the draw is fixed and its seed revealed, the objects'
  // rows written after it in this process (decision 052); the wait for them is timed on its own
  const [drawn, drawMs] = await timed(() => svc.drawCampaign(db, office, campaign.id, now, { objects: 'background' }));
  const [, objectsMs] = await timed(() => svc.ensureObjectsWritten(db, tenantId));
  const peakDraw = peak;
  const scansAfter = [await seqScan(), await seqScan(), await seqScan()];
  const scanAfterMs = median(scansAfter);
  // the campaign page over all drawn objects (paged on the server: the first and the last page)
  const [page1, page1Ms] = await timed(() => svc.getCampaign(db, office, campaign.id, now, { page: 1, pageSize: 200, filter: 'all' }));
  const lastPage = Math.max(1, Math.ceil(page1.counts.all / 200));
  const [, lastPageMs] = await timed(() => svc.getCampaign(db, office, campaign.id, now, { page: lastPage, pageSize: 200, filter: 'all' }));
  const [file, fileMs] = await timed(() => svc.drawFileOf(db, tenantId, campaign.id));
  const out = path.join(os.tmpdir(), `zl-draw-bench-${process.pid}.json`);
  const [, writeMs] = await timed(async () => fs.writeFileSync(out, JSON.stringify(file)));
  const size = fs.statSync(out).size;
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/draw.ts', '--verify', out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const verify = JSON.parse(child.stdout.trim().split('\n').at(-1) || '{}');
  // same machine, same process: the in-process verification as a cross-check of the result
  const inProcess = await verifyDrawFile(file as DrawFile);
  fs.rmSync(out, { force: true });
  clearInterval(sampler);
  const result = {
    tier,
    rows: ROWS,
    eligible: framed.frame!.strata.reduce((a, s) => a + s.size, 0),
    strata: framed.frame!.strata.map((s) => `${s.key}:${s.take}/${s.size}`).join(' '),
    drawn: drawn.objectCount,
    drawVersion: framed.frame!.version,
    generateSeconds: Math.round(genMs / 100) / 10,
    seqScanMs: { before: scans.map(Math.round), after: scansAfter.map(Math.round), median: Math.round((scanMs + scanAfterMs) / 2) },
    frameMs: Math.round(frameMs),
    drawMs: Math.round(drawMs),
    frameRatio: Math.round((frameMs / ((scanMs + scanAfterMs) / 2)) * 100) / 100,
    objectsAfterDrawMs: Math.round(objectsMs),
    drawRatio: Math.round((drawMs / ((scanMs + scanAfterMs) / 2)) * 100) / 100,
    drawAndObjectsRatio: Math.round(((drawMs + objectsMs) / ((scanMs + scanAfterMs) / 2)) * 100) / 100,
    frameAndDrawRatio: Math.round(((frameMs + drawMs) / ((scanMs + scanAfterMs) / 2)) * 100) / 100,
    frameDrawObjectsRatio: Math.round(((frameMs + drawMs + objectsMs) / ((scanMs + scanAfterMs) / 2)) * 100) / 100,
    rssBeforeMiB: mib(rssBeforeDraw),
    peakRssFrameMiB: mib(peakFrame),
    peakRssDrawMiB: mib(peakDraw),
    campaignPage: { objects: page1.counts.all, firstPageMs: Math.round(page1Ms), lastPageMs: Math.round(lastPageMs) },
    publicFile: { buildMs: Math.round(fileMs), writeMs: Math.round(writeMs), MiB: mib(size) },
    verifyChild: verify,
    verifyInProcessOk: inProcess.ok,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`,
  };
  console.log(JSON.stringify(result, null, 1));
} finally {
  clearInterval(sampler);
  await t.dispose();
}
