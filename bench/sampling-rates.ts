// 监督抽查 rates over a large sampling register (issue 12, "Numbers"): p50/p95 of GET /api/sampling/rates
// (抽检合格率 and 不合格发现率 by product category × region × year, with the margins) and of the list of
// batches behind one figure, through the assembled app (fastify inject, a signed-in inspector), next to
// one sequential scan of sampling_samples measured in the same run.
//
//   flock /tmp/zl-heavy.lock env TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/sampling-rates.ts --tier postgres --rows 1000000
//   flock /tmp/zl-heavy.lock npx tsx bench/sampling-rates.ts --tier pglite --rows 100000
//
// Rows are generated in SQL: 93 catalogue products, 200 townships, 5 years (2022–2026), 2 % not tested,
// 1 % awaiting results, ~9 % of the tested failing; widths like real samples (names, brand, model).
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import '../src/server/test-setup';
import { openTestDb } from '../src/core/db/testing';
import type { Actor } from '../src/org/auth/model';
import { insertTenant } from '../src/org/tenancy/store';
import { callAs, fakeSessionApp } from '../src/server/testing';
import { CATALOGUE } from '../src/sampling/catalogue';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const tier = arg('tier', process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite') as 'postgres' | 'pglite';
const ROWS = Number(arg('rows', tier === 'postgres' ? '1000000' : '100000'));
const RUNS = Number(arg('runs', '40'));
const pctl = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => Math.round(x * 10) / 10;

const products = CATALOGUE.flatMap((g) => g.subgroups.flatMap((s) => s.products.map((p) => p.code)));
const t = await openTestDb(tier);
try {
  const db = t.db;
  const tenant = await insertTenant(db, { name: '基准市', regionCode: '330100' });
  const tenantId = tenant.id;
  const [plan] = (await db.execute<{ id: string }>(sql`INSERT INTO sampling_plans (tenant_id, year, name, product_code, product_name, planned_batches) VALUES (${tenantId}, 2026, '基准计划', '010110', '电热水壶', 1) RETURNING id`)).rows;
  const [task] = (await db.execute<{ id: string }>(sql`INSERT INTO sampling_tasks (tenant_id, plan_id, testing_body, batches) VALUES (${tenantId}, ${plan!.id}, '基准检测院', 1) RETURNING id`)).rows;
  const codes = `{${products.join(',')}}`;
  const g0 = performance.now();
  const CHUNK = 250_000;
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1);
    await db.execute(sql`
      INSERT INTO sampling_samples (tenant_id, plan_id, task_id, sample_no, enterprise_id, credit_code, enterprise_name, region_code, product_code, product_name,
        brand, model, batch_no, standard, product_key, sampled_on, year, samplers, state, first_conclusion, conclusion, report_on, final_on)
      SELECT ${tenantId}, ${plan!.id}, ${task!.id}, 'CJ' || g, g % 50000 + 1, '91330100' || lpad((g % 50000)::text, 10, '0'), '浙江基准' || (g % 50000) || '电器有限公司',
        '330106' || lpad((g % 200 + 1)::text, 3, '0'), (${codes}::text[])[(g * 7) % ${products.length} + 1], '基准产品',
        '基准牌', 'M-' || (g % 997), to_char(d, 'YYYYMMDD'), 'GB 4706.1-2005', 'k' || g, d, extract(year from d)::int, ARRAY['张一','李二'],
        CASE WHEN g % 100 = 0 THEN '待检验' WHEN g % 50 = 1 THEN '未检验' ELSE '已检验' END,
        CASE WHEN g % 100 = 0 OR g % 50 = 1 THEN NULL WHEN g % 11 = 3 THEN '不合格' ELSE '合格' END,
        CASE WHEN g % 100 = 0 OR g % 50 = 1 THEN NULL WHEN g % 11 = 3 THEN '不合格' ELSE '合格' END,
        d + 10, d + 10
      FROM (SELECT g, DATE '2022-01-01' + ((g * 13) % 1826)::int AS d FROM generate_series(${from}::bigint, ${to}::bigint) g) x`);
  }
  await db.execute(sql`VACUUM ANALYZE sampling_samples`);
  const genMs = performance.now() - g0;

  const scans: number[] = [];
  const scan = async () => {
    await db.execute(sql`SET enable_indexscan = off`);
    await db.execute(sql`SET enable_indexonlyscan = off`);
    await db.execute(sql`SET enable_bitmapscan = off`);
    const s0 = performance.now();
    await db.execute(sql`SELECT count(*) FROM sampling_samples WHERE tenant_id = ${tenantId} AND state = '已检验'`);
    scans.push(performance.now() - s0);
    await db.execute(sql`RESET enable_indexscan`);
    await db.execute(sql`RESET enable_indexonlyscan`);
    await db.execute(sql`RESET enable_bitmapscan`);
  };
  for (let i = 0; i < 3; i++) await scan();

  const sessions = new Map<string, Actor>([['insp', { tenantId, userId: 1, username: 'insp', displayName: '检查员', role: 'inspector', departmentId: null }]]);
  const app = await fakeSessionApp(db, sessions);
  const shapes: Array<[string, string]> = [
    ['one year, 大类 × 县区', '/api/sampling/rates?yearFrom=2025&yearTo=2025&categoryLevel=group&regionLevel=county'],
    ['one year, 产品 × 乡镇 (≈19 000 cells)', '/api/sampling/rates?yearFrom=2025&yearTo=2025&categoryLevel=product&regionLevel=township'],
    ['five years, 大类 × 乡镇', '/api/sampling/rates?yearFrom=2022&yearTo=2026&categoryLevel=group&regionLevel=township'],
    ['batches behind one figure (不合格, one product × township × year)', `/api/sampling/rates/batches?yearFrom=2025&yearTo=2025&category=${products[3]}&region=330106017&measure=failed`],
    ['batches behind a margin (抽查批次, one 大类 × year, page 1)', '/api/sampling/rates/batches?yearFrom=2025&yearTo=2025&category=01&measure=sampled'],
  ];
  const results: Array<Record<string, unknown>> = [];
  for (const [label, url] of shapes) {
    const first = await callAs(app, 'insp', 'GET', url);
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s0 = performance.now();
      const r = await callAs(app, 'insp', 'GET', url);
      times.push(performance.now() - s0);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    }
    const body = first.json() as { rows?: unknown[]; total?: number };
    results.push({ label, url, p50: ms(pctl(times, 0.5)), p95: ms(pctl(times, 0.95)), rows: body.rows?.length ?? body.total, bytes: first.body.length });
  }
  for (let i = 0; i < 3; i++) await scan();
  const plan1 = await db.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN SELECT year, left(product_code, 2), left(region_code, 9), count(*) FILTER (WHERE state = '已检验')
    FROM sampling_samples WHERE tenant_id = ${tenantId} AND year BETWEEN 2025 AND 2025 GROUP BY 1, 2, 3`);
  await app.close();
  const scanMedian = pctl(scans, 0.5);
  console.log(
    JSON.stringify(
      {
        tier,
        rows: ROWS,
        generateS: Math.round(genMs / 100) / 10,
        seqScanMs: { median: ms(scanMedian), all: scans.map(ms) },
        load: os.loadavg().map((x) => Math.round(x * 100) / 100),
        results: results.map((r) => ({ ...r, p95OverScan: Math.round(((r.p95 as number) / scanMedian) * 100) / 100 })),
        plan: plan1.rows.map((r) => r['QUERY PLAN']).slice(0, 6),
      },
      null,
      1,
    ),
  );
} finally {
  await t.dispose();
}
