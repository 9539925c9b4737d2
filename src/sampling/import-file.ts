// Reads a testing body's results workbook (.xlsx, first sheet, one row per test item): columns found
// by their header names (several spellings each); rows with a missing number, item or bad date are
// refused here with a reason, the rest go to service.importResults.
import type { ImportRow } from './service';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const HEADERS: Record<keyof Omit<ImportRow, 'rowNo'>, string[]> = {
  sampleNo: ['抽样单编号', '抽样单号', '样品编号'],
  reportNo: ['报告编号', '检验报告编号'],
  reportOn: ['报告日期', '检验报告日期', '签发日期'],
  item: ['检验项目', '项目名称', '检验项目名称'],
  clause: ['标准条款', '检验依据', '依据条款'],
  required: ['标准要求', '标准值', '技术要求'],
  measured: ['实测值', '检验结果', '实测结果'],
  verdict: ['单项判定', '判定', '单项结论'],
  untestedReason: ['未检验原因'],
};
const REQUIRED: Array<keyof typeof HEADERS> = ['sampleNo', 'reportOn', 'verdict'];

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(].*?[）)]/g, '');

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v).trim();
}

function dateOf(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const t = new Date(`${d}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d ? null : d;
}

export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function readResultsWorkbook(bytes: Buffer): Promise<{ rows: ImportRow[]; refused: Array<{ row: number; reason: string; sampleNo?: string }> }> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ImportFileError('不是 Excel 工作簿（.xlsx）文件', 'NOT_A_WORKBOOK');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('无法读取该工作簿，请另存为 .xlsx 后重试', 'NOT_A_WORKBOOK');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('工作簿中没有工作表', 'EMPTY_WORKBOOK');
  const header = (ws.getRow(1).values as unknown[]).map((v) => norm(cellText(v)));
  const col: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (const [field, names] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, string[]]>) {
    const i = header.findIndex((h) => names.includes(h));
    if (i > 0) col[field] = i;
  }
  const missing = REQUIRED.filter((f) => col[f] === undefined);
  if (missing.length) throw new ImportFileError(`缺少列：${missing.map((f) => HEADERS[f][0]).join('、')}（第一行应为表头）`, 'MISSING_COLUMNS');
  const rows: ImportRow[] = [];
  const refused: Array<{ row: number; reason: string; sampleNo?: string }> = [];
  ws.eachRow((row, rowNo) => {
    if (rowNo === 1) return;
    const get = (f: keyof typeof HEADERS) => (col[f] === undefined ? '' : cellText(row.getCell(col[f]!).value));
    const r = {
      rowNo,
      sampleNo: get('sampleNo'),
      reportNo: get('reportNo'),
      reportOn: get('reportOn'),
      item: get('item'),
      clause: get('clause'),
      required: get('required'),
      measured: get('measured'),
      verdict: get('verdict').replace(/\s+/g, ''),
      untestedReason: get('untestedReason'),
    };
    if (Object.values(r).every((v) => v === '' || typeof v === 'number')) return;
    if (!r.sampleNo) return void refused.push({ row: rowNo, reason: '缺少抽样单编号' });
    const d = dateOf(r.reportOn);
    if (!d) return void refused.push({ row: rowNo, sampleNo: r.sampleNo, reason: `报告日期“${r.reportOn}”无法识别（应为 YYYY-MM-DD）` });
    if (!r.untestedReason && !r.item) return void refused.push({ row: rowNo, sampleNo: r.sampleNo, reason: '缺少检验项目' });
    rows.push({ ...r, reportOn: d });
  });
  return { rows, refused };
}
