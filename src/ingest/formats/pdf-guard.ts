// Checks a PDF before pdf.js opens it: no stream may decode to more than the limits allow.
//
// pdf.js decodes a content stream whole, into buffers that double as they grow and that live
// outside the JavaScript heap (so a worker's heap limit does not stop them): a 1.5 MB file with a
// 528 MB FlateDecode stream took the server to 5.8 GB. Here every stream is found by its
// `stream … endstream` keywords (its /Length is not trusted), and its filter chain is decoded
// with a hard ceiling on the output: zlib's maxOutputLength aborts the moment the output passes
// it, and the LZW and run-length decoders below count their output as they go. Image codecs
// (DCT, JPX, JBIG2, CCITT) are not decoded: text extraction does not need their pixels.
import zlib from 'node:zlib';
import { IngestError } from '../errors';

export interface PdfLimits {
  /** Decoded size of one stream. */
  maxPdfStreamBytes: number;
  /** Decoded size of all streams together. */
  maxInflatedBytes: number;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

class Overflow extends Error {}

const FILTER_ALIASES: Record<string, string> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  RL: 'RunLengthDecode',
};

/** The filter names of a stream dictionary, in order (`/Filter /FlateDecode` or `/Filter [/A /B]`). */
export function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m) return [];
  return [...m[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((x) => FILTER_ALIASES[x[1]] ?? x[1]);
}

/**
 * Inflates zlib (or, failing that, raw deflate) data, stopping with Overflow once the output passes
 * `max`. Corrupt data gives what was decoded before the damage, as pdf.js would.
 */
async function inflateBounded(data: Uint8Array, max: number, raw = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const outcome = await new Promise<'ok' | 'overflow' | 'corrupt'>((resolve) => {
    const z = raw ? zlib.createInflateRaw({ chunkSize: 1 << 18 }) : zlib.createInflate({ chunkSize: 1 << 18 });
    z.on('data', (c: Buffer) => {
      total += c.length;
      if (total > max) {
        z.destroy();
        resolve('overflow');
        return;
      }
      chunks.push(c);
    });
    z.on('error', () => resolve('corrupt'));
    z.on('end', () => resolve('ok'));
    z.end(data);
  });
  if (outcome === 'overflow') throw new Overflow();
  if (outcome === 'corrupt' && total === 0 && !raw) return inflateBounded(data, max, true);
  return Buffer.concat(chunks);
}

function asciiHexDecode(data: Uint8Array): Buffer {
  const s = Buffer.from(data).toString('latin1');
  const end = s.indexOf('>');
  const hex = (end >= 0 ? s.slice(0, end) : s).replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85Decode(data: Uint8Array, max: number): Buffer {
  const s = Buffer.from(data).toString('latin1').replace(/\s+/g, '');
  const end = s.indexOf('~>');
  const body = end >= 0 ? s.slice(0, end) : s;
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of body) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
    } else {
      const c = ch.charCodeAt(0) - 33;
      if (c < 0 || c > 84) continue;
      group.push(c);
      if (group.length === 5) {
        let v = 0;
        for (const g of group) v = v * 85 + g;
        out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
        group = [];
      }
    }
    if (out.length > max) throw new Overflow();
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n - 1));
  }
  return Buffer.from(out);
}

