// The verifiable draw of 双随机、一公开 (issue 12; algorithm in docs/decisions/018-verifiable-draw.md).
//
// Pure: no database, no clock, no Math.random. The platform publishes a campaign's frame and the
// commitment SHA-256(seed) before the draw, and the seed after it; `drawFromFrame` is a deterministic
// function of (seed, frame, object lists), so anyone holding the published file recomputes the same
// enterprises and the same inspectors (`zhiliang draw verify FILE`, `verifyDrawFile`).
//
// Memory: O(k + inspectors) for the draw itself (sparse partial Fisher-Yates over positions); the object
// lists are only read at the k drawn positions.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hashInto, lastHash } from './lookup3';

export const DRAW_FORMAT = 'zhiliang-draw';
/** The version new campaigns use (decision 051); versions 1 (decision 018) and 2 (037) stay verifiable. */
export const DRAW_VERSION = 3;
export type DrawVersion = 1 | 2 | 3;

/** One stratum of the object library: the eligible enterprises of one risk class. */
export interface FrameStratum {
  /** 'A' | 'B' | 'C' | 'D' | '未分类' (unknown class, drawn at B's ratio) */
  key: string;
  /** the share to draw, 0..1 (data: the item's ratio for this class) */
  ratio: number;
  /** how many eligible enterprises the stratum holds */
  size: number;
  /** how many are drawn: ceil(size × ratio), at most size */
  take: number;
  /**
   * SHA-256 (hex) of the stratum's credit codes joined with "\n": version 1 sorted ascending by code
   * unit; version 2 in the order the frame snapshot holds them (any order, no duplicates)
   */
  listHash: string;
  /**
   * Version 3: the codes whose candidate key (hashtextextended under the candidate salt) is below this
   * signed 64-bit integer (decimal) are the stratum's candidates; null = every code is a candidate
   */
  candidateBound?: string | null;
}

export interface FrameInspector {
  id: number;
  name: string;
  department: string;
  certificateNo: string;
  /** declared conflicts (回避), each as conflictTag(certificateNo, creditCode) — not the codes themselves */
  conflicts: string[];
}

export interface FrameItem {
  id: number;
  code: string;
  name: string;
}

/** What is published before the draw (together with `commitment`). Hashed canonically. */
export interface DrawFrame {
  format: typeof DRAW_FORMAT;
  version: DrawVersion;
  campaignId: number;
  campaignName: string;
  authority: string;
  items: FrameItem[];
  /** the exclusion rules applied, in words and parameters (for readers; the lists already apply them) */
  exclusions: { operatingStatuses: string[]; notDrawnForSameItemWithinDays: number; excludedCount: number };
  strata: FrameStratum[];
  /** inspectors qualified for the campaign's items, sorted by id */
  inspectors: FrameInspector[];
  /** at least 2 (行政处罚法 第42条) */
  inspectorsPerObject: number;
  /** when the frame was fixed (ISO) */
  fixedAt: string;
}

export interface DrawnObject {
  stratum: string;
  /** 0-based position in the stratum's published list */
  position: number;
  creditCode: string;
  /** inspector ids, in the order they were assigned */
  inspectors: number[];
}

/** An inspector passed over for an object because of a declared conflict (the redraw, recorded). */
export interface Recusal {
  creditCode: string;
  inspectorId: number;
}

export interface DrawResult {
  objects: DrawnObject[];
  recusals: Recusal[];
  /**
   * Version 2 campaigns keep only the recusals and this count on the campaign row (the objects are
   * the campaign's inspection_objects rows; the public file lists them all).
   */
  objectCount?: number;
}

/** The public file `zhiliang draw verify` checks. */
export interface DrawFile {
  format: typeof DRAW_FORMAT;
  version: DrawVersion;
  frame: DrawFrame;
  frameHash: string;
  commitment: string;
  /** per stratum key: the credit codes joined with "\n" (the list `listHash` covers) */
  objects: Record<string, string>;
  /** hex, 32 bytes; revealed after the draw */
  seed: string;
  result: DrawResult;
}

export class DrawError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// hashing helpers

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level, no spaces: the bytes the frame hash covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new DrawError('BAD_FRAME', '抽查框中含有非法数值');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function frameHash(frame: DrawFrame): string {
  return sha256Hex(canonicalJson(frame));
}

/** A fresh seed from the operating system's CSPRNG (32 bytes, hex). */
export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

export function commitmentOf(seedHex: string): string {
  return sha256Hex(seedBytes(seedHex));
}

function seedBytes(seedHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new DrawError('BAD_SEED', '随机种子应为 64 位十六进制小写字符');
  return Buffer.from(seedHex, 'hex');
}

/** How a declared conflict appears in the public frame: SHA-256("回避\n" + certificateNo + "\n" + creditCode). */
export function conflictTag(certificateNo: string, creditCode: string): string {
  return sha256Hex(`回避\n${certificateNo}\n${creditCode}`);
}

