/**
 * 统一社会信用代码 (GB 32100-2015, with its amendment XG1-2016): normalise, validate, and compute
 * the two check characters. Pure and import-free so the web can use the same rules as the server.
 *
 * For the next steps (tables, import, search):
 * - Store the code as `normaliseCreditCode(raw)` (18 upper-case half-width characters) and make it
 *   unique per tenant on that form; search by code should normalise the query the same way.
 * - The import refuses a row with `validateCreditCode(raw)`: when `ok` is false, `errors[0].message`
 *   is the Chinese reason to put beside the row, and `errors[].part` says which part is wrong
 *   (machine code `enterprise.credit_code.<part>` is a natural stable code for the API).
 * - `parseCreditCode` gives the registering authority's division code (positions 3-8) and the
 *   机构类别 (positions 1-2: 91 企业, 92 个体工商户, 93 农民专业合作社…), useful as filters and to
 *   cross-check the region column of an import; the division code is the *registering* authority,
 *   not necessarily the enterprise's township.
 * - `creditCodeCheckChars` lets the generator (generate.ts) and tests make valid codes.
 *
 * Structure: 1 登记管理部门代码, 2 机构类别代码, 3-8 登记管理机关行政区划码 (GB/T 2260), 9-17 主体标识码
 * (组织机构代码, GB 11714: 8 body characters + its own check character), 18 校验码 (GB/T 17710 style,
 * modulus 31). Characters: 0-9 and A-Z without I, O, Z, S, V (31 characters).
 */

/** The 31 characters of GB 32100-2015, in value order (0-30). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * 登记管理部门代码 → allowed 机构类别代码 (GB 32100-2015 with XG1-2016; table as quoted at
 * https://osuse.cn/post/10002590.html "统一社会信用代码解析登记管理部门和机构类别", checked against the
 * department list quoted at http://www.51517777.com/post/31787.html).
 */
export const REGISTRATION_DEPARTMENTS: Readonly<Record<string, { name: string; categories: Readonly<Record<string, string>> }>> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常住新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: { '1': '其他' } },
};

/** GB/T 2260 province-level prefixes (first two digits of a division code); 100000 is national. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodePart = 'length' | 'charset' | 'department' | 'category' | 'division' | 'organization' | 'check';

export interface CreditCodeError {
  part: CreditCodePart;
  message: string;
}

export type CreditCodeResult =
  | { ok: true; code: string; department: string; category: string; division: string; organizationCode: string }
  | { ok: false; code: string; errors: CreditCodeError[] };

/** Trim, drop inner spaces and dashes, full-width → half-width, lower → upper. */
export function normaliseCreditCode(raw: string): string {
  let out = '';
  for (const ch of raw.trim()) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII block
    if (c === 0x3000 || c === 0x20 || c === 0x09 || c === 0x2d) continue; // spaces and '-'
    out += String.fromCodePoint(c);
  }
  return out.toUpperCase();
}

/** Value of a character in GB 11714 (0-9, then A=10 … Z=35 over the whole alphabet); -1 if none. */
function orgValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** The GB 11714 check character of an 8-character organisation-code body ('0'-'9' or 'X'). */
export function organizationCheckChar(body8: string): string {
  if (body8.length !== 8) throw new Error('organisation code body must be 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgValue(body8[i]!);
    if (v < 0) throw new Error(`invalid organisation code character ${body8[i]}`);
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The 18th character for the first 17 characters (weights 3^(i-1) mod 31, check = 31 - sum mod 31). */
export function creditCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('need the first 17 characters');
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`invalid credit code character ${first17[i]}`);
    sum += v * w;
    w = (w * 3) % 31;
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[c]!;
}

/**
 * Both check characters for a code given without them: `prefix16` is positions 1-8 plus the 8 body
 * characters of the organisation code (positions 9-16). Returns the full 18-character code too.
 */
export function creditCodeCheckChars(prefix16: string): { organizationCheck: string; check: string; code: string } {
  const p = normaliseCreditCode(prefix16);
  if (p.length !== 16) throw new Error('need 16 characters: positions 1-16');
  const organizationCheck = organizationCheckChar(p.slice(8, 16));
  const first17 = p + organizationCheck;
  const check = creditCheckChar(first17);
  return { organizationCheck, check, code: first17 + check };
}

/** Validate a 统一社会信用代码; every failing part is reported, in position order, with a Chinese message. */
export function validateCreditCode(raw: string): CreditCodeResult {
  const code = normaliseCreditCode(raw);
  const errors: CreditCodeError[] = [];
  if (code.length === 0) return { ok: false, code, errors: [{ part: 'length', message: '统一社会信用代码为空' }] };
  if ([...code].length !== 18) {
    errors.push({ part: 'length', message: `长度不是18位（实际${[...code].length}位）` });
  }
  const bad = [...new Set([...code].filter((ch) => !CREDIT_CODE_CHARSET.includes(ch)))];
  if (bad.length > 0) {
    errors.push({ part: 'charset', message: `含有不允许的字符${bad.map((b) => `「${b}」`).join('')}` });
  }
  if (errors.length > 0) return { ok: false, code, errors };

  const department = code[0]!;
  const category = code[1]!;
  const division = code.slice(2, 8);
  const dept = REGISTRATION_DEPARTMENTS[department];
  if (!dept) {
    errors.push({ part: 'department', message: `登记管理部门代码无效（第1位「${department}」）` });
  } else if (!dept.categories[category]) {
    errors.push({
      part: 'category',
      message: `机构类别代码无效（${dept.name}登记的第2位只能是${Object.keys(dept.categories).join('、')}，实为「${category}」）`,
    });
  }
  if (!/^\d{6}$/.test(division) || !(PROVINCE_PREFIXES.has(division.slice(0, 2)) || division === '100000')) {
    errors.push({ part: 'division', message: `登记管理机关行政区划码无效（第3-8位「${division}」）` });
  }
  const orgExpected = organizationCheckChar(code.slice(8, 16));
  if (code[16] !== orgExpected) {
    errors.push({ part: 'organization', message: `组织机构代码校验位错误（应为 ${orgExpected}）` });
  }
  const checkExpected = creditCheckChar(code.slice(0, 17));
  if (code[17] !== checkExpected) {
    errors.push({ part: 'check', message: `第18位校验码错误（应为 ${checkExpected}）` });
  }
  if (errors.length > 0) return { ok: false, code, errors };
  return { ok: true, code, department, category, division, organizationCode: code.slice(8, 17) };
}

/** The parts of a valid code with their names, or null when it is not valid. */
export function parseCreditCode(raw: string): {
  code: string;
  department: string;
  departmentName: string;
  category: string;
  categoryName: string;
  division: string;
  organizationCode: string;
} | null {
  const r = validateCreditCode(raw);
  if (!r.ok) return null;
  const dept = REGISTRATION_DEPARTMENTS[r.department]!;
  return {
    code: r.code,
    department: r.department,
    departmentName: dept.name,
    category: r.category,
    categoryName: dept.categories[r.category]!,
    division: r.division,
    organizationCode: r.organizationCode,
  };
}
