import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dominantWidth, normalizeText, removeCjkSpaces, stripPinyin, splitInlineItems } from './normalize';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seed = (prefix: string) => {
  const name = ['000_30c67f409bbe32a9', '001_bf35ac6330d33b6a', '002_7c1dfc64210a4129', '003_27ea49c019514738', '004_bd96d258becce84f'].find((n) => n.startsWith(prefix))!;
  return readFileSync(new URL(`${name}.txt`, SEEDS), 'utf8');
};

describe('stripPinyin', () => {
  it('removes tone-marked syllables after a Han character', () => {
    expect(stripPinyin('發(fā)布機(jī)構(gòu)').text).toBe('發布機構');
    expect(stripPinyin('區(qū)市場監(jiān)督').count).toBe(2);
  });

  it('never removes periods, markers, abbreviations or toneless words', () => {
    const keep = '方案(2021-2023年) (一)指导思想 排放(VOCs) 氮氧化物(NOx) 技术(BIM) 标准(de) 第(1)项';
    expect(stripPinyin(keep).text).toBe(keep);
  });
});

describe('normalizeText on the seeds', () => {
  it('turns seed 003 (Traditional, pinyin, spam) into clean Simplified text', () => {
    const r = normalizeText(seed('003'));
    expect(r.text.startsWith('索引号 1133090008737926X1/2023-155631')).toBe(true); // spam line gone
    expect(r.text).not.toMatch(/在线观看|一区二区/);
    expect(r.text).toContain('发布机构 区市场监督管理分局 文号 普质强区发〔2023〕1号');
    expect(r.text).toContain('(2023—2027年)》的通知');
    expect(r.text).toContain('挥发性有机物(VOCs)和氮氧化物(NOx)');
    expect(r.text).not.toMatch(/\((?:fā|zhì|qū)\)/);
    expect(r.text).not.toMatch(/打印此页|关闭窗口|浏览次数/);
    expect(r.text).toContain('发布日期:2024-01-18');
    expect(r.normalizations).toEqual(expect.arrayContaining(['strip-pinyin', 'traditional-to-simplified', 'drop-spam', 'drop-site-chrome']));
    expect(r.normalizations.indexOf('strip-pinyin')).toBeLessThan(r.normalizations.indexOf('traditional-to-simplified'));
  });

  it('leaves Simplified seeds Simplified and keeps their metadata lines apart', () => {
    const r = normalizeText(seed('000'));
    expect(r.normalizations).not.toContain('traditional-to-simplified');
    expect(r.text.split('\n').slice(0, 4)).toEqual(['索引号:', 'SY0024795371202100079', '主题分类:', '市场监管、安全生产监督-质量监督']);
    expect(r.text).toContain('\n新河镇质量提升行动工作计划\n(2021-2023年)\n');
    expect(r.text).toContain('至2023年,全镇供给质量明显改善'); // `至 2023 年` in the file
    expect(r.text).not.toContain('![]()');
  });

  it('drops the 朗读 button of seed 001 and the 【草案全文】 label of seed 002', () => {
    expect(normalizeText(seed('001')).text.startsWith('各有关单位:')).toBe(true);
    const r2 = normalizeText(seed('002'));
    expect(r2.text.split('\n')[0]).toBe('普陀区质量提升三年行动计划(2021-2023年)');
    expect(r2.text).toContain('2021年04月20日 来源: 上海普陀');
  });

  it('does not touch a clean seed that needs nothing', () => {
    const raw = seed('004');
    expect(normalizeText(raw).text).toBe(raw.trimEnd());
  });

  it('keeps every heading of the seeds on its own line', () => {
    for (const p of ['000', '001', '002', '004']) {
      const lines = new Set(normalizeText(seed(p)).text.split('\n'));
      for (const l of seed(p).split('\n')) {
        if (/^[一二三四五六七八九十]+、\S{2,20}$/.test(l.trim())) expect(lines.has(l.trim()), `${p}: ${l}`).toBe(true);
      }
    }
    const lines003 = normalizeText(seed('003')).text.split('\n');
    for (const h of ['一、总体要求', '二、主要任务', '三、实施保障', '(二)构筑发展新优势,增强产业质量竞争力']) expect(lines003).toContain(h);
  });
});

