// GB/T 4754-2017 国民经济行业分类 at the 门类 and 大类 levels: a small pure lookup over the shipped data
// file (data/industry-gbt4754-2017.json, whose "source" field names where the codes were checked).
import data from './data/industry-gbt4754-2017.json' with { type: 'json' };

export interface IndustrySection {
  /** 门类 letter, A–T */
  code: string;
  name: string;
  /** first and last 大类 code of the section, inclusive */
  from: string;
  to: string;
}

export interface IndustryDivision {
  /** 大类 code, two digits 01–97 */
  code: string;
  name: string;
  /** its 门类 letter */
  section: string;
}

export const INDUSTRY_STANDARD: string = data.standard;
export const INDUSTRY_SOURCE: string = data.source;
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = data.sections;
export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = data.divisions;

const sectionByCode = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s]));
const divisionByCode = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d]));

/**
 * A 门类 or 大类 by its code. Accepts 'C', 'c', '13', '1', 'C13' and longer 中类/小类 codes such as
 * '1311' or 'C1311' (reduced to their 大类); returns null for an unknown code.
 */
export function industryByCode(raw: string): { section: IndustrySection; division: IndustryDivision | null } | null {
  const s = raw.trim().toUpperCase();
  if (/^[A-T]$/.test(s)) {
    const section = sectionByCode.get(s);
    return section ? { section, division: null } : null;
  }
  const m = /^([A-T])?(\d{1,4})$/.exec(s);
  if (!m) return null;
  const digits = m[2]!;
  const code = digits.length === 1 ? '0' + digits : digits.slice(0, 2);
  const division = divisionByCode.get(code);
  if (!division) return null;
  if (m[1] && m[1] !== division.section) return null; // 'A13' is not a real code
  return { section: sectionByCode.get(division.section)!, division };
}

/** The 门类 a 大类 belongs to, or null for an unknown 大类. */
export function sectionOfDivision(divisionCode: string): IndustrySection | null {
  const hit = industryByCode(divisionCode);
  return hit?.division ? hit.section : null;
}

/**
 * 门类 and 大类 whose name contains the fragment (full-width and ASCII punctuation alike ignored),
 * exact name matches first, then 大类 before 门类, then by code.
 */
export function industriesByName(fragment: string): Array<{ kind: '门类' | '大类'; code: string; name: string }> {
  const clean = (x: string) => x.replace(/[\s,，、()（）]/g, '');
  const f = clean(fragment);
  if (!f) return [];
  const hits: Array<{ kind: '门类' | '大类'; code: string; name: string; exact: boolean }> = [];
  for (const d of INDUSTRY_DIVISIONS) {
    const n = clean(d.name);
    if (n.includes(f)) hits.push({ kind: '大类', code: d.code, name: d.name, exact: n === f });
  }
  for (const s of INDUSTRY_SECTIONS) {
    const n = clean(s.name);
    if (n.includes(f)) hits.push({ kind: '门类', code: s.code, name: s.name, exact: n === f });
  }
  hits.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.kind === b.kind ? a.code.localeCompare(b.code) : a.kind === '大类' ? -1 : 1));
  return hits.map(({ kind, code, name }) => ({ kind, code, name }));
}
