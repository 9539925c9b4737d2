// Failure classes seen on the working parts of corpus21 and corpus22 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name + (d.role === 'lead' ? '*' : '')).join(',')}`);
const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);

const REPORT = '国务院明确重点工作部门分工 打好攻坚战涉及十余部门\n导读: 国务院近日公布《关于落实〈政府工作报告〉重点工作部门分工的意见》，明确了包括健全生态文明体制、推进污染防治等在内的57项重点工作的分工负责部门。\n57项重点工作中，明确涉及生态环境部的有10项。对于健全生态文明体制，《意见》明确提出，生态环境部、国家发展改革委、科技部等14部门按照职责分工负责。';

describe('a news report of a division of labour', () => {
  it('reads a counted list of units inside a sentence, the work named by 对于…', async () => {
    expect(await pairs(REPORT)).toEqual(['健全生态文明体制|生态环境部*,国家发展改革委*,科技部*']);
  });
  it('counts neither the units it mentions (十余部门) nor the items a document lists (包括…在内的57项)', async () => {
    expect(await targets(REPORT)).toEqual([]);
  });
  it('takes the issuer from the lede after a 导读: label', async () => {
    expect((await parse(REPORT)).metadata.issuer).toBe('国务院');
  });
});

describe('a provincial 分工 意见', () => {
  it('reads the 文号 and its date in 〇 numerals on one line, and the year it divides', async () => {
    const r = await parse('某省人民政府\n关于落实《政府工作报告》重点工作\n部门分工的意见\n某府发〔2011〕8号 二○一一年三月十七日\n省政府各部门、各直属机构:\n现就《政府工作报告》明确的重点工作提出部门分工意见如下。');
    expect(r.metadata.documentNumber).toBe('某府发〔2011〕8号');
    expect(r.metadata.writtenDate).toBe('2011-03-17');
    expect(r.metadata.period).toEqual({ startYear: 2011, endYear: 2011 });
  });
  it('names a budget by the one who arranges it, not by what it is spent on', async () => {
    expect(await targets('某省2011年重点工作部门分工\n一、扩大内需\n省级财政拟安排超过100亿元资金用于新村建设、地质灾害防治等重大民生项目。')).toEqual(['省级财政拟安排资金 > 100亿元']);
  });
});

describe('a county’s task table pasted from Word, one cell a line and narrow cells broken further', () => {
  const TABLE = ['附件1', '试点创建重点任务分解表(2021-2023年)', '重点任务', '序', '号', '主要指标', '2021年', '目标', '2022年', '目标', '2023年', '目标', '责任单位', '(第一为牵头单位)',
    '品', '牌', '建', '设',
    '1', '累计认证绿色食品生产主体(个)', '完成启', '动准备', '2', '5', '县农业农村局和各镇人民政府负责',
    '2', '累计培育区域公用品牌(个)', '1', '2', '4', '县农业农村局、县林业局、县供销联社等相关部门和各镇人民政府负责',
    '3', '累计建成标准化生产基地(个)', '完成启', '动准备', '3', '6',
    '4', '累计建成产业示范园区(个)', '1', '2', '3', '县发改局、县财政局、县农业农村局'].join('\n');
  it('reads each row’s units, the first leading as the column’s note says', async () => {
    expect(await pairs(TABLE)).toEqual([
      '累计认证绿色食品生产主体(个)|县农业农村局*',
      '累计培育区域公用品牌(个)|县农业农村局*,县林业局,县供销联社',
      '累计建成产业示范园区(个)|县发改局*,县财政局,县农业农村局',
    ]);
  });
  it('reads the last year’s value of each row as its target (累计: a running total), with the unit the indicator names', async () => {
    expect((await parse(TABLE)).targets.every((t) => t.kind === 'cumulative')).toBe(true);
    expect(await targets(TABLE)).toEqual([
      '认证绿色食品生产主体 >= 5个',
      '区域公用品牌 >= 4个',
      '标准化生产基地 >= 6个',
      '产业示范园区 >= 3个',
    ]);
  });
});

describe('a district’s targets table with spaced header cells and a 文号 headline', () => {
  it('reads a pipe table whose header names 指标要求 and 目标类型 columns', async () => {
    const doc = '附件1 |\n序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 | 目 标 类 型 |\n1 | 地区生产总值 | 增长5.5% | 区发改局 | 区财政局、区统计局 | A |\n2 | 服务业增加值 | 增长6% | 区发改局 | 区商务局 | A |';
    expect(await pairs(doc)).toEqual(['地区生产总值|区发改局*,区财政局,区统计局', '服务业增加值|区发改局*,区商务局']);
  });
  it('reads the 文号 of a headline written 文号—title', async () => {
    const r = await parse('某政办〔2019〕1号—区人民政府办公室关于印发2019年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n各街办事处，区人民政府各部门：\n经区政府同意，现将《方案》印发给你们。');
    expect(r.metadata.documentNumber).toBe('某政办〔2019〕1号');
  });
});
