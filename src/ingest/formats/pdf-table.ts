// A 任务分工 table in a PDF's text layer, put back together by position. pdf.js gives a table cell by
// cell (or line by line across a row), each wrapped line of a cell as an item of its own: 区市场监管 and
// 局 on two lines, 2025年 and 底, a task's text broken mid-word. Read as lines, the unit names and
// deadlines are lost. Here a table is recognised by its header (序号, 重点任务, 牵头单位, 配合单位, 完成时限…);
// the column edges come from the header's words, and each piece goes to the column its left edge falls
// in. A row begins at its number in the first column (or, without numbers, at its first cell); a table
// ends where the text runs on well below its last row. Each row comes out as one line, cells apart by
// ' | ', which the task-table readers take as cell edges. The rest of the page is read as before
// (joinTextItems).

/** What the PDF readers need of a pdf.js text item. */
export interface PositionedItem {
  str?: string;
  hasEOL?: boolean;
  /** [scaleX, skewY, skewX, scaleY, x, y] of the item's start */
  transform?: number[];
  /** the item's advance along the line, in the same units as x */
  width?: number;
  height?: number;
}

/** An item's font size (its height, else its scale), the unit its gaps are measured in. */
export const emOf = (it: PositionedItem): number => Math.max(1, it.height || (it.transform ? Math.hypot(it.transform[2], it.transform[3]) : 0) || 10);

interface Piece {
  str: string;
  x: number;
  y: number;
  end: number;
  em: number;
  /** starts a run: a new line (another baseline, or after an end of line) or after a gap of a cell's width */
  run: boolean;
}

const HEADER_WORD =
  /^(?:序号|编号|重点任务|主要任务|工作任务|任务内容|具体任务|具体措施|主要措施|工作措施|主要内容|工作内容|任务|牵头单位|责任单位|配合单位|协同单位|参与单位|协助单位|责任部门|牵头部门|配合部门|牵头领导|责任领导|完成时限|完成时间|时间节点|进度安排|时限要求|时限)$/;
const ROW_NUMBER = /^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、]?$/;

function piecesOf(items: readonly PositionedItem[]): Piece[] {
  const out: Piece[] = [];
  let prev: Piece | null = null;
  let eol = true;
  for (const it of items) {
    const t = it.transform;
    if (typeof it.str !== 'string' || !t) continue;
    const str = it.str;
    if (str.trim() === '') {
      if (it.hasEOL) eol = true;
      continue;
    }
    const em = emOf(it);
    const x = t[4];
    const y = t[5];
    const end = x + (typeof it.width === 'number' ? it.width : em * [...str].length);
    const run = eol || !prev || Math.abs(y - prev.y) > 2 || x - prev.end > 0.8 * em;
    const p: Piece = { str, x, y, end, em, run };
    out.push(p);
    prev = p;
    eol = !!it.hasEOL;
  }
  return out;
}

/** Pieces that overlap horizontally joined into words, top to bottom (序 + 号 → 序号). */
function columnWords(pieces: Piece[]): Array<{ text: string; x: number; end: number }> {
  const groups: Array<{ x: number; end: number; parts: Piece[] }> = [];
  for (const p of pieces) {
    const g = groups.find((c) => p.x < c.end && p.end > c.x);
    if (g) {
      g.parts.push(p);
      g.x = Math.min(g.x, p.x);
      g.end = Math.max(g.end, p.end);
    } else groups.push({ x: p.x, end: p.end, parts: [p] });
  }
  return groups
    .sort((a, b) => a.x - b.x)
    .map((g) => ({ x: g.x, end: g.end, text: g.parts.sort((a, b) => b.y - a.y || a.x - b.x).map((p) => p.str).join('').replace(/\s+/g, '') }));
}

/** Where the first table header at or after `start` starts and ends in `pieces`, and its words; null when there is none. */
function findHeader(pieces: Piece[], start = 0): { from: number; to: number; words: ReturnType<typeof columnWords> } | null {
  for (let i = start; i < pieces.length; i++) {
    const first = pieces[i];
    if (!/^(?:序|编|重|主|工|任|具|牵|责|配|协|参|完|时|进)/.test(first.str.trim())) continue;
    // the header's band: pieces following this one within two lines of it (wrapped header cells)
    let to = i;
    while (to + 1 < pieces.length && Math.abs(pieces[to + 1].y - first.y) <= 2 * first.em && !ROW_NUMBER.test(pieces[to + 1].str.trim())) to++;
    const words = columnWords(pieces.slice(i, to + 1));
    if (words.length >= 3 && words.filter((w) => HEADER_WORD.test(w.text)).length >= 3) return { from: i, to, words };
  }
  return null;
}

/** A table's columns: where each column after the first begins (x). Kept from page to page. */
export interface TableColumns {
  bounds: number[];
  /** the first column holds row numbers */
  numbered?: boolean;
}

/**
 * Column edges from the header. Header cells are centred as a rule: from the table's left edge, each
 * column's right edge is its header word's middle mirrored (2·middle − left edge). When that does not fall
 * between one word and the next (headers set flush left), each column begins just before its word.
 */
