// Input side of the document engine: what kind of file is this (by content, never by name),
// and, for text files, which encoding it is in (detected, not assumed).
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { SourceFormat } from './model';
import { IngestError } from './errors';

/**
 * Size limits. A real plan is 10–200 KB of text; the largest we have seen as .docx with images
 * is a few MB. The limits keep one upload from occupying a core for minutes:
 * - any file above `maxFileBytes` (64 MiB) is refused before it is opened;
 * - a text or HTML file above `maxTextFileBytes` (16 MiB, about 5 million Chinese characters,
 *   several hundred plans) is refused before it is decoded;
 * - extracted text longer than `maxTextChars` (6 million characters) is refused after extraction
 *   (a docx or pdf that unpacks to that much text).
 */
export const DEFAULT_LIMITS = {
  maxFileBytes: 64 * 1024 * 1024,
  maxTextFileBytes: 16 * 1024 * 1024,
  maxTextChars: 6_000_000,
  // Before a .docx or .pdf is opened (formats/zip-guard.ts, formats/pdf-guard.ts): what it may
  // unpack to. A 100-page Word plan has a 2–5 MB document.xml and 50 000–150 000 elements.
  /** Entries of a .docx archive. */
  maxZipEntries: 2000,
  /** All parts of a .docx, or all decoded streams of a PDF, together. */
  maxInflatedBytes: 256 * 1024 * 1024,
  /** One XML part of a .docx. */
  maxXmlPartBytes: 64 * 1024 * 1024,
  /** XML elements of word/document.xml (mammoth spends about 0.05–0.2 ms on each). */
  maxDocxElements: 400_000,
  /** One decoded PDF stream. */
  maxPdfStreamBytes: 64 * 1024 * 1024,
};
export type IngestLimits = typeof DEFAULT_LIMITS;

export type SniffedKind =
  | { kind: 'docx' }
  | { kind: 'pdf' }
  | { kind: 'text' }; // txt or html, decided after decoding

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function tooLarge(actual: number, limit: number, what = '文件'): IngestError {
  return new IngestError('TOO_LARGE', `${what}过大（${formatSize(actual)}），超出解析上限 ${formatSize(limit)}`);
}

/** Known binary formats that are not plan documents, with a Chinese description. */
const BINARY_SIGNATURES: Array<{ sig: number[]; at?: number; name: string; code: 'NEEDS_OCR' | 'UNSUPPORTED_FORMAT'; hint?: string }> = [
  { sig: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG 图片', code: 'NEEDS_OCR' },
  { sig: [0xff, 0xd8, 0xff], name: 'JPEG 图片', code: 'NEEDS_OCR' },
  { sig: [0x47, 0x49, 0x46, 0x38], name: 'GIF 图片', code: 'NEEDS_OCR' },
  { sig: [0x42, 0x4d], name: 'BMP 图片', code: 'NEEDS_OCR' },
  { sig: [0x49, 0x49, 0x2a, 0x00], name: 'TIFF 图片', code: 'NEEDS_OCR' },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], name: 'TIFF 图片', code: 'NEEDS_OCR' },
  { sig: [0x57, 0x45, 0x42, 0x50], at: 8, name: 'WebP 图片', code: 'NEEDS_OCR' },
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: '旧版 Office/WPS 文件（.doc/.wps/.xls）', code: 'UNSUPPORTED_FORMAT', hint: '，请另存为 .docx 后再上传' },
  { sig: [0x52, 0x61, 0x72, 0x21], name: 'RAR 压缩包', code: 'UNSUPPORTED_FORMAT' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: '7z 压缩包', code: 'UNSUPPORTED_FORMAT' },
  { sig: [0x1f, 0x8b], name: 'gzip 压缩文件', code: 'UNSUPPORTED_FORMAT' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], name: '可执行程序', code: 'UNSUPPORTED_FORMAT' },
  { sig: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: 'RTF 文档', code: 'UNSUPPORTED_FORMAT', hint: '，请另存为 .docx 后再上传' },
];

