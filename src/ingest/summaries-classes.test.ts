// Classes of issue 9 probed with made-up sentences before a new batch was read (no sentence of a corpus document):
// a document that reports a year's work (…工作总结, …完成情况的报告) is read as what it is — its title is its title, it
// plans no period and its figures are results except under a heading about what comes next; a note on the order of a
// bracket's list (排第一位的为牵头单位) names the first unit lead and the others its co-workers; a bulletin (…通报) is
// titled by its own title, not its signer; a unit after 配合/协助/会同 with no subject before it is no unit of the task;
// an item whose title ends in a unit suffix (建设检测中心) keeps it when its bracket has a label with a colon; names joined
// by 和 or a blank before 负责 are two units; labels in lenticular brackets (【牵头单位】) and 按职能分工负责; targets
// after 表彰/授予/选拔, a list of commitments each with its own verb (命名10个…、认定30家…), a running total in a
// bracket after the value (新增…500户（累计约1200户）).
import { describe, expect, it } from 'vitest';
import { findClauses } from './departments';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const targetsOf = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
const unitsOf = (s: string) => findClauses(s).flatMap((m) => m.departments.map((d) => `${d.name}:${d.role}`));

describe('a work summary', () => {
  const summary = [
    '某县2023年质量工作总结',
    '2023年，县市场监管局会同县农业农村局开展农产品抽检500批次，合格率98.5%。县教育局组织开展质量进校园活动12场。',
    '一、主要工作',
    '（一）全年培育质量标杆企业5家，新增省级名牌产品3个。',
    '二、下一步工作打算',
    '2024年，力争培育质量标杆企业10家以上，产品质量监督抽查合格率达到95%以上。',
  ].join('\n');

  it('has its own title and no plan period', async () => {
    const r = await parse(summary);
    expect(r.metadata.title).toBe('某县2023年质量工作总结');
    expect(r.metadata.period).toBeNull();
  });
  it('reads only the figures under the heading about what comes next as targets', async () => {
    expect(await targetsOf(summary)).toEqual(['质量标杆企业 >= 10家', '产品质量监督抽查合格率 >= 95%']);
  });
  it('reads a report of a year’s results whole as its title, and its figures as no targets', async () => {
    const report = '某县市场监督管理局关于2023年度质量强县工作完成情况的报告\n县政府：\n今年以来，我局认真落实质量强县各项任务。全县新增注册商标320件，主要农产品抽检合格率98%。\n某县市场监督管理局\n2023年12月1日';
    const r = await parse(report);
    expect(r.metadata.title).toBe('某县市场监督管理局关于2023年度质量强县工作完成情况的报告');
    expect(r.targets).toEqual([]);
  });
  it('still reads a plan for the year, and a summary with next year’s plan in its title, as plans', async () => {
    expect(await targetsOf('某县2024年质量工作要点\n一、主要目标\n到2024年底，产品质量监督抽查合格率达到95%以上，培育质量标杆企业10家。')).toEqual([
      '产品质量监督抽查合格率 >= 95%',
      '质量标杆企业 >= 10家',
    ]);
    const both = await parse('某县2023年工作总结和2024年工作计划\n一、2024年主要目标\n到2024年底，培育质量标杆企业10家。');
    expect(both.targets.map((t) => t.value)).toEqual([10]);
  });
});

describe('a note on the order of a bracket’s list', () => {
  it('makes the first unit lead and the others co-workers', () => {
    expect(unitsOf('推进品牌建设。（区商务局、区工信局、区文旅局负责。排第一位的为牵头单位）')).toEqual(['区商务局:lead', '区工信局:co', '区文旅局:co']);
    expect(unitsOf('建设检测平台。（镇经发办、镇财政所，列首位的为牵头单位）')).toEqual(['镇经发办:lead', '镇财政所:co']);
  });
  it('leaves roles the list names itself alone', () => {
    expect(unitsOf('推进品牌建设。（区商务局牵头，区工信局配合。排第一位的为牵头单位）')).toEqual(['区商务局:lead', '区工信局:co']);
  });
});

describe('a bulletin of assessment results', () => {
  it('is titled by its own title, with no plan period, and the units it rates are no responsible units', async () => {
    const r = await parse('某县2024年质量工作考核结果通报\n各乡镇人民政府，县直各单位：\n经综合评定，县市场监管局、县农业农村局为优秀等次，县商务局为良好等次。\n某县质量强县工作领导小组\n2025年1月10日');
    expect(r.metadata.title).toBe('某县2024年质量工作考核结果通报');
    expect(r.metadata.period).toBeNull();
    expect(r.departments).toEqual([]);
  });
});

describe('a unit after 配合 / 协助 / 会同 with no subject before it', () => {
  it('is not read as the subject of a duty sentence (a department’s own plan names the others it works with)', async () => {
    const r = await parse('某县市场监管局2024年工作计划\n一、加强质量安全监管\n积极配合县教育局开展校园食品安全检查，协助县公安局打击假冒伪劣。\n二、强化标准引领\n会同县工信局推进企业标准领跑者制度。');
    expect(r.departments).toEqual([]);
  });
  it('still reads a subject that works with others', async () => {
    const r = await parse('某县质量提升方案\n一、强化标准引领\n县市场监管局会同县工信局推进企业标准领跑者制度。');
    expect(r.tasks.flatMap((t) => t.departments.map((d) => `${d.name}:${d.role}`))).toEqual(['县市场监管局:lead', '县工信局:co']);
  });
});

