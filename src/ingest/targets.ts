// Target extraction: the clauses of a plan that commit to a number for something measurable
// (../shared/contracts/plan-extraction.md, "What counts as a target").
//
// The genre writes a target as   [deadline,] indicator + comparator + number + unit [+ qualifier]
// (农产品质量安全抽检合格率达到99.5%以上), or   verb + number + unit + indicator
// (培育1-2家“压舱石”企业), or   verb + indicator + number + unit (新增高新技术企业90家), and
// chains several of them in one clause with 、. The extractor reads every number in the text,
// reads the unit and qualifier after it and the clause before it, and keeps the numbers that a
// comparator, a qualifier or a commitment verb turns into a target. Every look-around is bounded,
// so the work is linear in the text.

import type { Comparator, OutlineNode, Target, TargetKind } from './model';
import { readNumber } from './numbers';
import { matchUnitAt, type UnitCategory } from './units';
import { countedObject, endsInVerb } from './pos';
import { looksLikeUnit } from './departments';
import { columnNote, mergeBrokenCells } from './cells';

export interface TargetContext {
  period: { startYear: number; endYear: number } | null;
  outline: OutlineNode[];
  /** The year the document was written or published: without a period, a year before it is the past. */
  documentYear?: number | null;
  /** The document's title: a work summary (…工作总结, …完成情况的报告) looks back except in its sections on what comes next. */
  title?: string | null;
}

// ---------------------------------------------------------------------------------------------
// lexicon

/** Words right before the number that say how it compares, longest first. */
const PRE_COMPARATORS: Array<[string, Comparator, 'level' | 'increment' | 'growth']> = [];
{
  const ge = ['不低于', '不少于', '不小于', '不得低于', '不得少于', '至少', '达到或优于', '达到或超过', '达到', '达', '提高到',
    '提升到', '提高至', '提升至', '增加到', '增加至', '增长到', '增长至', '增至', '扩大到', '扩大至', '稳定在', '保持在',
    '维持在', '稳定保持在', '保持', '为', '做到', '超', '均在', '在', '实现'];
  const le = ['控制在', '压减至', '压减到', '压缩至', '压缩到', '下降到', '下降至', '降低到', '降低至', '降至', '降到', '减少到',
    '减少至', '缩短至', '缩短到', '缩小到', '缩小至', '不高于', '不超过', '不大于', '不多于', '不得超过', '不得高于'];
  const gt = ['超过', '高于', '大于', '多于', '突破'];
  const lt = ['低于', '小于', '少于'];
  const approx = ['约为', '大约', '约'];
  ge.push('≥', '>=', '＞＝', '≧', '大于等于', '大于或等于', '高于或等于');
  le.push('≤', '<=', '＜＝', '≦', '小于等于', '小于或等于', '低于或等于');
  gt.push('>', '＞');
  lt.push('<', '＜');
  for (const w of ge) PRE_COMPARATORS.push([w, '>=', 'level']);
  for (const w of le) PRE_COMPARATORS.push([w, '<=', 'level']);
  for (const w of gt) PRE_COMPARATORS.push([w, '>', 'level']);
  for (const w of lt) PRE_COMPARATORS.push([w, '<', 'level']);
  for (const w of approx) PRE_COMPARATORS.push([w, '~', 'level']);
  // a change by an amount: 提高5个百分点, 新增10家 are increments; 增长8% is a yearly growth rate (level)
  for (const w of ['提高', '提升', '增加', '新增', '新建', '扩大', '下降', '降低', '减少', '缩短', '压减', '压缩', '削减'])
    PRE_COMPARATORS.push([w, '>=', 'increment']);
  for (const w of ['年均增长', '年平均增长', '增长', '增速', '年均递增', '递增']) PRE_COMPARATORS.push([w, '>=', 'growth']);
  PRE_COMPARATORS.push(['递减', '>=', 'increment'], ['年均递减', '>=', 'increment']);
  PRE_COMPARATORS.sort((a, b) => b[0].length - a[0].length);
}

/** The comparator words grouped by their last character, longest first. */
const PRE_BY_LAST = new Map<string, typeof PRE_COMPARATORS>();
for (const e of PRE_COMPARATORS) {
  const k = e[0][e[0].length - 1];
  const list = PRE_BY_LAST.get(k) ?? [];
  list.push(e);
  PRE_BY_LAST.set(k, list);
}

/** Verbs that commit to producing a count (培育5家, 新建6条, 完成3900台). */
const COMMIT_VERBS = ['新增', '新建', '新培育', '新认定', '新开工', '增加', '累计', '培育', '创建', '创成', '建成', '建设', '建立',
  '打造', '完成', '实现', '达到', '争取', '争创', '力争', '引导', '推动', '推进', '组织', '评选', '发布', '制定', '制修订',
  '修订', '参与', '主导', '引进', '招引', '认定', '推荐', '开展', '实施', '改造', '扶持', '选树', '命名', '签约', '举办',
  '办好', '提供', '遴选', '孵化', '入选', '获评', '新获', '获得', '通过', '改扩建', '整治', '编制', '申报', '帮扶', '带动',
  '吸引', '设立', '布局', '新设', '落地', '储备', '谋划', '招募', '培养', '培训', '开设', '提升', '升级', '覆盖', '达',
  '抽检', '抽查', '监测', '检测', '树立', '培树', '续建', '评定', '推广', '攻关', '淘汰', '关停', '整改', '治理', '修复',
  '造林', '种植', '投运', '开通', '接入', '吸纳', '安置', '引育', '开工', '竣工', '检查', '巡查', '排查', '处置', '制订',
  '起草', '承办', '召开', '支持', '表彰', '授予', '选拔', '新认证', '获批', '创评', '改建', '扩建', '新改建', '新改扩建', '配备', '配齐', '建设改造', '新创建', '解决', '帮助',
  '盘活', '复垦', '流转', '收储', '腾退', '拆除', '消化', '化解', '清理', '回收', '出让', '供应', '征收'];
const COMMIT_RE = new RegExp(COMMIT_VERBS.join('|'));
/** Text ending in a verb that produces what it counts (…建成, …培育, …遴选), not one that compares (达到, 实现). */
const COMMIT_END_RE = new RegExp(`(?:${COMMIT_VERBS.filter((v) => v.length >= 2 && !['达到', '实现', '提升', '覆盖', '争取', '力争', '推动', '推进', '支持', '通过', '获得', '参与', '累计', '增加', '带动', '吸引', '升级'].includes(v)).join('|')})$`);
/** A 、 that opens the next commitment of a list, a verb and a few characters before its count: 、认定|30家 */
const NEXT_VERB_ITEM_RE = new RegExp(`[、和及](?=\\s*(?:${COMMIT_VERBS.join('|')})[\\u4e00-\\u9fa5“”]{0,6}$)`);
/** A clause that opens with a commitment verb (完成…, 新认证…, 培训…). */
const COMMIT_START_RE = new RegExp(`^(?:${COMMIT_VERBS.join('|')})`);

// what may stand before a count that is the subject of its clause: 全市首批, 全县, 至少
const SUBJECT_SCOPE_RE = /^(?:全[市区县镇省州乡]|全社会|辖区|本[区县市镇]|(?:中心|主)?城区|县城|市区)?(?:内)?(?:再|又|还|另)?(?:首批|第一批|新一批|一批|至少|不少于)?$/;
// a date a commitment is due by: 到2025年, 2025年底前, 年内
const DUE_RE = /(?:到|至|力争到|争取到|力争在|在)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:\d{1,2}月)?(?:底|末)?(?:前|以前|之前)|年内|年底前/;
// an achievement the counted subject reaches: (全面)建成, (全部)完成, 通过…, 达标
const ACHIEVED_RE = /^(?:全面|全部|均|基本|率先|如期|全部实现|都)?(?:建成|完成|通过|达标|实现|达到|建立|投用|投入使用|运营|投运|创成|获评)/;

const ACHIEVED_IN_RE = new RegExp(ACHIEVED_RE.source.slice(1));
// a list of places: 东城区、西城区, 甲镇和乙镇 (the names end in an administrative suffix)
const PLACES_RE = /^(?:确保|力争|推动|实现)?(?:[\u4e00-\u9fa5]{1,10}(?:省|市|区|县|镇|乡|街道|新区)[、和及与]?)+$/;

/** Fillers and verbs stripped from the front of an indicator. */
const LEAD_STRIP = ['其中', '并且', '并', '且', '同时', '力争', '争取', '确保', '努力', '使', '让', '实现', '推动', '推进', '全面', '安排',
  '进一步', '每季度', '每月', '每半年', '每年度', '原则上', '持续', '稳步', '逐步', '继续', '要', '将', '全年', '年内', '每年', '到期', '做到', '巩固', '完成',
  '新增', '新建', '新改扩建', '新改建', '新认证', '新认定', '新培育', '新创建', '培育', '引进培育', '引育', '累计', '创建', '建成', '争创', '打造', '加快', '大力', '积极', '和', '及', '与', '或'];
/** Words of intent before a verb (下一步计划新建…, 拟培育…). */
const INTENT_LEAD_RE = new RegExp(`^(?:下一步|今后|拟|计划|预计)(?=${COMMIT_VERBS.join('|')}|下一步|今后|拟|计划|预计|[,，]|$)`);
/** Words that may only precede the number (the shape is then verb + number + indicator). */
const VERB_ONLY = new Set([...LEAD_STRIP, ...COMMIT_VERBS, '实施', '引导', '组织', '培育', '推荐', '开展', '招引', '引进', '全区',
  '全县', '全市', '全镇', '全省', '全州', '全旗', '全乡', '全国', '辖区', '本区', '本县', '本市', '本镇', '我区', '我县', '我市',
  '全社会', '各', '共', '共计', '合计', '总计', '全部', '每年', '年均', '每季度', '每月', '每半年', '每年度', '每周', '原则上',
  '至少', '不少于', '最少']);
/** Trailing words cut from an indicator (…率均达到, …浓度稳定控制在). */
const TRAIL_STRIP = ['安排', '均', '都', '全部', '稳定', '继续', '持续', '要', '需', '应', '将', '力争', '争取', '基本', '总体', '始终',
  '一直', '累计', '分别', '各', '必须', '逐步', '进一步', '不断', '有望', '预计', '计划', '要求', '确保', '达到或', '已', '每年',
  '年均', '平均'];

/** Nouns that name what a count counts, when a quoted name qualifies them (三个“15分钟服务圈”示范区). */
const COUNTED_HEAD_RE = /^[\u4e00-\u9fa5]{0,6}(?:示范区|示范点|示范街区|示范社区|示范村|示范镇|示范园|基地|社区|中心|站|点|园区|园|街区|企业|品牌|项目|平台|村|镇|集群|产品|单位|学校|医院|窗口|专区|场景|试点)[\s。]*$/;

/** Ends of an indicator that name a rate or share. */
const RATE_SUFFIX_RE = /(?:率|比例|比重|占比|份额|满意度|覆盖面|知晓率|普及率|指数|贡献度|增速|增幅)(?:\([A-Za-z0-9.]+\)|（[A-Za-z0-9.]+）)?$/;
/** Ends of an indicator that names a quantity (拥有量, 总量, 人数): its value may follow it without a verb. */
const QUANTITY_NOUN_RE = /(?:拥有量|保有量|总量|数量|总数|人数|个数|户数|件数|家数)$/;
/** Ends of an indicator whose value is written without a unit (满意度达到85, 指数达到86). */
const UNITLESS_SUFFIX_RE = /(?:度|指数|得分|评分|分值|分数|指标值|均值|系数)$/;
/** A rate counted on a base the name gives (万台…死亡率, 亿元GDP…死亡率, 每十万人…发病率): written without a unit. */
const PER_BASE_RATE_RE = /(?:每|万|亿|十万|百万|千)(?:台|人口|人|车|辆|元|吨|户|张|艘)[^、，,]{0,24}率$/;
/** Administrative levels that qualify one category together (国控、省控断面; 国家级、省级试点). */
const LEVEL_MOD_RE = /(?:国家|中央|国|省|市|县|区|镇|乡|村)(?:级|控|管|属|定|考)$/;
const LEVEL_MOD_START_RE = /^(?:国家|中央|国|省|市|县|区|镇|乡|村)(?:级|控|管|属|定|考)/;

/** Verbs that mark a conjunct as a clause of its own rather than one of several indicators. */
const CONJ_VERB_RE = /提升|提高|实现|推进|推动|加强|加快|开展|完成|建设|打造|确保|力争|促进|坚持|深化|落实|巩固|扩大|争取|培育|引导|全面|健全|完善|形成|构建|强化/;

/** Subsidies, rewards and caps (最高给予3000万元奖补): not targets of a plan. */
const BUDGET_NAME_RE = /(?:投资|投资额|债券|专项债|赤字|预算内投资)$/;
const SUBSIDY_RE = /给予|奖补|贴息|一次性|最高不超过|最高可|按.{0,8}比例/;
/** Words of money given or taken: they disqualify amounts and rates, not counts (省级补助村63个). */
const MONEY_FLOW_RE = /补贴|补助|资助|奖励|扶持资金|费用|收费|罚款|处以|税率|缴纳|报销|罚没/;
/** A report of what was done or found: the perfective 了 (开展了, 抽检了; not 为了, 了解), 结果显示, 从…看. */
const REPORT_RE = /(?<![为除]|提出|明确|强调|部署|确定|设定|制定)了(?!解)|显示|表明|从[^，,。；;]{1,12}(?:来)?看/;
/** The opening of a paragraph that looks back (十年来, 近年来, 过去五年, 2023年以来). */
const PAST_OPENING_RE = /^[\s　]*(?:近|过去)?[一二两三四五六七八九十\d]*(?:多)?年(?:来|以来)|^[\s　]*(?:近年来|过去[一二两三四五六七八九十\d]*年|\d{4}年以来)/;
/** Markers of a sentence about the past (background, achievements). */
const PAST_RE = /年来|当前|现阶段|已经|已有|现已|已建|已完成|已达|已累计|已培育|已创建|已形成|已实现|已获|共有|现有|目前|同比|比上年|较上年|上年度|去年|以来|十三五|过去|先后|取得了|完成了|实现了|达到了|建成了|荣获|获评了|位居|排名/;

// ASCII ? is left out: in Chinese text it is mostly a character the encoding lost
const FUTURE_RE = /(?:到|至|力争到|争取到|预计到|计划到)\s*\d{4}\s*年(?:底|末)?|力争|确保|今后|未来|下一步|计划|预计|拟/g;
const CLAUSE_BREAK = new Set([',', '，', ';', '；', '。', '！', '？', '\n', '\r', ':', '：']);
const SENTENCE_BREAK = new Set(['。', '！', '？', '\n', '\r']);
const CJK_NUMERAL = '零〇一二两三四五六七八九十百千万亿';

const MAX_LEFT = 120; // how far back a clause is read
const MAX_RIGHT = 60;
const MAX_INDICATOR = 40;

// Arabic numbers (half- or full-width, decimals, 3,000), 百分之…, and runs of Chinese numerals,
// each optionally followed by a 万/亿 multiplier. No nested quantifiers: linear time.
const NUMBER_RE = new RegExp(
  `百分之[${CJK_NUMERAL}点]+|千分之[${CJK_NUMERAL}点]+|[0-9０-９]+(?:[.．][0-9０-９]+)?(?:,[0-9]{3}(?![0-9]))*(?:万亿|[万亿])?|一半|过半数|过半|半数|[${CJK_NUMERAL}]+`,
  'g',
);
const CLAUSE_BREAK_RUN_RE = /[，,。；;！!？?\n:：]/;
const RANGE_SEP = new Set(['-', '—', '–', '~', '～', '至', '到', '－', '—']);
const YEAR_MARKER_RE = /(?:到|至|截至|截止到|截止|力争到|争取到|力争在|争取在|计划到|预计到|在|于)\s*(\d{4})\s*年(?!的(?!\s*[\d.]+\s*[^倍\d.]))|(\d{4})\s*年\s*(?:底|末)?\s*前|(?<=^|[\n。；;])[ \t\u3000]*(\d{4})\s*年(?:底|末)?(?=[,，])/g;
const FORWARD_YEAR_MARKER = /^(?:到|至|力争到|争取到|计划到|预计到)/;

