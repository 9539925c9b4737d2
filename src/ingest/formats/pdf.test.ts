import { describe, expect, it } from 'vitest';
import { pdfToText } from './pdf';
import { makeImageOnlyPdf, makeTextPdf } from './pdf-fixtures';

describe('pdfToText', () => {
  it('reads the text layer line by line, across pages', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i + 1}.第${i + 1}项任务:合格率达到9${i % 10}%以上。`);
    const text = await pdfToText(makeTextPdf(['质量强区建设实施方案', ...lines]));
    expect(text.split('\n')).toEqual(['质量强区建设实施方案', ...lines]);
  });

  it('asks for OCR when the PDF has no text layer', async () => {
    await expect(pdfToText(makeImageOnlyPdf())).rejects.toMatchObject({ code: 'NEEDS_OCR', message: expect.stringMatching(/扫描件.*OCR/) });
  });

  it('says CORRUPT_PDF for a file that only starts like a PDF', async () => {
    await expect(pdfToText(new Uint8Array(Buffer.from('%PDF-1.7\nnot really')))).rejects.toMatchObject({ code: 'CORRUPT_PDF' });
  });
});
