// Text normalization: everything the extractors should not have to care about. Each step that
// changed something is named in `normalizations` (source.normalizations of the contract), in order.
//
// Decisions (the seeds and the gold answers are the reference):
// - Full-width ASCII forms (ＡＢＣ１２３，：；（）％．) become half-width. The seeds already use
//   half-width , : ; ( ) % and the contract's examples write (2021-2023年); CJK punctuation that has
//   no ASCII twin (。、“”《》〔〕【】) is left as it is. NFKC is NOT used: it would turn ㎡ into m2
//   and ① into 1, which the target and outline extractors rely on.
// - Pinyin annotations `發(fā)` are removed only when the parentheses follow a Han character
//   (a character the scraper lost together with its annotation, `_(dá)` or `?cái)`, becomes □)
//   directly and hold one lowercase syllable with a tone mark; `(2021-2023年)`, `(一)`, `(VOCs)`
//   stay.
// - Traditional → Simplified (OpenCC t→cn) only when at least 5% of the Han characters change,
//   so a Simplified text quoting a Traditional name is left alone.
// - Lines are trimmed; site chrome (打印此页, 关闭窗口, 朗读, 浏览次数, 【字体：大 中 小】, 分享到…),
//   spam lines (in the seeds: a line of video-site keywords before the document), lines made only
//   of symbols (a scraped `![]()`) and page numbers (- 3 -) are dropped.
// - Spaces between Chinese characters and numbers inside prose lines (lines with ，。；) are
//   removed (`至 2023 年` → `至2023年`); metadata lines such as `索引号 X 公开日期 Y` keep theirs.
// - Hard-wrapped lines (a PDF's fixed line width) are joined, only when the document shows a
//   dominant line width and the break falls inside a sentence; headings, list items and
//   `label:` lines always stay separate.
// - At most one blank line in a row.
import * as OpenCC from 'opencc-js';
import { looksLikeUnit } from './departments';

export interface NormalizeResult { text: string; normalizations: string[] }

let t2s: ((s: string) => string) | null = null;
function toSimplified(s: string): string {
  t2s ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return t2s(s);
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const isHanCode = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);

/** Fraction of Han characters that OpenCC t→cn changes; conversion is applied when ≥ 5%. */
export function traditionalShare(text: string): { han: number; changed: number; converted: string } {
  const converted = toSimplified(text);
  let han = 0;
  let changed = 0;
  if (converted.length === text.length) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isHanCode(c)) {
        han++;
        if (converted.charCodeAt(i) !== c) changed++;
      }
    }
  } else {
    // OpenCC replaced phrases of different length: count by set difference instead
    for (const ch of text) if (HAN.test(ch)) han++;
    let same = 0;
    for (const ch of converted) if (HAN.test(ch)) same++;
    changed = Math.abs(han - same) + countDiffering(text, converted);
  }
  return { han, changed, converted };
}

/**
 * A quick look before converting a long text: OpenCC over a few spread-out windows (32 KB in
 * all). Only when they hold some Traditional characters is the whole text converted and counted.
 */
function looksTraditional(text: string): boolean {
  if (text.length <= 32_768) return true;
  const windows = 16;
  const size = 2048;
  let sample = '';
  for (let k = 0; k < windows; k++) {
    const at = Math.floor(((text.length - size) * k) / (windows - 1));
    sample += text.slice(at, at + size);
  }
  const t = traditionalShare(sample);
  return t.changed >= 1 && t.changed / Math.max(1, t.han) >= 0.01;
}

function countDiffering(a: string, b: string): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && isHanCode(a.charCodeAt(i))) n++;
  return n;
}

const TONE = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const SYL = `[a-zü${TONE}]{1,7}`;
// after a Han character: `發(fā)` → `發`
const PINYIN_AFTER_HAN = new RegExp(`([\\u3400-\\u4dbf\\u4e00-\\u9fff])\\((${SYL})\\)`, 'g');
// a character the scraper already lost, with its annotation: `_(dá)`, `?(dá)`, `\ufffd(dá)`, and the
// annotation whose opening parenthesis went with the character, `?cái)` (seed 003:
// `省控?cái)嗝孢_(dá)到或优于`). The character cannot be recovered from the page: it becomes □, the
// 缺字 mark of Chinese print, so a reader sees a character is missing and the office can correct it.
const LOST_WITH_PINYIN = new RegExp(`[_?\\ufffd]\\((${SYL})\\)|[?\\ufffd](${SYL})\\)`, 'g');
const HAS_TONE = new RegExp(`[${TONE}]`);
const PINYIN_SHAPE = new RegExp(`^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv${TONE}]+(?:ng|n|r)?$`);
/** the mark of a lost character */
export const LOST_CHARACTER = '□';

