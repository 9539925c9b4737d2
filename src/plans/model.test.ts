// Pure rules of the plans domain: target field checks, upload names, department decisions.
import { describe, expect, it } from 'vitest';
import type { PlanExtraction } from '../ingest/index';
import type { Department } from '../org/departments/model';
import { autoResolve, checkUpload, matchNames, suggestTargetDepartments } from './import';
import { looksLikeUnitName } from '../org/departments/model';
import { extensionOf, guessDepartmentKind, targetProblems } from './model';

const dep = (id: number, name: string, extra: Partial<Department> = {}): Department => ({
  id,
  tenantId: 1,
  name,
  shortName: null,
  aliases: [],
  kind: 'department',
  sortOrder: id,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
  ...extra,
});

function extraction(partial: Partial<PlanExtraction>): PlanExtraction {
  return {
    schemaVersion: 1,
    source: { fileName: 'a.txt', format: 'txt', encoding: 'utf-8', normalizations: [] },
    text: '',
    metadata: { title: null, issuer: null, documentNumber: null, indexNumber: null, writtenDate: null, publishedDate: null, period: null, region: null },
    topics: [],
    outline: [],
    targets: [],
    tasks: [],
    departments: [],
    ...partial,
  };
}

describe('target checks', () => {
  it('a range needs an upper bound not below the lower one; other comparators take none', () => {
    expect(targetProblems({ comparator: 'range', value: 5, valueMax: null })).toEqual([{ field: 'valueMax', message: '区间目标须填写上限值' }]);
    expect(targetProblems({ comparator: 'range', value: 5, valueMax: 3 })[0].message).toBe('上限值不能小于下限值');
    expect(targetProblems({ comparator: 'range', value: 1, valueMax: 2 })).toEqual([]);
    expect(targetProblems({ comparator: '>=', value: 1, valueMax: 2 })[0].field).toBe('valueMax');
    expect(targetProblems({ indicator: '  ', comparator: '>=', value: 1 })[0].message).toBe('指标名称不能为空');
  });

  it('a span must lie inside the document text', () => {
    expect(targetProblems({ span: [3, 20] }, 10)[0].field).toBe('span');
    expect(targetProblems({ span: [3, 10] }, 10)).toEqual([]);
  });
});

describe('uploads', () => {
  it('takes the four document types by extension and refuses others, empty and oversized files', () => {
    expect(extensionOf('方案.DOCX')).toBe('.docx');
    expect(extensionOf('noext')).toBe('');
    for (const ok of ['a.txt', 'b.html', 'c.htm', 'd.docx', 'e.pdf']) expect(() => checkUpload(ok, 10)).not.toThrow();
    expect(() => checkUpload('a.doc', 10)).toThrow(/不支持的文件类型 \.doc/);
    expect(() => checkUpload('a.txt', 0)).toThrow(/文件是空的/);
    expect(() => checkUpload('a.pdf', 21 * 1024 * 1024)).toThrow(/文件过大/);
  });
});

