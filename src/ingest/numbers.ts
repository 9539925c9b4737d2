// Numbers as plan documents write them: Arabic (half- or full-width, with decimals and
// thousands separators), Chinese numerals (三, 两, 十二, 一百零五, 二〇二五), and percentages
// spelled out (百分之九十五, 千分之三).
//
// A trailing 万 or 亿 is a multiplier that the contract keeps in the unit (`320万名` → 320 `万名`),
// so the readers here return it apart from the value instead of multiplying it in.

const DIGIT: Record<string, number> = {
  零: 0, '〇': 0, '○': 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that can make up a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点';

/** Full-width digits, dot, percent and minus → their ASCII forms (same length, so offsets hold). */
export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９．％－]/g, (c) => {
    if (c === '．') return '.';
    if (c === '％') return '%';
    if (c === '－') return '-';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * Reads an Arabic number: `12`, `0.5`, `１２`, `3,000`. Returns null for anything else.
 */
export function parseArabicNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const t = toHalfWidthDigits(s.trim()).replace(/,(?=\d{3}(?!\d))/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads a Chinese numeral: 三 → 3, 十二 → 12, 一百零五 → 105, 两千五百 → 2500, 三万五千 → 35000,
 * 二〇二五 → 2025 (digit by digit), 九十九点五 → 99.5. Returns null when the string is not one.
 */
export function parseChineseNumeral(s: string): number | null {
  const t = s.trim();
  if (t.length === 0) return null;
  const dot = t.indexOf('点');
  if (dot >= 0) {
    const intPart = dot === 0 ? 0 : parseChineseNumeral(t.slice(0, dot));
    const frac = t.slice(dot + 1);
    if (intPart == null || frac.length === 0) return null;
    let digits = '';
    for (const c of frac) {
      const d = DIGIT[c];
      if (d === undefined) return null;
      digits += String(d);
    }
    return Number(`${intPart}.${digits}`);
  }
  // digit-by-digit form (二〇二五, 一九九八), no place units; 三四 and 五六 mean "three or four"
  if (t.length > 1 && [...t].every((c) => DIGIT[c] !== undefined) && !t.includes('两') && (t.length >= 4 || /[零〇○]/.test(t))) {
    return Number([...t].map((c) => DIGIT[c]).join(''));
  }
  let total = 0; // completed 亿/万 groups
  let section = 0; // the group being read (below 万)
  let digit: number | null = null;
  let lastSmall = 0;
  let zero = false; // a 零 since the last place unit: 一百零五
  for (const c of t) {
    const d = DIGIT[c];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null; // two digits in a row: 三四
      if (d === 0) zero = true;
      digit = d;
      continue;
    }
    const su = SMALL_UNIT[c];
    if (su !== undefined) {
      if (lastSmall !== 0 && su >= lastSmall && digit === null) return null;
      section += (digit ?? (su === 10 ? 1 : NaN)) * su;
      if (Number.isNaN(section)) return null;
      digit = null;
      zero = false;
      lastSmall = su;
      continue;
    }
    const bu = BIG_UNIT[c];
    if (bu !== undefined) {
      section += digit ?? 0;
      if (section === 0 && total === 0) return null;
      if (bu > 1e4 || total === 0 || total % 1e8 !== 0 || total < bu) total = (total + section) * bu;
      else total += section * bu;
      section = 0;
      digit = null;
      zero = false;
      lastSmall = 0;
      continue;
    }
    return null;
  }
  // 一千二 / 三万五: a trailing digit after a place unit means one place lower
  if (digit !== null) {
    if (lastSmall >= 100 && !zero && digit !== 0) section += digit * (lastSmall / 10);
    else section += digit;
  }
  return total + section;
}

export interface NumberReading {
  /** The value without a trailing 万/亿 multiplier. */
  value: number;
  /** '万' or '亿' when the number ends with that multiplier (kept in the unit), else ''. */
  multiplier: '' | '万' | '亿' | '万亿';
  /** True when the number was written as 百分之… (the unit is then %). */
  percent: boolean;
  /** True when the number was written as 千分之… (the unit is then ‰). */
  permille: boolean;
}

/**
 * Reads one number token as plan documents write it, splitting off a trailing 万/亿 multiplier:
 * `320万` → 320 + 万, `三十万` → 30 + 万, `1.5亿` → 1.5 + 亿, `百分之九十五` → 95 (percent),
 * `95` → 95. Returns null when the token is not a number.
 */
export function readNumber(token: string): NumberReading | null {
  let t = token.trim();
  let percent = false;
  let permille = false;
  if (t.startsWith('百分之')) { percent = true; t = t.slice(3); }
  else if (t.startsWith('千分之')) { permille = true; t = t.slice(3); }
  if (t.length === 0) return null;
  if ((percent || permille) && t === '百') return { value: 100, multiplier: '', percent, permille };
  let multiplier: '' | '万' | '亿' | '万亿' = '';
  // 3万亿 (元): the multiplier 万亿 stays whole in the unit
  if (/^[0-9０-９.．,]+(?:万亿|萬億)$/.test(t)) {
    const v = parseArabicNumber(t.slice(0, -2));
    if (v != null) return { value: v, multiplier: '万亿', percent, permille };
  }
  const last = t[t.length - 1];
  if ((last === '万' || last === '萬' || last === '亿' || last === '億') && t.length > 1) {
    const head = t.slice(0, -1);
    // only a multiplier when the rest is a number without its own 万/亿 (三万五千 stays whole)
    if (!/[万萬亿億]/.test(head)) {
      const v = parseArabicNumber(head) ?? parseChineseNumeral(head);
      if (v != null) return { value: v, multiplier: last === '万' || last === '萬' ? '万' : '亿', percent, permille };
    }
  }
  const v = parseArabicNumber(t) ?? parseChineseNumeral(t);
  if (v == null) return null;
  return { value: v, multiplier, percent, permille };
}

/** Reads a number token to a plain value (multiplier applied). `三万` → 30000, `百分之五` → 5. */
export function parseNumber(token: string): number | null {
  const r = readNumber(token);
  if (!r) return null;
  const m = r.multiplier === '万' ? 1e4 : r.multiplier === '亿' ? 1e8 : r.multiplier === '万亿' ? 1e12 : 1;
  return Math.round(r.value * m * 1e9) / 1e9;
}
