// The registering areas of a region for the generator: a county is one area; a city or a province
// is every county-level unit inside it (weighted by its number of townships, a rough size).
import { regionRecords, type RegionRecord } from '../org/tenancy/regions-data';
import type { GeneratorArea } from './generate';

let cache: RegionRecord[] | null = null;

export function generatorAreas(regionCode: string): GeneratorArea[] {
  cache ??= regionRecords({ townships: true });
  const all = cache;
  const byParent = new Map<string, RegionRecord[]>();
  for (const r of all) {
    if (!r.parentCode) continue;
    const list = byParent.get(r.parentCode);
    if (list) list.push(r);
    else byParent.set(r.parentCode, [r]);
  }
  const root = all.find((r) => r.code === regionCode);
  if (!root) throw new Error(`unknown region ${regionCode}`);
  if (root.level === 4) throw new Error('a township is not a registering authority; give its county');
  const counties: RegionRecord[] =
    root.level === 3 ? [root] : root.level === 2 ? (byParent.get(root.code) ?? []) : (byParent.get(root.code) ?? []).flatMap((c) => byParent.get(c.code) ?? []);
  return counties
    .filter((c) => c.level === 3 && c.name !== '市辖区')
    .map((c) => {
      const townships = (byParent.get(c.code) ?? []).map((t) => ({ code: t.code, name: t.name }));
      return { code: c.code, name: c.name, fullName: c.fullName, townships, weight: Math.max(1, townships.length) };
    });
}
