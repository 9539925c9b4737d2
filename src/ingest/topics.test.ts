import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyTopics, mapTopicLabel } from './topics';
import { extractMetadata } from './metadata';
import type { PlanMetadata } from './model';
import { loadSeeds } from '../../bench/struct-score';

const meta = (title: string): PlanMetadata => ({
  title, issuer: null, documentNumber: null, indexNumber: null, writtenDate: null, publishedDate: null, period: null, region: null,
});
const top = (title: string, body: string) => {
  const [t] = classifyTopics(`${title}\n${body}`, meta(title));
  return `${t.category}\\${t.subcategory}`;
};

describe('mapTopicLabel', () => {
  it('maps local variants of the label onto the taxonomy', () => {
    expect(mapTopicLabel('市场监管、安全生产监督-质量监督')).toEqual({ category: '市场监管、安全生产监管', subcategory: '质量监督' });
    expect(mapTopicLabel('质量监督')).toEqual({ category: '市场监管、安全生产监管', subcategory: '质量监督' });
    expect(mapTopicLabel('城乡建设、环境保护\\城市规划')).toEqual({ category: '城乡建设、环境保护', subcategory: '城市规划' });
    expect(mapTopicLabel('科技、教育/教育')).toEqual({ category: '科技、教育', subcategory: '教育' });
    expect(mapTopicLabel('经济管理、国有资产监管\\统计')).toEqual({ category: '国民经济管理、国有资产监管', subcategory: '统计' });
    expect(mapTopicLabel('工业、交通-信息产业')).toEqual({ category: '工业、交通', subcategory: '信息产业（含电信）' });
  });
  it('reads a field that prints several labels by its first one that names a class', () => {
    expect(mapTopicLabel('城乡建设(含住房);城市规划')).toEqual({ category: '城乡建设、环境保护', subcategory: '城市规划' });
    expect(mapTopicLabel('社会福利，扶贫')).toEqual({ category: '民政、扶贫、救灾', subcategory: '社会福利' });
    expect(mapTopicLabel('民政、扶贫、救灾＼社会福利')).toEqual({ category: '民政、扶贫、救灾', subcategory: '社会福利' });
  });
  it('returns null for labels that are not topics', () => {
    expect(mapTopicLabel('其他文件')).toBeNull();
    expect(mapTopicLabel('通知')).toBeNull();
  });
  it('needs the category to resolve a subcategory name that several categories share', () => {
    expect(mapTopicLabel('其他')).toEqual({ category: '其他', subcategory: null }); // the taxonomy's own 22nd class
    expect(mapTopicLabel('卫生、体育-其他')).toEqual({ category: '卫生、体育', subcategory: '其他' });
  });
});

