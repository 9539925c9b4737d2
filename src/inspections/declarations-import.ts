// Importing enterprises' declared standards (企业标准自我声明, issue 12; regulatory-rules.md §8) from
// a file: what the 企业标准信息公共服务平台 or the enterprises themselves give the authority, as .xlsx
// or .csv (UTF-8 or GB18030), read row by row as the register and credit imports read
// (enterprises/import-file.ts). Each row is checked with a Chinese reason; its enterprise is found by
// credit code in the authority's register. The valid rows (at most MAX_ROWS per file: a county has
// thousands of declarations, not millions) are written in ONE transaction: a declaration already
// recorded (same enterprise and standard number) is brought up to date when its name, type, products
// or date changed, else left alone, so re-importing a file changes nothing. Refused rows go to the
// register import's refusals table under a job of kind standard_declarations: the same Excel of
// refused rows (行号, 原因, the row's cells) is downloadable. Decision 046.
import { sql } from 'drizzle-orm';
import { AppError } from '../core/errors';
import type { Db } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { assertCan } from '../org/auth/policy';
import { writeAudit } from '../org/audit/service';
import { validateCreditCode } from '../enterprises/credit-code';
import { inspectRegisterFile, readRegisterRows } from '../enterprises/import-file';
import { cellText, headerKey, parseRegisterDate, type Cell } from '../enterprises/model';
import * as enterpriseStore from '../enterprises/store';
import { enterpriseIdsByCode } from '../credit/store';
import { STANDARD_TYPES, type StandardType } from './model';

/** The web's upload limit for a declarations file. */
export const DECLARATIONS_MAX_BYTES = 20 * 1024 * 1024;
/** Valid rows one file may hold (they are written in one transaction). */
export const DECLARATIONS_MAX_ROWS = 100_000;

export const DECLARATION_IMPORT_FIELDS = [
  { key: 'creditCode', label: '统一社会信用代码', required: true, headers: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码'] },
  { key: 'name', label: '企业名称', required: false, headers: ['企业名称', '名称', '声明主体', '主体名称', '市场主体名称'] },
  { key: 'standardNo', label: '标准编号', required: true, headers: ['标准编号', '标准号', '执行标准编号', '执行标准'] },
  { key: 'standardName', label: '标准名称', required: true, headers: ['标准名称', '执行标准名称'] },
  { key: 'standardType', label: '标准类型', required: true, headers: ['标准类型', '标准类别', '标准种类'] },
  { key: 'products', label: '产品', required: false, headers: ['产品', '产品名称', '适用产品', '产品或服务', '产品/服务名称', '产品(服务)名称'] },
  { key: 'declaredOn', label: '声明日期', required: true, headers: ['声明日期', '公开日期', '自我声明日期', '发布日期', '公开时间'] },
] as const;
export type DeclarationImportField = (typeof DECLARATION_IMPORT_FIELDS)[number]['key'];
type Mapping = Partial<Record<DeclarationImportField, number>>;

/** Spellings of the type seen in practice (the platform writes 企标、团标 …). */
const TYPE_WORDS: Record<string, StandardType> = {
  ...Object.fromEntries(STANDARD_TYPES.map((t) => [t, t])),
  企标: '企业标准',
  团标: '团体标准',
  国标: '国家标准',
  行标: '行业标准',
  地标: '地方标准',
  推荐性国家标准: '国家标准',
  强制性国家标准: '国家标准',
};

export function mapDeclarationHeaders(headers: readonly string[]): { mapping: Mapping; missing: string[] } {
  const keys = headers.map((h) => headerKey(h ?? ''));
  const mapping: Mapping = {};
  for (const f of DECLARATION_IMPORT_FIELDS) {
    const i = keys.findIndex((k) => (f.headers as readonly string[]).map(headerKey).includes(k));
    if (i >= 0) mapping[f.key] = i;
  }
  return { mapping, missing: DECLARATION_IMPORT_FIELDS.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.label) };
}

export interface DeclarationRow {
  creditCode: string;
  standardNo: string;
  standardName: string;
  standardType: StandardType;
  products: string;
  declaredOn: string;
}