describe('normalizeText steps', () => {
  it('maps full-width ASCII to half-width and keeps Chinese punctuation', () => {
    const r = normalizeText('到２０２５年，合格率达到９８％以上（含）；〔２０２１〕３８号。“好”');
    expect(r.text).toBe('到2025年,合格率达到98%以上(含);〔2021〕38号。“好”');
    expect(r.normalizations).toContain('fullwidth-to-halfwidth');
  });

  it('keeps ① and ㎡ (NFKC would break them)', () => {
    expect(normalizeText('①新建绿地45万㎡。').text).toBe('①新建绿地45万㎡。');
  });

  it('turns CRLF, NBSP, ideographic spaces and zero-width characters into plain text', () => {
    const r = normalizeText('\ufeff一、总体要求\r\n\u3000\u3000(一)指导思想\r\n全面\u200b贯彻\u00a0落实。\r\n');
    expect(r.text).toBe('一、总体要求\n(一)指导思想\n全面贯彻 落实。');
    expect(r.normalizations).toEqual(expect.arrayContaining(['crlf-to-lf', 'strip-invisible', 'normalize-whitespace', 'trim-lines']));
  });

  it('removes chrome inside a line and keeps the rest', () => {
    const r = normalizeText('发布日期:2021-06-22 浏览次数:123 【字体:大 中 小】\n【打印本页】 【关闭窗口】\n分享到:\n一、总体要求');
    expect(r.text).toBe('发布日期:2021-06-22\n一、总体要求');
  });

  it('leaves plan text that merely mentions printing alone', () => {
    const t = '推广3D打印技术在制造业中的应用,关闭落后产能。';
    expect(normalizeText(t).text).toBe(t);
  });

  it('keeps spaces between Han characters and in metadata lines', () => {
    expect(removeCjkSpaces('根据《中共中央 国务院关于开展质量提升行动的指导意见》, 结合 2023 年')).toBe('根据《中共中央 国务院关于开展质量提升行动的指导意见》,结合2023年');
    const meta = '索引号 1133090008737926X1/2023-155631 公开日期 2023-12-15';
    expect(normalizeText(meta).text).toBe(meta);
  });

  it('collapses runs of blank lines to one', () => {
    expect(normalizeText('标题\n\n\n\n正文。\n\n\n').text).toBe('标题\n\n正文。');
  });
});

describe('joining hard-wrapped lines', () => {
  const para = '为深入贯彻落实市委市政府关于推动高质量发展的决策部署进一步提升本区总体质量水平推动经济高质量发展结合本区实际制定本行动计划全面提升区域总体质量水平为建设创新发展活力区作出新的更大贡献到二〇二三年农产品质量安全抽检合格率达到百分之九十九以上。';
  const wrap = (s: string, w: number) => s.match(new RegExp(`.{1,${w}}`, 'gu'))!.join('\n');

  it('joins a paragraph wrapped at a fixed width (as from a PDF) but not the headings around it', () => {
    const doc = `一、总体要求\n(一)指导思想\n${wrap(para, 30)}\n(二)主要目标\n${wrap(para, 30)}\n二、重点任务`;
    const r = normalizeText(doc);
    expect(r.text).toBe(`一、总体要求\n(一)指导思想\n${para}\n(二)主要目标\n${para}\n二、重点任务`);
    expect(r.normalizations).toContain('join-broken-lines');
  });

  it('does not glue a line of unit names to the full-width line above it (issue 9)', () => {
    // a task table printed as text: the task cell runs to the full width, the unit cell is its own line
    const task = '1.开展农村集体聚餐和小型餐饮单位食品安全风险隐患排查整治专项行动'.slice(0, 30);
    expect(task.length).toBe(30);
    const doc = `${wrap(para, 30)}\n${task}\n县市场监管局、县卫生健康局\n${wrap(para, 30)}`;
    const lines = normalizeText(doc).text.split('\n');
    expect(lines).toContain('县市场监管局、县卫生健康局');
    expect(lines).toContain(task);
  });

  it('does not join when lines are paragraphs of varying length', () => {
    const lines = ['一、总体要求', para.slice(0, 50) + '。', para.slice(0, 23), para.slice(0, 80), para.slice(0, 37), '二、任务', para.slice(0, 61)];
    expect(dominantWidth(lines)).toBeNull();
    expect(normalizeText(lines.join('\n')).text.split('\n')).toHaveLength(lines.length);
  });
});

describe('site chrome in its many spellings', () => {
  it.each([
    '发布时间:2021-06-22 【字体:大 中 小】',
    '发布时间:2021-06-22 字号:[ 大 中 小 ]',
    '发布时间:2021-06-22 [字体 大 中 小] 浏览次数: 1024',
    '发布时间:2021-06-22 【打印】【关闭】',
    '发布时间:2021-06-22 点击量:88次 【纠错】',
  ])('%s', (line) => {
    expect(normalizeText(line).text).toBe('发布时间:2021-06-22');
  });

  it.each(['打印此页 关闭窗口', '【打印本页】【关闭窗口】', '分享到: 微信 微博 QQ空间', '当前位置:首页 > 政务公开 > 政策文件', '扫一扫在手机打开当前页', '上一篇:关于开展质量月活动的通知', '字体:大 中 小'])(
    'drops the whole line %s',
    (line) => {
      expect(normalizeText(`一、总体要求\n${line}\n二、任务`).text).toBe('一、总体要求\n二、任务');
    },
  );
});

