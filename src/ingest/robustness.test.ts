// Robustness of the whole engine (bytes → PlanExtraction): generated and mutated documents never
// crash it or make it return spans outside `text`; bad files get typed errors; every encoding and
// container of a seed gives the same extraction as the UTF-8 original.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { parsePlan, parsePlanText, IngestError, type PlanExtraction, type OutlineNode, type Span } from './index';
import { makeImageOnlyPdf, makeTextPdf } from './formats/pdf-fixtures';
import { normalizeText } from './normalize';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seedNames = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const seedBytes = seedNames.map((f) => new Uint8Array(readFileSync(new URL(f, SEEDS))));
const seedTexts = seedBytes.map((b) => Buffer.from(b).toString('utf8'));

// --- invariants ---------------------------------------------------------------------------------

function checkSpan(span: Span, text: string, what: string): void {
  expect(Array.isArray(span) && span.length === 2, `${what}: span shape`).toBe(true);
  const [s, e] = span;
  expect(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length, `${what}: span [${s}, ${e}) outside text of ${text.length}`).toBe(true);
}

function checkOutline(nodes: OutlineNode[], text: string, parent: Span | null): void {
  for (const n of nodes) {
    checkSpan(n.span, text, `outline ${n.marker}`);
    if (parent) {
      expect(n.span[0] >= parent[0] && n.span[1] <= parent[1], `outline child ${n.marker}${n.title} [${n.span}] outside parent [${parent}]`).toBe(true);
    }
    checkOutline(n.children, text, n.span);
  }
}

/** What every successful parse must satisfy. */
function checkExtraction(r: PlanExtraction): void {
  expect(r.schemaVersion).toBe(1);
  expect(typeof r.text).toBe('string');
  expect(['txt', 'html', 'docx', 'pdf']).toContain(r.source.format);
  checkOutline(r.outline, r.text, null);
  for (const t of r.targets) {
    checkSpan(t.span, r.text, `target ${t.indicator}`);
    expect(Number.isFinite(t.value), `target value ${t.value}`).toBe(true);
    expect(['>=', '<=', '>', '<', '=', '~', 'range']).toContain(t.comparator);
  }
  for (const t of r.tasks) {
    checkSpan(t.span, r.text, `task ${t.title}`);
    for (const d of t.departments) expect(['lead', 'co']).toContain(d.role);
  }
  for (const tp of r.topics) expect(tp.score >= 0 && tp.score <= 1, `topic score ${tp.score}`).toBe(true);
  // the contract is JSON: nothing may get lost on the way (no NaN, no undefined in arrays)
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
}

/** Parses; an IngestError about the input is an acceptable answer, anything else fails. */
async function parseOrInputError(bytes: Uint8Array, name: string): Promise<PlanExtraction | IngestError> {
  try {
    const r = await parsePlan(bytes, name);
    checkExtraction(r);
    return r;
  } catch (e) {
    if (e instanceof IngestError && e.isInputError) return e;
    throw e;
  }
}

const withoutSource = (r: PlanExtraction) => ({ ...r, source: undefined });
const targetsOf = (r: PlanExtraction) => r.targets.map(({ span: _s, ...t }) => t);

// --- equivalence across encodings and containers -----------------------------------------------

