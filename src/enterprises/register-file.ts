// Writing a register as the registration system exports it (the headers importers recognise), as
// .csv (UTF-8 or GB18030) or .xlsx, streamed: for tests, the benchmarks and `zhiliang demo`.
import fs from 'node:fs';
import { once } from 'node:events';
import { loadExcel } from '../core/excel';
import iconv from 'iconv-lite';
import { formatLicences, type EnterpriseInput } from './model';

export const REGISTER_HEADERS = ['统一社会信用代码', '企业名称', '法定代表人', '企业类型', '登记状态', '成立日期', '注册资本(万元)', '住所', '所属区划', '所属行业', '许可证', '重点产品'];

export function registerCells(e: EnterpriseInput): string[] {
  return [
    e.creditCode,
    e.name,
    e.legalRepresentative ?? '',
    e.type ?? '',
    e.status,
    e.registeredOn ?? '',
    e.registeredCapital === null ? '' : String(e.registeredCapital),
    e.address ?? '',
    e.regionCode ?? '',
    e.industryDivision ?? e.industrySection ?? '',
    formatLicences(e.licences),
    e.productTags.join('、'),
  ];
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows may be entities or raw cell arrays (to write bad rows on purpose). */
export type RegisterLine = EnterpriseInput | string[];

export async function writeRegisterCsv(filePath: string, rows: Iterable<RegisterLine>, opts: { encoding?: 'utf-8' | 'gb18030'; headers?: string[] } = {}): Promise<void> {
  const out = fs.createWriteStream(filePath);
  const enc = opts.encoding ?? 'utf-8';
  let buf = '';
  const put = async (line: string) => {
    buf += line + '\r\n';
    if (buf.length > 256 * 1024) {
      if (!out.write(enc === 'utf-8' ? buf : iconv.encode(buf, enc))) await once(out, 'drain');
      buf = '';
    }
  };
  await put((opts.headers ?? REGISTER_HEADERS).map(csvField).join(','));
  for (const r of rows) await put((Array.isArray(r) ? r : registerCells(r)).map(csvField).join(','));
  out.end(enc === 'utf-8' ? buf : iconv.encode(buf, enc));
  await once(out, 'finish');
}

export async function writeRegisterXlsx(filePath: string, rows: Iterable<RegisterLine>, opts: { headers?: string[] } = {}): Promise<void> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(opts.headers ?? REGISTER_HEADERS).commit();
  for (const r of rows) ws.addRow(Array.isArray(r) ? r : registerCells(r)).commit();
  ws.commit();
  await wb.commit();
}
