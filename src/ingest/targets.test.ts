import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractTargets } from './targets';
import type { OutlineNode, Target } from './model';
import { loadSeeds, scoreTargets } from '../../bench/targets-score';

const P2125 = { startYear: 2021, endYear: 2025 };
const run = (text: string, period: { startYear: number; endYear: number } | null = P2125, outline: OutlineNode[] = []) =>
  extractTargets(text, { period, outline });
/** The fields a user reads in the target list. */
const brief = (t: Target) => ({ indicator: t.indicator, comparator: t.comparator, value: t.value, ...(t.valueMax !== undefined ? { valueMax: t.valueMax } : {}), unit: t.unit });

describe('comparators', () => {
  it('reads 达到…以上, 不低于, 至少 as a floor', () => {
    expect(run('全市森林覆盖率达到46%以上。').map(brief)).toEqual([{ indicator: '全市森林覆盖率', comparator: '>=', value: 46, unit: '%' }]);
    expect(run('城乡居民健康素养水平不低于30%。').map(brief)).toEqual([{ indicator: '城乡居民健康素养水平', comparator: '>=', value: 30, unit: '%' }]);
    expect(run('全年至少开展计量比对4次。')[0]).toMatchObject({ comparator: '>=', value: 4, unit: '次' });
  });

  it('reads 控制在…以内, 不超过 as a ceiling', () => {
    expect(run('城镇调查失业率控制在5.5%以内。').map(brief)).toEqual([{ indicator: '城镇调查失业率', comparator: '<=', value: 5.5, unit: '%' }]);
    expect(run('万元产值综合能耗不超过0.4吨标准煤。')[0]).toMatchObject({ comparator: '<=', value: 0.4, unit: '吨标准煤' });
  });

  it('reads 突破 and 超过 alone as strictly more, 超过…以上 as a floor', () => {
    expect(run('社会消费品零售总额突破300亿元。')[0]).toMatchObject({ indicator: '社会消费品零售总额', comparator: '>', value: 300, unit: '亿元' });
    expect(run('外贸进出口总额超过50亿元以上。')[0]).toMatchObject({ comparator: '>=', value: 50 });
  });

  it('reads 低于 as strictly less', () => {
    expect(run('婴儿死亡率低于4.5‰。')[0]).toMatchObject({ indicator: '婴儿死亡率', comparator: '<', value: 4.5, unit: '‰' });
  });

  it('reads 左右 and 约 as approximate', () => {
    expect(run('服务业增加值占比保持在55%左右。')[0]).toMatchObject({ comparator: '~', value: 55, unit: '%' });
    expect(run('新增城镇就业约1.5万人。')[0]).toMatchObject({ comparator: '~', value: 1.5, unit: '万人' });
  });

  it('reads X-Y and X至Y as a range', () => {
    expect(run('创建省级农业标准化示范区3至5个。').map(brief)).toEqual([{ indicator: '省级农业标准化示范区', comparator: 'range', value: 3, valueMax: 5, unit: '个' }]);
    expect(run('培育2-3家营业收入超百亿元的龙头企业。')[0]).toMatchObject({ comparator: 'range', value: 2, valueMax: 3, unit: '家' });
  });

  it('reads a bare value of a capped indicator (浓度, 能耗) as a ceiling', () => {
    expect(run('细颗粒物年均浓度28微克/立方米,空气优良天数比率92%。').map((t) => [t.comparator, t.value])).toEqual([['<=', 28], ['>=', 92]]);
  });

  it('reads the mathematical signs', () => {
    expect(run('化学需氧量排放量≤800吨,产品抽检合格率≥97%。').map((t) => [t.comparator, t.value, t.unit])).toEqual([['<=', 800, '吨'], ['>=', 97, '%']]);
  });

  it('treats a bare committed count as a floor', () => {
    expect(run('建成市级质量基础设施一站式服务站8个。')[0]).toMatchObject({ comparator: '>=', value: 8, unit: '个', kind: 'level' });
  });
});

