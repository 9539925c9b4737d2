// The verifiable draw: same seed and frame → same enterprises and inspectors; any change → a different
// draw that verification rejects; inspectors: ≥2, never a declared conflict (recorded), balanced load.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildDrawFile,
  choosePositions,
  commitmentOf,
  conflictTag,
  type DrawFile,
  type DrawFrame,
  KeyedStream,
  newSeed,
  stratumOf,
  takeOf,
  verifyDrawFile,
} from './draw';
import { DEMO_SEED, sampleDraw } from './testing';

const SEED = DEMO_SEED;

describe('the draw', () => {
  it('draws ceil(size × ratio) distinct enterprises per risk class, the same ones for the same seed', async () => {
    const { frame, lists } = sampleDraw();
    const a = await buildDrawFile(frame, lists, SEED);
    const b = await buildDrawFile(frame, lists, SEED);
    expect(a.result).toEqual(b.result);
    const per = (k: string) => a.result.objects.filter((o) => o.stratum === k).length;
    expect([per('A'), per('B'), per('C'), per('D'), per('未分类')]).toEqual([1, 5, 6, 10, 3]);
    expect(new Set(a.result.objects.map((o) => o.creditCode)).size).toBe(a.result.objects.length);
    for (const o of a.result.objects) expect(lists[o.stratum]!.split('\n')[o.position]).toBe(o.creditCode);
  });

  it('gives every drawn enterprise two different inspectors and balances their load', async () => {
    const { frame, lists } = sampleDraw();
    const f = await buildDrawFile(frame, lists, newSeed());
    const load = new Map<number, number>();
    for (const o of f.result.objects) {
      expect(o.inspectors).toHaveLength(2);
      expect(new Set(o.inspectors).size).toBe(2);
      for (const i of o.inspectors) load.set(i, (load.get(i) ?? 0) + 1);
    }
    const loads = [...load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((x, y) => x + y, 0)).toBe(2 * f.result.objects.length);
  });

  it('never sends an inspector to an enterprise they declared a conflict with, and records the redraw', async () => {
    const { frame: f0, lists: l0 } = sampleDraw();
    const all = await buildDrawFile(f0, l0, SEED);
    // the D stratum is drawn whole, so its first code is always drawn
    const target = l0.D!.split('\n')[0]!;
    const { frame, lists } = sampleDraw({ conflictOn: target });
    for (const seed of [SEED, newSeed(), newSeed(), newSeed()]) {
      const f = await buildDrawFile(frame, lists, seed);
      const o = f.result.objects.find((x) => x.creditCode === target)!;
      expect(o.inspectors).not.toContain(1);
      for (const r of f.result.recusals) expect(r).toEqual({ creditCode: target, inspectorId: 1 });
      expect((await verifyDrawFile(f)).ok).toBe(true);
    }
    expect(all.result.recusals).toEqual([]);
  });

  it('is refused when too few inspectors remain after 回避', async () => {
    const { frame, lists } = sampleDraw({ sizes: { D: 2 } });
    const two = { ...frame, inspectors: frame.inspectors.slice(0, 2).map((i) => ({ ...i, conflicts: [conflictTag(i.certificateNo, lists.D!.split('\n')[1]!)] })) };
    two.inspectors[1]!.conflicts = [];
    await expect(buildDrawFile(two, lists, SEED)).rejects.toThrow(/不足 2 名/);
  });

  it('keeps a published known answer (test vector of decision 018)', async () => {
    const frame = sampleDraw().frame;
    const stream = new KeyedStream(Buffer.from(SEED, 'hex'), 'f'.repeat(64), 'objects\nB');
    // the same numbers come out of an independent re-implementation (Python, hmac + hashlib) of the decision's text
    expect(choosePositions(stream, 100, 5)).toEqual([97, 49, 16, 7, 55]);
    expect(commitmentOf(SEED)).toBe('4773d12e2371bb935b9a0f5439b4a1c3ad3f2414b86980f8418d1cfabdfadfef');
    expect(frame.strata.map((s) => s.take)).toEqual([1, 5, 6, 10, 3]);
  });

  it('positions are distinct and in range for any n and k (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (n, k0, seed) => {
        const k = Math.min(n, k0);
        const ps = choosePositions(new KeyedStream(Buffer.from(seed), '0'.repeat(64), 'x'), n, k);
        expect(ps).toHaveLength(k);
        expect(new Set(ps).size).toBe(k);
        for (const p of ps) expect(p >= 0 && p < n).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every position about equally often (each of 10 positions drawn alone, 5 000 seeds)', () => {
    const counts = new Array(10).fill(0);
    for (let s = 0; s < 5000; s++) {
      const seed = Buffer.alloc(32);
      seed.writeUInt32BE(s, 0);
      counts[choosePositions(new KeyedStream(seed, '0'.repeat(64), 'x'), 10, 1)[0]!]++;
    }
    // expected 500 each; a fair draw stays well inside ±100 (≈ 4.7 standard deviations)
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(100);
  });

  it('takes ceil(size × ratio)', () => {
    expect(takeOf(100, 0.05)).toBe(5);
    expect(takeOf(101, 0.05)).toBe(6);
    expect(takeOf(7, 1)).toBe(7);
    expect(takeOf(0, 0.3)).toBe(0);
    expect(takeOf(3, 0.07)).toBe(1);
  });
});