/** SHA-256 of the sorted list joined with "\n" (streaming: feed codes one by one). */
export class ListHasher {
  private readonly h = createHash('sha256');
  private count = 0;
  add(code: string): void {
    this.h.update(this.count === 0 ? code : `\n${code}`);
    this.count++;
  }
  get size(): number {
    return this.count;
  }
  digest(): string {
    return this.h.digest('hex');
  }
}

/** take = ceil(size × ratio), within 0..size; the ratio is rounded to 6 decimals first. */
export function takeOf(size: number, ratio: number): number {
  if (!(ratio >= 0 && ratio <= 1)) throw new DrawError('BAD_FRAME', '抽查比例应在 0 到 1 之间');
  const micro = Math.round(ratio * 1_000_000);
  return Math.min(size, Math.ceil((size * micro) / 1_000_000));
}

// ---------------------------------------------------------------------------------------------------
// the keyed random stream

/**
 * Uniform integers from HMAC-SHA256(seed, frameHash "\n" label "\n" counter), counter = 0, 1, 2 …
 * (decimal). Each 32-byte block gives five 48-bit big-endian values (bytes 0-5, 6-11, … 24-29; the last
 * two bytes are unused). below(m) rejects values ≥ 2^48 − (2^48 mod m), so every result is exactly uniform.
 */
export class KeyedStream {
  private counter = 0;
  private block: Buffer | null = null;
  private offset = 30;
  constructor(
    private readonly seed: Buffer,
    private readonly frameHashHex: string,
    private readonly label: string,
  ) {}

  private next48(): number {
    if (this.offset >= 30) {
      this.block = createHmac('sha256', this.seed).update(`${this.frameHashHex}\n${this.label}\n${this.counter}`).digest();
      this.counter++;
      this.offset = 0;
    }
    const v = this.block!.readUIntBE(this.offset, 6);
    this.offset += 6;
    return v;
  }

  /** A uniform integer in [0, m), 1 ≤ m ≤ 2^48. */
  below(m: number): number {
    if (!Number.isInteger(m) || m < 1 || m > 2 ** 48) throw new DrawError('BAD_FRAME', '抽样范围超出上限');
    const limit = 2 ** 48 - (2 ** 48 % m);
    for (;;) {
      const v = this.next48();
      if (v < limit) return v % m;
    }
  }
}

/**
 * k distinct positions out of 0..n-1, in draw order: a partial Fisher-Yates shuffle of the identity
 * permutation, step i swapping i with i + below(n − i). Only swapped cells are stored (O(k) memory).
 */
