// 年度考核 over HTTP on a hand-computed fixture (2026, computed on 2027-01-20):
//   区市场监管局  按时 3/4 × 30 = 22.5 · 目标 1/2 × 50 = 25 · 任务 1/2 × 20 = 10 → 57.5 D
//   区经信局      按时 4/4 × 30 = 30   · 目标 1/1 × 50 = 50 · 任务 1/1 × 20 = 20 → 100 A (veto → D)
//   区科技局      按时 4/4 × 30 = 30   · 目标 1/1 × 50 = 50 · 任务 3/4 × 20 = 15 → 95 A
//   区农业农村局  按时 2/4 · 目标 1/1 (2028 年到期, 正常) · 无任务: 权重 30+50 按比例放大到 100 →
//                 2/4 × 37.5 = 18.75 + 1/1 × 62.5 = 62.5 → 81.25 B
// then an adjustment (reason required, audited, kept on recompute), the veto, scoping of department
// users, the scheme as data, and the Excel export parsed back with exceljs.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { insertPlanFixture, supervisionApp, type FixtureReport } from '../notices/fixture';
import { demoTenant, departmentActor, officeActor } from '../testing';
import { gradeOf, partScore, schemeProblems, scoreParts, DEFAULT_SCHEME } from './model';
import type { AssessmentOut } from './schemas';

