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
