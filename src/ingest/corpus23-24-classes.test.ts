// Failure classes seen on the working parts of corpus23 and corpus24 (issue 9), probed with made-up sentences (no
// sentence of a corpus document): a PDF's table read line by line — every cell wrapped over several lines, unit names
// broken inside a name or after their separator, the header repeated on the next page — and a county's targets table.
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';
import { joinBrokenUnitLists } from './normalize';

const parse = async (raw: string) => parsePlan(Buffer.from(raw), 'probe.txt');
const pairs = async (raw: string) =>
  (await parse(raw)).tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`);

describe('a unit list a narrow cell broke over lines', () => {
  it('is one line again, and a whole list or prose is left alone', () => {
    expect(joinBrokenUnitLists(['省市场监管局、知识产','权局、商务厅、食品药','品监管局', '省版权局', '举办培训、开展宣传、', '加强监管'])).toEqual([
      '省市场监管局、知识产权局、商务厅、食品药品监管局', '省版权局', '举办培训、开展宣传、', '加强监管',
    ]);
    expect(joinBrokenUnitLists(['省发改委、省财政厅', '省商务厅'])).toEqual(['省发改委、省财政厅', '省商务厅']);
  });
});

describe('a PDF’s table whose rows close with their units’ line', () => {
  const PAGE = [
    '开展专利侵权纠纷行政调解工作,完善调解与诉讼衔',
    '接机制,年度调解纠纷案件50件',
    '省知识产权局、法院、司',
    '法厅',
    '12',
    '序号 工作重点 工作内容 具体任务 成果形式 责任部门',
    '将侵犯知识产权行为纳入企业信',
    '用记录',
    '完善征信目录,建立知识产权信用监',
    '督机制',
    '出台失信惩戒办法',
    '省信用办、知识产',
    '权局、市场监管局',
    '加强展会知识产权保护',
    '开展展会专项执法检查,规范展会知',
    '识产权纠纷处理',
    '省商务厅、知识产权局',
  ].join('\n');
  it('pairs each row’s work with the units that close it, the page before the header included', async () => {
    expect(await pairs(PAGE)).toEqual([
      '开展专利侵权纠纷行政调解工作|省知识产权局,法院,司法厅',
      '将侵犯知识产权行为纳入企业信用记录|省信用办,知识产权局,市场监管局',
      '加强展会知识产权保护|省商务厅,知识产权局',
    ]);
  });
  it('reads no row where no header names the units’ column, nor a signature as a row’s units', async () => {
    expect(await pairs(PAGE.replace('序号 工作重点 工作内容 具体任务 成果形式 责任部门', '附件'))).toEqual([]);
  });
});

describe('corpus25 and corpus26 working parts', () => {
  const targets = async (raw: string) => (await parse(raw)).targets.map((t) => `${t.indicator} ${t.comparator} ${t.value}${t.unit}`);
  it('gives a clause whose subject is only 增幅 the subject of the clause before it', async () => {
    expect(await targets('某区行动计划\n一、目标\n到2025年，全区农村居民人均可支配收入达到33000元，增幅达到8%。')).toEqual(['全区农村居民人均可支配收入 >= 33000元', '全区农村居民人均可支配收入增幅 >= 8%']);
  });
  it('reads the share of a task done (村庄整治任务完成85%)', async () => {
    expect(await targets('某县人居环境整治实施方案\n一、目标\n到2020年，全面开展农村人居环境整治工作，村庄整治任务完成85%。')).toEqual(['村庄整治任务完成 >= 85%']);
  });
  it('titles a report 关于上报…项目的报告 by its own title', async () => {
    const r = await parse('关于上报农产品“三品一标”项目的报告\n市农业农村局:\n根据市局通知要求，结合我县实际，确定了我县农产品“三品一标”项目。\n某县农业农村局\n2021年3月2日');
    expect(r.metadata.title).toBe('关于上报农产品“三品一标”项目的报告');
  });
});

describe('corpus27 working part', () => {
  it('reads a 工作目标 column and a units cell with collectives that 各 distributes over', async () => {
    const doc = ['某市计量发展规划重点项目表', '序号', '工作内容', '工作目标', '责任单位', '1', '计量标准建设', '市级计量检定机构建标达到150项以上。', '市质监局、市财政局，各市、区人民政府，市质计所、各市、区质量技术监督检测所', '2', '诚信计量', '培育350家以上诚信计量示范单位。', '市质监局、市工商局'].join('\n');
    expect(await pairs(doc)).toEqual(['计量标准建设|市质监局,市财政局,市质计所', '诚信计量|市质监局,市工商局']);
  });
});

describe('corpus28 working part', () => {
  it('titles a page by the line after its column name when that line lost a label before its colon', async () => {
    const r = await parse('新闻中心\n最新动态\n:2021年某市特种设备安全监察工作要点\n2021年本市特种设备安全监察工作的总体思路是:坚持安全发展，强化责任落实。\n一、依法落实责任');
    expect(r.metadata.title).toBe('2021年某市特种设备安全监察工作要点');
    expect(r.metadata.period).toEqual({ startYear: 2021, endYear: 2021 });
  });
  it('titles a notice by the 清单 it says it formed and issues', async () => {
    const r = await parse('市食药安委各成员单位:\n为完成《2024年某市食品安全重点工作安排》各项任务，市食药安办会同相关单位编制形成了《某市2024年度食品安全工作责任清单》，现印发给你们。');
    expect(r.metadata.title).toBe('某市2024年度食品安全工作责任清单');
  });
});