// ---------------------------------------------------------------------------------------------

interface Mention {
  start: number; // number start
  numEnd: number; // end of the number (and range)
  end: number; // end of unit and qualifier
  value: number;
  valueMax?: number;
  unit: string;
  category: UnitCategory | 'none';
  chinese: boolean;
  postComparator: Comparator | null;
  postWord: string;
  clauseStart: number;
  clauseEnd: number;
  /** Written as a ratio to one (城乡居民收入比缩小到1.95:1): the value has no unit. */
  ratio?: boolean;
}

function isAsciiAlnum(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-zα-ωΑ-Ω]/.test(c);
}

/** Reads a qualifier after the number and unit: 以上, 以下, 以内, 左右… */
function readQualifier(text: string, pos: number): { comparator: Comparator; word: string } | null {
  const quals: Array<[string, Comparator]> = [
    ['及以上', '>='], ['或以上', '>='], ['以上', '>='], ['之上', '>='],
    ['及以下', '<='], ['或以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='],
    ['左右', '~'], ['上下', '~'],
  ];
  for (const [w, c] of quals) if (text.startsWith(w, pos)) return { comparator: c, word: w };
  return null;
}

/** A comparator word followed by a number: what a quoted statement of targets holds and a name does not. */
const QUOTED_STATEMENT_RE = /(?:达到|达|不低于|不少于|超过|突破|提高到|提升到|稳定在|保持在|控制在|新增|培育|建成)\s*[0-9０-９]/;

/** Break positions and quote state of one text, built once so that every look-up is a binary search. */
class TextIndex {
  readonly clauseBreaks: number[] = [];
  readonly sentenceBreaks: number[] = [];
  readonly lineBreaks: number[] = [];
  /** 1 where the character sits inside “…”, 《…》 or 〔…〕 opened in the same sentence. */
  readonly quoted: Uint8Array;
  constructor(text: string) {
    this.quoted = new Uint8Array(text.length);
    let dq = 0; let book = 0; let sq = 0; let ascii = 0; let dqOpen = -1;
    for (let i = 0; i < text.length; i++) {
      if (dq > 0 || book > 0 || sq > 0 || ascii > 0) this.quoted[i] = 1;
      const code = text.charCodeAt(i);
      // only punctuation matters here: skip CJK ideographs and ASCII alphanumerics fast
      if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x7a && code !== 0x5b && code !== 0x5d)) continue;
      const c = text[i];
      if (CLAUSE_BREAK.has(c)) this.clauseBreaks.push(i);
      if (SENTENCE_BREAK.has(c)) { this.sentenceBreaks.push(i); dq = 0; book = 0; sq = 0; ascii = 0; }
      if (c === '\n') this.lineBreaks.push(i);
      if (c === '“') { if (dq === 0) dqOpen = i; dq++; }
      else if (c === '”' || (c === '"' && dq > 0)) {
        // (an ASCII quote closes an open “: “一窗受理" is one unbalanced pair, not an open quote)
        dq = Math.max(0, dq - 1);
        // a quoted statement of targets (“示范企业达到25家、合格率达到98%”) is read like the text
        // around it; a quoted name (“1+3+N”, “十百千”) stays out
        if (dq === 0 && dqOpen >= 0 && i - dqOpen > 6 && QUOTED_STATEMENT_RE.test(text.slice(dqOpen + 1, i))) this.quoted.fill(0, dqOpen, i + 1);
        continue;
      }
      else if (c === '《') book++;
      else if (c === '》') book = Math.max(0, book - 1);
      else if (c === '〔' || c === '[' || c === '【') sq++;
      else if (c === '〕' || c === ']' || c === '】') sq = Math.max(0, sq - 1);
      else if (c === '"') ascii ^= 1;
    }
  }
}

/** The last break before pos (its index + 1), or `floor`. */
function startAfterBreak(breaks: number[], pos: number, floor: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  const b = lo > 0 ? breaks[lo - 1] + 1 : 0;
  return Math.max(b, floor);
}

/** The first break at or after pos, or `ceil`. */
function endAtBreak(breaks: number[], pos: number, ceil: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  const b = lo < breaks.length ? breaks[lo] : Number.MAX_SAFE_INTEGER;
  return Math.min(b, ceil);
}

let IDX: TextIndex | null = null;
/** The first year the plan looks ahead from: its period's start, else the document's own year. */
let REF_YEAR: number | null = null;

function clauseBounds(text: string, pos: number): [number, number] {
  const idx = IDX!;
  return [startAfterBreak(idx.clauseBreaks, pos, Math.max(0, pos - MAX_LEFT)), endAtBreak(idx.clauseBreaks, pos, Math.min(text.length, pos + MAX_RIGHT + 40))];
}

function sentenceStart(_text: string, pos: number, limit = 400): number {
  return startAfterBreak(IDX!.sentenceBreaks, pos, Math.max(0, pos - limit));
}

function sentenceEnd(text: string, pos: number, limit = 200): number {
  return endAtBreak(IDX!.sentenceBreaks, pos, Math.min(text.length, pos + limit));
}

function lineBounds(text: string, pos: number, limit = 3000): [number, number] {
  const idx = IDX!;
  return [startAfterBreak(idx.lineBreaks, pos, Math.max(0, pos - limit)), endAtBreak(idx.lineBreaks, pos, Math.min(text.length, pos + limit))];
}

/** Is `pos` inside an open “…”, 《…》 or 〔…〕 that started in the same sentence? */
function insideQuote(_text: string, _from: number, pos: number): boolean {
  return IDX!.quoted[pos] === 1;
}

/** Reads the number at a regex match: value, range, unit, qualifier. Null when it is no quantity. */
function readMention(text: string, start: number, token: string): Mention | null {
  // 一半, 半数 (half) and 过半 (more than half) are shares: 50%
  if (token === '一半' || token === '过半' || token === '过半数' || token === '半数') {
    const len = token.length;
    let pos = start + len;
    if (token === '过半数') token = '过半';
    const q = token === '过半' ? null : readQualifier(text, pos);
    if (q) pos += q.word.length;
    const [clauseStart, clauseEnd] = clauseBounds(text, start);
    return {
      start, numEnd: start + len, end: pos, value: 50, unit: '%', category: 'percent', chinese: false,
      postComparator: token === '过半' ? '>' : q ? q.comparator : null, postWord: token === '过半' ? '过半' : q ? q.word : '',
      clauseStart, clauseEnd: Math.max(clauseEnd, pos),
    };
  }
  const chinese = !/[0-9０-９]/.test(token) && !token.startsWith('百分之') && !token.startsWith('千分之');
  const before = text[start - 1];
  if (isAsciiAlnum(before) || before === '.' || before === '/' || before === '·' || before === '+' || before === '_'
    || before === '-' || before === '第' || before === '#' || before === '@' || before === '~') return null;
  if (chinese && before !== undefined && /[第周初星]/.test(before)) return null;
  // 突破千亿元, 超过百万户: a bare 十/百/千 before 万 or 亿 is a number only right after a verb of reaching (not 千家万户,
  // nor a class such as 千亿级)
  const bare = chinese && /^[十百千][万亿]$/.test(token) && /(?:突破|超过|达到|迈上|跨上|跃上|跨越|超|达|过)$/.test(text.slice(Math.max(0, start - 2), start))
    && /^[\u4e00-\u9fa5]{0,2}?(?:[，,。；;、\n]|$|大关|台阶)/.test(text.slice(start + token.length, start + token.length + 5));
  const r = bare ? { value: { 十: 10, 百: 100, 千: 1000 }[token[0] as '十' | '百' | '千'], multiplier: token[1] as '万' | '亿', percent: false, permille: false } : readNumber(token);
  if (!r) return null;
  let pos = start + token.length;
  const value = r.value;
  let valueMax: number | undefined;
  let multiplier: string = r.multiplier;
  let unitFromNumber = r.percent ? '%' : r.permille ? '‰' : '';
  // a range X-Y, possibly with the percent sign on both numbers (85%-90%)
  let p1 = pos;
  let firstUnit: ReturnType<typeof matchUnitAt> = null;
  if (!unitFromNumber) {
    const u = matchUnitAt(text, pos);
    if (u && u.category === 'percent') { firstUnit = u; p1 = pos + u.length; }
  }
  if (RANGE_SEP.has(text[p1]) && !(text[p1] === '到' && firstUnit === null && /[万亿]$/.test(token))) {
    NUMBER_RE.lastIndex = p1 + 1;
    const m = NUMBER_RE.exec(text);
    if (m && m.index === p1 + 1) {
      const r2 = readNumber(m[0]);
      const chinese2 = !/[0-9０-９]/.test(m[0]);
      if (r2 && chinese2 === chinese && r2.value > value && (r2.multiplier === r.multiplier || !r.multiplier)) {
        valueMax = r2.value;
        pos = p1 + 1 + m[0].length;
        multiplier = r2.multiplier || multiplier;
        if (r2.percent) unitFromNumber = '%';
        else if (firstUnit && !matchUnitAt(text, pos)) unitFromNumber = firstUnit.unit;
      }
    }
  }
  let approxWord = '';
  if (text[pos] === '余' || text[pos] === '多') { approxWord = text[pos]; pos++; }
  let unit = unitFromNumber;
  let category: UnitCategory | 'none' = unitFromNumber ? 'percent' : 'none';
  if (!unit) {
    let p = pos;
    if (text[p] === ' ' && !chinese) p++;
    const u = matchUnitAt(text, p);
    if (u) {
      unit = u.unit;
      category = u.category;
      pos = p + u.length;
    }
  }
  if (multiplier) {
    // 交易额突破1.2亿。: a bare multiplier that closes the clause is the unit (14万在外乡亲 is no quantity)
    if (!unit && !chinese && (pos >= text.length || CLAUSE_BREAK.has(text[pos]) || readQualifier(text, pos))) {
      unit = multiplier;
      category = 'measure';
    } else {
      if (!unit || category === 'percent' || category === 'time') return null;
      unit = multiplier + unit;
    }
  }
  // 1.95:1 — a ratio to one
  let ratio = false;
  if (!unit && !chinese && /^[:：]\s*1(?![0-9.．])/.test(text.slice(pos, pos + 4))) {
    ratio = true;
    pos += text[pos + 1] === '1' ? 2 : text.slice(pos).indexOf('1') + 1;
  }
  const after = text[pos];
  if (isAsciiLetter(after) && category !== 'percent') return null; // 5G, 4A级, 3D
  // list markers (1. 2、) are whole numbers after a break; 分别低于0.5、0.45 is a list of values
  if (!unit && (after === '.' || after === '．' || (after === '、' && (!/[.．]/.test(token) && !/[\u4e00-\u9fa5]/.test(before ?? ''))))) return null;
  if (chinese && unit === '' ) return null;
  // qualifier
  let postComparator: Comparator | null = null;
  let postWord = '';
  // 90分(含90分)以上: a bracket that only restates the bound stands between the value and its qualifier
  const incl = /^[(（]含[^()（）]{1,10}[)）]/.exec(text.slice(pos, pos + 14));
  if (incl && readQualifier(text, pos + incl[0].length)) pos += incl[0].length;
  const q = readQualifier(text, pos);
  if (q) {
    postComparator = q.comparator;
    postWord = q.word;
    pos += q.word.length;
  } else if (approxWord) {
    postComparator = '>';
    postWord = approxWord;
  }
  const [clauseStart, clauseEnd] = clauseBounds(text, start);
  return {
    start, numEnd: start + token.length, end: pos, value, valueMax, unit, category, chinese,
    postComparator, postWord, clauseStart, clauseEnd: Math.max(clauseEnd, pos), ...(ratio ? { ratio } : {}),
  };
}

/** The comparator word at the end of the text before the number, if any. */
function preComparator(left: string): { word: string; comparator: Comparator; kind: 'level' | 'increment' | 'growth' } | null {
  const list = PRE_BY_LAST.get(left[left.length - 1]);
  if (!list) return null;
  for (const [w, c, k] of list) if (left.endsWith(w)) return { word: w, comparator: c, kind: k };
  return null;
}

function stripLead(s: string): string {
  let t = s;
  for (let guard = 0; guard < 12; guard++) {
    const before = t;
    t = t.replace(/^[\s,，、;；:：。）)\]】”’★☆▲△■□●○◆◇]+/, '');
    t = t.replace(/^(?:(?:到|至|截至|截止到?|力争到|力争在|争取到|争取在|计划到|预计到|在|于)\s*)?\d{4}\s*年(?:底|末|前)?(?:前)?/, '');
    for (const w of LEAD_STRIP) {
      // not the start of a noun: 建成区, 完成率
      // (but 打造区域公用品牌: 区域 is a word of its own)
      if (t.startsWith(w) && t.length > w.length && !/^[区率值量度](?!域)/.test(t.slice(w.length))) { t = t.slice(w.length); break; }
    }
    t = t.replace(/^基本(?=实现|建成|形成|完成|达到|消除|覆盖|满足|建立)/, '');
    // 市财政每年安排质量发展专项资金: the payer and 安排 before what is allotted
    t = t.replace(/^[\u4e00-\u9fa5]{1,10}?(?:每年|全年|年度)?安排(?=[\u4e00-\u9fa5]{2,})/, '');
    // 下一步计划新建…, 拟培育…: words of intent before the verb
    t = t.replace(INTENT_LEAD_RE, '');
    // list markers: (1) 1. ① 一是
    t = t.replace(/^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]是)/, '');
    if (t === before) break;
  }
  return t;
}

