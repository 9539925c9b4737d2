// The 公文 layout builder: the Word file opens (mammoth reads the text back) and carries the GB/T 9704
// page geometry, fonts, red 版头 and page numbers in its XML.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildOfficialDocx, chineseDate, issuerMarkSize, textToBlocks, textWidth } from './official';

async function partsOf(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const footers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/footer\d*\.xml$/.test(n))
      .map((n) => zip.file(n)!.async('string')),
  );
  const settings = await zip.file('word/settings.xml')!.async('string');
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  return { xml, footers, settings, text };
}

describe('official document (GB/T 9704)', () => {
  it('writes dates with Arabic digits and no leading zeros', () => {
    expect(chineseDate('2026-11-25')).toBe('2026年11月25日');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
    expect(() => chineseDate('2026/1/5')).toThrow();
  });

  it('turns edited text into addressee, headings and paragraphs', () => {
    const blocks = textToBlocks('各责任单位：\n\n    现将有关情况通报如下：\n一、总体情况\n（一）逾期未报送\n1.区科技局\n正文一段。');
    expect(blocks.map((b) => b.kind)).toEqual(['addressee', 'p', 'h1', 'h2', 'h3', 'p']);
    expect(blocks[1]).toEqual({ kind: 'p', text: '现将有关情况通报如下：' });
  });

  it('sizes a long 发文机关标志 to fit the type area', () => {
    expect(issuerMarkSize('示范区人民政府')).toBe(42);
    const long = '示范区质量工作领导小组办公室';
    expect(issuerMarkSize(long) * textWidth(long)).toBeLessThanOrEqual(443);
  });

  it('lays out the document: text, 文号, date, margins, fonts, red line, page numbers', async () => {
    const bytes = await buildOfficialDocx({
      issuer: '示范区质量工作领导小组办公室',
      documentNumber: '质量办〔2026〕3号',
      title: '关于2026年第3季度质量提升行动推进情况的通报',
      body: textToBlocks('各责任单位：\n现将有关情况通报如下。\n一、总体情况\n（一）逾期未报送\n区科技局未按期报送。'),
      date: '2026-11-25',
      copyTo: ['区人民政府办公室'],
      imprint: true,
    });
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const { xml, footers, settings, text } = await partsOf(bytes);
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('示范区质量工作领导小组办公室');
    expect(lines[1]).toBe('质量办〔2026〕3号');
    expect(lines[2]).toBe('关于2026年第3季度质量提升行动推进情况的通报');
    expect(lines.slice(3, 8)).toEqual(['各责任单位：', '现将有关情况通报如下。', '一、总体情况', '（一）逾期未报送', '区科技局未按期报送。']);
    expect(lines).toContain('2026年11月25日');
    // signature, then the date, after the body
    expect(lines.lastIndexOf('示范区质量工作领导小组办公室')).toBe(lines.indexOf('2026年11月25日') - 1);
    expect(lines.indexOf('2026年11月25日')).toBeGreaterThan(lines.indexOf('区科技局未按期报送。'));
    expect(lines.some((l) => l.startsWith('抄送：区人民政府办公室'))).toBe(true);

    // A4 and the margins in twips (1 mm = 56.69 twips)
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/); // 37 mm
    expect(xml).toMatch(/w:bottom="1984"/); // 35 mm
    expect(xml).toMatch(/w:left="1587"/); // 28 mm
    expect(xml).toMatch(/w:right="1474"/); // 26 mm
    expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"\/>/);
    // red 小标宋 mark, 2号 title, 3号 仿宋 body, 黑体 and 楷体 headings
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:color w:val="FF0000"\/>[^]*?示范区质量工作领导小组办公室/);
    expect(xml).toMatch(/<w:sz w:val="44"\/>[^]*?关于2026年第3季度/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^]*?<w:sz w:val="32"\/>[^]*?现将有关情况通报如下/);
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?一、总体情况/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）逾期未报送/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    // page numbers — 1 —, odd right / even left
    expect(settings).toContain('w:evenAndOddHeaders');
    expect(footers.length).toBe(2);
    for (const f of footers) {
      expect(f).toContain('— ');
      expect(f).toContain(' —');
      expect(f).toContain('PAGE');
    }
    expect(footers.some((f) => f.includes('w:val="right"'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"'))).toBe(true);
  });
});
