// PostgreSQL's `hashtextextended(text, seed bigint)` re-implemented for the verifier of draw version 2
// (decision 037). PostgreSQL hashes a text of a deterministic collation with `hash_bytes_extended`
// (src/common/hashfn.c): Bob Jenkins' lookup3 over the UTF-8 bytes, 64-bit seed, 64-bit result
// (b << 32 | c). This is the little-endian variant, the one every x86/ARM build and PGlite (WebAssembly)
// compute; the platform checks a known answer against its database before each version-2 draw
// (a big-endian server would disagree and is refused). Written from the algorithm's description and
// checked against PostgreSQL 15 and PGlite on thousands of codes (lookup3.test.ts).
//
// Everything is 32-bit unsigned arithmetic (`>>> 0`); no BigInt in the loop.

const rot = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Reads 4 bytes little-endian at i (missing bytes count as 0). */
function word(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/**
 * lookup3 hash of bytes[start, end) with a 64-bit seed given as two unsigned 32-bit halves.
 * Answers [high, low] 32-bit halves of the unsigned 64-bit result.
 */
export function hashBytesExtended(bytes: Uint8Array, start: number, end: number, seedHi: number, seedLo: number): [number, number] {
  let len = end - start;
  let a = (0x9e3779b9 + len + 3923095) >>> 0;
  let b = a;
  let c = a;
  const mix = () => {
    a = (a - c) >>> 0; a = (a ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
  }; // prettier-ignore
  if (seedHi !== 0 || seedLo !== 0) {
    a = (a + seedHi) >>> 0;
    b = (b + seedLo) >>> 0;
    mix();
  }
  let i = start;
  while (len >= 12) {
    a = (a + word(bytes, i)) >>> 0;
    b = (b + word(bytes, i + 4)) >>> 0;
    c = (c + word(bytes, i + 8)) >>> 0;
    mix();
    i += 12;
    len -= 12;
  }
  // the last 0-11 bytes; the lowest byte of c stays free (the length went into the initial state)
  const k = (j: number) => bytes[i + j]!;
  switch (len) {
    case 11: c = (c + (k(10) << 24)) >>> 0; // falls through
    case 10: c = (c + (k(9) << 16)) >>> 0; // falls through
    case 9: c = (c + (k(8) << 8)) >>> 0; // falls through
    case 8: b = (b + (k(7) << 24)) >>> 0; // falls through
    case 7: b = (b + (k(6) << 16)) >>> 0; // falls through
    case 6: b = (b + (k(5) << 8)) >>> 0; // falls through
    case 5: b = (b + k(4)) >>> 0; // falls through
    case 4: a = (a + (k(3) << 24)) >>> 0; // falls through
    case 3: a = (a + (k(2) << 16)) >>> 0; // falls through
    case 2: a = (a + (k(1) << 8)) >>> 0; // falls through
    case 1: a = (a + k(0)) >>> 0;
  } // prettier-ignore
  c = (c ^ b) >>> 0; c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 24)) >>> 0; // prettier-ignore
  return [b, c];
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