function stripTrail(s: string): string {
  let t = s;
  for (let guard = 0; guard < 6; guard++) {
    const before = t;
    t = t.replace(/[\s,，、;；:：（(“‘]+$/, '');
    for (const w of TRAIL_STRIP) if (t.endsWith(w) && t.length > w.length) { t = t.slice(0, -w.length); break; }
    if (t === before) break;
  }
  return t;
}

/** True when the text is only verbs, fillers and scope words (全区, 培育, 推进实施): no indicator in it. */
function onlyVerbs(s: string): boolean {
  let t = s.replace(/[\s,，、]/g, '');
  for (let guard = 0; guard < 8 && t.length > 0; guard++) {
    let hit = false;
    for (const w of VERB_ONLY) if (t.startsWith(w)) {
      // (覆盖率, 完成率: a verb with the suffix of a rate after it is a noun)
      if (/^(?:率|面|度)$/.test(t.slice(w.length))) break;
      t = t.slice(w.length); hit = true; break;
    }
    if (!hit) break;
  }
  return t.length < 2;
}

/** Splits `a、b和c` into conjuncts, without breaking words like 参与, 涉及, 以及. */
function splitConjuncts(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '（' || c === '“' || c === '《') depth++;
    else if (c === ')' || c === '）' || c === '”' || c === '》') depth = Math.max(0, depth - 1);
    if (depth === 0) {
      if (c === '、') { parts.push(cur); cur = ''; continue; }
      if (s.startsWith('以及', i)) { parts.push(cur); cur = ''; i++; continue; }
      // (a one-character item after 、 ends at 和 too: 甲、乙和丙)
      if ((c === '和' || c === '及' || c === '与') && (cur.length >= 2 || (cur.length === 1 && parts.length > 0))) {
        const prev = s[i - 1];
        const next = s[i + 1];
        const word = (prev ?? '') + c;
        const word2 = c + (next ?? '');
        if (!['参与', '涉及', '普及', '惠及', '危及', '波及', '顾及', '给与', '赋与'].includes(word)
          && !['和谐', '及时', '及早', '与其', '及以', '和平'].includes(word2)) {
          parts.push(cur); cur = ''; continue;
        }
      }
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The shared part an item borrows from the last one: 城市和农村生活垃圾无害化处理率 → 生活垃圾无害化处理率. */
function sharedHead(item: string, last: string): string {
  const bare = item.replace(/^(?:全[市区县镇省州]|全社会|辖区|本[区县市镇])/, '');
  if (bare.length <= 4) {
    const lastBare = last.replace(/^(?:全[市区县镇省州]|全社会|辖区|本[区县市镇])/, '');
    const rest = lastBare.slice(bare.length);
    if (rest.length >= 3 && RATE_SUFFIX_RE.test(rest)) return rest;
  }
  return rateHead(last);
}

function rateHead(s: string): string {
  const m = /(?:[^、]{2}率|比例|比重|占比|满意度|份额)$/.exec(s);
  return m ? m[0] : '';
}

/**
 * The indicators named by the text before a value. Several when they share it:
 * `生活垃圾分类覆盖率及无害化处理率` → two; `浙江省区域名牌和温州市优质产品生产示范区各` → two.
 */
// the measured noun at the end of an indicator that items of a 分别-list share
const RESPECTIVE_HEAD_RE = /(?:率|比例|比重|占比|满意度|指数|[^、]量|[^、]数|收入|产值|增加值|规模|面积|产业)$/;

function indicatorsFrom(left: string, rate: boolean): string[] {
  let each = false;
  let all = false;
  let t = left;
  if (/[各均]$/.test(t)) { each = t.endsWith('各'); all = t.endsWith('均'); t = t.slice(0, -1); }
  t = stripTrail(t);
  const parts = splitConjuncts(t);
  // 城乡居民人均可支配收入分别增长8%、8.5%: 城乡 is 城镇 and 农村, one value each
  if (parts.length <= 1 && /分别\s*$/.test(left)) {
    const cm = /^(全[市区县省州])?城乡(.{2,})$/.exec(stripLead(t));
    if (cm) return [`${cm[1] ?? ''}城镇${cm[2]}`, `${cm[1] ?? ''}农村${cm[2]}`];
  }
  if (parts.length <= 1) return [stripLead(t)];
  const last = parts[parts.length - 1];
  const lm = LEVEL_MOD_START_RE.exec(stripLead(last));
  const levelsOnly = !!lm && parts.slice(0, -1).every((p) => LEVEL_MOD_RE.test(p) && p.length <= 8);
  // 国家级、省级专精特新企业分别达到5家、20家: each level with the name the last one carries
  // (国家级和省级专精特新企业各达到10家: 各 gives each level the value)
  if (levelsOnly && (/分别\s*$/.test(left) || each)) {
    const rest = stripLead(last).slice(lm![0].length);
    if (rest.length >= 2) return [...parts.slice(0, -1).map((p) => stripLead(p) + rest), stripLead(last)];
  }
  // 新建和改造农贸市场分别为10个和25个: verbs sharing the object the last one carries
  if (/分别\s*$/.test(left) && parts.slice(0, -1).every((p) => COMMIT_START_RE.test(p) && onlyVerbs(p))) {
    const vm = COMMIT_START_RE.exec(last);
    const object = vm ? last.slice(vm[0].length) : '';
    if (object.length >= 2) return [...parts.slice(0, -1).map((p) => p + object), last];
  }
  // 猪、牛、羊定点屠宰率均达…: one-character items (kinds of one thing) share one indicator; a single
  // character is never an indicator of its own
  if (!/分别\s*$/.test(left) && (parts.length >= 3 ? parts.slice(1, -1) : parts.slice(0, 1)).every((p) => /^[\u4e00-\u9fa5]$/.test(stripLead(p)))) return [stripLead(t)];
  // 国控、省控断面水质达标率: levels qualifying one indicator, not several indicators
  if (!/分别\s*$/.test(left) && !each && LEVEL_MOD_START_RE.test(stripLead(last)) && parts.slice(0, -1).every((p) => LEVEL_MOD_RE.test(p) && p.length <= 8)) return [stripLead(t)];
  if (rate && RATE_SUFFIX_RE.test(last)) {
    // where each part starts in t, to cut a span of parts out of it
    const at: number[] = [];
    for (let i = 0, from = 0; i < parts.length; i++) {
      const k = t.indexOf(parts[i], from);
      at.push(k);
      if (k >= 0) from = k + parts[i].length;
    }
    let out: string[] = [stripLead(last)];
    let nextRate = parts.length - 1;
    let sinceRate = 0;
    for (let i = parts.length - 2; i >= 0; i--) {
      const p = parts[i];
      if (RATE_SUFFIX_RE.test(p)) { out.unshift(stripLead(p)); nextRate = i; sinceRate = 0; continue; }
      if (CONJ_VERB_RE.test(p.slice(i === 0 ? 2 : 0)) || p.length > 24) {
        // the clause before is a separate statement: keep only what follows it
        break;
      }
      // a long item is an indicator of its own only when it names the same kind of thing as the
      // subject of the rate after it (地表水水质、饮用水水源地水质达标率); otherwise the items are the
      // subjects one rate is measured on (规上工业企业、领军工业企业主导产品采标率): one indicator
      const rateText = parts[nextRate];
      const bare = stripLead(p).replace(/^(?:全[市区县镇省州]|全社会|辖区|本[区县市镇])/, '');
      const head = rateHead(rateText);
      const subject = rateText.slice(0, rateText.length - head.length);
      // (制造业产品和消费品质量合格率均达到95%: 均 says each item reaches the value, so each is an indicator)
      if (bare.length > 4 && !all && (!head || subject.length < 2 || bare.slice(-2) !== subject.slice(-2))) {
        let first = i;
        while (first > 0 && !RATE_SUFFIX_RE.test(parts[first - 1]) && !CONJ_VERB_RE.test(parts[first - 1].slice(first - 1 === 0 ? 2 : 0)) && parts[first - 1].length <= 24) first--;
        const whole = at[first] >= 0 && at[nextRate] >= 0
          ? t.slice(at[first], at[nextRate] + parts[nextRate].length)
          : parts.slice(first, nextRate + 1).join('、');
        out = [stripLead(whole), ...out.slice(sinceRate + 1)];
        if (first === 0) break;
        i = first;
        sinceRate = 0;
        continue;
      }
      out.unshift(stripLead(p) + sharedHead(stripLead(p), rateText));
      sinceRate++;
    }
    return out.filter((x) => x.length >= 2);
  }
  // A、B和C分别达到…: one value each, in order
  if (/分别\s*$/.test(left)) {
    // 年主营业务超过1000亿元、500亿元的名牌企业分别: parallel size classes of one head noun
    const lastBare = stripLead(last);
    const dm = /^\d+(?:\.\d+)?[万亿]?[\u4e00-\u9fa5]{0,3}的(.{2,})$/.exec(lastBare);
    if (dm && parts.slice(0, -1).every((p) => /\d[万亿]?[\u4e00-\u9fa5]{0,3}$/.test(p))) {
      const prefix = /^(.*?)\d/.exec(stripLead(parts[0]))?.[1] ?? '';
      const withPrefix = (p: string) => (/^\d/.test(p) ? prefix + p : p);
      return [...parts.slice(0, -1).map((p) => withPrefix(`${stripLead(p)}的${dm[1]}`)), withPrefix(lastBare)];
    }
    // 生猪、肉牛存栏量分别…, 城镇、农村居民人均可支配收入分别…: short items borrow the measured head
    // the last one carries after a subject of their own length
    if (RESPECTIVE_HEAD_RE.test(lastBare)) {
      return parts.map((p, i) => {
        const b = stripLead(p);
        const scope = /^(?:全[市区县镇省州]|全社会|辖区|本[区县市镇])/.exec(b)?.[0] ?? '';
        const core = b.slice(scope.length);
        if (i === parts.length - 1 || core.length > 4 || RESPECTIVE_HEAD_RE.test(core)) return b;
        const rest = lastBare.slice(core.length);
        return rest.length >= 2 && RESPECTIVE_HEAD_RE.test(rest) ? b + rest : b;
      }).filter((x) => x.length >= 2);
    }
    return parts.map(stripLead).filter((x) => x.length >= 2);
  }
  // (城镇居民人均可支配收入、农民人均纯收入均增长12%以上: 均 after names of their own gives each one the value)
  // (示范平台和示范基地数量各80个: the measured head the last one carries is each item's too)
  if (each || (all && parts.every((p) => stripLead(p).length >= 4))) {
    const lastBare = stripLead(last);
    const head = RESPECTIVE_HEAD_RE.test(lastBare) ? (/率$/.test(lastBare) ? rateHead(lastBare) : lastBare.slice(-2)) : '';
    return parts.map((p, i) => {
      const b = stripLead(p);
      return i < parts.length - 1 && head && b.length >= 2 && !RESPECTIVE_HEAD_RE.test(b) && lastBare.length > head.length + 1 ? b + head : b;
    }).filter((x) => x.length >= 2);
  }
  // a list of names under one count (国家级、市级标准化试点70个): one indicator,
  // starting after any conjunct that is a statement of its own
  let from = 0;
  for (let i = parts.length - 2; i >= 0; i--) {
    if (CONJ_VERB_RE.test(parts[i].slice(i === 0 ? 2 : 0)) && !/^(?:新增|新建|累计|创建)/.test(parts[i])) { from = i + 1; break; }
  }
  if (from === 0) return [stripLead(t)];
  const idx = t.indexOf(parts[from]);
  return [stripLead(idx >= 0 ? t.slice(idx) : parts.slice(from).join('、'))];
}

/**
 * `综合差异系数小学、初中分别` → head 综合差异系数, items 小学, 初中: an indicator followed by a list of
 * short subgroups that 分别 gives values to. Null for any other shape.
 */
function respectiveHead(left: string): { head: string; items: string[] } | null {
  if (!/分别\s*$/.test(left)) return null;
  const t = stripTrail(left);
  const parts = splitConjuncts(t);
  if (parts.length < 2 || parts.length > 6 || parts.slice(1).some((p) => p.length > 4)) return null;
  const first = stripLead(parts[0]);
  const m = /^(.*(?:率|比例|比重|占比|满意度|指数|系数|得分|浓度|强度|密度|人数|数量|总量|面积))([\u4e00-\u9fa5]{1,4})$/.exec(first);
  if (!m || m[1].length < 2) return null;
  return { head: m[1], items: [m[2], ...parts.slice(1)] };
}

function capIndicator(s: string): string {
  let t = s.trim();
  // a quoted statement opened before the name (实现“示范企业达到…): the name starts inside it
  const open = t.lastIndexOf('“');
  if (open >= 0 && t.indexOf('”', open) < 0 && t.length - open - 1 >= 2) t = t.slice(open + 1);
  // a bracket that itemizes with numbers of its own (包括63个省级…) is no part of the name
  t = t.replace(/[(（][^()（）]*\d+\s*[个家项条名人所座处台件批次][^()（）]*(?:[)）]|$)/g, '');
  // unbalanced brackets left at the ends by a cut
  if (/[)）]$/.test(t) && !/[(（]/.test(t)) t = t.slice(0, -1);
  if (/[(（][^)）]*$/.test(t)) t = t.replace(/[(（][^)）]*$/, '');
  if (t.length > MAX_INDICATOR) t = t.slice(t.length - MAX_INDICATOR);
  // balance a cut bracket
  if (/^[^(（]*[)）]/.test(t) && !/[(（]/.test(t.slice(0, t.search(/[)）]/)))) {
    const k = t.search(/[)）]/);
    if (k >= 0 && k < 6) t = t.slice(k + 1);
  }
  return t.replace(/^[的之]/, '').trim();
}

// ---------------------------------------------------------------------------------------------
// deadlines

interface YearMarker { pos: number; year: number; forward: boolean; lineStart: boolean }

function findYearMarkers(text: string): YearMarker[] {
  const out: YearMarker[] = [];
  YEAR_MARKER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR_MARKER_RE.exec(text))) {
    // 到2025年, 2025年底前, and a sentence opened by 2024年，
    const year = Number(m[1] ?? m[2] ?? m[3]);
    let b = m.index;
    while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t' || text[b - 1] === '\u3000' || text[b - 1] === '—')) b--;
    const lineStart = b === 0 || text[b - 1] === '\n';
    if (year >= 1990 && year <= 2100) out.push({ pos: m.index, year, forward: FORWARD_YEAR_MARKER.test(m[0]) || m[2] !== undefined, lineStart });
  }
  return out;
}

/** Index of the first marker at or after pos. */
function lowerBound(markers: Array<{ pos: number }>, pos: number): number {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Heading { pos: number; openingEnd: number; level: number; parent: number; background: boolean; forward: boolean }

/** Section titles of the part of a plan that looks back (发展基础, 取得成效): its numbers are no targets. */
const BACKGROUND_TITLE_RE = /工作总结|总结|完成情况|进展情况|工作基础|现实基础|良好基础|现状|基本情况|主要成效|取得成效|工作成效|主要成绩|取得的成绩|工作回顾|回顾|面临形势|发展形势|机遇和挑战|机遇与挑战|存在问题|存在的问题/;

/** A document that reports what was done (工作总结, 完成情况的报告, 信息公开工作年度报告) and plans nothing in its title. */
const SUMMARY_DOC_RE = /工作总结|总结报告|情况的报告|情况报告|完成情况|年度报告|述职报告/;
const PLANNING_TITLE_RE = /计划|打算|要点|方案|安排|思路|目标|任务|规划|意见/;
/** A section of a summary about what comes next: 下一步工作打算, 2024年工作计划, 明年工作思路. */
const FORWARD_SECTION_RE = /下一步|打算|计划|思路|目标|安排|明年|今后|措施|举措/;

function isBackgroundTitle(title: string): boolean {
  return BACKGROUND_TITLE_RE.test(title) && !/目标|任务|措施|举措/.test(title);
}

const HEADING_RE = /(?:^|\n)[ \t\u3000]*(?:([一二三四五六七八九十]+)[、.．]|[(（]([一二三四五六七八九十]+)[)）]|(\d{1,2})[.．、](?!\d)|[(（](\d{1,2})[)）]|([①②③④⑤⑥⑦⑧⑨⑩]))/g;

const LINE_MARKER_RE = /^[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])/;

/** Where a section's opening ends: its heading line, plus the first sentence of the body when the body does not start with a sub-heading. */
function openingEnd(text: string, pos: number, limit: number): number {
  const cap = Math.min(limit, pos + 200, text.length);
  let e = pos;
  while (e < cap && text[e] !== '\n') e++;
  if (e >= cap) return cap;
  // skip blank lines
  let n = e;
  while (n < cap && /\s/.test(text[n])) n++;
  if (n >= cap || LINE_MARKER_RE.test(text.slice(n, n + 8))) return e;
  let f = n;
  while (f < cap && text[f] !== '\n' && text[f] !== '。') f++;
  return f;
}