describe('classifyTopics', () => {
  it('ranks the document’s own 主题分类 first', () => {
    const text = '主题分类：科技、教育\\教育\n关于做好农村公路养护工作的通知\n加强农村公路养护。';
    const [first] = classifyTopics(text, meta('关于做好农村公路养护工作的通知'));
    expect(first).toEqual({ category: '科技、教育', subcategory: '教育', score: 1 });
  });

  it('finds the printed 主题分类 in the shapes pages print it', () => {
    const body = '关于加快发展养老服务的若干措施\n为发展居家社区养老服务，完善养老服务网络，现提出如下措施。';
    const first = (head: string) => {
      const text = `${head}\n${body}`;
      return classifyTopics(text, extractMetadata(text))[0];
    };
    const want = { category: '劳动、人事、监察', subcategory: '社会保障', score: 1 };
    // a table whose th/td cells were read into one line with no colon and no separator
    expect(first('索引号000014349/2023-00045主题分类 劳动、人事、监察\\社会保障发文机关国务院办公厅')).toEqual(want);
    // several labels in one field
    expect(first('主题分类：社会保障;劳动就业')).toEqual(want);
    // a generic 分类 field first, the 主题分类 field after it
    expect(first('分类：规范性文件\n主题分类：劳动、人事、监察\\社会保障')).toEqual(want);
    // spaced label, full-width backslash, another field on the same line
    expect(first('索　引　号：000014349/2023-00045　主　题　分　类：劳动、人事、监察＼社会保障')).toEqual(want);
  });

  it('classifies documents of many topics by their words', () => {
    expect(top('关于加强中小学校园安全工作的通知', '为切实加强学校安全管理，保障师生安全，开展防溺水教育，完善校园安保设施，配齐保安。区教育局负责统筹。')).toBe('科技、教育\\教育');
    expect(top('某县农村公路提质改造三年行动计划', '推进四好农村路建设，新改建农村公路300公里，实施危桥改造，提升城乡客运一体化水平。')).toBe('工业、交通\\公路');
    expect(top('关于进一步做好普惠金融服务小微企业的实施意见', '引导银行业金融机构加大信贷投放，推广续贷、首贷，发挥融资担保作用。')).toBe('财政、金融、审计\\银行');
    expect(top('区基层医疗卫生服务能力提升方案', '加强社区卫生服务中心建设，推进家庭医生签约服务，完善分级诊疗，加强传染病防控。')).toBe('卫生、体育\\卫生');
    expect(top('关于做好高校毕业生就业创业工作的通知', '拓宽就业渠道，支持自主创业，开展职业技能培训，开发公益性岗位。')).toBe('劳动、人事、监察\\劳动就业');
    expect(top('某市大气污染防治攻坚行动方案', '打好蓝天保卫战，PM2.5浓度下降，强化挥发性有机物治理，加强扬尘管控。')).toBe('城乡建设、环境保护\\环境监测、保护与治理');
    expect(top('关于开展安全生产大检查的通知', '全面排查整治安全隐患，落实企业安全生产主体责任，严防重特大事故。')).toBe('市场监管、安全生产监管\\安全生产监管');
    expect(top('全民健身实施计划（2021-2025年）', '推进体育公园、健身步道建设，举办全民健身赛事活动，加强青少年体育。')).toBe('卫生、体育\\体育');
    expect(top('关于加强养老服务体系建设的实施意见', '发展居家社区养老服务，推进养老机构建设，加强老年人关爱，推进适老化改造。')).toBe('民政、扶贫、救灾\\社会福利');
    expect(top('关于加快发展乡村旅游的意见', '培育精品民宿，创建A级景区，发展休闲农业和乡村旅游，提升游客满意度。')).toBe('商贸、海关、旅游\\旅游');
    expect(top('关于进一步加强食品安全工作的意见', '加强食品生产经营监管，推进明厨亮灶，开展食品抽检，保障学校食堂食品安全。')).toBe('市场监管、安全生产监管\\食品药品监管');
  });

  it('returns scores in [0, 1], best first', () => {
    const r = classifyTopics('关于加强质量工作的意见\n提高产品质量，开展监督抽查，建设质量强区。', meta('关于加强质量工作的意见'));
    expect(r.length).toBeGreaterThan(0);
    for (const t of r) expect(t.score).toBeGreaterThanOrEqual(0);
    for (const t of r) expect(t.score).toBeLessThanOrEqual(1);
    for (let i = 1; i < r.length; i++) expect(r[i].score).toBeLessThanOrEqual(r[i - 1].score);
  });

  it('answers nothing for text with no indicative word', () => {
    expect(classifyTopics('甲乙丙丁', meta('甲乙丙丁'))).toEqual([]);
  });
});

describe('seeds', () => {
  it('puts each seed under its gold topic, with and without its own 主题分类 label', () => {
    for (const s of loadSeeds()) {
      for (const text of [s.text, s.text.replace(/主题分类/g, '')]) {
        const [first] = classifyTopics(text, extractMetadata(text));
        expect(first?.category, s.name).toBe(s.gold.topic.category);
        expect(first?.subcategory, s.name).toBe(s.gold.topic.subcategory);
      }
    }
  });
  it('covers every subcategory of the taxonomy with indicative terms', () => {
    const taxonomy = JSON.parse(readFileSync(new URL('../../../shared/data/govcn-topic-taxonomy.json', import.meta.url), 'utf8')) as Array<{ name: string; child: unknown }>;
    const lexicon = JSON.parse(readFileSync(new URL('./data/topic-lexicon.json', import.meta.url), 'utf8')) as Record<string, Record<string, string[]>>;
    for (const c of taxonomy)
      for (const s of Array.isArray(c.child) ? (c.child as Array<{ name: string }>) : []) expect(lexicon[c.name]?.[s.name]?.length ?? 0, `${c.name}\\${s.name}`).toBeGreaterThan(0);
  });
});

describe('generalization fixes (held-out corpus)', () => {
  it('reads special equipment (电梯, 气瓶, 锅炉) as 质量监督, not general work safety', () => {
    expect(
      top(
        '特种设备安全隐患排查整治三年行动方案',
        '为加强特种设备安全监管,开展隐患排查整治。开展电梯安全专项整治,推进老旧电梯更新改造。开展气瓶安全专项整治,打击非法充装。加强锅炉、压力容器、起重机械安全管理,督促企业落实安全隐患排查。',
      ),
    ).toBe('市场监管、安全生产监管\\质量监督');
  });
});
