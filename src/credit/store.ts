// SQL of credit. Every query filters by tenant. The reclassification is set-based: the facts of a
// batch of enterprises are aggregated in SQL, scored by SQL expressions generated from the tenant's
// rule set (model.ts), and written in the same statement; class history rows only where the class
// changed. The register is walked in keyset batches of ids, so no statement holds the (embedded)
// database for long and memory stays flat.
import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import { enterprises } from '../enterprises/tables';
import { CREDIT_FACT_KEYS, type CreditFact, type CreditFacts, type CreditSettings } from './model';
import {
  creditClassHistory,
  creditEvents,
  creditListMemberships,
  creditReclassifyRuns,
  creditRiskClasses,
  creditSettings,
  type CreditClassHistoryRow,
  type CreditEventRow,
  type CreditMembershipRow,
  type CreditRiskClassRow,
  type CreditRunRow,
} from './tables';

// --- settings --------------------------------------------------------------------------------------

export async function selectCreditSettings(db: DbOrTx, tenantId: number, forUpdate = false): Promise<{ settings: CreditSettings; version: number } | null> {
  const q = db.select({ settings: creditSettings.settings, version: creditSettings.version }).from(creditSettings).where(eq(creditSettings.tenantId, tenantId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Inserts (version 0 → 1) or updates when the stored version is `version`; null when it moved on. */
export async function writeCreditSettings(db: DbOrTx, tenantId: number, version: number, settings: CreditSettings): Promise<{ settings: CreditSettings; version: number } | null> {
  if (version === 0) {
    const [row] = await db.insert(creditSettings).values({ tenantId, settings }).onConflictDoNothing().returning({ settings: creditSettings.settings, version: creditSettings.version });
    return row ?? null;
  }
  const [row] = await db
    .update(creditSettings)
    .set({ settings, version: version + 1, updatedAt: new Date() })
    .where(and(eq(creditSettings.tenantId, tenantId), eq(creditSettings.version, version)))
    .returning({ settings: creditSettings.settings, version: creditSettings.version });
  return row ?? null;
}

// --- enterprises (read only: the directory owns them) -----------------------------------------------

export async function selectEnterprise(db: DbOrTx, tenantId: number, id: number): Promise<{ id: number; name: string; creditCode: string } | null> {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, id)));
  return row ?? null;
}

export async function tenantsWithEnterprises(db: DbOrTx): Promise<number[]> {
  const rows = await db.selectDistinct({ tenantId: enterprises.tenantId }).from(enterprises);
  return rows.map((r) => r.tenantId);
}

// --- events --------------------------------------------------------------------------------------

export async function insertEvent(db: DbOrTx, row: typeof creditEvents.$inferInsert): Promise<CreditEventRow> {
  const [e] = await db.insert(creditEvents).values(row).returning();
  return e;
}

