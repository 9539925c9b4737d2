// Zip files and .docx documents built in code, for tests and benchmarks: a small writer that can
// deflate a part given as a repeated chunk without holding the inflated part in memory (so a test
// can make a 200 MB document.xml that travels as a few hundred KB), and can lie in the central
// directory about an entry's size (as a crafted bomb would).
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's bytes: given whole, or as head + chunk × times + tail (for large parts). */
  data: Uint8Array | { head?: string; chunk: string | Uint8Array; times: number; tail?: string };
  /** Store instead of deflate. */
  store?: boolean;
  /** Write this uncompressed size in the headers instead of the real one. */
  declareSize?: number;
}

interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  compressed: Buffer;
  size: number;
}

async function pack(part: ZipPart): Promise<Packed> {
  const name = Buffer.from(part.name, 'utf8');
  const d = part.data;
  if (d instanceof Uint8Array) {
    const buf = Buffer.from(d);
    return {
      name,
      method: part.store ? 0 : 8,
      crc: zlib.crc32(buf),
      compressed: part.store ? buf : zlib.deflateRawSync(buf, { level: 9 }),
      size: buf.length,
    };
  }
  const head = Buffer.from(d.head ?? '', 'utf8');
  const chunk = typeof d.chunk === 'string' ? Buffer.from(d.chunk, 'utf8') : Buffer.from(d.chunk);
  const tail = Buffer.from(d.tail ?? '', 'utf8');
  // Repeat the chunk up to ~1 MB per write, so a large part is deflated in a few hundred writes.
  const per = Math.max(1, Math.floor((1 << 20) / Math.max(1, chunk.length)));
  const block = Buffer.concat(Array.from({ length: Math.min(per, d.times) }, () => chunk));
  const deflater = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  const write = (b: Buffer) => new Promise<void>((resolve) => (deflater.write(b) ? resolve() : deflater.once('drain', resolve)));
  let crc = zlib.crc32(head);
  await write(head);
  let left = d.times;
  while (left > 0) {
    const n = Math.min(per, left);
    const b = n === Math.min(per, d.times) ? block : block.subarray(0, n * chunk.length);
    crc = zlib.crc32(b, crc);
    await write(b);
    left -= n;
  }
  crc = zlib.crc32(tail, crc);
  await write(tail);
  deflater.end();
  await done;
  return { name, method: 8, crc, compressed: Buffer.concat(out), size: head.length + chunk.length * d.times + tail.length };
}

/** A zip archive of `parts` (deflated unless `store`). Sizes above 4 GB are not supported. */
export async function makeZip(parts: ZipPart[]): Promise<Uint8Array> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = await pack(part);
    const size = part.declareSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.compressed);
    centrals.push(central, p.name);
    offset += local.length + p.name.length + p.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';
export const DOCX_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
export const DOCX_TAIL = '</w:body></w:document>';

/** One paragraph of document.xml with `text` (XML-escaped). */
export function docxParagraph(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<w:p><w:r><w:t xml:space="preserve">${esc}</w:t></w:r></w:p>`;
}

/**
 * A minimal .docx whose word/document.xml is `body` (the XML between <w:body> and </w:body>),
 * given whole or as a repeated chunk. `declareSize` writes a false uncompressed size for document.xml.
 */
export async function makeDocx(body: string | { chunk: string; times: number; head?: string; tail?: string }, opts: { declareSize?: number; extraParts?: ZipPart[] } = {}): Promise<Uint8Array> {
  const data: ZipPart['data'] =
    typeof body === 'string'
      ? Buffer.from(DOCX_HEAD + body + DOCX_TAIL, 'utf8')
      : { head: DOCX_HEAD + (body.head ?? ''), chunk: body.chunk, times: body.times, tail: (body.tail ?? '') + DOCX_TAIL };
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'word/document.xml', data, ...(opts.declareSize !== undefined ? { declareSize: opts.declareSize } : {}) },
    ...(opts.extraParts ?? []),
  ]);
}
