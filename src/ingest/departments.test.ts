import { describe, expect, it } from 'vitest';
import { cleanUnitName, collectDepartments, findClauses, findDutySubjects, looksLikeUnit, normalizeDeadline, parseUnitList, splitTopLevel } from './departments';
import { extractOutline } from './outline';
import { extractTasks } from './tasks';
import { loadSeeds, scoreDepartments } from '../../bench/struct-score';

const names = (ds: Array<{ name: string; role: string }>) => ds.map((d) => `${d.name}:${d.role}`);

describe('parseUnitList', () => {
  it('makes every unit of a plain list a lead', () => {
    expect(names(parseUnitList('责任部门:区市场监管局、区经信委'))).toEqual(['区市场监管局:lead', '区经信委:lead']);
  });
  it('splits 牵头单位 and 配合单位 into lead and co', () => {
    expect(names(parseUnitList('牵头单位:区市场监管局;配合单位:区经信委、区商务委'))).toEqual(['区市场监管局:lead', '区经信委:co', '区商务委:co']);
    expect(names(parseUnitList('牵头单位：区商务委 配合单位：区农业农村委'))).toEqual(['区商务委:lead', '区农业农村委:co']);
  });
  it('reads role words written after the names', () => {
    expect(names(parseUnitList('区人社局牵头，区总工会、团区委配合'))).toEqual(['区人社局:lead', '区总工会:co', '团区委:co']);
    expect(names(parseUnitList('责任单位：区市场监管局（牵头）、区经信委'))).toEqual(['区市场监管局:lead', '区经信委:co']);
  });
  it('does not split unit names that contain 和 or 与, but splits two units joined by 和', () => {
    expect(names(parseUnitList('责任单位：区住房和城乡建设委员会、区海洋与渔业局'))).toEqual(['区住房和城乡建设委员会:lead', '区海洋与渔业局:lead']);
    expect(names(parseUnitList('责任单位：区经济和信息化委员会和区教育局'))).toEqual(['区经济和信息化委员会:lead', '区教育局:lead']);
  });
  it('drops collectives, people and trailing 等/按职责分工负责', () => {
    expect(names(parseUnitList('责任部门:区发改局、区港航分中心等按职责分工负责。以下均需各镇街道、管委会落实,不再列出'))).toEqual(['区发改局:lead', '区港航分中心:lead']);
    expect(parseUnitList('负责单位:质量强县各成员单位')).toEqual([]);
    expect(parseUnitList('责任单位：各镇人民政府、相关部门、有关单位')).toEqual([]);
    expect(parseUnitList('责任单位：镇长施君同志')).toEqual([]);
  });
  it('keeps group names and units without a place prefix', () => {
    expect(names(parseUnitList('责任单位：市人才工作领导小组、沈家门海事处、团县委、县妇联'))).toEqual([
      '市人才工作领导小组:lead', '沈家门海事处:lead', '团县委:lead', '县妇联:lead',
    ]);
  });
  it('ignores a deadline inside the clause', () => {
    expect(names(parseUnitList('区人社局牵头，区总工会配合，2023年6月底前完成'))).toEqual(['区人社局:lead', '区总工会:co']);
  });
});

describe('unit names', () => {
  it('recognises the shape of unit names', () => {
    for (const n of ['区市场监管局', '质监分局', '县委宣传部', '区政府督查室', '区商贸总公司', '区政府质量兴区领导小组', '县人民法院']) expect(looksLikeUnit(n), n).toBe(true);
    for (const n of ['各职能部门', '企业', '相关部门', '有关单位', '主管部门', '全区上下', '镇长施君同志']) expect(looksLikeUnit(n), n).toBe(false);
  });
  it('cleans a listed name', () => {
    expect(cleanUnitName(' 区市场监管分局按职责分工负责 ')).toBe('区市场监管分局');
    expect(cleanUnitName('区港航分中心等')).toBe('区港航分中心');
    expect(cleanUnitName('各镇街道')).toBeNull();
  });
});

