// The 驾驶舱 kept per plan (decision 030): right after each write the office sees the change, the
// figures are the same as computed from nothing, and a write recomputes the plan it touched, not the
// whole authority.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { writeAudit } from '../../org/audit/service';
import { updateDepartment, getDepartment } from '../../org/departments/service';
import { acceptReport, createReport, ensurePeriods, returnReport, submitReport, updateReport } from '../progress/service';
import { at, trackingFixture, type TrackingFixture } from '../progress/testing';
import { publishPlan, updateTarget, getTarget } from '../service';
import { computeDashboard, getDashboard, lastDashboardRefresh, type Dashboard } from './service';

const TODAY = '2026-10-20';

forEachDb('dashboard kept per plan', (getDb) => {
  let f: TrackingFixture;
  let q3: number;

  beforeAll(async () => {
    f = await trackingFixture(getDb().db); // published 2026-01-05, quarterly: Q3 due 10-13
    q3 = (await ensurePeriods(getDb().db, f.tenantId, f.planId, TODAY)).find((p) => p.label === '2026年第3季度')!.id;
  });
  afterAll(() => {});

  /** The dashboard as the office gets it, checked against the one computed from nothing. */
  const dashboard = async (): Promise<Dashboard> => {
    const { db } = getDb();
    const d = await getDashboard(db, f.office, TODAY);
    expect(d).toEqual(await computeDashboard(db, f.tenantId, TODAY));
    return d;
  };
  const overdueOf = (d: Dashboard) => d.overdue.map((o) => `${o.periodLabel} ${o.departmentName} ${o.reportStatus ?? '未建'}`);
  const rateOf = (d: Dashboard, name: string) => {
    const r = d.onTime.find((o) => o.departmentName === name)!;
    return [r.due, r.onTime, r.late, r.missing];
  };

  it('shows a report right after it is submitted, returned, resubmitted and accepted, recomputing only its plan', async () => {
    const { db } = getDb();
    const d0 = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe('all');
    expect(overdueOf(d0)).toEqual([
      '2026年第1季度 区市场监管局 未建',
      '2026年第1季度 区科技局 未建',
      '2026年第2季度 区市场监管局 未建',
      '2026年第2季度 区科技局 未建',
      '2026年第3季度 区市场监管局 未建',
      '2026年第3季度 区科技局 未建',
    ]);
    expect(d0.totals.no_report).toBe(3);

    // 区市场监管局 reports its third quarter with 合格率 96% (the target value: 已达成), late
    const created = await createReport(db, f.deptA, { planId: f.planId, periodId: q3 }, at(TODAY));
    const draft = await updateReport(db, f.deptA, created.report.id, { version: created.report.version, text: '三季度进展', targets: [{ targetId: f.t1, value: 96, asOf: '2026-09-30' }] }, at(TODAY));
    const sent = await submitReport(db, f.deptA, draft.report.id, draft.report.version, at(TODAY));
    const d1 = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(1);
    expect(overdueOf(d1)).not.toContain('2026年第3季度 区市场监管局 未建');
    expect(d1.overdueTotal).toBe(5);
    expect(rateOf(d1, '区市场监管局')).toEqual([3, 0, 1, 2]);
    expect(d1.plans[0].counts.achieved).toBe(1);
    expect(d1.totals.no_report).toBe(2);

    // the office returns it: overdue again, as 已退回, and the value no longer counts
    const back = await returnReport(db, f.office, sent.report.id, sent.report.version, '请补充佐证材料', at(TODAY));
    const d2 = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(1);
    expect(overdueOf(d2)).toContain('2026年第3季度 区市场监管局 returned');
    expect(d2.overdueTotal).toBe(6);
    expect(rateOf(d2, '区市场监管局')).toEqual([3, 0, 0, 3]);
    expect(d2.plans[0].counts.achieved).toBe(0);

    // resubmitted and accepted
    const again = await submitReport(db, f.deptA, back.report.id, back.report.version, at(TODAY));
    expect(rateOf(await dashboard(), '区市场监管局')).toEqual([3, 0, 1, 2]);
    await acceptReport(db, f.office, again.report.id, again.report.version, at(TODAY));
    const d4 = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(1);
    expect(d4.plans[0].counts.achieved).toBe(1);
  });

  it('keeps the figures when nothing that bears on them changed (a sign-in), follows a target edit', async () => {
    const { db } = getDb();
    const before = await dashboard();
    await writeAudit(db, { actor: f.office, action: 'auth.login', entityType: 'user', entityId: 1 });
    expect(await getDashboard(db, f.office, TODAY)).toBe(before); // the same figures, not recomputed
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(0);

    // the office raises 合格率's target to 98%: 96% is no longer achieved
    const t1 = await getTarget(db, f.office, f.planId, f.t1);
    await updateTarget(db, f.office, f.planId, f.t1, { version: t1.version, value: 98 });
    const d = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(1);
    expect(d.plans[0].counts.achieved).toBe(0);
  });

  it('adds a plan when it is published, renames a department everywhere (every plan recomputed)', async () => {
    const { db } = getDb();
    await publishPlan(db, f.office, f.draftPlanId, undefined, at('2026-03-02'));
    const d = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe(1);
    expect(d.plans.map((p) => p.title)).toEqual(['质量强区建设实施方案（2026—2027年）', '草稿计划']);
    expect(d.totals.no_report + d.totals.on_track + d.totals.behind + d.totals.warning + d.totals.achieved + d.totals.missed).toBe(4);

    const dep = await getDepartment(db, f.admin, f.depB);
    await updateDepartment(db, f.admin, f.depB, { version: dep.version, name: '区科学技术局' });
    const renamed = await dashboard();
    expect(lastDashboardRefresh(db, f.tenantId)).toBe('all');
    expect(renamed.onTime.map((o) => o.departmentName)).toContain('区科学技术局');
    expect(overdueOf(renamed).some((o) => o.includes('区科技局'))).toBe(false);
  });
});
