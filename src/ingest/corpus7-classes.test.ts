// Failure classes seen on the working part of corpus7 (issue 9) and issue classes probed with made-up sentences
// (no sentence of a corpus document): 生成日期 as the document's date; two plans named in one notice whose title
// lines were cut; a division of the year's 政府工作报告 as a one-year plan; a border-less task table whose header is
// spaced out letter by letter and whose rows end in a unit cell (the row number and the cell are no part of a
// target's indicator); budgets a plan commits (安排 …亿元, a bare 投资 amount) without a verb of achievement.
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';
import { extractMetadata } from './metadata';
import { normalizeText } from './normalize';

const metaOf = (raw: string) => extractMetadata(normalizeText(raw).text);
const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targetsOf = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);

describe('metadata of catalogue pages and notices', () => {
  it('reads 生成日期 as the written date when neither a 成文日期 nor a signature gives one', () => {
    const m = metaOf('索引号: 0012345/2019-00077 公开形式: 主动公开\n文号: 公开时限: 长期公开\n发布机构: 县商务局 生成日期: 2019-05-06\n某县2019年电子商务进农村工作计划\n发布时间: 2019-05-08 10:12\n一、工作目标\n');
    expect(m.writtenDate).toBe('2019-05-06');
    expect(m.publishedDate).toBe('2019-05-08');
  });
  it('keeps the signature date over 生成日期, and lets 生成日期 stand for the published date when nothing else does', () => {
    const m = metaOf('发布机构: 县农业农村局 生成日期: 2020-03-02\n关于印发《某县春耕生产工作方案》的通知\n各乡镇:\n现将《某县春耕生产工作方案》印发给你们。\n某县农业农村局\n2020年2月27日\n某县春耕生产工作方案\n');
    expect(m.writtenDate).toBe('2020-02-27');
    expect(m.publishedDate).toBe('2020-03-02');
  });
  it('takes the first of two plans a notice issues when neither title line is on the page', () => {
    const m = metaOf('县人民政府办公室关于印发两个方案的通知\n各镇人民政府:\n《2025年县重点项目建设推进方案》和《2025年县招商引资工作方案》已经县人民政府同意,现印发给你们,请认真落实。\n一、高度重视。\n');
    expect(m.title).toBe('2025年县重点项目建设推进方案');
  });
  it('does not read two plans cited as grounds as the plans a notice issues', () => {
    const m = metaOf('某区质量提升行动方案\n根据《某省质量强省建设纲要》和《某市质量强市建设实施方案》,结合本区实际,制定本方案。\n');
    expect(m.title).toBe('某区质量提升行动方案');
  });
  it('reads a division of the year\'s 政府工作报告 as a one-year plan of the year it is issued in', () => {
    const m = metaOf('某县人民政府关于分解落实政府工作报告目标任务的通知\n某政〔2025〕3号\n发布日期: 2025-02-10\n各乡镇人民政府:\n现将2025年工作任务予以分解印发。\n');
    expect(m.period).toEqual({ startYear: 2025, endYear: 2025 });
    // a plan with a horizon of its own keeps it
    expect(metaOf('某市质量强市建设三年行动方案(2024-2026年)\n发布日期: 2024-03-01\n').period).toEqual({ startYear: 2024, endYear: 2026 });
  });
});

