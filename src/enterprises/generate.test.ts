import { describe, expect, it } from 'vitest';
import { validateCreditCode } from './credit-code';
import { generateEnterprises, type GeneratorArea, type SyntheticEnterprise } from './generate';
import { generatorAreas } from './generate-areas';
import { industryByCode } from './industry';

// a small hand-made county so most tests do not load the national region list
const county: GeneratorArea = {
  code: '330782',
  name: '义乌市',
  fullName: '浙江省 金华市 义乌市',
  townships: [
    { code: '330782001', name: '稠城街道' },
    { code: '330782002', name: '江东街道' },
    { code: '330782100', name: '佛堂镇' },
  ],
};

function take(n: number, seed = 7, areas: readonly GeneratorArea[] = [county]): SyntheticEnterprise[] {
  return [...generateEnterprises({ count: n, areas, seed })];
}

describe('synthetic register generator', () => {
  it('100 000 rows: every credit code valid, none repeated, registered by the county', () => {
    const seen = new Set<string>();
    let n = 0;
    for (const e of generateEnterprises({ count: 100_000, areas: [county], seed: 42 })) {
      const r = validateCreditCode(e.creditCode);
      if (!r.ok) throw new Error(`${e.creditCode}: ${r.errors[0]!.message}`);
      expect(r.division).toBe('330782');
      seen.add(e.creditCode);
      n++;
    }
    expect(n).toBe(100_000);
    expect(seen.size).toBe(100_000);
  });

  it('disjoint serial ranges never share a code', () => {
    const a = new Set([...generateEnterprises({ count: 5000, areas: [county], seed: 1 })].map((e) => e.creditCode));
    const b = [...generateEnterprises({ count: 5000, areas: [county], seed: 1, firstSerial: 5000 })].map((e) => e.creditCode);
    expect(b.filter((c) => a.has(c))).toEqual([]);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    expect(take(50, 3)).toEqual(take(50, 3));
    const other = take(50, 4);
    expect(other.map((e) => e.name)).not.toEqual(take(50, 3).map((e) => e.name));
  });

  it('looks like a county register: categories, statuses, industries, names, dates, capital', () => {
    const rows = take(10_000, 11);
    const share = (f: (e: SyntheticEnterprise) => boolean) => rows.filter(f).length / rows.length;
    expect(share((e) => e.category === '企业')).toBeGreaterThan(0.6);
    expect(share((e) => e.category === '个体工商户')).toBeGreaterThan(0.15);
    expect(share((e) => e.category === '农民专业合作社')).toBeGreaterThan(0.01);
    expect(share((e) => e.status === '存续' || e.status === '在业')).toBeGreaterThan(0.75);
    for (const s of ['吊销', '注销', '迁出']) expect(share((e) => e.status === s), s).toBeGreaterThan(0);
    // the largest industries of a county: retail and wholesale, and manufacturing as a whole is sizeable
    expect(share((e) => e.industryDivision === '52')).toBeGreaterThan(0.15);
    expect(share((e) => e.industryDivision === '51')).toBeGreaterThan(0.08);
    expect(share((e) => e.industrySection === 'C')).toBeGreaterThan(0.1);
    expect(share((e) => e.industryDivision === '62')).toBeGreaterThan(0.03);
    for (const e of rows) {
      const ind = industryByCode(e.industryDivision)!;
      expect(ind.section.code).toBe(e.industrySection);
      expect(e.name.startsWith('义乌') || e.name.endsWith('义乌分公司')).toBe(true);
      expect(e.address.startsWith('浙江省金华市义乌市')).toBe(true);
      expect(county.townships!.map((t) => t.code)).toContain(e.regionCode);
      expect(e.legalRepresentative).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(e.registeredOn >= '1985-06-30' && e.registeredOn <= '2025-06-30').toBe(true);
      const code = validateCreditCode(e.creditCode);
      expect(code.ok && code.category).toBe(e.category === '企业' ? '1' : e.category === '个体工商户' ? '2' : '3');
      if (e.category === '农民专业合作社') expect(e.name.endsWith('专业合作社')).toBe(true);
      if (e.type.startsWith('有限责任公司（')) expect(e.name).toMatch(/有限(责任)?公司$/);
      if (e.type.startsWith('股份有限公司')) expect(e.name.endsWith('股份有限公司')).toBe(true);
      if (e.category === '个体工商户') expect(e.registeredCapital).toBeNull();
    }
    // decades spread, recent years heavier
    const before2005 = share((e) => e.registeredOn < '2005');
    const since2015 = share((e) => e.registeredOn >= '2015');
    expect(before2005).toBeGreaterThan(0.05);
    expect(since2015).toBeGreaterThan(0.5);
    // capital skewed: mean well above median
    const caps = rows.map((e) => e.registeredCapital).filter((c): c is number => c !== null).sort((a, b) => a - b);
    const median = caps[caps.length >> 1]!;
    const mean = caps.reduce((s, c) => s + c, 0) / caps.length;
    expect(median).toBeGreaterThanOrEqual(50);
    expect(median).toBeLessThanOrEqual(200);
    expect(mean).toBeGreaterThan(1.5 * median);
    // many distinct names, not a handful repeated
    expect(new Set(rows.map((e) => e.name)).size).toBeGreaterThan(rows.length * 0.8);
  });

  it('gives licences where the industry needs them, and key-product tags to makers', () => {
    const rows = take(30_000, 5);
    const withKind = (k: string) => rows.filter((e) => e.licences.some((l) => l.kind === k));
    const sc = withKind('食品生产许可证');
    expect(sc.length).toBeGreaterThan(50);
    for (const e of sc) expect(['13', '14', '15']).toContain(e.industryDivision);
    const jy = withKind('食品经营许可证');
    expect(jy.length).toBeGreaterThan(500);
    for (const e of jy) expect(['52', '61', '62']).toContain(e.industryDivision);
    const xk = withKind('工业产品生产许可证');
    expect(xk.length).toBeGreaterThan(20);
    for (const e of xk) {
      expect(e.industrySection).toBe('C');
      const l = e.licences.find((x) => x.kind === '工业产品生产许可证')!;
      expect(e.productTags).toContain(l.product);
    }
    expect(withKind('特种设备生产许可证').length).toBeGreaterThan(5);
    for (const e of rows) if (e.status === '注销' || e.status === '吊销') expect(e.licences).toEqual([]);
    const makers = rows.filter((e) => e.industrySection === 'C');
    expect(makers.filter((e) => e.productTags.length > 0).length / makers.length).toBeGreaterThan(0.5);
    expect(rows.filter((e) => e.industrySection === 'F' && e.productTags.length > 0)).toEqual([]);
  });

  it('spreads a city register over its counties, each code registered where the row is', () => {
    const areas = generatorAreas('330700'); // 金华市
    expect(areas.length).toBeGreaterThanOrEqual(8);
    const rows = take(3000, 9, areas);
    const counties = new Set(rows.map((e) => e.creditCode.slice(2, 8)));
    expect(counties.size).toBe(areas.length);
    for (const e of rows) {
      expect(e.regionCode.slice(0, 6)).toBe(e.creditCode.slice(2, 8));
      expect(e.address.startsWith('浙江省金华市')).toBe(true);
    }
    expect(() => generatorAreas('999999')).toThrow();
  });
});
