import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractMetadata } from './metadata';
import { flattenOutline } from './outline';
import { collectDepartments } from './departments';
import { classifyTopics } from './topics';
import { extractOutline } from './outline';
import { extractTasks, firstSentence } from './tasks';
import { loadSeeds, scorePairs } from '../../bench/struct-score';

const run = (text: string) => extractTasks(text, extractOutline(text));
const brief = (text: string) =>
  run(text).map((t) => `${t.marker ?? '-'}|${t.title}|${t.departments.map((d) => `${d.name}:${d.role}`).join(',')}|${t.deadline ?? ''}`);

describe('extractTasks', () => {
  it('makes each item of a task section a task, with its clause, and skips the goals section', () => {
    const text = [
      '一、总体要求',
      '(一)指导思想。坚持质量第一。',
      '(二)主要目标。到2025年，合格率达到95%。',
      '二、重点任务',
      '(一)加强质量基础建设。完善计量、标准体系。',
      '责任单位:区市场监管局、区科委',
      '完成时限:2022年底',
      '(二)推进品牌建设。培育区域品牌。',
      '牵头单位：区商务委；配合单位：区市场监管局',
      '(三)加强人才培养。实施首席质量官制度。（区人社局牵头，区总工会配合，2023年6月底前完成）',
      '三、保障措施',
      '(一)加强组织领导。健全工作机制。',
    ].join('\n');
    expect(brief(text)).toEqual([
      '(一)|加强质量基础建设|区市场监管局:lead,区科委:lead|2022年底',
      '(二)|推进品牌建设|区商务委:lead,区市场监管局:co|',
      '(三)|加强人才培养|区人社局:lead,区总工会:co|2023年6月底',
      '(一)|加强组织领导||',
    ]);
  });

  it('spans the whole item, from its marker to the next item', () => {
    const text = '二、重点任务\n(一)加强A。做好甲。\n继续做好乙。(责任单位:区教育局)\n(二)加强B。';
    const [a, b] = run(text);
    expect(text.slice(...a.span)).toBe('(一)加强A。做好甲。\n继续做好乙。(责任单位:区教育局)');
    expect(text.slice(...b.span)).toBe('(二)加强B。');
  });

  it('splits an item into paragraph tasks when each paragraph names its own units', () => {
    const text = [
      '二、主要任务',
      '(一)实施重点产业质量提升工程',
      '在智能软件产业,提升平台影响力。(责任部门:区科委)',
      '在生命健康产业,推动高端医学研究平台建设。(责任部门:区商务委)',
      '——推动服务业提质增效。围绕旅游发展。(负责单位:县发改局、县旅游局)',
    ].join('\n');
    expect(brief(text)).toEqual([
      '-|在智能软件产业,提升平台影响力|区科委:lead|',
      '-|在生命健康产业,推动高端医学研究平台建设|区商务委:lead|',
      '-|推动服务业提质增效|县发改局:lead,县旅游局:lead|',
    ]);
  });

  it('takes the subject of a duty paragraph as its unit', () => {
    const text = ['五、工作措施', '(一)加强组织领导', '将由区政府质量兴区领导小组负责统筹规划。', '(二)发挥各职能部门作用', '1.质监分局要认真履行日常工作职责,从源头抓好质量工作。', '2.各街道办事处要把质量兴区列入议事日程。', '(三)实行目标考核', '建立考核制度。质量兴区领导小组办公室要加强监督检查。'].join('\n');
    expect(brief(text)).toEqual([
      '(一)|加强组织领导|区政府质量兴区领导小组:lead|',
      '1.|质监分局要认真履行日常工作职责,从源头抓好质量工作|质监分局:lead|',
      '2.|各街道办事处要把质量兴区列入议事日程||',
      '(三)|实行目标考核|质量兴区领导小组办公室:lead|',
    ]);
  });

  it('finds tasks with clauses in a plan that has no outline at all', () => {
    const text = '为推进农村公路建设，制定如下方案。\n实施农村公路提档升级。（责任单位：县交通运输局）\n加强公路养护。（牵头单位：县公路中心；配合单位：各乡镇人民政府）';
    expect(brief(text)).toEqual(['-|实施农村公路提档升级|县交通运输局:lead|', '-|加强公路养护|县公路中心:lead|']);
  });

  it('reads a task deadline written in the body', () => {
    const text = '二、重点任务\n(一)建成质量检测中心。于2023年底前建成并投入使用。(责任单位:区市场监管局)';
    expect(run(text)[0].deadline).toBe('2023年底');
  });

  it('titles a long first sentence by its first clause', () => {
    expect(firstSentence('——区发改委、区商贸总公司、区中小企业局要各行其职、各负其责、协调配合,认真抓好辖区工业企业及商贸企业的质量管理工作;对企业负责人进行教育。')).toBe(
      '区发改委、区商贸总公司、区中小企业局要各行其职、各负其责、协调配合',
    );
  });
});