describe('indicators', () => {
  it('takes the phrase before the comparator, without the deadline and fillers', () => {
    expect(run('到2024年,确保全县规模以上工业企业质量管理体系认证率达到70%。')[0].indicator).toBe('全县规模以上工业企业质量管理体系认证率');
  });

  it('does not take the starting value of a change for a target', () => {
    expect(run('全县食品抽检合格率由2020年的96%提高到98.5%。').map(brief)).toEqual([{ indicator: '全县食品抽检合格率', comparator: '>=', value: 98.5, unit: '%' }]);
  });

  it('takes the counted thing after the number when examples come first (…等4条)', () => {
    expect(run('建成清溪、石门等3条幸福河湖和5个美丽乡村示范带。').map((t) => [t.indicator, t.value, t.unit])).toEqual([
      ['幸福河湖', 3, '条'], ['美丽乡村示范带', 5, '个'],
    ]);
  });

  it('finds the subject in the earlier clause when the target clause has none', () => {
    expect(run('当前全县农产品抽检合格率为96%,到2025年提高到98%以上。').map(brief)).toEqual([{ indicator: '全县农产品抽检合格率', comparator: '>=', value: 98, unit: '%' }]);
  });

  it('keeps a qualifying quantity inside the indicator of the value that follows', () => {
    expect(run('65岁及以上老年人城乡社区规范化健康管理服务率达到65%。').map(brief)).toEqual([
      { indicator: '65岁及以上老年人城乡社区规范化健康管理服务率', comparator: '>=', value: 65, unit: '%' },
    ]);
    expect(run('年营业收入亿元以上企业中,年产值5000万元以上的企业达到40家。').map((t) => [t.value, t.unit])).toEqual([[40, '家']]);
    expect(run('新招引20亿元以上制造业项目6个。').map((t) => [t.value, t.unit])).toEqual([[6, '个']]);
  });

  it('takes the name before a colon (指标：数值)', () => {
    const text = '——工程质量一次验收合格率：100%;\n——服务质量满意度：86分以上。';
    const ts = run(text);
    expect(ts.map(brief)).toEqual([
      { indicator: '工程质量一次验收合格率', comparator: '>=', value: 100, unit: '%' },
      { indicator: '服务质量满意度', comparator: '>=', value: 86, unit: '分' },
    ]);
    expect(text.slice(...ts[0].span)).toBe('工程质量一次验收合格率：100%');
    expect(run('联系电话:85201234,传真:85201235。')).toEqual([]);
  });

  it('carries the verb of a list across commas', () => {
    const ts = run('新增省级专精特新企业15家,市级专精特新企业40家。');
    expect(ts.map((t) => [t.indicator, t.value, t.kind])).toEqual([['省级专精特新企业', 15, 'increment'], ['市级专精特新企业', 40, 'increment']]);
  });

  it('takes the phrase after the number when the clause opens with a verb', () => {
    // the counted object is the head after the 的-modifier (issue 9: 培育12个具有…的区域公用品牌 → 区域公用品牌)
    expect(run('培育3家具有全国影响力的“链主”企业。').map(brief)).toEqual([{ indicator: '“链主”企业', comparator: '>=', value: 3, unit: '家' }]);
    expect(run('引导40家企业开展质量管理数字化改造。')[0].indicator).toBe('企业开展质量管理数字化改造');
  });

  it('splits a list where each item has its own number', () => {
    const ts = run('新建口袋公园12个、健身步道30公里、社区食堂8家。');
    expect(ts.map(brief)).toEqual([
      { indicator: '口袋公园', comparator: '>=', value: 12, unit: '个' },
      { indicator: '健身步道', comparator: '>=', value: 30, unit: '公里' },
      { indicator: '社区食堂', comparator: '>=', value: 8, unit: '家' },
    ]);
    expect(ts.every((t) => t.kind === 'increment')).toBe(true);
    expect(run('扶持4家专精特新企业、6家科技型小微企业。').map((t) => [t.indicator, t.value])).toEqual([['专精特新企业', 4], ['科技型小微企业', 6]]);
  });

  it('splits indicators that share one value', () => {
    expect(run('城市污水集中收集率和污泥无害化处置率均达到95%。').map(brief)).toEqual([
      { indicator: '城市污水集中收集率', comparator: '>=', value: 95, unit: '%' },
      { indicator: '污泥无害化处置率', comparator: '>=', value: 95, unit: '%' },
    ]);
    expect(run('争取创建省级园区和市级基地各2个。').map((t) => t.indicator)).toEqual(['省级园区', '市级基地']);
  });

  it('borrows the shared head for items written without it', () => {
    expect(run('供水、供气质量合格率达到99%。').map((t) => t.indicator)).toEqual(['供水质量合格率', '供气质量合格率']);
    expect(run('城镇和农村生活污水处理率分别达到95%和80%。').map((t) => [t.indicator, t.value])).toEqual([
      ['城镇生活污水处理率', 95], ['农村生活污水处理率', 80],
    ]);
  });

  it('keeps names listed under one count as one indicator', () => {
    const ts = run('累计创建国家级、省级服务业标准化试点12个。');
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ indicator: '国家级、省级服务业标准化试点', kind: 'cumulative', value: 12 });
  });

  it('keeps a change verb in the indicator of a change', () => {
    expect(run('单位工业增加值能耗比2020年下降15%。')[0]).toMatchObject({ indicator: '单位工业增加值能耗下降', comparator: '>=', value: 15, unit: '%', kind: 'increment' });
  });
});

