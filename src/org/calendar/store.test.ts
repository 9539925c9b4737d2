// The override table round trip on a real PostgreSQL engine (PGlite in-process). The table is
// created from tables.ts by drizzle-kit's own SQL generator, so the test sees what the migration
// will create.
import { PGlite } from '@electric-sql/pglite';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteOverride, loadCalendar, loadOverrides, replaceYear, saveOverride, type CalendarDb } from './store';
import * as tables from './tables';

const A = 1;
const B = 2;

let client: PGlite;
let db: CalendarDb;

beforeAll(async () => {
  client = new PGlite();
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson({ ...tables }));
  for (const s of statements) await client.exec(s);
  db = drizzle(client) as unknown as CalendarDb;
});

afterAll(async () => {
  await client?.close();
});

describe('calendar override store', () => {
  it('saves, replaces and deletes one day, and the loaded calendar follows', async () => {
    expect((await loadCalendar(db, A)).isWorkingDay('2026-10-10')).toBe(true);

    await saveOverride(db, A, { date: '2026-10-10', kind: 'holiday', name: '本地调整' });
    let cal = await loadCalendar(db, A);
    expect(cal.isWorkingDay('2026-10-10')).toBe(false);
    expect(cal.holidayName('2026-10-10')).toBe('本地调整');

    await saveOverride(db, A, { date: '2026-10-10', kind: 'workday', name: null });
    expect(await loadOverrides(db, A)).toEqual([{ date: '2026-10-10', kind: 'workday', name: null }]);

    expect(await deleteOverride(db, A, '2026-10-10')).toBe(true);
    expect(await deleteOverride(db, A, '2026-10-10')).toBe(false);
    expect(await loadOverrides(db, A)).toEqual([]);
  });

  it("keeps one tenant's overrides away from another's", async () => {
    await saveOverride(db, A, { date: '2026-03-02', kind: 'holiday', name: '本地节日' });
    expect((await loadCalendar(db, A)).isWorkingDay('2026-03-02')).toBe(false);
    expect((await loadCalendar(db, B)).isWorkingDay('2026-03-02')).toBe(true);
    await deleteOverride(db, B, '2026-03-02');
    expect(await loadOverrides(db, A)).toHaveLength(1);
    await deleteOverride(db, A, '2026-03-02');
  });

  it('replaces a whole year of local adjustments in one go', async () => {
    await replaceYear(db, A, 2035, [
      { date: '2035-03-05', kind: 'holiday', name: '地方节日' },
      { date: '2035-09-29', kind: 'workday', name: '国庆节' },
    ]);
    await replaceYear(db, A, 2035, [
      { date: '2035-10-08', kind: 'holiday', name: '国庆节' },
      { date: '2035-09-29', kind: 'workday', name: '国庆节' },
    ]);
    const cal = await loadCalendar(db, A);
    expect(cal.isKnownYear(2035)).toBe(false); // local adjustments are not the State Council's schedule
    expect(cal.isWorkingDay('2035-03-05')).toBe(true); // gone with the first version of the year
    expect(cal.isWorkingDay('2035-10-08')).toBe(false);
    expect(cal.isWorkingDay('2035-09-29')).toBe(true);
    expect((await loadCalendar(db, B)).isWorkingDay('2035-10-08')).toBe(true);
  });

  it('writes nothing when one entry of a year is wrong', async () => {
    const before = await loadOverrides(db, A);
    await expect(
      replaceYear(db, A, 2035, [
        { date: '2035-05-01', kind: 'holiday', name: '劳动节' },
        { date: '2036-01-01', kind: 'holiday', name: '元旦' },
      ]),
    ).rejects.toThrow(/不属于 2035 年/);
    await expect(replaceYear(db, A, 2035, [{ date: '2035-02-30', kind: 'holiday' }])).rejects.toThrow(/无效日期/);
    expect(await loadOverrides(db, A)).toEqual(before);
  });

  it('refuses a kind the database does not allow', async () => {
    await expect(
      // bypass the TypeScript types the way a raw import could
      db.insert(tables.calendarOverrides).values({ tenantId: A, date: '2035-06-01', kind: 'rest' as 'holiday' }),
    ).rejects.toThrow();
  });
});