describe('assessment rules', () => {
  it('grades by the cut-offs, the veto forces D', () => {
    const g = DEFAULT_SCHEME.grades;
    expect([90, 89.99, 80, 79.5, 60, 59.99, 0].map((s) => gradeOf(s, g, false))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D']);
    expect(gradeOf(100, g, true)).toBe('D');
  });
  it('scores a part as ratio × weight; a part with nothing due gives its weight to the others', () => {
    expect(partScore('onTime', 3, 4, 30)).toMatchObject({ applicable: true, ratio: 0.75, points: 22.5, formula: '按时报送 3 份 / 应报送 4 份 × 30 = 22.5 分' });
    expect(partScore('tasks', 1, 3, 20).points).toBe(6.67);
    expect(partScore('tasks', 0, 0, 20)).toMatchObject({ applicable: false, points: 0 });
    const w = DEFAULT_SCHEME.weights;
    // a department that reported everything on time and met its one target, with no task: 100, not 80
    expect(scoreParts({ onTime: { met: 4, total: 4 }, targets: { met: 1, total: 1 }, tasks: { met: 0, total: 0 } }, w)!.total).toBe(100);
    const half = scoreParts({ onTime: { met: 1, total: 2 }, targets: { met: 0, total: 0 }, tasks: { met: 0, total: 0 } }, w)!;
    expect(half.total).toBe(50);
    expect(half.parts.onTime.formula).toBe('按时报送 1 份 / 应报送 2 份 × 100（权重 30 按比例调整） = 50 分');
    expect(scoreParts({ onTime: { met: 0, total: 0 }, targets: { met: 0, total: 0 }, tasks: { met: 0, total: 0 } }, w)).toBeNull();
  });
  it('checks a scheme', () => {
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
    expect(schemeProblems({ ...DEFAULT_SCHEME, grades: { A: 80, B: 90, C: 60 } }).map((p) => p.field)).toEqual(['grades']);
  });
});

forEachDb('assessment', (getDb) => {
  let app: FastifyInstance;
  const now = { value: new Date('2027-01-20T02:00:00Z') };
  const sessions = new Map<string, Actor>();
  const dep: Record<string, number> = {};

  const call = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, ...(who ? { headers: { cookie: `zl_session=${who}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

  const periods = [
    { key: 'q1', label: '2026年第1季度', start: '2026-01-01', end: '2026-03-31', due: '2026-04-10' },
    { key: 'q2', label: '2026年第2季度', start: '2026-04-01', end: '2026-06-30', due: '2026-07-10' },
    { key: 'q3', label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30', due: '2026-10-13' },
    { key: 'q4', label: '2026年第4季度', start: '2026-10-01', end: '2026-12-31', due: '2027-01-08' },
  ];
  const onTimeAll = (d: number): FixtureReport[] =>
    ['q1', 'q2', 'q3'].map((p, i) => ({ period: p, department: d, status: 'accepted', submittedAt: `2026-${['04', '07', '10'][i]}-08T03:00:00Z` }));

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    for (const [k, name] of Object.entries({ market: '区市场监管局', industry: '区经信局', science: '区科技局', farming: '区农业农村局', education: '区教育局' })) {
      dep[k] = await demo.departmentId(name);
    }
    sessions.set('office', officeActor(demo.tenantId));
    sessions.set('admin', { ...officeActor(demo.tenantId), role: 'admin', username: 'admin' });
    sessions.set('market', departmentActor(demo.tenantId, dep.market));
    await insertPlanFixture(db, demo.tenantId, {
      title: '示范区质量提升行动计划（2026年）',
      targets: [
        { key: 'm1', indicator: '产品质量监督抽查合格率', value: 95, baselineValue: 90, departments: [[dep.market, 'lead']] },
        { key: 'm2', indicator: '质量品牌数量', value: 100, baselineValue: 50, unit: '个', departments: [[dep.market, 'lead']] },
        { key: 's1', indicator: '质量事故发生率', comparator: '<=', value: 5, departments: [[dep.science, 'lead']] },
        { key: 'i1', indicator: '规上企业质量管理体系认证率', value: 10, departments: [[dep.industry, 'lead']] },
        // due 2028: judged against the line from 0 (2026-01-01) to 100 (2028-12-31); 40 on 2026-06-30 is ahead → 正常
        { key: 'f1', indicator: '绿色食品认证面积', value: 100, baselineValue: 0, unit: '万亩', deadlineYear: 2028, departments: [[dep.farming, 'lead']] },
      ],
      tasks: [
        { key: 'mk1', title: '开展质量提升示范区创建', departments: [[dep.market, 'lead']] },
        { key: 'mk2', title: '开展计量惠民活动', departments: [[dep.market, 'lead']] },
        { key: 'sk1', title: '建设检验检测公共服务平台', departments: [[dep.science, 'lead']] },
        { key: 'sk2', title: '推动质量技术攻关', departments: [[dep.science, 'lead']] },
        { key: 'sk3', title: '培育科技型企业', departments: [[dep.science, 'lead']] },
        { key: 'sk4', title: '建设质量创新中心', departments: [[dep.science, 'lead']] },
        { key: 'ik1', title: '推进企业首席质量官制度', departments: [[dep.industry, 'lead']] },
      ],
      periods,
      reports: [
        { period: 'q1', department: dep.market, status: 'submitted', submittedAt: '2026-04-08T03:00:00Z' },
        { period: 'q2', department: dep.market, status: 'accepted', submittedAt: '2026-07-10T09:00:00Z' }, // 17:00 on the due day: on time
        { period: 'q3', department: dep.market, status: 'submitted', submittedAt: '2026-10-13T17:00:00Z' }, // 01:00 on 10-14 in Shanghai: late
        {
          period: 'q4',
          department: dep.market,
          status: 'submitted',
          submittedAt: '2027-01-05T03:00:00Z',
          values: [
            { target: 'm1', value: 96, asOf: '2026-12-31' },
            { target: 'm2', value: 60, asOf: '2026-12-31' },
          ],
          tasks: [
            { task: 'mk1', status: 'done' },
            { task: 'mk2', status: 'in_progress' },
          ],
        },
        ...onTimeAll(dep.science),
        {
          period: 'q4',
          department: dep.science,
          status: 'accepted',
          submittedAt: '2027-01-06T03:00:00Z',
          values: [{ target: 's1', value: 4, asOf: '2026-12-31' }],
          tasks: [
            { task: 'sk1', status: 'done' },
            { task: 'sk2', status: 'done' },
            { task: 'sk3', status: 'done' },
            { task: 'sk4', status: 'blocked', note: '资金未到位' },
          ],
        },
        ...onTimeAll(dep.industry),
        {
          period: 'q4',
          department: dep.industry,
          status: 'submitted',
          submittedAt: '2027-01-08T08:00:00Z',
          values: [{ target: 'i1', value: 12, asOf: '2026-12-31' }],
          tasks: [{ task: 'ik1', status: 'done' }],
        },
        { period: 'q1', department: dep.farming, status: 'submitted', submittedAt: '2026-04-09T03:00:00Z' },
        { period: 'q2', department: dep.farming, status: 'submitted', submittedAt: '2026-07-09T03:00:00Z', values: [{ target: 'f1', value: 40, asOf: '2026-06-30' }] },
        // q3: nothing; q4: returned (does not count, nor do its values)
        { period: 'q4', department: dep.farming, status: 'returned', submittedAt: '2027-01-05T03:00:00Z', values: [{ target: 'f1', value: 1, asOf: '2026-12-31' }] },
      ],
    });
    // a draft plan's department is not assessed
    await insertPlanFixture(db, demo.tenantId, {
      title: '草稿计划',
      status: 'draft',
      tasks: [{ key: 'e', title: '草稿任务', departments: [[dep.education, 'lead']] }],
    });
    app = await supervisionApp(db, sessions, now);
  });
  afterAll(async () => {
    await app?.close();
  });

  let items: AssessmentOut[];
  const byName = (name: string) => items.find((a) => a.departmentName === name)!;

  it('computes every assessed department exactly, with the breakdown', async () => {
    const res = await call('office', 'POST', '/api/assessments/compute', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    items = res.json().items;
    expect(items.map((a) => [a.departmentName, a.breakdown.onTime.points, a.breakdown.targets.points, a.breakdown.tasks.points, a.computedScore, a.grade])).toEqual([
      ['区市场监管局', 22.5, 25, 10, 57.5, 'D'],
      ['区经信局', 30, 50, 20, 100, 'A'],
      ['区科技局', 30, 50, 15, 95, 'A'],
      ['区农业农村局', 18.75, 62.5, 0, 81.25, 'B'],
    ]);
    const m = byName('区市场监管局').breakdown;
    expect(m.onTime).toMatchObject({ met: 3, total: 4, ratio: 0.75, weight: 30, formula: '按时报送 3 份 / 应报送 4 份 × 30 = 22.5 分' });
    expect(m.onTime.details.map((d) => [d.periodLabel, d.submittedOn, d.onTime])).toEqual([
      ['2026年第1季度', '2026-04-08', true],
      ['2026年第2季度', '2026-07-10', true],
      ['2026年第3季度', '2026-10-14', false],
      ['2026年第4季度', '2027-01-05', true],
    ]);
    expect(m.targets).toMatchObject({ met: 1, total: 2 });
    expect(m.targets.details.map((d) => [d.indicator, d.status, d.counted])).toEqual([
      ['产品质量监督抽查合格率', 'achieved', true],
      ['质量品牌数量', 'behind', false],
    ]);
    expect(m.tasks).toMatchObject({ met: 1, total: 2 });
    expect(m.totalFormula).toBe('按时报送 22.5 + 目标完成 25 + 任务完成 10 = 57.5 分');
    const f = byName('区农业农村局').breakdown;
    expect(f.onTime).toMatchObject({ met: 2, total: 4 });
    expect(f.targets).toMatchObject({ met: 1, total: 1, effectiveWeight: 62.5 });
    expect(f.targets.details[0].status).toBe('on_track');
    expect(f.tasks).toMatchObject({ applicable: false, points: 0, total: 0 });
    expect(items.some((a) => a.departmentName === '区教育局')).toBe(false);
  });

  it('refuses an adjustment without a written reason', async () => {
    const a = byName('区市场监管局');
    const none = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 60, reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('ADJUSTMENT_REASON_REQUIRED');
    expect(none.json().message).toContain('理由');
    const short = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 60, reason: '加分' });
    expect(short.json().code).toBe('ADJUSTMENT_REASON_REQUIRED');
    const missing = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 60 });
    expect(missing.statusCode).toBe(400);
    const tooHigh = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 101, reason: '经领导小组研究同意调整得分' });
    expect(tooHigh.json().code).toBe('VALIDATION_FAILED');
    const unchanged = (await call('office', 'GET', `/api/assessments/${a.id}`)).json();
    expect(unchanged.assessment.adjustedScore).toBeNull();
    expect(unchanged.history).toEqual([]);
  });

  it('adjusts with a reason (audited, shown), keeps it on recompute; the veto forces D', async () => {
    const a = byName('区市场监管局');
    const reason = '第三季度逾期系系统故障所致，经领导小组研究同意调整';
    const res = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 60, reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assessment).toMatchObject({ computedScore: 57.5, adjustedScore: 60, finalScore: 60, adjustmentReason: reason, grade: 'C' });
    const stale = await call('office', 'PATCH', `/api/assessments/${a.id}`, { version: a.version, adjustedScore: 70, reason });
    expect(stale.statusCode).toBe(409);

    const detail = (await call('office', 'GET', `/api/assessments/${a.id}`)).json();
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ actorName: '质量办（测试）', adjustedScore: 60, reason });
    const audit = (await call('admin', 'GET', '/api/admin/audit?entityType=assessment')).json();
    const mine = audit.items.filter((x: { entityId: string }) => x.entityId === a.id);
    expect(mine.map((x: { action: string }) => x.action)).toEqual(['assessment.adjust']);
    expect(mine[0].after).toMatchObject({ adjustedScore: 60, reason });
    expect(mine[0].before).toMatchObject({ adjustedScore: null, computedScore: 57.5, grade: 'D' });

    const ind = byName('区经信局');
    const veto = await call('office', 'PATCH', `/api/assessments/${ind.id}`, { version: ind.version, veto: true, reason: '辖区发生区域性产品质量安全事件' });
    expect(veto.json().assessment).toMatchObject({ computedScore: 100, veto: true, vetoReason: '辖区发生区域性产品质量安全事件', grade: 'D' });

    const again = await call('office', 'POST', '/api/assessments/compute', { year: 2026 });
    items = again.json().items;
    expect(byName('区市场监管局')).toMatchObject({ computedScore: 57.5, adjustedScore: 60, adjustmentReason: reason, grade: 'C' });
    expect(byName('区经信局')).toMatchObject({ computedScore: 100, veto: true, grade: 'D' });
    expect(byName('区科技局').grade).toBe('A');
  });

  it('shows a department user only its own assessment', async () => {
    const mine = await call('market', 'GET', '/api/assessments?year=2026');
    expect(mine.json().items.map((a: AssessmentOut) => a.departmentName)).toEqual(['区市场监管局']);
    const sci = byName('区科技局');
    expect((await call('market', 'GET', `/api/assessments/${sci.id}`)).statusCode).toBe(404);
    expect((await call('market', 'PATCH', `/api/assessments/${sci.id}`, { version: sci.version, adjustedScore: 1, reason: '我想改别人的分数试试看' })).statusCode).toBe(403);
    expect((await call('market', 'POST', '/api/assessments/compute', { year: 2026 })).statusCode).toBe(403);
  });

  it('exports the results to Excel with Chinese columns', async () => {
    const res = await call('office', 'GET', '/api/assessments/export?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核结果')!;
    expect(String(ws.getCell(1, 1).value)).toBe('示范区质量工作领导小组办公室2026年度质量提升行动责任单位考核结果（满分100分）');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '责任单位', '按时报送（30分）', '目标完成（50分）', '任务完成（20分）', '计算得分', '调整后得分', '调整理由', '一票否决', '最终得分', '等级', '计算依据']);
    expect(ws.getCell(2, 1).font?.bold).toBe(true);
    expect((ws.getCell(2, 1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FF1F4E79');
    const rows = [3, 4, 5, 6].map((r) => (ws.getRow(r).values as unknown[]).slice(1, 11));
    expect(rows).toEqual([
      [1, '区市场监管局', 22.5, 25, 10, 57.5, 60, '第三季度逾期系系统故障所致，经领导小组研究同意调整', '否', 60],
      [2, '区经信局', 30, 50, 20, 100, undefined, '', '是（辖区发生区域性产品质量安全事件）', 100],
      [3, '区科技局', 30, 50, 15, 95, undefined, '', '否', 95],
      [4, '区农业农村局', 18.75, 62.5, '不涉及', 81.25, undefined, '', '否', 81.25],
    ]);
    expect([3, 4, 5, 6].map((r) => ws.getCell(r, 11).value)).toEqual(['C（合格）', 'D（不合格）', 'A（优秀）', 'B（良好）']);
    expect(String(ws.getCell(3, 12).value)).toContain('按时报送 3 份 / 应报送 4 份 × 30 = 22.5 分');
    expect(wb.getWorksheet('计分规则')).toBeTruthy();
  });

  it('keeps the scheme as data: the office edits weights and cut-offs, the next compute uses them', async () => {
    const def = (await call('office', 'GET', '/api/assessments/schemes/2026')).json();
    expect(def.scheme).toMatchObject({ stored: true, weights: { onTime: 30, targets: 50, tasks: 20 }, grades: { A: 90, B: 80, C: 60 } });
    expect((await call('office', 'GET', '/api/assessments/schemes/2027')).json().scheme).toMatchObject({ stored: false, version: 0 });
    const bad = await call('office', 'PUT', '/api/assessments/schemes/2026', { version: def.scheme.version, weights: { onTime: 40, targets: 40, tasks: 20 }, grades: { A: 80, B: 85, C: 60 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('等级分数线应满足 A > B > C > 0');
    const ok = await call('office', 'PUT', '/api/assessments/schemes/2026', { version: def.scheme.version, weights: { onTime: 40, targets: 40, tasks: 20 }, grades: { A: 96, B: 80, C: 60 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call('market', 'PUT', '/api/assessments/schemes/2026', { version: 2, weights: { onTime: 1, targets: 1, tasks: 1 }, grades: { A: 3, B: 2, C: 1 } })).statusCode).toBe(403);
    items = (await call('office', 'POST', '/api/assessments/compute', { year: 2026 })).json().items;
    // 区市场监管局: 3/4 × 40 + 1/2 × 40 + 1/2 × 20 = 60; 区科技局: 40 + 40 + 15 = 95 < 96 → B
    expect(byName('区市场监管局')).toMatchObject({ computedScore: 60, adjustedScore: 60, grade: 'C' });
    expect(byName('区科技局')).toMatchObject({ computedScore: 95, grade: 'B' });
  });
});