const isSyllable = (syl: string) => HAS_TONE.test(syl) && PINYIN_SHAPE.test(syl);

export function stripPinyin(text: string): { text: string; count: number } {
  if (!HAS_TONE.test(text)) return { text, count: 0 }; // most documents: no tone marks at all
  let count = 0;
  const out = text
    .replace(LOST_WITH_PINYIN, (m, a: string | undefined, b: string | undefined) => {
      if (!isSyllable(a ?? b ?? '')) return m;
      count++;
      return LOST_CHARACTER;
    })
    .replace(PINYIN_AFTER_HAN, (m, han: string, syl: string) => {
      if (!isSyllable(syl)) return m;
      count++;
      return han;
    });
  return { text: out, count };
}

/** Simplified-radical forms with a whole character of their own (the CJK Radicals Supplement has no NFKC mapping for them). */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦',
  '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟',
  '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⺟': '母', '⻳': '龟',
};

/**
 * PDFs (Chromium's and WPS's among them) often map glyphs to the Kangxi Radicals or the CJK Radicals
 * Supplement instead of the ideographs they look like: 行 comes out as ⾏ (U+2F8F), 方 as ⽅, 长 as ⻓, so
 * 行动方案, 工作 or 长期 no longer match anything. Those blocks and the CJK Compatibility Ideographs are
 * mapped to the unified ideographs (NFKC for these characters only: NFKC everywhere would also turn ① into 1).
 */
