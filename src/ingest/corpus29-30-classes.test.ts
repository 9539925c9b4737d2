// Failure classes seen on the working parts of corpus29 and corpus30 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator}|${t.comparator}${t.value}${t.unit}`);

describe('a count of land or floor space after a verb of putting it to use', () => {
  it('reads 盘活 / 复垦 / 流转 + noun + number, and a second noun sharing the verb', async () => {
    expect(await targets('全年盘活闲置厂房5万平方米，复垦土地500亩，流转耕地1.2万亩。')).toEqual([
      '盘活闲置厂房|>=5万平方米', '复垦土地|>=500亩', '流转耕地|>=1.2万亩',
    ]);
    expect(await targets('加快土地整治，盘活利用存量建设用地300亩，低效工业用地120亩。')).toEqual([
      '盘活利用存量建设用地|>=300亩', '低效工业用地|>=120亩',
    ]);
  });
  it('leaves a count of what was done alone', async () => {
    expect(await targets('去年以来，已盘活闲置土地300亩。')).toEqual([]);
  });
});

describe('the share of a group a predicate after the number is true of', () => {
  it('names the group with the predicate (企业90%实现…)', async () => {
    expect(await targets('到2025年，重点企业90%以上实现信息化管理，认证产品80%纳入追溯体系。')).toEqual([
      '重点企业实现信息化管理|>=90%', '认证产品纳入追溯体系|>=80%',
    ]);
  });
  it('keeps a rate named before its value as it was', async () => {
    expect(await targets('到2025年，产品抽检合格率达到98%，企业标准化覆盖率90%。')).toEqual([
      '产品抽检合格率|>=98%', '企业标准化覆盖率|>=90%',
    ]);
  });
});

describe('a portal’s 发布机构 naming a place alone', () => {
  it('is the issuer, and the place is the region', async () => {
    const r = await parse('索引号 | 0010/2024-1 | ||\n发布机构 | 某山镇 |\n生成日期 | 2024-03-01 |\n某山镇2024年重点工作任务分解\n一、壮大产业（责任部门：经济发展办公室）\n');
    expect(r.metadata.issuer).toBe('某山镇');
    expect(r.metadata.region).toBe('某山镇');
  });
  it('is not taken from a collective (本镇)', async () => {
    const r = await parse('发布机构：本镇\n生成日期：2024-03-01\n某山镇2024年重点工作任务分解\n');
    expect(r.metadata.issuer).not.toBe('本镇');
  });
});

describe('a title whose genre word stands inside an open 《 (left over from corpus27’s working part)', () => {
  it('is joined to its next line, and the body heading it is the issuer', async () => {
    const r = await parse('期刊首页\n主管主办\n某省人民政府办公厅\n编辑出版\n某省人民政府公报室\n\n某省人民政府\n\n关于贯彻落实国务院《计量发展规划\n\n(2021—2035年)》的实施意见\n\n某府发〔2023〕2号\n\n各市(州)人民政府：\n现提出如下实施意见。\n');
    expect(r.metadata.title).toBe('关于贯彻落实国务院《计量发展规划(2021—2035年)》的实施意见');
    expect(r.metadata.issuer).toBe('某省人民政府');
    expect(r.metadata.period).toEqual({ startYear: 2021, endYear: 2035 });
  });
});

describe('a notice run together on a line or two (left over from corpus27’s working part)', () => {
  it('reads the 文号 between the title and the addressees, and the signer and date opening the next line', async () => {
    const r = await parse('某市人民政府关于印发某项实施方案的通知 某政函〔2016〕19号 各区、县(市)人民政府,市政府各部门:\n《某项实施方案》已经市政府同意,现印发给你们,请认真组织实施。\n某市人民政府 2016年12月23日 某项实施方案\n为切实发挥标准化作用，制定本方案。\n');
    expect(r.metadata.documentNumber).toBe('某政函〔2016〕19号');
    expect(r.metadata.issuer).toBe('某市人民政府');
    expect(r.metadata.writtenDate).toBe('2016-12-23');
  });
  it('does not take a cited 文号 inside a sentence', async () => {
    const r = await parse('某市实施方案\n根据《某省人民政府关于印发某计划的通知》(某政发〔2016〕5号) 要求，制定本方案。\n');
    expect(r.metadata.documentNumber).toBeNull();
  });
});

describe('a news report’s figures (left over from corpus10’s working part)', () => {
  it('are what was done: no targets from a press conference’s summary', async () => {
    expect(await targets('某网3月2日电 在新闻发布会上，某局副局长介绍，去年推动300个县开展质量提升，首批将80个县纳入培育库。\n在质量强企方面，支持组建质量创新联合体120个，培训企业质量管理人员3万人次。')).toEqual([]);
  });
  it('keeps what the report says a plan will do', async () => {
    expect(await targets('某网3月2日电 某市近日印发质量强市方案。方案提出，到2027年，培育质量标杆企业50家，制造业产品质量合格率达到95%。')).toEqual([
      '质量标杆企业|>=50家', '制造业产品质量合格率|>=95%',
    ]);
  });
});

describe('a document site’s text layer run together on one line (corpus32’s working part)', () => {
  it('reads the issuer heading the notice title without the page number glued to it, and the date after the attachment list', async () => {
    const r = await parse('12011某县质量工作领导小组关于印发《某县2011年品牌工作计划》的通知各乡镇人民政府、县直各部门:现将《某县2011年品牌工作计划》印发给你们,请认真贯彻落实。附件:某县2011年品牌工作计划二0一一年三月二十三日2主题词:品牌计划通知某县2011年品牌工作计划一、指导思想');
    expect(r.metadata.issuer).toBe('某县质量工作领导小组');
    expect(r.metadata.writtenDate).toBe('2011-03-23');
    expect(r.metadata.title).toBe('某县2011年品牌工作计划');
  });
});
