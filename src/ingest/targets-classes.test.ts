// The target classes that failed on documents the engine had never seen (issue 9, "Targets" 1-8).
// Every sentence here is made up for the test in the style of the genre; none is copied from a
// corpus document.
import { describe, expect, it } from 'vitest';
import { extractTargets } from './targets';
import type { Target } from './model';

const P = { startYear: 2024, endYear: 2026 };
const run = (text: string, period: { startYear: number; endYear: number } | null = P) => extractTargets(text, { period, outline: [] });
const brief = (t: Target) => ({ indicator: t.indicator, comparator: t.comparator, value: t.value, ...(t.valueMax !== undefined ? { valueMax: t.valueMax } : {}), unit: t.unit });
const values = (text: string, period: { startYear: number; endYear: number } | null = P) => run(text, period).map((t) => `${t.indicator}|${t.comparator}|${t.value}${t.valueMax !== undefined ? `-${t.valueMax}` : ''}|${t.unit}`);

describe('1. verb + number + measure word + noun: the counted object after the number', () => {
  it('takes the noun phrase after the measure word, not the verb before the number', () => {
    expect(run('到2026年，扶持发展40家以上绿色食品加工企业。').map(brief)).toEqual([{ indicator: '绿色食品加工企业', comparator: '>=', value: 40, unit: '家' }]);
    expect(run('全县统筹遴选并认定15个农业标准化示范基地。').map(brief)).toEqual([{ indicator: '农业标准化示范基地', comparator: '>=', value: 15, unit: '个' }]);
  });

  it('reads a range of counts with the object after it, and two such items joined by 和', () => {
    expect(values('今年在全区挑选2-4个特色产业集群和6-8个技改项目开展对标提升。')).toEqual([
      '特色产业集群|range|2-4|个',
      '技改项目|range|6-8|个',
    ]);
  });

  it('keeps a 万 multiplier with the measure word (培育3万家…)', () => {
    expect(run('在全省范围内推动并培育3万家放心消费示范单位。').map(brief)).toEqual([{ indicator: '放心消费示范单位', comparator: '>=', value: 3, unit: '万家' }]);
  });

  it('cuts a long modifier that ends in 的 before the head noun phrase', () => {
    const t = run('培育壮大12个具有较强创新能力和市场影响力的区域公用品牌。');
    expect(t.map(brief)).toEqual([{ indicator: '区域公用品牌', comparator: '>=', value: 12, unit: '个' }]);
  });

  it('reads 每年面向N名… as the people a training reaches', () => {
    const t = run('每年面向1500名基层检验人员开展技能培训。');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ comparator: '>=', value: 1500, unit: '名' });
    expect(t[0].indicator).toContain('基层检验人员');
  });
});

describe('2. lists of number + noun', () => {
  it('gives each number its own noun, in order, and drops none', () => {
    expect(values('每年评选8名金牌技师、25名技术能手和60名青年岗位能手。')).toEqual([
      '金牌技师|>=|8|名',
      '技术能手|>=|25|名',
      '青年岗位能手|>=|60|名',
    ]);
  });

  it('carries the commitment of a sentence along a chain of noun + number clauses', () => {
    expect(values('力争实现茶叶年产量2.5万吨，茶叶综合产值18亿元，茶旅融合收入3亿元。')).toEqual([
      '茶叶年产量|>=|2.5|万吨',
      '茶叶综合产值|>=|18|亿元',
      '茶旅融合收入|>=|3|亿元',
    ]);
  });
});

