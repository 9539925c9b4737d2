// The directory's SQL: search, one enterprise and its history, the import's staging (COPY on
// PostgreSQL, a multi-row INSERT over arrays on the embedded database, where COPY FROM STDIN does not
// pass through pglite-socket) and the one set-based merge. Every query filters by tenant.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, DbOrTx } from '../core/db/index';
import { escapeLike, regionPrefix, SEARCH_LIMITS, type Enterprise, type EnterpriseFilter, type EnterpriseInput, type HistoryEntry } from './model';
import type { EnterpriseLicence } from './tables';
import { searchCondition } from './search-conditions';

type Row = Record<string, unknown>;
const rowsOf = async <T = Row>(db: DbOrTx, q: SQL): Promise<T[]> => (await db.execute(q)).rows as T[];

const ENTERPRISE_COLUMNS = sql.raw(
  `id, tenant_id, credit_code, name, legal_representative, category, type, status, registered_on::text as registered_on,
   registered_capital::float8 as registered_capital, address, region_code, industry_section, industry_division, licences,
   product_tags, created_at, updated_at`,
);

function enterpriseOf(r: Row): Enterprise {
  return {
    id: Number(r.id),
    tenantId: Number(r.tenant_id),
    creditCode: r.credit_code as string,
    name: r.name as string,
    legalRepresentative: (r.legal_representative as string | null) ?? null,
    category: r.category as string,
    type: (r.type as string | null) ?? null,
    status: r.status as string,
    registeredOn: (r.registered_on as string | null) ?? null,
    registeredCapital: r.registered_capital === null || r.registered_capital === undefined ? null : Number(r.registered_capital),
    address: (r.address as string | null) ?? null,
    regionCode: (r.region_code as string | null) ?? null,
    industrySection: (r.industry_section as string | null) ?? null,
    industryDivision: (r.industry_division as string | null) ?? null,
    licences: (r.licences as EnterpriseLicence[]) ?? [],
    productTags: (r.product_tags as string[]) ?? [],
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/** The WHERE conditions of a search (tenant first). */
function searchWhere(tenantId: number, f: EnterpriseFilter & { codePrefix?: string; nameFragment?: string }): SQL {
  const conds: SQL[] = [sql`tenant_id = ${tenantId}`];
  if (f.codePrefix) conds.push(sql`credit_code like ${escapeLike(f.codePrefix) + '%'}`);
  if (f.nameFragment) conds.push(sql`name like ${'%' + escapeLike(f.nameFragment) + '%'}`);
  if (f.region) {
    const p = regionPrefix(f.region);
    conds.push(p.length === 9 ? sql`region_code = ${p}` : sql`region_code like ${escapeLike(p) + '%'}`);
  }
  if (f.industry) {
    conds.push(/^[A-T]$/.test(f.industry) ? sql`industry_section = ${f.industry}` : sql`industry_division = ${f.industry}`);
  }
  if (f.status) conds.push(sql`status = ${f.status}`);
  if (f.product) conds.push(sql`product_tags @> array[${f.product}]::text[]`);
  if (f.licence) conds.push(sql`licences @> ${JSON.stringify([{ kind: f.licence }])}::jsonb`);
  if (f.riskClass) conds.push(searchCondition('riskClass', tenantId, f.riskClass));
  if (f.list) conds.push(searchCondition('list', tenantId, f.list));
  return sql.join(conds, sql` and `);
}

export interface SearchArgs extends EnterpriseFilter {
  codePrefix?: string;
  nameFragment?: string;
  limit: number;
  offset: number;
}

/** The page and the capped count statements of a search (exported for the benchmark's EXPLAIN). */
export function searchQueries(tenantId: number, a: SearchArgs): { page: SQL; count: SQL; estimate: SQL } {
  const where = searchWhere(tenantId, a);
  return {
    page: sql`select ${ENTERPRISE_COLUMNS} from enterprises where ${where} order by id limit ${a.limit} offset ${a.offset}`,
    count: sql`select count(*)::int as n from (select 1 from enterprises where ${where} limit ${SEARCH_LIMITS.exactCountUpTo + 1}) x`,
    estimate: sql`explain select 1 from enterprises where ${where}`,
  };
}

/**
 * One page, by id (the order rows came in, stable), and how many match. The page stops after its rows
 * whatever the plan; the count is what can cost at province size, so it is bounded three ways:
 * - the planner's estimate first (EXPLAIN, no rows read): far above SEARCH_LIMITS.exactCountUpTo,
 *   the estimate is the answer, flagged (totalExact false; the page says 约 … 家（估计数）);
 * - else a count capped at exactCountUpTo + 1 rows;
 * - under a time budget (statement_timeout, SEARCH_LIMITS.countBudgetMs): a count that would take
 *   longer is stopped and the estimate given instead, flagged. (The embedded database may ignore the
 *   timeout; it then counts to the cap.)
 */
export async function searchEnterprises(db: DbOrTx, tenantId: number, a: SearchArgs): Promise<{ items: Enterprise[]; total: number; totalExact: boolean }> {
  const q = searchQueries(tenantId, a);
  const items = (await rowsOf(db, q.page)).map(enterpriseOf);
  if (a.offset === 0 && items.length < a.limit) return { items, total: items.length, totalExact: true };
  const cap = SEARCH_LIMITS.exactCountUpTo;
  const seen = a.offset + items.length;
  const plan = await rowsOf<{ 'QUERY PLAN': string }>(db, q.estimate);
  const est = Number(/rows=(\d+)/.exec(plan[0]?.['QUERY PLAN'] ?? '')?.[1] ?? 0);
  const estimated = { items, total: Math.max(est, seen, cap + 1), totalExact: false };
  if (est > cap * SEARCH_LIMITS.estimateTrustedAbove) return estimated;
  let n: number;
  try {
    n = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${Math.round(SEARCH_LIMITS.countBudgetMs)}`));
      const [{ n: c }] = await rowsOf<{ n: number }>(tx, q.count);
      return c;
    });
  } catch (e) {
    if (isStatementTimeout(e)) return estimated; // over the budget
    throw e;
  }
  if (n <= cap) return { items, total: n, totalExact: true };
  return { items, total: Math.max(est, n), totalExact: false };
}

/** query_canceled (57014), as node-postgres raises it or wrapped by drizzle (the driver's error as `cause`). */
export function isStatementTimeout(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '57014' || err?.cause?.code === '57014';
}

/** Every match in id order, in batches (the Excel export streams these). */
export async function* eachEnterprise(db: Db, tenantId: number, f: SearchArgs, max: number): AsyncGenerator<Enterprise> {
  const where = searchWhere(tenantId, f);
  let after = 0;
  let left = max;
  while (left > 0) {
    const batch = (
      await rowsOf(db, sql`select ${ENTERPRISE_COLUMNS} from enterprises where ${where} and id > ${after} order by id limit ${Math.min(2000, left)}`)
    ).map(enterpriseOf);
    if (batch.length === 0) return;
    for (const e of batch) yield e;
    after = batch[batch.length - 1]!.id;
    left -= batch.length;
  }
}

export async function selectEnterprise(db: DbOrTx, tenantId: number, id: number): Promise<Enterprise | undefined> {
  const [r] = await rowsOf(db, sql`select ${ENTERPRISE_COLUMNS} from enterprises where tenant_id = ${tenantId} and id = ${id}`);
  return r ? enterpriseOf(r) : undefined;
}

export async function selectEnterpriseByCode(db: DbOrTx, tenantId: number, code: string): Promise<Enterprise | undefined> {
  const [r] = await rowsOf(db, sql`select ${ENTERPRISE_COLUMNS} from enterprises where tenant_id = ${tenantId} and credit_code = ${code}`);
  return r ? enterpriseOf(r) : undefined;
}

export async function selectHistory(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<HistoryEntry[]> {
  const rows = await rowsOf(
    db,
    sql`select id, field, old_value, new_value, source, changed_at from enterprise_history
         where tenant_id = ${tenantId} and enterprise_id = ${enterpriseId} order by changed_at desc, id desc`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    field: r.field as string,
    oldValue: (r.old_value as string | null) ?? null,
    newValue: (r.new_value as string | null) ?? null,
    source: r.source as string,
    changedAt: new Date(r.changed_at as string),
  }));
}

export async function countEnterprises(db: DbOrTx, tenantId: number): Promise<number> {
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from enterprises where tenant_id = ${tenantId}`);
  return n;
}

// --- regions of the authority ------------------------------------------------------------------------

/** The tenant's regions (their significant code prefixes) and every region under them in the regions table. */
export async function selectTenantRegionTree(db: DbOrTx, tenantId: number): Promise<{ prefixes: string[]; regions: Array<{ code: string; name: string; fullName: string }> }> {
  const roots = await rowsOf<{ code: string }>(
    db,
    sql`select region_code as code from tenant_regions where tenant_id = ${tenantId}
        union select region_code from tenants where id = ${tenantId}`,
  );
  const prefixes = [...new Set(roots.map((r) => regionPrefix(r.code)))];
  if (prefixes.length === 0) return { prefixes, regions: [] };
  const likes = sql.join(
    prefixes.map((p) => sql`code like ${p + '%'}`),
    sql` or `,
  );
  const regions = await rowsOf<{ code: string; name: string; full_name: string }>(db, sql`select code, name, full_name from regions where ${likes}`);
  return { prefixes, regions: regions.map((r) => ({ code: r.code, name: r.name, fullName: r.full_name })) };
}

// --- import jobs ---------------------------------------------------------------------------------------

export interface ImportJob {
  id: number;
  tenantId: number;
  /** register / credit_events / standard_declarations */
  kind: string;
  fileName: string;
  fileBytes: number;
  status: 'running' | 'done' | 'failed';
  stage: 'reading' | 'merging' | 'done';
  percent: number;
  rowsRead: number;
  rowsPerSecond: number;
  imported: number;
  updated: number;
  unchanged: number;
  refused: number;
  headers: string[];
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

function jobOf(r: Row): ImportJob {
  return {
    id: Number(r.id),
    tenantId: Number(r.tenant_id),
    kind: (r.kind as string) ?? 'register',
    fileName: r.file_name as string,
    fileBytes: Number(r.file_bytes),
    status: r.status as ImportJob['status'],
    stage: r.stage as ImportJob['stage'],
    percent: Number(r.percent),
    rowsRead: Number(r.rows_read),
    rowsPerSecond: Number(r.rows_per_second),
    imported: Number(r.imported),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    refused: Number(r.refused),
    headers: (r.headers as string[]) ?? [],
    errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    startedAt: new Date(r.started_at as string),
    finishedAt: r.finished_at ? new Date(r.finished_at as string) : null,
  };
}

/** Serialises the start of imports of one tenant (transaction-scoped advisory lock). */
export async function lockTenantImports(tx: DbOrTx, tenantId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('enterprise-import'), ${tenantId}::int)`);
}

/** The tenant's register imports still `running` (alive, or abandoned by a killed process). */
export async function selectRunningJobs(db: DbOrTx, tenantId: number): Promise<ImportJob[]> {
  return (await rowsOf(db, sql`select * from enterprise_import_jobs where tenant_id = ${tenantId} and status = 'running' and kind = 'register'`)).map(jobOf);
}

/** Marks an abandoned job failed and drops what it staged (nothing of it was merged). */
export async function abandonJob(db: DbOrTx, tenantId: number, jobId: number, message: string): Promise<void> {
  await db.execute(sql`delete from enterprise_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`);
  await db.execute(
    sql`update enterprise_import_jobs set status = 'failed', error_code = 'IMPORT_ABANDONED', error_message = ${message}, finished_at = now()
         where tenant_id = ${tenantId} and id = ${jobId}`,
  );
}

export async function insertJob(
  db: DbOrTx,
  tenantId: number,
  j: { fileName: string; fileBytes: number; headers: string[]; createdBy: number | null; kind?: 'register' | 'credit_events' | 'standard_declarations' },
): Promise<ImportJob> {
  const [r] = await rowsOf(
    db,
    sql`insert into enterprise_import_jobs (tenant_id, kind, file_name, file_bytes, headers, created_by)
        values (${tenantId}, ${j.kind ?? 'register'}, ${j.fileName}, ${j.fileBytes}, ${sql.param(j.headers)}::text[], ${j.createdBy}) returning *`,
  );
  return jobOf(r!);
}

export async function selectJob(db: DbOrTx, tenantId: number, jobId: number): Promise<ImportJob | undefined> {
  const [r] = await rowsOf(db, sql`select * from enterprise_import_jobs where tenant_id = ${tenantId} and id = ${jobId}`);
  return r ? jobOf(r) : undefined;
}

export async function updateJobProgress(db: DbOrTx, tenantId: number, jobId: number, p: { stage: string; percent: number; rowsRead: number; rowsPerSecond: number; refused: number }): Promise<void> {
  await db.execute(
    sql`update enterprise_import_jobs set stage = ${p.stage}, percent = ${p.percent}, rows_read = ${p.rowsRead}, rows_per_second = ${p.rowsPerSecond}, refused = ${p.refused}
         where tenant_id = ${tenantId} and id = ${jobId}`,
  );
}

export async function finishJob(
  db: DbOrTx,
  tenantId: number,
  jobId: number,
  r: { imported: number; updated: number; unchanged: number; refused: number; rowsRead: number; rowsPerSecond: number },
): Promise<void> {
  await db.execute(
    sql`update enterprise_import_jobs set status = 'done', stage = 'done', percent = 100, imported = ${r.imported}, updated = ${r.updated},
           unchanged = ${r.unchanged}, refused = ${r.refused}, rows_read = ${r.rowsRead}, rows_per_second = ${r.rowsPerSecond}, finished_at = now()
         where tenant_id = ${tenantId} and id = ${jobId}`,
  );
}

export async function failJob(db: DbOrTx, tenantId: number, jobId: number, code: string, message: string): Promise<void> {
  await db.execute(sql`delete from enterprise_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`);
  await db.execute(
    sql`update enterprise_import_jobs set status = 'failed', error_code = ${code}, error_message = ${message}, finished_at = now()
         where tenant_id = ${tenantId} and id = ${jobId}`,
  );
}

// --- staging and merge ------------------------------------------------------------------------------

/** The embedded database (one connection held by routing): COPY FROM STDIN does not pass through its socket. */
export function isEmbedded(db: Db): boolean {
  return Boolean((db.$client as { appOptions?: { holdRouting?: boolean } }).appOptions?.holdRouting);
}

const STAGING_COLUMNS =
  'tenant_id, job_id, row_no, credit_code, name, legal_representative, category, type, status, registered_on, registered_capital, address, region_code, industry_section, industry_division, licences, product_tags';

function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function arrayLiteral(xs: readonly string[]): string {
  return `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export interface StagedRow {
  rowNo: number;
  row: EnterpriseInput;
}

/** COPY text-format lines of staged rows. */
function copyLines(tenantId: number, jobId: number, rows: readonly StagedRow[]): string {
  let out = '';
  for (const { rowNo, row: e } of rows) {
    out +=
      [
        String(tenantId),
        String(jobId),
        String(rowNo),
        copyText(e.creditCode),
        copyText(e.name),
        copyText(e.legalRepresentative),
        copyText(e.category),
        copyText(e.type),
        copyText(e.status),
        copyText(e.registeredOn),
        e.registeredCapital === null ? '\\N' : String(e.registeredCapital),
        copyText(e.address),
        copyText(e.regionCode),
        copyText(e.industrySection),
        copyText(e.industryDivision),
        copyText(JSON.stringify(e.licences)),
        copyText(arrayLiteral(e.productTags)),
      ].join('\t') + '\n';
  }
  return out;
}

/** A bulk loader into one table: COPY on PostgreSQL (one client for the loader's life), arrays on embedded. */
export interface StagingWriter {
  write(rows: readonly StagedRow[]): Promise<void>;
  close(): Promise<void>;
}

export async function openStagingWriter(db: Db, tenantId: number, jobId: number, table = 'enterprise_import_staging'): Promise<StagingWriter> {
  if (isEmbedded(db)) {
    return {
      async write(rows) {
        if (rows.length === 0) return;
        const col = <T>(f: (r: StagedRow) => T) => rows.map(f);
        await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(STAGING_COLUMNS)})
          select ${tenantId}, ${jobId}, x.row_no, x.credit_code, x.name, x.legal_representative, x.category, x.type, x.status,
                 x.registered_on::date, x.registered_capital::numeric, x.address, x.region_code, x.industry_section, x.industry_division,
                 x.licences::jsonb, x.product_tags::text[]
            from unnest(${sql.param(col((r) => r.rowNo))}::int[], ${sql.param(col((r) => r.row.creditCode))}::text[], ${sql.param(col((r) => r.row.name))}::text[],
                        ${sql.param(col((r) => r.row.legalRepresentative))}::text[], ${sql.param(col((r) => r.row.category))}::text[], ${sql.param(col((r) => r.row.type))}::text[],
                        ${sql.param(col((r) => r.row.status))}::text[], ${sql.param(col((r) => r.row.registeredOn))}::text[],
                        ${sql.param(col((r) => (r.row.registeredCapital === null ? null : String(r.row.registeredCapital))))}::text[],
                        ${sql.param(col((r) => r.row.address))}::text[], ${sql.param(col((r) => r.row.regionCode))}::text[], ${sql.param(col((r) => r.row.industrySection))}::text[],
                        ${sql.param(col((r) => r.row.industryDivision))}::text[], ${sql.param(col((r) => JSON.stringify(r.row.licences)))}::text[],
                        ${sql.param(col((r) => arrayLiteral(r.row.productTags)))}::text[])
              as x(row_no, credit_code, name, legal_representative, category, type, status, registered_on, registered_capital,
                   address, region_code, industry_section, industry_division, licences, product_tags)`);
      },
      async close() {},
    };
  }
  const client = await db.$client.connect();
  let released = false;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const stream = client.query(copyFrom(`copy ${table} (${STAGING_COLUMNS}) from stdin`));
      await pipeline(Readable.from([copyLines(tenantId, jobId, rows)]), stream);
    },
    async close() {
      if (!released) {
        released = true;
        client.release();
      }
    },
  };
}

export async function insertRefusals(db: DbOrTx, tenantId: number, jobId: number, rows: ReadonlyArray<{ rowNo: number; reason: string; cells: string[] }>): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`insert into enterprise_import_refusals (tenant_id, job_id, row_no, reason, cells)
    select ${tenantId}, ${jobId}, x.row_no, x.reason, array(select jsonb_array_elements_text(x.cells))
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ row_no: r.rowNo, reason: r.reason, cells: r.cells })))}::jsonb)
        as x(row_no int, reason text, cells jsonb)`);
}

/**
 * Rows whose credit code came earlier in the same file are refused (the first one stays staged):
 * moved from staging to the refusals with the earlier row's number. `cellsSql` rebuilds the row's
 * cells in the file's column order from the staged fields: `columnFields` are SQL expressions over
 * the staged row `s` (constants of import.ts, never user input), null for a column no field reads.
 */
export async function refuseDuplicates(db: DbOrTx, tenantId: number, jobId: number, columnFields: ReadonlyArray<string | null>): Promise<number> {
  const cellExpr = sql.raw(
    `array[${columnFields
      .map((f) => (f ? `coalesce((${f})::text, '')` : `''`))
      .join(', ')}]::text[]`,
  );
  const res = await db.execute(sql`
    with firsts as materialized (
      select credit_code, min(row_no) as first_row from enterprise_import_staging
       where tenant_id = ${tenantId} and job_id = ${jobId} group by credit_code having count(*) > 1
    ), dups as (
      delete from enterprise_import_staging s using firsts f
       where s.tenant_id = ${tenantId} and s.job_id = ${jobId} and s.credit_code = f.credit_code and s.row_no > f.first_row
      returning s.*, f.first_row
    )
    insert into enterprise_import_refusals (tenant_id, job_id, row_no, reason, cells)
    select ${tenantId}, ${jobId}, s.row_no, '统一社会信用代码“' || s.credit_code || '”与第 ' || s.first_row || ' 行重复（同一文件中只能出现一次）', ${cellExpr}
      from dups s`);
  return res.rowCount ?? 0;
}

/**
 * Fresh statistics of the staging table: without them the planner takes a just-filled staging table
 * for empty and joins it by nested loops (5 000 rows: 2 minutes instead of milliseconds).
 */
export async function analyzeStaging(db: DbOrTx): Promise<void> {
  await db.execute(sql`analyze enterprise_import_staging`);
}

/** The staged rows' count. */
export async function countStaged(db: DbOrTx, tenantId: number, jobId: number): Promise<number> {
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from enterprise_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`);
  return n;
}

