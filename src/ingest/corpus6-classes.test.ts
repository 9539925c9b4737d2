// Failure classes seen on the working part of corpus6 (issue 9), each tested on made-up sentences of the same
// shape (no sentence of a corpus document): task tables whose header names a unit column by role words
// (牵头责任单位, 协同配合单位, 完成期限), whose header is glued to the end of the notice line, whose rows lost the
// blanks between cells or sit one cell a line without pipes; a note in brackets after a labelled list; a plan
// written as unnumbered duty paragraphs; a notice header run into one line; two plans named in one notice; an
// issuer label that writes 人民政府 as 政府.
import { describe, expect, it } from 'vitest';
import { collectDepartments, parseUnitList } from './departments';
import { extractMetadata } from './metadata';
import { normalizeText } from './normalize';
import { extractOutline } from './outline';
import { extractTasks } from './tasks';

const tasksOf = (raw: string) => {
  const text = normalizeText(raw).text;
  const tasks = extractTasks(text, extractOutline(text));
  return {
    tasks,
    departments: collectDepartments(tasks, text),
    brief: tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => `${d.name}:${d.role}`).join(',')}`),
  };
};
const metaOf = (raw: string) => extractMetadata(normalizeText(raw).text);

describe('task tables that name their columns in other words', () => {
  it('reads a unit column named by its role word with words around it', () => {
    const r = tasksOf('重点任务分工表\n序号 重点任务 牵头责任单位 协同配合单位 完成期限\n1 开展质量对标提升行动 区工信局 区科技局、区商务局 2025年底前\n2 建设计量测试服务平台 区市场监管局 区财政局 2024年12月\n');
    expect(r.brief).toEqual(['开展质量对标提升行动|区工信局:lead,区科技局:co,区商务局:co', '建设计量测试服务平台|区市场监管局:lead,区财政局:co']);
    expect(r.tasks.find((t) => t.title === '开展质量对标提升行动')?.deadline).toBe('2025年底');
  });
  it('finds a header glued to the end of a long line, reads two task columns as one and steps over a section heading', () => {
    const r = tasksOf('某县人民政府办公室 2025年1月8日 某县2025年工作任务分解表 序号 名称 工作任务 责任单位\n一、主要预期目标\n1 工业投资增长8%以上. 县工信局\n2 新增高新技术企业10家. 县科技局、县财政局\n二、重点工作\n3 推进标准化试点建设. 县市场监管局\n');
    expect(r.brief).toEqual(['工业投资增长8%以上|县工信局:lead', '新增高新技术企业10家|县科技局:lead,县财政局:lead', '推进标准化试点建设|县市场监管局:lead']);
  });
  it('splits a row that lost the blanks between its cells', () => {
    const r = tasksOf('序号 工作任务 责任单位\n1 完善质量奖励制度. 县市场监管局\n2推进品牌建设,培育区域公用品牌.县农业农村局、县商务局\n');
    expect(r.brief).toEqual(['完善质量奖励制度|县市场监管局:lead', '推进品牌建设,培育区域公用品牌|县农业农村局:lead,县商务局:lead']);
  });
  it('does not split a row whose tail is not a list of units', () => {
    const r = tasksOf('序号 工作任务 责任单位\n1推进品牌建设.加强宣传引导\n');
    expect(r.brief).toEqual([]);
  });
  it('reads a table flattened to one cell a line without pipes, and skips a row cut before its units', () => {
    const r = tasksOf('序号\n\n工 作 任 务\n\n责任单位\n\n1\n\n开展企业质量管理体系认证。\n\n县市场监管局\n\n2\n\n推进检验检测机构整合，\n组建综合检测中心。\n\n县编办、县财政局\n\n3\n\n培育“品字标”企业达到');
    expect(r.brief).toEqual(['开展企业质量管理体系认证|县市场监管局:lead', '推进检验检测机构整合,组建综合检测中心|县编办:lead,县财政局:lead']);
  });
});

describe('a note in brackets after a labelled list', () => {
  it('keeps the last unit and reads the note that names the first as lead', () => {
    expect(parseUnitList('责任单位：县发改局、县财政局（排名第一的为牵头单位，下同）')).toEqual([
      { name: '县发改局', role: 'lead' },
      { name: '县财政局', role: 'co' },
    ]);
    expect(parseUnitList('县教育局（下同）').map((d) => d.name)).toEqual(['县教育局']);
  });
  it('keeps a bracket that names the same unit again', () => {
    expect(parseUnitList('县市场监管局（县知识产权局）、县科技局').map((d) => d.name)).toEqual(['县市场监管局（县知识产权局）', '县科技局']);
  });
  it('gives the units of a 责任单位 line under a measure to that measure', () => {
    const r = tasksOf('一、重点措施\n（一）建立企业诉求快速响应机制。\n责任单位：市发改委、市工信局（第一责任单位为牵头单位，下同）\n时限要求：长期坚持\n（二）规范涉企检查。\n责任单位：市司法局\n');
    expect(r.brief).toEqual(['建立企业诉求快速响应机制|市发改委:lead,市工信局:co', '规范涉企检查|市司法局:lead']);
  });
});

describe('a plan written as unnumbered duty paragraphs', () => {
  it('makes each paragraph that opens on a unit and its duty a task', () => {
    const r = tasksOf('为做好全年质量工作，现将任务安排如下。\n区市场监管局要加强重点产品质量抽查，全年抽查不少于200批次。\n2025年6月底前，区统计局建立质量统计监测制度。\n区住建局负责工程质量专项检查。\n');
    expect(r.brief).toEqual([
      '区市场监管局要加强重点产品质量抽查,全年抽查不少于200批次|区市场监管局:lead',
      '2025年6月底前,区统计局建立质量统计监测制度|区统计局:lead',
      '区住建局负责工程质量专项检查|区住建局:lead',
    ]);
  });
  it('does not read a headline or a news lede as a duty', () => {
    const r = tasksOf('某市人民政府印发关于加强质量工作的实施意见的通知\n某市市场监管局发布2024年产品质量抽查结果\n');
    expect(r.brief).toEqual([]);
    expect(r.departments).toEqual([]);
  });
});

describe('duty sentences of a notice, one unit each', () => {
  it('reads named townships and a unit before a 等-tail that describes a class of units', () => {
    const r = tasksOf('一、加强领导。各有关乡镇和部门要加强协调。\n二、压实责任。青石镇、柳河乡负责项目选址和群众工作;县住建局负责施工监管;县文旅局等承担宣传任务的县级部门要做好宣传报道。\n');
    expect(r.brief).toEqual(['压实责任|青石镇:lead,柳河乡:lead,县住建局:lead,县文旅局:lead']);
  });
  it('does not read a kind of town, or towns in general, as a unit', () => {
    const r = tasksOf('一、加强建设。示范镇要加强规划;各乡镇负责组织实施。\n');
    expect(r.departments).toEqual([]);
  });
  it('does not read the notice’s own supervision clause as a responsibility', () => {
    const r = tasksOf('三、严格督查。对工作推进不力的,县政府督查室将予以通报。\n');
    expect(r.departments).toEqual([]);
  });
});

describe('metadata of a notice run into one line, or naming two plans', () => {
  it('reads 文号, issuer, signature date, title and period from a header run into one line', () => {
    const m = metaOf('某县人民政府办公室文件 某政办发〔2025〕5号 县政府办公室关于分解落实2025年重点工作任务的通知 各乡镇人民政府,县直各单位:现将任务分解下达给你们,请认真组织实施. 附件:某县2025年重点工作任务分解表 某县人民政府办公室 2025年2月20日 某县2025年重点工作任务分解表 序号 名称 工作任务 责任单位\n1 工业投资增长8%以上. 县工信局\n');
    expect(m.documentNumber).toBe('某政办发〔2025〕5号');
    expect(m.issuer).toBe('某县人民政府办公室');
    expect(m.writtenDate).toBe('2025-02-20');
    expect(m.title).toBe('某县2025年重点工作任务分解表');
    expect(m.period).toEqual({ startYear: 2025, endYear: 2025 });
  });
  it('takes the plan whose own title line follows when a notice names two', () => {
    const m = metaOf('某市人民政府办公室关于印发2025年重点工作和民生实事项目责任分解的通知\n各区人民政府:\n《2025年重点工作责任分解》和《2025年民生实事项目责任分解》已经市政府同意,现印发给你们。\n某市人民政府办公室\n2025年2月1日\n2025年重点工作责任分解\n序号\n主要工作任务\n责任单位\n');
    expect(m.title).toBe('2025年重点工作责任分解');
    expect(m.period).toEqual({ startYear: 2025, endYear: 2025 });
  });
  it('prefers the signature when the issuer label writes 人民政府 as 政府 and drops the place name', () => {
    const m = metaOf('发布机关: 市政府办公室\n成文日期: 2025-03-01\n某市人民政府办公室关于印发某市质量工作要点的通知\n各区人民政府:\n现将《某市2025年质量工作要点》印发给你们,请认真贯彻落实。\n某市人民政府办公室\n2025年3月1日\n');
    expect(m.issuer).toBe('某市人民政府办公室');
  });
});