describe('indicator tables', () => {
  it('reads rows flattened with | or tabs, the last number being the target', () => {
    const text = [
      '表1 主要指标',
      '序号 | 指标 | 2023年 | 2026年 | 属性',
      '1 | 消费品抽检合格率(%) | 92 | ≥94 | 预期性',
      '2 | 人均公园绿地面积 | 平方米 | 12.5 | 14 | 预期性',
      '3 | 细颗粒物浓度(微克/立方米) | 31 | ≤28 | 约束性',
      '二、重点任务',
    ].join('\n');
    expect(run(text).map((t) => [t.indicator, t.comparator, t.value, t.unit, t.deadline])).toEqual([
      ['消费品抽检合格率', '>=', 94, '%', 2026],
      ['人均公园绿地面积', '>=', 14, '平方米', 2026],
      ['细颗粒物浓度', '<=', 28, '微克/立方米', 2026],
    ]);
    expect(run('指标\t2022年\t2025年\n顾客满意度(分)\t78\t82\n').map(brief)).toEqual([{ indicator: '顾客满意度', comparator: '>=', value: 82, unit: '分' }]);
  });

  it('reads rows whose cells an HTML converter joined with single spaces', () => {
    const text = '序号 指标名称 单位 2023年 2026年 属性\n1 有效发明专利拥有量 件 820 1100 预期性\n2 质量投诉处理率(%) 97 ≥99 约束性\n';
    expect(run(text).map((t) => [t.indicator, t.comparator, t.value, t.unit, t.deadline])).toEqual([
      ['有效发明专利拥有量', '>=', 1100, '件', 2026],
      ['质量投诉处理率', '>=', 99, '%', 2026],
    ]);
  });

  it('does not read prose with wide spaces as a table', () => {
    expect(run('新增省级研发中心  3个。').map(brief)).toEqual([{ indicator: '省级研发中心', comparator: '>=', value: 3, unit: '个' }]);
  });
});