describe('the same document in another encoding or container gives the same extraction', () => {
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

  it.each(seedNames.map((n, i) => [n, i] as const))('%s in GB18030, UTF-16 LE/BE, with BOM and CRLF', async (_name, i) => {
    const base = await parsePlan(seedBytes[i], seedNames[i]);
    checkExtraction(base);
    const text = seedTexts[i];
    const variants: Array<[string, Uint8Array]> = [
      ['gb18030', iconv.encode(text, 'gb18030')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['utf-16be', utf16be(text)],
      ['utf-8', Buffer.from('\ufeff' + text.replace(/\n/g, '\r\n'), 'utf8')],
    ];
    for (const [encoding, bytes] of variants) {
      const r = await parsePlan(bytes, seedNames[i]);
      expect(r.source.encoding).toBe(encoding);
      expect(withoutSource(r)).toEqual(withoutSource(base));
    }
  });

  it.each(seedNames.map((n, i) => [n, i] as const))('%s wrapped in a government web page gives the same targets', async (_name, i) => {
    const base = await parsePlan(seedBytes[i], seedNames[i]);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = [
      '<!DOCTYPE html><html><head><meta charset="gb2312"><title>政策文件</title><script>var a="<p>一、假</p>";</script></head><body>',
      '<div class="nav"><ul><li>首页</li><li>政务公开</li><li>达到100%满意</li></ul></div>',
      '<div class="position">当前位置：首页 &gt; 政策文件</div><div class="article">',
      '<p>【字体：<a>大</a> <a>中</a> <a>小</a>】 浏览次数：<span>128</span></p>',
      ...seedTexts[i].split('\n').map((l) => `<p style="text-indent:2em">${esc(l).replace(/ /g, '&nbsp;')}</p>`),
      '<p><a href="#">打印此页</a>&nbsp;&nbsp;<a href="#">关闭窗口</a></p></div>',
      '<div class="footer">主办：某某区人民政府 技术支持：某公司 满意率达到99%</div></body></html>',
    ].join('\n');
    const r = await parsePlan(iconv.encode(html, 'gb18030'), 'page.html');
    checkExtraction(r);
    expect(r.source.format).toBe('html');
    expect(r.source.encoding).toBe('gb18030');
    expect(targetsOf(r)).toEqual(targetsOf(base));
    expect(r.metadata.title).toBe(base.metadata.title);
  });

  it.each(seedNames.map((n, i) => [n, i] as const))('%s as a .docx gives the same targets', async (_name, i) => {
    const base = await parsePlan(seedBytes[i], seedNames[i]);
    const doc = new Document({
      sections: [{ children: seedTexts[i].split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const r = await parsePlan(bytes, 'plan.docx');
    checkExtraction(r);
    expect(r.source.format).toBe('docx');
    expect(targetsOf(r)).toEqual(targetsOf(base));
    expect(r.metadata).toEqual(base.metadata);
  });

  it.each(seedNames.map((n, i) => [n, i] as const))('%s as a PDF with lines wrapped at the page width gives the same targets', async (_name, i) => {
    // a PDF holds the document as printed: Simplified, without the pinyin of the scraped page
    const printed = normalizeText(seedTexts[i]).text;
    const base = parsePlanText(printed, 'plan.txt');
    const r = await parsePlan(makeTextPdf(printed.split('\n'), 45), 'plan.pdf');
    checkExtraction(r);
    expect(r.source.format).toBe('pdf');
    expect(r.source.normalizations).toContain('join-broken-lines');
    expect(targetsOf(r)).toEqual(targetsOf(base));
  });
});

// --- bad input ------------------------------------------------------------------------------------

async function codeOf(bytes: Uint8Array, name = 'x'): Promise<string> {
  try {
    await parsePlan(bytes, name);
    return 'OK';
  } catch (e) {
    return e instanceof IngestError ? e.code : `untyped ${String(e)}`;
  }
}

describe('bad files get typed errors with a Chinese message', () => {
  it('empty file, whitespace-only file', async () => {
    expect(await codeOf(new Uint8Array(), 'a.txt')).toBe('EMPTY_FILE');
    expect(await codeOf(Buffer.from('\r\n  \u3000\n', 'utf8'))).toBe('EMPTY_FILE');
  });

  it('a PNG image (even named .txt)', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    expect(await codeOf(png, 'plan.txt')).toBe('NEEDS_OCR');
  });

  it('a zip that is not a docx, and a docx whose inside is broken', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('images/1.png'), Buffer.alloc(64)]);
    expect(await codeOf(zip, 'plan.docx')).toBe('UNSUPPORTED_FORMAT');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml'), Buffer.alloc(64, 1)]);
    expect(await codeOf(broken, 'plan.docx')).toBe('CORRUPT_DOCX');
  });

  it('a PDF without a text layer (a scan) asks for OCR; a broken PDF is CORRUPT_PDF', async () => {
    expect(await codeOf(makeImageOnlyPdf(), 'scan.pdf')).toBe('NEEDS_OCR');
    expect(await codeOf(Buffer.from('%PDF-1.7\n1 0 obj garbage'), 'x.pdf')).toBe('CORRUPT_PDF');
  });

  it('random binary bytes', async () => {
    let x = 7;
    const rnd = new Uint8Array(10000).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    expect(await codeOf(rnd)).toBe('BINARY_CONTENT');
  });

  it('a 50 MB text file is refused with TOO_LARGE (the limit for text files is 16 MiB)', async () => {
    const chunk = Buffer.from(seedTexts[2], 'utf8');
    const big = Buffer.alloc(50 * 1000 * 1000);
    for (let o = 0; o < big.length; o += chunk.length) chunk.copy(big, o);
    let err: unknown;
    try {
      await parsePlan(big, 'big.txt');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('TOO_LARGE');
    expect((err as IngestError).message).toMatch(/过大.*MB.*上限/);
  });

  it('a 2 MB document (many plans pasted together) is parsed, with every span inside the text', async () => {
    const text = Array.from({ length: 60 }, (_, k) => seedTexts[k % seedTexts.length]).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000);
    const r = await parsePlan(Buffer.from(text, 'utf8'), 'many.txt');
    checkExtraction(r);
    expect(r.targets.length).toBeGreaterThan(100);
  });

  it('limits can be lowered per call', async () => {
    expect(await parsePlan(seedBytes[0], 'a.txt', { limits: { maxTextFileBytes: 1000 } }).catch((e: IngestError) => e.code)).toBe('TOO_LARGE');
  });
});

// --- properties -----------------------------------------------------------------------------------

const MARKERS = ['一、', '二、', '(一)', '(二)', '1.', '2.', '(1)', '①', '第一章', '附件', '一是'];
const WORDS = [
  '质量', '提升', '达到', '以上', '不低于', '%', '％', '个百分点', '万元/人', '家', '项', '累计', '新增', '到2025年', '至2023年', '每年',
  '合格率', '满意度', '责任单位:', '牵头单位:', '配合单位:', '区市场监管局', '县发改局', '各镇', '(责任部门:区科委)', '。', ',', '、', ';', ':',
  '\n', '\n', '\n\n', ' ', '\u3000', '“', '”', '《', '》', '〔2021〕38号', '发(fā)', '區(qū)', '(2021-2023年)', '99.5', '100', '三', '十五', '—', '-',
  '<p>', '</p>', '&nbsp;', '\r\n', '\ufeff', '\u200b',
];
const chineseDoc = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...MARKERS).map((m) => `\n${m}`), fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), maxLength: 12 }), fc.integer({ min: 0, max: 100000 }).map(String)), { maxLength: 300 })
  .map((parts) => parts.join(''));