describe('verification of the published file', () => {
  async function published(): Promise<DrawFile> {
    const { frame, lists } = sampleDraw();
    return buildDrawFile(frame, lists, SEED);
  }
  const clone = (f: DrawFile): DrawFile => JSON.parse(JSON.stringify(f));
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);

  it('accepts the file as published', async () => {
    expect(await verifyDrawFile(clone(await published()))).toEqual({ ok: true, objects: 25, inspectors: 5 });
  });

  it('a one-character change of the seed draws other enterprises and fails the commitment', async () => {
    const f = await published();
    const otherSeed = flip(SEED, 10);
    const other = await buildDrawFile(f.frame, f.objects, otherSeed);
    expect(other.result.objects.map((o) => o.creditCode)).not.toEqual(f.result.objects.map((o) => o.creditCode));
    const g = clone(f);
    g.seed = otherSeed;
    const v = await verifyDrawFile(g);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.difference).toMatch(/承诺值不符/);
  });

  it('a one-character change of the frame draws other enterprises and fails the frame hash', async () => {
    const f = await published();
    const g = clone(f);
    g.frame.campaignName = g.frame.campaignName.replace('2026', '2027');
    const other = await buildDrawFile(g.frame, g.objects, SEED);
    expect(other.result.objects.map((o) => o.creditCode)).not.toEqual(f.result.objects.map((o) => o.creditCode));
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/抽查框哈希不符/);
    // even with the frame hash recomputed, the published result no longer follows
    g.frameHash = other.frameHash;
    const v2 = await verifyDrawFile(g);
    expect(!v2.ok && v2.difference).toMatch(/第 1 个抽中对象不同|检查人员不同/);
  });

  it('names the first drawn enterprise that differs', async () => {
    const g = clone(await published());
    g.result.objects[3]!.creditCode = g.result.objects[3]!.creditCode.replace(/.$/, 'X');
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/^第 4 个抽中对象不同/);
  });

  it('notices a list swapped after the frame was published', async () => {
    const g = clone(await published());
    const b = g.objects.B!.split('\n');
    b[0] = b[0]!.replace(/^9/, '8');
    g.objects.B = b.join('\n');
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/分层“B”的对象名单哈希不符/);
  });

  it('notices changed inspectors', async () => {
    const g = clone(await published());
    g.result.objects[0]!.inspectors.reverse();
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/^第 1 个抽中对象 .* 的检查人员不同/);
  });
});
