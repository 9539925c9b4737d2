// The verifiable draw: same seed and frame → same enterprises and inspectors; any change → a different
// draw that verification rejects; inspectors: ≥2, never a declared conflict (recorded), balanced load.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildDrawFile,
  candidateBoundOf,
  candidateSalt,
  choosePositions,
  commitmentOf,
  conflictTag,
  type DrawFile,
  type DrawFrame,
  KeyedStream,
  frameHash,
  keyLimit,
  newSeed,
  objectSaltV3,
  selectStratumV2,
  selectStratumV3,
  stratumOf,
  stratumOfV2,
  stratumSalt,
  takeOf,
  verifyDrawFile,
} from './draw';
import { pgHashTextExtended } from './lookup3';
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

// ---------------------------------------------------------------------------------------------------
// version 2 (decision 037): lists in any order, the `take` smallest keyed hashes drawn

describe('the draw, version 2', () => {
  const v2 = (opts: Parameters<typeof sampleDraw>[0] = {}) => sampleDraw({ ...opts, version: 2 });
  const clone = (f: DrawFile): DrawFile => JSON.parse(JSON.stringify(f));
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);

  it('draws ceil(size × ratio) per class: exactly the codes with the smallest hashtextextended(code, salt), in that order', async () => {
    const { frame, lists } = v2();
    const a = await buildDrawFile(frame, lists, SEED);
    expect(a.version).toBe(2);
    expect(a.result).toEqual((await buildDrawFile(frame, lists, SEED)).result);
    const fh = frameHash(frame);
    for (const s of frame.strata) {
      const codes = lists[s.key]!.split('\n');
      const salt = stratumSalt(SEED, fh, s.key);
      const ranked = codes
        .map((c) => ({ c, h: pgHashTextExtended(c, salt) }))
        .sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.c < y.c ? -1 : 1))
        .slice(0, s.take)
        .map((x) => x.c);
      const drawn = a.result.objects.filter((o) => o.stratum === s.key);
      expect(drawn.map((o) => o.creditCode)).toEqual(ranked);
      for (const o of drawn) expect(codes[o.position]).toBe(o.creditCode);
    }
    expect(a.result.objects.map((o) => o.stratum).join('')).toBe('ABBBBBCCCCCCDDDDDDDDDD未分类未分类未分类');
    expect(await verifyDrawFile(clone(a))).toEqual({ ok: true, objects: 25, inspectors: 5 });
  });

  it('keeps a known answer (test vector of decision 037, checked against PostgreSQL 15)', () => {
    const salt = stratumSalt(SEED, 'f'.repeat(64), 'B');
    expect(salt).toBe(-5740794485977637884n);
    expect(pgHashTextExtended('91330000MA2B7XQ00K', salt)).toBe(5357307127279082393n);
  });

  it('a one-character change of the seed draws other enterprises and fails the commitment', async () => {
    const { frame, lists } = v2();
    const f = await buildDrawFile(frame, lists, SEED);
    const other = await buildDrawFile(frame, lists, flip(SEED, 10));
    expect(other.result.objects.map((o) => o.creditCode)).not.toEqual(f.result.objects.map((o) => o.creditCode));
    const g = clone(f);
    g.seed = flip(SEED, 10);
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/承诺值不符/);
  });

  it('a one-character change of the frame draws other enterprises; the frame hash and then the result fail', async () => {
    const { frame, lists } = v2();
    const f = await buildDrawFile(frame, lists, SEED);
    const g = clone(f);
    g.frame.campaignName = g.frame.campaignName.replace('2026', '2027');
    const other = await buildDrawFile(g.frame, g.objects, SEED);
    // the same lists and ratios, yet (almost) every class draws other enterprises
    for (const k of ['A', 'B', 'C', '未分类']) {
      expect(other.result.objects.filter((o) => o.stratum === k).map((o) => o.creditCode)).not.toEqual(f.result.objects.filter((o) => o.stratum === k).map((o) => o.creditCode));
    }
    expect(!(await verifyDrawFile(g)).ok && ((await verifyDrawFile(g)) as { difference: string }).difference).toMatch(/抽查框哈希不符/);
    g.frameHash = other.frameHash;
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/第 \d+ 个抽中对象不同|检查人员不同/);
  });

  it('rejects a list with a code twice, a list of another size, and a list changed after publication', async () => {
    const { frame, lists } = v2();
    const f = await buildDrawFile(frame, lists, SEED);
    // a forger who republishes the B list with one code twice and recomputes every hash
    const b = lists.B!.split('\n');
    b[7] = b[3]!;
    const dupFrame = structuredClone(frame);
    dupFrame.strata[1] = stratumOfV2('B', 0.05, b);
    const g = clone(f);
    g.frame = dupFrame;
    g.frameHash = frameHash(dupFrame);
    g.objects.B = b.join('\n');
    const v = await verifyDrawFile(g);
    expect(!v.ok && v.difference).toMatch(/分层“B”的对象名单有重复代码 /);
    const h = clone(f);
    h.objects.B = lists.B!.split('\n').slice(1).join('\n');
    expect(((await verifyDrawFile(h)) as { difference: string }).difference).toMatch(/分层“B”的对象名单哈希不符/);
    expect(() => selectStratumV2('B', lists.B!, 99, 5, 1n)).toThrow(/分层“B”的对象数量不符：名单中 100 个，抽查框中为 99/);
  });

  it('never sends an inspector to an enterprise they declared a conflict with, records the redraw, and verifies', async () => {
    const { lists } = v2();
    const target = lists.D!.split('\n')[4]!; // D is drawn whole
    const { frame } = v2({ conflictOn: target });
    let recused = 0;
    // six fixed seeds: in three of them inspector 1 is among the object's default two (checked once)
    for (const seed of [0, 1, 2, 3, 4, 5].map((i) => SEED.slice(0, 60) + String(i).padStart(4, '0'))) {
      const f = await buildDrawFile(frame, lists, seed);
      const o = f.result.objects.find((x) => x.creditCode === target)!;
      expect(o.inspectors).not.toContain(1);
      expect(new Set(o.inspectors).size).toBe(2);
      for (const r of f.result.recusals) expect(r).toEqual({ creditCode: target, inspectorId: 1 });
      recused += f.result.recusals.length;
      expect((await verifyDrawFile(clone(f))).ok).toBe(true);
    }
    expect(recused).toBe(3);
  });

  it('is refused when too few inspectors remain after 回避', async () => {
    const { frame, lists } = v2({ sizes: { D: 2 } });
    const code = lists.D!.split('\n')[1]!;
    const two = { ...frame, inspectors: frame.inspectors.slice(0, 2).map((i, k) => ({ ...i, conflicts: k === 0 ? [conflictTag(i.certificateNo, code)] : [] })) };
    await expect(buildDrawFile(two, lists, SEED)).rejects.toThrow(/不足 2 名/);
  });

  it('gives every drawn enterprise two different inspectors and balances their load', async () => {
    const { frame, lists } = v2({ sizes: { A: 400, B: 300, D: 37 } });
    const f = await buildDrawFile(frame, lists, newSeed());
    const load = new Map<number, number>();
    for (const o of f.result.objects) {
      expect(new Set(o.inspectors).size).toBe(2);
      for (const i of o.inspectors) load.set(i, (load.get(i) ?? 0) + 1);
    }
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  it('reaches every code about equally often (each of 10 codes drawn alone, 5 000 seeds)', () => {
    const codes = Array.from({ length: 10 }, (_, i) => `91330000MA2B7XQ0${String(i).padStart(2, '0')}`);
    const list = codes.join('\n');
    const counts = new Map<string, number>();
    for (let s = 0; s < 5000; s++) {
      const seed = Buffer.alloc(32);
      seed.writeUInt32BE(s, 0);
      const [o] = selectStratumV2('B', list, 10, 1, stratumSalt(seed.toString('hex'), '0'.repeat(64), 'B'));
      counts.set(o!.creditCode, (counts.get(o!.creditCode) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const c of counts.values()) expect(Math.abs(c - 500)).toBeLessThan(100);
  });

  it('draws the same set whether or not the sorting bound cuts in (the bound only saves work)', () => {
    const codes = Array.from({ length: 5000 }, (_, i) => `9133${String(i * 7).padStart(14, '0')}`);
    const list = codes.join('\n');
    expect(keyLimit(5000, 50)).not.toBeNull();
    const salt = stratumSalt(SEED, '1'.repeat(64), 'A');
    const bounded = selectStratumV2('A', list, 5000, 50, salt);
    const brute = codes
      .map((c, i) => ({ c, i, h: pgHashTextExtended(c, salt) }))
      .sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.c < y.c ? -1 : 1))
      .slice(0, 50)
      .map((x) => ({ position: x.i, creditCode: x.c }));
    expect(bounded).toEqual(brute);
    expect(selectStratumV2('A', list, 5000, 5000, salt).slice(0, 50)).toEqual(brute);
  });

  it('a version-1 file still verifies by the version-1 algorithm', async () => {
    const { frame, lists } = sampleDraw();
    const f = await buildDrawFile(frame, lists, SEED);
    expect(f.version).toBe(1);
    expect(await verifyDrawFile(clone(f))).toEqual({ ok: true, objects: 25, inspectors: 5 });
    const g = clone(f);
    g.version = 2;
    expect(((await verifyDrawFile(g)) as { difference: string }).difference).toMatch(/抽查框版本 1 与文件版本 2 不一致/);
  });
});

