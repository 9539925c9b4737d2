import { describe, expect, it } from 'vitest';
import { extractMetadata, normalizeDocNumber, parseDate, regionOf } from './metadata';
import { loadSeeds, scoreMetadata } from '../../bench/struct-score';

describe('label fields', () => {
  it('reads gov.cn style `label：value` lines, with spaced labels, and unwraps 关于印发…的通知', () => {
    const m = extractMetadata(
      [
        '标　　题：国务院关于印发全民健身计划（2021—2025年）的通知',
        '发文机关：国务院',
        '发文字号：国发〔2021〕11号',
        '成文日期：2021年07月18日',
        '发布日期：2021年08月03日',
        '主题分类：卫生、体育\\体育',
        '各省、自治区、直辖市人民政府：',
        '现将《全民健身计划（2021—2025年）》印发给你们，请认真贯彻执行。',
      ].join('\n'),
    );
    expect(m.title).toBe('全民健身计划（2021—2025年）');
    expect(m.issuer).toBe('国务院');
    expect(m.documentNumber).toBe('国发〔2021〕11号');
    expect(m.writtenDate).toBe('2021-07-18');
    expect(m.publishedDate).toBe('2021-08-03');
    expect(m.period).toEqual({ startYear: 2021, endYear: 2025 });
  });

  it('reads bracketed table cells that put several fields on one line', () => {
    const m = extractMetadata(
      [
        '[ 索 引 号 ] 11330100002501234X/2022-00012 [ 主题分类 ] 质量监督',
        '[ 发布机构 ] 杭州市市场监督管理局 [ 成文日期 ] 2022-03-01',
        '[ 文　　号 ] 杭市监[2022]5号 [ 发布日期 ] 2022-03-05',
        '杭州市质量提升行动方案',
        '为推动高质量发展，制定本方案。',
      ].join('\n'),
    );
    expect(m.indexNumber).toBe('11330100002501234X/2022-00012');
    expect(m.issuer).toBe('杭州市市场监督管理局');
    expect(m.documentNumber).toBe('杭市监〔2022〕5号');
    expect(m.writtenDate).toBe('2022-03-01');
    expect(m.publishedDate).toBe('2022-03-05');
    expect(m.title).toBe('杭州市质量提升行动方案');
    expect(m.region).toBe('杭州市');
  });

  it('reads a label line followed by its value line', () => {
    const m = extractMetadata(['索引号:', 'ABC-2021-001', '发文字号:', '泰政办发〔2021〕7号', '成文日期:', '2021-05-06', '泰顺县质量强县工作方案'].join('\n'));
    expect(m.indexNumber).toBe('ABC-2021-001');
    expect(m.documentNumber).toBe('泰政办发〔2021〕7号');
    expect(m.writtenDate).toBe('2021-05-06');
  });

  it('takes the date line under the title as the publication date', () => {
    const m = extractMetadata('【草案全文】普陀区质量提升三年行动计划 (2021-2023年)\n\n2021年04月20日 来源: 上海普陀\n\n为深入贯彻落实……制定本行动计划。');
    expect(m.title).toBe('普陀区质量提升三年行动计划(2021-2023年)');
    expect(m.publishedDate).toBe('2021-04-20');
    expect(m.issuer).toBeNull(); // a website name is not an issuer
    expect(m.region).toBe('普陀区');
  });

  it('prefers 发布日期 over 公开日期 and the signature over the publishing office', () => {
    const m = extractMetadata(
      [
        '索引号 X1/2023-1 公开日期 2023-12-15',
        '发布机构 区市场监督管理分局 文号 普质强区发〔2023〕1号',
        '发布日期:2024-01-18 14:06',
        '现将《普陀区质量强区实施方案》印发给你们。',
        '舟山市普陀区质量强区工作领导小组',
        '2023年12月15日',
      ].join('\n'),
    );
    expect(m.publishedDate).toBe('2024-01-18');
    expect(m.writtenDate).toBe('2023-12-15');
    expect(m.issuer).toBe('舟山市普陀区质量强区工作领导小组');
    expect(m.region).toBe('舟山市普陀区');
  });
});

