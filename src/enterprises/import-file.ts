// Reading a register file row by row without holding it in memory: .xlsx through exceljs's streaming
// reader (first worksheet), .csv through csv-parse with the encoding detected (UTF-8 or GB18030).
// Anything else, and files above IMPORT_LIMITS.maxBytes, are refused with a Chinese reason.
import fs from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import chardet from 'chardet';
import { parse as parseCsv } from 'csv-parse';
import type { CellValue, Row } from 'exceljs';
import { loadExcel } from '../core/excel';
import iconv from 'iconv-lite';
import { AppError } from '../core/errors';
import { IMPORT_LIMITS, uploadTooLargeMessage, type Cell } from './model';

export type RegisterFileKind = 'xlsx' | 'csv';

export interface RegisterFileInfo {
  kind: RegisterFileKind;
  /** csv: 'utf-8' or 'gb18030' */
  encoding: string;
  bytes: number;
}

const SAMPLE = 64 * 1024;

function notASpreadsheet(fileName: string, why: string): AppError {
  return new AppError('NOT_A_SPREADSHEET', `“${fileName}”不是可导入的电子表格（${why}）。请上传 .xlsx 或 .csv 文件。`, 415);
}

/** Valid UTF-8, allowing a character cut at the end of the sample. */
function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    for (let cut = 1; cut <= 3 && cut < buf.length; cut++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, buf.length - cut));
        return true;
      } catch {
        /* try a shorter cut */
      }
    }
    return false;
  }
}

/** What kind of file this is, by its content (and the name for old .xls), or an AppError saying why it cannot be imported. */
export async function inspectRegisterFile(filePath: string, fileName: string, maxBytes: number = IMPORT_LIMITS.maxBytes, command: 'enterprises' | 'credit' = 'enterprises'): Promise<RegisterFileInfo> {
  const st = await stat(filePath);
  // the web's uploads are held to IMPORT_LIMITS.maxBytes; the CLI passes Infinity (it streams from disk)
  if (st.size > maxBytes) throw new AppError('FILE_TOO_LARGE', uploadTooLargeMessage(command, st.size), 413);
  if (st.size === 0) throw notASpreadsheet(fileName, '文件为空');
  const fh = await open(filePath, 'r');
  const sample = Buffer.alloc(Math.min(SAMPLE, st.size));
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  const lower = fileName.toLowerCase();
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
    if (lower.endsWith('.docx') || lower.endsWith('.pptx') || lower.endsWith('.zip')) throw notASpreadsheet(fileName, '这是 Word、PPT 或压缩文件');
    return { kind: 'xlsx', encoding: 'binary', bytes: st.size };
  }
  if (sample[0] === 0xd0 && sample[1] === 0xcf && sample[2] === 0x11 && sample[3] === 0xe0) {
    throw notASpreadsheet(fileName, '这是旧版 Excel（.xls）或 Word 文件，请在 Excel 中另存为 .xlsx 后再导入');
  }
  if (sample.subarray(0, 5).toString('latin1') === '%PDF-') throw notASpreadsheet(fileName, '这是 PDF 文件');
  if (sample.includes(0)) throw notASpreadsheet(fileName, '文件含有二进制内容');
  let encoding = 'utf-8';
  if (!isUtf8(sample)) {
    const guess = (chardet.detect(sample) ?? '').toLowerCase();
    if (/gb|big5|euc|iso-8859|windows|ascii/.test(guess) || guess === '') encoding = 'gb18030';
    else throw notASpreadsheet(fileName, `无法识别的文字编码 ${guess}`);
  }
  return { kind: 'csv', encoding, bytes: st.size };
}

/** One row as read: its number in the file (1 = the header row) and its cells. */
export interface FileRow {
  rowNo: number;
  cells: Cell[];
}

/** Counts the bytes read from the file (for the percentage). */
function byteCounter(onBytes: (n: number) => void): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      onBytes(n);
      cb(null, chunk);
    },
  });
}

function cellValue(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('result' in v) return cellValue((v as { result: CellValue }).result);
    if ('error' in v) return null;
  }
  return String(v);
}

/** The rows of the file, the header row first, in order; `onBytes` sees how far into the file reading is. */
export async function* readRegisterRows(filePath: string, info: RegisterFileInfo, onBytes: (n: number) => void = () => {}): AsyncGenerator<FileRow> {
  const input = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }).pipe(byteCounter(onBytes));
  if (info.kind === 'csv') {
    const decoded = info.encoding === 'utf-8' ? input : input.pipe(iconv.decodeStream(info.encoding));
    const parser = decoded.pipe(parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
    let rowNo = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo++;
      yield { rowNo, cells: record };
    }
    return;
  }
  const ExcelJS = await loadExcel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<Row>) {
        const values = row.values as CellValue[]; // 1-based
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        if (cells.every((c) => c === null || c === '')) continue;
        yield { rowNo: row.number, cells };
      }
      return; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_A_SPREADSHEET', `Excel 文件无法读取（${(e as Error).message}）。请确认文件完整，或另存为 .xlsx 后再试。`, 415);
  }
}

/** The header row (first row) of a file, trimmed, for the mapping step. */
export async function readHeaderRow(filePath: string, info: RegisterFileInfo): Promise<string[]> {
  for await (const r of readRegisterRows(filePath, info)) return r.cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  return [];
}