describe('the draw, version 3', () => {
  const v3 = (opts: Parameters<typeof sampleDraw>[0] = {}) => sampleDraw({ ...opts, version: 3 });
  const clone = (f: DrawFile): DrawFile => JSON.parse(JSON.stringify(f));
  const cmp = (x: { h: bigint; c: string }, y: { h: bigint; c: string }) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.c < y.c ? -1 : x.c > y.c ? 1 : 0);
  /** the definition of decision 051 written out directly */
  const brute = (codes: string[], take: number, candSalt: bigint, bound: bigint | null, objSalt: bigint) => {
    const cands = codes.filter((c) => bound === null || pgHashTextExtended(c, candSalt) < bound);
    return (cands.length > take ? cands : codes)
      .map((c) => ({ c, h: pgHashTextExtended(c, objSalt) }))
      .sort(cmp)
      .slice(0, take)
      .map((x) => x.c);
  };

  it('draws per class the candidates with the smallest object keys, or ranks the whole list when they are no more than it draws', async () => {
    const { frame, lists } = v3({ sizes: { A: 2000, B: 300, C: 30, D: 10, 未分类: 3 } });
    const f = await buildDrawFile(frame, lists, SEED);
    expect(f.version).toBe(3);
    const fh = frameHash(frame);
    let fellBack = 0;
    for (const s of frame.strata) {
      const codes = lists[s.key]!.split('\n');
      const bound = s.candidateBound == null ? null : BigInt(s.candidateBound);
      const candidates = codes.filter((c) => bound === null || pgHashTextExtended(c, candidateSalt(SEED, s.key)) < bound).length;
      if (candidates <= s.take) fellBack++;
      const drawn = f.result.objects.filter((o) => o.stratum === s.key);
      expect(drawn.map((o) => o.creditCode)).toEqual(brute(codes, s.take, candidateSalt(SEED, s.key), bound, objectSaltV3(SEED, fh, s.key)));
      for (const o of drawn) expect(codes[o.position]).toBe(o.creditCode);
    }
    // with this seed a small class has no more candidates than it draws (the second rule is exercised)
    expect(fellBack).toBeGreaterThan(0);
    expect(await verifyDrawFile(clone(f))).toMatchObject({ ok: true, objects: f.result.objects.length });
  });

  it('publishes a candidate bound a little above the ratio, none when the whole class is drawn', () => {
    expect(candidateBoundOf(1)).toBeNull();
    expect(candidateBoundOf(0.9)).toBeNull();
    const share = (b: bigint) => Number(b + 2n ** 63n) / 2 ** 64;
    expect(share(candidateBoundOf(0.02)!)).toBeCloseTo(0.025, 6);
    expect(share(candidateBoundOf(0.61)!)).toBeCloseTo(0.7035, 6);
  });

  it('reaches every code about equally often, with and without the fallback (5 000 seeds)', () => {
    for (const [n, take, ratio] of [
      [10, 1, 0.1],
      [40, 4, 0.1],
    ] as const) {
      const codes = Array.from({ length: n }, (_, i) => `91330000MA2B7XQ0${String(i).padStart(2, '0')}`);
      const list = codes.join('\n');
      const bound = candidateBoundOf(ratio);
      const counts = new Map<string, number>();
      for (let s = 0; s < 5000; s++) {
        const seed = Buffer.alloc(32);
        seed.writeUInt32BE(s, 0);
        const hex = seed.toString('hex');
        for (const o of selectStratumV3('B', list, n, take, candidateSalt(hex, 'B'), bound, objectSaltV3(hex, '0'.repeat(64), 'B'))) {
          counts.set(o.creditCode, (counts.get(o.creditCode) ?? 0) + 1);
        }
      }
      expect(counts.size).toBe(n);
      const expected = (5000 * take) / n;
      for (const c of counts.values()) expect(Math.abs(c - expected)).toBeLessThan(expected * 0.2);
    }
  });

  it('a one-character change of the frame draws other enterprises in every class not drawn whole, and other inspectors', async () => {
    const { frame, lists } = v3({ sizes: { A: 4000, B: 1000, C: 200, 未分类: 20, D: 10 } });
    const f = await buildDrawFile(frame, lists, SEED);
    const g = clone(f);
    g.frame.campaignName = g.frame.campaignName.replace('2026', '2027');
    const other = await buildDrawFile(g.frame, g.objects, SEED);
    for (const k of ['A', 'B', 'C', '未分类']) {
      expect(other.result.objects.filter((o) => o.stratum === k).map((o) => o.creditCode)).not.toEqual(f.result.objects.filter((o) => o.stratum === k).map((o) => o.creditCode));
    }
    expect(other.result.objects.map((o) => o.inspectors)).not.toEqual(f.result.objects.map((o) => o.inspectors));
    expect(((await verifyDrawFile(g)) as { difference: string }).difference).toMatch(/抽查框哈希不符/);
    g.frameHash = other.frameHash;
    expect(((await verifyDrawFile(g)) as { difference: string }).difference).toMatch(/第 \d+ 个抽中对象不同|检查人员不同/);
    // the bound is part of the frame: publishing another one is a change of the frame
    const h = clone(f);
    h.frame.strata[0]!.candidateBound = (BigInt(h.frame.strata[0]!.candidateBound!) + 1n).toString();
    expect(((await verifyDrawFile(h)) as { difference: string }).difference).toMatch(/抽查框哈希不符/);
  });

  it('a one-character change of the seed fails the commitment; a malformed bound is refused', async () => {
    const { frame, lists } = v3();
    const f = await buildDrawFile(frame, lists, SEED);
    const g = clone(f);
    g.seed = SEED.replace(/^0/, '1');
    expect(((await verifyDrawFile(g)) as { difference: string }).difference).toMatch(/承诺值不符/);
    const h = clone(f);
    h.frame.strata[0]!.candidateBound = '12x';
    h.frameHash = frameHash(h.frame);
    expect(((await verifyDrawFile(h)) as { difference: string }).difference).toMatch(/候选界值格式错误/);
  });

  it('keeps a known answer (test vector of decision 051, checked against PostgreSQL 15 and PGlite in draw-v3.test.ts)', () => {
    expect(candidateSalt(SEED, 'A')).toBe(-4652348298496559483n);
    expect(objectSaltV3(SEED, 'f'.repeat(64), 'A')).toBe(-3994559493663379205n);
    expect(pgHashTextExtended('91330000MA2B7XQ00K', -4652348298496559483n)).toBe(2743089615435981823n);
    expect(pgHashTextExtended('91330000MA2B7XQ00K', -3994559493663379205n)).toBe(1398134162370814970n);
  });
});