describe('kinds', () => {
  it('marks 新增, 新建, 提高…个百分点 as increments and 累计 as cumulative', () => {
    expect(run('新增上市企业2家。')[0].kind).toBe('increment');
    expect(run('研发投入强度提高0.5个百分点。')[0]).toMatchObject({ kind: 'increment', unit: '个百分点', value: 0.5 });
    expect(run('累计培育绿色工厂25家。')[0].kind).toBe('cumulative');
  });

  it('treats 提高到 as a level and 增长 X% as a yearly growth rate (level)', () => {
    expect(run('主要农产品加工转化率提高到70%。')[0]).toMatchObject({ kind: 'level', comparator: '>=', value: 70 });
    expect(run('数字经济核心产业增加值年均增长12%。')[0]).toMatchObject({ kind: 'level', value: 12, unit: '%' });
    expect(run('全区税收收入年均递增6%。')[0]).toMatchObject({ kind: 'level', value: 6, unit: '%' });
    expect(run('规上企业数字化改造覆盖率实现100%。')[0]).toMatchObject({ indicator: '规上企业数字化改造覆盖率', kind: 'level', value: 100 });
  });
});

describe('numbers and units', () => {
  it('converts Chinese numerals and keeps 万/亿 in the unit', () => {
    expect(run('新增国家级专精特新企业三家。')[0]).toMatchObject({ value: 3, unit: '家' });
    expect(run('培育市级以上知名品牌不少于十二个。')[0]).toMatchObject({ value: 12, unit: '个' });
    expect(run('技能人才总量达到12万名。')[0]).toMatchObject({ value: 12, unit: '万名' });
    expect(run('新建高标准农田2.5万亩。')[0]).toMatchObject({ value: 2.5, unit: '万亩' });
    expect(run('优质粮食比重提升到百分之八十以上。')[0]).toMatchObject({ value: 80, unit: '%' });
  });

  it('normalizes units as written', () => {
    expect(run('新增城市绿地12万㎡。')[0]).toMatchObject({ value: 12, unit: '万平方米' });
    expect(run('城市路网密度达到8公里/平方公里。')[0]).toMatchObject({ value: 8, unit: '公里/平方公里' });
    expect(run('绿色建筑占比达到６０％。')[0]).toMatchObject({ value: 60, unit: '%' });
    expect(run('PM2.5年均浓度控制在32μg/m³以下。')[0]).toMatchObject({ indicator: 'PM2.5年均浓度', comparator: '<=', value: 32, unit: '微克/立方米' });
  });

  it('reads a value without a unit for an index or a score', () => {
    expect(run('顾客满意度指数达到80以上。')[0]).toMatchObject({ comparator: '>=', value: 80, unit: '' });
  });
});

