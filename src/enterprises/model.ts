// The directory's types and pure rules: what an enterprise is, how a register file's columns map to
// its fields, and how one row of such a file is read and checked (every refusal a Chinese reason
// the user sees beside the row). No database here: store.ts has the SQL, import.ts the file reading.
import { normaliseCreditCode, validateCreditCode } from './credit-code';
import { industriesByName, industryByCode } from './industry';
import type { EnterpriseLicence } from './tables';

export type { EnterpriseLicence };

/** 登记状态, in the order registers list them. */
export const ENTERPRISE_STATUSES = ['存续', '在业', '迁出', '吊销', '注销'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const ENTITY_CATEGORIES = ['企业', '个体工商户', '农民专业合作社'] as const;

/** One enterprise as an import (or the generator) writes it. */
export interface EnterpriseInput {
  creditCode: string;
  name: string;
  legalRepresentative: string | null;
  category: string;
  type: string | null;
  status: string;
  registeredOn: string | null;
  registeredCapital: number | null;
  address: string | null;
  regionCode: string | null;
  industrySection: string | null;
  industryDivision: string | null;
  licences: EnterpriseLicence[];
  productTags: string[];
}

/** One enterprise as stored: what an import writes, with its keys and times. */
export interface Enterprise extends EnterpriseInput {
  id: number;
  tenantId: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryEntry {
  id: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedAt: Date;
}

export const HISTORY_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '名称',
  address: '住所',
  status: '登记状态',
};

// --- searching -------------------------------------------------------------------------------------

export interface EnterpriseFilter {
  /** a name fragment or a credit-code prefix (told apart by `classifyQuery`) */
  q?: string;
  /** GB/T 2260 code; its sub-regions are included */
  region?: string;
  /** 门类 letter or 大类 two digits */
  industry?: string;
  status?: string;
  /** a licence kind, e.g. 工业产品生产许可证 */
  licence?: string;
  /** a key-product tag, e.g. 电线电缆 */
  product?: string;
  /** credit's risk class A-D (the condition is credit's: search-conditions.ts) */
  riskClass?: string;
  /** on a list now: abnormal (经营异常名录) / serious (严重违法失信名单) */
  list?: string;
}

export const SEARCH_LIMITS = {
  /** largest page size */
  maxPageSize: 100,
  /** deepest offset a page may start at (keyset paging goes further: `after`) */
  maxOffset: 10_000,
  /** above this many matches the total is the planner's estimate */
  exactCountUpTo: 10_000,
  /** the planner estimates more than exactCountUpTo × this: its estimate is given without counting */
  estimateTrustedAbove: 5,
  /** a count taking longer is stopped and the estimate given (flagged), so the list stays quick */
  countBudgetMs: 150,
  /** most rows one Excel export writes */
  maxExportRows: 200_000,
} as const;

/** A query that looks like a credit code (2-18 code characters with a digit) is a code prefix; anything else a name fragment. */
export function classifyQuery(raw: string): { kind: 'code'; value: string } | { kind: 'name'; value: string } | null {
  const t = raw.trim();
  if (!t) return null;
  const code = normaliseCreditCode(t);
  if (/^[0-9A-Z]{2,18}$/.test(code) && /\d/.test(code)) return { kind: 'code', value: code };
  return { kind: 'name', value: t.replace(/\s+/g, ' ') };
}

/** Escapes LIKE's wildcards (% and _) and its escape character, so a fragment matches literally. */
export function escapeLike(fragment: string): string {
  return fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The significant prefix of a GB/T 2260 code: 330000 → 33, 330900 → 3309, 330903 → 330903, 330903001 → 330903001. */
export function regionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

// --- importing -------------------------------------------------------------------------------------

export const IMPORT_LIMITS = {
  /** larger files are refused before reading (an export of a whole province's register fits well below) */
  maxBytes: 200 * 1024 * 1024,
  /** rows staged per batch */
  batchRows: 5000,
} as const;

/**
 * The 413 of an upload above IMPORT_LIMITS.maxBytes: the web takes no larger file, the command on the
 * server does (it streams the file from disk, no size limit), so the message names that command.
 */
export function uploadTooLargeMessage(command: 'enterprises' | 'credit', bytes?: number): string {
  const size = bytes === undefined ? '' : `（${(bytes / 1024 / 1024).toFixed(0)} MB）`;
  const what = command === 'enterprises' ? '企业名录' : '信用记录';
  return `文件过大${size}，网页上传不能超过 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB。更大的${what}文件请由管理员在服务器上用命令导入（不受此大小限制，可显示进度）：zhiliang ${command} import 文件路径`;
}

/** The fields an import can fill, with the header names registration systems use for them. */
export const IMPORT_FIELDS = [
  { key: 'creditCode', label: '统一社会信用代码', required: true, headers: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '注册号/统一社会信用代码', '统一社会信用代码/注册号'] },
  { key: 'name', label: '企业名称', required: true, headers: ['企业名称', '名称', '主体名称', '市场主体名称', '企业(机构)名称', '单位名称'] },
  { key: 'legalRepresentative', label: '法定代表人', required: false, headers: ['法定代表人', '法定代表人(负责人)', '法定代表人/负责人', '负责人', '经营者', '投资人'] },
  { key: 'type', label: '企业类型', required: false, headers: ['企业类型', '类型', '主体类型', '市场主体类型', '企业类型(主体类型)'] },
  { key: 'status', label: '登记状态', required: false, headers: ['登记状态', '经营状态', '状态', '企业状态'] },
  { key: 'registeredOn', label: '成立日期', required: false, headers: ['成立日期', '注册日期', '登记日期', '设立日期'] },
  { key: 'registeredCapital', label: '注册资本(万元)', required: false, headers: ['注册资本(万元)', '注册资本', '注册资金(万元)', '注册资金', '出资额(万元)'] },
  { key: 'address', label: '住所', required: false, headers: ['住所', '地址', '住所(经营场所)', '经营场所', '注册地址', '企业地址'] },
  { key: 'industry', label: '所属行业', required: false, headers: ['所属行业', '行业', '行业门类', '国民经济行业', '行业代码', '行业分类'] },
  { key: 'region', label: '所属区划', required: false, headers: ['所属区划', '行政区划', '区划代码', '行政区划代码', '所属区域', '所属乡镇', '乡镇街道', '管辖区域'] },
  { key: 'licences', label: '许可证', required: false, headers: ['许可证', '许可证件', '行政许可', '许可信息'] },
  { key: 'productTags', label: '重点产品', required: false, headers: ['重点产品', '主要产品', '产品', '产品标签'] },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
/** field → the index of its column in the file's header row */
export type ColumnMapping = Partial<Record<ImportFieldKey, number>>;

/** A header as compared: no spaces, full-width brackets as half-width. */
export function headerKey(h: string): string {
  return h.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** Maps the file's header row to fields by the names registration systems use; `missing` lists required fields not found. */
export function mapHeaders(headers: readonly string[]): { mapping: ColumnMapping; missing: ImportFieldKey[] } {
  const mapping: ColumnMapping = {};
  const keys = headers.map((h) => headerKey(h ?? ''));
  for (const f of IMPORT_FIELDS) {
    const names = f.headers.map(headerKey);
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0) mapping[f.key] = i;
  }
  const missing = IMPORT_FIELDS.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.key);
  return { mapping, missing };
}

/** Checks a mapping given by the user: columns inside the header row, required fields present, no column twice. */
export function checkMapping(mapping: ColumnMapping, headerCount: number): string[] {
  const problems: string[] = [];
  const seen = new Map<number, string>();
  for (const f of IMPORT_FIELDS) {
    const i = mapping[f.key];
    if (i === undefined) {
      if (f.required) problems.push(`缺少必需的列：${f.label}`);
      continue;
    }
    if (!Number.isInteger(i) || i < 0 || i >= headerCount) problems.push(`${f.label}对应的列不存在（第 ${i + 1} 列）`);
    else if (seen.has(i)) problems.push(`第 ${i + 1} 列同时对应了${seen.get(i)}和${f.label}`);
    else seen.set(i, f.label);
  }
  return problems;
}

/** What an import needs to know to check a row's region. */
export interface RegionLookup {
  /** the code if it is a known region inside the authority, else null */
  byCode(code: string): 'inside' | 'outside' | 'unknown';
  /** a region inside the authority by its name (unique), or null */
  byName(name: string): string | null;
}

/** One row of a file: its number (1 = the header row) and cells as strings or dates. */
export type Cell = string | number | Date | null | undefined;

export type RowResult = { ok: true; row: EnterpriseInput } | { ok: false; reason: string };

const CELL_TEXT = (c: Cell): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
};

