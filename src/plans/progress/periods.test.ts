// ensurePeriods on the database: cycles, labels, due dates on the working-day calendar (National
// Day 2025 and 2026, an admin's calendar override), the plan's term, idempotence.
import { expect, it } from 'vitest';
import { saveOverride } from '../../org/calendar/index';
import { forEachDb } from '../../core/db/testing';
import { ensurePeriods } from './service';
import { at, trackingFixture } from './testing';

forEachDb('reporting periods', (getDb) => {
  it('monthly periods across National Day 2025: September is due on 2025-10-14 (5th working day)', async () => {
    const { db } = getDb();
    const f = await trackingFixture(db, { publishedAt: at('2025-08-15'), cycle: 'monthly', startYear: 2025, endYear: 2026 });
    const p = await ensurePeriods(db, f.tenantId, f.planId, '2025-11-03');
    expect(p.map((x) => [x.label, x.startDate, x.endDate, x.dueDate])).toEqual([
      ['2025年8月', '2025-08-01', '2025-08-31', '2025-09-05'],
      ['2025年9月', '2025-09-01', '2025-09-30', '2025-10-14'], // Oct 1–8 off; Oct 9, 10, Sat 11 (调休), 13, 14
      ['2025年10月', '2025-10-01', '2025-10-31', '2025-11-07'],
      ['2025年11月', '2025-11-01', '2025-11-30', '2025-12-05'],
    ]);
    // idempotent: the same rows again, nothing duplicated
    const again = await ensurePeriods(db, f.tenantId, f.planId, '2025-11-03');
    expect(again.map((x) => x.id)).toEqual(p.map((x) => x.id));
  });

  it('half-yearly and quarterly periods stop at the end of the plan term; drafts have none', async () => {
    const { db } = getDb();
    const f = await trackingFixture(db, { publishedAt: at('2026-03-02'), cycle: 'half_yearly', startYear: 2026, endYear: 2027 });
    const p = await ensurePeriods(db, f.tenantId, f.planId, '2028-05-01');
    expect(p.map((x) => x.label)).toEqual(['2026年上半年', '2026年下半年', '2027年上半年', '2027年下半年']);
    // 2027's official schedule is not entered: 1 Jan 2027 (Fri) is 元旦 by the statutory estimate → Jan 4, 5, 6, 7, 8
    expect(p[1].dueDate).toBe('2027-01-08');
    expect(await ensurePeriods(db, f.tenantId, f.draftPlanId, '2028-05-01')).toEqual([]);
  });

  it('Q3 2026 across National Day 2026 is due 2026-10-13; an admin override moves it', async () => {
    const { db } = getDb();
    const f = await trackingFixture(db, { publishedAt: at('2026-07-01') });
    expect((await ensurePeriods(db, f.tenantId, f.planId, '2026-10-01')).map((x) => [x.label, x.dueDate])).toEqual([
      ['2026年第3季度', '2026-10-13'],
      ['2026年第4季度', '2027-01-08'],
    ]);
    // another authority declares Mon 2026-10-12 a day off: its due date is one working day later
    const g = await trackingFixture(db, { publishedAt: at('2026-07-01') });
    await saveOverride(db, g.tenantId, { date: '2026-10-12', kind: 'holiday', name: '地方假日' });
    expect((await ensurePeriods(db, g.tenantId, g.planId, '2026-09-01'))[0].dueDate).toBe('2026-10-14');
  });

  it('a plan imported after its term (the demo seeds: 2021–2023 published in 2026) opens no reporting period', async () => {
    const { db } = getDb();
    const f = await trackingFixture(db, { publishedAt: at('2026-11-25'), startYear: 2021, endYear: 2023 });
    expect((await ensurePeriods(db, f.tenantId, f.planId, '2027-01-20')).map((x) => x.label)).toEqual([]);
  });
});