/** LZW as PDF uses it (early change 1), stopping once the output passes `max`. */
function lzwDecode(data: Uint8Array, max: number): Buffer {
  const out = Buffer.alloc(Math.min(max + 1, Math.max(1024, data.length * 4)));
  let outBuf = out;
  let len = 0;
  const push = (bytes: Uint8Array) => {
    if (len + bytes.length > max) throw new Overflow();
    if (len + bytes.length > outBuf.length) {
      const bigger = Buffer.alloc(Math.min(max + 1, Math.max(outBuf.length * 2, len + bytes.length)));
      outBuf.copy(bigger, 0, 0, len);
      outBuf = bigger;
    }
    outBuf.set(bytes, len);
    len += bytes.length;
  };
  let table: Uint8Array[] = [];
  const reset = () => {
    table = [];
    for (let i = 0; i < 256; i++) table.push(Uint8Array.of(i));
    table.push(new Uint8Array(0), new Uint8Array(0)); // 256 clear, 257 end
  };
  reset();
  let codeLen = 9;
  let bitBuf = 0;
  let bits = 0;
  let prev: Uint8Array | null = null;
  for (let i = 0; i < data.length; i++) {
    bitBuf = ((bitBuf << 8) | data[i]) >>> 0;
    bits += 8;
    while (bits >= codeLen) {
      const code = (bitBuf >>> (bits - codeLen)) & ((1 << codeLen) - 1);
      bits -= codeLen;
      bitBuf &= (1 << bits) - 1;
      if (code === 256) {
        reset();
        codeLen = 9;
        prev = null;
        continue;
      }
      if (code === 257) return outBuf.subarray(0, len);
      let entry: Uint8Array;
      if (code < table.length) entry = table[code];
      else if (prev && code === table.length) {
        entry = new Uint8Array(prev.length + 1);
        entry.set(prev);
        entry[prev.length] = prev[0];
      } else return outBuf.subarray(0, len); // corrupt: keep what was decoded
      push(entry);
      if (prev && table.length < 4096) {
        const added = new Uint8Array(prev.length + 1);
        added.set(prev);
        added[prev.length] = entry[0];
        table.push(added);
      }
      prev = entry;
      const next = table.length + 1; // early change
      codeLen = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
    }
  }
  return outBuf.subarray(0, len);
}

function runLengthDecode(data: Uint8Array, max: number): Buffer {
  const out: number[] = [];
  for (let i = 0; i < data.length; ) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]);
    } else {
      const b = data[i++];
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
    if (out.length > max) throw new Overflow();
  }
  return Buffer.from(out);
}

/** The streams of a PDF file: each one's dictionary text and raw data. */
export function* pdfStreams(buf: Buffer): Generator<{ dict: string; data: Buffer }> {
  let from = 0;
  for (;;) {
    const at = buf.indexOf('stream', from, 'latin1');
    if (at < 0) return;
    from = at + 6;
    // `endstream` contains `stream`; a keyword must follow the dictionary's `>>`.
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const before = buf.toString('latin1', Math.max(0, at - 4096), at);
    if (!/>>\s*$/.test(before)) continue;
    const objAt = before.lastIndexOf(' obj');
    const dict = objAt >= 0 ? before.slice(objAt) : before.slice(-1024);
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    let end = -1;
    const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    if (len) {
      const e = start + Number(len[1]);
      if (e <= buf.length && /^\s*endstream/.test(buf.toString('latin1', e, Math.min(buf.length, e + 20)))) end = e;
    }
    if (end < 0) {
      end = buf.indexOf('endstream', start, 'latin1');
      if (end < 0) end = buf.length;
    }
    from = end;
    yield { dict, data: buf.subarray(start, end) };
  }
}

/** Throws INFLATED_TOO_LARGE when a stream (or all of them) decodes past the limits. */
export async function checkPdfStreams(bytes: Uint8Array, limits: PdfLimits): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const { dict, data } of pdfStreams(buf)) {
    const filters = filtersOf(dict);
    if (filters.length === 0) {
      total += data.length;
      continue;
    }
    let cur: Buffer = data;
    const budget = Math.min(limits.maxPdfStreamBytes, limits.maxInflatedBytes - total);
    try {
      for (const f of filters) {
        if (f === 'FlateDecode') cur = await inflateBounded(cur, budget);
        else if (f === 'LZWDecode') cur = lzwDecode(cur, budget);
        else if (f === 'RunLengthDecode') cur = runLengthDecode(cur, budget);
        else if (f === 'ASCIIHexDecode') cur = asciiHexDecode(cur);
        else if (f === 'ASCII85Decode') cur = ascii85Decode(cur, budget);
        else break; // image codecs and the unknown: not decoded for text
      }
    } catch (e) {
      if (!(e instanceof Overflow)) throw e;
      const which = budget < limits.maxPdfStreamBytes ? `全部数据流解压后超过 ${mb(limits.maxInflatedBytes)}` : `其中一个数据流解压后超过 ${mb(limits.maxPdfStreamBytes)}`;
      throw new IngestError('INFLATED_TOO_LARGE', `PDF 文件${which}，超出解析上限（文件本身只有 ${mb(bytes.length)}），已拒绝解析`);
    }
    total += cur.length;
  }
}
