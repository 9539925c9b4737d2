// Importing credit events from a file (issue 11 item 5: "entered by users, imported, or written by the
// other domains"): the penalty, sampling and complaint records another system exports, as .xlsx or
// .csv (UTF-8 or GB18030), read row by row as the register import reads (enterprises/import-file.ts),
// never the whole file in memory. Each row is checked with a Chinese reason; its enterprise is found
// by credit code in the authority's register; valid rows are staged, then ONE transaction merges them
// into credit_events (a row already recorded — same enterprise, kind, date, 决定书文号 and title — is
// left alone, so re-importing a file adds nothing). Refused rows go to the register import's refusals
// table under a job of kind credit_events, so the same Excel of refused rows (行号, 原因, the row's
// cells) is downloadable. Listings are not imported: 列入/移出名录 are decisions with deadlines, made in
// the list workflow; 信用修复 names the record it repairs, entered on the quality file.
import { AppError } from '../core/errors';
import type { Db } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { validateCreditCode } from '../enterprises/credit-code';
import { inspectRegisterFile, readRegisterRows } from '../enterprises/import-file';
import { cellText, headerKey, parseRegisterDate, type Cell } from '../enterprises/model';
import * as enterpriseStore from '../enterprises/store';
import { penaltyPeriods, type CreditSettings, type PenaltyField, type PublicationKind } from './model';
import { readCreditSettings } from './service';
import * as store from './store';

export const EVENT_IMPORT_FIELDS = [
  { key: 'creditCode', label: '统一社会信用代码', required: true, headers: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '当事人统一社会信用代码'] },
  { key: 'name', label: '企业名称', required: false, headers: ['企业名称', '名称', '当事人名称', '当事人', '主体名称', '市场主体名称'] },
  { key: 'kind', label: '记录类型', required: true, headers: ['记录类型', '信用记录类型', '事件类型', '类型', '信息类别'] },
  { key: 'occurredOn', label: '决定日期', required: true, headers: ['决定日期', '处罚决定日期', '作出决定日期', '发生日期', '日期', '登记日期', '抽检日期'] },
  { key: 'decisionNo', label: '决定书文号', required: false, headers: ['决定书文号', '处罚决定书文号', '文号', '行政处罚决定书文号'] },
  { key: 'title', label: '事由', required: false, headers: ['事由', '违法行为类型', '违法事实', '标题', '主要违法事实', '不合格项目'] },
  { key: 'detail', label: '说明', required: false, headers: ['说明', '处罚内容', '详情', '备注', '处罚结果'] },
  { key: 'heavy', label: '较重行政处罚', required: false, headers: ['较重行政处罚', '较重处罚', '是否较重处罚'] },
  { key: 'publication', label: '公示期', required: false, headers: ['公示期', '公示期限'] },
  { key: 'field', label: '领域', required: false, headers: ['领域', '处罚领域', '所属领域'] },
] as const;
export type EventImportField = (typeof EVENT_IMPORT_FIELDS)[number]['key'];
export type EventMapping = Partial<Record<EventImportField, number>>;

/** The kinds a file may carry, by the words such files use (and the codes). */
const KIND_WORDS: Record<string, ImportableKind> = {
  行政处罚: 'penalty',
  处罚: 'penalty',
  penalty: 'penalty',
  产品抽检不合格: 'sampling_failed',
  抽检不合格: 'sampling_failed',
  抽查不合格: 'sampling_failed',
  监督抽查不合格: 'sampling_failed',
  sampling_failed: 'sampling_failed',
  投诉: 'complaint',
  投诉举报: 'complaint',
  complaint: 'complaint',
  未报送年报: 'annual_report_missing',
  未按期报送年报: 'annual_report_missing',
  未报送年度报告: 'annual_report_missing',
  annual_report_missing: 'annual_report_missing',
};
const NOT_IMPORTED: Record<string, string> = {
  列入经营异常名录: '列入、移出名录是有办理时限的决定，请在企业质量档案的“名录”中办理，不能导入',
  移出经营异常名录: '列入、移出名录是有办理时限的决定，请在企业质量档案的“名录”中办理，不能导入',
  列入严重违法失信名单: '列入、移出名录是有办理时限的决定，请在企业质量档案的“名录”中办理，不能导入',
  移出严重违法失信名单: '列入、移出名录是有办理时限的决定，请在企业质量档案的“名录”中办理，不能导入',
  信用修复: '信用修复须指明所修复的行政处罚，请在企业质量档案中逐条办理，不能导入',
};
export type ImportableKind = 'penalty' | 'sampling_failed' | 'complaint' | 'annual_report_missing';