describe('department decisions', () => {
  const directory = [
    dep(1, '区市场监管局', { aliases: ['区市场监管分局'] }),
    dep(2, '区科技局', { shortName: '科技局', aliases: ['区科委'] }),
    dep(3, '区经信局'),
  ];

  it('matches names exactly, by alias, by a near match to confirm, or not at all', () => {
    const ex = extraction({
      departments: ['区市场监管局', '区科委', '县经信局', '区港航分中心', '政府可以委托国家职业教育指导咨询委员会'],
      tasks: [
        { marker: null, title: 't', span: [0, 1], deadline: null, departments: [{ name: '区科委', role: 'lead' }, { name: '区港航分中心', role: 'co' }] },
        { marker: null, title: 'v', span: [2, 3], deadline: null, departments: [{ name: '政府可以委托国家职业教育指导咨询委员会', role: 'co' }] },
        { marker: null, title: 'u', span: [1, 2], deadline: null, departments: [{ name: '区科委', role: 'lead' }] },
      ],
    });
    const m = Object.fromEntries(matchNames(ex, directory).map((x) => [x.name, x]));
    expect(m['区市场监管局']).toMatchObject({ status: 'exact', match: { department: { id: '1' } } });
    expect(m['区科委']).toMatchObject({ status: 'alias', taskCount: 2, match: { department: { id: '2' } } });
    expect(m['县经信局']).toMatchObject({ status: 'suggested', match: null, suggestions: [{ department: { id: '3' } }] });
    expect(m['区港航分中心']).toMatchObject({ status: 'none', suggestions: [], unitLike: true });
    expect(m['政府可以委托国家职业教育指导咨询委员会']).toMatchObject({ status: 'none', unitLike: false });
    // without review: certain matches and same-core-name matches are linked, unit names created, fragments ignored
    expect(autoResolve(Object.values(m))).toEqual([
      { name: '区市场监管局', action: 'link', departmentId: '1' },
      { name: '区科委', action: 'link', departmentId: '2' },
      { name: '县经信局', action: 'link', departmentId: '3', addAlias: true },
      { name: '区港航分中心', action: 'create' },
      { name: '政府可以委托国家职业教育指导咨询委员会', action: 'ignore' },
    ]);
  });

  it('tells unit names from sentence fragments, and takes the authority’s own names', () => {
    const units = ['区市场监管局', '国家职业教育指导咨询委员会', '区科协', '区妇联', '新河镇人民政府', '城关街道', '区供电公司', '区消防救援大队', '区检验检测中心', '区人民法院', '区委宣传部', '县气象站', '区计量所', '区发展和改革局', '区人力资源和社会保障局'];
    const fragments = ['政府可以委托国家职业教育指导咨询委员会', '各有关部门', '负责牵头的单位', '按照要求开展质量提升行动', '企业', '质量', '等相关单位', '区市场监管局、区科技局', '鼓励社会组织参与'];
    for (const n of units.filter((u) => u !== '区科协' && u !== '区妇联')) expect(looksLikeUnitName(n), n).toBe(true);
    for (const n of fragments) expect(looksLikeUnitName(n), n).toBe(false);
    // 科协 / 妇联 end in no unit word: the authority keeps them on its list
    expect(looksLikeUnitName('区科协')).toBe(false);
    expect(looksLikeUnitName('区科协', ['科协', '妇联'])).toBe(true);
    expect(looksLikeUnitName('区妇联', ['科协', '妇联'])).toBe(true);
  });

  it('a target inside a task paragraph is suggested to that (innermost) task’s departments', () => {
    const ex = extraction({
      targets: [
        { indicator: 'a', comparator: '>=', value: 1, unit: '家', kind: 'level', deadline: null, span: [15, 20] },
        { indicator: 'b', comparator: '>=', value: 1, unit: '家', kind: 'level', deadline: null, span: [120, 125] },
      ],
      tasks: [
        { marker: '一', title: 'outer', span: [0, 100], deadline: null, departments: [{ name: '区经信局', role: 'lead' }] },
        { marker: '1', title: 'inner', span: [10, 30], deadline: null, departments: [{ name: '区科技局', role: 'lead' }, { name: '区财政局', role: 'co' }] },
      ],
    });
    expect(suggestTargetDepartments(ex)).toEqual([
      [
        { name: '区科技局', role: 'lead' },
        { name: '区财政局', role: 'co' },
      ],
      [],
    ]);
  });

  it('guesses the kind of a department created by an import from its name', () => {
    expect(guessDepartmentKind('区生态环境分局')).toBe('agency');
    expect(guessDepartmentKind('区人民法院')).toBe('judicial');
    expect(guessDepartmentKind('区金融办')).toBe('office');
    expect(guessDepartmentKind('区委宣传部')).toBe('party');
    expect(guessDepartmentKind('区商务局')).toBe('department');
    expect(guessDepartmentKind('沈家门海事处')).toBe('other');
  });
});