function columnBounds(words: ReturnType<typeof columnWords>, left: number, em: number): number[] {
  const centred: number[] = [];
  let edge = left;
  for (let i = 0; i + 1 < words.length; i++) {
    edge = words[i].x + words[i].end - edge;
    if (edge < words[i].end - 0.5 * em || edge > words[i + 1].x + 0.5 * em) {
      return words.slice(1).map((w) => w.x - 0.3 * em);
    }
    centred.push(edge);
  }
  return centred;
}

/** The column a piece starting at x is in. */
const columnAt = (bounds: number[], x: number, em: number) => bounds.filter((b) => b <= x + 0.3 * em).length;

/**
 * The page's lines with its 任务分工 tables read row by row, or null when the page has no such table
 * (the caller reads it line by line). `readLines` reads the text around a table. A table running on from
 * the previous page (`carried`, its columns) is continued when the page opens with its next row.
 */
export function readTablePage(
  items: readonly PositionedItem[],
  readLines: (items: readonly PositionedItem[]) => string[],
  carried?: TableColumns | null,
): { lines: string[]; columns: TableColumns } | null {
  const pieces = piecesOf(items);
  const headers: Array<NonNullable<ReturnType<typeof findHeader>>> = [];
  for (let h = findHeader(pieces); h; h = findHeader(pieces, h.to + 1)) headers.push(h);
  const lines: string[] = [];
  if (!headers.length) {
    // no header on this page: the previous page's table goes on if the page opens with its next row
    // (without row numbers: when its first line has cells in other columns too)
    const first = pieces[0];
    if (!carried || !first || columnAt(carried.bounds, first.x, first.em) !== 0) return null;
    const opensRow = carried.numbered
      ? ROW_NUMBER.test(first.str.trim())
      : pieces.some((p) => p.run && Math.abs(p.y - first.y) <= 2.2 * first.em && columnAt(carried.bounds, p.x, p.em) >= 2);
    if (!opensRow) return null;
    return { lines, columns: readRows(pieces, carried, lines) };
  }
  // everything before the first table as before
  const h0 = pieces[headers[0]!.from]!;
  const before = items.findIndex((it) => it.transform?.[4] === h0.x && it.transform?.[5] === h0.y && it.str === h0.str);
  lines.push(...readLines(items.slice(0, Math.max(0, before))));
  // each table with the columns of its own header, its rows up to the next table's header
  let columns: TableColumns | null = null;
  headers.forEach((header, k) => {
    const end = k + 1 < headers.length ? headers[k + 1]!.from : pieces.length;
    // the table's left edge: a little left of the first column's leftmost piece among the first rows'
    // (a row number, or the first cell's text when the rows have none) or of the header's first word
    const em = pieces[header.from]!.em;
    const firstRuns = pieces.slice(header.to + 1, end).filter((p) => p.run).slice(0, 12);
    const left = Math.min(header.words[0]!.x, ...firstRuns.map((p) => p.x).filter((x) => x < header.words[1]!.x)) - 0.3 * em;
    lines.push(header.words.map((w) => w.text).join(' | '));
    columns = readRows(pieces.slice(header.to + 1, end), { bounds: columnBounds(header.words, left, em) }, lines);
  });
  return { lines, columns: columns! };
}

/** A table's rows from its body's pieces, one line each (cells apart by " | "), onto `lines`; answers the columns with `numbered` known. */
function readRows(body: Piece[], columns: TableColumns, lines: string[]): TableColumns {
  const { bounds } = columns;
  const width = bounds.length + 1;

  let row: { cells: string[]; low: number } | null = null;
  let free: string | null = null; // a line that is no row's: a category row, the text after the table
  let col = 0;
  let numbered: boolean | undefined = columns.numbered; // the first column holds row numbers (known at its first piece)
  const flush = () => {
    if (row) lines.push(row.cells.map((c) => c.trim()).join(' | ').replace(/(?: \| )+$/, ''));
    if (free !== null) lines.push(free.trim());
    row = null;
    free = null;
  };
  for (const p of body) {
    const current = row as { cells: string[]; low: number } | null;
    const c = columnAt(bounds, p.x, p.em);
    // on one baseline, a piece past the next column's edge is that column's, however narrow the gap
    if (!p.run && !(current && free === null && c > col)) {
      if (free !== null) free += p.str;
      else if (current) current.cells[col] += p.str;
      continue;
    }
    const number = c === 0 && ROW_NUMBER.test(p.str.trim());
    if (c === 0) numbered ??= number;
    const afterCells = !!current && current.cells.slice(1).some((x) => x !== '');
    // a row begins at its number; in a table without numbers, at its first cell after the row above's cells
    if (number || (c === 0 && !numbered && (afterCells || !current))) {
      flush();
      row = { cells: Array.from({ length: width }, () => ''), low: p.y };
      row.cells[0] = number ? p.str.trim() : p.str;
      col = 0;
      continue;
    }
    // far below the row's lowest line (a row's cell lines are 1.5 lines apart at most), or the first
    // column again after the row's other cells (a category row between numbered rows): not the row's
    if (!current || current.low - p.y > 2.2 * p.em || (c === 0 && afterCells)) {
      flush();
      free = p.str;
      continue;
    }
    col = c;
    current.cells[col] += p.str;
    current.low = Math.min(current.low, p.y);
  }
  flush();
  return { ...columns, numbered };
}