export function cellText(c: Cell): string {
  return CELL_TEXT(c);
}

/** Excel's day serial (1900 system) → YYYY-MM-DD. */
function excelSerialDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
}

/** A date cell as YYYY-MM-DD, or null when it is not one of the forms registers use. */
export function parseRegisterDate(c: Cell): string | null | 'bad' {
  if (c === null || c === undefined || c === '') return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'bad' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return c > 0 && c < 80_000 ? excelSerialDate(c) : 'bad';
  const s = c.trim();
  if (!s) return null;
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(s);
  if (!m) return 'bad';
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return 'bad';
  return dt.toISOString().slice(0, 10);
}

/** 注册资本 in 万元: a number, optionally followed by 万元 / 万人民币 / 万; null when empty. */
export function parseCapital(c: Cell): number | null | 'bad' {
  if (c === null || c === undefined || c === '') return null;
  if (typeof c === 'number') return Number.isFinite(c) && c >= 0 ? c : 'bad';
  const s = CELL_TEXT(c).replace(/[,，\s]/g, '').replace(/(万元人民币|万人民币|万元|万美元|万)$/, '');
  if (!s) return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return 'bad';
  return Number(s);
}

/** 登记状态 as one of the five; registers also write 存续（在营、开业、在册） and the like. */
export function parseStatus(raw: string): EnterpriseStatus | null {
  const s = raw.trim();
  if (!s) return '存续';
  for (const st of ENTERPRISE_STATUSES) if (s === st || s.startsWith(st)) return st;
  if (/^(在营|开业|在册|正常)/.test(s)) return '存续';
  if (/吊销/.test(s)) return '吊销';
  if (/注销/.test(s)) return '注销';
  if (/迁出/.test(s)) return '迁出';
  return null;
}

