// Failure classes seen on the working parts of corpus15 and corpus16 (issue 9), probed with made-up sentences (no
// sentence of a corpus document): a division of labour whose items group their sentences by brackets of units, each
// closing its sentence, with names sharing the level of the first and named cities among them; a 发布机构 cell naming
// co-signers apart by a blank and a 制发日期 cell; a date in brackets at the head (under an 意见's title, or above the
// 文号, in 〇 numerals written with the letter O); a meeting report without a dateline. (A notice title behind a site
// column in 【】 was read for its issuer, then taken back: it lowered a never-fixed slice's metadata.)
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name + (d.role === 'lead' ? '*' : '')).join(',')}`);

describe('an item whose sentence groups each close with a bracket of units', () => {
  const doc = '某省2010年若干重要工作责任分工方案\n5、加快城市群建设。推动各市联动发展，提升整体实力(省发改委、交通厅、商务厅、城市群6市等)。加快推进港口、铁路枢纽工程建设(省发改委、交通厅、某铁路局)。支持甲、乙两个副中心城市建设(省发改委、住建厅、安远市、乐平市)。\n6、壮大县域经济(省经信委、财政厅)。';
  it('is a task per group: the first named by the item, each later one by its first sentence', async () => {
    expect(await pairs(doc)).toEqual([
      '加快城市群建设|省发改委*,交通厅*,商务厅*',
      '加快推进港口、铁路枢纽工程建设|省发改委*,交通厅*,某铁路局*',
      '支持甲、乙两个副中心城市建设|省发改委*,住建厅*,安远市*,乐平市*',
      '壮大县域经济|省经信委*,财政厅*',
    ]);
  });
  it('leaves a count of places out (城市群6市等) and keeps a named city only beside units', async () => {
    const r = await parse(doc);
    expect(r.departments).not.toContain('城市群6市');
    const alone = await parse('某省方案\n一、加快发展。支持副中心城市建设(安远市、乐平市)。推动港口建设(省交通厅)。');
    expect(alone.departments).toEqual(['省交通厅']);
  });
  it('keeps one task when a bracket is inside its sentence', async () => {
    expect(await pairs('某省方案\n一、加快发展。由省发改委(省物价局)会同省财政厅推进港口建设。加快铁路建设(省交通厅)。')).toHaveLength(1);
  });
});

describe('metadata cells and head lines', () => {
  it('reads co-signers apart by a blank in a 发布机构 cell and a 制发日期 cell', async () => {
    const r = await parse('发布机构 | 中共某省委 某省人民政府 | ||\n文件号 | 制发日期 | 2023-03-10 |\n为贯彻落实《质量强国建设纲要》，制定如下实施意见。\n一、总体要求');
    expect(r.metadata.issuer).toBe('中共某省委、某省人民政府');
    expect(r.metadata.writtenDate).toBe('2023-03-10');
  });
  it('reads a date in brackets under an 意见 title as its date, not as part of the title', async () => {
    const r = await parse('中共某省委 某省人民政府\n关于加快建设质量强省的实施意见\n(2023年8月30日)\n为加快推进质量强省建设，现提出如下实施意见。\n一、总体要求');
    expect(r.metadata.title).toBe('关于加快建设质量强省的实施意见');
    expect(r.metadata.writtenDate).toBe('2023-08-30');
  });
  it('reads a bracketed date above the 文号 written with the letter O for zero', async () => {
    const r = await parse('(二OO八年二月二十六日)\n某府办〔2008〕18号\n各镇人民政府：\n现将《2008年政府工作目标任务分解》印发给你们。\n2008年政府工作目标任务分解\n一、经济发展');
    expect(r.metadata.writtenDate).toBe('2008-02-26');
  });
  it('titles a report without a dateline by its headline above the first paragraph', async () => {
    const r = await parse('欢迎访问某市市场监督管理局网站\n某市召开2020年质量强市大会\n为贯彻落实市委、市政府要求，5月11日下午，我市召开2020年质量强市大会，部署全年工作，会议要求各部门抓好落实。');
    expect(r.metadata.title).toBe('某市召开2020年质量强市大会');
  });
});

describe('targets of the working parts', () => {
  const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
  it('reads a quantity named by its noun and then its value, in a paragraph due by a date', async () => {
    expect(await targets('某省意见\n一、总体要求\n到2025年，质量整体水平进一步提高。研发投入强度达到2.3%，每万人口高价值发明专利拥有量17件，单位地区生产总值能耗下降14%。')).toContain('每万人口高价值发明专利拥有量 >= 17件');
    // (without a date the paragraph reports, it does not commit)
    expect(await targets('某省情况\n一、基本情况\n全省每万人口高价值发明专利拥有量17件。')).toEqual([]);
  });
  it('reads each item before a shared rate with 均 as an indicator of its own', async () => {
    const t = await targets('某区方案\n一、目标\n到2027年，制造业产品和消费品质量合格率均达到95%以上。');
    expect(t).toHaveLength(2);
    expect(t[1]).toBe('消费品质量合格率 >= 95%');
  });
  it('does not read the number of people who attended a meeting', async () => {
    expect(await targets('某市召开2020年质量强市大会\n5月11日，我市召开2020年质量强市大会。市直有关部门负责同志、获奖企业代表总计70余人参加会议。')).toEqual([]);
  });
});

describe('counts of what a commitment helps or solves', () => {
  const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
  it('reads 解决 / 帮助 + count + noun, and 对 + count + noun + 进行 + work', async () => {
    expect(await targets('某县2024年工作方案\n一、目标任务\n全年解决1万名农村劳动力就业问题；帮助500名残疾人实现就业；对300户困难家庭的住房改造进行补助。')).toEqual([
      '农村劳动力就业 >= 1万名',
      '残疾人实现就业 >= 500名',
      '住房改造补助 >= 300户',
    ]);
  });
  it('gives counts listed one after another the noun after the last, without the bracket of units', async () => {
    expect(await targets('某省2008年分工方案\n一、扶贫开发\n再解决贫困地区1万户、4万人易地搬迁建房问题(省扶贫办、财政厅)。')).toEqual([
      '易地搬迁建房 >= 1万户',
      '易地搬迁建房 >= 4万人',
    ]);
  });
});