export function radicalsToIdeographs(text: string): string {
  return text.replace(/[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufad9]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

// the small form variants some sites and word processors print (1﹒ an item's number, ﹐ ﹔ ﹕ ﹖ ﹗): their ordinary forms
const SMALL_FORMS: Record<string, string> = { '﹐': '，', '﹑': '、', '﹒': '.', '﹔': '；', '﹕': '：', '﹖': '？', '﹗': '！', '﹙': '（', '﹚': '）' };

export function fullwidthToHalfwidth(text: string): string {
  return text.replace(/[\ufe50-\ufe5a]/g, (c) => SMALL_FORMS[c] ?? c).replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// --- line classification ------------------------------------------------------------------------

const SPAM_STRONG = /在线观看|一区二区|二区三区|中文字幕|无码|有码|成人(?:视频|影院|网站|电影)|午夜|亚洲|欧美|日韩|久久|人妻|伦理|博彩|彩票|棋牌|娱乐城|真人(?:视讯|娱乐)|百家乐|开户送|高清(?:视频|无码|在线)|精品(?:视频|国产)|国产精品|免费(?:观看|视频)|av(?:在线|网站)|福利(?:视频|姬)|视频一区/i;
const SPAM_WEAK = /视频|在线|观看|免费|精品|国产|网址|影院|福利|日本|永久|高清|一区|二区|三区|四虎/g;

export function isSpamLine(line: string): boolean {
  if (line.length > 300 || /[。;]/.test(line)) return false;
  if (!SPAM_STRONG.test(line)) return false;
  const weak = new Set(line.match(SPAM_WEAK) ?? []);
  const strong = line.match(new RegExp(SPAM_STRONG.source, 'gi')) ?? [];
  return strong.length + weak.size >= 3;
}

/** A whole line that is website furniture. Tested after Traditional → Simplified. */
const CHROME_LINE = new RegExp(
  '^[\\[【〔(]?\\s*(?:' +
    [
      '打印此页', '打印本页', '打印文章', '打印正文', '我要打印', '打印', '关闭窗口', '关闭本页', '关闭页面', '关闭', '朗读', '语音播报',
      '收藏', '收藏本页', '加入收藏', '返回顶部', '返回首页', '返回列表', '返回', '分享到:?.{0,40}', '分享', '扫一扫.{0,30}',
      '用手机扫描.{0,30}', '浏览次数:?\\s*\\d*\\s*次?', '访问次数:?\\s*\\d*', '阅读次数:?\\s*\\d*', '点击数:?\\s*\\d*', '点击量:?\\s*\\d*',
      '[\\[【]?大[\\]】]?\\s*[\\[【]?中[\\]】]?\\s*[\\[【]?小[\\]】]?',
      '视力保护色.{0,20}', '无障碍(?:浏览|阅读)?(?:\\s*[|｜]?\\s*长者(?:模式|版))?', '长者(?:模式|版)', '上一篇:?.*', '下一篇:?.*', '相关(?:链接|文章|阅读|附件)?:?', '(?:当前位置|您当前的位置|您现在的位置|当前所在位置|您的位置|您当前位置|所在位置)\\s*:.*',
      // a breadcrumb trail without its label: 首页 > 新闻中心 > 行业资讯
      '(?:首页|网站首页|主页)\\s*(?:>>?|»|›|-|/)\\s*.{0,60}',
      '网站地图', '联系我们', '版权所有.*', '主办(?:单位)?:.*承办.*', 'ICP备.*', '.{0,10}公网安备.*',
    ].join('|') +
    ')\\s*[\\]】〕)]?$',
);
/** 字体：大 中 小 in its many spellings: 【字体：大 中 小】, 字号:[ 大 中 小 ], [字体 大 中 小]. */
const FONT_SIZE = String.raw`[【\[(]?\s*字\s*[体号]\s*:?\s*(?:[【\[(]?\s*[大中小]\s*[】\])]?\s*){3}[】\])]?`;
/** Furniture inside a line (e.g. after a date); removed, the rest of the line stays. */
const CHROME_TOKEN = new RegExp(
  FONT_SIZE +
    String.raw`|[【\[]\s*(?:打印(?:此页|本页)?|我要打印|关闭(?:窗口|本页)?|收藏|返回顶部|朗读|纠错)\s*[】\]]` +
    String.raw`|(?:浏览次数|访问次数|阅读次数|点击数|点击量|访问量)\s*:\s*\d*\s*次?` +
    String.raw`|分享到\s*:?\s*$`,
  'g',
);

/** A cheap test before CHROME_TOKEN: every token contains one of these characters. */
const CHROME_HINT = /[字打关收返朗纠浏访阅点分]/;

const PAGE_NUMBER = /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)$/;
const SITE_LABEL = /^[【\[](?:草案全文|全文|正文|原文|文章|政策原文|政策文件)[】\]]\s*/;

/** Lines that start a heading, list item, label or signature: never joined to the line before. */
const STARTS_BLOCK = /^(?:[一二三四五六七八九十百]+[、.]|\(\s*[一二三四五六七八九十百\d]+\s*\)|\d+[.、](?!\d)|[①-⑳]|[A-Za-z][.、]|第[一二三四五六七八九十百\d]+[章节条部分]|附件|附表|[—–-]{1,2}|[•·●○■□◆◇▲△*]|\S{1,8}[:])/;
/**
 * A metadata line of a site's document header: 发布时间:… 来源:…, [索引号] …, 发文字号:…. It is a
 * record, not prose: the paragraph under it is never joined to it, however long it is.
 */
const META_LABEL = String.raw`(?:索\s*引\s*号|标\s*题|发布时间|发布日期|发布机构|发文机关|发文字号|发布文号|印发文号|文\s*号|成文日期|制发日期|成文时间|公开日期|公开方式|主题分类|信息来源|来\s*源|发文单位|生成日期|更新时间|浏览次数)`;
// `索引号: X`, `[索引号] X`, and the cells of a scraped table row: `索引号 X 主题分类 Y`
const META_LINE = new RegExp(String.raw`^[\[【]?\s*${META_LABEL}\s*[\]】]?\s*[:：\]】]|^\S{0,20}\s+${META_LABEL}\s*[:：]|^${META_LABEL}\s\S.*\s${META_LABEL}\s`);
const METADATA_VALUE_END = /(?:\d|[日号局委办厅院室处科所站队部会府心司社]|[)）\]】])$/;
export function isMetadataLine(line: string): boolean {
  return line.length <= 200 && !/[。;]/.test(line) && META_LINE.test(line);
}