/** Decides the container format from the bytes. Throws typed errors for files we cannot read. */
export function sniffFormat(bytes: Uint8Array): SniffedKind {
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE');
  // %PDF may be preceded by a little junk (some generators write a BOM or whitespace first).
  const head = bytes.subarray(0, 1024);
  const pdfAt = indexOfBytes(head, ascii('%PDF-'));
  if (pdfAt >= 0 && pdfAt < 1024 && !hasTextBefore(head, pdfAt)) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (indexOfBytes(bytes, ascii('word/document.xml')) >= 0) return { kind: 'docx' };
    if (indexOfBytes(bytes, ascii('OFD.xml')) >= 0) {
      throw new IngestError('UNSUPPORTED_FORMAT', '这是 OFD 版式文件，暂不支持，请上传 docx、pdf 或 txt 版本');
    }
    if (indexOfBytes(bytes, ascii('xl/workbook.xml')) >= 0) {
      throw new IngestError('UNSUPPORTED_FORMAT', '这是 Excel 表格（.xlsx），不是行动计划文档');
    }
    throw new IngestError('UNSUPPORTED_FORMAT', '这是一个压缩包（ZIP），不是 Word 文档（.docx），请解压后上传其中的文档');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && indexOfBytes(bytes, Buffer.from('EncryptedPackage', 'utf16le')) >= 0) {
    throw new IngestError('ENCRYPTED_FILE', '这是设置了打开密码的 Office 文档，请先取消密码保护再上传');
  }
  for (const s of BINARY_SIGNATURES) {
    if (startsWith(bytes, s.sig, s.at ?? 0)) {
      if (s.name === 'BMP 图片' && !(bytes.length > 26 && bytes[14] >= 12 && bytes[15] === 0)) continue; // "BM" is also text
      if (s.code === 'NEEDS_OCR') {
        throw new IngestError('NEEDS_OCR', `这是${s.name}，无法直接读取文字，需要先进行文字识别（OCR）`);
      }
      throw new IngestError('UNSUPPORTED_FORMAT', `这是${s.name}，暂不支持${s.hint ?? '，请上传 txt、html、docx 或 pdf 文件'}`);
    }
  }
  return { kind: 'text' };
}

function hasTextBefore(head: Uint8Array, at: number): boolean {
  for (let i = 0; i < at; i++) {
    const b = head[i];
    if (!(b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf || b === 0x00)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Encoding detection

/**
 * The most frequent characters of Chinese government prose, Simplified and Traditional.
 * A wrong decoding (GB18030 read as Big5, UTF-16 read with the wrong byte order) still produces
 * CJK characters, but rare ones; counting frequent characters tells the right decoding apart.
 */
const COMMON_HAN = new Set(
  ('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严' +
    '這個國為來們時發動對會說產種後過實點從業當學經進軍長頭資邊級圖統將組見計別運農區強決戰處隊給門導壓誌濟階術極聯認權證淚單風帶場車務萬達積議聲報鬥類離華確張馬節話溫傳許廣記須際難礦團歷構稱準維劃選標寫亲養層專狀廠識屬圓調滿縣參紅細聽該鐵價嚴質規設開關體與應現義變條結問無係總員價鄉鎮區質監產業務議環')
    .split(''),
);

interface Candidate { encoding: string; text: string }

function plausibility(text: string): number {
  let score = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n++;
    if (c === 0xfffd) score -= 8;
    else if (c < 0x20) score += c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c ? 1 : -8;
    else if (c < 0x7f) score += 1;
    else if (c >= 0x4e00 && c <= 0x9fff) score += COMMON_HAN.has(text[i]) ? 3 : 0.5;
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x206f)) score += 1;
    else if (c >= 0xd800 && c <= 0xdfff) score -= 2; // surrogates (rare characters come in pairs)
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 6; // private use: a sign of a wrong decoding
    else if (c >= 0x80 && c < 0xa0) score -= 6; // C1 controls
    else if (c >= 0xac00 && c <= 0xd7af) score -= 1; // Hangul: UTF-16 read with the wrong byte order
    else score -= 0.5;
  }
  return n === 0 ? 0 : score / n;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const even = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
    return new TextDecoder(encoding).decode(even);
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
}

