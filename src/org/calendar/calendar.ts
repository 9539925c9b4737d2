// The Chinese working-day calendar (工作日历): State Council public holidays and 调休 working days,
// with admin-entered overrides on top. Pure: no database, no clock, no local time zone.
//
// Dates are `YYYY-MM-DD` strings meaning a civil date in Asia/Shanghai. Internally a date is a
// "day number" (days since 1970-01-01 in the proleptic Gregorian calendar), computed with integer
// arithmetic only: nothing here goes through `new Date(string)` or local-time getters, so the
// server's TZ cannot shift a date by one.
//
// Precedence for one day:
//   1. the tenant's own adjustment (本地调整, `overrides`);
//   2. the official schedule (官方安排): a year's State Council notice entered by an admin
//      (`options.official`) replaces, for that year, what the chinese-days package knows; a year
//      the package knows and nobody entered reads from the package;
//   3. for a year without an official schedule from 2025 on: the statutory holidays computed from
//      《全国年节及纪念日放假办法》 (法定节假日推算, statutory.ts) — days off only, no 调休;
//   4. the weekday rule (Mon–Fri work, Sat–Sun rest).
// `isKnownYear(year)` is true only for a year with an official schedule, so callers can warn that
// deadlines in another year rest on the estimate.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { statutoryHolidays, statutoryRulesCover } from './statutory';

export type DayKind = 'workday' | 'holiday';

export interface CalendarOverride {
  /** `YYYY-MM-DD` */
  date: string;
  /** `workday`: people work that day (e.g. 调休上班 on a Saturday); `holiday`: nobody works that day. */
  kind: DayKind;
  /** e.g. `春节`, `国庆节调休上班`; optional. */
  name?: string | null;
}

export interface DayInfo {
  date: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  isoWeekday: number;
  working: boolean;
  /**
   * `workday`: an ordinary working day; `adjusted_workday`: a Saturday or Sunday worked by the
   * schedule (调休上班); `holiday`: a named day off by the schedule (法定节假日 or 调休休息, weekend
   * days inside a holiday block included); `weekend`: an ordinary Saturday or Sunday.
   */
  kind: 'workday' | 'adjusted_workday' | 'holiday' | 'weekend';
  /** Holiday name (`春节`) for holidays and adjusted working days when the source names it. */
  name: string | null;
  /**
   * Where the answer came from: `override` 本地调整; `official` 官方安排 (a day the State Council
   * schedule names, entered or from the package); `estimate` 法定节假日推算 (a statutory holiday of
   * a year without an official schedule); `weekday_rule` (a day nothing names: Mon–Fri work,
   * Sat–Sun 周末). `knownYear` tells whether the year has an official schedule.
   */
  source: DaySource;
  /** Whether the day's year has an official schedule (see `isKnownYear`). */
  knownYear: boolean;
}

export type DaySource = 'override' | 'official' | 'estimate' | 'weekday_rule';

/** How a year's holidays are known: `official` (State Council schedule), `estimate` (推算 from the law), `none`. */
export type YearStatus = 'official' | 'estimate' | 'none';

/** One year's State Council schedule as an admin entered it (国务院办公厅关于××年部分节假日安排的通知). */
export interface OfficialSchedule {
  year: number;
  /** 文号, e.g. `国办发明电〔2026〕7号` */
  documentNumber: string;
  /**
   * Days the notice names: `holiday` (放假, weekend days of a block included) and `workday`
   * (调休上班 on a Saturday or Sunday). Usually dates of `year`; a 元旦 block may start in late
   * December of the year before.
   */
  days: readonly { date: string; kind: DayKind; name?: string | null }[];
}

export interface CalendarOptions {
  /** Entered official schedules (platform-wide); an entered year replaces the package's data for it. */
  official?: readonly OfficialSchedule[];
}