describe('3. units and number words', () => {
  it('reads 万亿元 and a bare 亿 after 突破', () => {
    expect(run('全省数字经济规模突破3万亿元。').map(brief)).toEqual([{ indicator: '全省数字经济规模', comparator: '>', value: 3, unit: '万亿元' }]);
    expect(run('全市快递业务量突破5亿件，跨境电商交易额突破1.2亿。').map(brief)).toEqual([
      { indicator: '全市快递业务量', comparator: '>', value: 5, unit: '亿件' },
      { indicator: '跨境电商交易额', comparator: '>', value: 1.2, unit: '亿' },
    ]);
  });

  it('reads 兆 as a unit of count (兆瓦 stays a unit of power)', () => {
    expect(run('新增分布式光伏装机容量200兆瓦。').map(brief)).toEqual([{ indicator: '分布式光伏装机容量', comparator: '>=', value: 200, unit: '兆瓦' }]);
  });

  it('reads 一半, 过半 and 超过一半 as 50%', () => {
    expect(run('规上企业数字化改造覆盖率达到一半以上。').map(brief)).toEqual([{ indicator: '规上企业数字化改造覆盖率', comparator: '>=', value: 50, unit: '%' }]);
    expect(run('绿色建筑占新建建筑比例过半。').map(brief)).toEqual([{ indicator: '绿色建筑占新建建筑比例', comparator: '>', value: 50, unit: '%' }]);
    expect(run('镇级食品快检室覆盖率超过一半。').map(brief)).toEqual([{ indicator: '镇级食品快检室覆盖率', comparator: '>', value: 50, unit: '%' }]);
    // 过半数 is one number word: its 数 is no part of the indicator
    expect(run('过半数规上企业建立首席质量官制度。').map((t) => t.indicator)).toEqual(['规上企业建立首席质量官制度']);
  });
});

describe('4. targets inside quotation marks', () => {
  it('reads a quoted statement of targets, and still skips a quoted name', () => {
    expect(values('全力实现“示范企业达到25家、产品抽检合格率达到97%”的年度目标。')).toEqual([
      '示范企业|>=|25|家',
      '产品抽检合格率|>=|97|%',
    ]);
    expect(run('深入推进“1+3+N”质量提升体系和“十百千”品牌工程。')).toEqual([]);
  });
});

describe('5. 分别 with a list of values', () => {
  it('gives each value to its own item', () => {
    expect(values('一产、二产和三产增加值占比分别达到12%、43%和45%。')).toEqual([
      '一产增加值占比|>=|12|%',
      '二产增加值占比|>=|43|%',
      '三产增加值占比|>=|45|%',
    ]);
    expect(values('省级、市级质量标杆企业分别达到6家、18家。')).toEqual([
      '省级质量标杆企业|>=|6|家',
      '市级质量标杆企业|>=|18|家',
    ]);
  });

  it('reads 分别 written before the shared head noun, and one-character items', () => {
    expect(values('一产、二产和三产分别占比达到12%、43%和45%。')).toEqual(['一产占比|>=|12|%', '二产占比|>=|43|%', '三产占比|>=|45|%']);
    expect(values('全县一、二、三产业分别增长6%、8%和7%。')).toEqual(['全县一产业增长|>=|6|%', '二产业增长|>=|8|%', '三产业增长|>=|7|%']);
  });

  it('lends the measured head of the last item to short items before it', () => {
    expect(values('生猪、肉牛存栏量分别达到10万头和2万头。')).toEqual(['生猪存栏量|>=|10|万头', '肉牛存栏量|>=|2|万头']);
    expect(values('城镇、农村居民人均可支配收入分别增长7%和8%。')).toEqual(['城镇居民人均可支配收入增长|>=|7|%', '农村居民人均可支配收入增长|>=|8|%']);
  });

  it('gives values to a list of names whose last has a bracket of its own', () => {
    expect(values('绿色食品、有机农产品(含转换期)和名特优新农产品分别达到120个、30个和15个。')).toEqual([
      '绿色食品|>=|120|个',
      '有机农产品(含转换期)|>=|30|个',
      '名特优新农产品|>=|15|个',
    ]);
  });
});

describe('6. a second value in brackets', () => {
  it('keeps the bracketed cumulative value apart from the first', () => {
    const t = values('年内新增纳入监管的小作坊320户(累计约900户)。');
    expect(t[0]).toBe('纳入监管的小作坊|>=|320|户');
    // the bracket is either its own (cumulative, approximate) target or nothing: never merged into the first
    expect(t.slice(1).every((x) => /\|~\|900\|户$/.test(x))).toBe(true);
    expect(run('评价总得分90分(含90分)以上。').map(brief)).toEqual([{ indicator: '评价总得分', comparator: '>=', value: 90, unit: '分' }]);
  });
});

describe('7. an unbalanced quote', () => {
  it('does not hide the rest of the sentence after “…" closed by an ASCII quote', () => {
    expect(values('推行“一件事一次办"改革，政务服务好评率达到99%以上。')).toEqual(['政务服务好评率|>=|99|%']);
  });
});