const CHARDET_TO_ICONV: Record<string, string> = {
  'UTF-8': 'utf-8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', GB18030: 'gb18030', Big5: 'big5',
  'EUC-JP': 'euc-jp', Shift_JIS: 'shift_jis', 'EUC-KR': 'euc-kr', 'ISO-8859-1': 'latin1', 'windows-1252': 'windows-1252',
};

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Valid UTF-8 except possibly for a character cut in half at the very end (a truncated file). */
function isValidUtf8AllowingCutEnd(bytes: Uint8Array): boolean {
  if (isValidUtf8(bytes)) return true;
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const b = bytes[bytes.length - cut];
    if (b >= 0xc0) return isValidUtf8(bytes.subarray(0, bytes.length - cut));
    if (b < 0x80) return false;
  }
  return false;
}

export interface DecodedText { text: string; encoding: string }

/**
 * Decodes a text file: BOM first; then UTF-16 without BOM (by the NUL-byte pattern and a
 * plausibility score); then strict UTF-8; then the best-scoring of GB18030, Big5 and chardet's
 * own candidates. Throws BINARY_CONTENT when no decoding gives readable text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return checked({ encoding: 'utf-8', text: decodeWith(bytes.subarray(3), 'utf-8') });
  if (startsWith(bytes, [0xff, 0xfe])) return checked({ encoding: 'utf-16le', text: decodeWith(bytes.subarray(2), 'utf-16le') });
  if (startsWith(bytes, [0xfe, 0xff])) return checked({ encoding: 'utf-16be', text: decodeWith(bytes.subarray(2), 'utf-16be') });

  const sample = bytes.subarray(0, 64 * 1024);
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? nulEven++ : nulOdd++);
  const nulShare = (nulEven + nulOdd) / sample.length;

  if (nulShare < 0.01 && isValidUtf8AllowingCutEnd(bytes)) {
    return checked({ encoding: 'utf-8', text: decodeWith(bytes, 'utf-8') });
  }

  // UTF-16 without BOM stays a candidate even without NUL bytes: pure Han text has none.
  // UTF-8 stays one too: a UTF-8 file with a few damaged bytes is still best read as UTF-8.
  const names = new Set<string>(['gb18030', 'big5', 'utf-16le', 'utf-16be', 'utf-8']);
  try {
    for (const m of chardet.analyse(sample).slice(0, 4)) {
      const e = CHARDET_TO_ICONV[m.name];
      if (e && m.confidence >= 10) names.add(e);
    }
  } catch {
    /* chardet is only advisory */
  }
  let best: Candidate | null = null;
  let bestScore = -Infinity;
  for (const encoding of names) {
    const text = decodeWith(sample, encoding);
    let score = plausibility(text);
    if (encoding === 'utf-16le' && nulOdd > nulEven * 4) score += 0.5;
    if (encoding === 'utf-16be' && nulEven > nulOdd * 4) score += 0.5;
    if (score > bestScore) {
      bestScore = score;
      best = { encoding, text };
    }
  }
  if (!best || bestScore < 0.2) throw new IngestError('BINARY_CONTENT');
  return checked({ encoding: best.encoding, text: decodeWith(bytes, best.encoding) });
}

/** Refuses decoded "text" that is mostly control characters or replacement characters. */
function checked(d: DecodedText): DecodedText {
  const t = d.text;
  const len = Math.min(t.length, 200_000);
  let bad = 0;
  for (let i = 0; i < len; i++) {
    const c = t.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0c) || (c >= 0x80 && c < 0xa0)) bad++;
  }
  if (len > 0 && bad / len > 0.05) throw new IngestError('BINARY_CONTENT');
  if (t.trim() === '') throw new IngestError('EMPTY_FILE', '文件中只有空白，没有可解析的内容');
  return d;
}

/** True when the decoded text is an HTML page rather than plain text that happens to contain `<…>`. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 8192);
  if (/<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset/i.test(head)) return true;
  const tags = new Set<string>();
  for (const m of head.matchAll(/<\/?(p|div|br|span|table|tr|td|li|ul|ol|h[1-6]|a|strong|b|font|section|article)\b[^<>]*>/gi)) {
    tags.add(m[1].toLowerCase());
  }
  return tags.size >= 3;
}

export function formatOfText(text: string): Extract<SourceFormat, 'txt' | 'html'> {
  return looksLikeHtml(text) ? 'html' : 'txt';
}
