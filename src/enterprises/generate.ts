// Synthetic market-entity registers for tests, the demo and the benchmarks (issue 11, item 4).
//
// Deterministic on purpose: a seeded PRNG (mulberry32) makes the same seed give the same register, so
// a test or a benchmark can regenerate exactly the rows it needs. This is synthetic test data, not
// anything secret, so a non-cryptographic PRNG is the right tool here.
//
// Streaming: `generateEnterprises` is a generator function; state is O(1) in the row count (no set of
// issued codes: uniqueness comes from a bijection of the row's serial number onto the 8-character
// organisation-code body), so 3 000 000 rows need flat memory.
import { creditCodeCheckChars, CREDIT_CODE_CHARSET } from './credit-code';
import {
  CATEGORY_WEIGHTS,
  ENTERPRISE_FORMS,
  GIVEN_CHARS,
  INDUSTRY_WEIGHTS,
  INDUSTRY_WORDS,
  ROAD_SUFFIXES,
  ROAD_WORDS,
  STATUS_WEIGHTS,
  SURNAMES,
  TRADE_NAME_CHARS,
  TRADE_NAME_WORDS,
} from './generate-data';
import { industryByCode } from './industry';

/** One county-level registering authority and the townships inside it. */
export interface GeneratorArea {
  /** 6-digit GB/T 2260 code of the registering authority (a county, district or county-level city) */
  code: string;
  /** its own name, e.g. 义乌市 */
  name: string;
  /** the address prefix, e.g. 浙江省金华市义乌市 */
  fullName: string;
  /** 9-digit township codes and names; rows get one of them as their region when given */
  townships?: ReadonlyArray<{ code: string; name: string }>;
  /** relative size among the areas (default 1) */
  weight?: number;
}

export interface GenerateOptions {
  count: number;
  areas: readonly GeneratorArea[];
  seed?: number;
  /** serial number of the first row (use disjoint ranges to make registers that never share a code) */
  firstSerial?: number;
  /** last registration date, YYYY-MM-DD (default 2025-06-30); the first is 40 years before */
  until?: string;
}

export type EntityCategory = '企业' | '个体工商户' | '农民专业合作社';

export interface Licence {
  kind: string;
  number: string;
  product?: string;
  validUntil: string;
}

export interface SyntheticEnterprise {
  creditCode: string;
  name: string;
  legalRepresentative: string;
  category: EntityCategory;
  type: string;
  status: string;
  registeredOn: string;
  /** 万元; null for 个体工商户 and branches */
  registeredCapital: number | null;
  address: string;
  /** township (9 digits) when the area has townships, else the area's 6-digit code */
  regionCode: string;
  industrySection: string;
  industryDivision: string;
  licences: Licence[];
  productTags: string[];
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weighted picker over [value, weight] pairs, precomputed once. */
function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): (u: number) => T {
  const values = pairs.map((p) => p[0]);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of pairs) cum.push((total += w));
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

const MA_SPACE = 31 ** 6; // bodies 'MA' + 6 characters of the 31-character set
const MA_MULT = 387_420_489; // 3^18, coprime with 31^6 (serial × MA_MULT stays below 2^53 for 20 M rows)
const NUM_SPACE = 100_000_000; // all-digit bodies (organisation codes issued before 2015)
const NUM_MULT = 73_939_133; // odd and not a multiple of 5, so coprime with 10^8

/** Food-production licences for these 大类; 工业产品生产许可证 products; 特种设备 products. */
const FOOD_PRODUCTION = new Set(['13', '14', '15']);
const INDUSTRIAL_LICENCE_PRODUCTS = new Set([
  '食品用纸包装', '危险化学品', '化肥', '食品用塑料包装容器工具', '水泥', '建筑用钢筋', '危险化学品包装物及容器', '电线电缆',
]);
const SPECIAL_EQUIPMENT_PRODUCTS = new Set(['锅炉', '压力容器', '起重机械']);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function shortName(areaName: string): string {
  const m = /^(.{2,}?)(自治县|自治旗|新区|市|县|区|旗)$/.exec(areaName);
  return m ? m[1]! : areaName;
}

/**
 * Yield `count` synthetic entities. Same options → same rows. Codes are valid (both check
 * characters), unique within the serial range, and registered by the row's area.
 */
