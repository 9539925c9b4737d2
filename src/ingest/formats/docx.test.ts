import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, HeadingLevel, VerticalMergeType } from 'docx';
import { docxToText } from './docx';
import { parsePlan } from '../index';
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
      '指标 | 2020年 | 2023年目标',
      '绿色食品认证率 | 80% | 90%',
      '二、重点任务',
    ]);
  });

  it('a 任务分工 table in Word: each task gets its 牵头单位 as lead and its 配合单位 as co-units, not the cells run together', async () => {
    const cells = (r: string[]) => new TableRow({ children: r.map((t) => new TableCell({ children: t.split('\n').map((x) => new Paragraph(x)) })) });
    const rows = [
      ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '推动企业建立首席质量官制度，到2025年培育质量标杆企业20家。', '区市场监管局', '区经信局、区商务局', '2025年底'],
      ['2', '加强农产品质量安全监管，\n农产品质量安全抽检合格率保持在98%以上。', '区农业农村局', '区市场监管局', '每年'],
      ['3', '落实工程质量终身责任制。', '区住房城乡建设局', '', '2024年6月'],
    ];
    const doc = new Document({
      sections: [{ children: [new Paragraph('某区质量提升行动重点任务分工方案'), new Paragraph('现将重点任务分工如下。'), new Table({ rows: rows.map(cells) })] }],
    });
    const r = await parsePlan(new Uint8Array(await Packer.toBuffer(doc)), '分工方案.docx');
    const pairs = r.tasks.map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(' '));
    expect(pairs).toEqual(['区市场监管局:lead 区经信局:co 区商务局:co', '区农业农村局:lead 区市场监管局:co', '区住房城乡建设局:lead']);
    expect(r.tasks.map((t) => t.deadline)).toEqual(['2025年底', '每年', '2024年6月']);
    expect(r.targets.map((t) => `${t.indicator} ${t.value}`)).toEqual(['质量标杆企业 20', '农产品质量安全抽检合格率 98']);
  });

  it('a 牵头单位 cell merged down over several rows in Word leads each of those tasks', async () => {
    const c = (t: string, merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]) => new TableCell({ children: [new Paragraph(t)], ...(merge ? { verticalMerge: merge } : {}) });
    const doc = new Document({
      sections: [{
        children: [
          new Paragraph('某区质量强区建设重点任务分工'),
          new Table({
            rows: [
              new TableRow({ children: [c('序号'), c('重点任务'), c('牵头单位'), c('配合单位'), c('完成时限')] }),
              new TableRow({ children: [c('1'), c('推动企业开展质量管理体系认证。'), c('区市场监管局', VerticalMergeType.RESTART), c('区工信局'), c('2024年')] }),
              new TableRow({ children: [c('2'), c('开展质量技术帮扶“携手行动”。'), c('', VerticalMergeType.CONTINUE), c('区科技局'), c('2025年')] }),
              new TableRow({ children: [c('3'), c('培育“浙江制造”品牌企业。'), c('', VerticalMergeType.CONTINUE), c('区经信局'), c('2025年')] }),
            ],
          }),
        ],
      }],
    });
    const r = await parsePlan(new Uint8Array(await Packer.toBuffer(doc)), '分工.docx');
    expect(r.tasks.map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(' '))).toEqual([
      '区市场监管局:lead 区工信局:co',
      '区市场监管局:lead 区科技局:co',
      '区市场监管局:lead 区经信局:co',
    ]);
    expect(r.tasks.map((t) => t.deadline)).toEqual(['2024年', '2025年', '2025年']);
  });

  it('refuses a broken docx with CORRUPT_DOCX', async () => {
    const junk = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('word/document.xml'), Buffer.alloc(100, 3)]);
    await expect(docxToText(junk)).rejects.toBeInstanceOf(IngestError);
    await expect(docxToText(junk)).rejects.toMatchObject({ code: 'CORRUPT_DOCX' });
  });
});