describe('the genre beyond the seeds', () => {
  it('reads a count in Chinese numerals that closes a clause opened by any commitment verb', () => {
    expect(run('完成挥发性有机物综合治理项目三十个;新认证绿色食品两个;培训农资经营户三百人次。').map((t) => [t.indicator, t.value, t.unit, t.kind])).toEqual([
      ['挥发性有机物综合治理项目', 30, '个', 'level'], ['绿色食品', 2, '个', 'increment'], ['培训农资经营户', 300, '人次', 'level'],
    ]);
    expect(run('全力推进三个“一号工程”建设。')).toEqual([]);
  });

  it('counts what a quoted name qualifies (三个“15分钟政务服务圈”示范区)', () => {
    expect(run('建成三个“15分钟政务服务圈”示范区。').map(brief)).toEqual([{ indicator: '“15分钟政务服务圈”示范区', comparator: '>=', value: 3, unit: '个' }]);
  });

  it('keeps 个工作日 whole and tells a plan shortening a time from a rule time limit', () => {
    expect(run('企业开办全流程办理时间压缩至0.5个工作日以内。').map(brief)).toEqual([{ indicator: '企业开办全流程办理时间', comparator: '<=', value: 0.5, unit: '个工作日' }]);
    expect(run('自受理之日起10个工作日内作出决定。')).toEqual([]);
    expect(run('学校应在10个工作日内对家长投诉作出答复。')).toEqual([]);
  });

  it('reads a duration named by its indicator with a qualifier alone (优良天数310天左右)', () => {
    expect(run('优良天数310天左右。').map(brief)).toEqual([{ indicator: '优良天数', comparator: '~', value: 310, unit: '天' }]);
    expect(run('课后服务结束时间不早于当地正常下班时间,每周5天、每天不少于2小时。')).toEqual([]);
  });

  it('moves a per-capita basis into the unit (达到每千人5批次 → 批次/千人)', () => {
    expect(run('食品安全抽检量达到每千人5批次。').map(brief)).toEqual([{ indicator: '食品安全抽检量', comparator: '>=', value: 5, unit: '批次/千人' }]);
    expect(run('药品不良反应报告数达到每百万人口800份。')[0]).toMatchObject({ value: 800, unit: '份/百万人' });
  });

  it('gives 分别 values to a list of subgroups after the indicator, with or without a unit', () => {
    expect(run('综合差异系数小学、初中分别低于0.5、0.45。').map(brief)).toEqual([
      { indicator: '综合差异系数小学', comparator: '<', value: 0.5, unit: '' },
      { indicator: '综合差异系数初中', comparator: '<', value: 0.45, unit: '' },
    ]);
    expect(run('国家级、省级专精特新企业分别为5家和20家。').map((t) => [t.indicator, t.value])).toEqual([['国家级专精特新企业', 5], ['省级专精特新企业', 20]]);
    expect(run('新建和改造农贸市场分别为10个和25个。').map((t) => [t.indicator, t.value, t.kind])).toEqual([['新建农贸市场', 10, 'increment'], ['改造农贸市场', 25, 'level']]);
  });

  it('takes the indicator of subgroups from the clause before (系数，小学控制在0.50以内)', () => {
    expect(run('综合差异系数，小学控制在0.50以内、初中控制在0.45以内。').map((t) => [t.indicator, t.comparator, t.value])).toEqual([
      ['综合差异系数小学', '<=', 0.5], ['综合差异系数初中', '<=', 0.45],
    ]);
  });

  it('keeps administrative levels qualifying one indicator together (国控、省控断面)', () => {
    expect(run('主要流域国控、省控断面水质达标率达到100%。').map((t) => t.indicator)).toEqual(['主要流域国控、省控断面水质达标率']);
  });

  it('reads a rate on a base of its own without a unit, and a subjectless growth clause', () => {
    expect(run('万台特种设备死亡率控制在0.1以下。').map(brief)).toEqual([{ indicator: '万台特种设备死亡率', comparator: '<=', value: 0.1, unit: '' }]);
    expect(run('旅游总收入突破300亿元,年均增长8%左右。').map((t) => [t.indicator, t.comparator, t.value])).toEqual([['旅游总收入', '>', 300], ['旅游总收入年均增长', '~', 8]]);
  });

  it('reads a multiple of a baseline year and a floor on any verb after 至少', () => {
    expect(run('重点产业链产值规模扩大到2020年的1.5倍。').map((t) => [t.indicator, t.value, t.unit, t.deadline])).toEqual([['重点产业链产值规模', 1.5, '倍', 2025]]);
    expect(run('每个乡镇至少配备2名专职食品安全协管员。').map(brief)).toEqual([{ indicator: '专职食品安全协管员', comparator: '>=', value: 2, unit: '名' }]);
  });

  it('takes the deadline of a sentence opened by the year (2024年，…)', () => {
    expect(run('2024年，全区PM2.5年均浓度控制在33微克/立方米以内。', null)[0].deadline).toBe(2024);
  });
});