// A full-width line ending in ) ” 》 was wrapped like any other; only these end a paragraph.
const DATE_ONLY_LINE = /^[\s\u3000]*(?:[〇零○ＯO0０一二三四五六七八九]{4}|(?:19|20)\d{2})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日[\s\u3000]*$/;
const ENDS_SENTENCE = /[。!?;:…]$/;

function isJunkLine(line: string): boolean {
  return !/[\p{L}\p{N}]/u.test(line);
}

function isProse(line: string): boolean {
  return /[。,;、]/.test(line) && line.length >= 12;
}

const CJK_CHAR = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》〔〕【】]/;
const LATIN = /[A-Za-z]/;

/**
 * Removes spaces between a Chinese character or punctuation mark and a digit or punctuation mark
 * (`至 2023 年`, `水平, 激发`). A space between two Han characters (joint issuers
 * `中共中央 国务院`) or next to a Latin letter stays.
 */
export function removeCjkSpaces(line: string): string {
  // a table row's number stays a cell of its own: `1 粮食产量…以上 农业农村部` (the row has other blank-separated cells)
  const rowNo = /^(\d{1,3}[.、．]?) (?=[\u4e00-\u9fa5])(?=.*\S +[\u4e00-\u9fa5])/.exec(line);
  if (rowNo) return rowNo[0] + removeCjkSpaces(line.slice(rowNo[0].length));
  return line.replace(/(\S)[ ]+(?=(\S))/g, (m, a: string, b: string) => {
    if (LATIN.test(a) || LATIN.test(b)) return m;
    if (HAN.test(a) && HAN.test(b)) return m;
    if (CJK_CHAR.test(a) || CJK_CHAR.test(b)) return a;
    return m;
  });
}

/** `(2021-2023 年)` → `(2021-2023年)`, `计划 (2021-2023年)` → `计划(2021-2023年)`. */
function tidyPeriods(line: string): string {
  if (!line.includes('(')) return line;
  return line.replace(
    /([\u4e00-\u9fff》])?\s*\(\s*(\d{4})\s*([-—–~至到])\s*(\d{4})\s*(年?)\s*\)/g,
    (_m, before: string | undefined, a: string, sep: string, b: string, nian: string) => `${before ?? ''}(${a}${sep}${b}${nian})`,
  );
}

/** The line width of a hard-wrapped document, or null when lines are paragraphs. */
export function dominantWidth(lines: string[]): number | null {
  // a table flattened one cell a line (row numbers, values, 县林业局 …) is no wrapped prose, however its long cells align
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  const tiny = nonEmpty.filter((l) => l.trim().replace(/[\s|｜]+$/, '').length <= 4).length;
  if (tiny >= 10 && tiny >= nonEmpty.length * 0.3) return null;
  const lengths = lines.map((l) => l.length).filter((n) => n >= 12);
  if (lengths.length < 6) return null;
  const hist = new Map<number, number>();
  for (const n of lengths) hist.set(n, (hist.get(n) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [n] of hist) {
    const c = (hist.get(n - 1) ?? 0) + (hist.get(n) ?? 0) + (hist.get(n + 1) ?? 0);
    if (c > bestCount || (c === bestCount && n > best)) {
      best = n;
      bestCount = c;
    }
  }
  return bestCount >= 5 && bestCount / lengths.length >= 0.3 ? best : null;
}

/** A table row with its cells apart by pipes (formats/html.ts, pdf-table.ts, tabCells). */
const isPipeRow = (line: string) => (line.match(/[|｜]/g) ?? []).length >= 2;

/**
 * A list of unit names a narrow table cell broke over lines, inside a name or after its separator (省信用办、知识产权 /
 * 局、工商局、食品药 / 品监管局): the lines are one when together they read as two or more names and every one of them
 * is short. A line that is already a whole list, or that reads as prose, is left alone.
 */
export function joinBrokenUnitLists(lines: string[]): string[] {
  const out: string[] = [];
  const names = (t: string) => t.split('、');
  // (a court or a bureau named by its kind alone in a shared-level list: 省商务厅、法院、知识产权局)
  const unitOrKind = (n: string) => looksLikeUnit(n) || /^[\u4e00-\u9fa5]{1,2}(?:院|局|委|办|厅)$/.test(n);
  const allUnits = (t: string) => names(t).length >= 2 && names(t).every((n) => n.length >= 2 && unitOrKind(n)) && names(t).filter(looksLikeUnit).length >= 2;
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    let joinedTo = -1;
    if (first.length <= 24 && first.includes('、') && !/[。，,；;:：]/.test(first) && !allUnits(first.replace(/、$/, ''))) {
      let acc = first;
      for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
        const l = lines[j];
        if (!l || l.length > 24 || /[。，,；;:：\s]/.test(l)) break;
        acc += l;
        if (allUnits(acc) && !acc.endsWith('、')) { joinedTo = j; break; }
      }
    }
    if (joinedTo > i) {
      out.push(lines.slice(i, joinedTo + 1).join(''));
      i = joinedTo;
    } else out.push(first);
  }
  return out;
}