export async function selectEvents(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<CreditEventRow[]> {
  return db
    .select()
    .from(creditEvents)
    .where(and(eq(creditEvents.tenantId, tenantId), eq(creditEvents.enterpriseId, enterpriseId)))
    .orderBy(desc(creditEvents.occurredOn), desc(creditEvents.id));
}

export async function selectEvent(db: DbOrTx, tenantId: number, id: number): Promise<CreditEventRow | null> {
  const [e] = await db.select().from(creditEvents).where(and(eq(creditEvents.tenantId, tenantId), eq(creditEvents.id, id)));
  return e ?? null;
}

export async function withdrawEvent(db: DbOrTx, tenantId: number, id: number, on: string): Promise<void> {
  await db.update(creditEvents).set({ withdrawnOn: on }).where(and(eq(creditEvents.tenantId, tenantId), eq(creditEvents.id, id)));
}

// --- list memberships ------------------------------------------------------------------------------

export async function insertMembership(db: DbOrTx, row: typeof creditListMemberships.$inferInsert): Promise<CreditMembershipRow> {
  const [m] = await db.insert(creditListMemberships).values(row).returning();
  return m;
}

export async function selectMemberships(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<CreditMembershipRow[]> {
  return db
    .select()
    .from(creditListMemberships)
    .where(and(eq(creditListMemberships.tenantId, tenantId), eq(creditListMemberships.enterpriseId, enterpriseId)))
    .orderBy(desc(creditListMemberships.id));
}

export async function selectMembership(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<CreditMembershipRow | null> {
  const q = db.select().from(creditListMemberships).where(and(eq(creditListMemberships.tenantId, tenantId), eq(creditListMemberships.id, id)));
  const [m] = forUpdate ? await q.for('update') : await q;
  return m ?? null;
}

export async function updateMembership(db: DbOrTx, tenantId: number, id: number, version: number, patch: Partial<typeof creditListMemberships.$inferInsert>): Promise<CreditMembershipRow | null> {
  const [m] = await db
    .update(creditListMemberships)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(creditListMemberships.tenantId, tenantId), eq(creditListMemberships.id, id), eq(creditListMemberships.version, version)))
    .returning();
  return m ?? null;
}

/** Open memberships (pending or listed), in id order after `afterId` (keyset paging for the daily check). */
export async function selectOpenMemberships(db: DbOrTx, tenantId: number, afterId: number, limit: number): Promise<CreditMembershipRow[]> {
  return db
    .select()
    .from(creditListMemberships)
    .where(and(eq(creditListMemberships.tenantId, tenantId), inArray(creditListMemberships.state, ['pending', 'listed']), sql`${creditListMemberships.id} > ${afterId}`))
    .orderBy(asc(creditListMemberships.id))
    .limit(limit);
}

/** Open memberships with a deadline on or before `horizon`, with the enterprise's name. */
export async function selectDueMemberships(db: DbOrTx, tenantId: number, horizon: string, limit: number): Promise<{ rows: (CreditMembershipRow & { enterpriseName: string; creditCode: string })[]; total: number }> {
  const m = creditListMemberships;
  const due = or(lte(m.listingDueOn, horizon), lte(m.removalDueOn, horizon), lte(m.objectionAcceptDueOn, horizon), lte(m.objectionVerifyDueOn, horizon), and(eq(m.state, 'listed'), lte(m.publicationEndsOn, horizon)));
  const where = and(eq(m.tenantId, tenantId), inArray(m.state, ['pending', 'listed']), due);
  const rows = await db
    .select({ m, enterpriseName: enterprises.name, creditCode: enterprises.creditCode })
    .from(m)
    .innerJoin(enterprises, and(eq(enterprises.tenantId, m.tenantId), eq(enterprises.id, m.enterpriseId)))
    .where(where)
    .orderBy(sql`least(${m.listingDueOn}, ${m.removalDueOn}, ${m.objectionAcceptDueOn}, ${m.objectionVerifyDueOn}, ${m.publicationEndsOn})`, asc(m.id))
    .limit(limit);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(m).where(where);
  return { rows: rows.map((r) => ({ ...r.m, enterpriseName: r.enterpriseName, creditCode: r.creditCode })), total: n };
}

// --- classes -----------------------------------------------------------------------------------------

export async function selectRiskClass(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<CreditRiskClassRow | null> {
  const [r] = await db.select().from(creditRiskClasses).where(and(eq(creditRiskClasses.tenantId, tenantId), eq(creditRiskClasses.enterpriseId, enterpriseId)));
  return r ?? null;
}

export async function selectClassHistory(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<CreditClassHistoryRow[]> {
  return db
    .select()
    .from(creditClassHistory)
    .where(and(eq(creditClassHistory.tenantId, tenantId), eq(creditClassHistory.enterpriseId, enterpriseId)))
    .orderBy(desc(creditClassHistory.changedAt), desc(creditClassHistory.id));
}

export async function countByClass(db: DbOrTx, tenantId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ c: creditRiskClasses.class, n: sql<number>`count(*)::int` })
    .from(creditRiskClasses)
    .where(eq(creditRiskClasses.tenantId, tenantId))
    .groupBy(creditRiskClasses.class);
  return Object.fromEntries(rows.map((r) => [r.c, r.n]));
}

// --- the set-based classification ----------------------------------------------------------------------

/** The SQL column of each fact in the facts CTE (fixed identifiers, never user input). */
const FACT_COLUMNS: Record<CreditFact, string> = {
  penalties: 'penalties',
  heavyPenalties: 'heavy_penalties',
  failedSamplings: 'failed_samplings',
  inspectionProblems: 'inspection_problems',
  complaints: 'complaints',
  missingAnnualReports: 'missing_annual_reports',
  onAbnormalList: 'on_abnormal_list',
  onSeriousList: 'on_serious_list',
  young: 'young',
  revoked: 'revoked',
};

/** The facts (CTE `f`) of the tenant's enterprises with lo < id <= hi, on day `asOf`. */
function factsSql(tenantId: number, lo: number, hi: number, asOf: string, w: CreditSettings['windows']): SQL {
  const since = (months: number) => sql`(${asOf}::date - make_interval(months => ${months}::int))::date`;
  const inWindow = (months: number) => sql`occurred_on > ${since(months)}`;
  return sql`
    e as (
      select id, registered_on, status from enterprises
      where tenant_id = ${tenantId} and id > ${lo} and id <= ${hi}
    ),
    ev as (
      select enterprise_id,
        count(*) filter (where kind = 'penalty' and ${inWindow(w.penaltyMonths)})::int as penalties,
        count(*) filter (where kind = 'penalty' and heavy and ${inWindow(w.penaltyMonths)})::int as heavy_penalties,
        count(*) filter (where kind = 'sampling_failed' and ${inWindow(w.samplingMonths)})::int as failed_samplings,
        count(*) filter (where kind = 'inspection_problem' and ${inWindow(w.inspectionMonths)})::int as inspection_problems,
        count(*) filter (where kind = 'complaint' and ${inWindow(w.complaintMonths)})::int as complaints,
        count(*) filter (where kind = 'annual_report_missing' and ${inWindow(w.annualReportMonths)})::int as missing_annual_reports
      from credit_events
      where tenant_id = ${tenantId} and enterprise_id > ${lo} and enterprise_id <= ${hi}
        and occurred_on <= ${asOf}::date and (withdrawn_on is null or withdrawn_on > ${asOf}::date)
      group by enterprise_id
    ),
    li as (
      select enterprise_id, bool_or(list = 'abnormal') as abnormal, bool_or(list = 'serious') as serious
      from credit_list_memberships
      where tenant_id = ${tenantId} and enterprise_id > ${lo} and enterprise_id <= ${hi}
        and state = 'listed' and listed_on <= ${asOf}::date
        and (publication_ends_on is null or publication_ends_on > ${asOf}::date)
      group by enterprise_id
    ),
    f as (
      select e.id as enterprise_id,
        coalesce(ev.penalties, 0) as penalties,
        coalesce(ev.heavy_penalties, 0) as heavy_penalties,
        coalesce(ev.failed_samplings, 0) as failed_samplings,
        coalesce(ev.inspection_problems, 0) as inspection_problems,
        coalesce(ev.complaints, 0) as complaints,
        coalesce(ev.missing_annual_reports, 0) as missing_annual_reports,
        (case when li.abnormal then 1 else 0 end) as on_abnormal_list,
        (case when li.serious then 1 else 0 end) as on_serious_list,
        (case when e.registered_on > (${asOf}::date - interval '1 year')::date then 1 else 0 end) as young,
        (case when e.status = '吊销' then 1 else 0 end) as revoked
      from e
      left join ev on ev.enterprise_id = e.id
      left join li on li.enterprise_id = e.id
    )`;
}

/** The facts of one enterprise on `asOf` (the same SQL the whole-register job runs). */
export async function selectFacts(db: DbOrTx, tenantId: number, enterpriseId: number, asOf: string, windows: CreditSettings['windows']): Promise<CreditFacts | null> {
  const res = await db.execute(sql`with ${factsSql(tenantId, enterpriseId - 1, enterpriseId, asOf, windows)} select * from f`);
  const row = res.rows[0] as Record<string, number> | undefined;
  if (!row) return null;
  return Object.fromEntries(CREDIT_FACT_KEYS.map((k) => [k, Number(row[FACT_COLUMNS[k]])])) as CreditFacts;
}

/** The scoring expressions generated from the rule set: points, fired rule ids, fired points, class. */
function scoringSql(settings: Pick<CreditSettings, 'rules' | 'cutoffs'>): SQL {
  const rules = settings.rules.filter((r) => r.enabled);
  const cond = (r: (typeof rules)[number]) => sql`${sql.raw(FACT_COLUMNS[r.fact])} >= ${r.threshold}::int`;
  const points = rules.length ? sql.join(rules.map((r) => sql`(case when ${cond(r)} then ${r.points}::int else 0 end)`), sql` + `) : sql`0`;
  const ids = rules.length ? sql.join(rules.map((r) => sql`case when ${cond(r)} then ${r.id}::text end`), sql`, `) : sql``;
  const pts = rules.length ? sql.join(rules.map((r) => sql`case when ${cond(r)} then ${r.points}::int end`), sql`, `) : sql``;
  const { B, C, D } = settings.cutoffs;
  return sql`
    s as (
      select enterprise_id,
        (${points})::int as points,
        array_remove(array[${ids}]::text[], null) as fired_rules,
        array_remove(array[${pts}]::int[], null) as fired_points
      from f
    ),
    c as (
      select s.*, case when points >= ${D}::int then 'D' when points >= ${C}::int then 'C' when points >= ${B}::int then 'B' else 'A' end as class
      from s
    )`;
}

/**
 * Classifies the enterprises with lo < id <= hi in one statement: upserts their current class
 * (only rows whose class, points or fired rules changed are written) and appends a history row
 * for each whose class changed. Returns the counts.
 */
export async function reclassifyBatch(
  db: DbOrTx,
  tenantId: number,
  lo: number,
  hi: number,
  asOf: string,
  settings: Pick<CreditSettings, 'rules' | 'cutoffs' | 'windows'>,
): Promise<{ rows: number; changed: number; written: number }> {
  const res = await db.execute(sql`
    with ${factsSql(tenantId, lo, hi, asOf, settings.windows)},
    ${scoringSql(settings)},
    prev as (
      select r.enterprise_id, r.class, r.points, r.fired_rules, r.fired_points from credit_risk_classes r
      where r.tenant_id = ${tenantId} and r.enterprise_id > ${lo} and r.enterprise_id <= ${hi}
    ),
    hist as (
      insert into credit_class_history (tenant_id, enterprise_id, from_class, to_class, points, fired_rules, as_of)
      select ${tenantId}, c.enterprise_id, prev.class, c.class, c.points, c.fired_rules, ${asOf}::date
      from c left join prev on prev.enterprise_id = c.enterprise_id
      where prev.class is distinct from c.class
      returning 1
    ),
    up as (
      insert into credit_risk_classes as r (tenant_id, enterprise_id, class, points, fired_rules, fired_points, as_of, computed_at)
      select ${tenantId}, c.enterprise_id, c.class, c.points, c.fired_rules, c.fired_points, ${asOf}::date, now()
        from c left join prev on prev.enterprise_id = c.enterprise_id
       -- only the rows whose class or reasons differ reach the upsert: an unchanged row is neither
       -- written nor row-locked (ON CONFLICT … DO UPDATE … WHERE locks every conflicting row it looks at)
       where prev.enterprise_id is null
          or (prev.class, prev.points, prev.fired_rules, prev.fired_points) is distinct from (c.class, c.points, c.fired_rules, c.fired_points)
      on conflict (tenant_id, enterprise_id) do update
        set class = excluded.class, points = excluded.points, fired_rules = excluded.fired_rules,
            fired_points = excluded.fired_points, as_of = excluded.as_of, computed_at = excluded.computed_at
        where (r.class, r.points, r.fired_rules, r.fired_points) is distinct from
              (excluded.class, excluded.points, excluded.fired_rules, excluded.fired_points)
      returning 1
    )
    select (select count(*) from c)::int as rows, (select count(*) from hist)::int as changed, (select count(*) from up)::int as written`);
  const row = res.rows[0] as { rows: number; changed: number; written: number };
  return { rows: Number(row.rows), changed: Number(row.changed), written: Number(row.written) };
}

/** The upper id of the next batch of at most `size` enterprises after `afterId` (null: none left). */
export async function nextBatchEnd(db: DbOrTx, tenantId: number, afterId: number, size: number): Promise<number | null> {
  const res = await db.execute(sql`
    select max(id)::bigint as hi from (
      select id from enterprises where tenant_id = ${tenantId} and id > ${afterId} order by id limit ${size}
    ) b`);
  const hi = (res.rows[0] as { hi: string | null }).hi;
  return hi === null ? null : Number(hi);
}

// --- runs --------------------------------------------------------------------------------------------

/** Inserts a run; null when it is a scheduled run of a day that already has one. */
export async function insertRun(db: DbOrTx, row: typeof creditReclassifyRuns.$inferInsert): Promise<CreditRunRow | null> {
  const [r] = await db.insert(creditReclassifyRuns).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

export async function updateRun(db: DbOrTx, tenantId: number, id: number, patch: Partial<typeof creditReclassifyRuns.$inferInsert>): Promise<CreditRunRow | null> {
  const [r] = await db.update(creditReclassifyRuns).set(patch).where(and(eq(creditReclassifyRuns.tenantId, tenantId), eq(creditReclassifyRuns.id, id))).returning();
  return r ?? null;
}

export async function selectRun(db: DbOrTx, tenantId: number, id: number): Promise<CreditRunRow | null> {
  const [r] = await db.select().from(creditReclassifyRuns).where(and(eq(creditReclassifyRuns.tenantId, tenantId), eq(creditReclassifyRuns.id, id)));
  return r ?? null;
}

export async function selectTenantIds(db: DbOrTx): Promise<number[]> {
  const res = await db.execute(sql`select id from tenants order by id`);
  return (res.rows as { id: string | number }[]).map((r) => Number(r.id));
}

export async function selectLatestRun(db: DbOrTx, tenantId: number): Promise<CreditRunRow | null> {
  const [r] = await db.select().from(creditReclassifyRuns).where(eq(creditReclassifyRuns.tenantId, tenantId)).orderBy(desc(creditReclassifyRuns.id)).limit(1);
  return r ?? null;
}

// --- import of events from a file (import.ts) ------------------------------------------------------

/** The authority's enterprises among these credit codes: code → id. */
export async function enterpriseIdsByCode(db: DbOrTx, tenantId: number, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const res = await db.execute(
    sql`select credit_code, id from enterprises where tenant_id = ${tenantId} and credit_code = any(${sql.param(codes)}::text[])`,
  );
  return new Map((res.rows as Array<{ credit_code: string; id: number }>).map((r) => [r.credit_code, Number(r.id)]));
}

export interface StagedEvent {
  rowNo: number;
  enterpriseId: number;
  kind: string;
  occurredOn: string;
  decisionNo: string | null;
  title: string | null;
  detail: string | null;
  heavy: boolean;
  publication: string | null;
  field: string | null;
  publicationEndsOn: string | null;
  repairFrom: string | null;
}

/** One batch of checked rows into the staging table (arrays, one statement: both databases). */
export async function stageImportedEvents(db: DbOrTx, tenantId: number, jobId: number, rows: readonly StagedEvent[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedEvent) => T) => sql.param(rows.map(f));
  await db.execute(sql`
    insert into credit_event_import_staging (tenant_id, job_id, row_no, enterprise_id, kind, occurred_on, decision_no, title, detail, heavy,
                                             publication, field, publication_ends_on, repair_from)
    select ${tenantId}, ${jobId}, x.row_no, x.enterprise_id, x.kind, x.occurred_on::date, x.decision_no, x.title, x.detail, x.heavy,
           x.publication, x.field, x.publication_ends_on::date, x.repair_from::date
      from unnest(${col((r) => r.rowNo)}::int[], ${col((r) => r.enterpriseId)}::bigint[], ${col((r) => r.kind)}::text[], ${col((r) => r.occurredOn)}::text[],
                  ${col((r) => r.decisionNo)}::text[], ${col((r) => r.title)}::text[], ${col((r) => r.detail)}::text[], ${col((r) => r.heavy)}::boolean[],
                  ${col((r) => r.publication)}::text[], ${col((r) => r.field)}::text[], ${col((r) => r.publicationEndsOn)}::text[], ${col((r) => r.repairFrom)}::text[])
        as x(row_no, enterprise_id, kind, occurred_on, decision_no, title, detail, heavy, publication, field, publication_ends_on, repair_from)`);
}

/**
 * The one set-based merge of a job's staged events (inside the caller's transaction): rows whose
 * record is already there (same enterprise, kind, date, 文号 and 事由) are left alone; the staged
 * rows are removed. The enterprise must still be in the register (it could have gone meanwhile).
 */
export async function mergeImportedEvents(tx: DbOrTx, tenantId: number, jobId: number, userId: number | null, userName: string): Promise<{ staged: number; imported: number }> {
  const [{ n }] = (await tx.execute(sql`select count(*)::int as n from credit_event_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`))
    .rows as Array<{ n: number }>;
  const ins = await tx.execute(sql`
    insert into credit_events (tenant_id, enterprise_id, kind, occurred_on, decision_no, title, detail, source, heavy, publication, field,
                               publication_ends_on, repair_from, entered_by, entered_by_name)
    select s.tenant_id, s.enterprise_id, s.kind, s.occurred_on, s.decision_no, s.title, s.detail, 'import', s.heavy, s.publication, s.field,
           s.publication_ends_on, s.repair_from, ${userId}, ${userName}
      from credit_event_import_staging s
      join enterprises e on e.tenant_id = s.tenant_id and e.id = s.enterprise_id
     where s.tenant_id = ${tenantId} and s.job_id = ${jobId}
       and not exists (select 1 from credit_events c
                        where c.tenant_id = s.tenant_id and c.enterprise_id = s.enterprise_id and c.kind = s.kind and c.occurred_on = s.occurred_on
                          and c.decision_no is not distinct from s.decision_no and c.title is not distinct from s.title)
     order by s.row_no`);
  await dropStagedEvents(tx, tenantId, jobId);
  return { staged: Number(n), imported: ins.rowCount ?? 0 };
}

export async function dropStagedEvents(db: DbOrTx, tenantId: number, jobId: number): Promise<void> {
  await db.execute(sql`delete from credit_event_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`);
}

/**
 * Credit-event imports left `running` by a killed process (started more than `hours` ago): their staged
 * rows are removed and the job marked failed (nothing of them was merged). Run before each import.
 */
export async function abandonStaleEventImports(db: DbOrTx, tenantId: number, hours = 6): Promise<void> {
  const stale = sql`select id from enterprise_import_jobs
    where tenant_id = ${tenantId} and kind = 'credit_events' and status = 'running' and started_at < now() - make_interval(hours => ${hours})`;
  await db.execute(sql`delete from credit_event_import_staging where tenant_id = ${tenantId} and job_id in (${stale})`);
  await db.execute(sql`update enterprise_import_jobs set status = 'failed', error_code = 'IMPORT_ABANDONED',
      error_message = '导入中断（进程结束或超时），未写入任何数据', finished_at = now()
    where tenant_id = ${tenantId} and id in (${stale})`);
}