describe('what is not a target', () => {
  it.each([
    ['numbers that name things', '深入实施“十四五”规划,推进三大攻坚战,落实“四个最严”要求,实施“1+N”政策体系。'],
    ['a programme named by its length', '落实质量提升三年行动计划和第五轮环境保护行动。'],
    ['ordinals and enumerations', '一是强化组织领导;二是完善工作机制;第三批试点名单另行公布。'],
    ['qualitative aims', '产品质量水平达到全省前列,品牌影响力明显提升。'],
    ['subsidies and caps', '对新获评省级质量奖的企业,一次性给予50万元奖励;贴息比例最高不超过贷款利息的50%。'],
    ['scoring weights', '考核内容包括组织领导(15分)、目标完成(40分)。'],
    ['procedural time limits', '承办单位应当在10个工作日内答复,逾期未办结的按规定通报。'],
    ['dates, document numbers and phone numbers', '2021年6月15日印发(沪府办〔2021〕38号),联系电话:0571-87006520。'],
    ['the past in a background paragraph', '截至2020年底,全区已建成5G基站1200个;“十三五”期间累计培育高新技术企业300家。'],
    ['statistics compared with the year before', '2020年全区地区生产总值达到560亿元,同比增长3.5%。'],
    ['thresholds that define whom a measure covers', '支持年主营业务收入2000万元以上的企业开展技术改造。'],
    ['rankings', '力争全县质量工作考核进入全市前3名。'],
    ['attributes of a thing', '规划建设占地面积300亩的检验检测产业园。'],
    ['size classes', '推动年产值5000万元以上企业全部导入卓越绩效管理模式。'],
  ])('%s', (_, text) => {
    expect(run(text)).toEqual([]);
  });

  it('skips the numbers of a section that looks back', () => {
    const text = '一、发展基础\n“十三五”期间,全区产品质量合格率达到93%,新增市级以上品牌18个。\n二、主要目标\n到2025年,产品质量合格率达到95%以上。\n';
    expect(run(text).map(brief)).toEqual([{ indicator: '产品质量合格率', comparator: '>=', value: 95, unit: '%' }]);
  });
});

describe('deadlines', () => {
  it('takes the year of the clause', () => {
    expect(run('到2024年,新增规上工业企业30家。')[0].deadline).toBe(2024);
  });

  it('takes the year that opens the enclosing section', () => {
    const text = '(二)发展目标\n到2024年,全区质量总体水平稳步提升。\n1.产品质量\n食品安全抽检合格率达到98%以上。\n';
    expect(run(text)[0].deadline).toBe(2024);
  });

  it('uses the given outline for the enclosing section', () => {
    const text = '一、目标\n至2026年,质量强区建设取得成效。\n二、任务\n食品抽检合格率达到99%。\n';
    const second = text.indexOf('二、');
    const outline: OutlineNode[] = [
      { marker: '一、', title: '目标', level: 1, span: [0, second], children: [] },
      { marker: '二、', title: '任务', level: 1, span: [second, text.length], children: [] },
    ];
    // the first section's year does not leak into the second: the period's end year applies
    expect(run(text, { startYear: 2023, endYear: 2027 }, outline)[0].deadline).toBe(2027);
  });

  it('lets a paragraph that opens with the year govern the bullets after it', () => {
    const text = '到2026年,全市质量总体水平显著提升。\n——产品质量。制造业产品质量合格率稳定在95%以上。\n——工程质量。竣工验收合格率达到100%。\n';
    expect(run(text, null).map((t) => t.deadline)).toEqual([2026, 2026]);
  });

  it('takes the year a heading names (二、2025年主要目标), not that of a review section', () => {
    const text = '一、2024年工作回顾\n全年完成抽检3000批次,合格率达到97%。\n二、2025年主要目标\n全年完成食品抽检不少于3500批次。\n';
    expect(run(text, null).map((t) => [t.indicator, t.value, t.deadline])).toEqual([['食品抽检', 3500, 2025]]);
  });

  it('falls back to the plan period, then to null', () => {
    expect(run('工程质量一次验收合格率保持100%。', { startYear: 2022, endYear: 2024 })[0].deadline).toBe(2024);
    expect(run('工程质量一次验收合格率保持100%。', null)[0].deadline).toBeNull();
  });

  it('gives a yearly target the period end', () => {
    expect(run('每年组织质量培训不少于3期。', { startYear: 2022, endYear: 2024 })[0].deadline).toBe(2024);
  });
});

