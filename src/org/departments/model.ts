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

// ---------------------------------------------------------------------------------------------
// Does a written name look like the name of a unit (a 责任单位)?
//
// A unit name is a noun phrase that ends in the word for a kind of organisation (局, 委员会, 中心,
// 街道, 公司 …). Text the extractor cut out of a sentence may end in such a word too
// ("政府可以委托国家职业教育指导咨询委员会"), but then it carries the sentence's clause words
// (a modal, a verb that governs an object, punctuation) which never occur inside a unit's name.
// So: the right ending, no clause word before it, no punctuation, and the length of a name.

/** Endings of unit names (the kind of organisation), longest first where they overlap. */
export const UNIT_NAME_ENDINGS = [
  '委员会', '联合会', '管委会', '领导小组', '工作小组', '工作组', '专班', '中心', '政府', '街道', '公司', '集团', '协会', '学会', '商会', '大队', '支队', '中队', '分局', '园区',
  '局', '委', '办', '厅', '院', '会', '镇', '乡', '所', '站', '队', '部', '处', '科', '室', '馆', '行', '社', '台', '校', '团', '司', '署', '庭',
] as const;

/** Words that belong to a sentence, not to a name: modals, governing verbs, connectives. */
const CLAUSE_WORDS = /(可以|应当|应该|须|必须|委托|负责|牵头|配合|会同|协助|按照|根据|依照|要求|加强|推进|推动|开展|落实|做好|鼓励|支持|引导|实施|组织开展|以及|并且|其他|有关|相关|等)/;
const PUNCTUATION = /[，。；：、,.;:！？!?“”"'《》]/;

/**
 * True when `name` reads as a unit's name: it ends in a unit ending and has no clause word or
 * punctuation, and is at most 30 characters; or it is (or ends in) one of the authority's own
 * `extra` names (e.g. 支行, 区委宣传部).
 */
export function looksLikeUnitName(name: string, extra: readonly string[] = []): boolean {
  const n = cleanName(name);
  if (!n) return false;
  if (extra.some((e) => e && (n === cleanName(e) || n.endsWith(cleanName(e))))) return true;
  if ([...n].length > 30 || PUNCTUATION.test(n)) return false;
  const ending = UNIT_NAME_ENDINGS.find((e) => n.endsWith(e));
  if (!ending) return false;
  const stem = n.slice(0, n.length - ending.length);
  if (!stem) return false;
  return !CLAUSE_WORDS.test(stem);
}
