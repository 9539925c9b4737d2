// Use cases of the working-day calendar: a year as the admin sees it, entering and removing a
// year's State Council schedule (audited, platform-wide), the warning when next year's schedule is
// missing, and the answer for one day (CLI `zhiliang calendar check`, GET /api/calendar/days/:date).
import type { Actor } from '../auth/model';
import { assertCan } from '../auth/policy';
import { writeAudit } from '../audit/service';
import type { Db } from '../../core/db/index';
import { AppError } from '../../core/errors';
import { isoWeekday, toDayNumber, fromDayNumber, type DayInfo, type WorkingCalendar, type YearStatus } from './calendar';
import { daySourceLabel } from './labels';
import type { CalendarDayOut, CalendarStatusOut, CalendarYearOut, OfficialScheduleInput } from './schema';
import { statutoryHolidays } from './statutory';
import { deleteOfficialSchedule, loadCalendar, loadOfficialSchedules, upsertOfficialSchedule, type OfficialScheduleRecord } from './store';

/** Years an admin may enter a schedule for. */
export const OFFICIAL_YEAR_RANGE = { min: 2000, max: 2100 } as const;

/** The month and day from which next year's missing schedule is a warning (the notice usually comes in November). */
export const WARN_FROM_MONTH_DAY = '11-01';

export function dayOut(info: DayInfo): CalendarDayOut {
  return { ...info, sourceLabel: daySourceLabel(info.source, info.isoWeekday) };
}

/** The answer for one day on the tenant's calendar. */
export async function checkDay(db: Db, tenantId: number, date: string): Promise<CalendarDayOut> {
  const cal = await loadCalendar(db, tenantId);
  return dayOut(cal.dayInfo(date));
}

/**
 * The warning for the 驾驶舱, or null. From 1 November (Asia/Shanghai): next year without an
 * official schedule. Any day: the current year without one (the notice came and nobody entered it).
 */
export function scheduleWarning(cal: WorkingCalendar, today: string): CalendarStatusOut['warning'] {
  const year = Number(today.slice(0, 4));
  const missing = (y: number) => cal.yearStatus(y) !== 'official';
  const tail = '在国务院办公厅发布放假安排通知后，请系统管理员在“系统管理 → 工作日历”中录入（含调休上班日和文号）。';
  if (missing(year)) {
    return {
      year,
      message: `${year} 年的国务院放假安排尚未录入：本年的截止日期按法定节假日推算（不含调休），可能与实际不符。${tail}`,
    };
  }
  if (today.slice(5) >= WARN_FROM_MONTH_DAY && missing(year + 1)) {
    return {
      year: year + 1,
      message: `${year + 1} 年的国务院放假安排尚未录入：跨入 ${year + 1} 年的截止日期目前按法定节假日推算（不含调休）。${tail}`,
    };
  }
  return null;
}

export async function calendarStatus(db: Db, actor: Actor, today: string): Promise<CalendarStatusOut> {
  assertCan(actor, 'tracking:supervise');
  const cal = await loadCalendar(db, actor.tenantId);
  const year = Number(today.slice(0, 4));
  const years = [year - 1, year, year + 1].map((y) => ({ year: y, status: cal.yearStatus(y) as YearStatus }));
  return { today, years, warning: scheduleWarning(cal, today) };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < OFFICIAL_YEAR_RANGE.min || year > OFFICIAL_YEAR_RANGE.max) {
    throw new AppError('INVALID_YEAR', `年份应在 ${OFFICIAL_YEAR_RANGE.min}–${OFFICIAL_YEAR_RANGE.max} 之间：${year}`, 400);
  }
}

function yearOut(cal: WorkingCalendar, year: number, rec: OfficialScheduleRecord | undefined): CalendarYearOut {
  const status = cal.yearStatus(year);
  const src = cal.officialSource(year);
  const start = toDayNumber(`${year}-01-01`);
  const end = toDayNumber(`${year}-12-31`);
  const days: CalendarDayOut[] = [];
  // a 元旦 block of this year's notice may begin in late December of the year before
  for (const d of rec?.days ?? []) if (d.date < `${year}-01-01`) days.push(dayOut(cal.dayInfo(d.date)));
  for (let n = start; n <= end; n++) {
    const info = cal.dayInfo(fromDayNumber(n));
    if (info.kind === 'holiday' || info.kind === 'adjusted_workday') days.push(dayOut(info));
  }
  return {
    year,
    status,
    officialFrom: src?.from ?? null,
    documentNumber: src?.from === 'entered' ? src.documentNumber : null,
    title: rec?.title ?? null,
    enteredBy: rec?.enteredBy ?? null,
    updatedAt: rec ? rec.updatedAt.toISOString() : null,
    days,
    statutory: statutoryHolidays(year),
  };
}

