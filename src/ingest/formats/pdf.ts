// .pdf → text from the text layer (pdf.js through unpdf). A PDF without a text layer (a scan)
// is refused with NEEDS_OCR.
import { IngestError } from '../errors';
import { emOf, readTablePage, type PositionedItem, type TableColumns } from './pdf-table';

/** A pdf.js text item as the readers use it. */
export type TextItem = PositionedItem;

/** A gap wider than this many font heights between two pieces of one line is a table's cell edge. */
const CELL_GAP_EMS = 0.8;
/** A gap wider than this (and not a cell edge) is a space between words. */
const WORD_GAP_EMS = 0.3;

/**
 * One page's text items → lines. Items on one baseline join; a table row's cells stand on one baseline
 * with wide gaps between them, which become ' | ' (the task-table readers take a pipe as a cell's edge:
 * glued together, a row's 牵头单位 and 配合单位 read as one name); a smaller gap becomes a space.
 */
export function joinTextItems(items: readonly TextItem[]): string[] {
  const lines: string[] = [];
  let line = '';
  let lastY: number | null = null;
  let lastEnd: number | null = null; // x where the previous item on this line ended
  for (const raw of items) {
    if (typeof raw.str !== 'string') continue;
    const t = raw.transform;
    const y = t?.[5] ?? null;
    const x = t?.[4] ?? null;
    // a new baseline without an explicit EOL still starts a new line
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && line !== '') {
      lines.push(line);
      line = '';
      lastEnd = null;
    }
    // a space item (pdf.js writes one across the gap between two cells): the gap is measured from the text
    // before it, and a space is kept only between words
    if (raw.str.trim() === '') {
      if (line !== '' && !/\s$/.test(line)) line += ' ';
      if (y !== null) lastY = y;
      if (raw.hasEOL) {
        lines.push(line.trimEnd());
        line = '';
        lastEnd = null;
      }
      continue;
    }
    if (line !== '' && lastEnd !== null && x !== null) {
      const em = emOf(raw);
      const gap = x - lastEnd;
      const cell = line.slice(line.lastIndexOf(' | ') + 1).trim();
      // a title set with wide letter spacing (通　　知) is single characters apart, not cells
      const spacedLetters = /^\p{Script=Han}$/u.test(cell) && /^\p{Script=Han}$/u.test(raw.str.trim());
      if (gap > CELL_GAP_EMS * em && !spacedLetters) line = `${line.trimEnd()} | `;
      else if (gap > WORD_GAP_EMS * em && !/\s$/.test(line) && !(/\p{Script=Han}$/u.test(line) && /^\p{Script=Han}/u.test(raw.str))) line += ' ';
      // a space item between two Han characters (or before a cell edge) is no word space
      else if (/\p{Script=Han} $/u.test(line) && /^\p{Script=Han}/u.test(raw.str) && gap <= WORD_GAP_EMS * em) line = line.trimEnd();
    }
    line += raw.str;
    if (y !== null) lastY = y;
    lastEnd = x !== null && typeof raw.width === 'number' ? x + raw.width : null;
    if (raw.hasEOL) {
      lines.push(line);
      line = '';
      lastEnd = null;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of (and may detach) the buffer it is given: pass a copy.
  const data = new Uint8Array(bytes);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    doc = await getDocumentProxy(data, { verbosity: 0, isEvalSupported: false } as never);
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    if (name === 'PasswordException' || /password/i.test(String((e as Error)?.message))) {
      throw new IngestError('ENCRYPTED_FILE', undefined, { cause: e });
    }
    throw new IngestError('CORRUPT_PDF', undefined, { cause: e });
  }
  try {
    const pages: string[] = [];
    let columns: TableColumns | null = null; // a 任务分工 table that may run on to the next page
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items = content.items as TextItem[];
      const table = readTablePage(items, joinTextItems, columns);
      columns = table?.columns ?? null;
      const lines = table?.lines ?? joinTextItems(items);
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    const text = pages.join('\n');
    if (text.replace(/\s+/g, '').length < 10 * Math.max(1, Math.min(doc.numPages, 3))) {
      throw new IngestError('NEEDS_OCR', `PDF 中没有文字层（共 ${doc.numPages} 页，可能是扫描件），需要先进行文字识别（OCR）`);
    }
    return text;
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('CORRUPT_PDF', undefined, { cause: e });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