const FIELD_WORDS: Record<string, PenaltyField> = { 一般: 'general', 一般领域: 'general', 食品: 'food', 药品: 'drug', 特种设备: 'special_equipment' };

export function mapEventHeaders(headers: readonly string[]): { mapping: EventMapping; missing: string[] } {
  const keys = headers.map((h) => headerKey(h ?? ''));
  const mapping: EventMapping = {};
  for (const f of EVENT_IMPORT_FIELDS) {
    const i = keys.findIndex((k) => (f.headers as readonly string[]).map(headerKey).includes(k));
    if (i >= 0) mapping[f.key] = i;
  }
  return { mapping, missing: EVENT_IMPORT_FIELDS.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.label) };
}

export interface EventRow {
  creditCode: string;
  kind: ImportableKind;
  occurredOn: string;
  decisionNo: string | null;
  title: string | null;
  detail: string | null;
  heavy: boolean;
  publication: PublicationKind | null;
  field: PenaltyField | null;
  publicationEndsOn: string | null;
  repairFrom: string | null;
}

/** One row read and checked (pure): the event, or the Chinese reason it is refused. */
export function readEventRow(
  cells: readonly Cell[],
  mapping: EventMapping,
  headerCount: number,
  today: string,
  deadlines: CreditSettings['deadlines'],
  fileKind: 'csv' | 'xlsx' = 'csv',
): { ok: true; row: EventRow } | { ok: false; reason: string } {
  // a CSV row must have the header's columns (as the register import); an Excel row may end early (empty cells)
  if ((fileKind === 'csv' && cells.length !== headerCount) || (fileKind === 'xlsx' && cells.length > headerCount && cells.slice(headerCount).some((c) => cellText(c) !== ''))) {
    return { ok: false, reason: `列数不符：本行有 ${cells.length} 列，表头有 ${headerCount} 列（可能有多余的逗号或缺少的列）` };
  }
  const at = (k: EventImportField) => (mapping[k] === undefined ? '' : cellText(cells[mapping[k]!]));
  const problems: string[] = [];
  const code = validateCreditCode(at('creditCode'));
  if (!code.ok) problems.push(`统一社会信用代码“${at('creditCode')}”${code.errors.map((e) => e.message).join('；')}`);
  const kindText = at('kind').replace(/\s/g, '');
  const kind = KIND_WORDS[kindText];
  if (!kindText) problems.push('缺少记录类型');
  else if (NOT_IMPORTED[kindText]) problems.push(NOT_IMPORTED[kindText]!);
  else if (!kind) problems.push(`记录类型“${kindText}”无法识别（可为：行政处罚、产品抽检不合格、投诉、未报送年报）`);
  const dateCell = mapping.occurredOn === undefined ? null : cells[mapping.occurredOn];
  const occurredOn = parseRegisterDate(dateCell);
  if (occurredOn === null) problems.push('缺少决定日期');
  else if (occurredOn === 'bad') problems.push(`决定日期“${cellText(dateCell)}”格式不对（应如 2026-05-01 或 2026年5月1日）`);
  else if (occurredOn > today) problems.push(`决定日期 ${occurredOn} 晚于今天`);
  const heavyText = at('heavy');
  let heavy = false;
  if (heavyText) {
    if (/^(是|Y|YES|TRUE|1|√)$/i.test(heavyText)) heavy = true;
    else if (!/^(否|N|NO|FALSE|0)$/i.test(heavyText)) problems.push(`较重行政处罚应填“是”或“否”，实为“${heavyText}”`);
  }
  const pubText = at('publication').replace(/\s/g, '');
  let publication: PublicationKind | null = null;
  if (pubText) {
    if (/^(3个月|三个月|short)$/.test(pubText)) publication = 'short';
    else if (/^(3年|三年|long)$/.test(pubText)) publication = 'long';
    else problems.push(`公示期应填“3个月”或“3年”，实为“${pubText}”`);
  }
  const fieldText = at('field').replace(/\s/g, '');
  let field: PenaltyField | null = null;
  if (fieldText) {
    field = FIELD_WORDS[fieldText] ?? null;
    if (!field) problems.push(`领域“${fieldText}”无法识别（可为：一般、食品、药品、特种设备）`);
  }
  if (kind && kind !== 'penalty' && (heavy || publication || field)) problems.push('较重行政处罚、公示期、领域只适用于行政处罚');
  const decisionNo = at('decisionNo') || null;
  const title = at('title') || null;
  const detail = at('detail') || null;
  if ((decisionNo?.length ?? 0) > 200 || (title?.length ?? 0) > 500 || (detail?.length ?? 0) > 4000) problems.push('文号、事由或说明过长');
  if (problems.length > 0 || !code.ok || !kind || typeof occurredOn !== 'string') return { ok: false, reason: problems.join('；') };
  const isPenalty = kind === 'penalty';
  const pub = isPenalty ? (publication ?? 'long') : null;
  const fld = isPenalty ? (field ?? 'general') : null;
  const periods = isPenalty ? penaltyPeriods(occurredOn, pub!, fld!, deadlines) : { publicationEndsOn: null, repairFrom: null };
  return {
    ok: true,
    row: { creditCode: code.code, kind, occurredOn, decisionNo, title, detail, heavy: isPenalty && heavy, publication: pub, field: fld, ...periods },
  };
}