describe('a border-less task table with a spaced-out header', () => {
  const table = '某省2026年量化任务分工\n序号 工 作 任 务 牵头负责部门\n1 新建高标准农田450万亩 省农业农村厅\n2 完成造林面积50万公顷 省林业局\n3 保障性租赁住房建设6.5万套 省住房城乡建设厅、省财政厅\n';
  it('reads each row\'s task and its lead units', async () => {
    const r = await parse(table);
    expect(r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual([
      '新建高标准农田450万亩|省农业农村厅', '完成造林面积50万公顷|省林业局', '保障性租赁住房建设6.5万套|省住房城乡建设厅,省财政厅',
    ]);
  });
  it('keeps the row number and the unit cell out of the targets\' indicators', async () => {
    expect(await targetsOf(table)).toEqual(['高标准农田 >= 450万亩', '造林面积 >= 50万公顷', '保障性租赁住房建设 >= 6.5万套']);
  });
  it('keeps a row number apart from the task when the normalizer removes blanks', () => {
    expect(normalizeText('序号 工作任务 牵头部门\n1 粮食产量稳定在600万吨以上 省农业农村厅\n').text).toContain('\n1 粮食产量');
    // a number that opens a sentence is not a row number
    expect(normalizeText('各地要在 2025 年底前完成。\n').text).toContain('在2025年底前');
  });
});

describe('rows of other task tables', () => {
  it('keeps co-unit and deadline cells out of a row\'s target, and reads the row\'s units', async () => {
    const raw = '序号 重点任务 牵头单位 配合单位 完成时限\n1 全年新增城镇就业6万人以上 县人力资源社会保障局 县财政局 2025年12月\n2 推进质量强县建设,培育县长质量奖企业4家 县市场监管局 县工信局、县商务局 2025年12月\n';
    const r = await parse(raw);
    expect(r.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`)).toEqual(['城镇就业 >= 6万人', '县长质量奖企业 >= 4家']);
    expect(r.tasks.filter((t) => t.departments.length).map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(','))).toEqual([
      '县人力资源社会保障局:lead,县财政局:co', '县市场监管局:lead,县工信局:co,县商务局:co',
    ]);
  });
  it('reads rows numbered 1. 2. under a header, and a unit cell glued to the task\'s full stop', async () => {
    const dotted = await parse('序号 主要任务 牵头部门 参与部门\n1. 完善质量激励政策 区发展改革局 区财政局、区市场监管局\n2. 实施品牌建设工程 区工信局 区商务局\n');
    expect(dotted.tasks.filter((t) => t.departments.length).map((t) => `${t.marker} ${t.title}`)).toEqual(['1 完善质量激励政策', '2 实施品牌建设工程']);
    const glued = await parse('序号 工作任务 责任单位\n1 实施质量提升行动,制造业产品质量合格率达到95%以上。 市市场监管局、市工信局\n2 打造区域公用品牌3个。 市农业农村局\n');
    expect(glued.targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`)).toEqual(['制造业产品质量合格率 >= 95%', '区域公用品牌 >= 3个']);
    expect(glued.tasks.filter((t) => t.departments.length).map((t) => t.departments.map((d) => d.name).join(','))).toEqual(['市市场监管局,市工信局', '市农业农村局']);
  });
  it('leaves an outline of numbered goals alone', async () => {
    expect(await targetsOf('一、主要目标\n1. 到2025年,制造业产品质量合格率达到95%以上。\n2. 培育品牌企业 10 家。\n')).toEqual(['制造业产品质量合格率 >= 95%', '品牌企业 >= 10家']);
  });
});

describe('budgets a plan commits', () => {
  it('reads 安排 with an amount as a target, naming what is allotted', async () => {
    expect(await targetsOf('某市2026年工作要点\n全年安排地方专项债券300亿元。\n市财政每年安排质量发展专项资金500万元。\n中央预算内投资安排60亿元。\n')).toEqual([
      '地方专项债券 >= 300亿元', '质量发展专项资金 >= 500万元', '中央预算内投资 >= 60亿元',
    ]);
  });
  it('reads a bare investment amount as a target, and still not a past one', async () => {
    expect(await targetsOf('某市2026年工作要点\n一、主要目标\n铁路投资80亿元,公路投资1.2万亿元。\n')).toEqual(['铁路投资 >= 80亿元', '公路投资 >= 1.2万亿元']);
    expect(await targetsOf('某市2026年工作要点\n一、工作回顾\n2025年全市完成固定资产投资500亿元,同比增长8%。\n')).toEqual([]);
  });
});