type Mutation = { kind: 'delete' | 'insert' | 'duplicate' | 'truncate' | 'flip'; at: number; len: number; bytes: number[] };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'duplicate', 'truncate', 'flip'),
  at: fc.nat(),
  len: fc.nat({ max: 400 }),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
});

function mutate(src: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Buffer.from(src);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.kind === 'duplicate') b = Buffer.concat([b.subarray(0, at + m.len), b.subarray(at, at + m.len), b.subarray(at + m.len)]);
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (b.length > 0) b[at] ^= 1 << (m.len % 8);
  }
  return new Uint8Array(b);
}

describe('properties: nothing crashes, every span lies inside the text', () => {
  it('mutated seeds (cut, spliced, bit-flipped, in any encoding)', async () => {
    const encodings = ['utf-8', 'gb18030', 'utf-16le'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seedTexts.length - 1 }),
        fc.constantFrom(...encodings),
        fc.nat(),
        fc.nat({ max: 6000 }),
        fc.array(mutation, { maxLength: 6 }),
        async (i, enc, start, len, ms) => {
          // a window of the seed keeps each run fast; mutations act on the encoded bytes
          const text = seedTexts[i].slice(start % seedTexts[i].length).slice(0, len);
          const bytes = mutate(iconv.encode(text, enc), ms);
          await parseOrInputError(bytes, 'm.txt');
        },
      ),
      { numRuns: 600, seed: 20261125 },
    );
  });

  it('generated Chinese plan-like text', () => {
    fc.assert(
      fc.property(chineseDoc, (text) => {
        try {
          checkExtraction(parsePlanText(text, 'g.txt'));
        } catch (e) {
          if (!(e instanceof IngestError && e.isInputError)) throw e;
        }
      }),
      { numRuns: 1500, seed: 4242 },
    );
  });

  it('random bytes, with and without a docx, pdf or BOM header', async () => {
    const headers = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04], [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 3000 }), async (h, body) => {
        await parseOrInputError(new Uint8Array([...h, ...body]), 'r.bin');
      }),
      { numRuns: 500, seed: 99 },
    );
  });

  it('every span is stable: parsing the returned text again gives the same text', () => {
    fc.assert(
      fc.property(fc.nat({ max: seedTexts.length - 1 }), fc.nat(), fc.nat({ max: 5000 }), (i, start, len) => {
        const text = seedTexts[i].slice(start % seedTexts[i].length).slice(0, len);
        if (text.trim() === '') return;
        let r: PlanExtraction;
        try {
          r = parsePlanText(text, 'w.txt');
        } catch (e) {
          if (e instanceof IngestError && e.isInputError) return;
          throw e;
        }
        checkExtraction(r);
        expect(normalizeText(r.text).text).toBe(r.text); // normalization is idempotent
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
