// Tables flattened one cell a line (a Word table pasted into a web page, then scraped): the cells of the header and the
// rows come one a line, but a narrow cell is broken further — vertical text a character a line (序 / 号, 园 / 区 / 化),
// a year and its word on two lines (2021年 / 目标). Both readers of such tables (tasks.ts for the units, targets.ts
// for the values) first put those pieces back together.
export interface CellLine { text: string; start: number; end: number }

const YEAR_ONLY = /^(?:19|20)\d{2}年(?:度)?$/;
const YEAR_WORD = /^(?:目标|目标值|预期目标|预期值|计划|任务|完成值)$/;

const join = (a: CellLine, b: CellLine): CellLine => ({ text: a.text + b.text, start: a.start, end: b.end });

/**
 * The lines with the pieces of one cell joined: a run of two or more lines of one Han character each (vertical text);
 * a year line and the word under it (2021年 / 目标); a short line and a note in brackets under it.
 */
export function mergeBrokenCells(lines: CellLine[]): CellLine[] {
  const out: CellLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    let cur = lines[i];
    if (/^[\u4e00-\u9fa5]$/.test(cur.text) && /^[\u4e00-\u9fa5]$/.test(lines[i + 1]?.text ?? '')) {
      while (/^[\u4e00-\u9fa5]$/.test(lines[i + 1]?.text ?? '')) cur = join(cur, lines[++i]);
    } else if (YEAR_ONLY.test(cur.text) && YEAR_WORD.test(lines[i + 1]?.text ?? '')) {
      cur = join(cur, lines[++i]);
    }
    // a column's note on the line under its name: 责任单位 / (第一为牵头单位)
    if (cur.text.length <= 8 && /^[(（][^()（）]{2,20}[)）]$/.test(lines[i + 1]?.text ?? '')) cur = join(cur, lines[++i]);
    out.push(cur);
  }
  return out;
}

/** A column name with a note in brackets (责任单位（第一为牵头单位）): the name, and whether the note says the first leads. */
export function columnNote(text: string): { name: string; firstLeads: boolean } {
  const m = /^(.+?)[(（]([^()（）]{2,20})[)）]$/.exec(text.replace(/[\s\u3000]+/g, ''));
  if (!m) return { name: text, firstLeads: false };
  return { name: m[1], firstLeads: /(?:第一|排名第一|排在第一|首位|排第一).{0,4}(?:为|是)?牵头/.test(m[2]) };
}