describe('title', () => {
  it('joins a title broken over lines and the period line under it', () => {
    const m = extractMetadata('新河镇质量提升行动\n工作计划\n(2021-2023年)\n为深入贯彻落实市委市政府决策部署，制定本计划。');
    expect(m.title).toBe('新河镇质量提升行动工作计划(2021-2023年)');
    expect(m.period).toEqual({ startYear: 2021, endYear: 2023 });
    expect(m.region).toBe('新河镇');
  });

  it('drops a draft marker and does not take the salutation as title', () => {
    const m = extractMetadata('各有关单位:\n现将《关于开展质量提升行动的实施意见(征求意见稿)》印发给你们，请提出修改意见。');
    expect(m.title).toBe('关于开展质量提升行动的实施意见');
  });

  it('has no title when nothing looks like one', () => {
    expect(extractMetadata('').title).toBeNull();
  });
});

describe('signature block', () => {
  it('reads the issuer and a date written in Chinese numerals', () => {
    const m = extractMetadata('泰顺县质量强县工作方案\n一、总体要求\n加强质量工作。\n泰顺县人民政府\n二〇二三年五月八日');
    expect(m.issuer).toBe('泰顺县人民政府');
    expect(m.writtenDate).toBe('2023-05-08');
    expect(m.region).toBe('泰顺县');
  });

  it('skips a (此件公开发布) line between the issuer and the date', () => {
    const m = extractMetadata('附件\n<此件公开发布>\n泰顺县质量强县工作领导小组办公室\n2018年11月21日\n');
    expect(m.issuer).toBe('泰顺县质量强县工作领导小组办公室');
    expect(m.writtenDate).toBe('2018-11-21');
  });
});

describe('period', () => {
  it('reads a long dash period without brackets', () => {
    expect(extractMetadata('浙江省质量强省建设纲要实施方案2023—2027年\n正文。').period).toEqual({ startYear: 2023, endYear: 2027 });
  });
  it('reads 到2025年 relative to the issue year', () => {
    const m = extractMetadata('关于加快质量强县建设的实施方案（到2025年）\n成文日期：2022-04-01\n正文。');
    expect(m.period).toEqual({ startYear: 2022, endYear: 2025 });
  });
  it('reads 十四五 as 2021–2025', () => {
    expect(extractMetadata('某县“十四五”质量发展规划\n正文。').period).toEqual({ startYear: 2021, endYear: 2025 });
  });
  it('does not take a target year in the body as the period', () => {
    expect(extractMetadata('关于开展质量提升行动的实施意见\n一、目标\n到2022年，产品质量合格率达到95%。').period).toBeNull();
  });
});

describe('normalizeDocNumber', () => {
  it('normalizes brackets and spaces', () => {
    expect(normalizeDocNumber('沪崇河府[2021]38号')).toBe('沪崇河府〔2021〕38号');
    expect(normalizeDocNumber('浙政办发 （2022） 12 号')).toBe('浙政办发〔2022〕12号');
    expect(normalizeDocNumber('杭市监【2022】5号')).toBe('杭市监〔2022〕5号');
  });
  it('repairs a damaged separator when the year is unambiguous', () => {
    expect(normalizeDocNumber('渝委发[202311号')).toBe('渝委发〔2023〕11号');
    expect(normalizeDocNumber('渝委发2023〕11号')).toBe('渝委发〔2023〕11号');
  });
});

describe('parseDate', () => {
  it('reads the usual spellings', () => {
    expect(parseDate('2021-06-15')).toBe('2021-06-15');
    expect(parseDate('2021年6月5日')).toBe('2021-06-05');
    expect(parseDate('2021/6/5 10:57:00')).toBe('2021-06-05');
    expect(parseDate('2021.06.15')).toBe('2021-06-15');
    expect(parseDate('二〇二一年十二月三十一日')).toBe('2021-12-31');
  });
  it('repairs a date without separators only when one reading is valid', () => {
    expect(parseDate('2024419')).toBe('2024-04-19');
    expect(parseDate('20240419')).toBe('2024-04-19');
    expect(parseDate('2024111')).toBeNull(); // 1月11日 or 11月1日
  });
  it('rejects impossible dates', () => {
    expect(parseDate('2021-02-30')).toBeNull();
    expect(parseDate('今天')).toBeNull();
  });
});

describe('regionOf', () => {
  it('keeps the chain of named divisions and stops at the organisation', () => {
    expect(regionOf('上海市崇明区新河镇人民政府')).toBe('上海市崇明区新河镇');
    expect(regionOf('中共泰顺县委')).toBe('泰顺县');
    expect(regionOf('舟山市普陀区质量强区工作领导小组')).toBe('舟山市普陀区');
  });
  it('does not take generic words for places', () => {
    expect(regionOf('市区争创质量先进区方案', true)).toBeNull();
    expect(regionOf('区市场监督管理分局')).toBeNull();
  });
});