// the second working batch of corpus7 (c7_18 – c7_25), tested on made-up pages of the same shapes
describe('task lists the second batch showed', () => {
  const brief = (r: Awaited<ReturnType<typeof parse>>) => r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`);
  it('reads a table a cell a line whose row has several unit lines and a deadline in words', async () => {
    const r = await parse('2025年民生实事目标任务分解表\n序号\n民生实事\n责任单位\n完成时限\n1\n新建3座公共厕所。\n县城管局\n县住建局\n10月底前\n2\n改造老旧小区12个。\n县住建局\n年底前\n另建设口袋公园1个。\n11月投入使用\n');
    expect(brief(r)).toEqual(['新建3座公共厕所|县城管局,县住建局', '改造老旧小区12个|县住建局']);
  });
  it('reads a table a cell a line whose cells are closed by pipes, with a leader column, starting at a later row', async () => {
    const r = await parse('序号 |\n工作任务 |\n分管领导 |\n牵头责任单位 |\n责任单位 |\n41 |\n新增普惠性托位200个以上。 |\n张 三 |\n区卫健局 |\n区各有关单位 |\n42 |\n建成社区食堂5个。 |\n李 四 |\n区民政局 |\n区财政局 |\n');
    expect(brief(r)).toEqual(['新增普惠性托位200个以上|区卫健局', '建成社区食堂5个|区民政局,区财政局']);
  });
  it('splits a page that lost its breaks at the items after each 责任单位: list', async () => {
    const r = await parse('某区2025年重点工作责任分解 一、区长牵头重点工作1.地区生产总值增长6%左右。责任单位:区发改局(首位单位为牵头单位,下同)、区统计局2.严控一般性支出。责任单位:区财政局 二、副区长牵头重点工作1.推进法治政府建设。责任单位:区司法局\n');
    expect(brief(r)).toEqual(['地区生产总值增长6%左右|区发改局,区统计局', '严控一般性支出|区财政局', '推进法治政府建设|区司法局']);
  });
  it('leaves out the notice\'s own supervision of the tasks, keeps a regulator whose duty is inspection', async () => {
    const sup = await parse('某市人民政府办公厅关于印发重点工作责任分解的通知\n一、各单位要抓好落实。\n二、市政府督查室要将重点工作完成情况作为重点督查内容。\n');
    expect(sup.departments).toEqual([]);
    const reg = await parse('某县食品安全工作要点\n一、县市场监管局要加强对食品生产企业的督查,督促企业落实主体责任。\n');
    expect(reg.departments).toEqual(['县市场监管局']);
  });
  it('reads the count of what a place builds again (城区再新建1个农贸市场)', async () => {
    expect(await targetsOf('某县2025年民生实事\n城区再新建1个农贸市场。\n')).toEqual(['农贸市场 >= 1个']);
  });
  it('reads a task force named with quoted words as the signer above a 代章 line, and 公开目录 as a label', () => {
    const m = metaOf('关于印发某县“五优享”工程实施方案的通 知\n各成员单位:\n现将《某县“五优享”工程实施方案》印发给你们。\n某县“五优享”工程工作专班办公室\n(某县人民政府办公室代章)\n2024年6月3日\n');
    expect(m.issuer).toBe('某县“五优享”工程工作专班办公室');
    expect(m.writtenDate).toBe('2024-06-03');
    expect(metaOf(' 索引号:  1004/20240101-00009  公开目录:  教育督导  发布日期:  2024-01-01\n某市工作任务清单\n').indexNumber).toBe('1004/20240101-00009');
  });
});

// the working part of corpus8 (c8_01 – c8_11, odd), tested on made-up pages of the same shapes
describe('shapes the working part of corpus8 showed', () => {
  it('reads 部门分工: X牵头,各地、各部门配合 as a responsibility clause', async () => {
    const r = await parse('1.地区生产总值增长6%以上。\n分管省领导:张三\n部门分工:省发展改革委牵头,各地、各部门配合。\n2.地方一般公共预算收入增长5%左右。\n分管省领导:张三\n部门分工:省财政厅牵头,省税务局配合。\n');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(','))).toEqual(['省发展改革委:lead', '省财政厅:lead,省税务局:co']);
  });
  it('takes the first of three plans named one after another, whose title line is broken over two lines', () => {
    const m = metaOf('各区县人民政府:\n《某市“十四五”时期重点工作责任分解》《某市2025年重点工作责任分解》和《2025年民生实事责任分解》已经市政府同意,现印发给你们。\n某市人民政府办公室\n2025年3月2日\n某市“十四五”时期\n重点工作责任分解\n一、市长牵头重点工作\n');
    expect(m.title).toBe('某市“十四五”时期重点工作责任分解');
  });
  it('reads a notice that divides the year\'s 政府工作报告 as a one-year plan even without a title on the page', () => {
    expect(metaOf('某政发〔2025〕4号\n各市人民政府:\n省政府决定,将《政府工作报告》主要指标和重点任务予以分解下达。\n').period).toEqual({ startYear: 2025, endYear: 2025 });
  });
  it('keeps a growth rate written 比上年增长…左右 as a target, and a reported one out', async () => {
    expect(await targetsOf('一、主要预期目标\n1.地区生产总值比上年增长6.5%左右。\n')).toEqual(['地区生产总值比上年增长 ~ 6.5%']);
    expect(await targetsOf('一、工作回顾\n2024年全县地区生产总值比上年增长6.1%。\n')).toEqual([]);
  });
  it('reads the items of a list of 民生实事 as targets without a verb, and a coverage bracket\'s count', async () => {
    const raw = '一、重点民生实事项目:\n1、所有中心学校2名心理教师全覆盖(12个乡镇24名);\n2、儿童免费龋齿筛查3000人;\n3、农村公路养护经费任务数85.5万元;\n4、为老年人开展健康体检全覆盖(8000人)。\n';
    expect(await targetsOf(raw)).toEqual(['所有中心学校 >= 2名', '心理教师 >= 24名', '儿童免费龋齿筛查 >= 3000人', '农村公路养护经费任务数 >= 85.5万元', '为老年人开展健康体检 >= 8000人']);
    // the same items under a heading of past results are no targets
    expect(await targetsOf('一、2024年工作回顾\n1、儿童免费龋齿筛查3000人;\n')).toEqual([]);
  });
});