/** A short line made only of unit names: 县市场监管局、县卫生健康局. */
function isUnitLine(line: string): boolean {
  if (line.length > 60 || !/[局委办院部室厅所站队府会心社司]$/.test(line)) return false;
  const names = line.split(/[、，,]/);
  // (a court or bureau named by its kind alone beside whole names: 省商务厅、法院、知识产权局)
  return names.every((n) => looksLikeUnit(n.trim())) || (names.filter((n) => looksLikeUnit(n.trim())).length >= 2 && names.every((n) => looksLikeUnit(n.trim()) || /^[\u4e00-\u9fa5]{1,2}(?:院|局|委|办|厅)$/.test(n.trim())));
}

/** A table's header on one line: three or more column names apart by blanks, one of them the units' column. */
function isHeaderLine(line: string): boolean {
  const cells = line.split(/[\s\u3000]+/).filter(Boolean);
  return cells.length >= 3 && cells.every((c) => c.length <= 6) && cells.some((c) => /^(?:责任|牵头|配合)(?:部门|单位)$/.test(c)) && cells.some((c) => /^(?:序号|编号)$/.test(c));
}

/**
 * A table scraped one cell a line, the cells separated by lines holding only "|" and the rows by two
 * such lines in a row, becomes one line a row: | 1 | 完善城市管理体制 | 市住建局 | 2016年底前 |.
 */
export function joinTableCells(lines: string[]): string[] {
  const isPipe = (l: string) => /^[|｜]+$/.test(l);
  if (!lines.some(isPipe)) return lines;
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isPipe(lines[i])) {
      out.push(lines[i++]);
      continue;
    }
    // read a run: pipe, cell, pipe, cell, …; two pipes in a row end a row
    const rows: string[][] = [];
    let row: string[] = [];
    let j = i;
    let prevPipe = false;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l === '') continue;
      if (isPipe(l)) {
        if (prevPipe && row.length) {
          rows.push(row);
          row = [];
        }
        prevPipe = true;
      } else if (prevPipe) {
        row.push(l);
        prevPipe = false;
      } else break; // two text lines in a row: the table ended
    }
    if (row.length) rows.push(row);
    if (rows.length >= 2 && rows.filter((r) => r.length >= 2).length >= 2) {
      for (const r of rows) out.push(`| ${r.join(' | ')} |`);
      i = j;
    } else out.push(lines[i++]);
  }
  return out;
}

function joinWrapped(lines: string[]): { lines: string[]; joined: number } {
  const width = dominantWidth(lines);
  if (width === null) return { lines, joined: 0 };
  const out: string[] = [];
  let joined = 0;
  let prevPhysical = 0; // length of the previous line as printed (before any joining)
  for (const line of lines) {
    const prev = out.length > 0 ? out[out.length - 1] : null;
    const prevLength = prevPhysical;
    prevPhysical = line.length;
    if (
      prev !== null && prev !== '' && line !== '' &&
      prevLength >= width - 2 && // the previous line ran to the full width: it was wrapped
      !ENDS_SENTENCE.test(prev) &&
      !STARTS_BLOCK.test(line) &&
      // a header record that ends in a whole value (…交通运输局, …09:30) was not wrapped; 来源:宜昌市住房和 was
      !(isMetadataLine(prev) && METADATA_VALUE_END.test(prev)) &&
      !isMetadataLine(line) &&
      !PAGE_NUMBER.test(line) &&
      // a date alone on its line (二○一一年二月十五日) dates what comes before it; it continues nothing
      !DATE_ONLY_LINE.test(line) &&
      // a line that is only unit names (the 责任单位 cell of a table printed as text) starts a cell of its own
      !isUnitLine(line) && !(isUnitLine(prev) && (prev.includes('、') || prev.length <= 10)) &&
      // a table's header line is no wrapped prose, nor is the row under it part of it
      !isHeaderLine(prev) && !isHeaderLine(line) &&
      // a table's rows with their cell pipes are as wide as each other, not wrapped
      !isPipeRow(prev) &&
      !isPipeRow(line)
    ) {
      const glue = LATIN.test(prev[prev.length - 1]) && LATIN.test(line[0]) ? ' ' : '';
      out[out.length - 1] = prev + glue + line;
      joined++;
    } else out.push(line);
  }
  return { lines: out, joined };
}

