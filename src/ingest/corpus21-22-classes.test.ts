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