describe('seeds against gold', () => {
  const seeds = loadSeeds();
  it('gets every gold metadata field of the five seeds', () => {
    let hit = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const s of seeds) {
      const r = scoreMetadata(s.gold.metadata, extractMetadata(s.text));
      hit += r.hit;
      total += r.total;
      wrong.push(...r.wrong.map((w) => `${s.name} ${w}`));
    }
    expect(wrong).toEqual([]);
    expect(hit / total).toBeGreaterThanOrEqual(0.95);
  });
  it('finds the region of each seed as gold names it', () => {
    for (const s of seeds) expect(extractMetadata(s.text).region, s.name).toBe(s.gold.metadata.region);
  });
});

describe('more layouts', () => {
  it('does not take the value line of 成文日期 for the publication date', () => {
    const m = extractMetadata('成文日期:\n2021-06-15\n某镇质量工作计划\n正文。');
    expect(m.writtenDate).toBe('2021-06-15');
    expect(m.publishedDate).toBeNull();
  });
  it('reads an issuer and date on one signature line', () => {
    const m = extractMetadata('缙云县质量提升行动方案\n一、目标\n提升质量。\n缙云县人民政府办公室      2022年6月1日');
    expect(m.issuer).toBe('缙云县人民政府办公室');
    expect(m.writtenDate).toBe('2022-06-01');
  });
  it('takes the issuer from the head of a notice title when nothing else names it', () => {
    const m = extractMetadata('缙云县人民政府办公室关于印发缙云县质量提升行动实施方案的通知\n缙政办发〔2022〕35号\n各乡镇人民政府：\n现印发给你们。');
    expect(m.issuer).toBe('缙云县人民政府办公室');
    expect(m.title).toBe('缙云县质量提升行动实施方案');
    expect(m.documentNumber).toBe('缙政办发〔2022〕35号');
    expect(m.region).toBe('缙云县');
  });
  it('does not read a 版记 printing line (…印发) as the signature', () => {
    const m = extractMetadata('某县质量方案\n正文。\n抄送：县委办。\n缙云县人民政府办公室 2022年6月2日印发');
    expect(m.writtenDate).toBeNull();
  });
});

describe('title, cited notices', () => {
  it('does not take a notice cited in the preamble for the wrapper of this plan', () => {
    const m = extractMetadata('普陀区质量提升三年行动计划\n根据《浙江省人民政府关于印发浙江省质量强省建设纲要的通知》精神，结合实际，制定本计划。\n一、总体要求');
    expect(m.title).toBe('普陀区质量提升三年行动计划');
  });
  it('unwraps a notice title followed by its 文号 in brackets', () => {
    expect(extractMetadata('关于印发《某县质量强县建设实施方案》的通知（某政办发〔2021〕3号）\n正文。').title).toBe('某县质量强县建设实施方案');
  });
});

describe('small cases', () => {
  it('skips a site column name above the title', () => {
    expect(extractMetadata('通知公告\n关于做好2024年农村公路养护工作的通知\n各乡镇：').title).toBe('关于做好2024年农村公路养护工作的通知');
  });
  it('takes a date alone at the end as the writing date', () => {
    expect(extractMetadata('某县质量方案\n一、目标\n提升质量。\n2022年5月30日').writtenDate).toBe('2022-05-30');
  });
});

describe('glued labels', () => {
  it('splits a label glued to the value before it once blanks were removed', () => {
    const m = extractMetadata('索引号：11330781002584519L/2023-00041主题分类：科技、教育\\教育\n发布机构：兰溪市教育局生成日期：2023-03-10\n兰溪市校园安全方案');
    expect(m.indexNumber).toBe('11330781002584519L/2023-00041');
    expect(m.issuer).toBe('兰溪市教育局');
    expect(m.publishedDate).toBe('2023-03-10');
  });
});

describe('文号 on its own line', () => {
  it('reads a bracketed 文号 line under the title, but not one cited in a sentence', () => {
    expect(extractMetadata('某县质量工作方案\n（沪府办发〔2021〕5号）\n正文。').documentNumber).toBe('沪府办发〔2021〕5号');
    expect(extractMetadata('某县质量工作方案\n根据《质量提升意见》（中发〔2017〕24号）精神，制定本方案。').documentNumber).toBeNull();
  });
});