function headingsFromOutline(outline: OutlineNode[], text: string): Heading[] {
  const out: Heading[] = [];
  const walk = (nodes: OutlineNode[], parent: number) => {
    for (const n of nodes) {
      const s = Math.max(0, Math.min(text.length, n.span[0]));
      const idx = out.length;
      const title = String(n.title ?? '').slice(0, 30);
      out.push({ pos: s, openingEnd: openingEnd(text, s, Math.max(s, Math.min(n.span[1], text.length))), level: n.level, parent, background: isBackgroundTitle(title), forward: FORWARD_SECTION_RE.test(title) });
      walk(n.children ?? [], idx);
    }
  };
  walk(outline, -1);
  // a document-order tree gives a sorted pre-order; sort anyway (and remap parents) so that a
  // malformed outline cannot break the binary search
  const order = out.map((_, i) => i).sort((a, b) => out[a].pos - out[b].pos || a - b);
  const newIndex = new Array<number>(out.length);
  order.forEach((old, i) => { newIndex[old] = i; });
  return order.map((old) => {
    const h = out[old];
    const parent = h.parent >= 0 ? newIndex[h.parent] : -1;
    return { ...h, parent: parent < newIndex[old] ? parent : -1 };
  });
}

function scanHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  const stack: number[] = [];
  HEADING_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADING_RE.exec(text))) {
    const pos = m.index + (text[m.index] === '\n' ? 1 : 0);
    const level = m[1] ? 1 : m[2] ? 2 : m[3] ? 3 : m[4] ? 4 : 5;
    while (stack.length > 0 && out[stack[stack.length - 1]].level >= level) stack.pop();
    const idx = out.length;
    let le = pos;
    while (le < text.length && le < pos + 24 && text[le] !== '\n' && text[le] !== '。') le++;
    out.push({ pos, openingEnd: openingEnd(text, pos, text.length), level, parent: stack.length ? stack[stack.length - 1] : -1, background: isBackgroundTitle(text.slice(pos, le)), forward: FORWARD_SECTION_RE.test(text.slice(pos, le)) });
    stack.push(idx);
    if (m[0].length === 0) HEADING_RE.lastIndex++;
  }
  return out;
}

class Deadlines {
  private markers: YearMarker[];
  private headings: Heading[];
  constructor(private text: string, private ctx: TargetContext) {
    this.markers = findYearMarkers(text);
    this.headings = ctx.outline && ctx.outline.length > 0 ? headingsFromOutline(ctx.outline, text) : scanHeadings(text);
    const title = ctx.title ?? '';
    this.summary = SUMMARY_DOC_RE.test(title) && !PLANNING_TITLE_RE.test(title);
  }

  /** The document is a work summary: outside a section on what comes next, its numbers are results. */
  private summary: boolean;

  private markerIn(from: number, to: number, last: boolean, forwardOnly = false): number | null {
    let i = lowerBound(this.markers, from);
    let found: number | null = null;
    for (; i < this.markers.length && this.markers[i].pos < to; i++) {
      if (forwardOnly && !this.markers[i].forward) continue;
      found = this.markers[i].year;
      if (!last) return found;
    }
    return found;
  }

  /** Is the last year marker of the position's paragraph a plain (not 到/至) year before `ref`? */
  pastParagraph(pos: number, ref: number): boolean {
    const [ps] = lineBounds(this.text, pos);
    const k = lowerBound(this.markers, pos) - 1;
    if (k < 0 || this.markers[k].pos < ps) return false;
    const mk = this.markers[k];
    return !mk.forward && mk.year < ref;
  }

  /** Is the position inside a section that looks back (发展基础, 取得成效)? */
  inBackground(pos: number): boolean {
    let h = lowerBound(this.headings, pos + 1) - 1;
    let forward = false;
    for (let guard = 0; h >= 0 && guard < 12; guard++) {
      if (this.headings[h].background) return true;
      if (this.headings[h].forward) forward = true;
      h = this.headings[h].parent;
    }
    return this.summary && !forward;
  }

  at(pos: number, sentence: number, clause: string): number | null {
    const period = this.ctx.period;
    const inSentence = this.markerIn(sentence, pos, true);
    if (inSentence != null) return inSentence;
    if (/每年|年度/.test(clause) && period) return period.endYear;
    // the paragraph: the nearest year before, else a 到/至 year after
    const [ps, pe] = lineBounds(this.text, pos);
    const inPara = this.markerIn(ps, pos, true) ?? this.markerIn(pos, pe, false, true);
    if (inPara != null) return inPara;
    // a paragraph that opens with 到2025年 governs the paragraphs after it, up to the next heading
    let h = lowerBound(this.headings, pos + 1) - 1;
    const sectionStart = h >= 0 ? this.headings[h].pos : 0;
    for (let k = lowerBound(this.markers, pos) - 1; k >= 0 && this.markers[k].pos >= sectionStart && pos - this.markers[k].pos < 5000; k--) {
      const mk = this.markers[k];
      if (mk.lineStart && mk.forward) return mk.year;
    }
    // the enclosing sections' headings and openings
    while (h >= 0) {
      const hd = this.headings[h];
      const y = this.markerIn(hd.pos, Math.min(hd.openingEnd, pos), false);
      if (y != null) return y;
      // a heading that names its year: 二、2024年主要目标
      if (!hd.background) {
        let le = hd.pos;
        while (le < this.text.length && le < hd.pos + 30 && this.text[le] !== '\n' && this.text[le] !== '。') le++;
        const bare = /(\d{4})\s*年(?!以来|前的|的|度以来)/.exec(this.text.slice(hd.pos, Math.min(le, pos)));
        if (bare && (!period || Number(bare[1]) >= period.startYear)) return Number(bare[1]);
      }
      h = hd.parent;
    }
    return period ? period.endYear : null;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Extracts the numeric targets of a plan from its normalized text. Spans point into `text`.
 */
export function extractTargets(text: string, ctx: TargetContext): Target[] {
  const out: Target[] = [];
  if (!text) return out;
  // the row number, unit cells and deadline cells of a task table's rows are no part of any indicator
  text = maskTableRowCells(text);
  IDX = new TextIndex(text);
  REF_YEAR = ctx?.period?.startYear ?? ctx?.documentYear ?? null;
  try {
    extractInto(text, ctx, out);
  } finally {
    IDX = null;
    REF_YEAR = null;
  }
  // indicator tables flattened one cell a line (序号 / 指标名称 / 预期效果 / 完成时限 / 1 / … / 400项): each row read as
  // the sentence its cells make (指标名称 + 达到 + 预期效果)
  if (text.includes('\n') && /指标/.test(text) && /序\s*号/.test(text)) cellLineTargets(text, ctx, out);
  // document order (table rows are read in a pass of their own)
  return out.map((t, i) => [t, i] as const).sort((a, b) => a[0].span[0] - b[0].span[0] || a[1] - b[1]).map(([t]) => t);
}

type CellCol = 'no' | 'ind' | 'value' | 'unit' | 'other';
const CELL_INDICATOR_RE = /^(?:指标名称|指标|主要指标|指标内容|目标指标|考核指标|指标项目|绩效指标|业绩指标)$/;
const CELL_VALUE_RE = /^(?:预期效果|预期目标|预期成效|目标值|目标|年度目标|预期值|指标值|考核目标|(?:19|20)\d{2}年(?:度)?(?:目标|目标值|预期目标|预期值|预期)?)$/;
// any other column a header may name beside them (completion time, kind, units, notes, people)
const CELL_OTHER_RE = /(?:序号|编号|时限|时间|期限|属性|性质|类型|类别|单位|部门|司局|处室|科室|股室|备注|说明|领导|责任人|负责人|任务|措施|内容|项目|现状值|基期值|基数)$/;

function cellCol(raw: string): CellCol | null {
  const c = columnNote(raw.replace(/[\s\u3000|｜]+/g, '')).name;
  if (!c || c.length > 10 || /\d/.test(c.replace(/(?:19|20)\d{2}年/, ''))) return null;
  if (/^(?:序号|编号)$/.test(c)) return 'no';
  if (CELL_INDICATOR_RE.test(c)) return 'ind';
  if (CELL_VALUE_RE.test(c)) return 'value';
  if (/^(?:计量单位|单位)$/.test(c)) return 'unit';
  return CELL_OTHER_RE.test(c) ? 'other' : null;
}

function cellLineTargets(text: string, ctx: TargetContext, out: Target[]): void {
  const lines0: Array<{ text: string; start: number; end: number }> = [];
  for (let at = 0; at <= text.length;) {
    let e = text.indexOf('\n', at);
    if (e < 0) e = text.length;
    const raw = text.slice(at, e);
    const t = raw.replace(/[\s\u3000]*[|｜][\s\u3000]*$/, '').trim();
    if (t) lines0.push({ text: t, start: at + raw.indexOf(t[0]), end: at + raw.indexOf(t[0]) + t.length });
    at = e + 1;
  }
  // (cells broken over lines: 序 / 号, 2021年 / 目标)
  const lines = mergeBrokenCells(lines0);
  const rowNo = (i: number) => (i < lines.length && /^\d{1,3}[.．、]?$/.test(lines[i].text) ? parseInt(lines[i].text, 10) : null);
  for (let i = 0; i < lines.length; i++) {
    const head: CellCol[] = [];
    let k = i;
    while (k < lines.length && head.length < 9) {
      const c = cellCol(lines[k].text);
      if (!c) break;
      head.push(c);
      k++;
    }
    // (a category column before 序号 — 重点任务 / 序号 / 主要指标 … — whose cell stands before the first row of each category)
    const category = head.length >= 4 && head[0] !== 'no' && head[1] === 'no';
    if (category) head.shift();
    if (head[0] !== 'no' || !head.includes('ind') || !head.includes('value')) continue;
    if (category && rowNo(k) === null && rowNo(k + 1) !== null) k++;
    if (rowNo(k) === null) continue;
    const cols = head.slice(1);
    const indAt = cols.indexOf('ind');
    // (several value columns, one a year — 2021年目标 / 2022年目标 / 2023年目标: the last is the plan's target)
    const valAt = cols.lastIndexOf('value');
    const valCount = cols.filter((c) => c === 'value').length;
    const unitAt = cols.indexOf('unit');
    let j = k;
    let expect = rowNo(j)!;
    while (rowNo(j) === expect) {
      let e = j + 1;
      // (a value cell may read as the next row's number: the next row's number is followed by its indicator, a text)
      const nextRow = (x: number) => rowNo(x) === expect + 1 && (x + 1 >= lines.length || (rowNo(x + 1) === null && !/^[\d.%％]+$/.test(lines[x + 1].text) && !looksLikeUnit(lines[x + 1].text.split(/[、和及]/)[0])));
      while (e < lines.length && !nextRow(e) && e - j <= cols.length + 3) e++;
      const cells = lines.slice(j + 1, e);
      const ind = cells[indAt];
      // (cells wrapped onto a second line push the later ones along: with several value columns, the value is the
      // last cell with a number before the units)
      let upto = indAt + 1;
      while (upto < cells.length && !looksLikeUnit(cells[upto].text.split(/[、和及]/)[0])) upto++;
      const val = valCount > 1
        ? [...cells.slice(indAt + 1, upto)].reverse().find((c) => /^[≥≤><约]?\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fa5]{1,3})?(?:以上|以下|左右)?$/.test(c.text))
        : cells[valAt];
      if (ind && val && valAt > indAt && /[\u4e00-\u9fa5]{2}/.test(ind.text) && /\d/.test(val.text) && val.text.length <= 24) {
        let value = val.text;
        // (the unit in brackets at the end of the indicator: …试点实施主体(个))
        const named = /^(.{2,}?)[(（]([\u4e00-\u9fa5%％/]{1,6})[)）]$/.exec(ind.text.replace(/[。；;]$/, ''));
        const unit = unitAt >= 0 ? cells[unitAt]?.text ?? '' : named?.[2] ?? '';
        if (/^\d+(?:\.\d+)?$/.test(value) && unit && !/\d/.test(unit) && unit.length <= 6) value += unit;
        const indText = named && unitAt < 0 ? named[1] : ind.text;
        const each = /^各/.test(value);
        const comparatorFirst = /^(?:不低于|不少于|不高于|不超过|低于|高于|超过|控制在|达到|达|保持|提高到|下降|降低|减少|增长|提高|≥|≤|>|<|＞|＜|约)/.test(value.replace(/^各/, ''));
        const sentence = `${indText.replace(/[。；;]$/, '')}${each ? '各' : ''}${comparatorFirst ? '' : '达到'}${value.replace(/^各/, '')}。`;
        const span: [number, number] = [ind.start, val.end];
        if (!out.some((t) => t.span[0] < span[1] && span[0] < t.span[1])) {
          for (const t of extractTargets(sentence, { period: ctx?.period ?? null, outline: [], documentYear: ctx?.documentYear ?? null })) out.push({ ...t, span });
        }
      }
      j = e;
      expect++;
    }
    i = Math.max(i, j - 1);
  }
}

// 3 公路投资1.65万亿元 交通运输部 / 1. 新增城镇就业60万人以上 省人社厅 省财政厅 2025年12月: a row of a border-less
// task table (序号 任务 牵头部门 [配合部门] [完成时限]); the number before the task and the unit and deadline cells after it
const ROW_START_RE = /^[ \t\u3000]*\d{1,3}[.、．]?[ \t\u3000]+[\u4e00-\u9fa5“"(（]/;
const ROW_DEADLINE_CELL_RE = /^(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|上半年|下半年)?(?:前|之前)?(?:完成)?|长期(?:坚持)?|持续(?:推进|开展)?|常态化(?:推进)?|每年)$/;

/** A cell that lists only unit names: 农业农村部、发展改革委. */
function unitList(cell: string): boolean {
  const names = cell.split(/[、，,]/).filter(Boolean);
  return names.length > 0 && names.every((n) => looksLikeUnit(n));
}

/** Blanks out (same length, so every span stays true) the row numbers, unit cells and deadline cells of task-table rows. */
export function maskTableRowCells(text: string): string {
  if (!/\n[ \t\u3000]*\d{1,3}[.、．]?[ \t\u3000]+[\u4e00-\u9fa5]/.test('\n' + text)) return text;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!ROW_START_RE.test(line) || !/\d/.test(line.replace(/^[ \t\u3000]*\d{1,3}/, ''))) continue;
    const cells = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index! }));
    if (cells.length < 2) continue;
    // from the end: unit cells (every name a unit) and deadline cells, at least one unit cell
    let k = cells.length;
    let units = 0;
    while (k > 2) {
      const c = cells[k - 1].text;
      if (ROW_DEADLINE_CELL_RE.test(c)) { k--; continue; }
      if (unitList(c)) { k--; units++; continue; }
      break;
    }
    // 3 打造区域公用品牌3个。市农业农村局: the unit cell glued to the task's full stop
    let glued = 0;
    if (!units && k === cells.length) {
      const c = cells[k - 1].text;
      const stop = Math.max(c.lastIndexOf('。'), c.lastIndexOf('；'), c.lastIndexOf(';'));
      const tail = stop > 0 ? c.slice(stop + 1) : '';
      if (unitList(tail)) glued = tail.length;
    }
    if (!units && !glued) continue;
    const chars = [...line];
    const blank = (from: number, len: number) => { for (let j = from; j < from + len; j++) chars[j] = ' '; };
    // positions in UTF-16 units equal code points here: the cells are Han text and ASCII digits
    if (chars.length !== line.length) continue;
    blank(cells[0].start, cells[0].text.length);
    for (let j = k; j < cells.length; j++) blank(cells[j].start, cells[j].text.length);
    if (glued) { const c = cells[cells.length - 1]; blank(c.start + c.text.length - glued, glued); }
    lines[i] = chars.join('');
    changed = true;
  }
  return changed ? lines.join('\n') : text;
}