describe('spans', () => {
  it('points at the clause in the text', () => {
    const text = '为提升质量,到2025年,绿色食品认证率达到60%,农产品抽检合格率达到98%以上。';
    const ts = run(text);
    expect(ts.map((t) => text.slice(...t.span))).toEqual(['绿色食品认证率达到60%', '农产品抽检合格率达到98%以上']);
  });

  it('stay inside any text and never throw', () => {
    const alphabet = fc.constantFrom(...'到2025年,达到以上以下不低于左右约至-—、和及各新增累计率比重家个项万亿%％.０１２３４５６７８９三十百千两“”《》()（）\n。;每第一是分'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 300 }).map((a) => a.join('')), fc.string({ maxLength: 200 }), (genre, any) => {
      for (const text of [genre, any, genre + any]) {
        for (const t of run(text)) {
          expect(t.span[0]).toBeGreaterThanOrEqual(0);
          expect(t.span[1]).toBeLessThanOrEqual(text.length);
          expect(t.span[0]).toBeLessThanOrEqual(t.span[1]);
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.indicator.length).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 300 });
  });

  it('handles long text without a pathological slowdown', () => {
    // a megabyte of digits, punctuation and numerals: must come back (the test timeout guards a hang)
    const chunk = '达到1,2,3,4,5%以上以上以上——1-2-3-4至5至6、、、和及各各各一二三四五六七八九十百千万亿';
    const text = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    const ts = run(text);
    expect(ts.every((t) => t.span[1] <= text.length)).toBe(true);
  });
});

describe('seed documents against the gold answers', () => {
  const seeds = loadSeeds();
  it.each(seeds.map((s) => [s.name, s] as const))('%s', (_, seed) => {
    const pred = run(seed.text, seed.period);
    const s = scoreTargets(seed.name, seed.gold, pred);
    const recall = s.coreHit / (s.coreTotal || 1);
    const precision = s.predHit / (s.predTotal || 1);
    expect({ recall: recall >= 0.9, precision: precision >= 0.9, missed: s.missed.map((m) => m.quote), extra: s.extra.map((x) => x.indicator) })
      .toMatchObject({ recall: true, precision: true });
    for (const t of pred) expect(t.span[1]).toBeLessThanOrEqual(seed.text.length);
  });

  it('reaches F1 0.95 over all seeds', () => {
    let coreHit = 0; let coreTotal = 0; let predHit = 0; let predTotal = 0;
    for (const seed of seeds) {
      const s = scoreTargets(seed.name, seed.gold, run(seed.text, seed.period));
      coreHit += s.coreHit; coreTotal += s.coreTotal; predHit += s.predHit; predTotal += s.predTotal;
    }
    const p = predHit / predTotal;
    const r = coreHit / coreTotal;
    expect((2 * p * r) / (p + r)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the deadlines of the gold answers', () => {
    const seed = seeds.find((s) => s.name.startsWith('003'))!;
    const pred = run(seed.text, seed.period);
    const deadlineOf = (quoteStart: string) => pred.find((t) => seed.text.slice(...t.span).includes(quoteStart))?.deadline;
    expect(deadlineOf('规上工业企业研发活动覆盖率')).toBe(2027);
    expect(deadlineOf('智慧校园覆盖率')).toBe(2025);
    expect(deadlineOf('城市空气质量优良天数比例')).toBe(2025);
  });
});

describe('an indicator table whose value looks like a year', () => {
  it('reads 2000 件 as the row\'s target, not as a header year for the rows below', async () => {
    const { parsePlan } = await import('./index');
    const text = ['某区质量提升三年行动计划(2023—2025年)', '到2025年,主要质量指标如下表。', '序号 | 指标名称 | 单位 | 2022年基数 | 2025年目标 | 指标属性',
      '1 | 有效发明专利拥有量 | 件 | 1200 | 2000 | 预期性', '2 | 服务业顾客满意度 | 分 | 80 | 82以上 | 预期性'].join('\n');
    const r = await parsePlan(new TextEncoder().encode(text), 't.txt');
    expect(r.targets.map((t) => `${t.indicator} ${t.value}${t.unit} ${t.deadline}`)).toEqual(['有效发明专利拥有量 2000件 2025', '服务业顾客满意度 82分 2025']);
  });
});