/** 所属行业 as a code ('C', 'C38', '3811') or a name ('电气机械和器材制造业', 'C 制造业'). */
export function parseIndustry(raw: string): { section: string; division: string | null } | null {
  const s = raw.trim();
  const code = /^([A-Ta-t]?\s*\d{0,4})/.exec(s)?.[1]?.replace(/\s/g, '');
  if (code) {
    const hit = industryByCode(code);
    if (hit) return { section: hit.section.code, division: hit.division?.code ?? null };
  }
  const name = s.replace(/^[A-Ta-t]?\d*\s*/, '');
  const byName = industriesByName(name);
  const exact = byName.find((h) => h.name === name) ?? (byName.length === 1 ? byName[0] : undefined);
  if (!exact) return null;
  if (exact.kind === '门类') return { section: exact.code, division: null };
  const hit = industryByCode(exact.code)!;
  return { section: hit.section.code, division: exact.code };
}

/** 许可证 cell: 'kind:number' or 'kind（number）' items separated by ；; or line breaks. */
export function parseLicences(raw: string): EnterpriseLicence[] {
  const out: EnterpriseLicence[] = [];
  for (const part of raw.split(/[;；\n]+/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.+?)[:：(（]\s*([^)）]+?)\s*[)）]?$/.exec(p);
    if (m) out.push({ kind: m[1]!.trim(), number: m[2]!.trim() });
    else out.push({ kind: p, number: '' });
  }
  return out;
}

