// Failure classes seen on the working part of corpus12 (issue 9), probed with made-up sentences (no sentence of a
// corpus document): a name that opens with a character that is also a preposition (应急管理局, 经信局, 和平区…); 各
// distributing over a list whose last item carries a bracket (各县、区人民政府(管委会)); a list the page's end cuts off,
// labelled or in a bracket, and a bracket that names officials before its units; a browser title with the site's name
// above the real title; a headline with its 文号 in brackets glued to it; a news lede that names who issued the plan; a
// paragraph that opens with its own label under a heading that says something else.
import { describe, expect, it } from 'vitest';
import { findClauses, looksLikeUnit } from './departments';
import { parsePlan } from './index';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const unitsOf = (s: string) => findClauses(s).flatMap((m) => m.departments.map((d) => `${d.name}:${d.role}`));

describe('names that open like a preposition', () => {
  it('reads them as units, and still not a sentence that opens with the preposition', () => {
    expect(['应急管理局', '经信局', '经济开发区管委会', '和平区市场监管局'].map(looksLikeUnit)).toEqual([true, true, true, true]);
    expect(['应由县局', '经市政府同意', '和县财政局'].map(looksLikeUnit)).toEqual([false, false, false]);
  });
  it('keeps every name of a shared-prefix list', () => {
    expect(unitsOf('做好排查。（市公安局牵头，自然资源局、应急管理局、经信局配合）')).toEqual(['市公安局:lead', '自然资源局:co', '应急管理局:co', '经信局:co']);
  });
});

describe('各 over a list whose last item has a bracket', () => {
  it('names no unit', () => {
    expect(unitsOf('编制清单。〔市环保局牵头，市发改局参与，各县、区人民政府(管委会)负责落实。〕')).toEqual(['市环保局:lead', '市发改局:co']);
  });
});

describe('lists the page end cuts off', () => {
  it('drops a last labelled name cut in the middle, keeps a whole one', () => {
    expect(unitsOf('4.社会消费品零售总额增长6%左右。\n牵头单位:区商')).toEqual([]);
    expect(unitsOf('4.社会消费品零售总额增长6%左右。\n牵头单位:区商务委')).toEqual(['区商务委:lead']);
  });
  it('reads a cut bracket that names officials before its units', () => {
    expect(unitsOf('能耗下降2.5%(分管副市长、协管副秘书长负责,市发展改革委牵头,市工业和信息化局、市')).toEqual(['市发展改革委:lead', '市工业和信息化局:co']);
    expect(unitsOf('能耗下降2.5%(市发展改革委牵头,市工业和信息化局、应急管理局、')).toEqual(['市发展改革委:lead', '市工业和信息化局:co', '应急管理局:co']);
  });
});

describe('headers', () => {
  it('takes the title under a browser title that ends in the site name', async () => {
    const r = await parse('某省人民政府关于落实重点工作部门分工的意见-某省人民政府门户网站\n\n某省人民政府关于落实重点工作部门分工的意见\n\n发布时间: 2019-02-20\n\n某政发〔2019〕1号\n\n省直有关单位:\n一、总体要求');
    // (the issuer heading an 意见 is no part of its title)
    expect(r.metadata.title).toBe('关于落实重点工作部门分工的意见');
    expect(r.metadata.documentNumber).toBe('某政发〔2019〕1号');
  });
  it('reads a 文号 in brackets glued to a headline as the number, not part of the title', async () => {
    const r = await parse('关于某开发区落实2020年重点工作任务分工方案的通知(某经管发〔2020〕81号)\n\n2020-06-30 17:41     来源: 某开发区管理委员会\n\n各办局室:\n为全面完成各项工作任务，现通知如下:');
    expect(r.metadata.documentNumber).toBe('某经管发〔2020〕81号');
    expect(r.metadata.title).not.toContain('81号');
  });
  it('takes the issuer from a news lede that names the plan', async () => {
    const r = await parse('近日,某区人民政府办公室发布《2023年区政府工作报告重点工作目标任务分解》方案,共细分出171项目标任务。\n2023年区政府工作报告重点工作目标任务分解\n一、主要预期指标\n1.地区生产总值增长5%左右。\n牵头单位:区发改委');
    expect(r.metadata.issuer).toBe('某区人民政府办公室');
  });
});

describe('a paragraph that opens with its own label', () => {
  it('is the task its units belong to, not the heading above it', async () => {
    const r = await parse('一、落实总体要求和主要预期目标\n（一）总体要求：坚持稳中求进工作总基调，推动高质量发展。\n主要预期目标：经济增长7%左右；城镇调查失业率5%左右（分管副市长负责，市发展改革委牵头，市统计局配合）。\n（二）重点任务：做好六稳工作。');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual(['主要预期目标|市发展改革委,市统计局']);
  });
  it('leaves a labelled line of units under its item alone', async () => {
    const r = await parse('一、主要预期目标\n1.地区生产总值增长6%以上。\n分管领导:张三\n部门分工:市发展改革委牵头,各地、各部门配合。');
    expect(r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`)).toEqual(['地区生产总值增长6%以上|市发展改革委']);
  });
});

describe('public institutions', () => {
  it('are units when named with their level: 县档案馆, 县图书馆, 县第一中学', () => {
    expect(['县档案馆', '县图书馆', '县第一中学', '市职业技术学院'].map(looksLikeUnit)).toEqual([true, true, true, true]);
    expect(unitsOf('做好档案数字化。（县档案馆牵头，县图书馆配合）')).toEqual(['县档案馆:lead', '县图书馆:co']);
  });
});

describe('the index number under a longer label', () => {
  it('reads 信息索引号 and 文件索引号 as the index number, a blank inside the value dropped', async () => {
    const r = await parse('信息索引号：113310000024 /2021-12345  公开方式：主动公开\n发布单位：某市市场监督管理局  发布日期：2021-06-18\n某市知识产权强市建设行动计划（2021—2023年）');
    expect(r.metadata.indexNumber).toBe('113310000024/2021-12345');
    expect(r.metadata.publishedDate).toBe('2021-06-18');
  });
});

describe('a 目标要求 section', () => {
  it('is no task when it names no unit', async () => {
    const r = await parse('某市打赢蓝天保卫战实施方案\n一、目标要求\n到2020年，全市空气质量优良天数比例达到94%。\n二、工作任务\n1.制定实施准入清单。（市生态环境局牵头，市发展和改革局参与）');
    expect(r.tasks.map((t) => t.title)).toEqual(['制定实施准入清单']);
  });
});

describe('牵头督导 / 牵头指导', () => {
  it('names the leads; the units after them work with them, also when the page end cuts their role word', () => {
    expect(unitsOf('2.排查整治。(市生态环境局、市发改局牵头督导,市公安局、市水务局、应急管理局、')).toEqual(['市生态环境局:lead', '市发改局:lead', '市公安局:co', '市水务局:co', '应急管理局:co']);
    expect(unitsOf('2.排查整治。(市生态环境局牵头指导,市公安局配合)')).toEqual(['市生态环境局:lead', '市公安局:co']);
  });
});
