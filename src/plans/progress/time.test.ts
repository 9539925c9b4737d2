// Time that moves (issue 8): reporting periods open only inside a plan's period plus the grace days
// the office sets; a plan that ended before it was published opens none; after a target's deadline
// its status is final — 已达成 / 未达成 from the last value the office accepted, never 未报送.
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { progressReports, reportTargetValues, reportingPeriods } from '../tables';
import { savePlanSettings, readPlanSettings } from '../settings/service';
import { getDashboard } from '../dashboard/service';
import { ensurePeriods, getPlanTracking } from './service';
import { at, trackingFixture, type TrackingFixture } from './testing';

forEachDb('time that moves', (getDb) => {
  let f: TrackingFixture;
  let old: TrackingFixture;

  beforeAll(async () => {
    const { db } = getDb();
    // a 2026–2027 plan published in January 2026, and an old 2021–2023 plan imported in 2026
    f = await trackingFixture(db);
    old = await trackingFixture(db, { startYear: 2021, endYear: 2023, publishedAt: new Date('2026-03-01T02:00:00Z') });
  });

  it('opens no period for a plan that ended before it was published', async () => {
    const { db } = getDb();
    expect(await ensurePeriods(db, old.tenantId, old.planId, '2026-11-30')).toEqual([]);
  });

  it('opens periods only inside the plan period, then as many grace days as the office sets', async () => {
    const { db } = getDb();
    const labels = async () => (await ensurePeriods(db, f.tenantId, f.planId, '2028-05-20')).map((p) => p.label);
    const inside = await labels();
    expect(inside[0]).toBe('2026年第1季度');
    expect(inside.at(-1)).toBe('2027年第4季度');
    expect(inside).toHaveLength(8);
    expect((await readPlanSettings(db, f.tenantId)).reportingGraceDays).toBe(0);
    await savePlanSettings(db, f.office, { version: 0, reportingGraceDays: 60, unitNames: [] });
    expect((await labels()).at(-1)).toBe('2028年第1季度');
    // the setting is the authority's own: the other fixture's tenant keeps the default
    expect((await readPlanSettings(db, old.tenantId)).reportingGraceDays).toBe(0);
    await expect(savePlanSettings(db, f.office, { version: 0, reportingGraceDays: 30, unitNames: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(savePlanSettings(db, f.deptA, { version: 1, reportingGraceDays: 30, unitNames: [] })).rejects.toMatchObject({ status: 403 });
  });

  it('after the deadline a target is 未达成 or 已达成 from the last accepted value, never 未报送 or 滞后', async () => {
    const { db } = getDb();
    // t3 消费投诉率 ≤ 5‰, due 2026; t1 due 2027. A submitted (not accepted) value meets t3.
    const [q4] = (await db.select().from(reportingPeriods).where(eq(reportingPeriods.planId, f.planId))).filter((p) => p.label === '2026年第4季度');
    const [rep] = await db
      .insert(progressReports)
      .values({ tenantId: f.tenantId, planId: f.planId, departmentId: f.depA, periodId: q4.id, status: 'submitted', submittedAt: at('2027-01-05') })
      .returning();
    await db.insert(reportTargetValues).values({ tenantId: f.tenantId, reportId: rep.id, targetId: f.t3, value: 4.5, asOf: '2026-12-31' });

    const before = await getPlanTracking(db, f.office, f.planId, '2026-12-20');
    expect(before.targets.find((t) => t.id === f.t3)!.status).toBe('achieved'); // before the deadline the submitted value counts
    const after = await getPlanTracking(db, f.office, f.planId, '2027-01-20');
    const t3 = after.targets.find((t) => t.id === f.t3)!;
    expect(t3.status).toBe('missed'); // not accepted by the deadline's judgement: final 未达成
    expect(t3.statusLabel).toBe('未达成');
    expect(after.targets.find((t) => t.id === f.t2)!.status).toBe('no_report'); // due 2027: still running
    await db.update(progressReports).set({ status: 'accepted' }).where(eq(progressReports.id, rep.id));
    const accepted = await getPlanTracking(db, f.office, f.planId, '2027-01-20');
    expect(accepted.targets.find((t) => t.id === f.t3)!.status).toBe('achieved');
    // a year later, with no report ever for t1 and t2 (due 2027): 未达成, not 未报送
    const later = await getPlanTracking(db, f.office, f.planId, '2028-02-01');
    expect(later.targets.find((t) => t.id === f.t1)!.status).toBe('missed');
    expect(later.counts.no_report).toBe(0);
    // the 驾驶舱 lists them as expired (未达成), with the last accepted value
    const dash = await getDashboard(db, f.office, '2028-02-01');
    expect(dash.expired.map((e) => [e.indicator, e.deadline, e.latestValue])).toEqual([
      ['产品质量监督抽查合格率', '2027-12-31', null],
      ['新增区级以上品牌', '2027-12-31', null],
    ]);
    expect(dash.totals.missed).toBe(2);
    expect(dash.totals.achieved).toBe(1);
  });
});
