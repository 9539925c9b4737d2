// Hostile uploads against the document engine: decompression bombs are refused before they are
// inflated (in process and in the sandbox), and the sandbox's time and memory limits stop what the
// checks cannot foresee, after which it keeps parsing ordinary documents.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from './index';
import { ParseSandbox } from './sandbox';
import { docxParagraph, makeDocx } from './formats/zip-fixtures';
import { makeDeflatedPdf } from './formats/pdf-fixtures';
import { checkPdfStreams } from './formats/pdf-guard';
import { DEFAULT_LIMITS } from './decode';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');
const seed = (i: number) => {
  const name = fs.readdirSync(SEEDS).sort()[i];
  return { name, bytes: new Uint8Array(fs.readFileSync(path.join(SEEDS, name))) };
};

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

/** 200 MB of ordinary paragraphs in document.xml, a ~0.8 MB file. */
const BIG_PARAGRAPH = docxParagraph('质量提升行动计划'.repeat(12));
const docx200mb = (declareSize?: number) =>
  makeDocx({ chunk: BIG_PARAGRAPH, times: Math.ceil((200 * 1024 * 1024) / Buffer.byteLength(BIG_PARAGRAPH)) }, declareSize ? { declareSize } : {});

describe('bombs refused before they are inflated (the engine, in process)', () => {
  it('a small .docx whose document.xml inflates to 200 MB: INFLATED_TOO_LARGE, read from the zip directory', async () => {
    const bytes = await docx200mb();
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(parsePlan(bytes, 'plan.docx')).rejects.toMatchObject({ code: 'INFLATED_TOO_LARGE', message: expect.stringMatching(/解压后有 \d+(\.\d)? MB，超出解析上限 64 MB/) });
    // nothing near 200 MB was allocated to find out
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('the same .docx lying in its zip directory (declares 1 MB): DECOMPRESSION_BOMB, inflation stopped at the declared size', async () => {
    const bytes = await docx200mb(1024 * 1024);
    await expect(parsePlan(bytes, 'plan.docx')).rejects.toMatchObject({ code: 'DECOMPRESSION_BOMB' });
  });

  it('a .docx of too many parts', async () => {
    const parts = Array.from({ length: 2100 }, (_, i) => ({ name: `word/media/p${i}.png`, data: new Uint8Array([i & 255]) }));
    const bytes = await makeDocx(docxParagraph('一、总体要求'), { extraParts: parts });
    await expect(parsePlan(bytes, 'plan.docx')).rejects.toMatchObject({ code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('部件过多') });
  });

  it('a ~50 KB .docx of 300 000 one-character paragraphs (mammoth would take tens of seconds): TOO_COMPLEX', async () => {
    const bytes = await makeDocx({ chunk: docxParagraph('质'), times: 300_000 });
    expect(bytes.length).toBeLessThan(64 * 1024);
    await expect(parsePlan(bytes, 'plan.docx')).rejects.toMatchObject({ code: 'TOO_COMPLEX', message: expect.stringContaining('结构过于复杂') });
  });

  it('a ~1 MB PDF whose content stream inflates to 500 MB: INFLATED_TOO_LARGE, inflation stopped at the limit', async () => {
    const bytes = await makeDeflatedPdf('0 0 m 100 100 l S\n', Math.ceil((500 * 1024 * 1024) / 18));
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    await expect(parsePlan(bytes, 'plan.pdf')).rejects.toMatchObject({ code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('PDF 文件') });
  });

  it('a PDF bomb behind a filter chain (ASCIIHex then Flate) is decoded through the chain and refused', async () => {
    const flate = await makeDeflatedPdf('0 0 m 100 100 l S\n', Math.ceil((100 * 1024 * 1024) / 18));
    // re-encode the stream data as hex: find it between stream/endstream
    const text = Buffer.from(flate).toString('latin1');
    const s = text.indexOf('stream\n') + 7;
    const e = text.lastIndexOf('\nendstream');
    const hex = Buffer.from(text.slice(s, e), 'latin1').toString('hex') + '>';
    const pdf = Buffer.from(text.slice(0, s).replace('/Filter /FlateDecode', '/Filter [/ASCIIHexDecode /FlateDecode]').replace(/\/Length \d+/, `/Length ${hex.length}`) + hex + text.slice(e), 'latin1');
    await expect(checkPdfStreams(pdf, DEFAULT_LIMITS)).rejects.toMatchObject({ code: 'INFLATED_TOO_LARGE' });
    // the same stream under a higher limit passes: the check decodes, it does not guess
    await expect(checkPdfStreams(pdf, { ...DEFAULT_LIMITS, maxPdfStreamBytes: 200 * 1024 * 1024 })).resolves.toBeUndefined();
  });
});

describe('the sandbox (worker thread with time and memory limits)', () => {
  const sandboxes: ParseSandbox[] = [];
  const sandbox = (opts: ConstructorParameters<typeof ParseSandbox>[0]) => {
    const s = new ParseSandbox(opts);
    sandboxes.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('parses every seed exactly as the engine does in process', async () => {
    const sb = sandbox({});
    for (let i = 0; i < 5; i++) {
      const { name, bytes } = seed(i);
      const inProcess = await parsePlan(bytes, name);
      expect(await sb.parse(bytes, name)).toEqual(inProcess);
    }
  });

  it('refuses the bombs with the same codes, and keeps working', async () => {
    const sb = sandbox({});
    expect(await codeOf(sb.parse(await docx200mb(), 'a.docx'))).toBe('INFLATED_TOO_LARGE');
    expect(await codeOf(sb.parse(await docx200mb(1024 * 1024), 'b.docx'))).toBe('DECOMPRESSION_BOMB');
    expect(await codeOf(sb.parse(await makeDocx({ chunk: docxParagraph('质'), times: 300_000 }), 'c.docx'))).toBe('TOO_COMPLEX');
    const { name, bytes } = seed(3);
    expect((await sb.parse(bytes, name)).targets.length).toBeGreaterThan(0);
  });

  it('stops a parse that takes longer than the time limit, and parses the next file on a new worker', async () => {
    const sb = sandbox({ timeoutMs: 2000 });
    // 99 000 paragraphs (396 000 elements, under the element limit): mammoth needs 10–20 s
    const slow = await makeDocx({ chunk: docxParagraph('质'), times: 99_000 });
    const err = await sb.parse(slow, 'slow.docx').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PARSE_TIMEOUT', message: expect.stringContaining('解析超时') });
    const { name, bytes } = seed(0);
    expect((await sb.parse(bytes, name)).targets.length).toBeGreaterThan(0);
    expect(sb.stats.timeouts).toBe(1);
    expect(sb.stats.workersStarted).toBe(2);
  });

  it('ends a worker that passes its heap limit (PARSE_OUT_OF_MEMORY), and the process lives on', async () => {
    // element limit lifted: mammoth's document tree of 200 000 paragraphs needs several hundred MB
    const sb = sandbox({ heapMb: 64, limits: { maxDocxElements: 10_000_000 } });
    const heavy = await makeDocx({ chunk: docxParagraph('质'), times: 200_000 });
    expect(await codeOf(sb.parse(heavy, 'heavy.docx'))).toBe('PARSE_OUT_OF_MEMORY');
    expect(sb.stats.outOfMemory).toBe(1);
    const { bytes } = seed(3);
    const again = sandbox({});
    expect((await again.parse(bytes, 'seed.txt')).targets.length).toBeGreaterThan(0);
  });

  it('ends a parse whose memory outside the heap grows past the limit (PARSE_OUT_OF_MEMORY)', async () => {
    const sb = sandbox({ memoryMb: 64 });
    const { bytes } = seed(3);
    // (large enough that the parse runs for several of the 100 ms samples even when the machine is busy)
    const big = new Uint8Array(Buffer.concat(Array.from({ length: 250 }, () => Buffer.from(bytes))));
    const err = await sb.parse(big, 'big.txt').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PARSE_OUT_OF_MEMORY', message: expect.stringContaining('64 MB') });
  });

  it('refuses more files than the queue holds with PARSER_BUSY', async () => {
    const sb = sandbox({ maxQueue: 1, timeoutMs: 1000 });
    const slow = await makeDocx({ chunk: docxParagraph('质'), times: 90_000 });
    const running = sb.parse(slow, '1.docx').catch((e: unknown) => e);
    const queued = sb.parse(slow, '2.docx').catch((e: unknown) => e);
    expect(await codeOf(sb.parse(slow, '3.docx'))).toBe('PARSER_BUSY');
    expect(await running).toMatchObject({ code: 'PARSE_TIMEOUT' });
    expect(await queued).toMatchObject({ code: 'PARSE_TIMEOUT' });
  });
});
