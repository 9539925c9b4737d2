// Checks a .docx (a zip archive) before mammoth opens it: a small file must not unpack into
// hundreds of megabytes, and document.xml must not hold so many elements that mammoth (about
// 0.1 ms per element) keeps a core busy for minutes.
//
// 1. The central directory is read without inflating anything: the number of entries and each
//    entry's declared uncompressed size are checked against the limits (413 INFLATED_TOO_LARGE).
// 2. Every entry is then inflated with its declared size as a hard ceiling (zlib's
//    maxOutputLength aborts the moment the output passes it): an entry that inflates to more than
//    it declares is a crafted bomb (DECOMPRESSION_BOMB), and the whole archive is refused.
// 3. The elements of word/document.xml are counted (TOO_COMPLEX above the limit).
import zlib from 'node:zlib';
import { IngestError } from '../errors';

export interface ZipLimits {
  /** Entries in the archive (a Word document has 10–100; each picture adds one). */
  maxZipEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxInflatedBytes: number;
  /** Uncompressed size of one XML part (document.xml, styles.xml, …). */
  maxXmlPartBytes: number;
  /** XML elements in word/document.xml. */
  maxDocxElements: number;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

const corrupt = (detail: string) => new IngestError('CORRUPT_DOCX', `Word 文档（.docx）已损坏或无法读取：${detail}`);

/** The entries of a zip's central directory. Throws CORRUPT_DOCX when it cannot be read. */
export function readCentralDirectory(buf: Buffer, maxEntries: number): Entry[] {
  // End of central directory record: in the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到压缩包目录');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new IngestError('INFLATED_TOO_LARGE', '文件使用了 ZIP64 大文件格式，超出计划文档的解析上限');
  }
  if (count > maxEntries) {
    throw new IngestError('INFLATED_TOO_LARGE', `Word 文档中的部件过多（${count} 个），超出解析上限 ${maxEntries} 个`);
  }
  if (cdOffset + cdSize > buf.length) throw corrupt('压缩包目录位置无效');
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt('压缩包目录项无效');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      throw new IngestError('INFLATED_TOO_LARGE', '文件使用了 ZIP64 大文件格式，超出计划文档的解析上限');
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(buf: Buffer, e: Entry): Buffer {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw corrupt(`部件 ${e.name} 的位置无效`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw corrupt(`部件 ${e.name} 不完整`);
  return buf.subarray(start, end);
}

function isTooLarge(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
}

/** Counts start tags (`<name`, not `</`, `<?`, `<!`) in XML bytes. */
export function countElements(xml: Uint8Array): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i !== -1 && i < xml.length - 1; i = xml.indexOf(0x3c, i + 1)) {
    const c = xml[i + 1];
    if (c !== 0x2f && c !== 0x3f && c !== 0x21) n++;
  }
  return n;
}

/** Throws an IngestError when the archive is larger inside than the limits allow, or lies about its sizes. */
export function checkDocxArchive(bytes: Uint8Array, limits: ZipLimits): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(buf, limits.maxZipEntries);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    const xml = /\.(xml|rels)$/i.test(e.name);
    if (xml && e.size > limits.maxXmlPartBytes) {
      throw new IngestError(
        'INFLATED_TOO_LARGE',
        `Word 文档中的部件 ${e.name} 解压后有 ${mb(e.size)}，超出解析上限 ${mb(limits.maxXmlPartBytes)}（文件本身只有 ${mb(bytes.length)}）`,
      );
    }
    if (total > limits.maxInflatedBytes) {
      throw new IngestError('INFLATED_TOO_LARGE', `Word 文档解压后超过 ${mb(limits.maxInflatedBytes)}，超出解析上限（文件本身只有 ${mb(bytes.length)}）`);
    }
  }
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw corrupt(`部件 ${e.name} 使用了不支持的压缩方式`);
    if (e.name.endsWith('/') && e.size === 0) continue;
    const data = entryData(buf, e);
    let out: Buffer;
    if (e.method === 0) {
      out = data;
    } else {
      try {
        // maxOutputLength: zlib stops as soon as the output would pass the declared size.
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size), finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch (err) {
        if (isTooLarge(err)) {
          throw new IngestError('DECOMPRESSION_BOMB', `Word 文档的部件 ${e.name} 解压后远大于其声明的大小（${mb(e.size)}），可能是恶意构造的压缩炸弹，已拒绝解析`);
        }
        throw corrupt(`部件 ${e.name} 无法解压`);
      }
    }
    if (e.name === 'word/document.xml') {
      const elements = countElements(out);
      if (elements > limits.maxDocxElements) {
        throw new IngestError(
          'TOO_COMPLEX',
          `Word 文档结构过于复杂（正文含 ${elements} 个元素，上限 ${limits.maxDocxElements} 个），无法在限定时间内解析；请另存为 PDF 或纯文本后上传`,
        );
      }
    }
  }
}
