// The heading tree of a plan document: 一、 → (一) → 1. → (1) → ①, plus 第X章/第X条.
// Headings are recognised only at the start of a line; a marker nests under the nearest
// preceding heading whose marker type ranks higher in the official numbering order
// (GB/T 9704: 一、 (一) 1. (1)), so a section that skips a level still nests correctly.
import type { OutlineNode } from './model';

export type MarkerKind = 'chapter' | 'article' | 'cn' | 'pcn' | 'num' | 'pnum' | 'circled';

const RANK: Record<MarkerKind, number> = { chapter: 0, article: 1, cn: 2, pcn: 3, num: 4, pnum: 5, circled: 6 };

const CN_DIGITS = '一二三四五六七八九十百零〇两';

const CN_ENUM = new RegExp(`^[${CN_DIGITS}]{1,3}\\s*[、.．]`);

interface MarkerMatch {
  kind: MarkerKind;
  marker: string;
  /** Offset of the heading text after the marker, relative to the line start. */
  rest: number;
}

const MARKER_RULES: Array<{ kind: MarkerKind; re: RegExp }> = [
  { kind: 'chapter', re: new RegExp(`^第[${CN_DIGITS}\\d]{1,4}(?:章|部分|篇|节)`) },
  { kind: 'article', re: new RegExp(`^第[${CN_DIGITS}\\d]{1,4}条`) },
  { kind: 'cn', re: new RegExp(`^[${CN_DIGITS}]{1,3}\\s*[、.．]`) },
  { kind: 'pcn', re: new RegExp(`^[(（]\\s*[${CN_DIGITS}]{1,3}\\s*[)）]`) },
  { kind: 'num', re: /^\d{1,2}\s*(?:[.．](?!\d)|、)/ },
  { kind: 'pnum', re: /^[(（]\s*\d{1,2}\s*[)）]/ },
  { kind: 'circled', re: /^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]/ },
  // A scraped "(一)" that lost its opening part: ")增强发展动能,推动…" at the start of a line.
  { kind: 'pcn', re: /^[)）](?=[\u4e00-\u9fa5])/ },
];

/** Recognises a heading marker at the start of `line` (leading blanks already removed). */
export function matchMarker(line: string): MarkerMatch | null {
  for (const { kind, re } of MARKER_RULES) {
    const m = re.exec(line);
    if (!m) continue;
    const after = line.slice(m[0].length);
    const text = after.replace(/^[\s\u3000]+/, '');
    // A marker needs a heading after it, and that heading must start like words, not like a number or a date.
    if (!text || /^[.%．,，、)）:：]/.test(text)) return null;
    // "1、2、3号楼" or "1.2.3" are enumerations, not headings
    if (/^\d{1,2}\s*[、.．]/.test(text)) return null;
    // "一、二、三" style enumerations of bare numerals are not headings
    if (kind === 'cn' && CN_ENUM.test(text)) return null;
    return { kind, marker: m[0].replace(/\s+/g, ''), rest: line.length - text.length };
  }
  return null;
}

/** The heading's title: the marker's line up to the first 。 (or a short lead before ：), without a trailing department clause. */
export function headingTitle(rest: string): string {
  let t = rest;
  const stop = t.search(/[。！？!?]/);
  if (stop >= 0) t = t.slice(0, stop);
  const clause = t.search(/[(（](?:责任|牵头|负责|主办|承办|配合|协办|实施)/);
  if (clause > 0) t = t.slice(0, clause);
  const colon = t.search(/[：:]/);
  if (colon > 0 && colon <= 20) t = t.slice(0, colon);
  return t.replace(/[\s\u3000]+$/g, '').replace(/[；;，,、]$/, '').trim();
}

interface Line { start: number; end: number; text: string }

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.replace(/^[\s\u3000\u00a0]+/, '').length;
    const body = raw.slice(lead).replace(/[\s\u3000\u00a0]+$/, '');
    if (body) out.push({ start: pos + lead, end: pos + lead + body.length, text: body });
    pos += raw.length + 1;
  }
  return out;
}

const ATTACHMENT = /^附\s*件\s*[\d一二三四五六七八九十]*\s*(?:[:：].{0,40})?$/;

interface Flat { node: OutlineNode; kind: MarkerKind }

export function extractOutline(text: string): OutlineNode[] {
  const lines = splitLines(text);
  const roots: OutlineNode[] = [];
  const stack: Flat[] = [];
  const docEnd = lines.length ? lines[lines.length - 1].end : 0;
  const close = (f: Flat, end: number) => {
    f.node.span[1] = Math.max(f.node.span[0], end);
  };
  let prevLineEnd = 0;
  for (const line of lines) {
    // an attachment (附件 / 附件1：重点任务分工表) closes every open section of the plan above it
    if (ATTACHMENT.test(line.text)) {
      while (stack.length) close(stack.pop()!, prevLineEnd);
      prevLineEnd = line.end;
      continue;
    }
    const m = matchMarker(line.text);
    if (m) {
      const title = headingTitle(line.text.slice(m.rest));
      if (title) {
        while (stack.length && RANK[stack[stack.length - 1].kind] >= RANK[m.kind]) close(stack.pop()!, prevLineEnd);
        const node: OutlineNode = { marker: m.marker, title, level: stack.length + 1, span: [line.start, docEnd], children: [] };
        if (stack.length) stack[stack.length - 1].node.children.push(node);
        else roots.push(node);
        stack.push({ node, kind: m.kind });
      }
    }
    prevLineEnd = line.end;
  }
  while (stack.length) close(stack.pop()!, docEnd);
  return roots;
}

/** Every node of the tree in document order. */
export function flattenOutline(nodes: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (ns: OutlineNode[]) => {
    for (const n of ns) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
