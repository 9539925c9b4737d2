// Failure classes seen on the working part of corpus14 (issue 9), probed with made-up sentences (no sentence of a
// corpus document): a generic functional name without its level as the subject of a duty sentence (财政部门要…), which
// the contract counts as a department; a count of the bodies that issued a document (省直10部门《…》) read as a target;
// a date line whose year mixes Chinese numerals and zeros (二00四年五月二十日) glued to the title below it.
import { describe, expect, it } from 'vitest';
import { looksLikeUnit } from './departments';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');

describe('a functional name without its level', () => {
  it('is a unit when it is one line of government work and 部门', () => {
    expect(['财政部门', '公安部门', '市场监管部门', '教育行政部门'].map(looksLikeUnit)).toEqual([true, true, true, true]);
    expect(['有关部门', '职能部门', '牵头部门', '相关职能部门', '行业部门'].map(looksLikeUnit)).toEqual([false, false, false, false, false]);
  });
  it('is the subject of a duty sentence in a 保障措施 item', async () => {
    const r = await parse('某市质量提升方案\n四、保障措施\n（一）加强组织领导。各部门要加强协作配合。\n（二）落实保障措施。出台配套措施。财政部门要加大资金支持力度。');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual(['落实保障措施|财政部门']);
  });
});

describe('a count of the bodies that issued a document', () => {
  it('is no target', async () => {
    const r = await parse('某市2024年质量工作方案\n为贯彻落实省委、省政府《2024年为民办8件实事的实施意见》和省直10部门《关于印发某省质量工作方案的通知》的要求，制定本方案。\n一、目标\n到2024年底，抽检合格率达到98%。');
    expect(r.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`)).toEqual(['抽检合格率 >= 98%']);
  });
});

describe('a date line with zeros in a year of Chinese numerals', () => {
  it('is a date, not part of the title under it', async () => {
    const r = await parse('各县区人民政府，市直各单位：\n现将《某市2004年食品放心工程实施方案》转发给你们，请认真贯彻落实。\n二00四年五月二十七日\n某市2004年食品放心工程实施方案\n一、指导思想');
    expect(r.metadata.title).toBe('某市2004年食品放心工程实施方案');
    expect(r.metadata.writtenDate).toBe('2004-05-27');
  });
});