describe('other label spellings', () => {
  it('reads 发布机关 and 印发时间, and keeps 施行日期 out of the dates', () => {
    const m = extractMetadata('发布机关：浙江省人民政府办公厅\n施行日期：2022-01-01\n印发时间：2021年12月20日\n浙江省质量强省建设方案\n正文。');
    expect(m.issuer).toBe('浙江省人民政府办公厅');
    expect(m.writtenDate).toBe('2021-12-20');
    expect(m.publishedDate).toBeNull();
    expect(m.region).toBe('浙江省');
  });
});

describe('generalization fixes (held-out corpus)', () => {
  it('reads a bracketed label glued to its value: [分 类]市场监管', () => {
    const m = extractMetadata(['[索 引 号] 007024789/2022-00158 [分 类]市场监管、安全生产监管;标准', '[ 文 号 ] 江府办〔2022〕27号 [ 发布日期 ] 2022-09-20', '江门市推进标准化建设实施方案'].join('\n'));
    expect(m.indexNumber).toBe('007024789/2022-00158');
    expect(m.documentNumber).toBe('江府办〔2022〕27号');
  });
  it('does not put the 文号 line or the letterhead into the title', () => {
    expect(extractMetadata('苍农发〔2023〕8号\n\n苍溪县2023年农产品质量安全提升工作方案\n各乡镇:\n为……').title).toBe('苍溪县2023年农产品质量安全提升工作方案');
    expect(extractMetadata('商城县人民政府文件\n商政〔2022〕21号\n关于推进义务教育优质均衡发展的实施意见\n各乡镇人民政府:').title).toBe('关于推进义务教育优质均衡发展的实施意见');
  });
  it('accepts an issuer with a second name in brackets', () => {
    const m = extractMetadata('合肥市知识产权保护和运用三年行动计划(2023—2025年)\n来源:合肥市市场监督管理局(知识产权局) 发布时间:2023年07月20日\n为深入实施……');
    expect(m.issuer).toBe('合肥市市场监督管理局(知识产权局)');
    expect(m.publishedDate).toBe('2023-07-20');
  });
  it('reads a one-line signature after the blanks between issuer and date were folded', () => {
    const m = extractMetadata('关于加快文化旅游产业高质量发展的实施意见\n一、发展目标\n……\n西安市碑林区人民政府办公室 2022年6月8日');
    expect(m.issuer).toBe('西安市碑林区人民政府办公室');
    expect(m.writtenDate).toBe('2022-06-08');
  });
  it('takes the issuer from the letterhead line above 关于…的意见', () => {
    expect(extractMetadata('西安市碑林区人民政府办公室\n关于加快文化旅游产业高质量发展的实施意见\n各街道办事处:').issuer).toBe('西安市碑林区人民政府办公室');
  });
  it('does not read a department name as a township', () => {
    expect(regionOf('宜昌市住房和城乡建设局')).toBe('宜昌市');
  });
});

