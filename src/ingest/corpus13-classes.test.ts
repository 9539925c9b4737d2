// Failure classes seen on the working part of corpus13 (issue 9), probed with made-up sentences (no sentence of a
// corpus document): items numbered with the small full stop (1﹒); 城乡…分别 with two values (城镇 and 农村); a website's
// own credits (主办单位 / 承办单位 of the site) read as responsibility labels; a news lede that names the notice without
// title marks (…人民政府发布关于…的通知) and so its issuer.
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');

describe('items numbered with the small full stop', () => {
  it('are items, each with its units', async () => {
    const r = await parse('一、确保完成全年主要预期目标\n1﹒全省生产总值增长6%以上。\n牵头责任单位:省发展改革委。\n2﹒一般公共预算收入增长5%左右。\n牵头责任单位:省财政厅。\n协同责任单位:省税务局。');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => `${t.marker} ${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual([
      '1. 全省生产总值增长6%以上|省发展改革委',
      '2. 一般公共预算收入增长5%左右|省财政厅,省税务局',
    ]);
  });
});

describe('城乡 with two values', () => {
  it('is 城镇 and 农村, one value each', async () => {
    const r = await parse('某县2023年重点工作\n一、主要目标\n1.城乡常住居民人均可支配收入分别增长7%、8%。');
    expect(r.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`)).toEqual(['城镇常住居民人均可支配收入增长 >= 7%', '农村常住居民人均可支配收入增长 >= 8%']);
  });
});

describe('a website’s own credits', () => {
  it('are no units of a task', async () => {
    const r = await parse('主办单位:中共某市委宣传部\n承办单位:某某网\n\n某市文化产业政策服务平台\n\n某市人民政府办公厅关于印发重点工作任务分解方案的通知\n各区人民政府:\n现将方案印发给你们。\n1.规范举债行为。(牵头单位:市财政局;责任单位:市审计局)');
    expect(r.departments).toEqual(['市财政局', '市审计局']);
  });
  it('still reads 主办单位 / 协办单位 in a task’s bracket', async () => {
    const r = await parse('某省重点工作分工\n(一)推进产业项目。(省发改委主办,省工信委协办)\n(二)优化营商环境。主办单位:省政务服务中心;协办单位:省市场监管局');
    expect(r.departments).toEqual(['省发改委', '省工信委', '省政务服务中心', '省市场监管局']);
  });
});

describe('a news lede without title marks', () => {
  it('names the issuer', async () => {
    const r = await parse('某晚报讯 据某省人民政府网消息,近日,某省人民政府发布关于2022年重点工作及责任分解的通知。\n通知称,省政府确定了13个方面重点工作。\n一、确保完成全年主要预期目标');
    expect(r.metadata.issuer).toBe('某省人民政府');
  });
});
