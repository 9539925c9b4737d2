// Load and save a tenant's calendar overrides. Works with any drizzle PostgreSQL database or
// transaction (node-postgres from createDb, PGlite in tests). Every query filters by tenant.
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { createCalendar, toDayNumber, type CalendarOverride, type DayKind, type OfficialSchedule, type WorkingCalendar } from './calendar';
import { calendarOfficialDays, calendarOfficialYears, calendarOverrides, type CalendarOfficialYearRow } from './tables';

export type CalendarDb = PgDatabase<PgQueryResultHKT, any, any>;

function validate(o: CalendarOverride): { date: string; kind: 'workday' | 'holiday'; name: string | null } {
  toDayNumber(o.date); // throws RangeError with a Chinese message
  if (o.kind !== 'workday' && o.kind !== 'holiday') {
    throw new RangeError(`无效的日历调整类型：${JSON.stringify(o.kind)}（应为 workday 或 holiday）`);
  }
  const name = typeof o.name === 'string' && o.name.trim() !== '' ? o.name.trim() : null;
  return { date: o.date, kind: o.kind, name };
}

/** All overrides of one tenant, oldest date first. */
export async function loadOverrides(db: CalendarDb, tenantId: number): Promise<CalendarOverride[]> {
  return db
    .select({ date: calendarOverrides.date, kind: calendarOverrides.kind, name: calendarOverrides.name })
    .from(calendarOverrides)
    .where(eq(calendarOverrides.tenantId, tenantId))
    .orderBy(asc(calendarOverrides.date));
}

/**
 * The tenant's working-day calendar: the official schedules (entered, else chinese-days), the
 * statutory estimate for other years from 2025, and the tenant's own adjustments on top.
 */
export async function loadCalendar(db: CalendarDb, tenantId: number): Promise<WorkingCalendar> {
  const [overrides, official] = [await loadOverrides(db, tenantId), await loadOfficialSchedules(db)];
  return createCalendar(overrides, { official });
}

export interface OfficialScheduleRecord extends OfficialSchedule {
  title: string | null;
  enteredBy: string;
  updatedAt: Date;
  days: { date: string; kind: DayKind; name: string }[];
}

/** Every entered official schedule (platform-wide), oldest year first, with its days by date. */
export async function loadOfficialSchedules(db: CalendarDb, year?: number): Promise<OfficialScheduleRecord[]> {
  const years: CalendarOfficialYearRow[] = await db
    .select()
    .from(calendarOfficialYears)
    .where(year === undefined ? undefined : eq(calendarOfficialYears.year, year))
    .orderBy(asc(calendarOfficialYears.year));
  if (years.length === 0) return [];
  const days = await db
    .select()
    .from(calendarOfficialDays)
    .where(year === undefined ? undefined : eq(calendarOfficialDays.year, year))
    .orderBy(asc(calendarOfficialDays.date));
  return years.map((y) => ({
    year: y.year,
    documentNumber: y.documentNumber,
    title: y.title,
    enteredBy: y.enteredBy,
    updatedAt: y.updatedAt,
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }));
}

/** Writes one year's official schedule in place of any earlier one. Call inside the caller's transaction. */
export async function upsertOfficialSchedule(
  db: CalendarDb,
  s: { year: number; documentNumber: string; title: string | null; enteredBy: string; days: { date: string; kind: DayKind; name: string }[] },
): Promise<void> {
  await db
    .insert(calendarOfficialYears)
    .values({ year: s.year, documentNumber: s.documentNumber, title: s.title, enteredBy: s.enteredBy })
    .onConflictDoUpdate({
      target: calendarOfficialYears.year,
      set: { documentNumber: s.documentNumber, title: s.title, enteredBy: s.enteredBy, updatedAt: new Date() },
    });
  await db.delete(calendarOfficialDays).where(eq(calendarOfficialDays.year, s.year));
  if (s.days.length > 0) await db.insert(calendarOfficialDays).values(s.days.map((d) => ({ ...d, year: s.year })));
}

/** Removes an entered year (its days go with it). True if there was one. */
export async function deleteOfficialSchedule(db: CalendarDb, year: number): Promise<boolean> {
  const rows = await db.delete(calendarOfficialYears).where(eq(calendarOfficialYears.year, year)).returning({ year: calendarOfficialYears.year });
  return rows.length > 0;
}

/** Insert or replace the override for one date. */
export async function saveOverride(db: CalendarDb, tenantId: number, override: CalendarOverride): Promise<void> {
  const v = validate(override);
  await db
    .insert(calendarOverrides)
    .values({ tenantId, ...v })
    .onConflictDoUpdate({
      target: [calendarOverrides.tenantId, calendarOverrides.date],
      set: { kind: v.kind, name: v.name, updatedAt: new Date() },
    });
}

/** Remove the override for one date (the package's answer applies again). True if a row was removed. */
export async function deleteOverride(db: CalendarDb, tenantId: number, date: string): Promise<boolean> {
  toDayNumber(date);
  const rows = await db
    .delete(calendarOverrides)
    .where(and(eq(calendarOverrides.tenantId, tenantId), eq(calendarOverrides.date, date)))
    .returning({ date: calendarOverrides.date });
  return rows.length > 0;
}

/**
 * Replace a whole year's overrides at once (the admin enters the State Council's schedule for a
 * year the package does not know). All-or-nothing: every entry is checked before anything is
 * written, and the delete and inserts run in one transaction.
 */
export async function replaceYear(db: CalendarDb, tenantId: number, year: number, overrides: CalendarOverride[]): Promise<void> {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`无效年份：${year}`);
  const prefix = `${String(year).padStart(4, '0')}-`;
  const rows = overrides.map(validate);
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.date.startsWith(prefix)) throw new RangeError(`日期 ${r.date} 不属于 ${year} 年`);
    if (seen.has(r.date)) throw new RangeError(`日期 ${r.date} 重复`);
    seen.add(r.date);
  }
  await db.transaction(async (tx) => {
    await tx
      .delete(calendarOverrides)
      .where(
        and(
          eq(calendarOverrides.tenantId, tenantId),
          gte(calendarOverrides.date, `${prefix}01-01`),
          lte(calendarOverrides.date, `${prefix}12-31`),
        ),
      );
    if (rows.length > 0) await tx.insert(calendarOverrides).values(rows.map((r) => ({ tenantId, ...r })));
  });
}