// Issue 9: header shapes of plans the engine had never read. Every document here is made up.
describe('headers of unseen plans (issue 9)', () => {
  const meta = (lines: string[]) => extractMetadata(lines.join('\n'));
  it('gives a one-year plan its year as its period', () => {
    expect(meta(['西湖镇2024年质量强镇工作要点', '一、总体目标']).period).toEqual({ startYear: 2024, endYear: 2024 });
    expect(meta(['关于印发2023年度全县食品安全重点工作安排的通知']).period).toEqual({ startYear: 2023, endYear: 2023 });
    expect(meta(['安澜县质量提升行动方案(2022年修订)', '一、目标']).period).toBeNull();
    expect(meta(['安澜县质量提升行动方案', '到2025年,全县质量总体水平明显提升。']).period).toBeNull();
  });
  it('reads labels whose value is on the next line, behind a bullet', () => {
    const m = meta(['  • 索引号:', '', '    1234560000/2024-000123', '  • 主题分类:', '', '  • 发文字号:', '', '    安政发〔2024〕9号', '  • 发布日期:', '', '    2024年05月06日 10:20', '安澜县人民政府工作规则', '第一章 总则']);
    expect(m.indexNumber).toBe('1234560000/2024-000123');
    expect(m.documentNumber).toBe('安政发〔2024〕9号');
    expect(m.publishedDate).toBe('2024-05-06');
    expect(m.title).toBe('安澜县人民政府工作规则');
  });
  it('reads label spellings of other sites: 颁布时间, 发布部门, 政策文号, 公文生成日期, 备注/文号', () => {
    const m = meta(['  • 颁布时间:2022年3月4日', '  • 发布部门:安澜县人民政府', '  • 政策文号:安政〔2022〕4号', '安澜县质量强县实施方案']);
    expect(m.publishedDate).toBe('2022-03-04');
    expect(m.issuer).toBe('安澜县人民政府');
    expect(m.documentNumber).toBe('安政〔2022〕4号');
    const n = meta(['• 备注/文号:安教〔2021〕12号', '• 公文生成日期:2021-11-02', '安澜县教育局关于印发《安澜县护苗行动方案》的通知']);
    expect(n.documentNumber).toBe('安教〔2021〕12号');
    expect(n.writtenDate).toBe('2021-11-02');
    expect(n.title).toBe('安澜县护苗行动方案');
  });
  it('removes the pipes of a scraped table from the values', () => {
    const m = meta([
      '索 引 号: | AB1234-2023-007 | 主题分类: | 区政府 |',
      '发布机构: | 区政府办公室 | 发文日期: | 2023-05-09 |',
      '名 称: | 安澜区人民政府办公室关于转发《安澜区口袋公园建设实施方案》的通知 | ||',
      '文 号: | 安府办发〔2023〕7号 | 公开类型: | 主动公开 |',
    ]);
    expect(m.indexNumber).toBe('AB1234-2023-007');
    expect(m.documentNumber).toBe('安府办发〔2023〕7号');
    expect(m.writtenDate).toBe('2023-05-09');
    expect(m.title).toBe('安澜区口袋公园建设实施方案');
  });
  it('does not take site chrome for the title: a masthead, a paid-document banner', () => {
    expect(meta(['好物优选', '世界特产网', '', '安澜县人民政府关于印发《安澜县标准化战略实施方案》的通知', '   2018-09-28 234']).title).toBe('安澜县标准化战略实施方案');
    const m = meta(['乡镇2021年创建卫生镇工作方案*', '', '90 人阅读 2022-05-22 9.00元(299 积分) 免费试读', '', 'xx镇2021年创建卫生镇工作方案', '', '一、指导思想']);
    expect(m.title).not.toMatch(/阅读|积分/);
    expect(m.period).toEqual({ startYear: 2021, endYear: 2021 });
  });
  it('reads a title and its 文号 on one line, either way round', () => {
    const a = meta(['安府办发〔2021〕6号 安澜区人民政府办公室关于印发健康安澜行动实施方案的通知', '各街道:']);
    expect(a.documentNumber).toBe('安府办发〔2021〕6号');
    expect(a.title).toBe('健康安澜行动实施方案');
    expect(a.issuer).toBe('安澜区人民政府办公室');
    const b = meta(['安澜市人民政府办公室关于印发安澜市创建质量强市示范城市工作方案的通知 安府办函〔2018〕83号', '发布时间:2024-01-04 19:52:09 来源:产品']);
    expect(b.documentNumber).toBe('安府办函〔2018〕83号');
    expect(b.title).toBe('安澜市创建质量强市示范城市工作方案');
    const c = meta(['安政办发〔2016〕26号《安澜市人民政府办公厅关于印发〈安澜市2016年政务公开工作要点〉的通知》', '安政办发〔2016〕26号']);
    expect(c.title).toBe('安澜市2016年政务公开工作要点');
    expect(c.period).toEqual({ startYear: 2016, endYear: 2016 });
  });
  it('reads X印发《Y》 headlines and 《Y》已经…同意，现印发给你们', () => {
    expect(meta(['中共安澜区委办公室 安澜区人民政府办公室印发《安澜区服务品牌三年行动计划(2018—2020年)》的通知']).title).toBe('安澜区服务品牌三年行动计划(2018—2020年)');
    expect(meta(['安澜区人民政府办公室', '安府办发〔2024〕48号', '各镇人民政府:', '《安澜区进一步完善医疗卫生服务体系实施方案》已经区政府同意,现印发给你们,请认真贯彻执行。', '安澜区人民政府办公室', '2024年6月11日']).title).toBe('安澜区进一步完善医疗卫生服务体系实施方案');
  });
  it('takes the draft, not the call for comments, as the title', () => {
    expect(meta(['安澜市农业农村局关于《安澜市乡村振兴支持政策二十条》公开征求意见的公告', '为加快…']).title).toBe('安澜市乡村振兴支持政策二十条');
  });
  it('joins a notice title broken over lines and reads the issuer above it and a date line with none above it', () => {
    const m = meta(['安澜市人民政府', '关于印发安澜市创建全国质量强市示范城市', '工作推进方案的通知', '各乡镇人民政府:', '现将《安澜市创建全国质量强市示范城市工作推进方案》印发给你们,请认真贯彻落实。', '2019年7月17日', '安澜市创建全国质量强市示范城市', '工作推进方案', '为全面贯彻…']);
    expect(m.issuer).toBe('安澜市人民政府');
    expect(m.writtenDate).toBe('2019-07-17');
    expect(m.title).toBe('安澜市创建全国质量强市示范城市工作推进方案');
  });
  it('reads the issuer of an 意见 whose title is broken over lines', () => {
    const m = meta(['发布时间:2024-11-01 21:09:52 来源: sp20241101', '国务院关于推动安澜高质量发展', '奋力开创现代化新局面的意见', '国发〔2023〕99号', '各省、自治区、直辖市人民政府:']);
    expect(m.issuer).toBe('国务院');
    // the issuer that heads an 意见 is left off its title (as the held-out gold writes it)
    expect(m.title).toBe('关于推动安澜高质量发展奋力开创现代化新局面的意见');
  });
  it('reads co-signed issuers, in a headline or above the date', () => {
    expect(meta(['安澜市发展和改革委员会 中共安澜市委社会工作部 安澜市住房和城乡建设局 关于印发安澜市社区服务设施建设方案的通知', '各区县:']).issuer).toBe(
      '安澜市发展和改革委员会、中共安澜市委社会工作部、安澜市住房和城乡建设局',
    );
    const m = meta(['安澜发〔2021〕5号', '现将《安澜新区乡村振兴实施方案》印发给你们,请结合实际认真贯彻执行。', '中共安澜新区工作委员会', '安澜新区管理委员会', '2021年3月15日', '(此件公开发布)']);
    expect(m.issuer).toBe('中共安澜新区工作委员会、安澜新区管理委员会');
    expect(m.writtenDate).toBe('2021-03-15');
  });
  it('skips a 代章 line between the issuer and the date', () => {
    const m = meta(['各区:', '现将《安澜市医改工作方案》印发给你们。', '安澜市深化医药卫生体制改革领导小组办公室', '(安澜市卫生健康委员会代章)', '二〇二二年八月八日', '安澜市医改工作方案']);
    expect(m.issuer).toBe('安澜市深化医药卫生体制改革领导小组办公室');
    expect(m.writtenDate).toBe('2022-08-08');
  });
  it('takes the body of a "X（代章）" line as the issuer when no signer stands above it', () => {
    const m = meta(['各镇街:', '现将《安澜区2025年食品安全工作要点》印发给你们,请认真贯彻落实。', '安澜区食品安全委员会（代章）', '二〇二五年二月十日', '安澜区2025年食品安全工作要点']);
    expect(m.issuer).toBe('安澜区食品安全委员会');
    expect(m.writtenDate).toBe('2025-02-10');
  });
});