describe('8. numbers that are no targets', () => {
  it('skips numerals inside words', () => {
    expect(run('对不合格样品开展二次复检，实行三级审核。')).toEqual([]);
    expect(run('落实“两个责任”，建立一企一档。')).toEqual([]);
  });

  it('skips eligibility limits and revision frequencies', () => {
    expect(run('面向35周岁以下的青年技术人员开展评选。')).toEqual([]);
    expect(run('重点产品目录每3年修订1次，监管清单每年更新2次。')).toEqual([]);
  });

  it('skips past results in a summary section and keeps the targets after it', () => {
    const text = '一、2025年工作总结\n全年完成抽检1200批次，抽检合格率98.6%，新增规上企业30家。\n二、2026年工作目标\n抽检合格率稳定在98%以上。';
    expect(values(text, { startYear: 2026, endYear: 2026 })).toEqual(['抽检合格率|>=|98|%']);
  });

  it('skips results a report gives in the perfective or as findings', () => {
    expect(run('今年上半年共抽检了3200批次样品，结果显示总体合格率为97.9%。')).toEqual([]);
  });
});

describe('the counted-object reading stays within its bounds', () => {
  it('reads a verb pair the tagger takes for a name (建立健全) and people counted by what they take part in', () => {
    expect(values('建立健全3项制度，推动形成2个机制。')).toEqual(['制度|>=|3|项', '机制|>=|2|个']);
    expect(values('每年组织50名企业负责人参加质量培训。')).toEqual(['企业负责人参加质量培训|>=|50|名']);
  });

  it('does not make a scope (涉及…) or an existing count (全县有…) a target', () => {
    expect(run('全县涉及15个乡镇的农村公路改造。')).toEqual([]);
    expect(run('全县有规上工业企业120家。')).toEqual([]);
  });

  it('reads the plan after a report in the same sentence (…建成了30个，下一步计划新建20个)', () => {
    expect(values('全市累计建成了30个示范点，下一步计划新建20个示范点。')).toEqual(['示范点|>=|20|个']);
  });
});

describe('reports of results written like targets', () => {
  it('keeps a paragraph opened by a look back (十年来, 近年来) in the past until a forward-looking word', () => {
    expect(run('近五年来，全区质量工作稳步推进。规上企业数量增加18.6%，达到460家。')).toEqual([]);
    expect(values('近五年来，全区质量工作稳步推进。下一步，力争规上企业达到500家。')).toEqual(['规上企业|>=|500|家']);
  });

  it('reads a ratio to one as a unitless value (收入比缩小到1.9:1以内)', () => {
    expect(run('城乡居民收入比缩小到1.9:1以内。').map(brief)).toEqual([{ indicator: '城乡居民收入比', comparator: '<=', value: 1.9, unit: '' }]);
    expect(run('会议于9:30开始。')).toEqual([]);
  });
});

describe('a list of one-character kinds before one indicator', () => {
  it('reads 猪、牛、羊…率 as one indicator that the kinds share, not three', () => {
    expect(values('生猪、牛、羊定点屠宰率均达90%以上。')).toEqual(['生猪、牛、羊定点屠宰率|>=|90|%']);
    expect(values('大、中、小学校园食堂明厨亮灶覆盖率达到95%。')).toEqual(['大、中、小学校园食堂明厨亮灶覆盖率|>=|95|%']);
    // items that are indicators of their own still share the value
    expect(values('城市和农村生活垃圾无害化处理率均达到100%。')).toEqual(['城市生活垃圾无害化处理率|>=|100|%', '农村生活垃圾无害化处理率|>=|100|%']);
  });
});

describe('a list of subjects before one rate', () => {
  it('reads subjects of one rate as one indicator, and parallel names of the same thing as several', () => {
    expect(values('全市规上企业、高新技术企业、专精特新企业主导产品采标率达到80%以上。')).toEqual([
      '全市规上企业、高新技术企业、专精特新企业主导产品采标率|>=|80|%',
    ]);
    expect(values('国家级检测中心、省级计量站和县级检定机构覆盖率达到90%。')).toEqual([
      '国家级检测中心、省级计量站和县级检定机构覆盖率|>=|90|%',
    ]);
    expect(values('集中式饮用水源水质、县控断面水质达标率均保持100%。')).toEqual([
      '集中式饮用水源水质达标率|>=|100|%',
      '县控断面水质达标率|>=|100|%',
    ]);
  });
});

