import { describe, expect, it } from 'vitest';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, INDUSTRY_SOURCE, industriesByName, industryByCode, sectionOfDivision } from './industry';

describe('GB/T 4754-2017 门类 and 大类', () => {
  it('has 20 门类 A–T and 97 大类 01–97 with unique codes, each inside its 门类 range', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    expect(new Set(INDUSTRY_DIVISIONS.map((d) => d.code)).size).toBe(97);
    expect(INDUSTRY_DIVISIONS.map((d) => Number(d.code))).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
    for (const d of INDUSTRY_DIVISIONS) {
      const s = INDUSTRY_SECTIONS.find((x) => x.code === d.section)!;
      expect(d.code >= s.from && d.code <= s.to, `${d.code} in ${s.code}`).toBe(true);
    }
    // ranges tile 01–97 without gaps
    let next = 1;
    for (const s of INDUSTRY_SECTIONS) {
      expect(Number(s.from)).toBe(next);
      next = Number(s.to) + 1;
    }
    expect(next).toBe(98);
    expect(new Set(INDUSTRY_DIVISIONS.map((d) => d.name)).size).toBeGreaterThanOrEqual(95); // 房地产业/教育/国际组织 repeat their 门类 name only
    expect(INDUSTRY_SOURCE).toMatch(/GB\/T 4754-2017/);
  });

  it('knows the names a county register uses', () => {
    const name = (c: string) => industryByCode(c)?.division?.name;
    expect(name('13')).toBe('农副食品加工业');
    expect(name('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(name('65')).toBe('软件和信息技术服务业');
    expect(name('52')).toBe('零售业');
    expect(name('62')).toBe('餐饮业');
    expect(name('50')).toBe('建筑装饰、装修和其他建筑业');
    expect(industryByCode('C')!.section.name).toBe('制造业');
    expect(industryByCode('F')!.section).toMatchObject({ from: '51', to: '52' });
    expect(sectionOfDivision('44')!.name).toBe('电力、热力、燃气及水生产和供应业');
    expect(sectionOfDivision('97')!.code).toBe('T');
  });

  it('reads codes as registers write them', () => {
    expect(industryByCode('C1311')!.division!.code).toBe('13');
    expect(industryByCode('5211')!.division!.name).toBe('零售业');
    expect(industryByCode('1')!.division!.name).toBe('农业');
    expect(industryByCode('c')!.section.code).toBe('C');
    expect(industryByCode('A13')).toBeNull();
    expect(industryByCode('98')).toBeNull();
    expect(industryByCode('U')).toBeNull();
    expect(industryByCode('农业')).toBeNull();
  });

  it('finds by a fragment of the name, exact matches first', () => {
    const r = industriesByName('零售');
    expect(r.map((x) => x.code)).toEqual(['52', 'F']);
    expect(industriesByName('房地产业')[0]).toEqual({ kind: '大类', code: '70', name: '房地产业' });
    expect(industriesByName('软件').map((x) => x.code)).toEqual(['65', 'I']);
    expect(industriesByName('计算机通信')[0]!.code).toBe('39');
    expect(industriesByName('  ')).toEqual([]);
    expect(industriesByName('火星')).toEqual([]);
  });
});