// --- the pipeline -----------------------------------------------------------------------------------

const CN_DIGITS = '零一二三四五六七八九';
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
}
function fromCn(s: string): number {
  if (s === '十') return 10;
  const t = s.indexOf('十');
  if (t < 0) return CN_DIGITS.indexOf(s);
  return (t === 0 ? 1 : CN_DIGITS.indexOf(s[0])) * 10 + (t === s.length - 1 ? 0 : CN_DIGITS.indexOf(s[t + 1]));
}

/**
 * A page that lost its line breaks runs the items of a list on one line: (一)…。(二)…(责任单位:…)(三)…
 * When a line opens with an item marker and the next marker of the same style (the next number) follows a
 * full stop, a semicolon or a closing bracket, the line is split there, and so on for the numbers after it.
 */
export function splitInlineItems(line: string): string[] {
  const styles: Array<{ open: RegExp; make: (n: number, m: RegExpExecArray) => string }> = [
    { open: /^\(([一二三四五六七八九十]{1,3})\)/, make: (n) => `(${cnNumber(n)})` },
    { open: /^([一二三四五六七八九十]{1,3})、/, make: (n) => `${cnNumber(n)}、` },
    { open: /^\((\d{1,2})\)/, make: (n) => `(${n})` },
    { open: /^(\d{1,2})([.、])(?!\d)/, make: (n, m) => `${n}${m[2]}` },
  ];
  for (const st of styles) {
    const m = st.open.exec(line);
    if (!m) continue;
    let k = /\d/.test(m[1]) ? Number(m[1]) : fromCn(m[1]);
    if (!(k >= 1)) return [line];
    const out: string[] = [];
    let rest = line;
    let from = m[0].length;
    for (;;) {
      const next = st.make(k + 1, m);
      let at = rest.indexOf(next, from);
      while (at > 0 && !(/[。；;)]/.test(rest[at - 1]) && /[\u4e00-\u9fa5]/.test(rest[at + next.length] ?? ''))) at = rest.indexOf(next, at + 1);
      if (at <= 0) break;
      out.push(rest.slice(0, at));
      rest = rest.slice(at);
      from = next.length;
      k++;
    }
    out.push(rest);
    return out;
  }
  // a page cut inside an item runs on into the next ones: …协作。(三)开展专项整治。…(四)加强信息反馈。… — split
  // before the first (N) after a sentence end when (N+1) follows it the same way
  const mid = /[。；;]\(([一二三四五六七八九十]{1,3})\)(?=[\u4e00-\u9fa5])/.exec(line);
  if (mid) {
    const k = fromCn(mid[1]);
    const at = mid.index + 1;
    const rest = line.slice(at);
    const next = `(${cnNumber(k + 1)})`;
    const j = rest.indexOf(next);
    if (k >= 1 && j > 0 && /[。；;]/.test(rest[j - 1]) && /[\u4e00-\u9fa5]/.test(rest[j + next.length] ?? '')) return [line.slice(0, at), ...splitInlineItems(rest)];
  }
  return [line];
}

