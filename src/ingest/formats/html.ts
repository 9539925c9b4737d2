// HTML page → plain text with the block structure kept as line breaks.
// Government sites wrap a plan in menus, scripts, share buttons and footers: those subtrees are
// dropped; table rows become one line each (so a metadata table like
// `[ 索 引 号 ] … [ 主题分类 ] …` stays readable); entities are decoded.

/** Elements whose whole content is never document text. */
const DROP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'head', 'nav', 'iframe', 'object', 'embed',
  'select', 'button', 'form', 'canvas', 'audio', 'video', 'map', 'footer', 'aside', 'textarea', 'title',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template', 'xmp']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'tr', 'table', 'tbody', 'thead', 'tfoot', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl',
  'dt', 'dd', 'blockquote', 'pre', 'hr', 'section', 'article', 'main', 'center', 'address', 'figure', 'figcaption',
  'caption', 'fieldset', 'legend', 'option', 'body', 'html',
]);
const CELL = new Set(['td', 'th']);
const ROWSPAN = /\browspan\s*=\s*["']?(\d+)/i;
const COLSPAN = /\bcolspan\s*=\s*["']?(\d+)/i;
/** A cell's rowspan or colspan: 1 to 1000. */
const spanOf = (re: RegExp, attrs: string) => Math.min(1000, Math.max(1, Number(re.exec(attrs)?.[1] ?? 1)));
/** class/id words of site chrome: menus, share bars, breadcrumbs, footers. */
const CHROME_CLASS = /^(?:nav|navbar|menu|menus|footer|foot|header|topbar|breadcrumb|crumb|crumbs|position|location|share|bdshare|bdsharebuttonbox|sharebar|toolbar|sidebar|copyright|search|login|banner|qrcode|ewm|skip|wza|aria|related|xgxx|xglj)(?:[-_\d].*)?$/i;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•',
  times: '×', divide: '÷', deg: '°', plusmn: '±', copy: '©', reg: '®', trade: '™', sect: '§', para: '¶',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', permil: '‰', le: '≤', ge: '≥', ne: '≠', yen: '¥',
  shy: '', zwsp: '', zwnj: '', zwj: '', sup2: '²', sup3: '³', frac12: '½', micro: 'µ', minus: '−', prime: '′',
  Prime: '″', larr: '←', rarr: '→', uarr: '↑', darr: '↓', hArr: '⇔', rArr: '⇒', sim: '∼', asymp: '≈',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,8});?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(cp);
    }
    const v = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    return v ?? m;
  });
}

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>?|<\?[^>]*>?|<\/?([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>"']|"[^"<>]*"|'[^'<>]*')*)>/g;

/** Converts an HTML page to text: one line per block, cells of a table row on one line. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipTag: string | null = null; // dropping a subtree: the tag that opened it
  let skipDepth = 0;
  let cellDepth = 0;
  let cellsInRow = 0; // cells opened so far in the current top-level row
  // A cell merged down over several rows (rowspan, as mammoth writes Word's merged cells) is repeated in
  // each of them, so that every row of a 任务分工 table carries its 牵头单位 and 完成时限.
  let rowCol = 0; // the column the next cell of the current top-level row starts at
  let openCell: { col: number; rowspan: number; start: number } | null = null;
  const carried = new Map<number, { text: string; left: number }>();
  let tableDepth = 0;
  /** The top-level cell being read ends: a merged one is remembered for the rows below. */
  const endCell = () => {
    if (openCell && openCell.rowspan > 1) {
      const text = out.slice(openCell.start).join('').replace(/\s+/g, ' ').trim();
      carried.set(openCell.col, { text, left: openCell.rowspan - 1 });
    }
    openCell = null;
  };
  const fillCarried = () => {
    for (let c = carried.get(rowCol); c; c = carried.get(rowCol)) {
      out.push(cellsInRow > 0 ? ' | ' : ' ', c.text, ' ');
      cellsInRow++;
      if (--c.left === 0) carried.delete(rowCol);
      rowCol++;
    }
  };
  let preDepth = 0;
  let articleDepth = 0; // inside <article>/<main> a <header> holds the title, outside it is the site banner
  let last = 0;
  const emitText = (raw: string) => {
    if (skipTag || raw === '') return;
    let t = decodeEntities(raw);
    if (preDepth === 0) t = t.replace(/[ \t\r\n\f]+/g, ' ');
    else t = t.replace(/\r\n?/g, '\n');
    out.push(t);
  };
  const newline = () => {
    if (skipTag) return;
    out.push(cellDepth > 0 ? ' ' : '\n');
  };
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(html)) !== null) {
    emitText(html.slice(last, m.index));
    last = TOKEN.lastIndex;
    const name = m[1]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m[0][1] === '/';
    const attrs = m[2] ?? '';
    const selfClosing = /\/\s*$/.test(attrs) || VOID.has(name);
    if (!closing && RAW_TEXT.has(name)) {
      // skip to the matching close tag without looking for tags inside
      const close = new RegExp(`</${name}\\s*>`, 'ig');
      close.lastIndex = last;
      const c = close.exec(html);
      if (!skipTag && (name === 'textarea' || name === 'xmp')) emitText(html.slice(last, c ? c.index : html.length));
      last = c ? close.lastIndex : html.length;
      TOKEN.lastIndex = last;
      continue;
    }
    if (skipTag) {
      if (name === skipTag && !selfClosing) {
        if (closing) {
          skipDepth--;
          if (skipDepth === 0) skipTag = null;
        } else skipDepth++;
      }
      continue;
    }
    if (name === 'article' || name === 'main') articleDepth = closing ? Math.max(0, articleDepth - 1) : articleDepth + 1;
    const drop = DROP_ELEMENTS.has(name) || (articleDepth === 0 && name === 'header') || isChromeElement(name, attrs);
    if (!closing && !selfClosing && drop) {
      skipTag = name;
      skipDepth = 1;
      continue;
    }
    // Tables: cells of a top-level row on one line, apart by ' | ' (the task-table readers take a pipe as
    // a cell's edge; a space would join a 牵头单位 cell to the 配合单位 cell beside it). A table inside a
    // cell is read with spaces. `tableDepth` tells the two apart (an omitted </td> is closed by the next cell).
    if (name === 'table') {
      tableDepth = closing ? Math.max(0, tableDepth - 1) : tableDepth + 1;
      if (tableDepth === 0) carried.clear();
    }
    const topLevel = tableDepth <= 1;
    if (CELL.has(name)) {
      if (closing) {
        cellDepth = Math.max(0, cellDepth - 1);
        if (topLevel) endCell();
        out.push(' ');
      } else if (topLevel) {
        endCell();
        fillCarried();
        out.push(cellsInRow > 0 ? ' | ' : ' ');
        openCell = { col: rowCol, rowspan: spanOf(ROWSPAN, attrs), start: out.length };
        cellsInRow++;
        rowCol += spanOf(COLSPAN, attrs);
        cellDepth++;
      } else {
        out.push(' ');
        cellDepth++;
      }
      continue;
    }
    if (name === 'pre') preDepth = closing ? Math.max(0, preDepth - 1) : preDepth + 1;
    if (name === 'tr' && topLevel) {
      endCell();
      if (closing) fillCarried(); // merged cells of the last columns
      cellDepth = 0;
      cellsInRow = 0;
      rowCol = 0;
    }
    if (BLOCK.has(name)) newline();
    else if (name === 'img' && !closing) {
      const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
      const a = alt?.[1] ?? alt?.[2] ?? '';
      if (a.trim() && /[\u4e00-\u9fff]/.test(a) && a.length > 6) emitText(` ${a} `);
    }
  }
  emitText(html.slice(last));
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function isChromeElement(name: string, attrs: string): boolean {
  if (!attrs || name === 'body' || name === 'html' || name === 'table' || name === 'tr' || name === 'td') return false;
  const cls = /\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  let m: RegExpExecArray | null;
  while ((m = cls.exec(attrs)) !== null) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    if (v.split(/\s+/).some((token) => CHROME_CLASS.test(token))) return true;
  }
  return /\brole\s*=\s*["']?(?:navigation|banner|contentinfo|search)\b/i.test(attrs) || /\bstyle\s*=\s*["'][^"']*display\s*:\s*none/i.test(attrs);
}