describe('findClauses', () => {
  it('finds a bracketed clause that never closes (scraped text)', () => {
    const text = '加强质量管理。(责任部门:区经信局、区市场监管分局按职责分工负责\n下一段。';
    const [c] = findClauses(text);
    expect(names(c.departments)).toEqual(['区经信局:lead', '区市场监管分局:lead']);
    expect(text.slice(c.start, c.end)).not.toContain('下一段');
  });
  it('finds a 责任单位 line and its deadline', () => {
    const [c] = findClauses('推进品牌建设。\n牵头单位：区商务委；配合单位：区市场监管局；完成时限：2022年12月31日\n');
    expect(names(c.departments)).toEqual(['区商务委:lead', '区市场监管局:co']);
    expect(c.deadline).toBe('2022-12-31');
  });
  it('finds an unlabelled bracket of units with role words, not an ordinary aside', () => {
    expect(findClauses('开展质量培训。（区人社局牵头，区总工会配合）').map((c) => names(c.departments))).toEqual([['区人社局:lead', '区总工会:co']]);
    expect(findClauses('推进“三小一摊”（小作坊、小餐饮、小食杂店和食品摊贩）治理，由企业负责。')).toEqual([]);
  });
});

describe('findDutySubjects', () => {
  it('takes units that open a duty sentence', () => {
    const ds = findDutySubjects('1.质监分局要认真履行职责。区农林局要积极开展工作。区发改委、区商贸总公司、区中小企业局要各行其职。');
    expect(ds.flatMap((d) => d.departments.map((x) => x.name))).toEqual(['质监分局', '区农林局', '区发改委', '区商贸总公司', '区中小企业局']);
  });
  it('takes 由X负责 and ignores people and collectives', () => {
    const ds = findDutySubjects('将由区政府质量兴区领导小组负责统筹规划。由镇长施君同志担任组长。各部门要加强协作。企业要落实主体责任。区质量兴区领导小组各成员单位要制定实施意见。');
    expect(ds.flatMap((d) => d.departments.map((x) => x.name))).toEqual(['区政府质量兴区领导小组']);
  });
});

describe('normalizeDeadline', () => {
  it('normalizes the usual forms', () => {
    expect(normalizeDeadline('2022年12月31日')).toBe('2022-12-31');
    expect(normalizeDeadline('2022年底前')).toBe('2022年底');
    expect(normalizeDeadline('长期坚持')).toBe('长期');
    expect(normalizeDeadline('持续推进')).toBe('长期');
  });
});

describe('collectDepartments', () => {
  it('lists each unit once in order of first appearance, including clauses outside any task', () => {
    const text = '一、主要任务\n(一)加强A。(责任单位:区市场监管局、区经信委)\n(二)加强B。(责任单位:区经信委、区教育局)\n附表\n牵头单位：区财政局\n';
    const tasks = extractTasks(text, extractOutline(text));
    expect(collectDepartments(tasks, text)).toEqual(['区市场监管局', '区经信委', '区教育局', '区财政局']);
  });
});