function extractInto(text: string, ctx: TargetContext, out: Target[]): void {
  const deadlines = new Deadlines(text, ctx ?? { period: null, outline: [] });
  const period = ctx?.period ?? null;

  // 0. indicator tables flattened to rows (指标 | 2020年 | 2025年 | 属性): read apart, kept out of the prose pass
  const tableRows = tableTargets(text, period, deadlines, out);

  // 1. every number that reads as a quantity
  const mentions: Mention[] = [];
  NUMBER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = NUMBER_RE.exec(text))) {
    const start = m.index;
    const token = m[0];
    const next = start + token.length;
    if (start < consumed) { NUMBER_RE.lastIndex = Math.max(next, consumed); continue; }
    const mention = readMention(text, start, token);
    if (mention) {
      mentions.push(mention);
      consumed = mention.end;
    }
    NUMBER_RE.lastIndex = Math.max(next, mention ? mention.numEnd : next);
  }

  // 2. keep the ones a clause commits to
  type Accepted = Judged & { m: Mention; inheritKind?: boolean; ownVerb?: boolean };
  const accepted: Accepted[] = [];
  let lastAccepted: Accepted | null = null;
  let lastRejected: Mention | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const mt = mentions[i];
    if (deadlines.inBackground(mt.start)) continue;
    // 2021年，全市共完成抽检16641批次…: a paragraph opened by a year before the plan's reports the past
    if (REF_YEAR != null && deadlines.pastParagraph(mt.start, REF_YEAR)) continue;
    // 十年来，…。消费品工业规上企业数量增加23.7%…: a paragraph opened by a look back stays in the past
    // until a forward-looking word
    {
      const [ps] = lineBounds(text, mt.start, 1500);
      if (PAST_OPENING_RE.test(text.slice(ps, ps + 16))) {
        FUTURE_RE.lastIndex = 0;
        if (!FUTURE_RE.test(text.slice(ps, mt.start))) continue;
      }
    }
    if (tableRows.length > 0 && inRanges(tableRows, mt.start)) continue;
    // A和B分别达到95%和90%: the values after the first go to the remaining indicators in order
    if (lastAccepted && lastAccepted.pending && lastAccepted.pending.length > 0 && mt.start - lastAccepted.m.end < 12
      && /^[\s、，,和及与]*$/.test(text.slice(lastAccepted.m.end, mt.start)) && mt.unit === lastAccepted.m.unit) {
      const before: Accepted = lastAccepted;
      const ind: string = before.pending![0];
      const pending: string[] = before.pending!.slice(1);
      before.pending = [];
      lastAccepted = { ...before, m: mt, indicators: [ind], pending, comparator: mt.postComparator ?? before.comparator, spanStart: before.spanStart, ownVerb: true };
      accepted.push(lastAccepted);
      continue;
    }
    // (a clause longer than the window a mention looks back over has its start cut for each mention: the same clause
    // is then the stretch without a clause break between them — a list of fifteen awards, each with its count)
    const sameClause = (a: Mention, b: Mention) => a.clauseStart === b.clauseStart || (a.end <= b.start && !CLAUSE_BREAK_RUN_RE.test(text.slice(a.end, b.start)));
    const prev = lastAccepted && sameClause(lastAccepted.m, mt) && lastAccepted.m.end <= mt.start ? lastAccepted.m : null;
    const next = i + 1 < mentions.length && sameClause(mt, mentions[i + 1]) ? mentions[i + 1] : null;
    const prevRight = prev && lastAccepted ? lastAccepted.rightEnd : -1;
    // 新增A15个,B10个: a count in the clause right after a committed count shares its verb
    // 实现茶叶产量2.5万吨，综合产值18亿元，…: a chain of clauses that each close on their quantity
    // shares the commitment whatever the unit
    const closes = (x: Mention) => /^[\s。；;，,]*$/.test(text.slice(x.end, x.clauseEnd));
    const chained = !!lastAccepted && mt.category !== 'time' && lastAccepted.m.category !== 'percent' && lastAccepted.m.category !== 'time'
      && closes(lastAccepted.m) && closes(mt);
    const inherit = !!lastAccepted && !prev && (lastAccepted.m.category === mt.category || chained) && mt.category !== 'percent'
      && /^[,，;；]\s*$/.test(text.slice(lastAccepted.m.clauseEnd, mt.clauseStart))
      && sentenceStart(text, lastAccepted.m.start) === sentenceStart(text, mt.start);
    // 旅游总收入突破300亿元,年均增长8%左右: a clause without a subject continues the one before
    const adjacent = !!lastAccepted && !prev && /^[,，;；]\s*$/.test(text.slice(lastAccepted.m.clauseEnd, mt.clauseStart))
      && sentenceStart(text, lastAccepted.m.start) === sentenceStart(text, mt.start);
    // 新增监管单位500户（累计约1200户）: a running total in a bracket right after the value counts the same thing
    const totalInBracket = !!lastAccepted && prev === lastAccepted.m && lastAccepted.indicators.length === 1
      && /^[^，,。；;、]{0,3}[(（]\s*(?:累计|总数|总量|共计|合计|总计)(?:约|达到|达|将达到|超过)?\s*$/.test(text.slice(prev.end, mt.start));
    const prevSubject = (adjacent || totalInBracket) && lastAccepted!.indicators.length === 1 ? lastAccepted!.indicators[0] : '';
    // 共涉及25个食品大类、84个食品品种: the next item of a list whose first item is no target is none either
    if (lastRejected && lastRejected.clauseStart === mt.clauseStart && (!lastAccepted || lastAccepted.m.start < lastRejected.start)
      && lastRejected.category === mt.category && /^[^，,。；;:：\d]{1,24}[、和及与]\s*$/.test(text.slice(lastRejected.end, mt.start))) {
      lastRejected = mt;
      continue;
    }
    const result = judge(text, mt, prev, next, period, prevRight, inherit, prevSubject);
    if (!result) { lastRejected = mt; continue; }
    // 农村居民人均可支配收入达到33000元，增幅达到8%: a clause whose subject is only a rate of change (增幅, 增速) measures
    // the subject of the clause before it
    if (adjacent && lastAccepted && lastAccepted.indicators.length === 1 && result.indicators.length === 1 && /^(?:增幅|增速|涨幅|增长率|年均增幅|年均增速)$/.test(result.indicators[0])) {
      result.indicators = [`${lastAccepted.indicators[0].replace(/(?:增长|增幅|增速)$/, '')}${result.indicators[0]}`];
    }
    lastAccepted = { m: mt, ...result };
    if (inherit && !COMMIT_RE.test(text.slice(mt.clauseStart, mt.start))) lastAccepted.inheritKind = true;
    accepted.push(lastAccepted);
  }

  // 3. kinds shared along a list (新建A6条、B900家), deadlines, spans
  let prevKind: TargetKind = 'level';
  for (let i = 0; i < accepted.length; i++) {
    const a = accepted[i];
    const clauseText = text.slice(a.m.clauseStart, a.m.start);
    let kind = a.kind;
    if (kind === 'level' && a.inheritKind) kind = prevKind;
    // 新建和改造农贸市场分别为10个和25个: the second value's kind is its own verb's
    if (a.ownVerb && kind !== 'cumulative' && COMMIT_START_RE.test(a.indicators[0])) kind = 'level';
    if (kind === 'level' && a.m.category !== 'percent') {
      const lead = a.ownVerb && COMMIT_START_RE.test(a.indicators[0]) ? a.indicators[0] : stripLeadForKind(text.slice(a.m.clauseStart, a.m.start));
      if (/^累计/.test(lead) || /累计/.test(clauseText)) kind = 'cumulative';
      // (新增劳动力 is a noun: the new entrants to the labour force)
      else if (/^(?:新(?:增|建|改|创|培育|认定|认证|开工|引进|设)|增加)/.test(lead) && !/^新增劳动力/.test(lead)) kind = 'increment';
    }
    prevKind = kind;
    const sStart = sentenceStart(text, a.m.start);
    const deadline = deadlines.at(a.m.start, sStart, text.slice(a.m.clauseStart, a.m.end));
    let spanStart = Math.max(0, Math.min(a.spanStart, a.m.start));
    while (spanStart < a.m.start && /[\s,，、;；:：和及与]/.test(text[spanStart])) spanStart++;
    const span: [number, number] = [spanStart, Math.min(text.length, Math.max(a.m.end, a.rightEnd))];
    // ranked siblings borrow the first item's words: 初中在评价中获一等奖1所、二等奖1所 → 初中在评价中获二等奖
    const before = i > 0 ? accepted[i - 1] : null;
    if (before && a.indicators.length === 1 && before.indicators.length === 1 && /^[\s\d.%％、个家所名项处座条]*$/.test(text.slice(before.m.end, a.m.start).replace(/[一二三四五六七八九十甲乙丙丁A-D][^\s、，,。；;\d]{1,3}/, ''))) {
      const own = a.indicators[0];
      const prevInd = before.indicators[0];
      const rank = /^([一二三四五六七八九十甲乙丙丁A-D])([^\d]{1,3})$/.exec(own);
      const tail = rank ? prevInd.slice(prevInd.length - own.length) : '';
      if (rank && prevInd.length > own.length + 1 && tail !== own && tail.slice(1) === rank[2] && /^[一二三四五六七八九十甲乙丙丁A-D]$/.test(tail[0])) {
        a.indicators = [prevInd.slice(0, prevInd.length - own.length) + own];
      }
    }
    for (const indicator of a.indicators) {
      const t: Target = { indicator, comparator: a.comparator, value: a.m.value, unit: a.unit ?? a.m.unit, kind, deadline, span };
      if (a.comparator === 'range' && a.m.valueMax !== undefined) t.valueMax = a.m.valueMax;
      out.push(t);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// indicator tables

const CELL_SPLIT_RE = /\s*[|｜]\s*|\t+|[ \u3000]{2,}/;
const NUMERIC_CELL_RE = /^(≥|≤|>=|<=|>|<|＞|＜|约)?\s*(\d+(?:\.\d+)?)\s*(?:[-—~～至]\s*(\d+(?:\.\d+)?))?\s*(%|％|‰)?\s*(以上|以下|左右|以内)?$/;
const YEAR_CELL_RE = /^(\d{4})\s*年?(?:底|末)?\s*(?:目标值?|预期值?|规划值?)?$/;
/** Indicators where the plan caps a value rather than raising it (浓度, 能耗, 失业率): a bare number is a ceiling. */
const LOWER_IS_BETTER_RE = /浓度|能耗|排放量|排放强度|发生率|死亡率|失业率|耗时|用时|时限|事故|不合格率|问题发现率|投诉量/;
const UNIT_IN_CELL_RE = /[(（]([^()（）]{1,8})[)）]\s*$/;

function inRanges(ranges: Array<[number, number]>, pos: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo][0] <= pos;
}

/**
 * Rows of an indicator table written one row a line with cells split by |, tabs or wide spaces:
 * `制造业产品质量合格率(%) | 93.5 | 95 | 预期性`. The target is the last number of the row; the
 * unit comes from the indicator cell or a unit cell; the deadline from a header cell `2025年`.
 * Returns the line ranges that were read as rows.
 */
function tableTargets(text: string, period: TargetContext['period'], deadlines: Deadlines, out: Target[]): Array<[number, number]> {
  const rows: Array<[number, number]> = [];
  if (!/[|｜\t ]|\u3000/.test(text)) return rows;
  let headerYears: Array<number | null> | null = null;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    // cells split by | or tabs or wide spaces; or, in a line without sentence punctuation (an HTML
    // table row the converter joined with single spaces), by any space
    const wide = line.length < 300 && CELL_SPLIT_RE.test(line);
    const narrow = !wide && line.length < 200 && / /.test(line.trim()) && !/[，,。；;：:！？]/.test(line);
    if (line.length > 0 && (wide || narrow)) {
      const cells = line.split(wide ? CELL_SPLIT_RE : /[ \u3000]+/).map((c) => c.trim()).filter((c) => c.length > 0);
      const years = cells.map((c) => { const m = YEAR_CELL_RE.exec(c); return m ? Number(m[1]) : null; });
      // a header names its years (2025年目标); a bare 4-digit cell after numbers is a row's value (专利 1200 | 2000)
      const firstYear = years.findIndex((y) => y != null && y >= 1990 && y <= 2100);
      const header = firstYear >= 0 && (cells.some((c, k) => years[k] != null && /年/.test(c)) || !cells.slice(0, firstYear).some((c) => NUMERIC_CELL_RE.test(c)));
      if (header) {
        headerYears = years;
      } else if (cells.length >= 2) {
        const row = readRow(cells, headerYears);
        if (row) {
          const indicatorAt = line.indexOf(row.indicatorCell);
          const spanStart = lineStart + Math.max(0, indicatorAt);
          const deadline = row.year ?? deadlines.at(spanStart, spanStart, '') ?? (period ? period.endYear : null);
          const t: Target = { indicator: row.indicator, comparator: row.comparator, value: row.value, unit: row.unit, kind: row.kind, deadline, span: [spanStart, lineEnd] };
          if (row.valueMax !== undefined) t.valueMax = row.valueMax;
          out.push(t);
          rows.push([lineStart, lineEnd]);
        }
      }
    } else if (line.trim().length > 0) {
      headerYears = null;
    }
    lineStart = lineEnd + 1;
  }
  return rows;
}

function readRow(cells: string[], headerYears: Array<number | null> | null): {
  indicator: string; indicatorCell: string; comparator: Comparator; value: number; valueMax?: number; unit: string; kind: TargetKind; year: number | null;
} | null {
  // [序号] 指标 [单位] 数值… [属性]
  let i = 0;
  if (/^\d{1,3}[.、]?$/.test(cells[0]) || /^[一二三四五六七八九十]{1,3}[、.]?$/.test(cells[0])) i++;
  // a category cell before the indicator (产品质量 | 制造业产品质量合格率(%) | …)
  let ind = -1;
  for (let k = i; k < cells.length; k++) {
    if (NUMERIC_CELL_RE.test(cells[k])) break;
    if (ind >= 0 && normalizeUnitLoose(cells[k]) !== null) break; // a unit cell after the indicator
    if (/[\u4e00-\u9fa5]/.test(cells[k]) && !/^(?:预期性|约束性|指导性)$/.test(cells[k])) ind = k;
  }
  if (ind < 0) return null;
  let unit = '';
  let indicator = cells[ind];
  const um = UNIT_IN_CELL_RE.exec(indicator);
  if (um) {
    const u = normalizeUnitLoose(um[1]);
    if (u !== null) { unit = u; indicator = indicator.slice(0, um.index).trim(); }
  }
  let k = ind + 1;
  if (k < cells.length && !NUMERIC_CELL_RE.test(cells[k])) {
    const u = normalizeUnitLoose(cells[k]);
    if (u !== null) { unit = u; k++; }
  }
  let last: RegExpExecArray | null = null;
  let lastCol = -1;
  let numbers = 0;
  for (; k < cells.length; k++) {
    const m = NUMERIC_CELL_RE.exec(cells[k]);
    if (m) { last = m; lastCol = k; numbers++; continue; }
    if (/^(?:预期性|约束性|指导性|—|-|\/)$/.test(cells[k])) continue;
    break;
  }
  if (!last) return null;
  const attribute = cells.some((c) => /^(?:预期性|约束性|指导性)$/.test(c));
  if (numbers < 2 && !attribute && !headerYears) return null;
  if (indicator.length < 2 || indicator.length > 40) return null;
  const value = Number(last[2]);
  const valueMax = last[3] !== undefined ? Number(last[3]) : undefined;
  if (last[4]) unit = last[4] === '‰' ? '‰' : '%';
  let comparator: Comparator = '>=';
  const sign = last[1];
  if (sign === '≤' || sign === '<=') comparator = '<=';
  else if (sign === '>' || sign === '＞') comparator = '>';
  else if (sign === '<' || sign === '＜') comparator = '<';
  else if (sign === '约') comparator = '~';
  if (last[5] === '以下' || last[5] === '以内') comparator = '<=';
  else if (last[5] === '左右') comparator = '~';
  if (valueMax !== undefined && valueMax > value) comparator = 'range';
  else if (!sign && !last[5] && LOWER_IS_BETTER_RE.test(indicator)) comparator = '<=';
  let year: number | null = null;
  if (headerYears) {
    const offset = headerYears.length - cells.length;
    const y = headerYears[lastCol + offset];
    year = y ?? Math.max(...headerYears.filter((x): x is number => x != null));
  }
  const kind: TargetKind = /累计/.test(indicator) ? 'cumulative' : /^(?:新增|新建)/.test(indicator) ? 'increment' : 'level';
  return { indicator, indicatorCell: cells[ind], comparator, value, ...(comparator === 'range' ? { valueMax } : {}), unit, kind, year: Number.isFinite(year) ? year : null };
}

