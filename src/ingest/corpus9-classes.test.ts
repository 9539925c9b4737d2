// Failure classes seen on the working part of corpus9 (issue 9), probed with made-up sentences (no sentence of a
// corpus document): a note after 。 inside a responsibility bracket that names the first unit lead, with a unit of an
// unfamiliar shape in the list; counts of a document's own items (分解任务15项); accessibility chrome above a title;
// a long run of co-signing bodies with a bank's branch among them; a notice's date printed right under its list of
// attachments with no signer; a task table a cell a line with a 责任人 column and section rows between its rows, and a
// ★ before the key tasks.
import { describe, expect, it } from 'vitest';
import { findClauses } from './departments';
import { parsePlan } from './index';
import { extractMetadata } from './metadata';
import { normalizeText } from './normalize';

const metaOf = (raw: string) => extractMetadata(normalizeText(raw).text);
const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targetsOf = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
const unitsOf = (s: string) => findClauses(s).flatMap((m) => m.departments.map((d) => `${d.name}:${d.role}`));

describe('a note after 。 inside a responsibility bracket', () => {
  it('reads the list before the note, a depot among them, and not the collective', () => {
    // (the note names the first lead; the others work with it, as under a labelled list with the same note)
    expect(unitsOf('(二)稳定粮食生产。落实耕地保护责任。(县农业农村局、县自然资源局、各乡镇人民政府、中储粮某某直属库。排名第一的为牵头单位,下同)')).toEqual([
      '县农业农村局:lead',
      '县自然资源局:co',
      '中储粮某某直属库:co',
    ]);
  });
  it('still needs the note or a role word: a bracket of names of unknown shape with an aside is no list', () => {
    expect(unitsOf('(三)加强储备管理。完善轮换制度。(县粮食储备库、县物资仓库。详见附表)')).toEqual([]);
  });
});

describe('counts of a document’s own items are not targets', () => {
  it('skips 分解任务N项 and 分解为…N项, keeps a task count a plan commits to', async () => {
    expect(await targetsOf('一、主要内容\n《分工方案》将报告分解为四个方面46项重点任务。\n1.在“聚焦扩大开放,着力打造区域合作新平台”方面(分解任务12项)。\n2.在“聚焦民生改善,着力办好群众身边实事”方面(分解任务9项)。\n')).toEqual([]);
    expect(await targetsOf('一、工作目标\n到2025年,全年完成重点改革任务15项以上。\n')).toEqual(['重点改革任务 >= 15项']);
  });
});

describe('metadata', () => {
  it('drops 无障碍浏览 and 长者模式 above a title', () => {
    expect(metaOf('无障碍浏览 长者模式\n\n某县2024年营商环境工作要点\n\n发布日期:2024-03-01 09:00\n一、总体要求\n').title).toBe('某县2024年营商环境工作要点');
  });
  it('joins a long run of co-signing bodies, a bank branch among them', () => {
    const bodies = ['某省市场监督管理局', '某省发展和改革委员会', '某省科学技术厅', '某省工业和信息化厅', '某省民政厅', '某省财政厅', '某省住房和城乡建设厅', '某省交通运输厅', '某省农业农村厅', '某省商务厅', '某省文化和旅游厅', '某省卫生健康委员会', '中国人民银行某某中心支行', '国家税务总局某省税务局', '某省工商业联合会'];
    const m = metaOf(`某省市场监管局等15部门关于印发《某省质量提升行动方案》的通知\n各市人民政府:\n现将《某省质量提升行动方案》印发给你们,请认真贯彻落实。\n${bodies.join('\n\n')}\n\n2023年4月10日\n\n某省质量提升行动方案\n一、总体要求\n`);
    expect(m.issuer).toBe(bodies.join('、'));
    expect(m.writtenDate).toBe('2023-04-10');
  });
  it('takes the date under a notice’s list of attachments as its written date when no signer is printed', () => {
    const m = metaOf('某区人民政府关于分解落实2024年重点工作的通知\n各街道办事处:\n现将2024年重点工作分解下达给你们,请认真落实。\n\n附件:2024年重点工作责任分解表\n\n2024年2月5日\n\n附件\n\n2024年重点工作责任分解表\n\n序号\n\n重点工作\n\n牵头单位\n\n1\n\n新建口袋公园10个。\n\n区住建局\n');
    expect(m.writtenDate).toBe('2024-02-05');
  });
});

describe('a task table a cell a line with section rows and a 责任人 column', () => {
  it('reads each row’s lead unit, across the section rows, without the ★ of a key task', async () => {
    const raw = '某区2024年重点工作责任分解表\n\n序号\n\n工  作  任  务\n\n牵头单位\n\n责任单位\n\n责任人\n\n一、主要发展指标(牵头领导:张三)\n\n1\n\n★地区生产总值增长6%。\n\n区发改局\n\n各街道\n\n李四\n\n2\n\n一般公共预算收入增长5%。\n\n区财政局\n\n区税务局\n\n王五\n\n二、城市建设\n\n3\n\n新建口袋公园10个。\n\n区住建局\n';
    const d = await parse(raw);
    const rows = d.tasks.filter((t) => t.departments.length).map((t) => `${t.title} ${t.departments.map((x) => x.name).join('、')}`);
    expect(rows).toEqual(['地区生产总值增长6% 区发改局', '一般公共预算收入增长5% 区财政局、区税务局', '新建口袋公园10个 区住建局']);
    expect(d.targets.map((t) => t.indicator)).toContain('地区生产总值增长');
  });
});
