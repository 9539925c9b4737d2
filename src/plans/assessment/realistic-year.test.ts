// The assessment of a realistic year (2026, computed on 2027-01-25), the situation of issue 8: an
// authority with an old plan that ended in 2023 (still published, full of unfinished tasks), a
// five-year plan running 2023–2027 and the year's own work plan. Departments:
//   区市场监管局  works: reports every quarter on time, meets its 2026 target, finishes its tasks
//   区科技局      works late: two reports late, one target behind, one task blocked
//   区经信局      idle: named on the running plans, reports nothing
//   区教育局      named only on the plan that ended in 2023 → 不参评, not A
//   区商务局      reports on time and finishes its task, has no target → scored on reports and tasks,
//                 their weights (30 + 20) scaled up to 100
// A working department must grade above an idle one, and the ended plan must not count anywhere.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { insertPlanFixture, supervisionApp, type FixtureReport } from '../notices/fixture';
import { demoTenant, officeActor } from '../testing';
import type { AssessmentOut } from './schemas';

const Q = [
  { key: 'q1', label: '2026年第1季度', start: '2026-01-01', end: '2026-03-31', due: '2026-04-10' },
  { key: 'q2', label: '2026年第2季度', start: '2026-04-01', end: '2026-06-30', due: '2026-07-10' },
  { key: 'q3', label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30', due: '2026-10-13' },
  { key: 'q4', label: '2026年第4季度', start: '2026-10-01', end: '2026-12-31', due: '2027-01-08' },
];
const ON_TIME = ['2026-04-08T02:00:00Z', '2026-07-08T02:00:00Z', '2026-10-12T02:00:00Z', '2027-01-06T02:00:00Z'];
const LATE = ['2026-04-20T02:00:00Z', '2026-07-08T02:00:00Z', '2026-10-30T02:00:00Z', '2027-01-06T02:00:00Z'];

forEachDb('assessment of a realistic year', (getDb) => {
  let app: FastifyInstance;
  let items: AssessmentOut[];
  const now = { value: new Date('2027-01-25T02:00:00Z') };
  const sessions = new Map<string, Actor>();
  const dep: Record<string, number> = {};
  const byName = (name: string) => items.find((a) => a.departmentName === name);

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    for (const [k, name] of Object.entries({ market: '区市场监管局', science: '区科技局', industry: '区经信局', education: '区教育局', commerce: '区商务局' })) {
      dep[k] = await demo.departmentId(name);
    }
    sessions.set('office', officeActor(demo.tenantId));

    // 2021–2023: ended three years ago, still published; its tasks were never reported as done
    await insertPlanFixture(db, demo.tenantId, {
      title: '质量提升三年行动计划（2021—2023年）',
      periodStartYear: 2021,
      periodEndYear: 2023,
      targets: [
        { key: 'o1', indicator: '制造业产品质量合格率', value: 94, deadlineYear: 2023, departments: [[dep.market, 'lead'], [dep.education, 'co']] },
        { key: 'o2', indicator: '中小学质量教育覆盖率', value: 100, deadlineYear: 2023, departments: [[dep.education, 'lead']] },
      ],
      tasks: [
        { key: 'ok1', title: '开展质量进校园活动', dueDate: '2023-12-31', departments: [[dep.education, 'lead']] },
        { key: 'ok2', title: '实施标准化战略', departments: [[dep.market, 'lead']] },
        { key: 'ok3', title: '推进企业技术改造', departments: [[dep.industry, 'lead']] },
      ],
      periods: [{ key: 'old', label: '2023年第4季度', start: '2023-10-01', end: '2023-12-31', due: '2024-01-08' }],
      reports: [{ period: 'old', department: dep.market, status: 'submitted', submittedAt: '2024-03-01T02:00:00Z' }],
    });

    // 2023–2027: the running five-year plan
    const fiveYear = (d: number, times: string[], extra: Partial<Record<string, Partial<FixtureReport>>> = {}): FixtureReport[] =>
      Q.map((q, i) => ({ period: q.key, department: d, status: 'accepted' as const, submittedAt: times[i], ...(extra[q.key] ?? {}) }));
    await insertPlanFixture(db, demo.tenantId, {
      title: '质量强区建设实施方案（2023—2027年）',
      periodStartYear: 2023,
      periodEndYear: 2027,
      targets: [
        // due 2026: judged on the year-end value
        { key: 'm1', indicator: '产品质量监督抽查合格率', value: 96, baselineValue: 92, deadlineYear: 2026, departments: [[dep.market, 'lead']] },
        { key: 's1', indicator: '高新技术企业数', value: 120, baselineValue: 80, unit: '家', deadlineYear: 2026, departments: [[dep.science, 'lead']] },
        // due 2027: on the progress line counts
        { key: 'm2', indicator: '质量品牌数量', value: 60, baselineValue: 20, unit: '个', deadlineYear: 2027, departments: [[dep.market, 'lead']] },
        { key: 'i1', indicator: '规上工业企业质量管理体系认证率', value: 80, baselineValue: 50, deadlineYear: 2027, departments: [[dep.industry, 'lead']] },
      ],
      tasks: [
        { key: 'mk1', title: '开展计量惠民活动', dueDate: '2026-12-31', departments: [[dep.market, 'lead']] },
        { key: 'mk2', title: '建设质量基础设施一站式服务站', dueDate: '2027-06-30', departments: [[dep.market, 'lead']] },
        { key: 'sk1', title: '建设检验检测公共服务平台', dueDate: '2026-12-31', departments: [[dep.science, 'lead']] },
        { key: 'sk2', title: '推动质量技术攻关', dueDate: '2026-12-31', departments: [[dep.science, 'lead']] },
        { key: 'ik1', title: '推进企业首席质量官制度', dueDate: '2026-12-31', departments: [[dep.industry, 'lead']] },
        { key: 'ck1', title: '培育商贸流通质量品牌', dueDate: '2025-12-31', departments: [[dep.commerce, 'lead']] },
        { key: 'ck2', title: '开展放心消费示范创建', dueDate: '2026-12-31', departments: [[dep.commerce, 'lead']] },
        // due before 2026: does not count for 2026
        { key: 'mk0', title: '完成质量强区创建申报', dueDate: '2025-06-30', departments: [[dep.market, 'lead']] },
      ],
      periods: Q,
      reports: [
        ...fiveYear(dep.market, ON_TIME, {
          q4: {
            values: [
              { target: 'm1', value: 96.5, asOf: '2026-12-31' },
              { target: 'm2', value: 54, asOf: '2026-12-31' },
            ],
            tasks: [
              { task: 'mk1', status: 'done' },
              { task: 'mk2', status: 'in_progress' },
            ],
          },
        }),
        ...fiveYear(dep.commerce, ON_TIME, { q4: { tasks: [{ task: 'ck2', status: 'done' }] } }),
        ...fiveYear(dep.science, LATE, {
          q4: {
            values: [{ target: 's1', value: 101, asOf: '2026-12-31' }],
            tasks: [
              { task: 'sk1', status: 'done' },
              { task: 'sk2', status: 'blocked', note: '资金未到位' },
            ],
          },
        }),
      ],
    });
    app = await supervisionApp(db, sessions, now);
    const res = await app.inject({ method: 'POST', url: '/api/assessments/compute', payload: { year: 2026 }, headers: { cookie: 'zl_session=office' } });
    expect(res.statusCode, res.body).toBe(200);
    items = res.json().items;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('grades the working department above the idle one', () => {
    const market = byName('区市场监管局')!;
    const industry = byName('区经信局')!;
    expect(market.computedScore).toBeGreaterThan(industry.computedScore);
    expect(market.grade).toBe('A');
    // 经信局: 4 reports due, none sent; target i1 no report; task ik1 none → 0
    expect(industry).toMatchObject({ computedScore: 0, grade: 'D' });
    expect(industry.breakdown.onTime).toMatchObject({ met: 0, total: 4 });
    // 市场监管局: 4/4 on time; m1 achieved, m2 54 on 2026-12-31 ahead of its line (20 → 60 over 2023–2027: 52) ; mk1 done, mk2 in progress
    expect(market.breakdown.onTime).toMatchObject({ met: 4, total: 4 });
    expect(market.breakdown.targets).toMatchObject({ met: 2, total: 2 });
    expect(market.breakdown.tasks).toMatchObject({ met: 2, total: 2 });
    expect(market.computedScore).toBe(100);
    // 科技局 reported late twice, missed its target, one task blocked: between the two
    const science = byName('区科技局')!;
    expect(science.breakdown.onTime).toMatchObject({ met: 2, total: 4 });
    expect(science.breakdown.targets).toMatchObject({ met: 0, total: 1 });
    expect(science.breakdown.tasks).toMatchObject({ met: 1, total: 2 });
    expect(science.computedScore).toBe(25); // 15 + 0 + 10
    expect(science.computedScore).toBeLessThan(market.computedScore);
    expect(science.computedScore).toBeGreaterThan(industry.computedScore);
  });

  it('does not count plans that ended before the year, nor items due before it', () => {
    const market = byName('区市场监管局')!;
    const titles = [...market.breakdown.targets.details.map((d) => d.planTitle), ...market.breakdown.tasks.details.map((d) => d.planTitle), ...market.breakdown.onTime.details.map((d) => d.planTitle)];
    expect(titles.every((t) => t === '质量强区建设实施方案（2023—2027年）')).toBe(true);
    expect(market.breakdown.tasks.details.map((d) => d.title)).not.toContain('完成质量强区创建申报');
    expect(market.breakdown.excludedPlans).toEqual(['质量提升三年行动计划（2021—2023年）']);
  });

  it('shows a department with nothing assessable as 不参评, not graded A', () => {
    const edu = byName('区教育局')!;
    expect(edu).toBeDefined();
    expect(edu.grade).toBe('N');
    expect(edu.breakdown.assessed).toBe(false);
    expect(edu.breakdown.totalFormula).toContain('不参评');
  });

  it('re-weights over the parts that have something, and shows how', () => {
    const commerce = byName('区商务局')!;
    expect(commerce.breakdown.targets).toMatchObject({ applicable: false, total: 0, points: 0 });
    expect(commerce.breakdown.onTime).toMatchObject({ met: 4, total: 4, effectiveWeight: 60, points: 60 });
    expect(commerce.breakdown.tasks).toMatchObject({ met: 1, total: 1, effectiveWeight: 40, points: 40 });
    expect(commerce).toMatchObject({ computedScore: 100, grade: 'A' });
    // the task due in 2025 is not in the 2026 count
    expect(commerce.breakdown.tasks.details.map((d) => d.title)).toEqual(['开展放心消费示范创建']);
    const market = byName('区市场监管局')!;
    expect(market.breakdown.totalFormula).toBe('按时报送 30 + 目标完成 50 + 任务完成 20 = 100 分');
  });
});