/** A unit written in a table cell or bracket: %, 家, 万元/人, 微克/立方米. Null when it is not one. */
function normalizeUnitLoose(raw: string): string | null {
  const t = raw.replace(/\s+/g, '');
  if (t === '') return null;
  const mult = /^[万亿千百]/.test(t) && t.length > 1 ? t[0] : '';
  const rest = mult ? t.slice(1) : t;
  const u = matchUnitAt(rest, 0);
  if (!u || u.length !== rest.length) return null;
  return mult + u.unit;
}

function stripLeadForKind(s: string): string {
  return s.replace(/^[\s,，、]+/, '')
    // list markers: (1) 1. ① 一是
    .replace(/^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]是)\s*/, '')
    .replace(/^(?:(?:到|至|力争到|争取到)\s*)?\d{4}\s*年(?:底|末)?[,，]?/, '')
    .replace(/^(?:其中|力争|争取|确保|全区|全县|全市|全镇|全年|每年|年内|当年|今年|计划|[一二三两五]年内)+/, '');
}

interface Judged {
  comparator: Comparator;
  kind: TargetKind;
  indicators: string[];
  spanStart: number;
  rightEnd: number;
  /** Indicators still waiting for their values (A和B分别达到95%和90%). */
  pending?: string[];
  /** The unit when the clause gives it a basis: 达到每千人5批次 → 批次/千人. */
  unit?: string;
}