export function formatLicences(licences: readonly EnterpriseLicence[]): string {
  return licences.map((l) => (l.number ? `${l.kind}:${l.number}` : l.kind)).join(';');
}

export function parseTags(raw: string): string[] {
  return [...new Set(raw.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean))];
}

const CATEGORY_BY_CODE: Record<string, string> = { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' };

/**
 * Reads one data row through the mapping and checks it. The first problem found is the reason
 * (the code first, since without it nothing else matters).
 */
export function readRow(cells: readonly Cell[], mapping: ColumnMapping, regions: RegionLookup): RowResult {
  const get = (k: ImportFieldKey): Cell => {
    const i = mapping[k];
    return i === undefined ? undefined : cells[i];
  };
  const text = (k: ImportFieldKey) => CELL_TEXT(get(k));

  const rawCode = text('creditCode');
  if (!rawCode) return { ok: false, reason: '统一社会信用代码为空' };
  const v = validateCreditCode(rawCode);
  if (!v.ok) return { ok: false, reason: `统一社会信用代码“${rawCode}”有误：${v.errors.map((e) => e.message).join('；')}` };

  const name = text('name').replace(/\s+/g, ' ');
  if (!name) return { ok: false, reason: '企业名称为空' };
  if (name.length > 200) return { ok: false, reason: '企业名称过长（超过200个字）' };

  const statusRaw = text('status');
  const status = parseStatus(statusRaw);
  if (!status) return { ok: false, reason: `登记状态“${statusRaw}”无法识别（应为${ENTERPRISE_STATUSES.join('、')}之一）` };

  const registeredOn = parseRegisterDate(get('registeredOn'));
  if (registeredOn === 'bad') return { ok: false, reason: `成立日期“${text('registeredOn')}”格式不正确（应为 YYYY-MM-DD，如 2019-05-20）` };

  const registeredCapital = parseCapital(get('registeredCapital'));
  if (registeredCapital === 'bad') return { ok: false, reason: `注册资本“${text('registeredCapital')}”不是数字（单位：万元）` };

  let industrySection: string | null = null;
  let industryDivision: string | null = null;
  const industryRaw = text('industry');
  if (industryRaw) {
    const ind = parseIndustry(industryRaw);
    if (!ind) return { ok: false, reason: `所属行业“${industryRaw}”不在国民经济行业分类（GB/T 4754-2017）中` };
    industrySection = ind.section;
    industryDivision = ind.division;
  }

  let regionCode: string | null = null;
  const regionRaw = text('region');
  if (regionRaw) {
    if (/^\d{6}(\d{3})?$/.test(regionRaw)) {
      const where = regions.byCode(regionRaw);
      if (where === 'unknown') return { ok: false, reason: `所属区划“${regionRaw}”不是有效的行政区划代码` };
      if (where === 'outside') return { ok: false, reason: `所属区划“${regionRaw}”不在本单位管辖范围内` };
      regionCode = regionRaw;
    } else {
      regionCode = regions.byName(regionRaw);
      if (!regionCode) return { ok: false, reason: `所属区划“${regionRaw}”无法识别（请填写行政区划代码或本辖区内的乡镇街道名称）` };
    }
  } else if (regions.byCode(v.division) === 'inside') {
    regionCode = v.division; // the registering authority, when the file names no region
  }

  return {
    ok: true,
    row: {
      creditCode: v.code,
      name,
      legalRepresentative: text('legalRepresentative') || null,
      category: v.department === '9' ? (CATEGORY_BY_CODE[v.category] ?? '企业') : '其他',
      type: text('type') || null,
      status,
      registeredOn,
      registeredCapital,
      address: text('address') || null,
      regionCode,
      industrySection,
      industryDivision,
      licences: parseLicences(text('licences')),
      productTags: parseTags(text('productTags')),
    },
  };
}

/** Result of one import, as the CLI's --json prints it and the API returns it. */
export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  refused: Array<{ row: number; reason: string }>;
}
