import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  REGISTRATION_DEPARTMENTS,
  creditCodeCheckChars,
  normaliseCreditCode,
  organizationCheckChar,
  parseCreditCode,
  validateCreditCode,
} from './credit-code';

function errorsOf(raw: string) {
  const r = validateCreditCode(raw);
  return r.ok ? [] : r.errors;
}

describe('统一社会信用代码 validation', () => {
  it('accepts codes published by real enterprises', () => {
    // commonly cited examples (a 福州 enterprise, and two large groups' codes as shown on their licences)
    for (const c of ['91350100M000100Y43', '91110000802100433B', '914403001922038216']) {
      const r = validateCreditCode(c);
      expect(r.ok, c).toBe(true);
    }
    const p = parseCreditCode('91350100M000100Y43')!;
    expect(p).toMatchObject({ departmentName: '工商', categoryName: '企业', division: '350100', organizationCode: 'M000100Y4' });
  });

  it('normalises spaces, full-width characters and lower case before checking', () => {
    expect(normaliseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43');
    expect(normaliseCreditCode('91350100-m000100y4 3')).toBe('91350100M000100Y43');
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３').ok).toBe(true);
  });

  it('says the length is wrong', () => {
    expect(errorsOf('')).toEqual([{ part: 'length', message: '统一社会信用代码为空' }]);
    expect(errorsOf('91350100M000100Y4')[0]).toEqual({ part: 'length', message: '长度不是18位（实际17位）' });
    expect(errorsOf('91350100M000100Y433')[0]!.part).toBe('length');
  });

  it('names a forbidden character', () => {
    expect(errorsOf('91350100I000100Y43')).toEqual([{ part: 'charset', message: '含有不允许的字符「I」' }]);
    expect(errorsOf('91350100O00010SY43')[0]!.message).toBe('含有不允许的字符「O」「S」');
    expect(errorsOf('9135010中M000100Y43')[0]!.message).toContain('「中」');
  });

  it('checks the department and the category against the code table', () => {
    // 'B' is not a registration department; recompute check characters so only that part is wrong
    const badDept = creditCodeCheckChars('B1350100M000100Y').code;
    expect(errorsOf(badDept)).toEqual([{ part: 'department', message: '登记管理部门代码无效（第1位「B」）' }]);
    // 工商 registers only 1 企业, 2 个体工商户, 3 农民专业合作社
    const badCat = creditCodeCheckChars('94350100M000100Y').code;
    const e = errorsOf(badCat);
    expect(e).toHaveLength(1);
    expect(e[0]!.part).toBe('category');
    expect(e[0]!.message).toContain('工商登记的第2位只能是1、2、3');
    // Y 其他 has only category 1; 5 民政 has 1, 2, 3, 9
    expect(errorsOf(creditCodeCheckChars('Y2350100M000100Y').code)[0]!.part).toBe('category');
    expect(validateCreditCode(creditCodeCheckChars('Y1350100M000100Y').code).ok).toBe(true);
    expect(validateCreditCode(creditCodeCheckChars('59350100M000100Y').code).ok).toBe(true);
    expect(errorsOf(creditCodeCheckChars('54350100M000100Y').code)[0]!.part).toBe('category');
  });

  it('checks the registering authority division code', () => {
    const bad = creditCodeCheckChars('919901000M00100Y'.slice(0, 16)).code;
    expect(errorsOf(bad)[0]).toEqual({ part: 'division', message: '登记管理机关行政区划码无效（第3-8位「990100」）' });
    expect(errorsOf(creditCodeCheckChars('9135A100M000100Y').code)[0]!.part).toBe('division');
    expect(validateCreditCode(creditCodeCheckChars('91100000M000100Y').code).ok).toBe(true);
  });

  it('reports the organisation code check character with the expected value', () => {
    // body M000100Y: check is 4; write 5 but keep a correct 18th character for that wrong code
    const first16 = '91350100M000100Y';
    const with5 = first16 + '5';
    const { check } = creditCodeCheckChars(first16); // check of the correct code
    expect(check).toBe('3');
    const e = errorsOf(with5 + '0');
    expect(e[0]).toEqual({ part: 'organization', message: '组织机构代码校验位错误（应为 4）' });
  });

  it('reports the 18th check character with the expected value', () => {
    expect(errorsOf('91350100M000100Y44')).toEqual([{ part: 'check', message: '第18位校验码错误（应为 3）' }]);
  });

  it('computes the GB 11714 check with X and 0', () => {
    // find bodies whose check is X (remainder 1) and 0 (remainder 0) and verify the mapping
    expect(organizationCheckChar('71093123')).toBe('X');
    const zero = ['00000000', '00000011'].find((b) => organizationCheckChar(b) === '0');
    expect(zero).toBeDefined();
    expect(validateCreditCode('9111000071093123XX').ok).toBe(true);
  });

  const pairs = Object.entries(REGISTRATION_DEPARTMENTS).flatMap(([d, v]) => Object.keys(v.categories).map((c) => d + c));
  const divisions = ['110000', '350100', '330782', '440300', '510104', '652901', '100000'];
  const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
  const validCode = fc
    .tuple(fc.constantFrom(...pairs), fc.constantFrom(...divisions), fc.array(charsetChar, { minLength: 8, maxLength: 8 }))
    .map(([pc, div, body]) => creditCodeCheckChars(pc + div + body.join('')).code);

  it('property: generated codes validate, and any single-character change is caught', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, shift) => {
        expect(validateCreditCode(code).ok).toBe(true);
        const i = CREDIT_CODE_CHARSET.indexOf(code[pos]!);
        const changed = code.slice(0, pos) + CREDIT_CODE_CHARSET[(i + shift) % 31] + code.slice(pos + 1);
        expect(changed).not.toBe(code);
        expect(validateCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a character outside the set anywhere is named', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.constantFrom('I', 'O', 'Z', 'S', 'V', '*'), (code, pos, ch) => {
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        const r = validateCreditCode(changed);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors[0]).toEqual({ part: 'charset', message: `含有不允许的字符「${ch}」` });
      }),
    );
  });
});
