import { describe, expect, it } from 'vitest';
import { joinTextItems, pdfToText, type TextItem } from './pdf';
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

describe('joinTextItems (one page of pdf.js text items → lines)', () => {
  /** an item of `str` at x on baseline y, 16 units high, each character 16 wide (CJK) or 8 (Latin) */
  const item = (str: string, x: number, y: number, extra: Partial<TextItem> = {}): TextItem => ({
    str,
    transform: [16, 0, 0, 16, x, y],
    width: [...str].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 8 : 16), 0),
    height: 16,
    ...extra,
  });

  it('keeps a table row\'s cells apart with | and joins the pieces of a sentence', () => {
    const lines = joinTextItems([
      item('一、重点任务', 80, 700, { hasEOL: true }),
      // prose set in two runs that touch
      item('推动企业建立首席质量官', 80, 680),
      item('制度。', 80 + 11 * 16, 680, { hasEOL: true }),
      // a row: 序号, 任务, 牵头单位, 配合单位, 完成时限, each in its column
      item('1', 60, 640),
      item('开展质量提升行动', 100, 640),
      item('区市场监管局', 260, 640),
      item('区经信局、区商务局', 380, 640),
      item('2025年底', 540, 640),
    ]);
    expect(lines).toEqual(['一、重点任务', '推动企业建立首席质量官制度。', '1 | 开展质量提升行动 | 区市场监管局 | 区经信局、区商务局 | 2025年底']);
  });

  it('does not split a title set with wide letter spacing, and spaces Latin words', () => {
    const lines = joinTextItems([
      item('通', 250, 700),
      item('知', 250 + 16 + 40, 700, { hasEOL: true }),
      item('ISO', 80, 680),
      item('9001', 80 + 24 + 6, 680),
      item('质量管理体系', 80 + 24 + 6 + 32 + 6, 680),
    ]);
    expect(lines).toEqual(['通知', 'ISO 9001 质量管理体系']);
  });

  it('starts a new line on a new baseline without an explicit end of line', () => {
    expect(joinTextItems([item('第一行', 80, 700), item('第二行', 80, 680)])).toEqual(['第一行', '第二行']);
  });
});

describe('joinTextItems with the space items pdf.js writes between cells', () => {
  const item = (str: string, x: number, width: number, eol = false): TextItem => ({ str, transform: [10.5, 0, 0, 10.5, x, 600], width, height: str.trim() ? 10.5 : 0, hasEOL: eol });
  it('measures a cell gap from the text before the space, and keeps a space only between words', () => {
    expect(
      joinTextItems([
        item('3', 48.7, 5.8), item(' ', 54.5, 24.9), item('⼯', 79.4, 10.5), item('程质量一次验收合格率', 89.9, 105), item(' ', 194.9, 40), item('%', 260, 8.8),
        item(' ', 268.8, 30), item('98', 300, 11.6, true),
        item('ISO', 48.7, 17.4), item(' ', 66.1, 2.9), item('9001', 69, 23.2), item(' ', 92.2, 2.9), item('认证', 95.1, 21, true),
      ]),
    ).toEqual(['3 | ⼯程质量一次验收合格率 | % | 98', 'ISO 9001 认证']);
  });
});
