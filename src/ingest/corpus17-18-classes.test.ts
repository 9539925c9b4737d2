// Failure classes seen on the working parts of corpus17 and corpus18 (issue 9), probed with made-up sentences (no
// sentence of a corpus document): a ministry's table of indicators flattened one cell a line, each cell closed by a
// pipe, with a value column (预期效果), a deadline and a kind column before its unit column (牵头负责司局), units named
// …司, and a unit name a wrapped cell broke at a blank.
import { describe, expect, it } from 'vitest';
import { looksLikeUnit } from './departments';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');

const TABLE = [
  '某部2019年关键业绩指标', '序号 |', '指标名称 |', '预期效果 |', '完成时限 |', '指标 属性 |', '牵头负责司局 |', '备注 |',
  '1 |', '创建国家级示范区 |', '确定首批示范区名单 |', '6月 |', '预期性 |', '规划司 |',
  '2 |', '遴选示范平台和示范基地数量 |', '各50个 |', '12月 |', '约束性 |', '中小企业局 |',
  '3 |', '绿色工厂发布数量 |', '300项 |', '10月 |', '预期性 |', '节能与综合 利用司 |',
  '4 |', '行政村通光纤比例 |', '98% |', '12月 |', '预期性 |', '通信发展司 |', '“十三五”规划预期2020年达到98%。 |',
].join('\n');

describe('a ministry’s indicator table one cell a line', () => {
  it('names each row’s unit from the column after the deadline and kind columns', async () => {
    const r = await parse(TABLE);
    expect(r.tasks.map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual([
      '创建国家级示范区|规划司',
      '遴选示范平台和示范基地数量|中小企业局',
      '绿色工厂发布数量|节能与综合利用司',
      '行政村通光纤比例|通信发展司',
    ]);
  });
  it('reads each row’s value as a target of its indicator, 各 giving each item its own', async () => {
    const r = await parse(TABLE);
    const t = r.targets.map((x) => `${x.indicator} ${x.comparator} ${x.value}${x.unit}`);
    expect(t[0]).toMatch(/示范平台.* >= 50个$/);
    expect(t.slice(1)).toEqual([
      '示范基地数量 >= 50个',
      '绿色工厂发布数量 >= 300项',
      '行政村通光纤比例 >= 98%',
    ]);
  });
  it('reads a ministry’s departments named …司 as units, not a phrase such as 各司其职', () => {
    expect(['规划司', '认证监督管理司', '节能与综合利用司'].map(looksLikeUnit)).toEqual([true, true, true]);
    expect(['各司其职', '上司'].map(looksLikeUnit)).toEqual([false, false]);
  });
});

describe('a news report of a bureau’s list of measures', () => {
  it('titles it by the 清单 the lede names and takes the bureau that issued it', async () => {
    const r = await parse('10月23日，省市场监管局印发《关于促进经济持续回升向好若干措施的工作清单》，出台40条可量化、可考核的举措。\n在提升消费服务水平方面，《工作清单》提出，2023年培育600家以上省级放心消费示范单位。');
    expect(r.metadata.title).toBe('关于促进经济持续回升向好若干措施的工作清单');
    expect(r.metadata.issuer).toBe('省市场监管局');
  });
  it('counts what a verb the tagger splits wrongly produces (批筹建成｜1—2个国家质检中心)', async () => {
    const r = await parse('某省2023年工作清单\n一、目标\n2024年批筹建成1—2个国家质检中心、5—6个省中心。');
    expect(r.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}-${t.valueMax}${t.unit}`)).toEqual(['国家质检中心 range 1-2个', '省中心 range 5-6个']);
  });
});

describe('items sharing a value with 各', () => {
  const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
  it('give each item the measured head the last one carries', async () => {
    expect(await targets('某部2019年指标\n一、目标\n2019年，遴选示范平台和示范基地数量各80个。')).toEqual(['遴选示范平台数量 >= 80个', '示范基地数量 >= 80个']);
  });
  it('give each level the name the last one carries', async () => {
    expect(await targets('某市方案\n一、目标\n到2025年，国家级和省级专精特新企业各达到10家。')).toEqual(['国家级专精特新企业 >= 10家', '省级专精特新企业 >= 10家']);
  });
});

describe('a bare 百 or 千 before 万 or 亿', () => {
  const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
  it('is a number right after a verb of reaching, not in 千家万户 nor in a class 千亿级', async () => {
    expect(await targets('某市方案\n一、目标\n到2025年，市场主体突破百万户，规上工业产值突破千亿元，培育千亿级产业集群3个，让品牌走进千家万户。')).toEqual([
      '市场主体 > 100万户',
      '规上工业产值 > 1000亿元',
      '千亿级产业集群 >= 3个',
    ]);
  });
});