describe('news pages and notices about a plan (issue 9)', () => {
  const meta = (lines: string[]) => extractMetadata(lines.join('\n'));
  it('takes the plan a news headline is about, by the title the article quotes', () => {
    const m = meta(['第A07版:要闻', '', '安澜印发质量强市建设实施方案', '', '记者王五', '', '近日,《安澜市质量强市建设实施方案》(以下简称《方案》)印发,提出到2025年……']);
    expect(m.title).toBe('安澜市质量强市建设实施方案');
    const n = meta(['当前位置:首页 - 新闻动态', '国务院印发安澜发展规划', '据新华社电 国务院日前印发《安澜发展规划(2024—2030年)》,这是……']);
    expect(n.title).toBe('安澜发展规划(2024—2030年)');
    expect(n.issuer).toBe('国务院');
    expect(n.period).toEqual({ startYear: 2024, endYear: 2030 });
  });
  it('takes the headline and byline date of a news page that names no plan', () => {
    const m = meta(['欢迎访问安澜食品网!', '', '2024年安澜市食品抽检合格率达98.1%', '', '2025-02-28 17:42来源:安澜日报 编辑:张三', '', '2月27日,记者从……']);
    expect(m.title).toBe('2024年安澜市食品抽检合格率达98.1%');
    expect(m.publishedDate).toBe('2025-02-28');
  });
  it('does not take a contact line for the title', () => {
    const m = meta(['我局起草了《安澜区质量强区建设实施方案》(征求意见稿),现向社会公开征求意见。', '联系人:丁一', '电子邮箱:abc@example.gov.cn', '附件:1.《安澜区质量强区建设实施方案》(征求意见稿)', '安澜区市场监督管理局', '2025年5月28日', '安澜区质量强区建设实施方案(征求意见稿)', '为贯彻……']);
    expect(m.title).toBe('安澜区质量强区建设实施方案');
    expect(m.issuer).toBe('安澜区市场监督管理局');
  });
  it('reads 关于征求《X》意见的通告 as the draft X', () => {
    expect(meta(['安澜市市场监督管理局关于征求《安澜市质量强市建设实施方案》意见的通告']).title).toBe('安澜市质量强市建设实施方案');
  });
  it('reads a grid of co-signing ministries above the date', () => {
    const m = meta(['经国务院同意,现将《安澜行动计划》印发给你们,请认真贯彻实施。', '市场监管总局 中央网信办', '国家发展改革委 科技部', '全国工商联', '2022年7月6日', '安澜行动计划']);
    expect(m.writtenDate).toBe('2022-07-06');
    expect(m.issuer).toBe('市场监管总局、中央网信办、国家发展改革委、科技部、全国工商联');
  });
  it('prefers the full name of the signature to the short name of a label', () => {
    const m = meta(['发文单位: 市人民政府 发文日期: 2012-11-26', '各县市区人民政府:', '现将《安澜市质量兴市规划》印发给你们。', '安澜市人民政府', '2012年11月26日']);
    expect(m.issuer).toBe('安澜市人民政府');
  });
});

