// Test helpers of the inspections room: a small frame with its lists (no database).
import type { DbOrTx } from '../core/db/index';
import { insertGeneratedEnterprises } from './demo';
import { candidateBoundOf, conflictTag, type DrawFrame, stratumOf, stratumOfV2 } from './draw';

export const DEMO_SEED = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

function codes(prefix: string, n: number): string[] {
  // 18-character, sorted, distinct codes (shape only; the draw does not validate check digits)
  return Array.from({ length: n }, (_, i) => `91330000${prefix}${String(i).padStart(9, '0')}`).sort();
}

/**
 * A small frame with its lists. Version 1 (default): lists sorted; versions 2 and 3: the same codes in
 * a scrambled order, as a snapshot in scan order would hold them (version 3 with candidate bounds).
 */
export function sampleDraw(opts: { sizes?: Record<string, number>; conflictOn?: string; version?: 1 | 2 | 3 } = {}): { frame: DrawFrame; lists: Record<string, string> } {
  const version = opts.version ?? 1;
  const sizes = opts.sizes ?? { A: 40, B: 100, C: 30, D: 10, 未分类: 50 };
  const ratios: Record<string, number> = { A: 0.02, B: 0.05, C: 0.2, D: 1, 未分类: 0.05 };
  const lists: Record<string, string> = {};
  const strata = Object.entries(sizes).map(([key, n], idx) => {
    let list = codes(String(idx), n);
    if (version !== 1) list = list.map((c, i) => [c, (i * 7919) % 1009] as const).sort((a, b) => a[1] - b[1]).map(([c]) => c);
    lists[key] = list.join('\n');
    if (version === 1) return stratumOf(key, ratios[key]!, list);
    const s = stratumOfV2(key, ratios[key]!, list);
    return version === 2 ? s : { ...s, candidateBound: candidateBoundOf(ratios[key]!)?.toString() ?? null };
  });
  const inspectors = [1, 2, 3, 4, 5].map((id) => ({
    id,
    name: `检查员${id}`,
    department: '市场监管局',
    certificateNo: `33000000${id}`,
    conflicts: opts.conflictOn && id === 1 ? [conflictTag(`33000000${id}`, opts.conflictOn)] : [],
  }));
  const frame: DrawFrame = {
    format: 'zhiliang-draw',
    version,
    campaignId: 7,
    campaignName: '2026年食品生产企业双随机抽查',
    authority: '示范区市场监督管理局',
    items: [{ id: 1, code: 'SJ-001', name: '食品生产许可事项检查' }],
    exclusions: { operatingStatuses: ['存续', '在业'], notDrawnForSameItemWithinDays: 365, excludedCount: 3 },
    strata,
    inspectors,
    inspectorsPerObject: 2,
    fixedAt: '2026-12-02T06:00:00.000Z',
  };
  return { frame, lists };
}


// --- database helpers -------------------------------------------------------------------------------

/** Inserts `count` synthetic enterprises of one county into a tenant (directly, as issue 11's import would). */
export async function insertEnterprises(db: DbOrTx, tenantId: number, count: number, opts: { seed?: number; firstSerial?: number } = {}): Promise<void> {
  await insertGeneratedEnterprises(db, tenantId, count, opts);
}