export interface WorkingCalendar {
  /** True when people work on `date`. */
  isWorkingDay(date: string): boolean;
  /**
   * True when `date` is a day off by the holiday schedule (official or override): 法定节假日 and
   * 调休休息 days, including the Saturday/Sunday inside a holiday block. An ordinary weekend is NOT a
   * holiday (it is a non-working day: use `!isWorkingDay`).
   */
  isHoliday(date: string): boolean;
  /** Chinese name of the holiday (`春节`, `国庆节` …) when `isHoliday(date)`, else null. */
  holidayName(date: string): string | null;
  /** Everything about one day. */
  dayInfo(date: string): DayInfo;
  /**
   * n > 0: the n-th working day strictly after `date` (`date` itself never counts, even if it is a
   * working day). "Within 5 working days after the period ends" → `addWorkingDays(periodEnd, 5)`,
   * the last day of the time limit. Matches the administrative rule that the day an event happens
   * is not counted (期间开始的当日不计入).
   * n < 0: the |n|-th working day strictly before `date` (e.g. a reminder 3 working days before a
   * deadline → `addWorkingDays(deadline, -3)`).
   * n = 0: `date` unchanged (use `workingDayOnOrAfter` to roll a date onto a working day).
   * Always: for n > 0, `workingDaysBetween(date, addWorkingDays(date, n)) === n`.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Number of working days in the half-open interval (a, b]: `a` excluded, `b` included. So the
   * working days elapsed since a complaint arrived on `a` until `b`, and the inverse of
   * `addWorkingDays` for n > 0. a === b → 0; b before a → the negative count of (b, a].
   */
  workingDaysBetween(a: string, b: string): number;
  /** The first working day strictly after `date` (= addWorkingDays(date, 1)). */
  nextWorkingDay(date: string): string;
  /** The last working day strictly before `date` (= addWorkingDays(date, -1)). */
  previousWorkingDay(date: string): string;
  /** `date` if it is a working day, else the next working day (a deadline on a holiday moves here). */
  workingDayOnOrAfter(date: string): string;
  /** Years with an official schedule: years in chinese-days plus entered years. Sorted. */
  knownYears(): number[];
  /** False for a year with no official schedule: the calendar then uses the statutory estimate or weekends only. */
  isKnownYear(year: number): boolean;
  /** `official`, `estimate` (2025–2100 without an official schedule) or `none`. */
  yearStatus(year: number): YearStatus;
  /** For an official year: `entered` (an admin entered the notice, with its 文号) or `package` (chinese-days). */
  officialSource(year: number): { from: 'entered'; documentNumber: string } | { from: 'package' } | null;
}