function judge(
  text: string,
  mt: Mention,
  prev: Mention | null,
  next: Mention | null,
  period: TargetContext['period'],
  prevRightEnd: number,
  inherit = false,
  prevSubject = '',
): Judged | null {
  const { unit, category, value } = mt;
  // years and dates are never quantities of a target
  if (category === 'time' && (unit === '年' || unit === '月' || unit === '日') && (value >= 1900 || (mt.valueMax ?? 0) >= 1900)) return null;
  if (category === 'time' && (unit === '个月' || unit === '月' || unit === '日' || unit === '周' || unit === '秒')) return null;
  if (unit === '工作日' || unit === '个工作日') {
    // 10个工作日内作出决定 is a rule's procedural limit; a plan committing to shorten a time
    // (企业开办时间压缩至0.5个工作日, 审批时限缩短2个工作日) states a target
    const l = text.slice(Math.max(mt.clauseStart, mt.start - 30), mt.start);
    if (!/(?:压缩|缩短|压减|减少|降低|下降|降|减|缩减)(?:至|到)?$|控制在$|(?:不超过|不多于|不高于|少于|低于)$/.test(l)) return null;
    if (/之日起|日起|收到|受理后|接到|申请后|应当|应于|应在|须在|须于|不得/.test(text.slice(sentenceStart(text, mt.start), mt.start))) return null;
  }
  // rankings (前3名) are not quantities of a target
  if (/[前后]$/.test(text.slice(Math.max(0, mt.start - 1), mt.start)) && (unit === '名' || unit === '位')) return null;
  // 一批, 一次, 一个 (but 一万件, 一千家: a multiplier makes it a quantity)
  if (mt.chinese && value === 1 && !mt.postComparator && !/^[十百千万亿]/.test(unit)) return null;
  // 目录每2年更新1次: a schedule, not a target (每年开展…不少于2次, with its comparator, is one)
  if ((unit === '次' || unit === '轮' || unit === '遍') && !mt.postComparator
    && /每\s*[0-9一二两三四五六七八九十]*\s*个?(?:年|季度|季|月|半年|周|天|日)[\u4e00-\u9fa5]{0,4}$/.test(text.slice(Math.max(mt.clauseStart, mt.start - 14), mt.start))) return null;
  const afterUnit = text[mt.end];
  if (afterUnit === '是' || afterUnit === '大') return null;
  // 总计70余人参加 (会议): who attended, not a target
  if (/^(?:人|名|位|人次)$/.test(unit.replace(/^余/, '')) && /^(?:参加|出席|参会|列席|与会|到会)/.test(text.slice(mt.end, mt.end + 2))) return null;
  // 分解为五个方面79项重点任务, (分解任务15项): the count of a document's own items, not a target
  if ((unit === '项' || unit === '条' || unit === '个') && !mt.postComparator
    && /(?:分解|分为|分成|细化为|细化成)(?:任务|为|成)?[\u4e00-\u9fa5“”"《》〈〉]{0,12}$/.test(text.slice(Math.max(mt.clauseStart, mt.start - 20), mt.start))) return null;

  // 省直10部门《关于印发…》, 9部门联合印发: a count of the bodies that issued a document names them
  if (/^\s*(?:个)?(?:部门|部委|单位)(?:联合|共同)?(?:[《〈<]|印发|发布|制定|出台)/.test(text.slice(mt.numEnd, mt.numEnd + 12))) return null;
  // (县市场监管局等5部门负责, 涉及十余部门): the count of the units a list names or a report mentions, not a target
  if (/(?:等|涉及|包括|共有|共)\s*$/.test(text.slice(Math.max(0, mt.start - 3), mt.start)) && /^\s*余?(?:个|家)?(?:部门|部委|单位|成员单位)/.test(text.slice(mt.numEnd, mt.numEnd + 6))) return null;
  // 明确了包括…在内的57项重点工作: the count of what a document lists, not a target
  if (/在内的\s*$/.test(text.slice(Math.max(0, mt.start - 4), mt.start))) return null;
  const sStart = sentenceStart(text, mt.start);
  if (insideQuote(text, sStart, mt.start)) return null;
  // scoring weights (25分), numbers in a bracket that is not an indicator's own
  if (category === 'score' && (text[mt.start - 1] === '(' || text[mt.start - 1] === '（') ) return null;

  // after a list item written number-first (培育2家上市企业、3家领军企业), the next item starts after its name
  const clauseStart = prev ? Math.min(mt.start, Math.max(prev.end, prevRightEnd)) : mt.clauseStart;
  const fullLeft = text.slice(mt.clauseStart, mt.start);
  let left = text.slice(clauseStart, mt.start).replace(/\s+$/, '');
  // an item's own number at the start of its line (5、城镇登记失业率…) is no part of what it names
  if (clauseStart === 0 || text[clauseStart - 1] === '\n') left = left.replace(/^[\s\u3000]*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、．.](?!\d)[\s\u3000]*/, '');
  // a value inside a bracket (…500户(累计约1200户)) reads only the bracket's own words
  {
    const open = Math.max(left.lastIndexOf('('), left.lastIndexOf('（'));
    if (open >= 0 && left.indexOf(')', open) < 0 && left.indexOf('）', open) < 0 && /\d/.test(left.slice(0, open))) left = left.slice(open + 1);
  }
  const sentenceLeft = text.slice(sStart, mt.start);
  const clauseText = text.slice(mt.clauseStart, mt.clauseEnd);

  // 所有建制乡镇医院2名全科医生全覆盖(17个乡镇34名), 遗传代谢病筛查全覆盖(5000人): a bracket that counts what the
  // clause before it covers; its first count is the scope (17个乡镇), its last the number committed to
  const cov = coverageBracket(text, mt);
  if (cov === 'scope') return null;
  if (cov) {
    if (rejectedByContext(text, mt, fullLeft, sentenceLeft, clauseText, period)) return null;
    return { comparator: '>=', kind: 'level', indicators: [cov], spanStart: mt.clauseStart, rightEnd: -1 };
  }

  // a basis written between the comparator and the number: 达到每千人5批次, 提高到每年3万台
  let basis = '';
  const bm = /每(?:年|季度|月|(?:十|百|千|万|十万|百万|千万)?人口?|户|家|平方公里)$/.exec(left);
  if (bm && bm.index > 0) { basis = bm[0]; left = left.slice(0, bm.index).replace(/\s+$/, ''); }
  // a per-capita basis is part of the unit: 抽检量达到每千人5批次 → 5 批次/千人
  let unitOut: string | undefined;
  if (basis && /人口?$/.test(basis) && basis !== '每人' && (category === 'count' || category === 'measure' || category === 'money') && !unit.includes('/')) {
    unitOut = `${unit}/${basis.slice(1).replace(/口$/, '')}`;
    basis = '';
  }
  // a multiple of a baseline: 扩大到2020年的1.5倍, 达到全省平均水平的1.2倍
  if (unit === '倍' || category === 'percent') {
    const rel = /(?:\d{4}\s*年(?:底|末)?|上年|上一年|全国|全省|全市|全区|全县)(?:平均水平|平均值|水平)?的$/.exec(left);
    if (rel && rel.index > 0 && preComparator(left.slice(0, rel.index).replace(/\s+$/, ''))) left = left.slice(0, rel.index).replace(/\s+$/, '');
  }
  // 由2020年的85提高到2025年的88: the year between the verb and the value is when the value is due
  {
    const due = /((?:19|20)\d{2})\s*年(?:底|末)?的$/.exec(left);
    if (due && unit !== '倍' && /(?:到|至)\s*$/.test(left.slice(0, due.index)) && preComparator(left.slice(0, due.index).replace(/\s+$/, ''))) left = left.slice(0, due.index).replace(/\s+$/, '');
  }
  // the comparator before the number; also 至少组织2次, 不少于举办3场 (the verb then belongs to the indicator)
  let pre = preComparator(left);
  let verbFirst = false;
  if (!pre) {
    // 至少配备2名: a floor on whatever the verb does
    const cm = /(至少|最少|不少于|不低于)([\u4e00-\u9fa5]{1,4})$/.exec(left);
    if (cm && (COMMIT_RE.test(cm[2]) || /^(?:至少|最少)$/.test(cm[1]) && cm[2].length <= 2)) {
      left = left.slice(0, cm.index) + cm[2];
      pre = { word: '', comparator: '>=', kind: 'level' };
      // 每个乡镇至少配备2名专职协管员: the counted thing follows the number
      verbFirst = /^[\u4e00-\u9fa5“]{2}/.test(text.slice(mt.end, mt.clauseEnd).replace(/^的/, ''));
    }
  }
  // 渔业产值占农业产值的30%: a share, stated as a floor
  if (!pre && category === 'percent' && /占[^，,。；;占]{2,24}的$/.test(left)) {
    left = left.slice(0, -1).replace(/(?:将|要|应|需)(?=占)/, '');
    pre = { word: '', comparator: '>=', kind: 'level' };
  }
  let comparator: Comparator = '>=';
  let kind: TargetKind = 'level';
  let keepVerb = '';
  if (pre) {
    if (pre.word) left = left.slice(0, -pre.word.length).replace(/\s+$/, '');
    comparator = pre.comparator;
    if (pre.kind === 'increment') {
      // 提高到 is a level; 提高5% / 提高2个百分点 / 新增10家 are increments
      kind = 'increment';
      if (/^(?:提高|提升|下降|降低|减少|缩短|压减|压缩|扩大|削减)$/.test(pre.word)) keepVerb = pre.word;
    } else if (pre.kind === 'growth') {
      keepVerb = pre.word;
    }
  }
  // 合格率分别为97.3%、96.3%: the copula states a fact unless a plan's horizon is in view (a period,
  // or a forward-looking word in the sentence or its paragraph)
  if (pre && pre.word === '为' && !period) {
    FUTURE_RE.lastIndex = 0;
    const [ps, pe] = lineBounds(text, mt.start, 600);
    if (!FUTURE_RE.test(text.slice(ps, pe)) && !/目标|指标|将|要|预期|计划/.test(text.slice(ps, pe))) return null;
  }
  // 合格率为96%,到2025年提高到98%: the first value is where the plan starts from
  if (pre && pre.word === '为' && /(?:到|至)\s*\d{4}\s*年/.test(text.slice(mt.end, sentenceEnd(text, mt.end)))) return null;
  if (mt.valueMax !== undefined) comparator = 'range';
  else if (mt.postComparator) {
    comparator = mt.postComparator;
    if (pre && pre.comparator === '<' && mt.postComparator === '<=') comparator = '<';
    if (pre && pre.comparator === '~') comparator = '~';
  }
  const hasQualifier = !!mt.postComparator || mt.valueMax !== undefined;
  // PM2.5年均浓度30微克/立方米 (no word for the direction): a ceiling
  const ceilingByName = (!pre || pre.word === '为') && !hasQualifier && LOWER_IS_BETTER_RE.test(left.slice(-16));
  if (ceilingByName) comparator = '<=';
  // (分别为 hands values to a list of indicators: a statement of targets)
  const hasComparatorWord = !!pre && pre.kind === 'level' && (!['为', '在', '均在', '超'].includes(pre.word) || (pre.word === '为' && /分别\s*$/.test(left)));

  // 产品质量合格率：95%以上 — the name stands before a colon
  let colonName = '';
  let colonStart = -1;
  if (left.trim() === '' && (text[mt.clauseStart - 1] === ':' || text[mt.clauseStart - 1] === '：') && !prev) {
    const before = text.slice(Math.max(sStart, mt.clauseStart - 41), mt.clauseStart - 1);
    let cut = -1;
    for (let k = before.length - 1; k >= 0; k--) if (CLAUSE_BREAK.has(before[k])) { cut = k; break; }
    const name = stripLead(before.slice(cut + 1).replace(/^[\s—–-]+/, ''));
    if (name.length >= 2 && /[\u4e00-\u9fa5]/.test(name) && !/电话|邮箱|地址|联系|日期|时间|文号|索引|邮编|传真/.test(name)) {
      colonName = capIndicator(name);
      colonStart = Math.max(0, mt.clauseStart - 1 - name.length);
    }
  }

  // 综合差异系数，小学控制在0.50以内、初中控制在0.45以内: a short subgroup whose indicator is
  // named by the clause before (without a number of its own)
  let topic = '';
  const coreLeft = stripLead(stripTrail(left.replace(/[各均]$/, '')));
  if (!colonName && coreLeft.length >= 1 && coreLeft.length <= 4 && sStart < mt.clauseStart && /[,，:：]/.test(text[mt.clauseStart - 1] ?? '')) {
    const pcStart = startAfterBreak(IDX!.clauseBreaks, mt.clauseStart - 1, sStart);
    const pc = stripLead(stripTrail(text.slice(pcStart, mt.clauseStart - 1)));
    if (pc.length >= 2 && pc.length <= 40 && !/[0-9０-９]/.test(pc) && (RATE_SUFFIX_RE.test(pc) || UNITLESS_SUFFIX_RE.test(pc))) topic = capIndicator(pc);
  }
  // 综合差异系数小学、初中分别低于0.5、0.45: the indicator heads a list of subgroups
  const respective = respectiveHead(left);

  // time units: only with an explicit comparison (办理时限压缩至3天), or 15分钟…圈
  if (category === 'time') {
    const circle = /^[\s”"]*[\u4e00-\u9fa5]{0,6}圈/.exec(text.slice(mt.end, mt.end + 10));
    if (unit === '分钟' && circle && !pre) {
      comparator = '<=';
      const tail = circle[0].replace(/^[\s”"]+/, '');
      const base = stripTrail(stripLead(left.replace(/[“"]$/, '')));
      const ind = capIndicator(stripLead(base.replace(/(?:基本建成|建成|打造|形成|构建)$/, '')) + tail);
      if (ind.length < 2) return null;
      if (rejectedByContext(text, mt, fullLeft, sentenceLeft, clauseText, period)) return null;
      return { comparator, kind: 'level', indicators: [ind], spanStart: clauseStart, rightEnd: -1 };
    }
    // 优良天数310天左右, 平均办理时间2小时以内: an indicator that names a duration takes a qualifier alone
    const durationName = /(?:天数|日数|时间|时长|时限|用时|耗时|周期|年限|寿命)$/.test(stripTrail(left)) && (hasQualifier || hasComparatorWord);
    if (unit !== '工作日' && unit !== '个工作日' && !durationName && (!hasComparatorWord || mt.postComparator === '<=' && /内$/.test(mt.postWord))) {
      if (!(pre && pre.comparator === '<=')) return null;
    }
    if (pre && pre.kind !== 'level' && !(pre.comparator === '>=' && /缩短|压缩|压减/.test(pre.word))) return null;
    if (unit === '年' && (mt.chinese || !hasComparatorWord)) return null;
  }
  if (category === 'none') {
    // a value without a unit: an index or a score (满意度达到85, 指数达到86)
    if (!pre || pre.kind !== 'level' || !hasComparatorWord) return null;
    // …or a rate on a base of its own (万台特种设备死亡率控制在0.1以下, 亿元GDP生产安全事故死亡率)
    const perBase = PER_BASE_RATE_RE.test(stripTrail(left)) && value < 1000;
    // (指数由2020年的85提高到88: the starting value is no part of the name)
    const named = stripTrail(left.replace(/(?:由|从)[^由从]*\d[^由从]*$/, ''));
    if (!perBase && !mt.ratio && !UNITLESS_SUFFIX_RE.test(stripTrail(left)) && !UNITLESS_SUFFIX_RE.test(named) && !UNITLESS_SUFFIX_RE.test(topic) && !(respective && UNITLESS_SUFFIX_RE.test(respective.head))) return null;
    if (value >= 1900 && value <= 2100 && Number.isInteger(value)) return null;
  }
  // a score needs a comparison or a change (满意度测评得分提高3分); (25分) alone is a weight
  if (category === 'score' && !hasComparatorWord && !hasQualifier && !(pre && pre.kind === 'increment' && keepVerb) && !(colonName && UNITLESS_SUFFIX_RE.test(colonName))) return null;
  // a budget the plan commits: 安排地方专项债券4000亿元, 公路投资1.65万亿元 (an amount of investment, bonds or deficit
  // stands for itself; 安排 allots it)
  const budget = category === 'money' && (/安排/.test(fullLeft) || BUDGET_NAME_RE.test(stripTrail(left)));
  // 一、重点民生实事项目: / 3、孕产妇免费产前筛查5000人: an item of a list the plan commits to as a whole
  const listed = (category === 'count' || category === 'money') && listedCommitment(text, mt.start);
  if (category === 'money' && !hasComparatorWord && !hasQualifier && !COMMIT_RE.test(fullLeft) && !inherit && !budget && !listed) return null;

  // Chinese numerals need a commitment right before them (新增三家, 不少于两个) or a qualifier
  if (mt.chinese) {
    if (!hasQualifier && !hasComparatorWord && !(pre && pre.kind === 'increment')) {
      const justBefore = text.slice(Math.max(clauseStart, mt.start - 4), mt.start);
      // 新增国家级专精特新企业三家: a clause opened by a verb of creation and closed by the count
      // 完成治理项目三十个, 培训经营户三百人次: any commitment verb, when the count closes the clause
      const lead = stripLeadForKind(fullLeft).replace(/^(?:力争|争取|确保)/, '');
      const closes = /^[\s、，,;；。]*$/.test(text.slice(mt.end, mt.clauseEnd));
      // (申报材料一式三份: the verb opens a noun, the count is of copies)
      const opened = (/^(?:新增|新建|累计|培育|创建|建成|打造|引进|新培育|认定)/.test(lead)
        || (closes && COMMIT_START_RE.test(lead) && !/^[\u4e00-\u9fa5]{2}(?:材料|对象|结果|情况|方式|要求|办法|程序)/.test(lead)))
        && !/一式$/.test(text.slice(Math.max(0, mt.start - 2), mt.start))
        && mt.category === 'count' && mt.value >= 2;
      if (!opened && !/(?:新增|新建|培育|创建|建成|打造|争创|引进|认定|建设|完成|累计|评选|选树|设立)$/.test(justBefore)) return null;
    }
    if (text[mt.end] === '“' || text[mt.end] === '"') {
      // 三个“一号工程” names a thing; 三个“15分钟政务服务圈”示范区 counts what the quote qualifies
      const close = text.indexOf(text[mt.end] === '“' ? '”' : '"', mt.end + 1);
      const head = close > 0 && close < mt.clauseEnd ? text.slice(close + 1, mt.clauseEnd) : '';
      if (!COUNTED_HEAD_RE.test(head)) return null;
    }
  }

  // a count whose object follows the measure word: after a verb (扶持发展40家…企业), or before the
  // clause's own predicate (每年面向1500名基层检验人员开展技能培训)
  const rightText = text.slice(mt.end, Math.min(mt.clauseEnd, mt.end + MAX_RIGHT));
  const objectAfter = (category === 'count' || (budget && /安排\s*$/.test(left))) && !colonName && !CLAUSE_BREAK.has(text[mt.end] ?? '') && /^[\s的]*[\u4e00-\u9fa5“]/.test(rightText)
    && !/^(?:以上|以下|左右|以内|是|的[\s，,。；;]|次)/.test(rightText);
  const leftBare = stripLead(left.replace(/[各均]$/, ''));
  // (批筹建成｜1—2个国家质检中心: a commitment verb the tagger split wrongly, 筹建/成, still ends the text)
  const countedAfterVerb = objectAfter && leftBare.length >= 2 && !onlyVerbs(leftBare) && (endsInVerb(left.replace(/[各均]$/, '')) || COMMIT_END_RE.test(left.replace(/[各均\s]+$/, '')));
  // …抽检23.5万批次，共涉及25个食品大类: a clause with a verb of its own (not a commitment) is no
  // continuation of the committed clause before it
  if (inherit && countedAfterVerb && !COMMIT_RE.test(fullLeft)) return null;
  let objectFirst = false;
  if (objectAfter && !countedAfterVerb && /(?:面向|针对|为|对|向|帮助|带动)$/.test(leftBare)) {
    const obj = countedObject(rightText.replace(/^[\s的]+/, ''));
    // (对1万户特困户的危房改造进行补助: 进行 / 给予 / 予以 before the verb of the work)
    objectFirst = obj.phrase.length >= 2 && (COMMIT_START_RE.test(obj.predicate) || /^(?:进行|给予|予以)[\u4e00-\u9fa5]{2}/.test(obj.predicate));
  }
  // 到2025年底前，全市首批100个示范社区全面建成: a count that is the subject of an achievement due by a
  // date the sentence sets (a report of the past has no such date, or says 了, which is rejected later)
  if (objectAfter && !countedAfterVerb && !objectFirst && SUBJECT_SCOPE_RE.test(leftBare) && DUE_RE.test(sentenceLeft)) {
    const obj = countedObject(rightText.replace(/^[\s的]+/, ''));
    let { phrase, predicate } = obj;
    if (!predicate) {
      // the clause ends in its predicate: 示范社区全面建成
      const k = phrase.search(ACHIEVED_IN_RE);
      if (k >= 2) { predicate = phrase.slice(k); phrase = phrase.slice(0, k); }
    }
    objectFirst = phrase.length >= 2 && ACHIEVED_RE.test(predicate);
  }

  // 认证产品80%纳入可追溯范围, 重点企业90%以上实现信息化管理: the share of a group that the predicate after the
  // number is true of (the group before the number, no verb of its own)
  const sharePredicate = category === 'percent' && !hasComparatorWord && !pre && /[\u4e00-\u9fa5”]$/.test(left)
    ? /^(?:以上|以下)?(纳入|实现|达到|通过|采用|执行|应用|使用|建立|开展|接入|完成)([\u4e00-\u9fa5“”]{2,14}?)(?=[，,。；;\s]|$)/.exec(text.slice(mt.end, mt.clauseEnd))
    : null;
  // is there a commitment at all?
  const rateLeft = RATE_SUFFIX_RE.test(stripTrail(left.replace(/[各均]$/, ''))) || RATE_SUFFIX_RE.test(colonName) || RATE_SUFFIX_RE.test(topic)
    || (!!respective && RATE_SUFFIX_RE.test(respective.head));
  if (category === 'percent') {
    const rightWord = /^[\s”]*(?:全覆盖|覆盖|达标|合格|完成|落实|以上的|的)/.test(text.slice(mt.end, mt.end + 6)) || !!sharePredicate;
    // (村庄整治任务完成85%: the share of a task done)
    const doneShare = /任务完成$/.test(stripTrail(left));
    if (!hasComparatorWord && !hasQualifier && !rateLeft && !rightWord && !doneShare && !(pre && pre.kind !== 'level')) return null;
  } else if (!hasComparatorWord && !hasQualifier && !(pre && pre.kind !== 'level') && !(ceilingByName && category === 'measure')) {
    // 其中国家级2家: a breakdown of a count the sentence committed to before
    const breakdown = /^\s*其中/.test(fullLeft) && COMMIT_RE.test(sentenceLeft);
    // 每万人口高价值发明专利拥有量17件 in a sentence due by a date: a quantity named by its noun, then its value
    // (the date may open the paragraph's first sentence: 到2025年，质量整体水平…。…拥有量17件)
    const quantityNamed = QUANTITY_NOUN_RE.test(stripTrail(left)) && DUE_RE.test(text.slice(text.lastIndexOf('\n', mt.start) + 1, mt.start)) && /^[\s。；;，,]*$/.test(text.slice(mt.end, mt.clauseEnd));
    if (!COMMIT_RE.test(fullLeft) && !rateLeft && !breakdown && !inherit && !objectFirst && !budget && !listed && !quantityNamed) return null;
  }
  // a threshold that defines whom a measure covers (年主营业务收入2000万元以上的企业) is no target
  if ((category === 'money' || category === 'measure') && mt.postComparator && /^[的]?[\u4e00-\u9fa5]/.test(text.slice(mt.end, mt.end + 2))
    && /(?:收入|产值|营收|投资|投资额|资本|规模|销售额|纳税|税收|纳税额|资产|面积|用地)$/.test(stripTrail(left))) return null;

  // a quantity that qualifies the indicator of the next value (60岁以上老年人健康管理率达到70%,
  // 年营业收入2000万元以上的企业达到50家) is part of that indicator
  // (新增500户(累计约1200户): a bracket after the value holds a second value of its own, no qualifier)
  if (next && next.start > mt.end && !/[、,，;；和及与(（]/.test(text.slice(mt.end, next.start))
    && (preComparator(text.slice(mt.clauseStart, next.start).replace(/\s+$/, ''))
      // 新引进10亿元以上项目20个: a bracket of size naming what the next number counts
      || (mt.postComparator && /[\u4e00-\u9fa5]/.test(text[mt.end] ?? '') && !/^[的]?(?:企业|单位)?(?:达到|超过)/.test(text.slice(mt.end, mt.end + 4))))) return null;
  // 5000万元以上企业, 1万平方米以上项目, 产值超10亿元企业: a size class of what follows, not a target
  if ((category === 'money' || category === 'measure') && (mt.postComparator || (pre && /^(?:超|超过)$/.test(pre.word)))
    && /^(?:[、和及与]\s*\d+(?:\.\d+)?[万亿]?[\u4e00-\u9fa5]{0,2}?(?=[、和及与的]))*的?[\u4e00-\u9fa5]{0,4}(?:企业|项目|单位|工程|产业|集群|商户|客户|园区|楼宇)/.test(text.slice(mt.end, mt.end + 30))) return null;
  // 东城区、西城区50%的城市社区建成…: the share of the subjects in the places named before that reach
  // what the clause says
  const placeShare = category === 'percent' && text[mt.end] === '的' && PLACES_RE.test(stripTrail(left))
    && ACHIEVED_IN_RE.test(text.slice(mt.end, mt.clauseEnd)) && DUE_RE.test(sentenceLeft);
  // 200亩的产业园: an attribute of what follows, unless the clause opens with the verb (建成3个以上的示范点)
  if (text[mt.end] === '的' && !placeShare && !onlyVerbs(stripLead(left.replace(/[各均]$/, ''))) && !/等$/.test(left)) return null;

  // the starting point of a change (由2020年的92%提高到96%) is no target
  if (/(?:由|从)[^由从，,]*$/.test(left) && /^\s*(?:提高|提升|增加|增长|下降|降低|减少|降|增|扩大|缩小|上升)?(?:到|至)/.test(text.slice(mt.end, mt.end + 6))) return null;

  // the indicator: before the number (合格率达到95%), else after it (培育2家上市企业)
  let indicators: string[];
  let rightEndOut = -1;
  let respectively = false;
  const leftCore = left.replace(/[各均]$/, '');
  // 建成闽江等4条美丽河湖: examples before the count, the counted thing after it
  const examplesFirst = /等$/.test(leftCore) && /^[\s的]*[\u4e00-\u9fa5“]/.test(text.slice(mt.end, mt.end + 3)) && !CLAUSE_BREAK.has(text[mt.end]);
  // 扶持发展40家以上绿色食品加工企业, 在全区挑选2-4个特色产业集群: the text before the number ends
  // in a verb, so the count is of the verb's object, which follows the measure word
  // 再解决贫困地区1万户、4万人扶贫搬迁建房问题: counts listed one after another share the noun after the last
  const sharedNoun = !!next && category === 'count' && next.category === 'count' && /^\s*[、和及与]\s*$/.test(text.slice(mt.end, next.start))
    && COMMIT_RE.test(fullLeft) && !RATE_SUFFIX_RE.test(stripTrail(leftCore)) && !QUANTITY_NOUN_RE.test(stripTrail(leftCore))
    && /^[\s的]*[\u4e00-\u9fa5“]{2}/.test(text.slice(next.end, next.clauseEnd));
  const numberFirst = !colonName && (countedAfterVerb || objectFirst || placeShare || sharedNoun);
  // 省级财政拟安排超过100亿元资金用于…: the money is the budget the text before names, not what it is spent on
  const fund = category === 'money' ? /^(?:专项|引导)?(?:资金|经费)(?=用于|投入|支持|[，,。；;]|$)/.exec(text.slice(mt.end, mt.end + 6)) : null;
  const fundOwner = fund ? stripLead(leftCore.replace(/(?:超过|不少于|不低于|达到|约|逾)\s*$/, '')) : '';
  if (fund && fundOwner.length >= 2 && /(?:安排|投入|筹集|统筹|争取|整合)$/.test(fundOwner)) {
    indicators = [capIndicator(fundOwner + fund[0])];
  } else if (colonName) {
    indicators = [colonName];
  } else if (onlyVerbs(stripLead(leftCore)) || onlyVerbs(leftCore) || examplesFirst || verbFirst || numberFirst
    // 城区再新建1个农贸市场: only a place and an adverb before the verb, the counted thing after the count
    || (objectAfter && pre?.kind === 'increment' && SUBJECT_SCOPE_RE.test(stripLead(leftCore)))) {
    // the name runs to the clause end, or to the next list item (、3家领军企业)
    const nextInList = next && /[、和及与]\s*$/.test(text.slice(mt.end, next.start));
    // …或 to the next item of a list of commitments (命名10个质量强镇、认定30家…)
    const nextVerbItem = next && !nextInList ? NEXT_VERB_ITEM_RE.exec(text.slice(mt.end, next.start)) : null;
    const rightEnd = Math.min(nextInList && next ? next.start : nextVerbItem ? mt.end + nextVerbItem.index : mt.clauseEnd, mt.end + MAX_RIGHT);
    let right = sharedNoun ? text.slice(next!.end, Math.min(next!.clauseEnd, next!.end + MAX_RIGHT)) : text.slice(mt.end, rightEnd);
    // (a bracket of responsible units after the counted noun: …建房问题(省扶贫办、财政厅))
    right = right.replace(/[(（](?:[\u4e00-\u9fa5]{2,20}?(?:局|委|办|厅|部|院|政府|中心|公司|集团|分行|支行)[、，,]?)+[)）]\s*[。；;]?$/, '');
    right = right.replace(/^[\s的]+/, '').replace(/[\s、,，和及与以及]+$/, '').replace(/(?:创建|等)$/, '');
    // the noun phrase the count counts: up to the clause's own predicate, without a long 的-modifier
    if (category === 'count' && /[的、，,]|[\u4e00-\u9fa5]{6}/.test(right)) {
      const obj = countedObject(right);
      // (引导30家企业开展…试点工作: a bare 企业 is named by what it does)
      // (组织50名企业负责人参加质量培训: people are counted by what they take part in)
      const people = /^(?:名|人|人次|位)$/.test(unit);
      if (obj.phrase.length >= 2) right = objectFirst ? obj.phrase + obj.predicate.replace(/^(?:开展|进行|给予|予以)/, '') : obj.phrase.length < 4 || people ? obj.phrase + obj.predicate : obj.phrase;
      // (解决1万名农村劳动力就业问题: the problem solved is named without 问题)
      if (/解决/.test(fullLeft) && /[\u4e00-\u9fa5]{2}问题$/.test(right)) right = right.slice(0, -2);
    }
    let ind = capIndicator(right);
    if (ind.length < 2 && pre && pre.kind === 'level' && sStart < mt.clauseStart) {
      // 目前合格率为90%,到2025年提高到95%: the subject of the sentence's earlier clause
      const earlier = text.slice(sStart, mt.clauseStart);
      const sm = /([\u4e00-\u9fa5A-Za-z0-9.()（）]{2,30}?(?:率|比例|比重|占比|满意度|指数|总量|数量))(?:为|是|由|从|达|已达|仅)/.exec(earlier);
      if (sm) ind = capIndicator(stripLead(sm[1].replace(/^(?:目前|当前|现阶段|现在)/, '')));
    }
    if (ind.length < 2 && pre && pre.kind === 'level' && !prevSubject && sStart < mt.clauseStart && /^[\s、，,;；。]*(?:累计|总数|总量)?$/.test(left)) {
      // 高新技术企业数量翻一番，达到200家 / 培育专精特新企业，累计达到100家: the clause before, with no number of
      // its own, names what is counted (a verb of growth or of fostering around a noun)
      const last = (text.slice(sStart, mt.clauseStart).replace(/[，,；;\s]+$/, '').split(/[，,；;]/).pop() ?? '').replace(/(?:比|较|相比)\s*\d{4}\s*年(?:底|末)?/, '');
      const em = /^(?:年均|每年|力争|持续|加快|大力|积极)?(培育|引进|发展|创建|认定|新增|建设|打造)?([\u4e00-\u9fa5“”]{2,24}?)(?:实现|力争|将)?(翻一番|翻番|持续增加|持续增长|稳步增长|大幅增加|明显增加|不断增加|稳步提升|持续提升|快速增长)?$/.exec(last);
      if (em && (em[1] || em[3]) && !/\d/.test(last)) ind = capIndicator(em[2]);
    }
    if (ind.length < 2 && pre && prevSubject && /^[\s、，,;；。]*(?:(?:比|较|相比)\s*\d{4}\s*年(?:底|末)?)?$/.test(left)) {
      ind = capIndicator(prevSubject.replace(/(?:年均增长|年平均增长|增长|增速|提高|提升|下降|降低|减少)$/, '') + keepVerb);
    } else if (ind.length < 2 && pre && prevSubject && /^[\s、，,;；。]*累计$/.test(left)) {
      // 年均培育专精特新企业20家，累计达到100家: the running total of what the clause before adds each year
      ind = capIndicator(prevSubject.replace(/^(?:年均|每年|年度)?(?:新增|新培育|培育|引进|新建|创建|认定)?/, '').replace(/(?:年均|每年)?(?:增加|新增)?$/, ''));
    }
    if (ind.length < 2 || /^[\d０-９.%]+$/.test(ind)) return null;
    // the verb that precedes belongs to the indicator when nothing else names it (引导30家企业开展…)
    indicators = [ind];
    let re = rightEnd;
    while (re > mt.end && /[\s、,，;；和及与]/.test(text[re - 1])) re--;
    rightEndOut = re;
  } else {
    const isRate = category === 'percent' || rateLeft || category === 'none';
    let baseLeft = left.replace(/(?:比|较|相比|相较)\s*\d{4}\s*年(?:底|末)?$/, '');
    // 合格率由2020年的92%提高到95%: the starting value is no part of the indicator
    const from = /(?:由|从)[^由从]*\d[^由从]*$/.exec(baseLeft);
    if (from && from.index >= 2) baseLeft = baseLeft.slice(0, from.index);
    // 一产、二产和三产分别占比达…: 分别 written before the head noun the items share
    const early = /^(.*[、和及与].*)分别((?:增加值|营业收入|产值)?(?:占比|比重|比例|[^、，,]{0,4}率|[^、，,]{0,4}量|规模|面积|总量|总数|数量))$/.exec(baseLeft);
    if (early) baseLeft = early[1] + early[2] + '分别';
    respectively = /分别\s*$/.test(baseLeft);
    const headed = respectively ? respectiveHead(baseLeft) : null;
    // (累计约1200户) after 新增监管单位500户: the running total of the thing counted before
    const total = prevSubject && /^[\s(（]*(?:累计|总数|总量|共计|合计|总计)\s*$/.test(baseLeft);
    indicators = total ? [prevSubject] : headed ? headed.items.map((x) => headed.head + x) : indicatorsFrom(baseLeft, isRate);
    if (!total) indicators = indicators.map((s) => capIndicator((topic ? topic + stripLead(s) : stripTrail(s)) + keepVerb + (basis && basis !== '每年' ? basis : '')));
    if (sharePredicate && !total && !headed) indicators = indicators.map((s) => capIndicator(s + sharePredicate[1] + sharePredicate[2]));
    // 建成示范单位200家，覆盖率达到80%: a bare share or rate after a count is the share of what was counted
    if (prevSubject && indicators.length === 1 && /^(?:覆盖率|覆盖面|占比|比重|比例|普及率|合格率|达标率)$/.test(indicators[0])) {
      const counted = prevSubject.replace(/^(?:全[市区县镇省州]|全社会|辖区|本[区县市镇])?(?:累计)?(?:建成|建设|创建|培育|新建|打造|认定|发展|新增|实现)?/, '');
      if (counted.length >= 2) indicators = [capIndicator(counted + indicators[0])];
    }
    indicators = indicators.filter((s) => s.length >= 2 && !onlyVerbs(s));
    if (indicators.length === 0) return null;
  }
  // an indicator that is itself only a number or a year is noise
  indicators = indicators.filter((s) => !/^[\d.\s%年月日]+$/.test(s)
    // 每周5天、每天不少于2小时: only a schedule, nothing measured
    && s.replace(/每(?:天|日|周|月|年|季度|半年)|[\d.\s%、，,和及年月日天周个次]/g, '').length >= 2);
  if (indicators.length === 0) return null;
  if (rejectedByContext(text, mt, fullLeft, sentenceLeft, clauseText, period)) return null;
  if (respectively && indicators.length > 1) {
    return { comparator, kind, indicators: [indicators[0]], pending: indicators.slice(1), spanStart: clauseStart, rightEnd: rightEndOut, unit: unitOut };
  }
  return { comparator, kind, indicators, spanStart: colonStart >= 0 ? colonStart : clauseStart, rightEnd: rightEndOut, unit: unitOut };
}

/** See the call: 'scope' for the first count of a coverage bracket, the indicator for its last, null otherwise. */
function coverageBracket(text: string, mt: Mention): string | 'scope' | null {
  // the line up to the number, at most MAX_LEFT back (a page with no line breaks would be read whole for each number)
  const from = Math.max(0, mt.start - MAX_LEFT);
  const nl = text.slice(from, mt.start).lastIndexOf('\n');
  const ls = nl >= 0 ? from + nl + 1 : from;
  const before = text.slice(ls, mt.start);
  const open = Math.max(before.lastIndexOf('('), before.lastIndexOf('（'));
  if (open < 0 || /[)）]/.test(before.slice(open))) return null;
  const close = text.slice(mt.end, mt.end + 13).search(/[)）]/);
  if (close < 0 || close > 12) return null;
  const inner = text.slice(ls + open + 1, mt.end + close);
  const m = /^(?:(\d+)个[\u4e00-\u9fa5]{1,8})?(\d+(?:\.\d+)?)(?:名|人|家|个|所|户|座|人次)$/.exec(inner);
  if (!m) return null;
  const clause = before.slice(0, open);
  if (!/(?:全覆盖|覆盖)$/.test(clause)) return null;
  // the first of two counts names the scope
  if (m[1] && mt.start === ls + open + 1) return 'scope';
  let name = clause.replace(/(?:全覆盖|覆盖)$/, '');
  name = name.slice(Math.max(...[',', '，', ';', '；', '。', ':', '：'].map((c) => name.lastIndexOf(c))) + 1);
  name = name.replace(/^[\s\u3000]*(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）])[\s\u3000]*/, '');
  // the noun after the clause's own count (2名全科医生) is what is counted
  const own = /\d+(?:名|人|家|个|所|户|座)([\u4e00-\u9fa5]{2,16})$/.exec(name);
  if (own) name = own[1];
  name = stripLead(name.replace(/^(?:所有|全部|免费)+/, ''));
  return name.length >= 2 ? capIndicator(name) : null;
}

/**
 * Whether the number stands in a numbered item (1、 1. (1)) under a heading that names what follows as the
 * plan's commitments (一、省(市)重点民生实事项目:, 二、主要目标任务, 年度指标): each item is then a target as
 * written, without a verb of achievement (孕产妇免费产前筛查5000人).
 */
function listedCommitment(text: string, pos: number): boolean {
  const ls = text.lastIndexOf('\n', pos - 1) + 1;
  if (!/^[\s\u3000]*(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）])/.test(text.slice(ls, pos))) return false;
  let end = ls - 1;
  for (let k = 0; k < 8 && end > 0; k++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (/^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])/.test(line)) {
      return line.length <= 40 && /(?:实事|目标|任务|指标)(?:项目|任务|清单)?[:：]?$/.test(line) && !/(?:回顾|总结|完成情况|成效)/.test(line);
    }
    end = start - 1;
  }
  return false;
}

// A news report: a wire dateline (中新网1月10日电), a reporter's lede (记者从…获悉) or a press conference near the top.
const NEWS_LEDE_RE = /\d{1,2}月\d{1,2}日(?:电|讯)|记者[^。\n]{0,20}(?:获悉|了解到|从)|新闻发布会|答记者问/;
// what a report says of the future or of a plan it reports on (将, 力争, 到2025年; 方案提出, 目标是)
const NEWS_FORWARD_RE = /将(?![\d一二两三四五六七八九十百千万])|力争|争取|确保|预计|计划|拟|未来|下一步|今后|到\s*\d{4}\s*年|\d{4}\s*年(?:底|末)?前|年内|目标|方案|规划|意见|要点|提出|明确|要求|部署/;
let newsText: string | null = null;
let newsFlag = false;
function isNewsReport(text: string): boolean {
  if (text !== newsText) {
    newsText = text;
    newsFlag = NEWS_LEDE_RE.test(text.slice(0, 400));
  }
  return newsFlag;
}

/** Sentence-level reasons to drop a reading: subsidies, the past, statistics. Run last: it reads the most text. */
function rejectedByContext(text: string, mt: Mention, fullLeft: string, sentenceLeftIn: string, clauseText: string, period: TargetContext['period']): boolean {
  if (SUBSIDY_RE.test(clauseText)) return true;
  if ((mt.category === 'money' || mt.category === 'percent') && MONEY_FLOW_RE.test(clauseText)) return true;
  // background: a sentence about what was done, or the state in a year before the plan
  // 目前合格率为90%,到2025年提高到95%: only what follows the last forward-looking marker counts
  let sentenceLeft = sentenceLeftIn;
  let lastFuture = -1;
  FUTURE_RE.lastIndex = 0;
  let fm: RegExpExecArray | null;
  while ((fm = FUTURE_RE.exec(sentenceLeft))) lastFuture = fm.index + fm[0].length;
  if (lastFuture >= 0) sentenceLeft = sentenceLeft.slice(lastFuture);
  // 地区生产总值比上年增长8.5%左右: with a qualifier (a target's wording; a statistic is exact) the comparison
  // with last year is the baseline of a growth rate, not a report of it
  const pastLeft = mt.postComparator ? sentenceLeft.replace(/(?:比上年|较上年|比去年|较去年)(?=增长|提高|下降|减少|增加)/g, '') : sentenceLeft;
  if (PAST_RE.test(pastLeft) || REPORT_RE.test(sentenceLeft) || /已/.test(fullLeft)) return true;
  // a news report's figures are what was done, unless its sentence looks ahead or reports a plan's aims
  // (副局长介绍，2024年推动超过1200个城市…; 在质量强企方面，支持组建质量创新联合体889个)
  if (isNewsReport(text) && !NEWS_FORWARD_RE.test(text.slice(sentenceStart(text, mt.start), sentenceEnd(text, mt.end)))) return true;
  {
    // …为92.5%,比上年提高1.2个百分点: a statistic, not a commitment
    const se = sentenceEnd(text, mt.end);
    if (/同比|比上年|较上年|比去年|较去年|上年同期/.test(text.slice(mt.end, se))) return true;
    // …达到5.36批次/千人，比2020年的3.23批次/千人增加了2.13批次/千人: the sentence reports a result
    if (/(?<![为除]|提出|明确|强调|部署|确定|设定|制定)了(?!解)/.test(text.slice(mt.end, se))) return true;
  }
  const cut = /截至|截止/.exec(sentenceLeft);
  if (cut) {
    const y = /(\d{4})/.exec(sentenceLeft.slice(cut.index));
    if (!y || REF_YEAR == null || Number(y[1]) < REF_YEAR) return true;
  }
  if (REF_YEAR != null) {
    const yearRe = /(\d{4})\s*年/g;
    let ym: RegExpExecArray | null;
    while ((ym = yearRe.exec(sentenceLeft))) {
      const y = Number(ym[1]);
      const pre = sentenceLeft.slice(Math.max(0, ym.index - 3), ym.index);
      const post = sentenceLeft.slice(ym.index + ym[0].length, ym.index + ym[0].length + 3);
      // 比2020年下降18%, 以2020年为基数: a baseline, not a statement about the past
      if (y < REF_YEAR && y >= 1990 && !/到|至|力争|争取|前|比|较|以|从|自|由|基/.test(pre) && !/^(?:底|末)?(?:为基|基数|水平|相比)/.test(post)) return true;
    }
  }

  return false;
}
