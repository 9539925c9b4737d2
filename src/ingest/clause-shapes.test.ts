// Responsibility shapes an office's plans are written in, probed with made-up sentences before the next batch of real
// pages was read (issue 9): 由X牵头，会同Y组织实施; an adverb or a carrying-out verb after 由X (具体负责, 组织实施, 承担);
// a subject whose duty is to work with the lead (要积极配合); a list wrapped after its separator; tables whose deadline
// cell has no year (全年, 6月底前), whose last unit column holds a unit a line, or whose title is followed by its header.
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name + (d.role === 'lead' ? '*' : '')).join(',')}`);

describe('由X牵头，会同Y', () => {
  it('makes the units it works with co-workers, leaving out a collective among them', async () => {
    expect(await pairs('某县2023年质量工作方案\n三、工作任务\n（一）开展农产品质量安全监管。由县农业农村局牵头，会同县市场监管局、县卫健委组织实施。')).toEqual([
      '开展农产品质量安全监管|县农业农村局*,县市场监管局,县卫健委',
    ]);
    expect(await pairs('某镇2023年质量强镇工作方案\n三、工作任务\n（一）开展农产品质量安全监管。由镇农业服务中心牵头，会同镇市场监管所、各村（社区）组织实施。')).toEqual([
      '开展农产品质量安全监管|镇农业服务中心*,镇市场监管所',
    ]);
  });
});

describe('由X with an adverb or a carrying-out verb', () => {
  it('reads 具体负责, 组织实施 and 承担 as the unit taking the task on', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）开展农产品质量安全监管。由县农业农村局具体负责，县市场监管局配合。\n（二）开展食品安全监管。由县市场监管局组织实施。\n（三）推进标准化。由县市场监管局承担。')).toEqual([
      '开展农产品质量安全监管|县农业农村局*,县市场监管局',
      '开展食品安全监管|县市场监管局*',
      '推进标准化|县市场监管局*',
    ]);
  });
});

describe('a subject whose duty is to work with the lead', () => {
  it('is a co-worker (要积极配合), and 抓好落实 is a duty', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）开展农产品质量安全监管。县农业农村局要牵头抓好农产品质量安全监管工作，县市场监管局要积极配合。\n（二）开展食品安全监管。县市场监管局抓好落实。')).toEqual([
      '开展农产品质量安全监管|县农业农村局*,县市场监管局',
      '开展食品安全监管|县市场监管局*',
    ]);
  });
  it('is the task’s own unit when it works with others it names (要密切配合质监、工商等部门…)', async () => {
    expect(await pairs('某区质量兴区方案\n三、工作措施\n14.区公安分局要密切配合质监、工商等管理部门查处制售假冒伪劣产品的违法行为。')).toEqual([
      '区公安分局要密切配合质监、工商等管理部门查处制售假冒伪劣产品的违法行为|区公安分局*',
    ]);
  });
});

describe('a unit list wrapped after its separator', () => {
  it('goes on on the next line when that line holds only unit names', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）开展农产品质量安全监管。严格农药兽药使用管理。\n责任单位：县农业农村局、县市场监管局、\n县公安局\n（二）开展食品安全监管。\n责任单位：县市场监管局')).toEqual([
      '开展农产品质量安全监管|县农业农村局*,县市场监管局*,县公安局*',
      '开展食品安全监管|县市场监管局*',
    ]);
  });
  it('stops at a line that is no list of units', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）开展农产品质量安全监管。\n责任单位：县农业农村局、县市场监管局、\n加强宣传引导，营造良好氛围。')).toEqual([
      '开展农产品质量安全监管|县农业农村局*,县市场监管局*',
    ]);
  });
});

describe('a table whose deadline cell has no year', () => {
  it('keeps 全年 and 6月底前 out of the units, also when glued to the last unit', async () => {
    expect(await pairs('某县质量工作责任清单\n序号 工作任务 责任单位 时间节点\n1 开展质量提升行动 县市场监管局 全年\n2 推进标准化建设 县市场监管局、县工信局 6月底前')).toEqual([
      '开展质量提升行动|县市场监管局*',
      '推进标准化建设|县市场监管局*,县工信局*',
    ]);
  });
  it('reads rows one cell a line without a 序号 column past a 全年 cell', async () => {
    expect(await pairs('某县质量工作责任清单\n工作任务\n责任单位\n时间节点\n开展质量提升行动\n县市场监管局\n全年\n推进标准化建设\n县市场监管局、县工信局\n6月底前')).toEqual([
      '开展质量提升行动|县市场监管局*',
      '推进标准化建设|县市场监管局*,县工信局*',
    ]);
  });
});

describe('a table one cell a line whose last unit column holds a unit a line', () => {
  it('keeps every unit of that column', async () => {
    expect(await pairs('某区2023年重点工作任务分解表\n序号\n工作任务\n责任领导\n牵头单位\n责任单位\n1\n优化营商环境\n张三\n区市场监管局\n区发改局\n区政务服务中心\n2\n推进品牌建设\n李四\n区商务局\n区农业农村局')).toEqual([
      '优化营商环境|区市场监管局*,区发改局,区政务服务中心',
      '推进品牌建设|区商务局*,区农业农村局',
    ]);
  });
});

describe('a title followed by its table header', () => {
  it('ends before the header row', async () => {
    for (const header of ['| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| --- | --- | --- | --- |', '序号\t工作任务\t牵头单位\t配合单位', '序号 工作任务 牵头单位 配合单位']) {
      const r = await parse(`某市质量工作任务分工\n${header}\n1 开展质量提升行动 市市场监管局 市发改委、市工信局`);
      expect(r.metadata.title).toBe('某市质量工作任务分工');
    }
  });
});

describe('a count of the units a list names', () => {
  it('is no target, and the unit before it is read (县市场监管局等5部门负责)', async () => {
    const r = await parse('某县质量工作方案\n三、工作任务\n1.开展质量提升。（县市场监管局等5部门负责）\n2.开展品牌建设。（责任单位：县商务局等部门）');
    expect(r.targets).toEqual([]);
    expect(await pairs('某县质量工作方案\n三、工作任务\n1.开展质量提升。（县市场监管局等5部门负责）\n2.开展品牌建设。（责任单位：县商务局等部门）')).toEqual([
      '开展质量提升|县市场监管局*',
      '开展品牌建设|县商务局*',
    ]);
  });
});

describe('a unit marked （牵头） before a colon and its duties', () => {
  it('leads, and the others named with it work with it', async () => {
    expect(await pairs('某县质量工作方案\n三、职责分工\n县市场监管局（牵头）、县发改局：负责质量提升工作的统筹协调。\n县工信局：负责工业产品质量提升。')).toEqual([
      '负责质量提升工作的统筹协调|县市场监管局*,县发改局',
      '负责工业产品质量提升|县工信局*',
    ]);
  });
});

describe('a bracket of a unit and its deadline apart by a blank', () => {
  it('reads the unit (县工信局 2024年6月)', async () => {
    expect(await pairs('某县2024年质量工作要点\n一、强化质量基础\n1.推进计量体系建设。（县市场监管局，2024年12月底前）\n2.完善检验检测体系。（县工信局 2024年6月）')).toEqual([
      '推进计量体系建设|县市场监管局*',
      '完善检验检测体系|县工信局*',
    ]);
  });
});

describe('由X协调', () => {
  it('names the unit that coordinates the task', async () => {
    expect(await pairs('某县质量工作考核实施方案\n三、工作措施\n（一）组织协调。考核工作由县政府统一领导，由县质量工作领导小组办公室协调各责任部门全面落实年度考核工作任务。')).toEqual([
      '组织协调|县质量工作领导小组办公室*',
    ]);
  });
});

describe('a bureau’s own plan', () => {
  it('names its sections (科室, 处室, 股室) as the responsible units', async () => {
    expect(await pairs('某县市场监管局2024年质量工作要点\n一、强化质量基础\n1.推进计量体系建设。（牵头科室：计量科；配合科室：质量发展科、法规科）\n2.完善检验检测体系。责任股室：计量股\n3.加强标准化工作。（标准化处牵头，法规处配合）')).toEqual([
      '推进计量体系建设|计量科*,质量发展科,法规科',
      '完善检验检测体系|计量股*',
      '加强标准化工作|标准化处*,法规处',
    ]);
  });
});

describe('sub-tasks of an item apart by a semicolon, each with its bracket', () => {
  it('are titled by their own work, without the bracket or the next sub-task', async () => {
    expect(await pairs('某县质量提升方案\n三、重点任务\n1.完善计量体系，推进计量惠民（县市场监管局负责）；完善标准体系（县工信局负责）。\n2.培育区域品牌（县商务局负责）。')).toEqual([
      '完善计量体系,推进计量惠民|县市场监管局*',
      '完善标准体系|县工信局*',
      '培育区域品牌|县商务局*',
    ]);
  });
});

describe('X为责任单位 and 以X为主', () => {
  it('reads a unit named as the task’s responsible or co-operating unit in a sentence', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）推进标准化建设。县发改局为责任单位，县统计局为配合单位。\n（二）推进品牌建设。以县工信局为主，县商务局、县文旅局参与。')).toEqual([
      '推进标准化建设|县发改局*,县统计局',
      '推进品牌建设|县工信局*,县商务局,县文旅局',
    ]);
  });
  it('leaves 以企业为主体 alone', async () => {
    expect(await pairs('某县质量工作方案\n三、工作任务\n（一）推进质量创新。以企业为主体，开展质量攻关。')).toEqual([]);
  });
});

describe('a duty subject list opened by a collective and closed by a class of units (left over from corpus2)', () => {
  it('keeps the named units, leaving out 各村 and 等镇属相关单位', async () => {
    expect(await pairs('某镇食品安全工作方案\n三、工作措施\n（一）开展专项整治。各村、镇农业服务中心、镇市场监管所等镇属相关单位要开展拉网式检查。')).toEqual([
      '开展专项整治|镇农业服务中心*,镇市场监管所*',
    ]);
  });
  it('does not read a kind of unit (区(分)局) after the collective as a unit', async () => {
    expect(await pairs('某局工作方案\n一、加强宣传。各相关责任部门、区(分)局要开展送政策上门。')).toEqual([]);
  });
});

describe('a page cut inside an item, the next items run on in the same line', () => {
  it('splits before (N) after a sentence end when (N+1) follows, each item its own task', async () => {
    expect(await pairs('镇农业服务中心要加强协作，共同推动监管工作。(三)开展专项整治。镇市场监管所要开展拉网式检查。(四)加强信息反馈。镇农业服务中心要确定专人负责信息报送。')).toEqual([
      '镇农业服务中心要加强协作,共同推动监管工作|镇农业服务中心*',
      '开展专项整治|镇市场监管所*',
      '加强信息反馈|镇农业服务中心*',
    ]);
  });
});

describe('a task title with a bracket of a deadline and a labelled unit', () => {
  it('is the work before the bracket, and a note after 。 inside a bracket does not cut the title there', async () => {
    expect(await pairs('某区工作方案\n三、重点任务\n1.推进政务服务一网通办（9月底前完成，牵头督办单位：区政务服务局）。\n2.完善社保（区人社局、区财政局负责。排第一位的为牵头单位）。')).toEqual([
      '推进政务服务一网通办|区政务服务局*',
      '完善社保|区人社局*,区财政局',
    ]);
  });
});

describe('labels boxed in square brackets or after a bullet sign, units apart by blanks, 按照各自职责', () => {
  it('reads each as a responsibility clause', async () => {
    expect(await pairs('某县质量工作方案\n三、重点任务\n1.完善追溯。[责任单位]县农业农村局\n2.强化宣传。★责任单位：县文旅局\n3.加强计量。［牵头单位］县市场监管局［配合单位］县发改局\n4.推进标准化（县市场监管局 县发改局）。\n5.打造品牌。县商务局、县工信局按照各自职责抓好落实。')).toEqual([
      '完善追溯|县农业农村局*',
      '强化宣传|县文旅局*',
      '加强计量|县市场监管局*,县发改局',
      '推进标准化|县市场监管局*,县发改局*',
      '打造品牌|县商务局*,县工信局*',
    ]);
  });
});

describe('rows of a division table without their header', () => {
  it('reads task, units and deadline apart by blanks or tabs', async () => {
    expect(await pairs('某县2024年质量工作任务分解\n1.开展重点产品质量攻关  县市场监管局  2024年12月底前\n2.培育区域公用品牌  县农业农村局、县商务局  长期坚持\n3.推进企业标准自我声明  县市场监管局  县工信局\n')).toEqual([
      '开展重点产品质量攻关|县市场监管局*',
      '培育区域公用品牌|县农业农村局*,县商务局*',
      '推进企业标准自我声明|县市场监管局*,县工信局',
    ]);
    const r = await parse('某县2024年质量工作任务分解\n1.开展重点产品质量攻关\t县市场监管局、县科技局\t2025年6月底前\n2.培育区域公用品牌\t县农业农村局\t2024年底前\n');
    // (each row once: the outline item its number makes of the same line gives way to it)
    expect(r.tasks.map((t) => `${t.marker} ${t.title}`)).toEqual(['1. 开展重点产品质量攻关', '2. 培育区域公用品牌']);
    expect(r.tasks.filter((t) => t.departments.length).map((t) => t.deadline)).toEqual(['2025年6月底', '2024年底']);
  });
  it('never reads a signature beside its date, or a lone line, as a row', async () => {
    expect(await pairs('某县市场监督管理局  2024年3月1日\n联系人：张三  电话：12345678\n')).toEqual([]);
    expect(await pairs('某县2024年质量工作\n1.开展重点产品质量攻关  县市场监管局  2024年12月底前\n二、保障措施\n加强组织领导，明确责任分工，确保各项任务落到实处，全县上下齐抓共管。\n')).toEqual([]);
  });
});

describe('a member unit as a heading over its duties', () => {
  it('reads the unit after the item number, closed by a full stop or alone on its line', async () => {
    const want = ['负责领导小组办公室日常工作,牵头开展质量提升行动|县市场监管局*', '负责将质量教育纳入中小学教育内容|县教育局*'];
    expect(await pairs('五、成员单位职责\n（一）县市场监管局。负责领导小组办公室日常工作，牵头开展质量提升行动。\n（二）县教育局。负责将质量教育纳入中小学教育内容。\n')).toEqual(want);
    expect(await pairs('五、成员单位职责\n（一）县市场监管局\n负责领导小组办公室日常工作，牵头开展质量提升行动。\n（二）县教育局\n负责将质量教育纳入中小学教育内容。\n')).toEqual(want);
  });
  it('keeps an item named after a unit it builds as a task of its own', async () => {
    expect(await pairs('三、重点任务\n1.建设县质量检验检测中心。整合现有检测资源，提升检测能力。（牵头单位：县市场监管局）\n')).toEqual([
      '建设县质量检验检测中心|县市场监管局*',
    ]);
  });
});

describe('a lead marked in brackets inside a duty sentence', () => {
  it('leads, and the units beside it work with it (县商务局（牵头）、县文旅局按职责分工负责)', async () => {
    expect(await pairs('三、重点任务\n（一）加强品牌建设。县商务局（牵头）、县文旅局按职责分工负责。\n（二）推进标准化。县市场监管局（牵头）、县工信局、县科技局要加快推进企业标准化建设。\n')).toEqual([
      '加强品牌建设|县商务局*,县文旅局', '推进标准化|县市场监管局*,县工信局,县科技局',
    ]);
    expect(await pairs('三、重点任务\n（一）开展质量攻关。由县市场监管局（牵头）、县工信局负责。\n')).toEqual(['开展质量攻关|县市场监管局*,县工信局']);
  });
  it('reads 具体由X负责 as a 由-clause, never 具体由X as a name', async () => {
    expect(await pairs('三、重点任务\n（一）质量基础设施建设\n具体由县市场监管局负责，县发改局、县财政局配合。\n')).toEqual(['质量基础设施建设|县市场监管局*,县发改局,县财政局']);
    expect(await pairs('三、重点任务\n（一）加强质量宣传。县自由贸易试验区管委会要加大宣传。\n')).toEqual(['加强质量宣传|县自由贸易试验区管委会*']);
  });
});

describe('schools named in a list of responsible units', () => {
  it('are units (镇中心学校, 县职业技术学校), a collective of schools is not', async () => {
    expect(await pairs('三、重点任务\n（一）加强校园食品安全。（责任单位：镇市场监管所、镇中心学校、县职业技术学校）\n')).toEqual(['加强校园食品安全|镇市场监管所*,镇中心学校*,县职业技术学校*']);
    expect(await pairs('三、重点任务\n（一）加强质量教育。全县中小学校要加强质量教育，各学校要开设课程。\n')).toEqual([]);
  });
});

describe('units closing an item’s heading line', () => {
  const doc = (items: string) => `某县质量提升行动方案\n为推进质量强县建设，制定本方案。\n一、主要任务\n${items}\n二、保障措施\n加强组织领导。\n`;
  it('in a bare bracket, with 、 or blanks between the names', async () => {
    expect(await pairs(doc('（一）加强计量服务（县市场监管局）\n完善计量体系，提升计量能力。\n（二）优化营商环境（县市场监管局、县发改局）\n3.推进标准化（县市场监管局 县工信局）'))).toEqual([
      '加强计量服务|县市场监管局*', '优化营商环境|县市场监管局*,县发改局*', '推进标准化|县市场监管局*,县工信局*',
    ]);
  });
  it('in 【】 or after a dash', async () => {
    expect(await pairs(doc('1.加强计量服务【县市场监管局】\n2.优化营商环境【县工信局、县商务局】\n3.开展质量攻关——县市场监管局\n4.推进标准化——县市场监管局牵头，县工信局配合'))).toEqual([
      '加强计量服务|县市场监管局*', '优化营商环境|县工信局*,县商务局*', '开展质量攻关|县市场监管局*', '推进标准化|县市场监管局*,县工信局',
    ]);
  });
  it('but not an aside (含…) or a deadline after the dash', async () => {
    expect(await pairs(doc('1.加强宣传（含县融媒体中心）\n2.建设平台——2025年底前完成'))).toEqual([]);
  });
});

describe('a page header of labels and values', () => {
  it('is no table of rows (发布机构 某县市场监督管理局)', async () => {
    expect(await pairs('发布机构 某县市场监督管理局\n信息来源 某县人民政府办公室\n主办单位 某县市场监督管理局\n某县2024年质量工作要点\n一、工作任务\n加强质量监管。\n')).toEqual([]);
  });
});

describe('labels inside a table cell', () => {
  it('leave the row to the table reader (| 牵头：县市场监管局；配合：县工信局 |)', async () => {
    expect(await pairs('序号 | 重点任务 | 责任单位 | 完成时限\n1 | 开展质量攻关 | 牵头：县市场监管局；配合：县工信局 | 2024年底\n2 | 培育品牌 | 县商务局（牵头）、县文旅局 | 长期\n')).toEqual([
      '开展质量攻关|县市场监管局*,县工信局', '培育品牌|县商务局*,县文旅局',
    ]);
  });
});

describe('a piped table whose unit column says the first named leads', () => {
  it('makes the others co-workers (责任单位（排名第一的为牵头单位）)', async () => {
    expect(await pairs('序号 | 任务内容 | 责任单位（排名第一的为牵头单位） | 时间节点\n1 | 开展质量攻关 | 县市场监管局、县工信局 | 2024年底\n2 | 培育品牌 | 县商务局 | 2025年6月\n')).toEqual([
      '开展质量攻关|县市场监管局*,县工信局', '培育品牌|县商务局*',
    ]);
  });
});
