// The document engine's public API: bytes (or already-decoded text) in, PlanExtraction out.
//
//   parsePlan(bytes, fileName)  — detects the format by content (docx/pdf/html/txt) and the
//                                 encoding, extracts and normalizes the text, runs the extractors
//   parsePlanText(text, fileName) — the same from a string (HTML is still recognized)
//   readDocument(bytes, fileName) — only the first half: the normalized text and its source info
//
// Every extractor sees the same `text`, the one returned, so every span points into it.
import type { NormalizedDocument, PlanExtraction, SourceFormat, SourceInfo } from './model';
import { IngestError } from './errors';
import { DEFAULT_LIMITS, decodeText, looksLikeHtml, sniffFormat, tooLarge, type IngestLimits } from './decode';
import { normalizeText } from './normalize';
import { htmlToText } from './formats/html';
import { docxToText } from './formats/docx';
import { pdfToText } from './formats/pdf';
import { checkDocxArchive } from './formats/zip-guard';
import { checkPdfStreams } from './formats/pdf-guard';
import { extractMetadata } from './metadata';
import { extractOutline } from './outline';
import { extractTargets } from './targets';
import { extractTasks } from './tasks';
import { collectDepartments } from './departments';
import { classifyTopics } from './topics';

export type * from './model';
export { IngestError, isIngestError, type IngestErrorCode } from './errors';
export { DEFAULT_LIMITS, type IngestLimits } from './decode';

export interface ParseOptions {
  /** Override the size limits (see DEFAULT_LIMITS in decode.ts). */
  limits?: Partial<IngestLimits>;
}

/** Reads a file's bytes into normalized text. Throws IngestError for input it cannot read. */
export async function readDocument(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<NormalizedDocument> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (bytes.length > limits.maxFileBytes) throw tooLarge(bytes.length, limits.maxFileBytes);
  const sniffed = sniffFormat(bytes);
  let format: SourceFormat;
  let encoding: string;
  let raw: string;
  const pre: string[] = [];
  if (sniffed.kind === 'docx') {
    format = 'docx';
    encoding = 'utf-8';
    checkDocxArchive(bytes, limits);
    raw = await docxToText(bytes);
  } else if (sniffed.kind === 'pdf') {
    format = 'pdf';
    encoding = 'pdf';
    await checkPdfStreams(bytes, limits);
    raw = await pdfToText(bytes);
  } else {
    if (bytes.length > limits.maxTextFileBytes) throw tooLarge(bytes.length, limits.maxTextFileBytes);
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    if (looksLikeHtml(decoded.text)) {
      format = 'html';
      raw = htmlToText(decoded.text);
      pre.push('html-to-text');
    } else {
      format = 'txt';
      raw = decoded.text;
    }
  }
  return finish(raw, { fileName, format, encoding, normalizations: pre }, limits);
}

function finish(raw: string, source: SourceInfo, limits: IngestLimits): NormalizedDocument {
  if (raw.length > limits.maxTextChars) {
    throw new IngestError('TOO_LARGE', `文件中的文字过多（${raw.length} 字符），超出解析上限 ${limits.maxTextChars} 字符`);
  }
  if (raw.trim() === '') {
    throw source.format === 'txt' ? new IngestError('EMPTY_FILE') : new IngestError('NO_TEXT');
  }
  const norm = normalizeText(raw);
  if (norm.text.trim() === '') throw new IngestError('NO_TEXT', '文件中没有找到正文文字（只有空白、符号或网站导航）');
  return { text: norm.text, source: { ...source, normalizations: [...source.normalizations, ...norm.normalizations] } };
}

/** Runs the extractors on a normalized document. Unexpected extractor failures become INTERNAL_ERROR. */
export function extractPlan(doc: NormalizedDocument): PlanExtraction {
  const { text } = doc;
  const run = <T>(stage: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw new IngestError('INTERNAL_ERROR', `解析时发生内部错误（${stage}）：${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
  };
  const metadata = run('metadata', () => extractMetadata(text));
  const outline = run('outline', () => extractOutline(text));
  const documentYear = Number((metadata.writtenDate ?? metadata.publishedDate ?? '').slice(0, 4)) || null;
  const targets = run('targets', () => extractTargets(text, { period: metadata.period, outline, documentYear, title: metadata.title }));
  const tasks = run('tasks', () => extractTasks(text, outline));
  const departments = run('departments', () => collectDepartments(tasks, text));
  const topics = run('topics', () => classifyTopics(text, metadata));
  return { schemaVersion: 1, source: doc.source, text, metadata, topics, outline, targets, tasks, departments };
}

/** Parses a plan document from its bytes (txt, html, docx, pdf; any common Chinese encoding). */
export async function parsePlan(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<PlanExtraction> {
  return extractPlan(await readDocument(bytes, fileName, opts));
}

/** Parses already-decoded text (pasted text, a database field). HTML markup is still recognized. */
export function parsePlanText(text: string, fileName: string, opts: ParseOptions = {}): PlanExtraction {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (text.length > limits.maxTextChars) {
    throw new IngestError('TOO_LARGE', `文字过多（${text.length} 字符），超出解析上限 ${limits.maxTextChars} 字符`);
  }
  if (text.trim() === '') throw new IngestError('EMPTY_FILE');
  const html = looksLikeHtml(text);
  const raw = html ? htmlToText(text) : text;
  const doc = finish(raw, { fileName, format: html ? 'html' : 'txt', encoding: 'unicode', normalizations: html ? ['html-to-text'] : [] }, limits);
  return extractPlan(doc);
}
