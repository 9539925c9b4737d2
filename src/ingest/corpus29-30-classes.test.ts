// Failure classes seen on the working parts of corpus29 and corpus30 (issue 9), probed with made-up sentences (no
// sentence of a corpus document).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator}|${t.comparator}${t.value}${t.unit}`);

describe('a count of land or floor space after a verb of putting it to use', () => {
  it('reads 盘活 / 复垦 / 流转 + noun + number, and a second noun sharing the verb', async () => {
    expect(await targets('全年盘活闲置厂房5万平方米，复垦土地500亩，流转耕地1.2万亩。')).toEqual([
      '盘活闲置厂房|>=5万平方米', '复垦土地|>=500亩', '流转耕地|>=1.2万亩',
    ]);
    expect(await targets('加快土地整治，盘活利用存量建设用地300亩，低效工业用地120亩。')).toEqual([
      '盘活利用存量建设用地|>=300亩', '低效工业用地|>=120亩',
    ]);
  });
  it('leaves a count of what was done alone', async () => {
    expect(await targets('去年以来，已盘活闲置土地300亩。')).toEqual([]);
  });
});

describe('the share of a group a predicate after the number is true of', () => {
  it('names the group with the predicate (企业90%实现…)', async () => {
    expect(await targets('到2025年，重点企业90%以上实现信息化管理，认证产品80%纳入追溯体系。')).toEqual([
      '重点企业实现信息化管理|>=90%', '认证产品纳入追溯体系|>=80%',
    ]);
  });
  it('keeps a rate named before its value as it was', async () => {
    expect(await targets('到2025年，产品抽检合格率达到98%，企业标准化覆盖率90%。')).toEqual([
      '产品抽检合格率|>=98%', '企业标准化覆盖率|>=90%',
    ]);
  });
});

describe('a portal’s 发布机构 naming a place alone', () => {
  it('is the issuer, and the place is the region', async () => {
    const r = await parse('索引号 | 0010/2024-1 | ||\n发布机构 | 某山镇 |\n生成日期 | 2024-03-01 |\n某山镇2024年重点工作任务分解\n一、壮大产业（责任部门：经济发展办公室）\n');
    expect(r.metadata.issuer).toBe('某山镇');
    expect(r.metadata.region).toBe('某山镇');
  });
  it('is not taken from a collective (本镇)', async () => {
    const r = await parse('发布机构：本镇\n生成日期：2024-03-01\n某山镇2024年重点工作任务分解\n');
    expect(r.metadata.issuer).not.toBe('本镇');
  });
});
