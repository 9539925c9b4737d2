// Tables flattened to one cell a line (issue 9: the shape behind most of the task-department pairs still lost on
// never-fixed pages), probed with made-up tables before any page was read for it: value columns between the task
// and the units (目标值, 单位, 2022年目标), a 备注 column after them, row numbers written 1., headers written with
// blanks between their characters (序 号, 重 点 工 作), a 责任单位 column beside a 牵头单位 one, a second column about
// the task whose cell opens with a verb and ends like a unit (推行一网通办).
import { describe, expect, it } from 'vitest';
import { parsePlan } from './index';

const rows = async (lines: string[]) => {
  const r = await parsePlan(Buffer.from(lines.join('\n')), 'table.txt');
  return r.tasks.filter((t) => t.departments.length).map((t) => `${t.title}|${t.departments.map((d) => `${d.name}:${d.role}`).join(',')}`);
};

describe('a table one cell a line', () => {
  it('reads past a value column between the task and the units', async () => {
    expect(await rows(['某区2022年目标任务分解表', '序号', '指标名称', '目标值', '责任单位', '1', '地区生产总值增长', '6.5%左右', '区发改委', '2', '一般公共预算收入增长', '5%', '区财政局'])).toEqual([
      '地区生产总值增长|区发改委:lead',
      '一般公共预算收入增长|区财政局:lead',
    ]);
  });
  it('reads past a measure column and a year’s target, with a lead and a co column', async () => {
    expect(await rows(['某区2022年目标任务分解表', '序号', '主要指标', '单位', '2022年目标', '牵头单位', '配合单位', '1', '地区生产总值增长', '%', '6.5左右', '区发改委', '区统计局'])).toEqual([
      '地区生产总值增长|区发改委:lead,区统计局:co',
    ]);
  });
  it('reads a 备注 column after the units, row numbers written 1., and headers spaced out', async () => {
    expect(await rows(['某区重点任务分解表', '序号', '工作任务', '责任单位', '备注', '1', '推进城市更新', '区住建委', '2', '优化营商环境', '区发改委'])).toEqual([
      '推进城市更新|区住建委:lead',
      '优化营商环境|区发改委:lead',
    ]);
    expect(await rows(['某市重点工作分解表', '序号', '工作任务', '责任领导', '牵头单位', '协办单位', '1.', '推进城市更新', '张三', '市住建局', '市财政局'])).toEqual([
      '推进城市更新|市住建局:lead,市财政局:co',
    ]);
    expect(await rows(['某市重点工作分解表', '序 号', '重 点 工 作', '责 任 单 位', '完 成 时 限', '1', '推进城市更新', '市住建局', '12月底前'])).toEqual([
      '推进城市更新|市住建局:lead',
    ]);
    expect(await rows(['某市重点工作分解表', '序号', '具体工作举措', '责任单位', '1', '推进城市更新', '市住建局', '2', '优化营商环境', '市发改委'])).toEqual([
      '推进城市更新|市住建局:lead',
      '优化营商环境|市发改委:lead',
    ]);
  });
  it('makes the units of a 责任单位 column beside a 牵头单位 column co-workers', async () => {
    expect(await rows(['某区重点任务分解表', '序号', '重点任务', '分管区领导', '牵头单位', '责任单位', '完成时限', '1', '推进城市更新', '张三', '区住建委', '区规资局、区财政局', '2022年底'])).toEqual([
      '推进城市更新|区住建委:lead,区规资局:co,区财政局:co',
    ]);
  });
  it('does not read a measure that opens with a verb as a unit', async () => {
    expect(await rows(['某市重点工作分解表', '序号', '目标任务', '具体措施', '牵头单位', '1', '优化营商环境', '推行一网通办', '市发改委、市政务服务中心'])).toEqual([
      '优化营商环境推行一网通办|市发改委:lead,市政务服务中心:lead',
    ]);
  });
});

describe('a table one row a line whose cells lost their blanks', () => {
  it('reads a row whose task opens with a year', async () => {
    expect(await rows(['附件', '量化指标任务分工表', '序号 量化指标 牵头负责部门', '1 到2020年，服务业增加值比重达到56%。 发展改革委、统计局', '2 2017年底前，建成全国统一的信用信息平台。 发展改革委、人民银行'])).toEqual([
      '到2020年,服务业增加值比重达到56%|发展改革委:lead,统计局:lead',
      '2017年底前,建成全国统一的信用信息平台|发展改革委:lead,人民银行:lead',
    ]);
  });
});

describe('a table one cell a line without a 序号 column', () => {
  it('reads each row as its task’s lines, its units and its deadline', async () => {
    expect(await rows(['某区重点任务分解表', '重点任务', '牵头单位', '配合单位', '完成时限', '推进城市更新', '区住建委', '区规资局、区财政局', '2022年底', '优化营商环境，推行一网通办', '区发改委', '区市场监管局', '长期'])).toEqual([
      '推进城市更新|区住建委:lead,区规资局:co,区财政局:co',
      '优化营商环境,推行一网通办|区发改委:lead,区市场监管局:co',
    ]);
  });
  it('reads units a line each under one unit column, and stops at the next heading', async () => {
    expect(await rows(['某区重点任务分解表', '工作任务', '责任单位', '推进城市更新', '区住建委', '区规资局', '优化营商环境', '区发改委', '二、保障措施', '加强领导。'])).toEqual([
      '推进城市更新|区住建委:lead,区规资局:lead',
      '优化营商环境|区发改委:lead',
    ]);
  });
});

describe('a header on one line above rows one cell a line', () => {
  it('reads the rows', async () => {
    expect(await rows(['某区重点任务分解表', '序号 重点任务 牵头单位 配合单位', '1', '推进城市更新', '区住建委', '区规资局', '2', '优化营商环境', '区发改委', '区市场监管局'])).toEqual([
      '推进城市更新|区住建委:lead,区规资局:co',
      '优化营商环境|区发改委:lead,区市场监管局:co',
    ]);
  });
});