describe('an item whose title reads like a unit', () => {
  it('keeps its title when its bracket has a labelled list', async () => {
    const r = await parse('某县质量提升方案\n3.建设检测中心。（责任单位：县市场监管局、县财政局）');
    expect(r.tasks.map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual(['建设检测中心|县市场监管局,县财政局']);
  });
  it('still takes the duty after a unit and a colon as the title', async () => {
    const r = await parse('某县质量提升方案\n（一）县市场监管局：负责推进计量检测能力提升。\n（二）县财政局：负责保障工作经费。');
    expect(r.tasks.map((t) => t.title)).toEqual(['负责推进计量检测能力提升', '负责保障工作经费']);
  });
});

describe('two names in a bracket joined by 和 or a blank before 负责', () => {
  it('are two units', () => {
    expect(unitsOf('推进标准化。（县市场监管局和县工信局负责）')).toEqual(['县市场监管局:lead', '县工信局:lead']);
    expect(unitsOf('建设检测中心。（县市场监管局 县财政局负责）')).toEqual(['县市场监管局:lead', '县财政局:lead']);
  });
});

describe('labels in lenticular brackets, and 按职能分工负责', () => {
  it('reads 【牵头单位】X【配合单位】Y as a labelled clause', () => {
    expect(unitsOf('建设检测平台。【牵头单位】县市场监管局【配合单位】县财政局、县发改局')).toEqual(['县市场监管局:lead', '县财政局:co', '县发改局:co']);
  });
  it('keeps a heading in lenticular brackets that is no label out of it', () => {
    expect(unitsOf('【工作目标】县市场监管局要加强质量监管。')).toEqual([]);
  });
  it('drops 按职能分工 with the role word', () => {
    expect(unitsOf('加强知识产权保护。（县市场监管局、县公安局按职能分工负责）')).toEqual(['县市场监管局:lead', '县公安局:lead']);
  });
});

describe('counts after a verb of honouring, lists of commitments, running totals in brackets', () => {
  const t = async (sentence: string) => targetsOf(`某市质量提升方案\n二、主要目标\n到2025年，${sentence}`);
  it('reads what 表彰 counts, item by item', async () => {
    expect(await t('表彰5名质量标兵、20名质量骨干和60名青年质量能手。')).toEqual(['质量标兵 >= 5名', '质量骨干 >= 20名', '青年质量能手 >= 60名']);
  });
  it('ends a counted name where the next commitment of the list begins', async () => {
    expect(await t('命名10个质量强镇、认定30家质量标杆企业。')).toEqual(['质量强镇 >= 10个', '质量标杆企业 >= 30家']);
  });
  it('reads a running total in a bracket as a second target of the same thing, and a breakdown as none', async () => {
    expect(await t('新增监管单位500户（累计约1200户）。')).toEqual(['监管单位 >= 500户', '监管单位 ~ 1200户']);
    expect(await t('新增质量认证企业300家（其中省级10家）。')).toEqual(['质量认证企业 >= 300家']);
  });
});

describe('duty sentences that name the units they work with', () => {
  const pairs = async (raw: string) => (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(','));
  it('reads a 会同 later in the sentence as a co-worker of its subject', async () => {
    expect(await pairs('某区方案\n三、职责分工\n1.区市场监管局负责统筹协调质量提升工作，会同区工信局推进企业质量管理。\n2.区教育局负责开展质量教育。')).toEqual([
      '区市场监管局:lead,区工信局:co',
      '区教育局:lead',
    ]);
  });
  it('reads units that 按职责配合 after 由X负责 as co-workers', async () => {
    expect(await pairs('某县方案\n二、重点任务\n（一）提升工程质量。由县住建局负责，县交通局、县水利局按职责配合。\n（二）提升服务质量。县商务局牵头，县文旅局配合。')).toEqual([
      '县住建局:lead,县交通局:co,县水利局:co',
      '县商务局:lead,县文旅局:co',
    ]);
  });
});

describe('a 责任单位 line right under a 牵头单位 line', () => {
  it('names the co-workers of the lead', async () => {
    const r = await parse('某县2023年重点工作分解\n一、经济发展\n1.地区生产总值增长6%。\n责任领导：张三\n牵头单位：县发改局\n责任单位：县统计局、各乡镇\n2.推进项目建设。\n责任单位：县住建局');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(','))).toEqual([
      '县发改局:lead,县统计局:co',
      '县住建局:lead',
    ]);
  });
});

describe('roles written as predicates, 负总责, and names separated by a slash', () => {
  const unitsOfAll = (s: string) => findClauses(s).flatMap((m) => m.departments.map((d) => `${d.name}:${d.role}`));
  it('reads 为牵头单位 / 为配合单位 as the role words', () => {
    expect(unitsOfAll('推进标准化。（县市场监管局为牵头单位，县工信局、县农业农村局为配合单位）')).toEqual(['县市场监管局:lead', '县工信局:co', '县农业农村局:co']);
  });
  it('splits names at a slash', () => {
    expect(unitsOfAll('推进标准化。（责任部门：县市场监管局/县工信局）')).toEqual(['县市场监管局:lead', '县工信局:lead']);
  });
  it('reads the subject of 负总责', async () => {
    const r = await parse('某县方案\n二、重点任务\n1.推进标准化。县市场监管局负总责，县工信局具体负责。');
    expect(r.departments).toEqual(['县市场监管局', '县工信局']);
  });
});

describe('one of a multiplier in Chinese numerals', () => {
  it('is a quantity (一万件), while 一批 / 一次 / 一个 stay none', async () => {
    const t = async (sentence: string) => targetsOf(`某市质量提升方案\n二、主要目标\n到2025年，${sentence}`);
    expect(await t('有效发明专利拥有量达到一万件。')).toEqual(['有效发明专利拥有量 >= 1万件']);
    expect(await t('建成一批示范企业，开展一次检查，培育一个品牌。')).toEqual([]);
  });
});
