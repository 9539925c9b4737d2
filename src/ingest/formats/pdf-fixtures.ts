// Small PDFs built in code, for tests and benchmarks: one with a text layer (any Unicode text,
// through a Type0 font with a ToUnicode map and no embedded glyphs) and one without (a scan-like
// page that only draws a rectangle).

function assemble(objects: string[]): Uint8Array {
  // objects[i] is the body of object i+1
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const b = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

/**
 * A PDF whose pages carry `input` lines as real text, 40 lines a page. Lines longer than `wrapAt`
 * characters are wrapped the way a word processor would (a 10pt line holds about 50 characters).
 */
export function makeTextPdf(input: string[], wrapAt = 45, linesPerPage = 40): Uint8Array {
  const lines = input.flatMap((l) => (l.length <= wrapAt ? [l] : (Array.from(l).join('').match(new RegExp(`.{1,${wrapAt}}`, 'gu')) ?? [l])));
  const cids = new Map<string, number>();
  for (const line of lines) for (const ch of line) if (!cids.has(ch)) cids.set(ch, cids.size + 1);
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  const utf16hex = (ch: string) => Array.from(Buffer.from(ch, 'utf16le').swap16()).map((b) => b.toString(16).padStart(2, '0')).join('');
  const entries = [...cids.entries()];
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([ch, cid]) => `<${hex4(cid)}> <${utf16hex(ch)}>`).join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def', '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange', ...chunks, 'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');

  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, lines.length); i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  // objects: 1 catalog, 2 pages, 3 font, 4 cidfont, 5 descriptor, 6 tounicode, then page+content pairs
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 7 + i * 2);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>');
  objects.push('<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>');
  objects.push('<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>');
  objects.push(stream(cmap));
  for (const [i, pageLines] of pages.entries()) {
    const body = pageLines
      .map((line, k) => `BT /F1 10 Tf 40 ${800 - k * 18} Td <${Array.from(line, (ch) => hex4(cids.get(ch)!)).join('')}> Tj ET`)
      .join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`);
    objects.push(stream(body));
  }
  return assemble(objects);
}

/** A one-page PDF with no text layer, like a scan: it only paints a grey rectangle. */
export function makeImageOnlyPdf(): Uint8Array {
  return assemble([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('0.5 g 50 50 495 742 re f'),
  ]);
}

/**
 * A one-page PDF whose content stream is `chunk` × `times` deflated (FlateDecode, or the chain in
 * `filters`), built without holding the inflated stream in memory: a few hundred MB of drawing
 * operators travel as a file of a few hundred KB.
 */
export async function makeDeflatedPdf(chunk: string, times: number, opts: { filters?: string } = {}): Promise<Uint8Array> {
  const { default: zlib } = await import('node:zlib');
  const piece = Buffer.from(chunk, 'latin1');
  const per = Math.max(1, Math.floor((1 << 20) / piece.length));
  const block = Buffer.concat(Array.from({ length: Math.min(per, times) }, () => piece));
  const deflater = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  for (let left = times; left > 0; ) {
    const n = Math.min(per, left);
    const b = n === block.length / piece.length ? block : block.subarray(0, n * piece.length);
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
    left -= n;
  }
  deflater.end();
  await done;
  const data = Buffer.concat(out);
  const head = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  // assemble() takes latin1 text: the compressed bytes survive a latin1 round trip.
  head.push(`<< /Length ${data.length} /Filter ${opts.filters ?? '/FlateDecode'} >>\nstream\n${data.toString('latin1')}\nendstream`);
  return assemble(head);
}