/**
 * The one set-based merge of a job's staged rows into the register, by credit code: the history of
 * name/address/status changes first, then the update of changed rows, then the insert of new ones;
 * the staged rows are removed. Run it inside the caller's transaction.
 */
export async function mergeStaged(tx: DbOrTx, tenantId: number, jobId: number, source: string): Promise<{ imported: number; updated: number; historyRows: number }> {
  const staged = sql`enterprise_import_staging s`;
  const match = sql`s.tenant_id = ${tenantId} and s.job_id = ${jobId} and e.tenant_id = s.tenant_id and e.credit_code = s.credit_code`;
  const hist = await tx.execute(sql`
    insert into enterprise_history (tenant_id, enterprise_id, field, old_value, new_value, source)
    select e.tenant_id, e.id, v.field, v.old_value, v.new_value, ${source}
      from ${staged} join enterprises e on ${match}
      cross join lateral (values ('name', e.name, s.name), ('address', e.address, s.address), ('status', e.status, s.status))
        as v(field, old_value, new_value)
     where v.old_value is distinct from v.new_value`);
  const upd = await tx.execute(sql`
    update enterprises e set
      name = s.name, legal_representative = s.legal_representative, category = s.category, type = s.type, status = s.status,
      registered_on = s.registered_on, registered_capital = s.registered_capital, address = s.address, region_code = s.region_code,
      industry_section = s.industry_section, industry_division = s.industry_division,
      licences = coalesce(s.licences, '[]'::jsonb), product_tags = coalesce(s.product_tags, '{}'::text[]), updated_at = now()
    from ${staged}
    where ${match}
      and (e.name, e.legal_representative, e.category, e.type, e.status, e.registered_on, e.registered_capital, e.address, e.region_code,
           e.industry_section, e.industry_division, e.licences, e.product_tags)
          is distinct from
          (s.name, s.legal_representative, s.category, s.type, s.status, s.registered_on, s.registered_capital, s.address, s.region_code,
           s.industry_section, s.industry_division, coalesce(s.licences, '[]'::jsonb), coalesce(s.product_tags, '{}'::text[]))`);
  const ins = await tx.execute(sql`
    insert into enterprises (tenant_id, credit_code, name, legal_representative, category, type, status, registered_on, registered_capital,
                             address, region_code, industry_section, industry_division, licences, product_tags)
    select s.tenant_id, s.credit_code, s.name, s.legal_representative, s.category, s.type, s.status, s.registered_on, s.registered_capital,
           s.address, s.region_code, s.industry_section, s.industry_division, coalesce(s.licences, '[]'::jsonb), coalesce(s.product_tags, '{}'::text[])
      from ${staged}
     where s.tenant_id = ${tenantId} and s.job_id = ${jobId}
     order by s.row_no
    on conflict (tenant_id, credit_code) do nothing`);
  await tx.execute(sql`delete from enterprise_import_staging where tenant_id = ${tenantId} and job_id = ${jobId}`);
  return { imported: ins.rowCount ?? 0, updated: upd.rowCount ?? 0, historyRows: hist.rowCount ?? 0 };
}

export async function selectRefusals(db: DbOrTx, tenantId: number, jobId: number, afterRow: number, limit: number): Promise<Array<{ rowNo: number; reason: string; cells: string[] }>> {
  const rows = await rowsOf<{ row_no: number; reason: string; cells: string[] }>(
    db,
    sql`select row_no, reason, cells from enterprise_import_refusals
         where tenant_id = ${tenantId} and job_id = ${jobId} and row_no > ${afterRow} order by row_no limit ${limit}`,
  );
  return rows.map((r) => ({ rowNo: Number(r.row_no), reason: r.reason, cells: r.cells }));
}