/** One row read and checked (pure): the declaration, or the Chinese reason it is refused. */
export function readDeclarationRow(
  cells: readonly Cell[],
  mapping: Mapping,
  headerCount: number,
  today: string,
  fileKind: 'csv' | 'xlsx' = 'csv',
): { ok: true; row: DeclarationRow } | { ok: false; reason: string } {
  if ((fileKind === 'csv' && cells.length !== headerCount) || (fileKind === 'xlsx' && cells.length > headerCount && cells.slice(headerCount).some((c) => cellText(c) !== ''))) {
    return { ok: false, reason: `列数不符：本行有 ${cells.length} 列，表头有 ${headerCount} 列（可能有多余的逗号或缺少的列）` };
  }
  const at = (k: DeclarationImportField) => (mapping[k] === undefined ? '' : cellText(cells[mapping[k]!]).trim());
  const problems: string[] = [];
  const code = validateCreditCode(at('creditCode'));
  if (!code.ok) problems.push(`统一社会信用代码“${at('creditCode')}”${code.errors.map((e) => e.message).join('；')}`);
  // 标准编号 as published: full-width letters and spaces normalised, as the same number typed twice must match
  const standardNo = at('standardNo').normalize('NFKC').replace(/\s+/g, ' ');
  if (!standardNo) problems.push('缺少标准编号');
  else if (standardNo.length > 100) problems.push('标准编号过长');
  const standardName = at('standardName');
  if (!standardName) problems.push('缺少标准名称');
  else if (standardName.length > 300) problems.push('标准名称过长');
  const typeText = at('standardType').replace(/\s/g, '');
  const standardType = TYPE_WORDS[typeText];
  if (!typeText) problems.push('缺少标准类型');
  else if (!standardType) problems.push(`标准类型“${typeText}”无法识别（可为：${STANDARD_TYPES.join('、')}）`);
  const products = at('products');
  if (products.length > 1000) problems.push('产品过长');
  const dateCell = mapping.declaredOn === undefined ? null : cells[mapping.declaredOn];
  const declaredOn = parseRegisterDate(dateCell);
  if (declaredOn === null) problems.push('缺少声明日期');
  else if (declaredOn === 'bad') problems.push(`声明日期“${cellText(dateCell)}”格式不对（应如 2026-05-01 或 2026年5月1日）`);
  else if (declaredOn > today) problems.push(`声明日期 ${declaredOn} 晚于今天`);
  if (problems.length > 0 || !code.ok || !standardType || typeof declaredOn !== 'string') return { ok: false, reason: problems.join('；') };
  return { ok: true, row: { creditCode: code.code, standardNo, standardName, standardType, products, declaredOn } };
}

export interface DeclarationImportResult {
  jobId: number;
  imported: number;
  updated: number;
  unchanged: number;
  refused: Array<{ row: number; reason: string }>;
  refusedCount: number;
}

const BATCH = 2000;
const MAX_REFUSALS_LISTED = 1000;

