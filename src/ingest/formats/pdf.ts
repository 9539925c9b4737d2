// .pdf → text from the text layer (pdf.js through unpdf). A PDF without a text layer (a scan)
// is refused with NEEDS_OCR.
import { IngestError } from '../errors';

interface TextItem { str?: string; hasEOL?: boolean; transform?: number[] }

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
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      let lastY: number | null = null;
      for (const raw of content.items as TextItem[]) {
        if (typeof raw.str !== 'string') continue;
        const y = raw.transform?.[5] ?? null;
        // a new baseline without an explicit EOL still starts a new line
        if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && line !== '') {
          lines.push(line);
          line = '';
        }
        line += raw.str;
        if (y !== null) lastY = y;
        if (raw.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
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
