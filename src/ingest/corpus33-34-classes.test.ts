// Failure classes seen on the working parts of corpus33, corpus34 and corpus35 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator}|${t.comparator}${t.value}${t.unit}`);

describe('ranked siblings in a list of counts', () => {
  it('borrow the words of the first item (获一等奖2项、二等奖5项)', async () => {
    expect(await targets('力争全区中小学在省级技能竞赛中获一等奖2项、二等奖5项、三等奖8项。')).toEqual([
      '全区中小学在省级技能竞赛中获一等奖|>=2项', '全区中小学在省级技能竞赛中获二等奖|>=5项', '全区中小学在省级技能竞赛中获三等奖|>=8项',
    ]);
  });
  it('leave siblings that are names of their own alone', async () => {
    expect(await targets('到2026年，培育质量标杆企业10家、品牌企业20家。')).toEqual(['质量标杆企业|>=10家', '品牌企业|>=20家']);
    expect(await targets('到2026年，创建国家一级达标社区3个、二级达标社区5个。')).toEqual(['国家一级达标社区|>=3个', '二级达标社区|>=5个']);
  });
});

describe('the issuer of a notice that carries out another body’s document', () => {
  it('is the body before 贯彻落实, not the two run together', async () => {
    const r = await parse('某府办发〔2024〕12号\n某市人民政府办公厅贯彻落实省人民政府办公厅关于加快质量发展意见重点任务分工的通知\n各区县人民政府，市政府有关部门：\n');
    expect(r.metadata.issuer).toBe('某市人民政府办公厅');
  });
});

describe('a clipped 发布单位 (县政府办)', () => {
  const header = (label: string) => `索引号: 001234-001/2024-00012 公开方式: 主动公开\n文号: 某政办发〔2024〕5号 成文日期: 2024-03-01\n发布单位: ${label}\n  • 信息索引号:\n\n    001234-001/2024-00012\n\n  • 公开方式:\n\n    主动公开\n\n  • 文号:\n\n    某政办发〔2024〕5号\n\n  • 成文日期:\n\n    2024-03-01\n\n  • 发布单位:\n\n    ${label}\n\n  • 有效性:\n\n    有效\n\n  • 统一编号:\n\n    ABC-2024-0001\n\n某山县人民政府办公室关于印发某山县质量提升实施办法的通知\n\n各乡镇人民政府，县级机关各单位：\n`;
  it('takes the full name the notice title spells', async () => {
    expect((await parse(header('县政府办'))).metadata.issuer).toBe('某山县人民政府办公室');
  });
  it('leaves a label that is a name of its own as written', async () => {
    expect((await parse(header('县政府办公室'))).metadata.issuer).toBe('县政府办公室');
  });
});

describe('a headline about a plan the page never quotes whole (corpus35)', () => {
  it('names its issuer, without the province a headline puts before a county', async () => {
    const r = await parse('浙江某山县市场监管局出台“十四五”商标品牌工作规划\n\n发布时间:2024-08-10 21:05:15\n\n  9月20日,商标品牌工作规划》,深入推动商标品牌发展。\n');
    expect(r.metadata.issuer).toBe('某山县市场监管局');
  });
});

describe('a duty word opening a would-be name (corpus35)', () => {
  it('进一步强化…联席会议 is no unit; a named 联席会议 is', async () => {
    const units = async (raw: string) => (await parse(raw)).departments;
    expect(await units('三、重点任务\n（一）完善工作机制。进一步强化知识产权联席会议组织、指导、监督功能，统筹协调各成员单位积极参与。\n')).toEqual([]);
    expect(await units('三、重点任务\n（一）完善工作机制。县知识产权联席会议负责统筹协调。\n')).toEqual(['县知识产权联席会议']);
  });
});