export function* generateEnterprises(options: GenerateOptions): Generator<SyntheticEnterprise, void, undefined> {
  const { count, areas } = options;
  if (areas.length === 0) throw new Error('generateEnterprises needs at least one area');
  const rand = seededRandom(options.seed ?? 20251202);
  const firstSerial = options.firstSerial ?? 0;
  const until = new Date(`${options.until ?? '2025-06-30'}T00:00:00Z`);
  const untilYear = until.getUTCFullYear();
  const ONE_DAY = 86_400_000;
  const coding2015 = Date.UTC(2015, 9, 1); // GB 32100 in force: 2015-10-01

  const pickArea = weighted(areas.map((a) => [a, a.weight ?? 1] as const));
  const pickCategory = weighted(Object.entries(CATEGORY_WEIGHTS) as Array<[EntityCategory, number]>);
  const pickForm = weighted(ENTERPRISE_FORMS.map((f) => [f, f[1]] as const));
  const pickStatusOld = weighted(STATUS_WEIGHTS.map((s) => [s[0], s[1]] as const));
  const pickStatusNew = weighted(STATUS_WEIGHTS.map((s) => [s[0], s[2]] as const));
  const pickIndustry = {
    企业: weighted(Object.entries(INDUSTRY_WEIGHTS.企业)),
    个体工商户: weighted(Object.entries(INDUSTRY_WEIGHTS.个体工商户)),
    农民专业合作社: weighted(Object.entries(INDUSTRY_WEIGHTS.农民专业合作社)),
  };
  const pickSurname = weighted(SURNAMES);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sectionOf = new Map<string, string>();
  const sectionFor = (d: string) => {
    let s = sectionOf.get(d);
    if (!s) sectionOf.set(d, (s = industryByCode(d)!.section.code));
    return s;
  };
  const personName = () => pickSurname(rand()) + pick(GIVEN_CHARS) + (rand() < 0.7 ? pick(GIVEN_CHARS) : '');
  const tradeName = () => (rand() < 0.35 ? pick(TRADE_NAME_WORDS) : pick(TRADE_NAME_CHARS) + pick(TRADE_NAME_CHARS));
  const industryWord = (d: string) => {
    const w = INDUSTRY_WORDS[d];
    return w ? pick(w.words) : industryByCode(d)!.division!.name.replace(/业$/, '');
  };

  for (let i = 0; i < count; i++) {
    const serial = firstSerial + i;
    const area = pickArea(rand());
    const category = pickCategory(rand());
    const division = pickIndustry[category](rand());

    // registration date: 40 years back, skewed to recent years (registers grew fast after 2014)
    const yearsBack = 40 * Math.pow(rand(), 2.2);
    const registered = new Date(until.getTime() - Math.floor(yearsBack * 365.25) * ONE_DAY);
    const registeredOn = registered.toISOString().slice(0, 10);
    const age = untilYear - registered.getUTCFullYear();

    // credit code: department 9 (工商), category 1/2/3, the area's code, a body unique per serial
    let body: string;
    if (registered.getTime() < coding2015 && category !== '个体工商户') {
      body = pad((serial * NUM_MULT + 12_345_679) % NUM_SPACE, 8);
    } else {
      let v = (serial * MA_MULT + 7_777_777) % MA_SPACE;
      let tail = '';
      for (let k = 0; k < 6; k++) {
        tail = CREDIT_CODE_CHARSET[v % 31] + tail;
        v = Math.floor(v / 31);
      }
      body = 'MA' + tail;
    }
    const catDigit = category === '企业' ? '1' : category === '个体工商户' ? '2' : '3';
    const creditCode = creditCodeCheckChars('9' + catDigit + area.code + body).code;

    const short = shortName(area.name);
    const township = area.townships && area.townships.length > 0 ? pick(area.townships) : null;
    const person = personName();
    let name: string;
    let type: string;
    let capital: number | null;
    if (category === '企业') {
      const [formType, , ending] = pickForm(rand());
      type = formType;
      const base = `${short}${tradeName()}${industryWord(division)}`;
      switch (ending) {
        case 'llc':
          name = base + (rand() < 0.7 ? '有限公司' : '有限责任公司');
          break;
        case 'joint-stock':
          name = base + '股份有限公司';
          break;
        case 'sole':
          name = base + pick(['厂', '商行', '经营部', '店']);
          break;
        case 'partnership':
          name = base + '合伙企业（普通合伙）';
          break;
        case 'branch':
          name = `${pick(['浙江', '杭州', '上海', '广东', '江苏', '福建'])}${tradeName()}${industryWord(division)}有限公司${short}分公司`;
          break;
        default:
          name = base + pick(['厂', '社', '公司']);
      }
      // 万元, log-normal around 100, rounded as people register it
      const raw = Math.exp(Math.log(100) + 1.4 * gaussian(rand));
      capital =
        ending === 'branch' ? null : raw < 10 ? Math.max(1, Math.round(raw)) : raw < 1000 ? Math.round(raw / 10) * 10 : Math.round(raw / 100) * 100;
    } else if (category === '个体工商户') {
      type = '个体工商户';
      const place = township && rand() < 0.5 ? township.name : '';
      const owner = rand() < 0.4 ? person.slice(0, 1) + pick(['记', '姐', '哥', '氏', '师傅']) : tradeName();
      name = `${short}${place}${owner}${industryWord(division)}${division === '52' || division === '62' ? '' : pick(['店', '部', '馆', '坊', '行'])}`;
      capital = null;
    } else {
      type = '农民专业合作社';
      const place = township ? township.name.replace(/(镇|乡|街道)$/, '') : tradeName();
      name = `${short}${place}${industryWord(division)}专业合作社`;
      capital = Math.round(Math.exp(Math.log(50) + 0.9 * gaussian(rand)));
    }

    const status = (age >= 10 ? pickStatusOld : pickStatusNew)(rand());
    const address =
      `${area.fullName.replace(/\s+/g, '')}${township ? township.name : ''}` +
      `${pick(ROAD_WORDS)}${pick(ROAD_SUFFIXES)}${1 + Math.floor(rand() * 400)}号` +
      (rand() < 0.3 ? `${1 + Math.floor(rand() * 30)}幢${1 + Math.floor(rand() * 20)}0${1 + Math.floor(rand() * 9)}室` : '');

    // licences and key products
    const licences: Licence[] = [];
    const productTags: string[] = [];
    const words = INDUSTRY_WORDS[division];
    const isMaker = division >= '13' && division <= '43';
    if (words?.products && (isMaker || category === '农民专业合作社') && rand() < 0.8) {
      productTags.push(pick(words.products));
      if (rand() < 0.25) {
        const second = pick(words.products);
        if (second !== productTags[0]) productTags.push(second);
      }
    }
    const validUntil = (years: number) => {
      const d = new Date(registered.getTime() + Math.floor(rand() * 3 * 365) * ONE_DAY);
      d.setUTCFullYear(Math.max(d.getUTCFullYear(), untilYear - 2) + years);
      return d.toISOString().slice(0, 10);
    };
    if (category !== '农民专业合作社' && status !== '注销' && status !== '吊销') {
      const licSerial = pad(serial % 100_000, 5);
      if (FOOD_PRODUCTION.has(division) && rand() < 0.85) {
        licences.push({ kind: '食品生产许可证', number: `SC1${pad(Math.floor(rand() * 100), 2)}${area.code}${licSerial}`, validUntil: validUntil(5) });
      }
      if ((division === '52' && rand() < 0.45) || (division === '62' && rand() < 0.9) || (division === '61' && rand() < 0.3)) {
        licences.push({ kind: '食品经营许可证', number: `JY${category === '企业' ? '1' : '2'}${area.code}${pad(serial % 10_000_000, 7)}`, validUntil: validUntil(5) });
      }
      for (const p of productTags) {
        if (INDUSTRIAL_LICENCE_PRODUCTS.has(p) && rand() < 0.9) {
          licences.push({ kind: '工业产品生产许可证', number: `${area.code.slice(0, 2)}XK${pad(Math.floor(rand() * 100), 2)}-${pad(Math.floor(rand() * 1000), 3)}-${licSerial}`, product: p, validUntil: validUntil(5) });
        }
        if (SPECIAL_EQUIPMENT_PRODUCTS.has(p) && rand() < 0.7) {
          licences.push({ kind: '特种设备生产许可证', number: `TS${pad(Math.floor(rand() * 10000), 4)}${area.code}${licSerial}`, product: p, validUntil: validUntil(4) });
        }
      }
      if (division === '49' && rand() < 0.3) {
        licences.push({ kind: '特种设备生产许可证', number: `TS3${area.code}${licSerial}`, product: '电梯安装改造修理', validUntil: validUntil(4) });
      }
      if (division === '27' && rand() < 0.9) {
        licences.push({ kind: '药品生产许可证', number: `${area.code.slice(0, 2)}${pad(Math.floor(rand() * 100000), 5)}`, validUntil: validUntil(5) });
      }
    }

    yield {
      creditCode,
      name,
      legalRepresentative: person,
      category,
      type,
      status,
      registeredOn,
      registeredCapital: capital,
      address,
      regionCode: township ? township.code : area.code,
      industrySection: sectionFor(division),
      industryDivision: division,
      licences,
      productTags,
    };
  }
}

/** A standard normal deviate from two uniforms (Box-Muller). */
function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
