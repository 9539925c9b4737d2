// Failure classes seen on the working parts of corpus19 and corpus20 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name + (d.role === 'lead' ? '*' : '')).join(',')}`);
const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);

describe('a long list of counts in one clause', () => {
  it('names each count by its own item, however far the clause runs', async () => {
    const items = ['省长质量奖1个', '市长质量奖8个', '工业质量标杆企业5个', '地理标志保护产品1个', '地理标志证明商标2件', '“某省名品”30个', '农产品“两品一标”50个', '农产品企业品牌10个', '建设工程鲁班奖1项', '国家优质工程奖1项', '省优质工程奖20个', '国家4A级景区2个', '国家3A级景区6个', '省老字号认定企业2家'];
    const t = await targets(`某市品牌行动计划\n一、目标\n到2025年，争取新增${items.join('、')}。`);
    expect(t).toHaveLength(items.length);
    expect(t.slice(-4)).toEqual(['省优质工程奖 >= 20个', '国家4A级景区 >= 2个', '国家3A级景区 >= 6个', '省老字号认定企业 >= 2家']);
  });
});

describe('a bracket naming which units a noun of units means', () => {
  it('makes them the subjects of the duty sentence', async () => {
    expect(await pairs('某市质量强市行动计划\n二、工作措施\n（二）明确目标任务。各区县政府及三大质量组长单位（市质监局、市建委、市商务局）、相关单位要高度重视，细化任务分工。')).toEqual([
      '明确目标任务|市质监局*,市建委*,市商务局*',
    ]);
  });
  it('is no responsibility when nothing follows it as a duty', async () => {
    expect(await pairs('某市质量强市行动计划\n一、基本情况\n全市共有质量组长单位（市质监局、市建委）两家，分别牵头各自领域。')).toEqual([]);
  });
});

describe('metadata of a notice and of a call for comments', () => {
  it('reads a 文号 run on into its date and the addressees', async () => {
    const r = await parse('某市人民政府办公室关于印发2022年全市食品安全重点工作安排的通知\n某府办字〔2022〕94号2022年07月01日各区人民政府，市政府各部门：\n现将《2022年全市食品安全重点工作安排》印发给你们，请认真贯彻执行。');
    expect(r.metadata.documentNumber).toBe('某府办字〔2022〕94号');
    expect(r.metadata.writtenDate).toBe('2022-07-01');
  });
  it('titles a call for comments 关于对《…》公开征求意见的公告 by the draft it names', async () => {
    const r = await parse('关于对《某市品牌提升工程行动计划（征求意见稿）》公开征求意见的公告\n发布日期：2023-03-08\n为深入推进质量强市建设，我局草拟了《某市品牌提升工程行动计划（征求意见稿）》，现予以公示。');
    expect(r.metadata.title).toBe('某市品牌提升工程行动计划');
  });
});

describe('a division of the year’s targets, each item’s units in a bracket on the line under it', () => {
  const doc = '发布文号: 某政发[2011]21号\n各市(县)和各区人民政府，市各委、办、局：\n现将《市政府2011年重点工作分解落实方案》印发给你们。\n附件:市政府2011年重点工作分解落实方案\n二○一一年二月十五日\n市政府2011年重点工作分解落实方案\n一、目标分解\n4、城镇居民人均可支配收入和农民人均纯收入均增长12%。\n(市发改委、农委、人保局,各市(县)、区政府)\n5、城镇登记失业率控制在3.5%以内。\n(市人保局,各市(县)、区政府)';
  it('reads each target without the item’s number, 均 giving both incomes the value', async () => {
    expect(await targets(doc)).toEqual(['城镇居民人均可支配收入增长 >= 12%', '农民人均纯收入增长 >= 12%', '城镇登记失业率 <= 3.5%']);
  });
  it('keeps the units of a bracket whose 各 distributes over a level’s government (各市(县)、区政府)', async () => {
    expect(await pairs(doc)).toEqual([
      '城镇居民人均可支配收入和农民人均纯收入均增长12%|市发改委*,农委*,人保局*',
      '城镇登记失业率控制在3.5%以内|市人保局*',
    ]);
  });
  it('reads the 文号 and the date line in 〇 numerals, neither joined to the line next to it', async () => {
    const r = await parse(doc);
    expect(r.metadata.documentNumber).toBe('某政发〔2011〕21号');
    expect(r.metadata.writtenDate).toBe('2011-02-15');
  });
});

describe('a hard-wrapped page', () => {
  it('joins its wrapped lines but never a date line onto the line before it', async () => {
    const { normalizeText } = await import('./normalize');
    const body = ['市十四届人大四次会议批准了市政府工作报告确定了政府工作目标总体要', '求及今年政府工作的主要任务为切实抓好今年各项重点任务的落实市政府', '将全年的目标任务分解成七十项具体工作任务由责任部门分别负责落实现', '将市政府今年重点工作分解落实方案印发给你们各地区各部门要根据分工', '对各目标任务进行再分解再细化再量化真正做到任务落实措施落实责任落', '实共同努力把今年政府各项工作做得更加扎实更加富有成效附件方案如下'];
    const lines = normalizeText([...body, '二○一一年二月十五日', '市政府2011年重点工作分解落实方案'].join('\n')).text.split('\n');
    expect(lines).toEqual([body.join(''), '二○一一年二月十五日', '市政府2011年重点工作分解落实方案']);
  });
});

describe('a notice that lost its line breaks, and one that names its 责任分工 in a sentence', () => {
  it('reads the 文号 and the issuer from a title run on into the addressees', async () => {
    const r = await parse('|\n某市人民政府办公室关于印发《市政府工作报告主要工作目标分解落实意见》的通知 (某政办发〔2010〕10号) 各区人民政府、市政府各部门: 市人大审议通过的《政府工作报告》，确定了2010年全市经济社会发展的奋斗目标。现将《市政府工作报告主要工作目标分解落实意见》印发给你们。');
    expect(r.metadata.documentNumber).toBe('某政办发〔2010〕10号');
    expect(r.metadata.issuer).toBe('某市人民政府办公室');
    expect(r.metadata.period).toEqual({ startYear: 2010, endYear: 2010 });
  });
  it('titles a notice by the 责任分工 it says it issues', async () => {
    const r = await parse('各镇政府，县政府各部门：\n为全面完成县人大确定的各项任务，县政府研究确定了《2025年某县政府重要工作事项责任分工》，现印发给你们，请认真落实。\n某县人民政府\n2025年2月28日\n2025年某县政府重要工作事项责任分工\n一、经济发展');
    expect(r.metadata.title).toBe('2025年某县政府重要工作事项责任分工');
  });
});