// ---------------------------------------------------------------------------------------------
// Date arithmetic on day numbers (H. Hinnant's civil-from-days algorithms, integers only).

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Parse a strict `YYYY-MM-DD` (a real date, year 0001–9999) to a day number, or null. */
function tryDayNumber(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

/** Day number of a `YYYY-MM-DD` string; throws a RangeError (Chinese message) on anything else. */
export function toDayNumber(date: string): number {
  const n = tryDayNumber(date);
  if (n === null) throw new RangeError(`无效日期：${JSON.stringify(date)}（应为 YYYY-MM-DD 格式的真实日期）`);
  return n;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number. */
export function fromDayNumber(dayNumber: number): string {
  const [y, m, d] = civilFromDays(dayNumber);
  if (!Number.isInteger(dayNumber) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`日期超出支持范围（${MIN_YEAR}–${MAX_YEAR} 年）`);
  }
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** True for a strict `YYYY-MM-DD` that names a real date. */
export function isValidDate(date: unknown): date is string {
  return tryDayNumber(date) !== null;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a `YYYY-MM-DD`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOf(toDayNumber(date));
}

/** Calendar-day arithmetic (not working days): `addDays('2025-12-31', 1) === '2026-01-01'`. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`天数必须是整数：${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // UTC+8, no daylight saving since 1991
const DAY_MS = 86400 * 1000;

/** Today's date in Asia/Shanghai as `YYYY-MM-DD`, whatever the server's time zone. */
export function todayInShanghai(clock: () => Date = () => new Date()): string {
  const ms = clock().getTime();
  if (!Number.isFinite(ms)) throw new RangeError('时钟返回了无效时间');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

// ---------------------------------------------------------------------------------------------
// Official data from chinese-days, indexed once per process.

interface Official {
  holidays: Map<number, string>;
  workdays: Map<number, string>;
  years: Set<number>;
}

let official: Official | null = null;

/** chinese-days stores `"Spring Festival,春节,4"`: keep the Chinese name. */
function chineseName(raw: string): string {
  const parts = raw.split(',');
  return (parts.length >= 2 ? parts[1] : raw).trim();
}

function officialData(): Official {
  if (official) return official;
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const holidays = new Map<number, string>();
  const workdays = new Map<number, string>();
  const years = new Set<number>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    const n = tryDayNumber(date);
    if (n === null) continue;
    holidays.set(n, chineseName(raw));
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, raw] of Object.entries(data.workdays)) {
    const n = tryDayNumber(date);
    if (n === null) continue;
    workdays.set(n, chineseName(raw));
    years.add(Number(date.slice(0, 4)));
  }
  official = { holidays, workdays, years };
  return official;
}

/** Years whose State Council schedule the installed chinese-days package knows. */
export function officialYears(): number[] {
  return [...officialData().years].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------

interface YearTable {
  start: number; // day number of Jan 1
  working: Uint8Array; // 1 = working day, index = day of year (0-based)
  cum: Int32Array; // cum[i] = working days among the first i days of the year
}

function checkedKind(kind: unknown): DayKind {
  if (kind !== 'workday' && kind !== 'holiday') {
    throw new RangeError(`无效的日历调整类型：${JSON.stringify(kind)}（应为 workday 或 holiday）`);
  }
  return kind;
}

const cleanName = (name: unknown) => (typeof name === 'string' && name.trim() !== '' ? name.trim() : null);

/** `listed`: the day is named by a schedule or adjustment (not just the weekday rule). */
type Answer = { working: boolean; name: string | null; source: DaySource; listed: boolean };

export function createCalendar(overrides: readonly CalendarOverride[] = [], options: CalendarOptions = {}): WorkingCalendar {
  const off = officialData();
  const own = new Map<number, { kind: DayKind; name: string | null }>();
  for (const o of overrides) {
    own.set(toDayNumber(o.date), { kind: checkedKind(o.kind), name: cleanName(o.name) }); // a later entry for the same date wins
  }
  const entered = new Map<number, { kind: DayKind; name: string | null }>();
  const enteredYears = new Map<number, string>(); // year → 文号
  for (const s of options.official ?? []) {
    if (!Number.isInteger(s.year) || s.year < MIN_YEAR || s.year > MAX_YEAR) throw new RangeError(`无效年份：${s.year}`);
    enteredYears.set(s.year, s.documentNumber);
    for (const d of s.days) entered.set(toDayNumber(d.date), { kind: checkedKind(d.kind), name: cleanName(d.name) });
  }
  const estimates = new Map<number, Map<number, string>>();
  const estimateOf = (year: number): Map<number, string> => {
    let m = estimates.get(year);
    if (!m) {
      m = new Map(statutoryHolidays(year).map((h) => [toDayNumber(h.date), h.name]));
      estimates.set(year, m);
    }
    return m;
  };

  const yearStatus = (year: number): YearStatus =>
    enteredYears.has(year) || off.years.has(year) ? 'official' : statutoryRulesCover(year) ? 'estimate' : 'none';

  /** The answer for one day, before the weekend/holiday classification. */
  const answerAt = (n: number): Answer => {
    const o = own.get(n);
    if (o) return { working: o.kind === 'workday', name: o.name, source: 'override', listed: true };
    const e = entered.get(n);
    if (e) return { working: e.kind === 'workday', name: e.name, source: 'official', listed: true };
    const weekday = isoWeekdayOf(n) <= 5;
    const [y] = civilFromDays(n);
    const plain: Answer = { working: weekday, name: null, source: 'weekday_rule', listed: false };
    if (enteredYears.has(y)) return plain;
    if (off.years.has(y)) {
      const h = off.holidays.get(n);
      if (h !== undefined) return { working: false, name: h, source: 'official', listed: true };
      const w = off.workdays.get(n);
      if (w !== undefined) return { working: true, name: w, source: 'official', listed: true };
      return plain;
    }
    const est = statutoryRulesCover(y) ? estimateOf(y).get(n) : undefined;
    if (est !== undefined) return { working: false, name: est, source: 'estimate', listed: true };
    return plain;
  };

  const workingAt = (n: number): boolean => answerAt(n).working;

  const years = new Map<number, YearTable>();
  const yearTable = (y: number): YearTable => {
    let t = years.get(y);
    if (t) return t;
    if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`日期超出支持范围（${MIN_YEAR}–${MAX_YEAR} 年）`);
    const start = daysFromCivil(y, 1, 1);
    const len = isLeapYear(y) ? 366 : 365;
    const working = new Uint8Array(len);
    const cum = new Int32Array(len + 1);
    for (let i = 0; i < len; i++) {
      working[i] = workingAt(start + i) ? 1 : 0;
      cum[i + 1] = cum[i] + working[i];
    }
    t = { start, working, cum };
    years.set(y, t);
    return t;
  };

  /** Working days in the closed range [lo, hi] of day numbers (lo <= hi). */
  const countClosed = (lo: number, hi: number): number => {
    const [y0] = civilFromDays(lo);
    const [y1] = civilFromDays(hi);
    let total = 0;
    for (let y = y0; y <= y1; y++) {
      const t = yearTable(y);
      const len = t.working.length;
      const a = Math.max(lo - t.start, 0);
      const b = Math.min(hi - t.start, len - 1);
      total += t.cum[b + 1] - t.cum[a];
    }
    return total;
  };

  const addWorking = (from: number, n: number): number => {
    if (n === 0) return from;
    let [y] = civilFromDays(from);
    let t = yearTable(y);
    let idx = from - t.start;
    let remaining = Math.abs(n);
    if (n > 0) {
      let avail = t.cum[t.working.length] - t.cum[idx + 1]; // working days after `from` this year
      while (remaining > avail) {
        remaining -= avail;
        t = yearTable(++y);
        idx = -1;
        avail = t.cum[t.working.length];
      }
      for (let i = idx + 1; ; i++) if (t.working[i] && --remaining === 0) return t.start + i;
    }
    let avail = t.cum[idx]; // working days before `from` this year
    while (remaining > avail) {
      remaining -= avail;
      t = yearTable(--y);
      idx = t.working.length;
      avail = t.cum[idx];
    }
    for (let i = idx - 1; ; i--) if (t.working[i] && --remaining === 0) return t.start + i;
  };

  const isKnownYear = (year: number) => yearStatus(year) === 'official';

  const dayInfo = (date: string): DayInfo => {
    const n = toDayNumber(date);
    const wd = isoWeekdayOf(n);
    const weekend = wd >= 6;
    const answer = answerAt(n);
    const { working, source, listed } = answer;
    let { name } = answer;
    let kind: DayInfo['kind'];
    if (working) kind = weekend ? 'adjusted_workday' : 'workday';
    else kind = listed ? 'holiday' : 'weekend';
    if (kind === 'holiday' && name === null) name = '节假日';
    if (kind === 'workday') name = null;
    return { date, isoWeekday: wd, working, kind, name, source, knownYear: isKnownYear(Number(date.slice(0, 4))) };
  };

  const requireInt = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
  };

  return {
    isWorkingDay: (date) => workingAt(toDayNumber(date)),
    isHoliday: (date) => dayInfo(date).kind === 'holiday',
    holidayName: (date) => {
      const info = dayInfo(date);
      return info.kind === 'holiday' ? info.name : null;
    },
    dayInfo,
    addWorkingDays: (date, n) => {
      requireInt(n);
      return fromDayNumber(addWorking(toDayNumber(date), n));
    },
    workingDaysBetween: (a, b) => {
      const x = toDayNumber(a);
      const y = toDayNumber(b);
      if (x === y) return 0;
      return x < y ? countClosed(x + 1, y) : -countClosed(y + 1, x);
    },
    nextWorkingDay: (date) => fromDayNumber(addWorking(toDayNumber(date), 1)),
    previousWorkingDay: (date) => fromDayNumber(addWorking(toDayNumber(date), -1)),
    workingDayOnOrAfter: (date) => {
      const n = toDayNumber(date);
      return workingAt(n) ? date : fromDayNumber(addWorking(n, 1));
    },
    knownYears: () => [...new Set([...off.years, ...enteredYears.keys()])].sort((a, b) => a - b),
    isKnownYear,
    yearStatus,
    officialSource: (year) => {
      const doc = enteredYears.get(year);
      if (doc !== undefined) return { from: 'entered', documentNumber: doc };
      return off.years.has(year) ? { from: 'package' } : null;
    },
  };
}

let defaultCalendar: WorkingCalendar | null = null;

/** The calendar from chinese-days alone (no overrides), built once. */
export function officialCalendar(): WorkingCalendar {
  return (defaultCalendar ??= createCalendar());
}