describe('seeds against gold', () => {
  it('attributes tasks to units as gold does (task-department F1 ≥ 0.9, every seed ≥ 0.85)', () => {
    let hit = 0;
    let gold = 0;
    let pred = 0;
    const missed: string[] = [];
    for (const s of loadSeeds()) {
      const r = scorePairs(s.gold.taskDepartments, run(s.text));
      hit += r.hit;
      gold += r.goldTotal;
      pred += r.predTotal;
      if (r.goldTotal) expect(r.hit / r.goldTotal, `${s.name}: ${r.missed.join('; ')}`).toBeGreaterThanOrEqual(0.85);
      missed.push(...r.missed, ...r.extra.map((e) => `extra ${e}`));
    }
    const p = hit / pred;
    const r = hit / gold;
    expect((2 * p * r) / (p + r), missed.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('finds no responsible units in seed 000, which names none', () => {
    const s = loadSeeds().find((x) => x.name.startsWith('000'))!;
    const tasks = run(s.text);
    expect(tasks.length).toBeGreaterThanOrEqual(10); // the items of 主要提升措施 and 保障措施
    expect(tasks.flatMap((t) => t.departments)).toEqual([]);
  });
});

describe('task tables', () => {
  it('reads the rows of a 重点任务分工表, also when normalization glued cells together', () => {
    const text = [
      '三、保障措施',
      '(一)加强组织领导。健全机制。',
      '附件',
      '重点任务分工表',
      '序号 重点任务 牵头单位 配合单位 完成时限',
      '1 实施小微企业质量管理体系认证提升行动 县市场监管局 县经信局、县商务局 2023年底',
      '2创建省级质量强县示范县 县市场监管局 县质量强县工作领导小组各成员单位 长期',
      '3开展质量基础设施 一站式服务 县市场监管局 县科技局2024年6月底前',
      '表注：以上任务按年度推进。',
    ].join('\n');
    expect(brief(text)).toEqual([
      '(一)|加强组织领导||',
      '1|实施小微企业质量管理体系认证提升行动|县市场监管局:lead,县经信局:co,县商务局:co|2023年底',
      '2|创建省级质量强县示范县|县市场监管局:lead|长期',
      '3|开展质量基础设施一站式服务|县市场监管局:lead,县科技局:co|2024年6月底',
    ]);
    // the attachment is not part of the last section of the plan
    expect(text.slice(...run(text)[0].span)).toBe('(一)加强组织领导。健全机制。');
  });
  it('does not read an ordinary line of words as a table', () => {
    expect(run('序号 名称 备注\n1 区市场监管局 无')).toEqual([]);
  });
  it('folds a cell that wrapped onto the next line into its row, and reads the rows after it', () => {
    const text = [
      '序号 重点任务 牵头单位 配合单位 完成时限',
      '1 实施高速公路建设攻坚 市交通运输局 市发展改革委 2025年底',
      '行动',
      '2 加快城镇污水管网建设 市住建局 市城管局、 2023年11月',
      '市水务集团',
      '| 3 | 强化固体废物污染防治 | 市生态环境局 | 市卫健局 | 长期 |',
      '表注：以上任务按年度推进。',
    ].join('\n');
    expect(brief(text)).toEqual([
      '1|实施高速公路建设攻坚行动|市交通运输局:lead,市发展改革委:co|2025年底',
      '2|加快城镇污水管网建设|市住建局:lead,市城管局:co,市水务集团:co|2023年11月',
      '3|强化固体废物污染防治|市生态环境局:lead,市卫健局:co|长期',
    ]);
  });
});

describe('duty lists', () => {
  it('titles a "unit：duty" item by its duty', () => {
    const text = '四、职责分工\n（一）县市场监管局：负责质量提升的统筹协调。\n（二）县教育局：负责中小学质量教育。';
    expect(brief(text)).toEqual(['（一）|负责质量提升的统筹协调|县市场监管局:lead|', '（二）|负责中小学质量教育|县教育局:lead|']);
  });
});

// Pieces of the genre's grammar, shuffled into arbitrary (often broken) documents.
const PIECES = [
  '一、', '二、', '(一)', '（二）', '1.', '2、', '(1)', '①', '第一章', '第三条', ')', '（', '）', '(', '\n', '\n\n', '。', '，', '；', ':', '：', '、',
  '责任单位:', '（牵头单位：', '配合单位：', '责任部门:', '按职责分工负责', '区市场监管局', '县教育局', '区住房和城乡建设委员会', '各镇街道', '牵头', '配合',
  '要加强', '由', '负责', '会同', '索引号', '发布日期:', '2021-06-15', '2021年6月15日', '二〇二一年六月十五日', '2024419', '沪崇河府〔2021〕38号', '[2022]',
  '关于印发《', '》的通知', '现将《', '》印发给你们', '质量提升行动计划', '(2021-2023年)', '附件', '上海市崇明区新河镇人民政府', '主题分类', '质量监督',
  '加强质量工作', '完成时限：', '2022年底', '长期', '序号 重点任务 牵头单位 配合单位 完成时限', '1 提升质量 县市场监管局 县经信局 2023年底', ' ', '——',
];

describe('structure extractors on arbitrary input', () => {
  it('never throw, and every span points inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const metadata = extractMetadata(text);
        const outline = extractOutline(text);
        const tasks = extractTasks(text, outline);
        const departments = collectDepartments(tasks, text);
        const topics = classifyTopics(text, metadata);
        for (const n of flattenOutline(outline)) {
          expect(n.span[0]).toBeGreaterThanOrEqual(0);
          expect(n.span[0]).toBeLessThanOrEqual(n.span[1]);
          expect(n.span[1]).toBeLessThanOrEqual(text.length);
        }
        for (const t of tasks) {
          expect(t.span[0]).toBeGreaterThanOrEqual(0);
          expect(t.span[1]).toBeLessThanOrEqual(text.length);
          expect(t.title.length).toBeGreaterThan(0);
          for (const d of t.departments) expect(departments).toContain(d.name);
        }
        expect(new Set(departments).size).toBe(departments.length);
        for (const x of topics) expect(x.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('task sections', () => {
  it('counts the items of a work section nested in the general requirements, not the aims', () => {
    const text = '一、总体要求\n(一)指导思想\n坚持质量第一。\n(二)重点提升领域\n1.增加农产品优质供给\n推进标准化生产。\n2.提升建设工程质量水平\n落实主体责任。';
    expect(brief(text)).toEqual(['1.|增加农产品优质供给||', '2.|提升建设工程质量水平||']);
  });
});

describe('responsibility paragraphs and articles', () => {
  it('titles an unnumbered "unit：duty" paragraph by its duty and skips collectives', () => {
    const text = '三、职责分工\n县交通运输局：负责计划的组织实施。\n县财政局：负责资金筹措和监管。\n各乡镇人民政府：负责本辖区建设。';
    expect(brief(text)).toEqual(['-|负责计划的组织实施|县交通运输局:lead|', '-|负责资金筹措和监管|县财政局:lead|']);
  });
  it('reads the unit of an article (第X条) even in the general provisions', () => {
    const text = '第一章 总则\n第一条 为规范养护管理，制定本办法。\n第二条 县交通运输局负责全县农村公路养护的监督管理。';
    expect(brief(text)).toEqual(['第二条|县交通运输局负责全县农村公路养护的监督管理|县交通运输局:lead|']);
  });
});

describe('degenerate clauses', () => {
  it('takes no list marker for a unit and makes no untitled task', () => {
    const text = '。责任部门:(1)';
    const tasks = extractTasks(text, extractOutline(text));
    expect(tasks.every((t) => t.title.length > 0)).toBe(true);
    expect(collectDepartments(tasks, text)).not.toContain('(1)');
  });
});

describe('a task table scraped with its cell pipes (issue 9)', () => {
  it('reads a table printed one cell a line between | lines, and leaves out 各-collectives', async () => {
    const { normalizeText } = await import('./normalize');
    const cells = [
      ['序号', '重点任务', '责任单位', '完成时限'],
      ['1', '建立口袋公园管护制度', '区城管局、区财政局', '2024 年底前'],
      ['2', '推进背街小巷整治,补齐照明设施', '区住建局,各街道办事处、区直园区管委会', '常态工作'],
    ];
    const raw = ['|', ...cells.flatMap((r, k) => [...(k ? ['|'] : []), ...r.flatMap((c) => [c, '|'])])].join('\n');
    const text = normalizeText(raw).text;
    expect(text).toMatch(/^\|\s*1\s*\|\s*建立口袋公园管护制度\s*\|\s*区城管局、区财政局\s*\|\s*2024\s*年底前\s*\|$/m);
    const tasks = extractTasks(text, extractOutline(text));
    expect(tasks.map((t) => [t.title, t.departments.map((d) => d.name).join('、')])).toEqual([
      ['建立口袋公园管护制度', '区城管局、区财政局'],
      ['推进背街小巷整治,补齐照明设施', '区住建局'],
    ]);
    expect(tasks[0].deadline).toBe('2024年底');
  });
});

describe('a task table with cell pipes on one line a row (issue 9)', () => {
  it('folds a row that only continues a cell into the task above', () => {
    const text = [
      '三、任务分工',
      '| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |',
      '| 1 | 整治城区积水点 | 区住建局 | 区水务局、 | 2024年9月 |',
      '|   |   |   | 区城投公司 |   |',
      '| 2 | 更新老旧供水管网 | 区水务局 | 区财政局 | 长期 |',
    ].join('\n');
    const tasks = extractTasks(text, extractOutline(text)).filter((t) => t.departments.length);
    expect(tasks.map((t) => [t.title, t.departments.map((d) => `${d.name}:${d.role}`).join(' ')])).toEqual([
      ['整治城区积水点', '区住建局:lead 区水务局:co 区城投公司:co'],
      ['更新老旧供水管网', '区水务局:lead 区财政局:co'],
    ]);
  });
});

describe('paragraph-level tasks without numbers (issue 9)', () => {
  it('makes each unnumbered paragraph with its own duty clause a task of its own', () => {
    const text = [
      '三、重点任务',
      '（一）提升公共服务质量',
      '推进社区食堂建设，年内新建社区食堂5家。（区民政局负责）',
      '完善夜间公交线路，优化换乘接驳。（区交通运输局指导，各街道配合）',
      '2025年6月底前，区统计局建立服务质量监测制度，按季度发布监测结果。',
    ].join('\n');
    const tasks = extractTasks(text, extractOutline(text));
    expect(tasks.map((t) => [t.title, t.departments.map((d) => d.name).join('、')])).toEqual([
      ['推进社区食堂建设，年内新建社区食堂5家', '区民政局'],
      ['完善夜间公交线路，优化换乘接驳', '区交通运输局'],
      ['2025年6月底前，区统计局建立服务质量监测制度，按季度发布监测结果', '区统计局'],
    ]);
  });
});

describe('task titles without their assignment (issue 9)', () => {
  it('cuts "，由X牵头，Y配合" and "，X负责" off the title', () => {
    expect(firstSentence('培育区域公用品牌，由区农业农村局牵头，区商务局配合。')).toBe('培育区域公用品牌');
    expect(firstSentence('建设计量检测平台，区市场监管局负责。')).toBe('建设计量检测平台');
    // a clause that names no unit stays
    expect(firstSentence('建设计量检测平台，企业主体负责。')).toBe('建设计量检测平台，企业主体负责');
  });
  it('uses the same title for a numbered heading that carries its assignment', () => {
    const text = '二、重点任务\n1.完善标准体系，由县市场监管局牵头，县科工信局配合。\n2.推广先进方法，县工业园区管委会负责。';
    const tasks = extractTasks(text, extractOutline(text));
    expect(tasks.map((t) => [t.title, t.departments.map((d) => `${d.name}:${d.role}`)])).toEqual([
      ['完善标准体系', ['县市场监管局:lead', '县科工信局:co']],
      ['推广先进方法', ['县工业园区管委会:lead']],
    ]);
  });
});

describe('task titles without a bracket of units after the heading (issue 9)', () => {
  it('drops "（X牵头）" from a heading title', () => {
    const text = '一、完善质量标准（县市场监管局牵头）\n推进标准化。\n二、提升服务质量（责任单位：县商务局）\n开展监测。\n三、加强人才培养（2024—2026年）\n开展培训。';
    expect(extractTasks(text, extractOutline(text)).map((t) => t.title)).toEqual(['完善质量标准', '提升服务质量', '加强人才培养（2024—2026年）']);
  });
});

describe('a 任务分工 table pasted as text with tabs', () => {
  it('reads each row\'s 牵头单位 as lead and 配合单位 as co-units (tabs were spaces, and the cells ran together)', async () => {
    const { parsePlan } = await import('./index');
    const text = [
      '某区质量提升行动重点任务分工方案',
      '序号\t重点任务\t牵头单位\t配合单位\t完成时限',
      '1\t推动企业建立首席质量官制度。\t区市场监管局\t区经信局、区商务局\t2025年底',
      '2\t推进建筑工程质量提升，落实工程质量终身责任制。\t区住房城乡建设局\t区交通运输局\t2024年6月',
    ].join('\n');
    const r = await parsePlan(new TextEncoder().encode(text), '分工.txt');
    expect(r.tasks.map((t) => t.departments.map((d) => `${d.name}:${d.role}`).join(' '))).toEqual([
      '区市场监管局:lead 区经信局:co 区商务局:co',
      '区住房城乡建设局:lead 区交通运输局:co',
    ]);
  });
});
