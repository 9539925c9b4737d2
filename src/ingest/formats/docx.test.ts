import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, HeadingLevel } from 'docx';
import { docxToText } from './docx';
import { IngestError } from '../errors';

const cell = (s: string) => new TableCell({ children: [new Paragraph(s)] });

describe('docxToText', () => {
  it('keeps paragraphs as lines, table rows as one line each, and runs of one paragraph together', async () => {
    const doc = new Document({
      sections: [{
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('新河镇质量提升行动工作计划')] }),
          new Paragraph('(2021-2023年)'),
          new Paragraph({ children: [new TextRun('一、'), new TextRun({ text: '总体要求', bold: true })] }),
          new Paragraph({ children: [new TextRun('农产品质量安全抽检合格率达到'), new TextRun({ text: '99.5%', bold: true }), new TextRun('以上。')] }),
          new Table({ rows: [new TableRow({ children: [cell('指标'), cell('2020年'), cell('2023年目标')] }), new TableRow({ children: [cell('绿色食品认证率'), cell('80%'), cell('90%')] })] }),
          new Paragraph('二、重点任务'),
        ],
      }],
    });
    const text = await docxToText(new Uint8Array(await Packer.toBuffer(doc)));
    expect(text.split('\n')).toEqual([
      '新河镇质量提升行动工作计划',
      '(2021-2023年)',
      '一、总体要求',
      '农产品质量安全抽检合格率达到99.5%以上。',
      '指标 2020年 2023年目标',
      '绿色食品认证率 80% 90%',
      '二、重点任务',
    ]);
  });

  it('refuses a broken docx with CORRUPT_DOCX', async () => {
    const junk = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('word/document.xml'), Buffer.alloc(100, 3)]);
    await expect(docxToText(junk)).rejects.toBeInstanceOf(IngestError);
    await expect(docxToText(junk)).rejects.toMatchObject({ code: 'CORRUPT_DOCX' });
  });
});