/** Imports the declarations of one file for the actor's authority; nothing of it is written when it fails. */
export async function importDeclarationsFile(db: Db, actor: Actor, filePath: string, fileName: string, today: string, opts: { maxBytes?: number } = {}): Promise<DeclarationImportResult> {
  assertCan(actor, 'inspections:plan');
  const info = await inspectRegisterFile(filePath, fileName, opts.maxBytes ?? DECLARATIONS_MAX_BYTES);
  let headers: string[] | null = null;
  let mapping: Mapping = {};
  let job: enterpriseStore.ImportJob | null = null;
  const refused: DeclarationImportResult['refused'] = [];
  let refusedCount = 0;
  let rowsRead = 0;
  const seen = new Map<string, number>();
  const valid: Array<DeclarationRow & { rowNo: number; enterpriseId: number }> = [];
  const t0 = performance.now();
  try {
    let pending: Array<{ rowNo: number; row: DeclarationRow; cells: string[] }> = [];
    let refusals: Array<{ rowNo: number; reason: string; cells: string[] }> = [];
    const refuse = (rowNo: number, reason: string, cells: string[]) => {
      refusals.push({ rowNo, reason, cells });
      refusedCount++;
      if (refused.length < MAX_REFUSALS_LISTED) refused.push({ row: rowNo, reason });
    };
    const flush = async () => {
      if (pending.length > 0) {
        const ids = await enterpriseIdsByCode(db, actor.tenantId, [...new Set(pending.map((p) => p.row.creditCode))]);
        for (const p of pending) {
          const id = ids.get(p.row.creditCode);
          if (id === undefined) refuse(p.rowNo, `统一社会信用代码“${p.row.creditCode}”不在本单位的企业名录中（请先导入名录）`, p.cells);
          else valid.push({ ...p.row, rowNo: p.rowNo, enterpriseId: id });
        }
      }
      refusals.sort((a, b) => a.rowNo - b.rowNo);
      await enterpriseStore.insertRefusals(db, actor.tenantId, job!.id, refusals);
      pending = [];
      refusals = [];
    };
    for await (const r of readRegisterRows(filePath, info)) {
      if (!headers) {
        headers = r.cells.map((c) => cellText(c));
        const m = mapDeclarationHeaders(headers);
        if (m.missing.length > 0) {
          throw new AppError('IMPORT_HEADERS_MISSING', `文件的表头缺少：${m.missing.join('、')}（第一行应为表头，如 统一社会信用代码、标准编号、标准名称、标准类型、声明日期）`, 400);
        }
        mapping = m.mapping;
        job = await enterpriseStore.insertJob(db, actor.tenantId, { kind: 'standard_declarations', fileName, fileBytes: info.bytes, headers, createdBy: actor.userId });
        continue;
      }
      rowsRead++;
      const cells = r.cells.map((c) => cellText(c));
      if (cells.every((c) => c.trim() === '')) continue; // blank lines at the end of a sheet
      const res = readDeclarationRow(r.cells, mapping, headers.length, today, info.kind);
      if (!res.ok) refuse(r.rowNo, res.reason, cells);
      else {
        const key = `${res.row.creditCode}\u0001${res.row.standardNo}`;
        const first = seen.get(key);
        if (first !== undefined) refuse(r.rowNo, `与第 ${first} 行是同一项声明（同一企业、同一标准编号）`, cells);
        else if (seen.size >= DECLARATIONS_MAX_ROWS) {
          throw new AppError('TOO_MANY_ROWS', `一个文件最多导入 ${DECLARATIONS_MAX_ROWS} 项声明，请分成几个文件`, 400);
        } else {
          seen.set(key, r.rowNo);
          pending.push({ rowNo: r.rowNo, row: res.row, cells });
        }
      }
      if (pending.length >= BATCH || refusals.length >= BATCH) await flush();
    }
    if (!headers || !job) throw new AppError('NOT_A_SPREADSHEET', `“${fileName}”是空的：没有表头行`, 415);
    await flush();
    const theJob = job;
    const counts = await db.transaction(async (tx) => {
      let imported = 0;
      let updated = 0;
      for (let i = 0; i < valid.length; i += BATCH) {
        const part = valid.slice(i, i + BATCH).map((v) => ({ e: v.enterpriseId, no: v.standardNo, name: v.standardName, type: v.standardType, products: v.products, on: v.declaredOn }));
        // inserted rows have xmax 0; an updated row has the updating transaction's id
        const r = await tx.execute<{ inserted: boolean }>(sql`
          INSERT INTO standard_declarations (tenant_id, enterprise_id, standard_no, standard_name, standard_type, products, declared_on)
          SELECT ${actor.tenantId}, x.e, x.no, x.name, x.type, x.products, x.on::date
          FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(e bigint, no text, name text, type text, products text, "on" text)
          ON CONFLICT (tenant_id, enterprise_id, standard_no) DO UPDATE
            SET standard_name = excluded.standard_name, standard_type = excluded.standard_type, products = excluded.products, declared_on = excluded.declared_on
            WHERE (standard_declarations.standard_name, standard_declarations.standard_type, standard_declarations.products, standard_declarations.declared_on)
              IS DISTINCT FROM (excluded.standard_name, excluded.standard_type, excluded.products, excluded.declared_on)
          RETURNING (xmax = 0) AS inserted`);
        for (const x of r.rows) {
          if (x.inserted) imported++;
          else updated++;
        }
      }
      const c = { imported, updated, unchanged: valid.length - imported - updated };
      await enterpriseStore.finishJob(tx, actor.tenantId, theJob.id, {
        ...c,
        refused: refusedCount,
        rowsRead,
        rowsPerSecond: Math.round(rowsRead / Math.max(0.001, (performance.now() - t0) / 1000)),
      });
      await writeAudit(tx, { actor, action: 'standard_declaration.import', entityType: 'enterprise_import', entityId: theJob.id, after: { fileName, ...c, refused: refusedCount } });
      return c;
    });
    refused.sort((a, b) => a.row - b.row);
    return { jobId: theJob.id, ...counts, refused, refusedCount };
  } catch (e) {
    if (job) {
      const j = job;
      await enterpriseStore
        .failJob(db, actor.tenantId, j.id, e instanceof AppError ? e.code : 'IMPORT_FAILED', e instanceof AppError ? e.message : `导入失败，未写入任何数据：${(e as Error).message}`)
        .catch(() => {});
    }
    throw e;
  }
}

/** A declarations import job of the actor's authority (for the refusals workbook). */
export async function getDeclarationImportJob(db: Db, actor: Actor, jobId: number): Promise<enterpriseStore.ImportJob> {
  assertCan(actor, 'inspections:plan');
  const j = await enterpriseStore.selectJob(db, actor.tenantId, jobId);
  if (!j || j.kind !== 'standard_declarations') throw new AppError('NOT_FOUND', '找不到该导入任务', 404);
  return j;
}
