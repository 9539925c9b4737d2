// Failure classes seen on the working parts of corpus36 and corpus37 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name + (d.role === 'lead' ? '*' : '')).join(',')}`);

describe('an item opened by its units (市工商局负责，市农业局配合，加强…)', () => {
  it('is named by the work after the assignment', async () => {
    expect(await pairs('三、重点工作\n1.县市场监管局负责，县农业农村局、县商务局配合，加强农贸市场食品安全监管，开展专项检查。\n2.县公安局负责，严厉打击食品安全违法犯罪。\n')).toEqual([
      '加强农贸市场食品安全监管,开展专项检查|县市场监管局*,县农业农村局,县商务局', '严厉打击食品安全违法犯罪|县公安局*',
    ]);
  });
  it('keeps a title whose first words are no units', async () => {
    expect(await pairs('三、重点工作\n1.质量安全负责人负责，建立企业自查制度。（县市场监管局负责）\n')).toEqual(['质量安全负责人负责,建立企业自查制度|县市场监管局*']);
  });
});

describe('a line broken inside a book title', () => {
  it('is put back together (深入宣传贯彻《 / 食品安全法》)', async () => {
    const r = await parse('三、重点工作\n（一）县市场监管局负责，深入宣传贯彻《\n食品安全法》，提升全社会的食品安全法律意识。\n');
    expect(r.text).toContain('深入宣传贯彻《食品安全法》');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => t.title)).toEqual(['深入宣传贯彻《食品安全法》,提升全社会的食品安全法律意识']);
  });
});

describe('a document-sharing site’s file name', () => {
  it('loses its extension, and gives way to the whole title the text prints below it', async () => {
    const a = await parse('2025年某区“安全乘梯”工作方案.docx\n《2025年某区“安全乘梯”工作方案.docx》由会员分享,可在线阅读。\n1、2025年某区“安全乘梯”工作方案为进一步提升电梯安全水平，制定本方案。\n');
    expect(a.metadata.title).toBe('2025年某区“安全乘梯”工作方案');
    expect(a.metadata.period).toEqual({ startYear: 2025, endYear: 2025 });
    const b = await parse('某县贯彻落实十四五食品安全规划和十四五药品.docx\n《某县贯彻落实十四五食品安全规划和十四五药品.docx》由会员分享。\n某县贯彻落实“十四五”食品安全规划和“十四五”药品安全规划的实施意见\n为贯彻落实……\n');
    expect(b.metadata.title).toBe('某县贯彻落实“十四五”食品安全规划和“十四五”药品安全规划的实施意见');
  });
});