describe('dates and titles around the signature (issue 9)', () => {
  const meta = (lines: string[]) => extractMetadata(lines.join('\n'));
  it('keeps the signing date and the publication date apart', () => {
    const m = meta(['安澜县质量提升行动方案', '发布时间:2023-05-10 来源:安澜县人民政府', '各乡镇:', '现将《安澜县质量提升行动方案》印发给你们。', '安澜县人民政府', '2023年4月28日', '一、目标']);
    expect(m.writtenDate).toBe('2023-04-28');
    expect(m.publishedDate).toBe('2023-05-10');
    const n = meta(['各乡镇:', '现将《安澜县质量提升行动方案》印发给你们。', '安澜县人民政府', '2023年4月28日', '安澜县质量提升行动方案']);
    expect(n.writtenDate).toBe('2023-04-28');
    expect(n.publishedDate).toBeNull();
  });
  it('reads a date line in Chinese numerals with no issuer above it', () => {
    const m = meta(['安澜县人民政府办公室关于印发安澜县护河行动方案的通知', '各乡镇:', '现将《安澜县护河行动方案》印发给你们,请认真贯彻执行。', '二〇二三年三月五日', '安澜县护河行动方案']);
    expect(m.writtenDate).toBe('2023-03-05');
    expect(m.issuer).toBe('安澜县人民政府办公室');
  });
  it('does not take a breadcrumb trail for the title', () => {
    const m = meta(['首页 > 政府信息公开 > 规划计划', '安澜区2024年标准化工作要点', '一、总体要求']);
    expect(m.title).toBe('安澜区2024年标准化工作要点');
  });
  it('leaves the issuer off the title of an 意见 it heads', () => {
    expect(meta(['安澜区人民政府办公室关于加快文旅产业发展的实施意见', '各街道:']).title).toBe('关于加快文旅产业发展的实施意见');
  });
});

describe('news headlines are no one-year plans (issue 9)', () => {
  it('gives no period to a headline that reports a year', () => {
    const m = extractMetadata(['2023年安澜市食品抽检合格率达98.1%', '', '2024-02-28 17:42来源:安澜日报', '', '记者从……'].join('\n'));
    expect(m.title).toBe('2023年安澜市食品抽检合格率达98.1%');
    expect(m.period).toBeNull();
  });
});