/** A year as the admin sees it: its status, the 文号 when entered, and its named days (with the tenant's own adjustments). */
export async function getCalendarYear(db: Db, actor: Actor, year: number): Promise<CalendarYearOut> {
  assertCan(actor, 'calendar:manage');
  checkYear(year);
  const [rec] = await loadOfficialSchedules(db, year);
  return yearOut(await loadCalendar(db, actor.tenantId), year, rec);
}

type Problem = { path: string; message: string };

/**
 * Enters (or replaces) `year`'s State Council schedule, platform-wide, audited in the same
 * transaction. Every problem of the input is reported at once (400 VALIDATION_FAILED with
 * details.fields). Returns the year as it now reads and warnings: statutory days the entered
 * schedule does not give off (a typing slip, or a change of the law).
 */
export async function enterOfficialSchedule(
  db: Db,
  actor: Actor,
  year: number,
  input: OfficialScheduleInput,
): Promise<{ year: CalendarYearOut; warnings: string[] }> {
  assertCan(actor, 'calendar:manage');
  checkYear(year);
  const problems: Problem[] = [];
  const from = `${year - 1}-12-01`;
  const seen = new Set<string>();
  const others = new Map<string, number>();
  for (const s of await loadOfficialSchedules(db)) if (s.year !== year) for (const d of s.days) others.set(d.date, s.year);
  input.days.forEach((d, i) => {
    const path = `days.${i}.date`;
    if (d.date < from || d.date > `${year}-12-31`) {
      problems.push({ path, message: `${d.date} 不属于 ${year} 年的安排（可含上一年 12 月的元旦假期）` });
      return;
    }
    if (seen.has(d.date)) problems.push({ path, message: `${d.date} 录入了两次` });
    seen.add(d.date);
    if (d.kind === 'workday' && isoWeekday(d.date) <= 5) {
      problems.push({ path, message: `${d.date} 是周一至周五，本来就上班：调休上班日应为周六或周日` });
    }
    const other = others.get(d.date);
    if (other !== undefined) problems.push({ path, message: `${d.date} 已在 ${other} 年的安排中录入` });
  });
  if (!input.days.some((d) => d.kind === 'holiday')) problems.push({ path: 'days', message: '请至少录入一天放假' });
  if (problems.length > 0) {
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : '';
    throw new AppError('VALIDATION_FAILED', `${problems[0].message}${more}`, 400, { fields: problems });
  }

  const holidays = new Set(input.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const warnings = statutoryHolidays(year)
    .filter((h) => !holidays.has(h.date))
    .map((h) => `按《全国年节及纪念日放假办法》，${h.date}（${h.name}）应放假，但录入的安排中没有这一天，请对照通知核实`);

  const days = [...input.days].sort((a, b) => (a.date < b.date ? -1 : 1)).map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
  const title = input.title?.trim() || null;
  await db.transaction(async (tx) => {
    const [before] = await loadOfficialSchedules(tx, year);
    await upsertOfficialSchedule(tx, { year, documentNumber: input.documentNumber, title, enteredBy: actor.displayName || actor.username, days });
    await writeAudit(tx, {
      actor,
      action: before ? 'calendar.official.replace' : 'calendar.official.enter',
      entityType: 'calendar_year',
      entityId: year,
      before: before ? { documentNumber: before.documentNumber, title: before.title, days: before.days } : null,
      after: { documentNumber: input.documentNumber, title, days },
    });
  });
  return { year: await getCalendarYear(db, actor, year), warnings };
}

/** Removes an entered year: the package's data or the statutory estimate applies again. Audited. */
export async function removeOfficialSchedule(db: Db, actor: Actor, year: number): Promise<void> {
  assertCan(actor, 'calendar:manage');
  checkYear(year);
  await db.transaction(async (tx) => {
    const [before] = await loadOfficialSchedules(tx, year);
    if (!before) throw new AppError('NOT_FOUND', `${year} 年没有录入的官方安排`, 404);
    await deleteOfficialSchedule(tx, year);
    await writeAudit(tx, {
      actor,
      action: 'calendar.official.remove',
      entityType: 'calendar_year',
      entityId: year,
      before: { documentNumber: before.documentNumber, title: before.title, days: before.days },
    });
  });
}
