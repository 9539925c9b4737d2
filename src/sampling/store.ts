// SQL of the sampling room. Every query filters by tenant.
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import type { Measure } from './model';
import {
  samplingDisposals,
  samplingHigherChecks,
  samplingPlans,
  samplingResults,
  samplingRetests,
  samplingSamples,
  samplingSettings,
  samplingTasks,
  type DisposalRow,
  type HigherCheckRow,
  type RetestRow,
  type SampleRow,
  type SamplingPlanRow,
  type SamplingResultRow,
  type SamplingTaskRow,
} from './tables';

// --- settings ---------------------------------------------------------------------------------------

export async function selectSettings(db: DbOrTx, tenantId: number) {
  const [row] = await db.select().from(samplingSettings).where(eq(samplingSettings.tenantId, tenantId));
  return row ?? null;
}

export async function upsertSettings(db: DbOrTx, row: typeof samplingSettings.$inferInsert, expectedVersion: number) {
  if (expectedVersion === 0) {
    const [r] = await db.insert(samplingSettings).values(row).onConflictDoNothing().returning();
    return r ?? null;
  }
  const [r] = await db
    .update(samplingSettings)
    .set({ settings: row.settings, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(eq(samplingSettings.tenantId, row.tenantId), eq(samplingSettings.version, expectedVersion)))
    .returning();
  return r ?? null;
}

// --- plans and tasks --------------------------------------------------------------------------------

export async function insertPlan(db: DbOrTx, row: typeof samplingPlans.$inferInsert): Promise<SamplingPlanRow> {
  const [r] = await db.insert(samplingPlans).values(row).returning();
  return r!;
}

export async function selectPlan(db: DbOrTx, tenantId: number, id: number): Promise<SamplingPlanRow | null> {
  const [r] = await db.select().from(samplingPlans).where(and(eq(samplingPlans.tenantId, tenantId), eq(samplingPlans.id, id)));
  return r ?? null;
}

export interface PlanListRow extends SamplingPlanRow {
  sampled: number;
  tested: number;
  failed: number;
}

export async function selectPlans(db: DbOrTx, tenantId: number, year?: number): Promise<PlanListRow[]> {
  const res = await db.execute<{ id: string; sampled: number; tested: number; failed: number }>(sql`
    SELECT p.id, count(s.id)::int AS sampled,
      count(s.id) FILTER (WHERE s.state = '已检验')::int AS tested,
      count(s.id) FILTER (WHERE s.state = '已检验' AND s.conclusion = '不合格')::int AS failed
    FROM sampling_plans p LEFT JOIN sampling_samples s ON s.tenant_id = p.tenant_id AND s.plan_id = p.id
    WHERE p.tenant_id = ${tenantId} ${year !== undefined ? sql`AND p.year = ${year}` : sql``}
    GROUP BY p.id`);
  const counts = new Map(res.rows.map((r) => [Number(r.id), r]));
  const where = year !== undefined ? and(eq(samplingPlans.tenantId, tenantId), eq(samplingPlans.year, year)) : eq(samplingPlans.tenantId, tenantId);
  const plans = await db.select().from(samplingPlans).where(where).orderBy(desc(samplingPlans.year), asc(samplingPlans.id));
  return plans.map((p) => {
    const c = counts.get(p.id);
    return { ...p, sampled: c?.sampled ?? 0, tested: c?.tested ?? 0, failed: c?.failed ?? 0 };
  });
}

export async function insertTask(db: DbOrTx, row: typeof samplingTasks.$inferInsert): Promise<SamplingTaskRow> {
  const [r] = await db.insert(samplingTasks).values(row).returning();
  return r!;
}

export async function selectTasks(db: DbOrTx, tenantId: number, planId: number): Promise<SamplingTaskRow[]> {
  return db.select().from(samplingTasks).where(and(eq(samplingTasks.tenantId, tenantId), eq(samplingTasks.planId, planId))).orderBy(asc(samplingTasks.id));
}

export async function selectTask(db: DbOrTx, tenantId: number, id: number): Promise<SamplingTaskRow | null> {
  const [r] = await db.select().from(samplingTasks).where(and(eq(samplingTasks.tenantId, tenantId), eq(samplingTasks.id, id)));
  return r ?? null;
}

// --- samples ----------------------------------------------------------------------------------------

export async function insertSample(db: DbOrTx, row: typeof samplingSamples.$inferInsert): Promise<SampleRow> {
  const [r] = await db.insert(samplingSamples).values(row).returning();
  return r!;
}

export async function selectSample(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<SampleRow | null> {
  const q = db.select().from(samplingSamples).where(and(eq(samplingSamples.tenantId, tenantId), eq(samplingSamples.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function selectSampleByNo(db: DbOrTx, tenantId: number, sampleNo: string): Promise<SampleRow | null> {
  const [r] = await db.select().from(samplingSamples).where(and(eq(samplingSamples.tenantId, tenantId), eq(samplingSamples.sampleNo, sampleNo)));
  return r ?? null;
}

export async function updateSample(db: DbOrTx, tenantId: number, id: number, values: Partial<typeof samplingSamples.$inferInsert>): Promise<SampleRow> {
  const [r] = await db
    .update(samplingSamples)
    .set({ ...values, version: sql`${samplingSamples.version} + 1`, updatedAt: new Date() })
    .where(and(eq(samplingSamples.tenantId, tenantId), eq(samplingSamples.id, id)))
    .returning();
  return r!;
}

/** Earlier samplings of the same product (lock key) between `from` and `to` inclusive, newest first. */
export async function selectSameProduct(db: DbOrTx, tenantId: number, productKey: string, from: string, to: string, exceptId?: number): Promise<SampleRow[]> {
  const rows = await db
    .select()
    .from(samplingSamples)
    .where(and(eq(samplingSamples.tenantId, tenantId), eq(samplingSamples.productKey, productKey), gte(samplingSamples.sampledOn, from), lte(samplingSamples.sampledOn, to)))
    .orderBy(desc(samplingSamples.sampledOn));
  return exceptId === undefined ? rows : rows.filter((r) => r.id !== exceptId);
}

export interface SampleFilter {
  planId?: number;
  state?: string;
  conclusion?: string;
  enterpriseId?: number;
  /** samples with an open 后处理 or a failure without one */
  needsDisposal?: boolean;
}

export async function selectSamples(db: DbOrTx, tenantId: number, f: SampleFilter, limit: number, offset: number): Promise<{ items: SampleRow[]; total: number }> {
  const conds: SQL[] = [eq(samplingSamples.tenantId, tenantId)];
  if (f.planId !== undefined) conds.push(eq(samplingSamples.planId, f.planId));
  if (f.state) conds.push(eq(samplingSamples.state, f.state));
  if (f.conclusion) conds.push(eq(samplingSamples.conclusion, f.conclusion));
  if (f.enterpriseId !== undefined) conds.push(eq(samplingSamples.enterpriseId, f.enterpriseId));
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    db.select().from(samplingSamples).where(where).orderBy(desc(samplingSamples.sampledOn), desc(samplingSamples.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(samplingSamples).where(where) as unknown as Promise<[{ n: number }]>,
  ]);
  return { items, total: Number(n) };
}

// --- results, retests, disposals --------------------------------------------------------------------

export async function insertResults(db: DbOrTx, rows: Array<typeof samplingResults.$inferInsert>): Promise<SamplingResultRow[]> {
  if (!rows.length) return [];
  return db.insert(samplingResults).values(rows).returning();
}

export async function deleteResults(db: DbOrTx, tenantId: number, sampleId: number, stage: string): Promise<void> {
  await db.delete(samplingResults).where(and(eq(samplingResults.tenantId, tenantId), eq(samplingResults.sampleId, sampleId), eq(samplingResults.stage, stage)));
}

export async function selectResults(db: DbOrTx, tenantId: number, sampleId: number): Promise<SamplingResultRow[]> {
  return db.select().from(samplingResults).where(and(eq(samplingResults.tenantId, tenantId), eq(samplingResults.sampleId, sampleId))).orderBy(asc(samplingResults.id));
}

export async function selectRetest(db: DbOrTx, tenantId: number, sampleId: number): Promise<RetestRow | null> {
  const [r] = await db.select().from(samplingRetests).where(and(eq(samplingRetests.tenantId, tenantId), eq(samplingRetests.sampleId, sampleId)));
  return r ?? null;
}

export async function insertRetest(db: DbOrTx, row: typeof samplingRetests.$inferInsert): Promise<RetestRow> {
  const [r] = await db.insert(samplingRetests).values(row).returning();
  return r!;
}

export async function updateRetest(db: DbOrTx, tenantId: number, id: number, values: Partial<typeof samplingRetests.$inferInsert>): Promise<RetestRow> {
  const [r] = await db.update(samplingRetests).set(values).where(and(eq(samplingRetests.tenantId, tenantId), eq(samplingRetests.id, id))).returning();
  return r!;
}

export async function selectDisposal(db: DbOrTx, tenantId: number, sampleId: number): Promise<DisposalRow | null> {
  const [r] = await db.select().from(samplingDisposals).where(and(eq(samplingDisposals.tenantId, tenantId), eq(samplingDisposals.sampleId, sampleId)));
  return r ?? null;
}

export async function selectDisposalById(db: DbOrTx, tenantId: number, id: number): Promise<DisposalRow | null> {
  const [r] = await db.select().from(samplingDisposals).where(and(eq(samplingDisposals.tenantId, tenantId), eq(samplingDisposals.id, id))).for('update');
  return r ?? null;
}

export async function insertDisposal(db: DbOrTx, row: typeof samplingDisposals.$inferInsert): Promise<DisposalRow> {
  const [r] = await db.insert(samplingDisposals).values(row).returning();
  return r!;
}

export async function updateDisposal(db: DbOrTx, tenantId: number, id: number, version: number, values: Partial<typeof samplingDisposals.$inferInsert>): Promise<DisposalRow | null> {
  const [r] = await db
    .update(samplingDisposals)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(samplingDisposals.tenantId, tenantId), eq(samplingDisposals.id, id), eq(samplingDisposals.version, version)))
    .returning();
  return r ?? null;
}

/** An open 后处理 (整改中 or 复查不合格) with its batch and the sampling plan's organising department. */
export interface OpenDisposal {
  disposalId: number;
  sampleId: number;
  sampleNo: string;
  enterpriseName: string;
  productName: string;
  step: number;
  state: string;
  deadline: string;
  extensionDays: number | null;
  department: string;
}

/** The authority's open 后处理 whose deadline falls on or before `until` (or whose 复查 failed), earliest first. */
export async function selectOpenDisposals(db: DbOrTx, tenantId: number, until: string): Promise<OpenDisposal[]> {
  const r = await db.execute<{ disposal_id: number; sample_id: number; sample_no: string; enterprise_name: string; product_name: string; step: number; state: string; deadline: string; extension_days: number | null; department: string }>(sql`
    SELECT d.id AS disposal_id, s.id AS sample_id, s.sample_no, s.enterprise_name, s.product_name, d.step, d.state,
           to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.extension_days, coalesce(p.department, '') AS department
    FROM sampling_disposals d
    JOIN sampling_samples s ON s.tenant_id = d.tenant_id AND s.id = d.sample_id
    LEFT JOIN sampling_plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id
    WHERE d.tenant_id = ${tenantId} AND (d.state = '复查不合格' OR (d.state = '整改中' AND d.deadline <= ${until}::date))
    ORDER BY d.deadline, d.id`);
  return r.rows.map((x) => ({
    disposalId: Number(x.disposal_id),
    sampleId: Number(x.sample_id),
    sampleNo: x.sample_no,
    enterpriseName: x.enterprise_name,
    productName: x.product_name,
    step: Number(x.step),
    state: x.state,
    deadline: x.deadline,
    extensionDays: x.extension_days === null ? null : Number(x.extension_days),
    department: x.department,
  }));
}

/** A failed batch whose 后处理 has not begun: the firm not yet told, or the 责令整改 not yet issued. */
export interface PendingFailure {
  sampleId: number;
  sampleNo: string;
  enterpriseName: string;
  productName: string;
  state: string;
  conclusion: string | null;
  reportOn: string | null;
  notifiedOn: string | null;
  finalOn: string | null;
  retestState: string | null;
}

/**
 * Failed batches (first test 不合格) of the authority without a 后处理 yet: those tested but not
 * notified, and those notified whose conclusion still stands. Hundreds per authority per year at most.
 */
export async function selectPendingFailures(db: DbOrTx, tenantId: number): Promise<PendingFailure[]> {
  const r = await db.execute<{ sample_id: number; sample_no: string; enterprise_name: string; product_name: string; state: string; conclusion: string | null; report_on: string | null; notified_on: string | null; final_on: string | null; retest_state: string | null }>(sql`
    SELECT s.id AS sample_id, s.sample_no, s.enterprise_name, s.product_name, s.state, s.conclusion,
           to_char(s.report_on, 'YYYY-MM-DD') AS report_on, to_char(s.notified_on, 'YYYY-MM-DD') AS notified_on,
           to_char(s.final_on, 'YYYY-MM-DD') AS final_on, r.state AS retest_state
    FROM sampling_samples s
    LEFT JOIN sampling_retests r ON r.tenant_id = s.tenant_id AND r.sample_id = s.id
    WHERE s.tenant_id = ${tenantId} AND s.first_conclusion = '不合格' AND s.state = '已检验'
      AND NOT EXISTS (SELECT 1 FROM sampling_disposals d WHERE d.tenant_id = s.tenant_id AND d.sample_id = s.id)
      AND (s.notified_on IS NULL OR s.conclusion = '不合格')
    ORDER BY s.id`);
  return r.rows.map((x) => ({
    sampleId: Number(x.sample_id),
    sampleNo: x.sample_no,
    enterpriseName: x.enterprise_name,
    productName: x.product_name,
    state: x.state,
    conclusion: x.conclusion,
    reportOn: x.report_on,
    notifiedOn: x.notified_on,
    finalOn: x.final_on,
    retestState: x.retest_state,
  }));
}

export async function selectDisposalsOf(db: DbOrTx, tenantId: number, sampleIds: number[]): Promise<DisposalRow[]> {
  if (!sampleIds.length) return [];
  return db.select().from(samplingDisposals).where(and(eq(samplingDisposals.tenantId, tenantId), inArray(samplingDisposals.sampleId, sampleIds)));
}

export async function selectRetestsOf(db: DbOrTx, tenantId: number, sampleIds: number[]): Promise<RetestRow[]> {
  if (!sampleIds.length) return [];
  return db.select().from(samplingRetests).where(and(eq(samplingRetests.tenantId, tenantId), inArray(samplingRetests.sampleId, sampleIds)));
}

// --- rates (regulatory-rules.md §4.4) ---------------------------------------------------------------
// 抽查批次 = every sample; 实际检验批次 = state 已检验; 合格 / 不合格批次 = tested with that conclusion.
// One scan of sampling_samples_rates_idx (index-only: every column read is in the index).

export interface RateFilter {
  yearFrom: number;
  yearTo: number;
  /** catalogue code prefix (2, 4 or 6 characters) */
  category?: string;
  /** GB/T 2260 code prefix */
  region?: string;
}

export interface RateCell {
  year: number | null;
  category: string | null;
  region: string | null;
  sampled: number;
  tested: number;
  passed: number;
  failed: number;
}

const prefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function rateWhere(tenantId: number, f: RateFilter): SQL {
  return sql`tenant_id = ${tenantId} AND year BETWEEN ${f.yearFrom} AND ${f.yearTo}
    ${f.category ? sql`AND product_code LIKE ${prefix(f.category)}` : sql``}
    ${f.region ? sql`AND region_code LIKE ${prefix(f.region)}` : sql``}`;
}

/**
 * Counts by year × category × region, with the margins (year × category, year × region, year) in the
 * same scan (GROUPING SETS). A margin row has NULL in the dimensions it sums over.
 */
export async function selectRateCells(db: DbOrTx, tenantId: number, f: RateFilter, categoryChars: number, regionChars: number): Promise<RateCell[]> {
  // the grouping expressions must be the same text in SELECT and GROUP BY: literals, not parameters
  if (![2, 4, 6].includes(categoryChars) || ![6, 9, 12].includes(regionChars)) throw new Error('bad grouping level');
  const cat = sql.raw(`left(product_code, ${categoryChars})`);
  const reg = sql.raw(`left(region_code, ${regionChars})`);
  const res = await db.execute<{ year: number | null; category: string | null; region: string | null; g: number; sampled: number; tested: number; passed: number; failed: number }>(sql`
    SELECT year, ${cat} AS category, ${reg} AS region,
      GROUPING(year, ${cat}, ${reg})::int AS g,
      count(*)::int AS sampled,
      count(*) FILTER (WHERE state = '已检验')::int AS tested,
      count(*) FILTER (WHERE state = '已检验' AND conclusion = '合格')::int AS passed,
      count(*) FILTER (WHERE state = '已检验' AND conclusion = '不合格')::int AS failed
    FROM sampling_samples
    WHERE ${rateWhere(tenantId, f)}
    GROUP BY GROUPING SETS (
      (year, ${cat}, ${reg}),
      (year, ${cat}),
      (year, ${reg}),
      (year))`);
  return res.rows.map((r) => ({
    year: r.year === null ? null : Number(r.year),
    // GROUPING bits: 4 = year summed over, 2 = category, 1 = region
    category: Number(r.g) & 2 ? null : (r.category ?? ''),
    region: Number(r.g) & 1 ? null : (r.region ?? ''),
    sampled: r.sampled,
    tested: r.tested,
    passed: r.passed,
    failed: r.failed,
  }));
}

/** The batches behind one figure: `measure` picks which (抽查 / 实际检验 / 合格 / 不合格批次). */
export async function selectRateBatches(
  db: DbOrTx,
  tenantId: number,
  f: RateFilter,
  measure: Measure,
  limit: number,
  offset: number,
): Promise<{ items: SampleRow[]; total: number }> {
  const m =
    measure === 'tested' ? sql`AND state = '已检验'` : measure === 'passed' ? sql`AND state = '已检验' AND conclusion = '合格'` : measure === 'failed' ? sql`AND state = '已检验' AND conclusion = '不合格'` : sql``;
  const where = sql`${rateWhere(tenantId, f)} ${m}`;
  const ids = await db.execute<{ id: string }>(sql`SELECT id FROM sampling_samples WHERE ${where} ORDER BY sampled_on DESC, id DESC LIMIT ${limit} OFFSET ${offset}`);
  const total = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sampling_samples WHERE ${where}`);
  const idList = ids.rows.map((r) => Number(r.id));
  const items = idList.length
    ? await db.select().from(samplingSamples).where(and(eq(samplingSamples.tenantId, tenantId), inArray(samplingSamples.id, idList)))
    : [];
  const order = new Map(idList.map((id, i) => [id, i]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { items, total: total.rows[0]!.n };
}

export async function selectRegionNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const list = codes.filter((c) => c);
  if (!list.length) return new Map();
  const res = await db.execute<{ code: string; name: string }>(
    sql`SELECT code, name FROM regions WHERE code IN (SELECT jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`,
  );
  return new Map(res.rows.map((r) => [r.code, r.name]));
}

/** Samples of one enterprise (the quality file). */
export async function selectEnterpriseSamples(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<SampleRow[]> {
  return db
    .select()
    .from(samplingSamples)
    .where(and(eq(samplingSamples.tenantId, tenantId), eq(samplingSamples.enterpriseId, enterpriseId)))
    .orderBy(desc(samplingSamples.sampledOn));
}

// --- 上级监督抽查 -------------------------------------------------------------------------------------

export async function insertHigherCheck(db: DbOrTx, values: typeof samplingHigherChecks.$inferInsert): Promise<HigherCheckRow> {
  const [r] = await db.insert(samplingHigherChecks).values(values).returning();
  return r!;
}

/** The authority's record of higher-level checks, newest first (an enterprise's only, when given). */
export async function selectHigherChecks(db: DbOrTx, tenantId: number, enterpriseId?: number): Promise<HigherCheckRow[]> {
  const where = enterpriseId === undefined ? eq(samplingHigherChecks.tenantId, tenantId) : and(eq(samplingHigherChecks.tenantId, tenantId), eq(samplingHigherChecks.enterpriseId, enterpriseId));
  return db.select().from(samplingHigherChecks).where(where).orderBy(desc(samplingHigherChecks.sampledOn), desc(samplingHigherChecks.id)).limit(500);
}

export async function selectHigherCheck(db: DbOrTx, tenantId: number, id: number): Promise<HigherCheckRow | undefined> {
  const [r] = await db.select().from(samplingHigherChecks).where(and(eq(samplingHigherChecks.tenantId, tenantId), eq(samplingHigherChecks.id, id)));
  return r;
}

export async function deleteHigherCheck(db: DbOrTx, tenantId: number, id: number): Promise<void> {
  await db.delete(samplingHigherChecks).where(and(eq(samplingHigherChecks.tenantId, tenantId), eq(samplingHigherChecks.id, id)));
}

/** Higher-level checks of the same product (lock key) between `from` and `to` inclusive, newest first. */
export async function selectHigherSameProduct(db: DbOrTx, tenantId: number, productKey: string, from: string, to: string): Promise<HigherCheckRow[]> {
  return db
    .select()
    .from(samplingHigherChecks)
    .where(and(eq(samplingHigherChecks.tenantId, tenantId), eq(samplingHigherChecks.productKey, productKey), gte(samplingHigherChecks.sampledOn, from), lte(samplingHigherChecks.sampledOn, to)))
    .orderBy(desc(samplingHigherChecks.sampledOn));
}
