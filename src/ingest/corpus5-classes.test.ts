// Failure classes seen on the working part of corpus5 (issue 9), each tested on made-up sentences of the same
// shape (no sentence of a corpus document): a pipe table whose 责任单位 column lists a township's offices by
// blanks, with short and kind-only names and two names run together; a task list run onto one line with its
// headings glued to the items; duty subjects after a comma; a bare index number line; a generic label glued to the
// value before it; 发布文号; a signature run into the notice line.
import { describe, expect, it } from 'vitest';
import { collectDepartments, findDutySubjects, parseCellUnits } from './departments';
import { extractMetadata } from './metadata';
import { normalizeText, splitRunInItems } from './normalize';
import { extractOutline } from './outline';
import { extractTasks } from './tasks';

const tasksOf = (raw: string) => {
  const text = normalizeText(raw).text;
  const tasks = extractTasks(text, extractOutline(text));
  return { tasks, departments: collectDepartments(tasks, text), brief: tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => d.name).join(',')}`) };
};

describe('units of one table cell (parseCellUnits)', () => {
  it('reads names separated by blanks only', () => {
    expect(parseCellUnits('农技站 水利站 国土所', null).map((d) => d.name)).toEqual(['农技站', '水利站', '国土所']);
  });
  it('keeps kind-only and two-character office names inside a 责任单位 cell', () => {
    expect(parseCellUnits('卫生院 派出所', null).map((d) => d.name)).toEqual(['卫生院', '派出所']);
    expect(parseCellUnits('农办', null).map((d) => d.name)).toEqual(['农办']);
  });
  it('splits two names that lost the blank between them, in a cell that separates names by blanks', () => {
    expect(parseCellUnits('综治办 司法所财政所', null).map((d) => d.name)).toEqual(['综治办', '司法所', '财政所']);
  });
  it('does not split a single ordinary name, nor take collectives', () => {
    expect(parseCellUnits('县市场监督管理局', null).map((d) => d.name)).toEqual(['县市场监督管理局']);
    expect(parseCellUnits('各村委会 相关站所', null).map((d) => d.name)).toEqual([]);
  });
  it('keeps the roles a cell states', () => {
    expect(parseCellUnits('县商务局牵头，县财政局配合', null)).toEqual([
      { name: '县商务局', role: 'lead' },
      { name: '县财政局', role: 'co' },
    ]);
  });
});

describe('a pipe table whose first column names the field of each row', () => {
  it('makes one task a row, with the units of its 责任单位 cell', () => {
    const r = tasksOf(
      [
        '一、整治安排',
        '整治领域名称 | 时间安排 | 责任单位 |',
        '校园周边 | 3月份 | 文化站 派出所 |',
        '集贸市场 | 4月份 | 市场监管所 |',
        '水库山塘 | 5月份 | 水利站 林站 |',
        '二、工作要求',
        '各责任单位要按时上报。',
      ].join('\n'),
    );
    expect(r.brief).toEqual(['校园周边|文化站,派出所', '集贸市场|市场监管所', '水库山塘|水利站,林站']);
    expect(r.departments).toEqual(['文化站', '派出所', '市场监管所', '水利站', '林站']);
  });
});

describe('a task list run onto one line (splitRunInItems)', () => {
  const line =
    '(一)完善机制,建立季度会商制度,(责任单位:县发改局、县统计局)(二)实施品牌培育工程3.培育区域品牌,新增品牌企业5家,(责任单位:县市场监管局)4.开展品牌宣传,(责任单位:县融媒体中心)';
  it('splits before every (一)-style marker and before numbered items confirmed by the next number', () => {
    expect(splitRunInItems(line)).toEqual([
      '(一)完善机制,建立季度会商制度,(责任单位:县发改局、县统计局)',
      '(二)实施品牌培育工程',
      '3.培育区域品牌,新增品牌企业5家,(责任单位:县市场监管局)',
      '4.开展品牌宣传,(责任单位:县融媒体中心)',
    ]);
  });
  it('leaves a line with fewer than two responsibility brackets, and numbers that are not items, alone', () => {
    const one = '(一)完善机制,建立季度会商制度,全年召开会议4次,覆盖企业2.5万家以上,推动形成长效机制,确保各项任务落地见效。(责任单位:县发改局)';
    expect(splitRunInItems(one)).toEqual([one]);
  });
  it('gives each item its own units once split', () => {
    const r = tasksOf(line);
    expect(r.brief).toEqual(['完善机制,建立季度会商制度|县发改局,县统计局', '培育区域品牌,新增品牌企业5家|县市场监管局', '开展品牌宣传|县融媒体中心']);
  });
});

describe('duty subjects after a comma', () => {
  it('reads a unit named with its level after a comma as the subject of the duty', () => {
    const ms = findDutySubjects('5.办好年度展会,县商务局统筹展会筹备,县市场监管局负责展品质量抽查。');
    expect(ms.flatMap((m) => m.departments.map((d) => d.name))).toEqual(['县商务局', '县市场监管局']);
  });
  it('does not take a phrase after a comma that is not a unit', () => {
    expect(findDutySubjects('加强协作配合,市场主体要落实责任,县域经济要加快发展。')).toEqual([]);
  });
});

describe('metadata printed without labels or with labels glued', () => {
  it('takes a bare index number line near the top', () => {
    const m = extractMetadata(['113300001/2022-000815', '县政府办公室', '2022-05-10', '某县2022年质量工作要点', '各乡镇:'].join('\n'));
    expect(m.indexNumber).toBe('113300001/2022-000815');
  });
  it('ends a value at a short label glued to it (索引号:…/2021-00012分类:…)', () => {
    const m = extractMetadata(['索引号: 114200007/2021-00012分类:市场监管\\其他', '发布机构: 某市人民政府', '某市质量提升行动方案'].join('\n'));
    expect(m.indexNumber).toBe('114200007/2021-00012');
  });
  it('reads 发布文号 as the document number', () => {
    const m = extractMetadata(['发布单位:某省人民政府', '发布文号:某政〔2015〕7号', '某省标准化发展规划'].join('\n'));
    expect(m.documentNumber).toBe('某政〔2015〕7号');
  });
  it('finds a signature run into the notice line of a page that lost its breaks', () => {
    const m = extractMetadata(
      '各乡镇人民政府,县直各单位:现将《某县食品安全示范创建方案》印发给你们,请认真贯彻落实。 某县人民政府办公室 2021年4月2日 某县食品安全示范创建方案 为推进创建工作,制定本方案。',
    );
    expect(m.issuer).toBe('某县人民政府办公室');
    expect(m.writtenDate).toBe('2021-04-02');
  });
});