export interface EventImportResult {
  jobId: number;
  imported: number;
  /** already recorded (same enterprise, kind, date, 文号, 事由): left alone */
  unchanged: number;
  refused: Array<{ row: number; reason: string }>;
  refusedCount: number;
}

const BATCH = 2000;
/** the refusals returned in the answer (all of them are in the workbook) */
const MAX_REFUSALS_LISTED = 1000;

/**
 * Imports the events of one file for the actor's authority. Killed before the merge commits, nothing
 * of the file is in credit_events (the staged rows of a failed job are removed).
 */
export interface EventImportProgress {
  stage: 'reading' | 'merging' | 'done';
  percent: number;
  rowsRead: number;
  rowsPerSecond: number;
  refused: number;
}

export async function importCreditEventsFile(
  db: Db,
  actor: Actor,
  filePath: string,
  fileName: string,
  today: string,
  /** maxBytes: the CLI passes Infinity (streamed from the server's disk); onProgress: after each batch */
  opts: { maxBytes?: number; onProgress?: (p: EventImportProgress) => void } = {},
): Promise<EventImportResult> {
  assertCan(actor, 'credit:manage');
  const info = await inspectRegisterFile(filePath, fileName, opts.maxBytes, 'credit');
  let bytesRead = 0;
  const progress = (stage: EventImportProgress['stage']) => {
    const rowsPerSecond = Math.round(rowsRead / Math.max(0.001, (performance.now() - t0) / 1000));
    const percent = stage === 'reading' ? Math.min(90, Math.floor((bytesRead / Math.max(1, info.bytes)) * 90)) : stage === 'merging' ? 92 : 100;
    opts.onProgress?.({ stage, percent, rowsRead, rowsPerSecond, refused: refusedCount });
  };
  await store.abandonStaleEventImports(db, actor.tenantId);
  let headers: string[] | null = null;
  let mapping: EventMapping = {};
  const { settings } = await readCreditSettings(db, actor.tenantId);
  let job: enterpriseStore.ImportJob | null = null;
  const refused: EventImportResult['refused'] = [];
  let refusedCount = 0;
  let rowsRead = 0;
  const seen = new Map<string, number>();
  const t0 = performance.now();
  try {
    let staged: Array<{ rowNo: number; row: EventRow; cells: string[] }> = [];
    let refusals: Array<{ rowNo: number; reason: string; cells: string[] }> = [];
    const refuse = (rowNo: number, reason: string, cells: string[]) => {
      refusals.push({ rowNo, reason, cells });
      refusedCount++;
      if (refused.length < MAX_REFUSALS_LISTED) refused.push({ row: rowNo, reason });
    };
    const flush = async () => {
      if (staged.length > 0) {
        const ids = await store.enterpriseIdsByCode(db, actor.tenantId, [...new Set(staged.map((s) => s.row.creditCode))]);
        const known = staged.filter((s) => {
          if (ids.has(s.row.creditCode)) return true;
          refuse(s.rowNo, `统一社会信用代码“${s.row.creditCode}”不在本单位的企业名录中（请先导入名录）`, s.cells);
          return false;
        });
        await store.stageImportedEvents(db, actor.tenantId, job!.id, known.map((s) => ({ rowNo: s.rowNo, enterpriseId: ids.get(s.row.creditCode)!, ...s.row })));
      }
      refusals.sort((a, b) => a.rowNo - b.rowNo);
      await enterpriseStore.insertRefusals(db, actor.tenantId, job!.id, refusals);
      staged = [];
      refusals = [];
    };
    for await (const r of readRegisterRows(filePath, info, (n) => (bytesRead = n))) {
      if (!headers) {
        headers = r.cells.map((c) => cellText(c));
        const m = mapEventHeaders(headers);
        if (m.missing.length > 0) {
          throw new AppError('IMPORT_HEADERS_MISSING', `文件的表头缺少：${m.missing.join('、')}（第一行应为表头，如 统一社会信用代码、记录类型、决定日期）`, 400);
        }
        mapping = m.mapping;
        job = await enterpriseStore.insertJob(db, actor.tenantId, { kind: 'credit_events', fileName, fileBytes: info.bytes, headers, createdBy: actor.userId });
        continue;
      }
      rowsRead++;
      const cells = r.cells.map((c) => cellText(c));
      const res = readEventRow(r.cells, mapping, headers.length, today, settings.deadlines, info.kind);
      if (!res.ok) refuse(r.rowNo, res.reason, cells);
      else {
        const e = res.row;
        const key = [e.creditCode, e.kind, e.occurredOn, e.decisionNo ?? '', e.title ?? ''].join('\u0001');
        const first = seen.get(key);
        if (first !== undefined) refuse(r.rowNo, `与第 ${first} 行是同一条记录（同一企业、类型、日期、文号和事由）`, cells);
        else {
          seen.set(key, r.rowNo);
          staged.push({ rowNo: r.rowNo, row: e, cells });
        }
      }
      if (staged.length >= BATCH || refusals.length >= BATCH) {
        await flush();
        progress('reading');
      }
    }
    if (!headers || !job) throw new AppError('NOT_A_SPREADSHEET', `“${fileName}”是空的：没有表头行`, 415);
    await flush();
    progress('merging');
    const theJob = job;
    const merged = await db.transaction(async (tx) => {
      const m = await store.mergeImportedEvents(tx, actor.tenantId, theJob.id, actor.userId, actor.displayName || actor.username);
      const counts = { imported: m.imported, updated: 0, unchanged: m.staged - m.imported };
      await enterpriseStore.finishJob(tx, actor.tenantId, theJob.id, {
        ...counts,
        refused: refusedCount,
        rowsRead,
        rowsPerSecond: Math.round(rowsRead / Math.max(0.001, (performance.now() - t0) / 1000)),
      });
      await writeAudit(tx, {
        actor,
        action: 'credit_event.import',
        entityType: 'enterprise_import',
        entityId: theJob.id,
        after: { fileName, imported: counts.imported, unchanged: counts.unchanged, refused: refusedCount },
      });
      return counts;
    });
    refused.sort((a, b) => a.row - b.row);
    progress('done');
    return { jobId: theJob.id, imported: merged.imported, unchanged: merged.unchanged, refused, refusedCount };
  } catch (e) {
    if (job) {
      const j = job;
      await store.dropStagedEvents(db, actor.tenantId, j.id).catch(() => {});
      await enterpriseStore
        .failJob(db, actor.tenantId, j.id, e instanceof AppError ? e.code : 'IMPORT_FAILED', e instanceof AppError ? e.message : `导入失败，未写入任何数据：${(e as Error).message}`)
        .catch(() => {});
    }
    throw e;
  }
}

/** A credit-events import job of the actor's authority (for the refusals workbook). */
export async function getEventImportJob(db: Db, actor: Actor, jobId: number): Promise<enterpriseStore.ImportJob> {
  assertCan(actor, 'credit:manage');
  const j = await enterpriseStore.selectJob(db, actor.tenantId, jobId);
  if (!j || j.kind !== 'credit_events') throw new AppError('NOT_FOUND', '找不到该导入任务', 404);
  return j;
}