describe('seeds against gold', () => {
  it('finds the responsible units of the five seeds (F1 ≥ 0.95)', () => {
    let hit = 0;
    let gold = 0;
    let pred = 0;
    const diffs: string[] = [];
    for (const s of loadSeeds()) {
      const tasks = extractTasks(s.text, extractOutline(s.text));
      const r = scoreDepartments(s.gold.departments, collectDepartments(tasks, s.text));
      hit += r.hit;
      gold += r.goldTotal;
      pred += r.predTotal;
      diffs.push(...r.missing.map((m) => `${s.name} missing ${m}`), ...r.extra.map((m) => `${s.name} extra ${m}`));
    }
    const p = hit / pred;
    const r = hit / gold;
    expect((2 * p * r) / (p + r), diffs.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('duty lists with a colon', () => {
  it('takes "县市场监管局：负责…" as the unit of that paragraph, not a label such as 责任单位：', () => {
    const ds = findDutySubjects('（一）县市场监管局：负责质量提升的统筹协调。\n（二）县教育局、县卫健局：负责校园食品安全。\n主要目标：提升质量。');
    expect(ds.flatMap((d) => d.departments.map((x) => x.name))).toEqual(['县市场监管局', '县教育局', '县卫健局']);
  });
});

describe('会同', () => {
  it('makes the units after 会同 co', () => {
    const [d] = findDutySubjects('区市场监管局会同区经信委、区商务委推进品牌建设。');
    expect(names(d.departments)).toEqual(['区市场监管局:lead', '区经信委:co', '区商务委:co']);
  });
  it('ignores 会同有关部门', () => {
    const [d] = findDutySubjects('区市场监管局会同有关部门开展抽查。');
    expect(names(d.departments)).toEqual(['区市场监管局:lead']);
  });
});

describe('national-level clauses', () => {
  it('reads ministries and commissions in an unlabelled 按职责分工负责 bracket', () => {
    const cs = findClauses('推进质量强国建设。（市场监管总局、工业和信息化部、国家发展改革委、证监会等按职责分工负责）');
    expect(cs.flatMap((c) => names(c.departments))).toEqual(['市场监管总局:lead', '工业和信息化部:lead', '国家发展改革委:lead', '证监会:lead']);
  });
  it('does not take cadres or regions for units', () => {
    expect(looksLikeUnit('党员干部')).toBe(false);
    expect(looksLikeUnit('中西部')).toBe(false);
    expect(findDutySubjects('党员干部要带头。全局要统筹。')).toEqual([]);
  });
});

describe('brackets inside names', () => {
  it('keeps a parenthesised second name and drops dangling brackets', () => {
    expect(names(parseUnitList('责任单位：县府办（县大数据局）、县市场监管局'))).toEqual(['县府办（县大数据局）:lead', '县市场监管局:lead']);
    expect(cleanUnitName('(区教育局')).toBe('区教育局');
    expect(cleanUnitName('区教育局)')).toBe('区教育局');
  });
});

describe('duty sentences with an adverb', () => {
  it('takes the unit of "区市场监管局每年组织…" and "区财政局作为…"', () => {
    const ds = findDutySubjects('区市场监管局每年组织开展质量状况分析。区财政局作为资金保障部门，统筹安排经费。');
    expect(ds.flatMap((d) => d.departments.map((x) => x.name))).toEqual(['区市场监管局', '区财政局']);
  });
});

describe('clause spellings', () => {
  it('reads a clause after a full stop, in square brackets, and in two brackets', () => {
    expect(findClauses('1.加强品牌建设，培育区域品牌。责任单位：区商务委、区市场监管局').flatMap((c) => names(c.departments))).toEqual(['区商务委:lead', '区市场监管局:lead']);
    expect(findClauses('加强品牌建设。【责任单位：区商务委】').flatMap((c) => names(c.departments))).toEqual(['区商务委:lead']);
    expect(findClauses('加强品牌建设。（牵头单位：区商务委）（配合单位：区市场监管局）').flatMap((c) => names(c.departments))).toEqual(['区商务委:lead', '区市场监管局:co']);
  });
});

describe('generalization fixes (held-out corpus)', () => {
  const all = (ms: ReturnType<typeof findClauses>) => ms.flatMap((m) => names(m.departments));
  it('knows sections (科, 股) as units, but not words that end like them', () => {
    expect(looksLikeUnit('市卫生健康委医政医管科')).toBe(true);
    expect(looksLikeUnit('县财政局预算股')).toBe(true);
    for (const w of ['加强学科', '医学本科', '全科', '国有控股']) expect(looksLikeUnit(w)).toBe(false);
    expect(all(findClauses('推进医联体建设。(市卫生健康委医政医管科牵头,市发展改革委、市财政局配合)'))).toEqual([
      '市卫生健康委医政医管科:lead', '市发展改革委:co', '市财政局:co',
    ]);
    expect(all(findClauses('落实乡村医生待遇。(市卫生健康委基层卫生健康科负责)'))).toEqual(['市卫生健康委基层卫生健康科:lead']);
  });
  it('keeps a unit with the offices behind it in brackets as one name', () => {
    expect(splitTopLevel('县委办、县府办(县食安办、县市场监管局)', /、/)).toEqual(['县委办', '县府办(县食安办、县市场监管局)']);
    expect(all(findClauses('落实党政同责。(责任单位:县委办、县府办(县食安办、县市场监管局))'))).toEqual(['县委办:lead', '县府办(县食安办、县市场监管局):lead']);
  });
  it('keeps the bracket that closes a name at the end of a 责任单位 line', () => {
    expect(all(findClauses('责任单位:市中级人民法院、市市场监管局(市知识产权局)'))).toEqual(['市中级人民法院:lead', '市市场监管局(市知识产权局):lead']);
    // a clause whose opening bracket was lost still drops its closing one
    expect(all(findClauses('…创新能力。责任部门:区经信局、区市场监管分局按职责分工负责)'))).toEqual(['区经信局:lead', '区市场监管分局:lead']);
  });
  it('reads the co units after 由X牵头', () => {
    expect(all(findDutySubjects('开展专项行动,由县公安局牵头,县市场监管局、县农业农村局配合,严厉打击违法犯罪。'))).toEqual([
      '县公安局:lead', '县市场监管局:co', '县农业农村局:co',
    ]);
  });
  it('reads the units after 负责会同 as co', () => {
    expect(all(findDutySubjects('第四条 市发展改革委负责会同市教育局、市财政局制定课后服务收费政策。'))).toEqual(['市发展改革委:lead', '市教育局:co', '市财政局:co']);
  });
  it('reads a unit that opens a clause inside a sentence', () => {
    const text = '县发展改革委要加快项目审批。同时,县自然资源局要优先保障学校建设用地,县住房城乡建设局要做好配套学校建设。';
    expect(all(findDutySubjects(text))).toEqual(['县发展改革委:lead', '县自然资源局:lead', '县住房城乡建设局:lead']);
    // a verb before the unit: not its subject
    expect(all(findDutySubjects('深化医联体建设,推动县人民医院加强学科建设,支持区属国有公司加强合作。'))).toEqual([]);
  });
});

// Issue 9: clause shapes seen on plans the engine had never read. Every sentence here is made up.
describe('duty clauses of unseen plans (issue 9)', () => {
  const units = (text: string) => names(findClauses(text).flatMap((c) => c.departments));
  it('reads a label with a word between the role and 单位, after a deadline', () => {
    expect(units('推行容缺受理。（10月底前完成，牵头督办单位：区行政审批局）')).toEqual(['区行政审批局:lead']);
    expect(units('建立台账。（责任督导部门：县农业农村局；配合落实单位：县财政局）')).toEqual(['县农业农村局:lead', '县财政局:co']);
  });
  it('reads 按职责分工配合 as the co-role, and keeps the readable names of a bracket with an unfamiliar one', () => {
    expect(units('开展品牌推介。（县文广旅局牵头，县财政局、县融媒体中心按职责分工配合）')).toEqual([
      '县文广旅局:lead', '县财政局:co', '县融媒体中心:co',
    ]);
    expect(units('办好展会。（市商务局、市贸促会、市供销总社、市委网信委员会办公室负责）')).toEqual([
      '市商务局:lead', '市贸促会:lead', '市供销总社:lead', '市委网信委员会办公室:lead',
    ]);
    expect(units('办好展会。（市商务局、市会展保障专班、市财政局负责）')).toEqual(['市商务局:lead', '市财政局:lead']);
  });
  it('reads 指导 and 督导 as role words', () => {
    expect(units('开展校园餐专项治理。（区教育局、区卫生健康委指导）')).toEqual(['区教育局:lead', '区卫生健康委:lead']);
    expect(units('排查燃气管线。（市应急管理局督导，各区负责）')).toEqual(['市应急管理局:lead']);
  });
  it('does not let a trailing collective swallow the last unit', () => {
    expect(units('推进早餐工程。（区商务局、区农业农村局等和各街道负责）')).toEqual(['区商务局:lead', '区农业农村局:lead']);
  });
  it('does not read the second item of a 各-list as a unit', () => {
    expect(names(parseUnitList('责任单位：各县、自治县，市农业农村局'))).toEqual(['市农业农村局:lead']);
    expect(units('完善网格。（各镇、街道负责）')).toEqual([]);
  });
  it('keeps the units before a note that follows 。 inside the bracket', () => {
    expect(units('落实就业补贴。（区人社局、区财政局负责。排第一位的为牵头单位）')).toEqual(['区人社局:lead', '区财政局:co']);
  });
  it('reads 承办/协办 and 由X负责，Y配合 sentences', () => {
    const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
    expect(ds('二、治理水产品污染\n由县海洋渔业局承办，县市场监管局、县生态环境分局协办。')).toEqual([
      '县海洋渔业局:lead', '县市场监管局:co', '县生态环境分局:co',
    ]);
    expect(ds('（一）由县卫生健康局负责，县教育局、县体育中心配合，开展学生体质监测。')).toEqual([
      '县卫生健康局:lead', '县教育局:co', '县体育中心:co',
    ]);
  });
  it('finds the subject of a duty sentence after a time phrase, with 于, or with 会同…确定', () => {
    const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
    expect(ds('完善统计。2025年6月底前，区统计局建立质量统计监测制度。')).toEqual(['区统计局:lead']);
    expect(ds('完善统计。区统计局于每年年底前形成质量监测报告。')).toEqual(['区统计局:lead']);
    expect(ds('选树标杆。由区市场监管局会同区发展改革委确定首批试点企业。')).toEqual(['区市场监管局:lead', '区发展改革委:co']);
  });
  it('reads a functional name with its level as the subject of a duty sentence', () => {
    const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
    expect(ds('三、区绩效考评机构要将上述任务纳入年度考核。')).toEqual(['区绩效考评机构:lead']);
  });
  it('reads a square-bracket clause with a bracketed second name, cut off at the end of the page', () => {
    expect(units('推进标准互认。〔商务部、市场监管总局(国家标准委)牵头，各有关部门按职责分工负责。以下均需地方人民政府负责，不再列出〕')).toEqual([
      '商务部:lead', '市场监管总局(国家标准委):lead',
    ]);
    expect(units('完善标准体系。〔国家发展改革委、农业农村部等部门和地方人民政府按职责分工负责。以下均需')).toEqual([
      '国家发展改革委:lead', '农业农村部:lead', '地方人民政府:lead',
    ]);
  });
  it('keeps the units before a note on their order that follows a comma', () => {
    expect(units('建设检测平台。（镇经发办、镇财政所，排名第一的为牵头单位）')).toEqual(['镇经发办:lead', '镇财政所:co']);
  });
  it('reads a bracket of unit names alone when it closes the paragraph of a task', () => {
    expect(units('严厉打击假冒伪劣。（县市场监管局、县公安局、县人民检察院）')).toEqual(['县市场监管局:lead', '县公安局:lead', '县人民检察院:lead']);
    // an aside in the middle of a sentence, a bracket with a word that is no unit, or one cut off are not
    expect(units('支持县人民医院（含县中医院）建设检验中心。')).toEqual([]);
    expect(units('开展帮扶。（含县人民医院、乡镇卫生院）')).toEqual([]);
    expect(units('提升水平。[区发展改革委(粮食和储备局)')).toEqual([]);
  });
  it('reads the co units after "X牵头，" at the head of a duty sentence', () => {
    const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
    expect(ds('（三）提升服务质量。县商务局牵头，县文旅局、县卫健委配合，推动服务业标准化。')).toEqual([
      '县商务局:lead', '县文旅局:co', '县卫健委:co',
    ]);
  });
  it('never takes a person as a unit', () => {
    expect(units('清理垃圾。（责任单位：区城管办、各村、社区；责任人：张三）')).toEqual(['区城管办:lead']);
    expect(units('清理垃圾。（责任单位：区城管办；责任人；xx）')).toEqual(['区城管办:lead']);
  });
});

describe('department clauses, fourth pass (issue 9: shapes found by made-up probes)', () => {
  const units = (text: string) => names(findClauses(text).flatMap((c) => c.departments));
  it('ends a role group at a comma: the units before "，X配合" keep no co role', () => {
    expect(units('加强监测。（县统计局、县发改局，县财政局配合）')).toEqual(['县统计局:lead', '县发改局:lead', '县财政局:co']);
    expect(units('推进试点。（县文旅局负责，县直各部门配合）')).toEqual(['县文旅局:lead']);
    expect(names(parseUnitList('区人社局牵头，区总工会、团区委配合'))).toEqual(['区人社局:lead', '区总工会:co', '团区委:co']);
  });
  it('keeps the readable units of a bare list that ends in collectives', () => {
    expect(units('推进整治。（县水利局、县林业局，各乡镇人民政府、街道办事处）')).toEqual(['县水利局:lead', '县林业局:lead']);
    // an aside that lists what a thing includes stays no list
    expect(units('完善网络。（含县妇幼保健院、乡镇卫生院）')).toEqual([]);
  });
  it('splits names separated by blanks only', () => {
    expect(names(parseUnitList('牵头单位:区科技局 配合单位:区财政局 区税务局'))).toEqual(['区科技局:lead', '区财政局:co', '区税务局:co']);
    // a name that only holds a blank stays one name
    expect(names(parseUnitList('责任单位:区 科技局'))).toEqual(['区科技局:lead']);
  });
  it('lets 各 distribute over the bare level names that follow it', () => {
    expect(units('落实责任。（各区、自治县人民政府负责）')).toEqual([]);
    expect(units('落实责任。（各镇人民政府、县自然资源局负责）')).toEqual(['县自然资源局:lead']);
  });
  it('finds the subject of a duty sentence after 到/至 + a date', () => {
    const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
    expect(ds('（二）到2026年底，县交通运输局完成农村公路提档。')).toEqual(['县交通运输局:lead']);
    expect(ds('至2025年6月，区卫生健康委建成区域检验中心。')).toEqual(['区卫生健康委:lead']);
    expect(ds('到2025年，全区质量品牌企业达到20家。')).toEqual([]);
  });
});

describe('clauses wrapped or followed on their line (issue 9, fourth pass)', () => {
  const units = (text: string) => names(findClauses(text).flatMap((c) => c.departments));
  it('reads a bracketed clause wrapped onto the next line when that short line closes it', () => {
    expect(units('（二）开展帮扶。（责任单位：区科技局、\n区财政局）')).toEqual(['区科技局:lead', '区财政局:lead']);
    expect(units('（二）开展帮扶。（责任单位：区科技局\n区财政局）')).toEqual(['区科技局:lead', '区财政局:lead']);
    // the next line is a heading of its own: the clause stops at the line end
    expect(units('（二）开展帮扶。（责任单位：区科技局\n（三）强化保障（区财政局负责）')).toEqual(['区科技局:lead', '区财政局:lead']);
  });
  it('stops the names at a deadline label on the same line', () => {
    expect(units('加强监管。责任单位：区卫健委 完成时限：2025年6月')).toEqual(['区卫健委:lead']);
    expect(findClauses('加强监管。责任单位：区卫健委 完成时限：2025年6月')[0].deadline).toBe('2025年6月');
  });
});

describe('duty subjects broken by line handling (issue 9, fourth pass)', () => {
  const ds = (text: string) => names(findDutySubjects(text).flatMap((c) => c.departments));
  it('takes the unit of a heading glued to the subject by line joining', () => {
    expect(ds('（五）消费环境建设区商务局要开展放心消费创建。')).toEqual(['区商务局:lead']);
    // a unit whose own name holds a level character stays whole
    expect(ds('县市场监管局要加强抽检。')).toEqual(['县市场监管局:lead']);
  });
  it('takes a subject whose verb was wrapped onto the next line', () => {
    expect(ds('（三）品牌建设\n区文旅局\n要打造文旅品牌。')).toEqual(['区文旅局:lead']);
  });
});

describe('more clause shapes (issue 9, fourth pass)', () => {
  const units = (text: string) => names(findClauses(text).flatMap((c) => c.departments));
  it('reads 会同 inside a bracket as lead and co', () => {
    expect(units('开展联合执法。（区城管局会同区公安分局负责）')).toEqual(['区城管局:lead', '区公安分局:co']);
  });
  it('reads a bare bracket of names separated by blanks, and a label in 〔〕', () => {
    expect(units('推进信用监管。（区发展改革委 区市场监管局）')).toEqual(['区发展改革委:lead', '区市场监管局:lead']);
    expect(units('推进信用监管。〔责任单位：区发展改革委、区税务局〕')).toEqual(['区发展改革委:lead', '区税务局:lead']);
  });
  it('reads 按职能职责负责 and 等部门按职责分工落实 as role tails', () => {
    expect(units('加强培训。（区教育局、区人社局、区科协按职能职责负责）')).toEqual(['区教育局:lead', '区人社局:lead', '区科协:lead']);
    expect(units('加强培训。（区人社局牵头，区教育局等部门按职责分工落实）')).toEqual(['区人社局:lead', '区教育局:co']);
  });
  it('drops 等部门 after the last unit of a duty subject', () => {
    expect(names(findDutySubjects('区水务局、区生态环境局等部门要加强河道巡查。').flatMap((c) => c.departments))).toEqual(['区水务局:lead', '区生态环境局:lead']);
    expect(looksLikeUnit('区生态环境局等部门')).toBe(false);
  });
});