const RESP_BRACKET = /[(（](?:责任|牵头|负责|主责|配合)[\u4e00-\u9fa5]{0,4}[:：][^()（）]{2,120}[)）]/g;
const CN_ITEM = /[(（][一二三四五六七八九十]{1,3}[)）]/g;
const NUM_ITEM = /(?<![\d.．])(\d{1,2})[.．、](?=[\u4e00-\u9fa5“"《])/g;
const RESP_LABEL = /(?<![(（\u4e00-\u9fa5])(?:责任|牵头|主责|配合)(?:单位|部门)[:：]/g;
const CN_HEADING = /([\s\u3000]+)[一二三四五六七八九十]{1,3}、(?=[\u4e00-\u9fa5])/g;

/**
 * A page that lost every break can run a whole task list on one line, headings and items glued together:
 * …(责任单位:A、B)(二)实施X工程4.统筹Y,…(责任单位:C)5.整合Z…. When a line carries at least two responsibility
 * brackets, it is split before every (一)-style marker and before every numbered item that follows a closing
 * bracket or a full stop, or that the next number confirms (4. … 5. on the same line) even when glued to a heading.
 */
export function splitRunInItems(line: string): string[] {
  // …缩小。责任单位:县发改局、县财政局2.落实…。责任单位:县财政局 二、…: unbracketed 责任单位: lists count too
  const labels = [...line.matchAll(RESP_LABEL)].map((m) => m.index! + m[0].length);
  if (line.length < 40 || (line.match(RESP_BRACKET) ?? []).length + labels.length < 2) return [line];
  const cuts = new Set<number>();
  for (const m of line.matchAll(CN_ITEM)) if (m.index! > 0 && !/第$/.test(line.slice(0, m.index))) cuts.add(m.index!);
  // a heading 二、 after a blank
  for (const m of line.matchAll(CN_HEADING)) cuts.add(m.index! + m[1].length);
  const nums = [...line.matchAll(NUM_ITEM)].map((m) => ({ at: m.index!, n: Number(m[1]) }));
  for (const { at, n } of nums) {
    if (at === 0) continue;
    const prev = line[at - 1];
    // a number right after the names of a 责任单位: list (no full stop since the label) opens the next item
    const inList = labels.some((l) => l < at && !/[。；;]/.test(line.slice(l, at)));
    if (/[)）。；;]/.test(prev) || inList || (/[\u4e00-\u9fa5]/.test(prev) && nums.some((x) => x.n === n + 1 && x.at > at))) cuts.add(at);
  }
  // never inside a bracket
  let depth = 0;
  const inside = new Set<number>();
  for (let i = 0; i < line.length; i++) {
    if (/[(（]/.test(line[i]) && !cuts.has(i)) depth++;
    else if (/[)）]/.test(line[i]) && depth > 0) depth--;
    if (depth > 0) inside.add(i);
  }
  const at = [...cuts].filter((i) => !inside.has(i)).sort((a, b) => a - b);
  if (!at.length) return [line];
  const out: string[] = [];
  let from = 0;
  for (const i of at) {
    if (i > from) out.push(line.slice(from, i));
    from = i;
  }
  out.push(line.slice(from));
  return out;
}

/** The tabs inside a line (not its indentation or its end): the edges of a pasted table's cells. */
const innerTabs = (line: string) => (line.replace(/^[\t \u3000]+|[\t \u3000]+$/g, '').match(/\t/g) ?? []).length;

/**
 * Rows of a table pasted as text keep their cells apart with tabs; later steps turn tabs into spaces,
 * which would join a 牵头单位 cell to the 配合单位 cell beside it. A line whose cells are tab-separated
 * (two tabs inside it, or one when a line beside it has one too) gets ' | ' for each tab instead (an
 * empty cell stays a cell), as tables from Word and HTML do (formats/html.ts); the task-table readers
 * take a pipe as a cell's edge.
 */
export function tabCells(text: string): string {
  if (!text.includes('\t')) return text;
  const lines = text.split('\n');
  const tabs = lines.map(innerTabs);
  return lines
    .map((l, i) =>
      tabs[i] >= 2 || (tabs[i] === 1 && ((tabs[i - 1] ?? 0) > 0 || (tabs[i + 1] ?? 0) > 0))
        ? l.replace(/^[\t \u3000]+|[\t \u3000]+$/g, '').replace(/[ \u3000]*\t[ \u3000]*/g, ' | ')
        : l,
    )
    .join('\n');
}

/** A title set with letter spacing, as a PDF's text layer gives it: 某 区 质 量 提 升 行 动 方 案. */
const LETTER_SPACED = /^\p{Script=Han}(?: \p{Script=Han}){3,}$/u;

export function normalizeText(input: string): NormalizeResult {
  const steps: string[] = [];
  let text = input;
  const step = (name: string, next: string) => {
    if (next !== text) {
      steps.push(name);
      text = next;
    }
  };

  step('crlf-to-lf', text.replace(/\r\n?/g, '\n'));
  // BOM, zero-width characters, soft hyphens, C0/C1 controls other than tab/newline
  step('strip-invisible', text.replace(/[\ufeff\u200b-\u200d\u2060\u00ad\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g, ''));
  step('tab-cells', tabCells(text));
  step('normalize-whitespace', text.replace(/[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\t\f\v]/g, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : ' ')));
  step('radicals-to-ideographs', radicalsToIdeographs(text));
  step('fullwidth-to-halfwidth', fullwidthToHalfwidth(text));
  // a page that annotated twice (月(yuè)(yuè)) needs a second pass
  step('strip-pinyin', stripPinyin(stripPinyin(text).text).text);
  if (looksTraditional(text)) {
    const trad = traditionalShare(text);
    if (trad.han > 0 && trad.changed >= 3 && trad.changed / trad.han >= 0.05) step('traditional-to-simplified', trad.converted);
  }

  let lines = text.split('\n');
  const lineStep = (name: string, fn: (ls: string[]) => string[]) => {
    const next = fn(lines);
    if (next.length !== lines.length || next.some((l, i) => l !== lines[i])) {
      steps.push(name);
      lines = next;
    }
  };
  lineStep('trim-lines', (ls) => ls.map((l) => l.replace(/ {2,}/g, ' ').trim()));
  lineStep('drop-spam', (ls) => ls.filter((l) => !isSpamLine(l)));
  lineStep('drop-site-chrome', (ls) =>
    ls.flatMap((l) => {
      if (l === '') return [l];
      if (CHROME_LINE.test(l) || l.split(' ').every((part) => CHROME_LINE.test(part))) return [];
      if (!CHROME_HINT.test(l)) return [l];
      const cleaned = l.replace(CHROME_TOKEN, '').replace(/ {2,}/g, ' ').trim();
      // 【字体：大 中 小】 打印 — what is left after the tokens may be furniture too
      return cleaned === '' || (cleaned !== l && CHROME_LINE.test(cleaned)) ? [] : [cleaned];
    }),
  );
  lineStep('join-table-cells', joinTableCells);
  lineStep('drop-junk-lines', (ls) => ls.filter((l) => l === '' || (!isJunkLine(l) && !PAGE_NUMBER.test(l))));
  lineStep('drop-site-label', (ls) => {
    const i = ls.findIndex((l) => l !== '');
    if (i < 0 || !SITE_LABEL.test(ls[i])) return ls;
    const copy = ls.slice();
    copy[i] = copy[i].replace(SITE_LABEL, '');
    return copy;
  });
  lineStep('remove-cjk-spaces', (ls) =>
    ls.map((l) => tidyPeriods(isPipeRow(l) ? l : isProse(l) ? removeCjkSpaces(l) : LETTER_SPACED.test(l) ? l.replace(/ /g, '') : l)),
  );
  // (a unit list a narrow cell broke is put together first: whole, it is a line that no wrapped line joins)
  lineStep('join-broken-unit-lists', joinBrokenUnitLists);
  const wrapped = joinWrapped(lines);
  if (wrapped.joined > 0) {
    steps.push('join-broken-lines');
    lines = wrapped.lines;
  }
  // a line broken inside a book title (…深入宣传贯彻《 / 食品安全法》,制定…): the title is put back together
  lineStep('join-open-title-marks', (ls) => {
    const out: string[] = [];
    for (const l of ls) {
      const prev = out.length ? out[out.length - 1] : '';
      const open = (prev.match(/《/g) ?? []).length > (prev.match(/》/g) ?? []).length;
      const close = l.indexOf('》');
      if (open && /《[^》]{0,30}$/.test(prev) && close > 0 && close <= 40 && !l.slice(0, close).includes('《')) out[out.length - 1] = prev + l.trimStart();
      else out.push(l);
    }
    return out;
  });
  lineStep('split-inline-items', (ls) => ls.flatMap(splitInlineItems));
  lineStep('split-run-in-items', (ls) => ls.flatMap(splitRunInItems));
  lineStep('collapse-blank-lines', (ls) => {
    const out: string[] = [];
    for (const l of ls) if (l !== '' || (out.length > 0 && out[out.length - 1] !== '')) out.push(l);
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  });
  text = lines.join('\n');
  return { text, normalizations: steps };
}