export function choosePositions(stream: KeyedStream, n: number, k: number): number[] {
  if (k > n) throw new DrawError('BAD_FRAME', '抽取数量大于对象数量');
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(n - i);
    const vi = at(i);
    const vj = at(j);
    swapped.set(j, vi);
    swapped.set(i, vj);
    out.push(vj);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// the draw

/** Reads the code at `position` of a stratum (lists are in the database or in the published file). */
export type CodeAt = (stratum: string, positions: number[]) => Promise<string[]> | string[];

/** Positions per stratum (step 1 of the draw); no list needed. */
export function drawPositions(seedHex: string, frame: DrawFrame): Map<string, number[]> {
  const seed = seedBytes(seedHex);
  const fh = frameHash(frame);
  const out = new Map<string, number[]>();
  for (const s of frame.strata) {
    if (s.take !== takeOf(s.size, s.ratio)) throw new DrawError('BAD_FRAME', `分层“${s.key}”的抽取数量与比例不符`);
    out.set(s.key, choosePositions(new KeyedStream(seed, fh, `objects\n${s.key}`), s.size, s.take));
  }
  return out;
}

/**
 * Inspectors for the drawn objects (step 2). The inspectors form a queue of rounds: round r is the
 * frame's inspectors (sorted by id) in the order of a full keyed shuffle (label "inspectors\n" + r).
 * Objects are served in draw order: first from the `deferred` list, then from the queue; an inspector
 * with a declared conflict is passed over (recorded once per object) and deferred, as is one already
 * taken for this object; the first `inspectorsPerObject` others are taken. Every inspector comes once
 * per round, so loads stay balanced; O(objects × inspectorsPerObject) work.
 */
export function assignInspectors(seedHex: string, frame: DrawFrame, objects: Array<{ stratum: string; position: number; creditCode: string }>): DrawResult {
  const seed = seedBytes(seedHex);
  const fh = frameHash(frame);
  const per = frame.inspectorsPerObject;
  if (!Number.isInteger(per) || per < 2) throw new DrawError('BAD_FRAME', '每个检查对象至少需要 2 名执法检查人员');
  const all = [...frame.inspectors].sort((a, b) => a.id - b.id);
  const conflicts = new Map<number, Set<string>>(all.map((i) => [i.id, new Set(i.conflicts)]));
  const hasConflicts = all.some((i) => i.conflicts.length > 0);
  let round = -1;
  let order: number[] = [];
  let next = 0;
  const pull = (): FrameInspector => {
    if (next >= order.length) {
      round++;
      order = choosePositions(new KeyedStream(seed, fh, `inspectors\n${round}`), all.length, all.length);
      next = 0;
    }
    return all[order[next++]!]!;
  };
  let deferred: FrameInspector[] = [];
  const result: DrawResult = { objects: [], recusals: [] };
  for (const o of objects) {
    const conflicted = (i: FrameInspector) => hasConflicts && conflicts.get(i.id)!.has(conflictTag(i.certificateNo, o.creditCode));
    if (all.filter((i) => !conflicted(i)).length < per) {
      throw new DrawError('NOT_ENOUGH_INSPECTORS', `检查对象 ${o.creditCode} 可选派的执法检查人员不足 ${per} 名（已排除回避人员）`);
    }
    const taken: number[] = [];
    const recused = new Set<number>();
    const kept: FrameInspector[] = [];
    const consider = (i: FrameInspector) => {
      if (taken.length === per) return kept.push(i);
      if (conflicted(i)) {
        if (!recused.has(i.id)) {
          recused.add(i.id);
          result.recusals.push({ creditCode: o.creditCode, inspectorId: i.id });
        }
        return kept.push(i);
      }
      if (taken.includes(i.id)) return kept.push(i);
      taken.push(i.id);
    };
    for (const i of deferred) consider(i);
    while (taken.length < per) consider(pull());
    deferred = kept;
    result.objects.push({ ...o, inspectors: taken });
  }
  return result;
}

/** The whole draw: positions, the codes at them, inspectors. */
export async function drawFromFrame(seedHex: string, frame: DrawFrame, codeAt: CodeAt): Promise<DrawResult> {
  const positions = drawPositions(seedHex, frame);
  const objects: Array<{ stratum: string; position: number; creditCode: string }> = [];
  for (const s of frame.strata) {
    const ps = positions.get(s.key)!;
    if (ps.length === 0) continue;
    const codes = await codeAt(s.key, ps);
    ps.forEach((position, i) => objects.push({ stratum: s.key, position, creditCode: codes[i]! }));
  }
  return assignInspectors(seedHex, frame, objects);
}

// ---------------------------------------------------------------------------------------------------
// verification of a published file

export type VerifyOutcome = { ok: true; objects: number; inspectors: number } | { ok: false; difference: string };

/** Reads one stratum's joined list at positions without splitting it when every code has the same length. */
function listReader(joined: string, size: number): (p: number) => string {
  if (size === 0) return () => '';
  const first = joined.indexOf('\n');
  const w = first === -1 ? joined.length : first;
  if (joined.length === size * (w + 1) - 1) return (p) => joined.slice(p * (w + 1), p * (w + 1) + w);
  const parts = joined.split('\n');
  return (p) => parts[p]!;
}

/** Checks a published draw file; answers OK or the first difference (in Chinese). */
export async function verifyDrawFile(file: DrawFile): Promise<VerifyOutcome> {
  const fail = (difference: string): VerifyOutcome => ({ ok: false, difference });
  if (!file || file.format !== DRAW_FORMAT) return fail('文件格式不是 zhiliang-draw');
  if (file.version !== 1 && file.version !== 2 && file.version !== 3) return fail(`不支持的版本 ${String(file.version)}`);
  if (!file.frame || file.frame.format !== DRAW_FORMAT) return fail('缺少抽查框（frame）');
  if (file.frame.version !== file.version) return fail(`抽查框版本 ${String(file.frame.version)} 与文件版本 ${file.version} 不一致`);
  if (typeof file.seed !== 'string' || !/^[0-9a-f]{64}$/.test(file.seed)) return fail('随机种子缺失或格式错误（应为 64 位十六进制）');
  const commitment = commitmentOf(file.seed);
  if (commitment !== file.commitment) return fail(`承诺值不符：SHA-256(种子) = ${commitment}，文件中承诺值为 ${String(file.commitment)}`);
  let fh: string;
  try {
    fh = frameHash(file.frame);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (fh !== file.frameHash) return fail(`抽查框哈希不符：计算得 ${fh}，文件中为 ${String(file.frameHash)}`);
  for (const s of file.frame.strata) {
    const joined = file.objects?.[s.key];
    if (typeof joined !== 'string') return fail(`缺少分层“${s.key}”的对象名单`);
    const h = sha256Hex(joined);
    if (h !== s.listHash) return fail(`分层“${s.key}”的对象名单哈希不符：计算得 ${h}，抽查框中为 ${s.listHash}`);
  }
  let expected: DrawResult;
  if (file.version === 1) {
    const readers = new Map<string, (p: number) => string>();
    for (const s of file.frame.strata) {
      const joined = file.objects[s.key]!;
      const count = joined === '' ? 0 : countLines(joined);
      if (count !== s.size) return fail(`分层“${s.key}”的对象数量不符：名单中 ${count} 个，抽查框中为 ${s.size}`);
      const read = listReader(joined, s.size);
      for (let p = 1; p < s.size; p++) {
        if (!(read(p - 1) < read(p))) return fail(`分层“${s.key}”的对象名单未按代码升序排列或有重复（第 ${p + 1} 行）`);
      }
      readers.set(s.key, read);
    }
    try {
      expected = await drawFromFrame(file.seed, file.frame, (key, ps) => ps.map((p) => readers.get(key)!(p)));
    } catch (e) {
      return fail(e instanceof DrawError ? e.message : `重算失败：${(e as Error).message}`);
    }
  } else {
    try {
      expected = file.version === 2 ? drawV2(file.seed, file.frame, file.objects) : drawV3(file.seed, file.frame, file.objects);
    } catch (e) {
      return fail(e instanceof DrawError ? e.message : `重算失败：${(e as Error).message}`);
    }
  }
  const got = file.result ?? { objects: [], recusals: [] };
  const n = Math.max(expected.objects.length, got.objects?.length ?? 0);
  for (let i = 0; i < n; i++) {
    const e = expected.objects[i];
    const g = got.objects?.[i];
    if (!e) return fail(`第 ${i + 1} 个抽中对象多余：文件中为 ${g!.creditCode}，重算结果只有 ${expected.objects.length} 个`);
    if (!g) return fail(`第 ${i + 1} 个抽中对象缺失：重算得 ${e.creditCode}（分层 ${e.stratum}）`);
    if (g.stratum !== e.stratum || g.creditCode !== e.creditCode || g.position !== e.position) {
      return fail(`第 ${i + 1} 个抽中对象不同：重算得 ${e.creditCode}（分层 ${e.stratum}，位置 ${e.position}），文件中为 ${g.creditCode}（分层 ${g.stratum}，位置 ${g.position}）`);
    }
    if (canonicalJson(g.inspectors) !== canonicalJson(e.inspectors)) {
      return fail(`第 ${i + 1} 个抽中对象 ${e.creditCode} 的检查人员不同：重算得 ${e.inspectors.join('、')}，文件中为 ${(g.inspectors ?? []).join('、')}`);
    }
  }
  if (canonicalJson(got.recusals ?? []) !== canonicalJson(expected.recusals)) {
    return fail(`回避记录不同：重算得 ${expected.recusals.length} 条，文件中为 ${(got.recusals ?? []).length} 条`);
  }
  return { ok: true, objects: expected.objects.length, inspectors: new Set(expected.objects.flatMap((o) => o.inspectors)).size };
}

function countLines(s: string): number {
  let c = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) c++;
  return c;
}

/** Builds a version-1 frame stratum from its sorted codes (tests, the demo, small campaigns). */
export function stratumOf(key: string, ratio: number, sortedCodes: readonly string[]): FrameStratum {
  const h = new ListHasher();
  let prev: string | null = null;
  for (const c of sortedCodes) {
    if (prev !== null && !(prev < c)) throw new DrawError('BAD_FRAME', `分层“${key}”的名单未按代码升序排列或有重复`);
    h.add(c);
    prev = c;
  }
  return { key, ratio, size: sortedCodes.length, take: takeOf(sortedCodes.length, ratio), listHash: h.digest() };
}

/** Draws and assembles the public file from a frame (either version), its lists (joined) and the seed. */
export async function buildDrawFile(frame: DrawFrame, lists: Record<string, string>, seedHex: string): Promise<DrawFile> {
  let result: DrawResult;
  if (frame.version === 1) {
    const readers = new Map(frame.strata.map((s) => [s.key, listReader(lists[s.key] ?? '', s.size)]));
    result = await drawFromFrame(seedHex, frame, (key, ps) => ps.map((p) => readers.get(key)!(p)));
  } else {
    result = frame.version === 2 ? drawV2(seedHex, frame, lists) : drawV3(seedHex, frame, lists);
  }
  return { format: DRAW_FORMAT, version: frame.version, frame, frameHash: frameHash(frame), commitment: commitmentOf(seedHex), objects: lists, seed: seedHex, result };
}

// ---------------------------------------------------------------------------------------------------
// version 2 (decision 037): no sorted list, no position shuffle. Each stratum's codes are ranked by a
// keyed hash that PostgreSQL computes in C (hashtextextended = lookup3, re-implemented in lookup3.ts),
// salted per stratum from the seed and the frame hash; the `take` smallest are drawn.

const TWO63 = 2n ** 63n;

/** A stratum's salt: bytes 0-7 of HMAC-SHA256(seed, frameHash "\n" "objects-v2" "\n" key), big-endian, signed. */
export function stratumSalt(seedHex: string, frameHashHex: string, key: string): bigint {
  const mac = createHmac('sha256', seedBytes(seedHex)).update(`${frameHashHex}\nobjects-v2\n${key}`).digest();
  return mac.readBigInt64BE(0);
}

/**
 * A bound on the keys worth sorting (an optimisation, not part of the definition): keys are uniform
 * over the signed 64-bit range, so about n × p fall under −2⁶³ + p × 2⁶⁴; p is chosen for
 * k + 6√k + 16 expected, leaving fewer than k with a probability far below 10⁻⁹ (then everything is sorted).
 * null = no bound.
 */
export function keyLimit(n: number, k: number): bigint | null {
  const expected = k + 6 * Math.sqrt(k) + 16;
  if (k === 0 || expected >= n) return null;
  return BigInt(Math.floor((expected / n) * 2 ** 53)) * 2048n - TWO63;
}

interface Candidate {
  index: number;
  start: number;
  end: number;
  /** the key's high half as a signed int32 and low half unsigned: (hi, lo) compare like the signed 64-bit key */
  hi: number;
  lo: number;
}

/**
 * The drawn codes of one stratum under version 2: the `take` codes of the published list with the
 * smallest (hashtextextended(code, salt), code bytes), in that order, with their 0-based positions in
 * the list. Also checks the list: `size` codes, none repeated. Memory: 8 bytes a code plus the candidates.
 */
export function selectStratumV2(key: string, list: string, size: number, take: number, salt: bigint): Array<{ position: number; creditCode: string }> {
  const bytes = Buffer.from(list, 'utf8');
  const [sh, sl] = [Number(BigInt.asUintN(64, salt) >> 32n), Number(BigInt.asUintN(64, salt) & 0xffffffffn)];
  const keys = new BigUint64Array(Math.max(size, 1));
  const kv = new DataView(keys.buffer);
  const limit = keyLimit(size, take);
  const limHi = limit === null ? 0 : Number(BigInt.asIntN(32, limit >> 32n));
  const limLo = limit === null ? 0 : Number(BigInt.asUintN(32, limit));
  let cands: Candidate[] = [];
  const all: Candidate[] | null = limit === null ? cands : null;
  let count = 0;
  const eachCode = (fn: (start: number, end: number, hi: number, lo: number) => void) => {
    if (bytes.length === 0) return;
    let start = 0;
    for (;;) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      hashInto(bytes, start, end, sh, sl);
      fn(start, end, lastHash.hi | 0, lastHash.lo);
      if (end === bytes.length) break;
      start = end + 1;
    }
  };
  eachCode((start, end, hi, lo) => {
    if (count < size) {
      kv.setUint32(count * 8, lo, true);
      kv.setUint32(count * 8 + 4, hi >>> 0, true);
    }
    if (all || hi < limHi || (hi === limHi && lo < limLo)) cands.push({ index: count, start, end, hi, lo });
    count++;
  });
  if (count !== size) throw new DrawError('BAD_FRAME', `分层“${key}”的对象数量不符：名单中 ${count} 个，抽查框中为 ${size}`);
  // no code twice: equal codes have equal keys, so only codes whose keys repeat are compared
  const sorted = keys.subarray(0, size).slice().sort();
  const repeated = new Set<bigint>();
  for (let i = 1; i < size; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  if (repeated.size) {
    const seen = new Set<string>();
    let i = 0;
    eachCode((start, end) => {
      if (repeated.has(keys[i++]!)) {
        const code = bytes.toString('utf8', start, end);
        if (seen.has(code)) throw new DrawError('BAD_FRAME', `分层“${key}”的对象名单有重复代码 ${code}`);
        seen.add(code);
      }
    });
  }
  if (take > size) throw new DrawError('BAD_FRAME', '抽取数量大于对象数量');
  if (cands.length < take) {
    // fewer under the bound than needed (improbable): rank the whole list
    cands = [];
    let i = 0;
    eachCode((start, end, hi, lo) => cands.push({ index: i++, start, end, hi, lo }));
  }
  cands.sort((a, b) => a.hi - b.hi || a.lo - b.lo || Buffer.compare(bytes.subarray(a.start, a.end), bytes.subarray(b.start, b.end)));
  return cands.slice(0, take).map((c) => ({ position: c.index, creditCode: bytes.toString('utf8', c.start, c.end) }));
}

/** Builds a version-2 frame stratum from its codes in any order (tests, small campaigns). */
export function stratumOfV2(key: string, ratio: number, codes: readonly string[]): FrameStratum {
  const h = new ListHasher();
  for (const c of codes) h.add(c);
  return { key, ratio, size: codes.length, take: takeOf(codes.length, ratio), listHash: h.digest() };
}

/**
 * Inspectors of version 2, step 1 (needs no credit code): the version-1 queue of keyed rounds
 * ("inspectors\n" + r) with duplicates deferred, no conflicts considered. Answers `count` × per ids,
 * object after object.
 */
export function defaultInspectorsV2(seedHex: string, frame: DrawFrame, count: number): number[] {
  const seed = seedBytes(seedHex);
  const fh = frameHash(frame);
  const per = frame.inspectorsPerObject;
  if (!Number.isInteger(per) || per < 2) throw new DrawError('BAD_FRAME', '每个检查对象至少需要 2 名执法检查人员');
  const ids = frame.inspectors.map((i) => i.id).sort((a, b) => a - b);
  if (count > 0 && ids.length < per) throw new DrawError('NOT_ENOUGH_INSPECTORS', `可选派的执法检查人员不足 ${per} 名`);
  let round = -1;
  let order: number[] = [];
  let next = 0;
  const pull = (): number => {
    if (next >= order.length) {
      round++;
      order = choosePositions(new KeyedStream(seed, fh, `inspectors\n${round}`), ids.length, ids.length);
      next = 0;
    }
    return ids[order[next++]!]!;
  };
  const out: number[] = new Array(count * per);
  let deferred: number[] = [];
  for (let o = 0; o < count; o++) {
    const taken: number[] = [];
    const kept: number[] = [];
    const consider = (x: number) => {
      if (taken.length === per || taken.includes(x)) kept.push(x);
      else taken.push(x);
    };
    for (const x of deferred) consider(x);
    while (taken.length < per) consider(pull());
    deferred = kept;
    for (let j = 0; j < per; j++) out[o * per + j] = taken[j]!;
  }
  return out;
}

/**
 * Inspectors of version 2, step 2, for one object: each default inspector with a declared conflict
 * with the code is recorded as a recusal and replaced, in place, by the first inspector of the
 * object's reserve order (a keyed shuffle of the frame's inspectors, label "reserve\n" + drawOrder,
 * 1-based) who has no conflict with the code and is not already assigned. Objects without any
 * conflict keep their defaults (no reserve order is computed).
 */
export class ConflictResolverV2 {
  private readonly seed: Buffer;
  private readonly fh: string;
  private readonly sorted: FrameInspector[];
  private readonly withConflicts: FrameInspector[];
  private readonly sets = new Map<number, Set<string>>();
  constructor(seedHex: string, private readonly frame: DrawFrame) {
    this.seed = seedBytes(seedHex);
    this.fh = frameHash(frame);
    this.sorted = [...frame.inspectors].sort((a, b) => a.id - b.id);
    this.withConflicts = this.sorted.filter((i) => i.conflicts.length > 0);
    for (const i of this.withConflicts) this.sets.set(i.id, new Set(i.conflicts));
  }
  /** ids of the inspectors with a declared conflict with `code` */
  conflicted(code: string): Set<number> {
    const out = new Set<number>();
    for (const i of this.withConflicts) if (this.sets.get(i.id)!.has(conflictTag(i.certificateNo, code))) out.add(i.id);
    return out;
  }
  get anyConflicts(): boolean {
    return this.withConflicts.length > 0;
  }
  resolve(drawOrder: number, code: string, defaults: number[]): { inspectors: number[]; recusals: Recusal[] } {
    const bad = this.conflicted(code);
    if (!bad.size) return { inspectors: defaults, recusals: [] };
    const per = this.frame.inspectorsPerObject;
    if (this.sorted.length - bad.size < per) {
      throw new DrawError('NOT_ENOUGH_INSPECTORS', `检查对象 ${code} 可选派的执法检查人员不足 ${per} 名（已排除回避人员）`);
    }
    const recusals: Recusal[] = [];
    const out = [...defaults];
    let reserve: number[] | null = null;
    let r = 0;
    for (let j = 0; j < out.length; j++) {
      if (!bad.has(out[j]!)) continue;
      recusals.push({ creditCode: code, inspectorId: out[j]! });
      reserve ??= choosePositions(new KeyedStream(this.seed, this.fh, `reserve\n${drawOrder}`), this.sorted.length, this.sorted.length).map((p) => this.sorted[p]!.id);
      while (bad.has(reserve[r]!) || out.includes(reserve[r]!)) r++;
      out[j] = reserve[r++]!;
    }
    return { inspectors: out, recusals };
  }
}

/** Both inspector steps of version 2 over the drawn objects in draw order. */
export function assignInspectorsV2(seedHex: string, frame: DrawFrame, objects: Array<{ stratum: string; position: number; creditCode: string }>): DrawResult {
  const per = frame.inspectorsPerObject;
  const flat = defaultInspectorsV2(seedHex, frame, objects.length);
  const resolver = new ConflictResolverV2(seedHex, frame);
  const result: DrawResult = { objects: [], recusals: [] };
  objects.forEach((o, i) => {
    const defaults = flat.slice(i * per, i * per + per);
    const r = resolver.anyConflicts ? resolver.resolve(i + 1, o.creditCode, defaults) : { inspectors: defaults, recusals: [] };
    result.recusals.push(...r.recusals);
    result.objects.push({ stratum: o.stratum, position: o.position, creditCode: o.creditCode, inspectors: r.inspectors });
  });
  return result;
}

/** The whole version-2 draw from the frame and its published lists. */
export function drawV2(seedHex: string, frame: DrawFrame, lists: Record<string, string>): DrawResult {
  const fh = frameHash(frame);
  const objects: Array<{ stratum: string; position: number; creditCode: string }> = [];
  for (const s of frame.strata) {
    if (s.take !== takeOf(s.size, s.ratio)) throw new DrawError('BAD_FRAME', `分层“${s.key}”的抽取数量与比例不符`);
    for (const p of selectStratumV2(s.key, lists[s.key] ?? '', s.size, s.take, stratumSalt(seedHex, fh, s.key))) objects.push({ stratum: s.key, ...p });
  }
  return assignInspectorsV2(seedHex, frame, objects);
}

// ---------------------------------------------------------------------------------------------------
// version 3 (decision 051): version 2's keyed ranking over a candidate set fixed with the frame. While
// the frame is snapshotted, each code is keyed once under a candidate salt from the seed alone; those
// under the stratum's published bound (a little more than its ratio) are kept aside with the
// enterprise's id and name. The draw ranks only the candidates, by version 2's key under a salt from
// the seed and the frame hash, so any change of the frame still changes the draw; a stratum with no
// more candidates than it draws is ranked whole, as version 2 does.

/** Version 3, candidate salt of a stratum: bytes 0-7 of HMAC-SHA256(seed, "candidates-v3\n" key), big-endian, signed. */
export function candidateSalt(seedHex: string, key: string): bigint {
  return createHmac('sha256', seedBytes(seedHex)).update(`candidates-v3\n${key}`).digest().readBigInt64BE(0);
}

/** Version 3, object salt of a stratum: bytes 0-7 of HMAC-SHA256(seed, frameHash "\nobjects-v3\n" key). */
export function objectSaltV3(seedHex: string, frameHashHex: string, key: string): bigint {
  return createHmac('sha256', seedBytes(seedHex)).update(`${frameHashHex}\nobjects-v3\n${key}`).digest().readBigInt64BE(0);
}

/**
 * The candidate bound the platform publishes for a stratum drawn at `ratio`: a share of the key range
 * of 1.15 × ratio + 0.002 (at a province's 1.85 M A-class enterprises drawn at 2 %: ~46 000 candidates
 * for 37 000 drawn). Any bound gives the same distribution of draws; it only decides how much the draw
 * has to rank, and how often a small stratum falls back to the other codes. null = all (share ≥ 1).
 */
export function candidateBoundOf(ratio: number): bigint | null {
  const share = ratio * 1.15 + 0.002;
  if (share >= 1) return null;
  return BigInt(Math.floor(share * 2 ** 53)) * 2048n - TWO63;
}

function parseBound(s: FrameStratum): bigint | null {
  if (s.candidateBound === null || s.candidateBound === undefined) return null;
  if (typeof s.candidateBound !== 'string' || !/^-?\d{1,19}$/.test(s.candidateBound)) throw new DrawError('BAD_FRAME', `分层“${s.key}”的候选界值格式错误`);
  const b = BigInt(s.candidateBound);
  if (b < -TWO63 || b >= TWO63) throw new DrawError('BAD_FRAME', `分层“${s.key}”的候选界值超出 64 位范围`);
  return b;
}

/**
 * The drawn codes of one stratum under version 3, with their 0-based positions: if more than `take`
 * codes are candidates (hashtextextended(code, candidateSalt) below `bound`; null: all), the `take`
 * candidates with the smallest (hashtextextended(code, objectSalt), code bytes); otherwise the `take`
 * codes of the whole list in that order. Checks the list as version 2 does (`size` codes, none repeated).
 */
export function selectStratumV3(
  key: string,
  list: string,
  size: number,
  take: number,
  candSalt: bigint,
  bound: bigint | null,
  objSalt: bigint,
): Array<{ position: number; creditCode: string }> {
  const bytes = Buffer.from(list, 'utf8');
  const halves = (x: bigint) => [Number(BigInt.asUintN(64, x) >> 32n), Number(BigInt.asUintN(64, x) & 0xffffffffn)] as const;
  const [ch, cl] = halves(candSalt);
  const [oh, ol] = halves(objSalt);
  const bHi = bound === null ? 0 : Number(BigInt.asIntN(32, bound >> 32n));
  const bLo = bound === null ? 0 : Number(BigInt.asUintN(32, bound));
  const keys = new BigUint64Array(Math.max(size, 1));
  const kv = new DataView(keys.buffer);
  // where each code starts and ends, and whether it is a candidate (the first `size` codes; more is an error)
  const starts = new Uint32Array(Math.max(size, 1));
  const ends = new Uint32Array(Math.max(size, 1));
  const cand = new Uint8Array(Math.max(size, 1));
  let n = 0;
  if (bytes.length > 0) {
    let start = 0;
    for (;;) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      if (n < size) {
        hashInto(bytes, start, end, ch, cl);
        const hi = lastHash.hi | 0;
        const lo = lastHash.lo;
        kv.setUint32(n * 8, lo, true);
        kv.setUint32(n * 8 + 4, hi >>> 0, true);
        starts[n] = start;
        ends[n] = end;
        cand[n] = bound === null || hi < bHi || (hi === bHi && lo < bLo) ? 1 : 0;
      }
      n++;
      if (end === bytes.length) break;
      start = end + 1;
    }
  }
  if (n !== size) throw new DrawError('BAD_FRAME', `分层“${key}”的对象数量不符：名单中 ${n} 个，抽查框中为 ${size}`);
  // no code twice: equal codes have equal candidate keys, so only codes whose keys repeat are compared
  const sorted = keys.subarray(0, size).slice().sort();
  const repeated = new Set<bigint>();
  for (let i = 1; i < size; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  if (repeated.size) {
    const seen = new Set<string>();
    for (let i = 0; i < size; i++) {
      if (!repeated.has(keys[i]!)) continue;
      const code = bytes.toString('utf8', starts[i], ends[i]);
      if (seen.has(code)) throw new DrawError('BAD_FRAME', `分层“${key}”的对象名单有重复代码 ${code}`);
      seen.add(code);
    }
  }
  if (take > size) throw new DrawError('BAD_FRAME', '抽取数量大于对象数量');
  let candidates = 0;
  for (let i = 0; i < size; i++) candidates += cand[i]!;
  // only the candidates are ranked, unless they are no more than the stratum draws
  const pool: Array<{ index: number; hi: number; lo: number }> = [];
  for (let i = 0; i < size; i++) {
    if (!cand[i] && candidates > take) continue;
    hashInto(bytes, starts[i]!, ends[i]!, oh, ol);
    pool.push({ index: i, hi: lastHash.hi | 0, lo: lastHash.lo });
  }
  pool.sort((a, b) => a.hi - b.hi || a.lo - b.lo || Buffer.compare(bytes.subarray(starts[a.index], ends[a.index]), bytes.subarray(starts[b.index], ends[b.index])));
  return pool.slice(0, take).map((c) => ({ position: c.index, creditCode: bytes.toString('utf8', starts[c.index], ends[c.index]) }));
}

/** The whole version-3 draw from the frame and its published lists (inspectors as version 2). */
export function drawV3(seedHex: string, frame: DrawFrame, lists: Record<string, string>): DrawResult {
  const fh = frameHash(frame);
  const objects: Array<{ stratum: string; position: number; creditCode: string }> = [];
  for (const s of frame.strata) {
    if (s.take !== takeOf(s.size, s.ratio)) throw new DrawError('BAD_FRAME', `分层“${s.key}”的抽取数量与比例不符`);
    const picked = selectStratumV3(s.key, lists[s.key] ?? '', s.size, s.take, candidateSalt(seedHex, s.key), parseBound(s), objectSaltV3(seedHex, fh, s.key));
    for (const p of picked) objects.push({ stratum: s.key, ...p });
  }
  return assignInspectorsV2(seedHex, frame, objects);
}

/**
 * Fills in the 0-based list positions of drawn objects (version 3 keeps none in the database: the
 * candidates are not numbered while the frame is snapshotted). One pass over each stratum's list.
 */
export function fillPositions(lists: Record<string, string>, objects: Array<{ stratum: string; creditCode: string; position: number | null }>): void {
  const byStratum = new Map<string, Map<string, Array<{ position: number | null }>>>();
  for (const o of objects) {
    let m = byStratum.get(o.stratum);
    if (!m) byStratum.set(o.stratum, (m = new Map()));
    const a = m.get(o.creditCode);
    if (a) a.push(o);
    else m.set(o.creditCode, [o]);
  }
  for (const [key, want] of byStratum) {
    const list = lists[key] ?? '';
    if (!list) continue;
    let start = 0;
    for (let p = 0; ; p++) {
      let end = list.indexOf('\n', start);
      if (end === -1) end = list.length;
      const hit = want.get(list.slice(start, end));
      if (hit) for (const o of hit) o.position = p;
      if (end === list.length) break;
      start = end + 1;
    }
  }
}