describe('generalization fixes (held-out corpus)', () => {
  const prose = '为深入推进交通强国建设,加快构建现代综合交通运输体系,结合我县实际制定本方案。进一步提升农村公路管理养护水平,推动城乡交通运输一体化发展水平全面提升,更好满足人民群众出行需要。'.repeat(3);
  const wrap = (head: string[]) => {
    const out = [...head];
    for (let i = 0; i < prose.length; i += 30) out.push(prose.slice(i, i + 30));
    return out.join('\n');
  };
  it('never joins the paragraph under a header record to it in a hard-wrapped text', () => {
    const t = normalizeText(wrap(['永嘉县农村公路提质增效工作方案', '发布时间:2023-03-02 来源:永嘉县交通运输局局'])).text;
    expect(t.split('\n')[1]).toBe('发布时间:2023-03-02 来源:永嘉县交通运输局局');
    expect(t.split('\n')[2].startsWith('为深入推进')).toBe(true);
  });
  it('still joins a header record that was itself wrapped mid-value', () => {
    const t = normalizeText(wrap(['宜昌市燃气安全专项整治工作方案', '发布时间:2023-08-21 16:05:12 来源:宜昌市住房和', '城乡建设局'])).text;
    expect(t.split('\n')[1]).toBe('发布时间:2023-08-21 16:05:12 来源:宜昌市住房和城乡建设局');
    expect(t.split('\n')[2].startsWith('为深入推进')).toBe(true);
  });
  it('keeps the cells of a scraped metadata table on their own lines when lines look wrapped', () => {
    const head = [
      '索引号 11120111MB1A12345X/2023-00089 主题分类 食品药品监管',
      '发文机关 天津市西青区市场监督管理局 成文日期 2023年05月06日',
      '标题 西青区食品安全专项行动实施方案',
      '发文字号 西青市场监管〔2023〕21号 发布日期 2023年05月10日',
      '西青区食品安全专项行动实施方案',
    ];
    const lines = normalizeText(wrap(head)).text.split('\n');
    expect(lines.slice(0, 5)).toEqual(head);
  });
  it('drops what is left of a tool bar once the font-size switch is removed', () => {
    expect(normalizeText('标题\n【字体:大 中 小】 打印\n正文。').text).toBe('标题\n正文。');
  });
});

describe('items run together on one line (issue 9, fourth pass)', () => {
  it('splits a line at the next item marker after a full stop or a closing bracket', () => {
    expect(splitInlineItems('(一)加强培训。开展质量培训。(责任单位:县人社局)(二)强化监管。开展抽检。(三)优化服务。')).toEqual([
      '(一)加强培训。开展质量培训。(责任单位:县人社局)', '(二)强化监管。开展抽检。', '(三)优化服务。',
    ]);
    expect(splitInlineItems('1.完善标准。2.推广方法。3.培育品牌。')).toEqual(['1.完善标准。', '2.推广方法。', '3.培育品牌。']);
    expect(splitInlineItems('九、保障措施。十、附则。')).toEqual(['九、保障措施。', '十、附则。']);
  });
  it('leaves a marker that is not the next number, or not after a sentence end, in place', () => {
    expect(splitInlineItems('(一)加强培训,按照《办法》第(二)项执行。')).toEqual(['(一)加强培训,按照《办法》第(二)项执行。']);
    expect(splitInlineItems('(一)加强培训。(三)强化监管。')).toEqual(['(一)加强培训。(三)强化监管。']);
    expect(splitInlineItems('培训2.5万人次。3.培育品牌。')).toEqual(['培训2.5万人次。3.培育品牌。']);
  });
});

describe('tabCells: a table pasted as text', () => {
  it('turns the tabs between cells into | (an empty cell kept), and leaves indentation and a lone tab in prose alone', async () => {
    const { tabCells } = await import('./normalize');
    expect(tabCells('序号\t重点任务\t牵头单位\t配合单位\n1\t建立首席质量官制度\t区市场监管局\t\n2\t制定团体标准\t区市场监管局\t区科技局')).toBe(
      '序号 | 重点任务 | 牵头单位 | 配合单位\n1 | 建立首席质量官制度 | 区市场监管局\n2 | 制定团体标准 | 区市场监管局 | 区科技局',
    );
    expect(tabCells('\t一、总体要求\n为提升质量，\t现制定本方案。\n二、主要目标')).toBe('\t一、总体要求\n为提升质量，\t现制定本方案。\n二、主要目标');
    // two cells a line, each line beside another such line: a two-column table
    expect(tabCells('指标\t目标值\n抽检合格率\t98%')).toBe('指标 | 目标值\n抽检合格率 | 98%');
  });
});

describe('what a PDF text layer gives', () => {
  it('maps Kangxi and supplement radicals to the ideographs they stand for, and closes up a letter-spaced title', async () => {
    const { normalizeText, radicalsToIdeographs } = await import('./normalize');
    expect(radicalsToIdeographs('⾏动⽅案 ⼯作 ⻓期 ⻔户')).toBe('行动方案 工作 长期 门户');
    expect(radicalsToIdeographs('①②')).toBe('①②'); // other compatibility characters are left alone
    const { text } = normalizeText('某 区 质 量 提 升 ⾏ 动 ⽅ 案\n\n为深⼊实施质量强国战略，制定本⽅案。');
    expect(text.split('\n')[0]).toBe('某区质量提升行动方案');
    expect(text).toContain('为深入实施质量强国战略,制定本方案。');
  });
});
