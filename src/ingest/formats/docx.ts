// .docx → text through mammoth's HTML (paragraphs and table rows survive as lines).
import { IngestError } from '../errors';
import { htmlToText } from './html';

export async function docxToText(bytes: Uint8Array): Promise<string> {
  let html: string;
  const { default: mammoth } = await import('mammoth');
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false });
    html = result.value;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/encrypt|password/i.test(msg)) throw new IngestError('ENCRYPTED_FILE', undefined, { cause: e });
    throw new IngestError('CORRUPT_DOCX', undefined, { cause: e });
  }
  return htmlToText(html);
}
