// Units of measure as plan documents write them, and their normalized forms
// (../shared/contracts/plan-extraction.md: `％`→`%`, `万㎡`→`万平方米`, `微克/立方米` kept).

export type UnitCategory = 'percent' | 'count' | 'measure' | 'time' | 'money' | 'score';

interface UnitDef {
  raw: string;
  unit: string;
  category: UnitCategory;
}

const defs: UnitDef[] = [];
const add = (category: UnitCategory, unit: string, ...raws: string[]) => {
  for (const raw of [unit, ...raws]) defs.push({ raw, unit, category });
};

add('percent', '%', '％');
add('percent', '个百分点', '百分点');
add('percent', '‰');
// things counted
for (const u of ['家', '个', '项', '条', '台', '套', '件', '名', '人', '位', '所', '座', '处', '支', '批', '期',
  '次', '场', '户', '种', '款', '只', '辆', '艘', '部', '篇', '本', '份', '块', '间', '栋', '幢', '张', '株', '棵',
  '宗', '组', '队', '册', '类', '例', '枚', '盏', '架', '头', '羽']) add('count', u);
add('count', '人次');
add('count', '台件', '台(件)', '台（件）');
add('count', '台套');
add('count', '件套');
add('count', '家次');
add('count', '批次');
for (const u of ['台次', '车次', '架次', '艘次', '件次', '场次', '班次', '人天']) add('count', u);
add('count', '户次');
add('count', '张床位');
add('count', '床');
// measures
add('measure', '平方米', '㎡', 'm²', 'm2', '平米');
add('measure', '平方公里', '平方千米', 'km²', 'k㎡', '㎞²');
add('measure', '立方米', 'm³', 'm3');
add('measure', '公顷');
add('measure', '亩');
add('measure', '公里', '千米', 'km', '㎞');
add('measure', '米');
add('measure', '吨');
add('measure', '斤');
add('measure', '千瓦时', '度电');
add('measure', '千瓦', 'kW', 'kw');
add('measure', '兆瓦', 'MW');
add('measure', '吨标准煤', '吨标煤');
add('measure', '微克/立方米', 'μg/m³', 'μg/m3', 'ug/m3', 'ug/m³', '微克每立方米');
add('measure', '毫克/立方米', 'mg/m³', 'mg/m3');
add('measure', '毫克/升', 'mg/L', 'mg/l');
add('measure', '倍');
add('measure', '岁');
add('measure', '升');
add('measure', '公斤', 'kg');
add('measure', '千克');
add('measure', 'GB');
add('money', '元');
add('money', '美元');
add('score', '分');
add('time', '年');
add('time', '个月', '月');
add('time', '天');
add('time', '日');
add('time', '小时');
add('time', '分钟');
add('time', '秒');
// 0.5个工作日 keeps its measure word, as the plans write it (个月 likewise)
add('time', '个工作日');
add('time', '工作日');
add('time', '周');

// longest raw form first, grouped by first character
const byFirst = new Map<string, UnitDef[]>();
for (const d of defs.sort((a, b) => b.raw.length - a.raw.length)) {
  const k = d.raw[0];
  const list = byFirst.get(k) ?? [];
  list.push(d);
  byFirst.set(k, list);
}

export interface UnitMatch {
  /** The unit as written. */
  raw: string;
  /** Normalized unit without multiplier. */
  unit: string;
  category: UnitCategory;
  /** Characters consumed from the position. */
  length: number;
}

/** The unit written at `pos` in `text` (after a number), longest first; null when there is none. */
export function matchUnitAt(text: string, pos: number): UnitMatch | null {
  const list = byFirst.get(text[pos]);
  if (!list) return null;
  for (const d of list) {
    if (text.startsWith(d.raw, pos)) {
      let unit = d.unit;
      let length = d.raw.length;
      // a per-unit denominator: 元/人, 万元/人, 公里/万平方公里
      if ((d.category === 'money' || d.category === 'measure' || d.category === 'count') && (text[pos + length] === '/' || text[pos + length] === '／') && !unit.includes('/')) {
        let q = pos + length + 1;
        let mult = '';
        if (/[万千百十]/.test(text[q] ?? '') && text[q + 1] !== undefined) { mult = text[q]; q++; }
        const den = matchUnitAt(text, q);
        if (den && !den.unit.includes('/') && den.category !== 'percent') {
          unit = `${unit}/${mult}${den.unit}`;
          length = q + den.length - pos;
          return { raw: text.slice(pos, pos + length), unit, category: 'measure', length };
        }
      }
      return { raw: d.raw, unit, category: d.category, length };
    }
  }
  return null;
}

/**
 * Normalizes a unit as written: `％`→`%`, `㎡`→`平方米`, `万㎡`→`万平方米`, `μg/m³`→`微克/立方米`.
 * A leading 万/亿/千/百 multiplier stays: `万名`, `亿元`. Unknown units come back trimmed.
 */
export function normalizeUnit(raw: string): string {
  const t = raw.replace(/\s+/g, '');
  if (t === '') return '';
  let mult = '';
  let rest = t;
  if (/^[万亿萬億]/.test(rest) && rest.length > 1) {
    mult = rest[0] === '萬' ? '万' : rest[0] === '億' ? '亿' : rest[0];
    rest = rest.slice(1);
  }
  const m = matchUnitAt(rest, 0);
  if (m && m.length === rest.length) return mult + m.unit;
  return mult + rest.replace(/％/g, '%').replace(/㎡/g, '平方米');
}