describe('a count or a share as the subject of an achievement due by a date', () => {
  it('reads 首批N个X全面建成 and N%的X建成… when the sentence sets a date', () => {
    expect(values('到2025年底前，全市首批50个智慧农贸市场全面建成。')).toEqual(['智慧农贸市场全面建成|>=|50|个']);
    expect(values('2026年底前，首批20家企业完成质量管理体系认证。')).toEqual(['企业完成质量管理体系认证|>=|20|家']);
    expect(values('到2027年，确保东城区、西城区50%的城市社区建成嵌入式服务综合体。')).toEqual(['城市社区建成嵌入式服务综合体|>=|50|%']);
  });
  it('does not read an existing count or a report of the past as one', () => {
    expect(values('全县现有30个行政村建成标准化卫生室。')).toEqual([]);
    expect(values('2023年，全市首批50个智慧农贸市场全面建成了。')).toEqual([]);
  });
});

describe('a clause of its own for the value, the counted thing named in the clause before (issue 9, fourth pass)', () => {
  it('takes the subject of a growth phrase or of a fostering verb before "，达到N"', () => {
    expect(values('（2024-2026年）\n一、主要目标\n规上工业企业数量实现翻番，达到360家。')).toEqual(['规上工业企业数量|>=|360|家']);
    expect(values('（2024-2026年）\n一、主要目标\n省级技术中心数量持续增加，达到45个。')).toEqual(['省级技术中心数量|>=|45|个']);
    expect(values('（2024-2026年）\n一、主要目标\n大力培育绿色工厂，累计达到25家。')).toEqual(['绿色工厂|>=|25|家']);
  });
  it('reads a running total after a yearly count as a target of its own', () => {
    const t = run('（2024-2026年）\n一、主要目标\n每年新培育科技型中小企业40家，累计达到300家。');
    expect(t.map((x) => `${x.indicator}|${x.comparator}|${x.value}|${x.unit}|${x.kind}`)).toEqual([
      expect.stringMatching(/科技型中小企业\|>=\|40\|家\|/),
      '科技型中小企业|>=|300|家|cumulative',
    ]);
  });
  it('leaves a clause before that holds a number of its own, or a bare noun, alone', () => {
    expect(values('（2024-2026年）\n一、主要目标\n全县企业，达到先进水平。')).toEqual([]);
  });
});

describe('a bare share or rate after a count (建成…200家，覆盖率达到80%)', () => {
  it('is the share of what the count counted', () => {
    expect(values('到2026年，全县建成放心消费示范单位200家以上，覆盖率达到80%。')).toEqual([
      '全县建成放心消费示范单位|>=|200|家', '放心消费示范单位覆盖率|>=|80|%',
    ]);
    expect(values('到2026年，建成标准化农贸市场20个，占比达到60%。')).toEqual(['标准化农贸市场|>=|20|个', '标准化农贸市场占比|>=|60|%']);
  });
  it('keeps a rate named in full as it is, and a lone 覆盖率 as a noun', () => {
    expect(values('到2026年，农村电商服务站点覆盖率达到100%。')).toEqual(['农村电商服务站点覆盖率|>=|100|%']);
    expect(values('到2026年，覆盖率达到90%。')).toEqual(['覆盖率|>=|90|%']);
  });
});

describe('a value raised from a base year to a due year (由2020年的85提高到2025年的88)', () => {
  it('reads an index without a unit, named before its starting value', () => {
    expect(values('到2026年，质量竞争力指数由85提高到88。')).toEqual(['质量竞争力指数|>=|88|']);
    expect(values('到2026年，质量竞争力指数由2023年的85提高到88。')).toEqual(['质量竞争力指数|>=|88|']);
  });
  it('takes the year between the verb and the value as the deadline', () => {
    const t = run('质量竞争力指数由2023年的85提高到2026年的88，森林覆盖率由2023年的40%提高到2026年的42%。', null);
    expect(t.map((x) => `${x.indicator}|${x.value}|${x.deadline}`)).toEqual(['质量竞争力指数|88|2026', '森林覆盖率|42|2026']);
  });
  it('leaves a multiple of a base year’s level without a deadline', () => {
    expect(run('企业数量扩大到2023年的1.5倍。', null).map((x) => x.deadline)).toEqual([null]);
  });
});
