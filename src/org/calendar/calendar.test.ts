import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createCalendar,
  isoWeekday,
  isValidDate,
  officialCalendar,
  officialYears,
  toDayNumber,
  todayInShanghai,
  type WorkingCalendar,
} from './calendar';

const cal = officialCalendar();

/** Every date of a year as YYYY-MM-DD, built without the calendar under test. */
function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86400000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The days of a year on which the calendar departs from "Mon–Fri work, Sat–Sun rest". */
function departuresFromWeekdayRule(c: WorkingCalendar, year: number) {
  const offOnWeekdays: string[] = [];
  const workOnWeekends: string[] = [];
  for (const d of datesOfYear(year)) {
    const weekend = new Date(`${d}T00:00:00Z`).getUTCDay() % 6 === 0;
    const working = c.isWorkingDay(d);
    if (!weekend && !working) offOnWeekdays.push(d);
    if (weekend && working) workOnWeekends.push(d);
  }
  return { offOnWeekdays, workOnWeekends };
}

// The State Council schedules, typed in from the notices themselves (not from chinese-days), so
// that a wrong or incomplete package release fails here. Where the two disagree we trust the
// notice: it is the legal source, the package is a transcription of it.
describe('State Council schedule 2025 (国办发明电〔2024〕12号)', () => {
  it('has exactly the published days off on weekdays and the published 调休 working days', () => {
    expect(departuresFromWeekdayRule(cal, 2025)).toEqual({
      offOnWeekdays: [
        '2025-01-01', // 元旦 (Wed)
        '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04', // 春节 1/28–2/4
        '2025-04-04', // 清明 4/4–4/6
        '2025-05-01', '2025-05-02', '2025-05-05', // 劳动节 5/1–5/5
        '2025-06-02', // 端午 5/31–6/2
        '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08', // 国庆节、中秋节 10/1–10/8
      ],
      workOnWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    });
  });

  it('works the 调休 Sundays and Saturdays', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) {
      expect(isoWeekday(d)).toBeGreaterThanOrEqual(6);
      expect(cal.isWorkingDay(d), d).toBe(true);
      expect(cal.isHoliday(d), d).toBe(false);
    }
  });

  it('rests through the Spring Festival, Labour Day and National Day blocks, weekends inside included', () => {
    const blocks: Array<[string, string, string]> = [
      ['2025-01-28', '2025-02-04', '春节'],
      ['2025-05-01', '2025-05-05', '劳动节'],
      ['2025-10-01', '2025-10-08', ''],
    ];
    for (const [from, to, name] of blocks) {
      for (let d = from; d <= to; d = addDays(d, 1)) {
        expect(cal.isWorkingDay(d), d).toBe(false);
        expect(cal.isHoliday(d), d).toBe(true);
        if (name) expect(cal.holidayName(d), d).toBe(name);
      }
      expect(cal.isWorkingDay(addDays(to, 1)), `day after ${to}`).toBe(true);
    }
    expect(cal.holidayName('2025-10-01')).toBe('国庆节');
  });

  it('counts 248 working days in 2025 (365 − 104 weekend days − 18 weekday holidays + 5 调休 days)', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('State Council schedule 2026 (国办发明电〔2025〕7号)', () => {
  it('has exactly the published days off on weekdays and the published 调休 working days', () => {
    expect(departuresFromWeekdayRule(cal, 2026)).toEqual({
      offOnWeekdays: [
        '2026-01-01', '2026-01-02', // 元旦 1/1–1/3
        '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', // 春节 2/15–2/23
        '2026-04-06', // 清明 4/4–4/6
        '2026-05-01', '2026-05-04', '2026-05-05', // 劳动节 5/1–5/5
        '2026-06-19', // 端午 6/19–6/21
        '2026-09-25', // 中秋 9/25–9/27
        '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', // 国庆节 10/1–10/7
      ],
      workOnWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    });
  });

  it('works Saturday 2026-10-10 and rests 2026-10-01 … 10-07', () => {
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.holidayName('2026-10-10')).toBeNull();
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ kind: 'adjusted_workday', working: true, source: 'official' });
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) {
      expect(cal.isWorkingDay(d), d).toBe(false);
      expect(cal.holidayName(d), d).toBe('国庆节');
    }
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('rests nine days for the Spring Festival, 2026-02-15 (Sunday) … 02-23 (Monday)', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday 调休
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) {
      expect(cal.holidayName(d), d).toBe('春节');
    }
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('counts 248 working days in 2026 (365 − 104 − 19 + 6)', () => {
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('ordinary days', () => {
  it('tells an ordinary weekend from a holiday', () => {
    expect(cal.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(cal.isHoliday('2025-03-08')).toBe(false);
    expect(cal.holidayName('2025-03-08')).toBeNull();
    expect(cal.dayInfo('2025-03-08')).toMatchObject({ kind: 'weekend', source: 'weekday_rule', knownYear: true });
    expect(cal.isWorkingDay('2025-03-10')).toBe(true); // Monday
    expect(cal.dayInfo('2025-03-10')).toMatchObject({ kind: 'workday', name: null });
  });
});

describe('addWorkingDays', () => {
  it('finds the 5th working day after 2025-09-30 across National Day: 10-09, 10-10, 10-11 (Sat 调休), 10-13, 10-14', () => {
    expect(cal.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
    expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('gives 7 working days from a complaint on Friday 2026-02-13 across the Spring Festival: 2026-03-02', () => {
    // 2/14 Sat 调休 (1), 2/15–2/23 off, 2/24 (2), 2/25 (3), 2/26 (4), 2/27 (5), 2/28 Sat 调休 (6), 3/2 Mon (7)
    expect(cal.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
  });

  it('counts from a holiday without counting the holiday, and crosses the new year', () => {
    expect(cal.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 1/1–1/3 off, Sunday 1/4 调休
    // 20 working days to publish results after 2025-12-19 (Fri): 12/22–12/31 = 8, 1/4 = 9, 1/5–1/9 = 14, 1/12–1/16 = 19, 1/19 = 20
    expect(cal.addWorkingDays('2025-12-19', 20)).toBe('2026-01-19');
  });

  it('goes backwards for negative n and leaves the date alone for 0', () => {
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-14', -5)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2026-01-04', -1)).toBe('2025-12-31');
    expect(cal.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
    expect(cal.previousWorkingDay('2026-02-24')).toBe('2026-02-14');
  });

  it('nextWorkingDay is strictly after; workingDayOnOrAfter keeps a working day', () => {
    expect(cal.nextWorkingDay('2025-10-10')).toBe('2025-10-11');
    expect(cal.nextWorkingDay('2025-10-01')).toBe('2025-10-09');
    expect(cal.workingDayOnOrAfter('2025-10-10')).toBe('2025-10-10');
    expect(cal.workingDayOnOrAfter('2025-10-04')).toBe('2025-10-09');
  });

  it('agrees with a plain day-by-day count for any start date and n (fast path over whole years)', () => {
    const naive = (d: string, n: number) => {
      let x = d;
      let left = Math.abs(n);
      while (left > 0) {
        x = addDays(x, Math.sign(n));
        if (cal.isWorkingDay(x)) left--;
      }
      return x;
    };
    const date = fc.integer({ min: toDayNumber('2003-01-01'), max: toDayNumber('2028-12-31') }).map((n) => addDays('1970-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const got = cal.addWorkingDays(d, n);
        expect(got).toBe(naive(d, n));
        if (n > 0) expect(cal.workingDaysBetween(d, got)).toBe(n);
        if (n !== 0) expect(cal.isWorkingDay(got)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a fractional number of days', () => {
    expect(() => cal.addWorkingDays('2025-10-09', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween counts (a, b]', () => {
  it('counts 18 working days in October 2025 (23 weekdays − 6 holidays + Saturday 10-11)', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-31')).toBe(18);
  });

  it('counts 16 working days in February 2026 (20 weekdays − 6 holidays + Saturdays 02-14 and 02-28)', () => {
    expect(cal.workingDaysBetween('2026-01-31', '2026-02-28')).toBe(16);
  });

  it('excludes the start and includes the end; reversed is negative; same day is 0', () => {
    expect(cal.workingDaysBetween('2025-10-09', '2025-10-10')).toBe(1);
    expect(cal.workingDaysBetween('2025-10-10', '2025-10-13')).toBe(2); // Sat 10-11 worked, Sun 10-12 not
    expect(cal.workingDaysBetween('2025-10-31', '2025-09-30')).toBe(-18);
    expect(cal.workingDaysBetween('2025-10-09', '2025-10-09')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
  });

  it('agrees with a day-by-day count across years', () => {
    let count = 0;
    for (let d = '2023-06-15'; d < '2026-03-01'; ) {
      d = addDays(d, 1);
      if (cal.isWorkingDay(d)) count++;
    }
    expect(cal.workingDaysBetween('2023-06-15', '2026-03-01')).toBe(count);
  });
});

describe('overrides from the editable table', () => {
  it('win over the package in both directions', () => {
    const c = createCalendar([
      { date: '2026-10-10', kind: 'holiday', name: '本地调整' },
      { date: '2025-10-08', kind: 'workday' },
    ]);
    expect(c.isWorkingDay('2026-10-10')).toBe(false);
    expect(c.holidayName('2026-10-10')).toBe('本地调整');
    expect(c.dayInfo('2026-10-10').source).toBe('override');
    expect(c.isWorkingDay('2025-10-08')).toBe(true);
    expect(c.isHoliday('2025-10-08')).toBe(false);
    // deadlines move with them: without the override the 3rd working day after 9-30 is Saturday 10-10
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(c.addWorkingDays('2026-09-30', 3)).toBe('2026-10-12');
    expect(c.workingDaysBetween('2026-09-30', '2026-10-31')).toBe(cal.workingDaysBetween('2026-09-30', '2026-10-31') - 1);
  });

  it('a local holiday on a weekday without a name still reads as a holiday', () => {
    const c = createCalendar([{ date: '2026-03-02', kind: 'holiday' }]);
    expect(c.isWorkingDay('2026-03-02')).toBe(false);
    expect(c.holidayName('2026-03-02')).toBe('节假日');
  });

  it('do not leak into other calendars', () => {
    createCalendar([{ date: '2025-10-08', kind: 'workday' }]);
    expect(officialCalendar().isWorkingDay('2025-10-08')).toBe(false);
    expect(createCalendar().isWorkingDay('2025-10-08')).toBe(false);
  });

  it('are local adjustments: they change days but do not make a year official', () => {
    const local = createCalendar([
      { date: '2035-01-01', kind: 'workday', name: null },
      { date: '2035-03-05', kind: 'holiday', name: '地方节日' },
    ]);
    expect(local.isKnownYear(2035)).toBe(false);
    expect(local.yearStatus(2035)).toBe('estimate');
    expect(local.dayInfo('2035-01-01')).toMatchObject({ working: true, source: 'override' }); // over the 推算 元旦
    expect(local.dayInfo('2035-03-05')).toMatchObject({ working: false, kind: 'holiday', name: '地方节日', source: 'override' });
  });

  it('reject a bad date or kind with a Chinese message', () => {
    expect(() => createCalendar([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(/无效日期/);
    // @ts-expect-error a kind outside the two allowed
    expect(() => createCalendar([{ date: '2026-02-03', kind: 'rest' }])).toThrow(/workday 或 holiday/);
  });
});

describe('a year nobody has published', () => {
  it('beyond the lunar tables (after 2100) falls back to weekends only and says so', () => {
    expect(cal.isKnownYear(2101)).toBe(false);
    expect(cal.yearStatus(2101)).toBe('none');
    expect(cal.dayInfo('2101-10-03')).toMatchObject({ working: true, source: 'weekday_rule', knownYear: false }); // a Monday
    expect(cal.isWorkingDay('2101-10-01')).toBe(false); // Saturday
    expect(cal.addWorkingDays('2101-09-30', 1)).toBe('2101-10-03'); // Friday → Monday
  });

  it('the package knows 2025 and 2026 but not years before 2004', () => {
    expect(cal.isKnownYear(2025)).toBe(true);
    expect(cal.isKnownYear(2026)).toBe(true);
    expect(cal.isKnownYear(2003)).toBe(false);
    expect(officialYears()).toEqual(cal.knownYears());
    expect(officialYears()[0]).toBe(2004);
  });
});

describe('dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-2-3', '2025-13-01', '2025-00-10', '20250203', '2025-02-03T00:00', '', 42, null]) {
      expect(isValidDate(bad), String(bad)).toBe(false);
    }
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(/无效日期/);
  });

  it('computes day numbers and weekdays like UTC Date for any date 1900–2500', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2500, 11, 31) }), (ms) => {
        const dt = new Date(ms);
        const s = dt.toISOString().slice(0, 10);
        const midnight = Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), dt.getUTCDate());
        expect(toDayNumber(s)).toBe(midnight / 86400000);
        expect(isoWeekday(s)).toBe(dt.getUTCDay() === 0 ? 7 : dt.getUTCDay());
        expect(addDays(s, 1)).toBe(new Date(midnight + 86400000).toISOString().slice(0, 10));
      }),
      { numRuns: 500 },
    );
  });

  it('todayInShanghai turns at 16:00 UTC, whatever the server time zone', () => {
    expect(todayInShanghai(() => new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(todayInShanghai(() => new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(todayInShanghai(() => new Date('2026-10-09T23:30:00+08:00'))).toBe('2026-10-09');
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('override input schema', () => {
  it('answers in Chinese for a bad date or kind, and accepts a good entry', async () => {
    const { calendarOverrideSchema } = await import('./schema');
    const bad = calendarOverrideSchema.safeParse({ date: '2026-02-30', kind: 'rest' });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('日期应为 YYYY-MM-DD 格式的真实日期');
    expect(messages.some((m) => m.includes('workday'))).toBe(true);
    expect(calendarOverrideSchema.parse({ date: '2027-02-06', kind: 'holiday', name: ' 春节 ' })).toEqual({
      date: '2027-02-06',
      kind: 'holiday',
      name: '春节',
    });
  });
});
