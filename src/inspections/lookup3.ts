// PostgreSQL's `hashtextextended(text, seed bigint)` re-implemented for the verifier of draw version 2
// (decision 037). PostgreSQL hashes a text of a deterministic collation with `hash_bytes_extended`
// (src/common/hashfn.c): Bob Jenkins' lookup3 over the UTF-8 bytes, 64-bit seed, 64-bit result
// (b << 32 | c). This is the little-endian variant, the one every x86/ARM build and PGlite (WebAssembly)
// compute; the platform checks a known answer against its database before each version-2 draw
// (a big-endian server would disagree and is refused). Written from the algorithm's description and
// checked against PostgreSQL 15 and PGlite on thousands of codes (lookup3.test.ts).
//
// Everything is 32-bit integer arithmetic; no BigInt and no allocation in the loop.

/** Reads 4 bytes little-endian at i (as a signed int32; only the bits matter). */
function word(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

/** The last result's halves (hashInto writes them here: no array allocated per code). */
export const lastHash = { hi: 0, lo: 0 };

/**
 * lookup3 hash of bytes[start, end) with a 64-bit seed given as two 32-bit halves; writes the
 * unsigned 32-bit high and low halves of the 64-bit result into `lastHash`. Arithmetic is int32
 * (`| 0`), which is arithmetic modulo 2³² as the C code's uint32; mix and final are written out.
 */
export function hashInto(bytes: Uint8Array, start: number, end: number, seedHi: number, seedLo: number): void {
  let len = end - start;
  let a = (0x9e3779b9 + len + 3923095) | 0;
  let b = a;
  let c = a;
  if (seedHi !== 0 || seedLo !== 0) {
    a = (a + seedHi) | 0;
    b = (b + seedLo) | 0;
    a = (a - c) | 0; a ^= (c << 4) | (c >>> 28); c = (c + b) | 0;
    b = (b - a) | 0; b ^= (a << 6) | (a >>> 26); a = (a + c) | 0;
    c = (c - b) | 0; c ^= (b << 8) | (b >>> 24); b = (b + a) | 0;
    a = (a - c) | 0; a ^= (c << 16) | (c >>> 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= (a << 19) | (a >>> 13); a = (a + c) | 0;
    c = (c - b) | 0; c ^= (b << 4) | (b >>> 28); b = (b + a) | 0;
  }
  let i = start;
  while (len >= 12) {
    a = (a + word(bytes, i)) | 0;
    b = (b + word(bytes, i + 4)) | 0;
    c = (c + word(bytes, i + 8)) | 0;
    a = (a - c) | 0; a ^= (c << 4) | (c >>> 28); c = (c + b) | 0;
    b = (b - a) | 0; b ^= (a << 6) | (a >>> 26); a = (a + c) | 0;
    c = (c - b) | 0; c ^= (b << 8) | (b >>> 24); b = (b + a) | 0;
    a = (a - c) | 0; a ^= (c << 16) | (c >>> 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= (a << 19) | (a >>> 13); a = (a + c) | 0;
    c = (c - b) | 0; c ^= (b << 4) | (b >>> 28); b = (b + a) | 0;
    i += 12;
    len -= 12;
  }
  // the last 0-11 bytes; the lowest byte of c stays free (the length went into the initial state)
  switch (len) {
    case 11: c = (c + (bytes[i + 10]! << 24)) | 0; // falls through
    case 10: c = (c + (bytes[i + 9]! << 16)) | 0; // falls through
    case 9: c = (c + (bytes[i + 8]! << 8)) | 0; // falls through
    case 8: b = (b + (bytes[i + 7]! << 24)) | 0; // falls through
    case 7: b = (b + (bytes[i + 6]! << 16)) | 0; // falls through
    case 6: b = (b + (bytes[i + 5]! << 8)) | 0; // falls through
    case 5: b = (b + bytes[i + 4]!) | 0; // falls through
    case 4: a = (a + (bytes[i + 3]! << 24)) | 0; // falls through
    case 3: a = (a + (bytes[i + 2]! << 16)) | 0; // falls through
    case 2: a = (a + (bytes[i + 1]! << 8)) | 0; // falls through
    case 1: a = (a + bytes[i]!) | 0;
  }
  c ^= b; c = (c - ((b << 14) | (b >>> 18))) | 0;
  a ^= c; a = (a - ((c << 11) | (c >>> 21))) | 0;
  b ^= a; b = (b - ((a << 25) | (a >>> 7))) | 0;
  c ^= b; c = (c - ((b << 16) | (b >>> 16))) | 0;
  a ^= c; a = (a - ((c << 4) | (c >>> 28))) | 0;
  b ^= a; b = (b - ((a << 14) | (a >>> 18))) | 0;
  c ^= b; c = (c - ((b << 24) | (b >>> 8))) | 0;
  lastHash.hi = b >>> 0;
  lastHash.lo = c >>> 0;
} // prettier-ignore

/**
 * lookup3 hash of bytes[start, end) with a 64-bit seed given as two unsigned 32-bit halves.
 * Answers [high, low] 32-bit halves of the unsigned 64-bit result.
 */
export function hashBytesExtended(bytes: Uint8Array, start: number, end: number, seedHi: number, seedLo: number): [number, number] {
  hashInto(bytes, start, end, seedHi | 0, seedLo | 0);
  return [lastHash.hi, lastHash.lo];
}

/** Splits a signed 64-bit seed into unsigned 32-bit halves. */
export function seedHalves(seed: bigint): [number, number] {
  const u = BigInt.asUintN(64, seed);
  return [Number(u >> 32n), Number(u & 0xffffffffn)];
}

/** hashtextextended(text, seed) as PostgreSQL answers it: a signed 64-bit integer. */
export function pgHashTextExtended(text: string, seed: bigint): bigint {
  const bytes = Buffer.from(text, 'utf8');
  const [sh, sl] = seedHalves(seed);
  const [h, l] = hashBytesExtended(bytes, 0, bytes.length, sh, sl);
  return BigInt.asIntN(64, (BigInt(h) << 32n) | BigInt(l));
}
