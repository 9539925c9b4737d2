// 任务分工 tables in PDFs: the text layer gives each wrapped line of a cell as an item of its own. The
// reader puts them back into rows (pdf-table.ts). First on items laid out as pdf.js gives them for a
// table printed by Chromium (cell by cell, header cells centred) and for one written line by line across
// the row; then on real PDFs that Chromium prints (skipped without Chromium), across a page break.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_MISSING_MESSAGE, hasChromium, launchChromium } from '../../../e2e/helpers/browser';
import { parsePlan } from '../index';
import { readTablePage, type PositionedItem } from './pdf-table';
import { joinTextItems } from './pdf';

/** an item of `str` with its left edge at x on baseline y, 10.5 units a character */
const at = (str: string, x: number, y: number, eol = false): PositionedItem => ({
  str,
  transform: [10.5, 0, 0, 10.5, x, y],
  width: [...str].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 5.8 : 10.5), 0),
  height: 10.5,
  hasEOL: eol,
});

const pairs = (lines: string[]) =>
  parsePlan(new TextEncoder().encode(['某区质量提升行动方案', '附件:重点任务分工', ...lines].join('\n')), 't.txt').then((r) =>
    r.tasks.filter((t) => /^\d+$/.test(t.marker ?? '')).map((t) => `${t.marker} ${t.departments.map((d) => `${d.name}:${d.role}`).join(' ')} ${t.deadline}`),
  );

describe('readTablePage', () => {
  it('cell by cell with wrapped cells and a centred header (as Chromium prints one)', async () => {
    const items = [
      at('附件：重点任务分工', 45, 690, true),
      // header: 序/号 and 完成时/限 wrapped, each word centred in its column
      at('序', 52.3, 656.1, true), at('号', 52.3, 641.1), at('重点任务', 177.8, 648.6), at('牵头单位', 340.6, 648.6),
      at('配合单位', 427.8, 648.6), at('完成时', 510.8, 656.1, true), at('限', 521.3, 641.1),
      // row 1: the task, the lead unit and the deadline wrapped onto a second line; one-line cells centred vertically
      at('1', 48.7, 611.9), at('推动企业建立首席质量官制度，开展质量管理体系认', 73.2, 619.4, true), at('证。', 73.2, 604.4, true),
      at('区市场监管', 331.2, 619.4, true), at('局', 331.2, 604.4), at('区经信局、区商务局', 398.8, 611.9), at('2025年', 505.7, 619.4, true), at('底', 505.7, 604.4, true),
      // row 2: a short task (its left edge far left of its column's middle) and an empty 配合单位
      at('2', 48.7, 575.1), at('加强计量建设。', 73.2, 575.1), at('区农业农村', 331.2, 582.6, true), at('局', 331.2, 567.6, true), at('每年', 505.7, 575.1, true),
      // the text after the table
      at('三、保障措施', 77, 520, true),
    ];
    const out = readTablePage(items, joinTextItems);
    expect(out?.lines).toEqual([
      '附件：重点任务分工',
      '序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限',
      '1 | 推动企业建立首席质量官制度，开展质量管理体系认证。 | 区市场监管局 | 区经信局、区商务局 | 2025年底',
      '2 | 加强计量建设。 | 区农业农村局 |  | 每年',
      '三、保障措施',
    ]);
    expect(await pairs(out!.lines.slice(1))).toEqual(['1 区市场监管局:lead 区经信局:co 区商务局:co 2025年底', '2 区农业农村局:lead 每年']);
  });

  it('a second table on the same page takes its columns from its own header', () => {
    const items = [
      // 序号 | 重点任务 | 责任单位 | 完成时限
      at('序号', 50, 700), at('重点任务', 90, 700), at('责任单位', 300, 700), at('完成时限', 420, 700, true),
      at('1', 55, 680), at('开展质量提升行动。', 90, 680), at('区市场监管局', 300, 680), at('2025年', 420, 680, true),
      at('2', 55, 660), at('加强安全生产。', 90, 660), at('区应急管理局', 300, 660), at('每年', 420, 660, true),
      // the next table below it, other columns: 序号 | 具体措施 | 牵头单位 | 配合单位 | 完成时间
      at('二、具体措施分工', 45, 620, true),
      at('序号', 50, 600), at('具体措施', 80, 600), at('牵头单位', 250, 600), at('配合单位', 340, 600), at('完成时间', 470, 600, true),
      at('1', 55, 580), at('实施标准化战略。', 80, 580), at('区市场监管局', 250, 580), at('区发改局', 340, 580), at('2025年底', 470, 580, true),
      at('2', 55, 560), at('培育质量品牌。', 80, 560), at('区经信局', 250, 560), at('区商务局', 340, 560), at('每年', 470, 560, true),
    ];
    const out = readTablePage(items, joinTextItems);
    expect(out?.lines).toEqual([
      '序号 | 重点任务 | 责任单位 | 完成时限',
      '1 | 开展质量提升行动。 | 区市场监管局 | 2025年',
      '2 | 加强安全生产。 | 区应急管理局 | 每年',
      '二、具体措施分工',
      '序号 | 具体措施 | 牵头单位 | 配合单位 | 完成时间',
      '1 | 实施标准化战略。 | 区市场监管局 | 区发改局 | 2025年底',
      '2 | 培育质量品牌。 | 区经信局 | 区商务局 | 每年',
    ]);
    // the next page goes on with the second table's columns
    expect(out?.columns.bounds).toHaveLength(4);
  });

  it('line by line across the row, header set flush left', () => {
    const items = [
      at('序号', 50, 700), at('工作任务', 80, 700), at('责任单位', 300, 700), at('完成时间', 450, 700, true),
      // first lines of all cells, then the second lines
      at('1', 50, 680), at('完善标准体系，主导制定团体', 80, 680), at('区市场监管局、区', 300, 680), at('2025年', 450, 680, true),
      at('标准5项以上。', 80, 665), at('科技局', 300, 665, true),
      at('2', 50, 640), at('强化质量监管。', 80, 640), at('区市场监管局', 300, 640), at('每年', 450, 640, true),
    ];
    expect(readTablePage(items, joinTextItems)?.lines).toEqual([
      '序号 | 工作任务 | 责任单位 | 完成时间',
      '1 | 完善标准体系，主导制定团体标准5项以上。 | 区市场监管局、区科技局 | 2025年',
      '2 | 强化质量监管。 | 区市场监管局 | 每年',
    ]);
  });

  it('a table without row numbers: a row begins at its first cell; neighbouring cells on one baseline stay apart', () => {
    const items = [
      at('重点任务', 150, 700), at('牵头单位', 330, 700), at('配合单位', 450, 700), at('完成时限', 560, 700, true),
      // a full 牵头单位 cell: the 配合单位 cell beside it on one baseline, less than a character away
      at('推动企业建立首席质量官制度，开展', 48, 670, true), at('质量管理体系认证。', 48, 655, true),
      at('区住房和城乡建设局', 306.5, 662), at('区经信局、区商务局', 408, 662), at('2025年底', 540, 662, true),
      at('加强计量建设。', 48, 630), at('区农业农村局', 306.5, 630), at('每年', 540, 630, true),
    ];
    expect(readTablePage(items, joinTextItems)?.lines).toEqual([
      '重点任务 | 牵头单位 | 配合单位 | 完成时限',
      '推动企业建立首席质量官制度，开展质量管理体系认证。 | 区住房和城乡建设局 | 区经信局、区商务局 | 2025年底',
      '加强计量建设。 | 区农业农村局 |  | 每年',
    ]);
  });

  it('leaves a page without a 任务分工 header to the line reader', () => {
    expect(readTablePage([at('一、总体要求', 45, 700, true), at('到2025年，产品质量合格率达到95%。', 45, 680, true)], joinTextItems)).toBeNull();
  });

  it('goes on with the table on the next page only when that page opens with its next row', () => {
    const first = readTablePage(
      [at('序号', 50, 700), at('重点任务', 80, 700), at('牵头单位', 300, 700), at('完成时限', 450, 700, true), at('1', 50, 680), at('加强计量建设。', 80, 680), at('区市场监管局', 300, 680), at('每年', 450, 680, true)],
      joinTextItems,
    )!;
    const next = readTablePage([at('2', 50, 780), at('培育品牌。', 80, 780), at('区商务局', 300, 780), at('2025年', 450, 780, true)], joinTextItems, first.columns);
    expect(next?.lines).toEqual(['2 | 培育品牌。 | 区商务局 | 2025年']);
    expect(readTablePage([at('三、保障措施', 45, 780, true)], joinTextItems, first.columns)).toBeNull();
  });
});