describe('period and news headlines (issue 9, second pass)', () => {
  it('takes the period from the plan’s own title line when the notice names the plan without it', () => {
    const m = extractMetadata([
      '青岚县人民政府办公室文件', '青政办发〔2023〕8号', '青岚县人民政府办公室', '关于印发《青岚县质量强县建设三年行动方案》的通知',
      '各乡镇人民政府：', '现将《青岚县质量强县建设三年行动方案》印发给你们，请认真贯彻执行。', '青岚县人民政府办公室', '2023年7月10日',
      '青岚县质量强县建设三年行动方案', '（2023-2025年）', '为深入贯彻……制定本方案。',
    ].join('\n'));
    expect(m.title).toBe('青岚县质量强县建设三年行动方案');
    expect(m.period).toEqual({ startYear: 2023, endYear: 2025 });
  });
  it('reads a headline under a site column name, and one above a lede that opens with its day', () => {
    const a = extractMetadata(['您现在的位置: 资讯 > 正文', '', '每日快讯:安澜市将培育50家质量标杆企业', '', '时间:2024-05-06 10:20 来源:安澜日报', '5月6日，……'].join('\n'));
    expect(a.title).toBe('安澜市将培育50家质量标杆企业');
    const b = extractMetadata(['我县质量工作连续两年获评优秀', '3月2日，记者从全县质量工作会议上获悉，……', '2023年，……'].join('\n'));
    expect(b.title).toBe('我县质量工作连续两年获评优秀');
  });
});

describe('the period of a plan a news page names without it (issue 9, fourth pass)', () => {
  it('reads the period from the full title the lede quotes', () => {
    const m = extractMetadata(['安澜市政府印发《安澜市标准化提升行动方案》', '来源：安澜日报 发布时间：2024-05-06', '近日，市政府印发《安澜市标准化提升行动方案（2024—2027年）》，明确…'].join('\n'));
    expect(m.title).toBe('安澜市标准化提升行动方案');
    expect(m.period).toEqual({ startYear: 2024, endYear: 2027 });
  });
  it('does not take the period of another document the text cites', () => {
    const m = extractMetadata(['安澜市标准化提升行动方案', '根据《安澜省标准化发展规划（2021—2025年）》，制定本方案。'].join('\n'));
    expect(m.period).toBeNull();
  });
});

describe('a plan with an attachment of its own', () => {
  it('keeps its own title: 附件:重点任务分工表 is not the title unless a notice issues it', async () => {
    const { parsePlan } = await import('./index');
    const own = await parsePlan(new TextEncoder().encode('某区质量提升行动方案\n\n为深入实施质量强国战略,制定本方案。\n附件:重点任务分工表\n'), 'a.txt');
    expect(own.metadata.title).toBe('某区质量提升行动方案');
    const notice = await parsePlan(new TextEncoder().encode('关于做好质量工作的通知\n各街道:\n现将有关事项通知如下。\n附件:某区质量提升行动方案\n'), 'b.txt');
    expect(notice.metadata.title).toBe('某区质量提升行动方案');
  });
});

describe('a title closed by its period in brackets', () => {
  it('does not run on into the short first line of the body', () => {
    const m = extractMetadata('某县质量提升三年行动计划（2024-2026）\n为深入推进质量强县\n一、总体要求\n');
    expect(m.title).toBe('某县质量提升三年行动计划（2024-2026）');
    expect(m.period).toEqual({ startYear: 2024, endYear: 2026 });
  });
});

describe('a site’s 来源 beside the issuer the title names', () => {
  it('gives way to the body heading the title (某市人民政府关于…的实施意见 / 来源：…办公室)', () => {
    const m = extractMetadata('某市人民政府关于加快质量强市建设的实施意见\n某政发〔2023〕5号\n2023-06-12 16:20 来源：某市人民政府办公室 浏览次数：\n各区县人民政府：\n');
    expect(m.issuer).toBe('某市人民政府');
    const n = extractMetadata('某县人民政府办公室关于印发某县质量提升行动方案的通知\n发布时间：2024-03-05 来源：某县市场监督管理局\n各乡镇人民政府：\n');
    expect(n.issuer).toBe('某县人民政府办公室');
  });
  it('is the issuer when nothing else names one', () => {
    expect(extractMetadata('某县2024年质量工作要点\n发布时间：2024-03-05 来源：某县市场监督管理局\n一、总体要求\n').issuer).toBe('某县市场监督管理局');
  });
});
