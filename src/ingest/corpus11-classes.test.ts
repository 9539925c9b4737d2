// Failure classes seen on the working part of corpus11 (issue 9), probed with made-up sentences (no sentence of a
// corpus document): a unit's official (县市场局负责同志宣读了…) read as a duty of the unit; 均 after two indicators of
// their own (A、B均增长12%以上) giving one target; two-character names of a list that shares its level (农委); a one-year
// list titled …重点工作任务 given no period; a site's prompt (安装后可以在桌面快捷访问) taken into the title under it.
import { describe, expect, it } from 'vitest';
import { findDutySubjects, looksLikeUnit } from './departments';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');

describe('a unit’s official', () => {
  it('is no duty of the unit', () => {
    expect(findDutySubjects('会上，县市场局负责同志宣读了活动方案。县农业农村局、县水务局负责同志汇报了完成情况。').flatMap((m) => m.departments)).toEqual([]);
    expect(findDutySubjects('县市场局负责组织质量月活动。').flatMap((m) => m.departments.map((d) => d.name))).toEqual(['县市场局']);
  });
});

describe('均 after indicators of their own', () => {
  it('gives each its value', async () => {
    const r = await parse('某市2024年重点工作\n一、主要目标\n（一）城镇居民人均可支配收入、农民人均纯收入均增长7%以上。');
    expect(r.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`)).toEqual(['城镇居民人均可支配收入增长 >= 7%', '农民人均纯收入增长 >= 7%']);
  });
  it('leaves levels that qualify one indicator as one', async () => {
    const r = await parse('某市2024年重点工作\n一、主要目标\n（一）国家级、省级标准化试点均达到10个。');
    expect(r.targets.map((t) => t.indicator)).toEqual(['国家级、省级标准化试点']);
  });
});

describe('short names in a list that shares its level', () => {
  it('reads 农委 and its like', () => {
    expect(['农委', '经委', '侨办', '编办'].map(looksLikeUnit)).toEqual([true, true, true, true]);
    expect(['常委', '委办', '主任'].map(looksLikeUnit)).toEqual([false, false, false]);
  });
});

describe('headers', () => {
  it('gives a one-year list of 重点工作任务 its year', async () => {
    const r = await parse('某省人民政府办公厅\n2023年1月19日\n某省建设先行区2023年重点工作任务\n一、推进产业升级\n1.培育10家链主企业。');
    expect(r.metadata.title).toBe('某省建设先行区2023年重点工作任务');
    expect(r.metadata.period).toEqual({ startYear: 2023, endYear: 2023 });
  });
  it('does not take a site’s prompt into the title', async () => {
    const r = await parse('电脑桌面\n添加本站到电脑桌面\n安装后可以在桌面快捷访问\n\n某区贯彻落实《关于加强街道工作的意见》的任务分解方案\n\n栏目:策划方案发布:2019-04-17\n一、提高基层党建工作水平');
    expect(r.metadata.title).toBe('某区贯彻落实《关于加强街道工作的意见》的任务分解方案');
  });
});