const chromium = hasChromium();
if (!chromium) console.warn(CHROMIUM_MISSING_MESSAGE);

describe.skipIf(!chromium)('任务分工 tables in PDFs that Chromium prints', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function printed(css: string): Promise<Uint8Array> {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `<tr><td class="c">${i + 1}</td><td>第${i + 1}项任务：推动检验检测机构整合，提升服务能力，开展质量技术帮扶。</td>` +
        `<td>${i % 3 === 0 ? '区农业农村局' : '区市场监管局'}</td><td>${i % 2 ? '区发改局、区财政局' : ''}</td><td class="c">${2024 + (i % 2)}年底</td></tr>`,
    ).join('');
    const page = await browser.newPage();
    await page.setContent(
      `<html><head><meta charset="utf-8"><style>body{font-family:'Noto Serif CJK SC',serif;font-size:16px;margin:60px}` +
        `table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:4px;font-size:14px} ${css}</style></head><body>` +
        `<h2 style="text-align:center;letter-spacing:0.5em">某区质量强区建设实施方案</h2><p>为深入实施质量强国战略，结合我区实际，制定本方案。</p>` +
        `<p>附件：重点任务分工</p><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>${rows}</table>` +
        `<p>三、保障措施</p><p>各单位要高度重视，确保各项任务落到实处。</p></body></html>`,
    );
    const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
    await page.close();
    return pdf;
  }

  for (const [name, css] of [
    ['left-aligned cells, centred header', ''],
    ['a header set flush left', 'th{text-align:left}'],
    ['序号 and 完成时限 centred in their columns', 'td.c{text-align:center}'],
  ] as const) {
    it(`reads every row's lead, co-units and deadline, over the page break: ${name}`, async () => {
      const r = await parsePlan(await printed(css), '方案.pdf');
      expect(r.metadata.title).toBe('某区质量强区建设实施方案');
      const rows = r.tasks.filter((t) => /^\d+$/.test(t.marker ?? ''));
      expect(rows.map((t) => t.marker)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
      for (const t of rows) {
        const i = Number(t.marker) - 1;
        expect(t.departments.map((d) => `${d.name}:${d.role}`), `row ${i + 1}`).toEqual([
          `${i % 3 === 0 ? '区农业农村局' : '区市场监管局'}:lead`,
          ...(i % 2 ? ['区发改局:co', '区财政局:co'] : []),
        ]);
        expect(t.deadline).toBe(`${2024 + (i % 2)}年底`);
      }
    }, 60_000);
  }
});
