import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText, looksLikeHtml, sniffFormat } from './decode';
import { IngestError } from './errors';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const seedText = (f: string) => readFileSync(new URL(f, SEEDS), 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof IngestError ? e.code : `untyped: ${String(e)}`;
  }
  return undefined;
}

const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};

describe('sniffFormat', () => {
  it('recognizes files by content, not by name', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.4\n%âãÏÓ\n'))).toEqual({ kind: 'pdf' });
    expect(sniffFormat(Buffer.from('质量提升行动计划', 'utf8'))).toEqual({ kind: 'text' });
  });

  it('refuses empty files, images, archives and old Word files with typed errors', () => {
    expect(codeOf(() => sniffFormat(new Uint8Array()))).toBe('EMPTY_FILE');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(codeOf(() => sniffFormat(png))).toBe('NEEDS_OCR');
    expect(codeOf(() => sniffFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).toBe('NEEDS_OCR');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('photos/a.jpg')]);
    expect(codeOf(() => sniffFormat(zip))).toBe('UNSUPPORTED_FORMAT');
    const doc = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(codeOf(() => sniffFormat(doc))).toBe('UNSUPPORTED_FORMAT');
  });

  it('says in Chinese what the file is', () => {
    try {
      sniffFormat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/PNG 图片.*文字识别/);
    }
  });

  it('recognizes a password-protected Office file', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(codeOf(() => sniffFormat(ole))).toBe('ENCRYPTED_FILE');
  });

  it('treats a zip holding word/document.xml as docx', () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml')]);
    expect(sniffFormat(fake)).toEqual({ kind: 'docx' });
  });
});

describe('decodeText', () => {
  it.each(seeds)('%s: detects UTF-8, GB18030 and UTF-16 LE/BE with and without BOM', (f) => {
    const text = seedText(f);
    const cases: Array<[string, Uint8Array]> = [
      ['utf-8', Buffer.from(text, 'utf8')],
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['gb18030', iconv.encode(text, 'gb18030')],
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-16be', utf16be(text)],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ];
    for (const [encoding, bytes] of cases) {
      const d = decodeText(bytes);
      expect(d.encoding, `${encoding} ${bytes.length}`).toBe(encoding);
      expect(d.text).toBe(text);
    }
  });

  it('detects a short GBK line and a Big5 Traditional text', () => {
    expect(decodeText(iconv.encode('关于开展质量提升行动的实施意见', 'gbk'))).toEqual({ encoding: 'gb18030', text: '关于开展质量提升行动的实施意见' });
    const trad = '普陀區深入貫徹落實《質量強國建設綱要》加快建設質量強區的實施方案。各鎮人民政府、街道辦事處,區屬各相關單位:';
    expect(decodeText(iconv.encode(trad, 'big5'))).toEqual({ encoding: 'big5', text: trad });
  });

  it('keeps UTF-8 when a file is cut in the middle of a character', () => {
    const bytes = Buffer.from(seedText(seeds[0]), 'utf8');
    const cut = bytes.subarray(0, 1001); // 1001 is inside a 3-byte character in this seed or not: both must work
    expect(decodeText(cut).encoding).toBe('utf-8');
    expect(decodeText(bytes.subarray(0, 1000)).encoding).toBe('utf-8');
    expect(decodeText(bytes.subarray(0, 1002)).encoding).toBe('utf-8');
  });

  it('reads a UTF-8 file with a few damaged bytes as UTF-8, not as GB18030 mojibake', () => {
    const bytes = Buffer.from(seedText(seeds[2]), 'utf8');
    for (const at of [500, 5000, 15000]) bytes[at] = 0xff;
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('普陀区质量提升三年行动计划');
  });

  it('refuses random bytes as BINARY_CONTENT', () => {
    let x = 12345;
    const rnd = new Uint8Array(4096).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    expect(codeOf(() => decodeText(rnd))).toBe('BINARY_CONTENT');
  });

  it('refuses a file of only whitespace as EMPTY_FILE', () => {
    expect(codeOf(() => decodeText(Buffer.from(' \r\n\t\u3000\n', 'utf8')))).toBe('EMPTY_FILE');
  });
});

describe('looksLikeHtml', () => {
  it('tells an HTML page from text that quotes <此件公开发布>', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html><body><p>方案</p></body></html>')).toBe(true);
    expect(looksLikeHtml('<div class="a"><p>一、总体要求</p><br><span>x</span></div>')).toBe(true);
    expect(looksLikeHtml(seedText(seeds[1]))).toBe(false);
    expect(seedText(seeds[1])).toContain('<此件公开发布>');
  });
});
