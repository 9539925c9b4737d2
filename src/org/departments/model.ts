/** 责任部门. Pure types and rules, no database. */

export const DEPARTMENT_KINDS = ['department', 'agency', 'office', 'judicial', 'party', 'other'] as const;
/** department 政府工作部门; agency 派出/直属机构（分局等）; office 领导小组办公室等议事协调机构;
 *  judicial 法院、检察院; party 党委部门; other 其他单位 */
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  department: '政府工作部门',
  agency: '派出/直属机构',
  office: '议事协调机构办公室',
  judicial: '司法机关',
  party: '党委部门',
  other: '其他单位',
};

export interface Department {
  id: number;
  tenantId: number;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: DepartmentKind;
  sortOrder: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface DepartmentInput {
  name: string;
  shortName?: string | null;
  aliases?: string[];
  kind?: DepartmentKind;
  sortOrder?: number;
}

/** Trims, collapses inner whitespace, unifies full-width brackets. */
export function cleanName(s: string): string {
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .trim();
}

const LEVEL_PREFIX = /^(区|县|市|旗|全区|全县|全市|区级|县级|市级)/;
/** Common long forms and their short forms, so 区市场监督管理局 ~ 区市场监管局. */
const VARIANTS: [RegExp, string][] = [
  [/监督管理/g, '监管'],
  [/发展和改革/g, '发改'],
  [/发展改革/g, '发改'],
  [/经济和信息化/g, '经信'],
  [/住房和城乡建设/g, '住建'],
  [/人力资源和社会保障/g, '人社'],
  [/人力社保/g, '人社'],
  [/卫生健康/g, '卫健'],
  [/农业农村/g, '农业'],
  [/生态环境/g, '环境'],
  [/自然资源和规划/g, '资规'],
  [/资源规划/g, '资规'],
  [/交通运输/g, '交通'],
  [/科学技术/g, '科技'],
  [/文化和旅游/g, '文旅'],
  [/委员会$/, '委'],
  [/人民政府/g, '政府'],
];

/**
 * The comparable core of a department name: no level prefix (区/县/市), long forms shortened,
 * and the closing 局/委/分局 unified, so 县市场监管局, 区市场监督管理局 and 区市场监管分局 meet.
 */
export function coreName(s: string): string {
  let n = cleanName(s).replace(LEVEL_PREFIX, '');
  for (const [re, to] of VARIANTS) n = n.replace(re, to);
  n = n.replace(/(分局|局|委|办公室|办)$/, '');
  return n;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Dice coefficient on character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.length === 0 || B.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of A) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of B) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (A.length + B.length);
}

export interface DepartmentMatch {
  /** how it matched: exact name, short name, a recorded alias, or a near match (suggestion only) */
  kind: 'exact' | 'shortName' | 'alias' | 'near';
  department: Department;
  /** 1 for exact/shortName/alias; similarity for near matches */
  score: number;
  /** the name or alias that matched */
  matched: string;
}

export interface MatchResult {
  /** the department the name certainly means, if any (exact, short name or alias) */
  match: DepartmentMatch | null;
  /** near matches for a person to confirm, best first (at most 5), excluding `match` */
  suggestions: DepartmentMatch[];
}

/** Pure matching of a written department name against a directory. Inactive departments are ignored. */
export function matchAgainst(name: string, directory: readonly Department[], minScore = 0.5): MatchResult {
  const q = cleanName(name);
  const active = directory.filter((d) => d.active);
  if (!q) return { match: null, suggestions: [] };
  let match: DepartmentMatch | null = null;
  for (const d of active) {
    if (cleanName(d.name) === q) {
      match = { kind: 'exact', department: d, score: 1, matched: d.name };
      break;
    }
  }
  if (!match) {
    for (const d of active) {
      if (d.shortName && cleanName(d.shortName) === q) {
        match = { kind: 'shortName', department: d, score: 1, matched: d.shortName };
        break;
      }
      const a = d.aliases.find((x) => cleanName(x) === q);
      if (a) {
        match = { kind: 'alias', department: d, score: 1, matched: a };
        break;
      }
    }
  }
  const qc = coreName(q);
  const suggestions: DepartmentMatch[] = [];
  for (const d of active) {
    if (match && d.id === match.department.id) continue;
    let best = 0;
    let bestName = d.name;
    for (const cand of [d.name, ...(d.shortName ? [d.shortName] : []), ...d.aliases]) {
      const cc = coreName(cand);
      const score = cc === qc && cc.length > 0 ? 0.95 : similarity(qc, cc);
      if (score > best) {
        best = score;
        bestName = cand;
      }
    }
    if (best >= minScore) suggestions.push({ kind: 'near', department: d, score: Math.round(best * 1000) / 1000, matched: bestName });
  }
  suggestions.sort((a, b) => b.score - a.score || a.department.sortOrder - b.department.sortOrder);
  return { match, suggestions: suggestions.slice(0, 5) };
}
