// 2027 and after: the statutory holidays computed from 《全国年节及纪念日放假办法》 (2024 revision)
// until the State Council's schedule is entered, and the entered schedule taking over.
import chineseDaysLib from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { createCalendar, officialCalendar, type OfficialSchedule } from './calendar';
import { scheduleWarning } from './service';
import { statutoryHolidays } from './statutory';

const cal = officialCalendar();

describe('the statutory estimate (法定节假日推算)', () => {
  it('agrees with the published schedules of 2025 and 2026: every statutory day is a day off there, under the same holiday', () => {
    for (const year of [2025, 2026]) {
      const days = statutoryHolidays(year);
      expect(days).toHaveLength(13); // 1 + 4 + 1 + 2 + 1 + 1 + 3, no overlap in these years
      for (const h of days) {
        const info = cal.dayInfo(h.date);
        expect(info.source, h.date).toBe('official');
        expect(info.working, h.date).toBe(false);
        // the package says 清明/端午/中秋 where the law says 清明节/端午节/中秋节
        const official = info.name!;
        expect(h.name.startsWith(official) || official.startsWith(h.name.slice(0, 2)) || h.date === '2025-10-06', `${h.date} ${h.name} vs ${official}`).toBe(true);
      }
    }
  });

  it('puts 春节 on 除夕 and 正月初一 to 初三 by the package lunar conversion, every year 2025–2100', () => {
    for (let year = 2025; year <= 2100; year++) {
      const spring = statutoryHolidays(year).filter((h) => h.name.includes('春节'));
      expect(spring, String(year)).toHaveLength(4);
      const [eve, d1, d2, d3] = spring.map((h) => chineseDaysLib.getLunarDate(h.date));
      // 除夕: the last day of the twelfth month (the next day is 正月初一)
      expect([eve.lunarMon, eve.lunarDay >= 29, eve.isLeap], `${year} ${eve.date}`).toEqual([12, true, false]);
      expect([d1.lunarMon, d1.lunarDay, d2.lunarDay, d3.lunarDay], String(year)).toEqual([1, 1, 2, 3]);
      expect(d1.lunarYear).toBe(year);
    }
  });

  it('gives 12 days when 中秋节 falls inside 国庆节 (2028-10-03), naming both', () => {
    const days = statutoryHolidays(2028);
    expect(days).toHaveLength(12);
    expect(days.find((h) => h.date === '2028-10-03')?.name).toBe('中秋节、国庆节');
    expect(chineseDaysLib.getLunarDate('2028-10-03')).toMatchObject({ lunarMon: 8, lunarDay: 15 });
  });

  it('is empty outside 2025–2100 (other rules before, no lunar tables after)', () => {
    expect(statutoryHolidays(2024)).toEqual([]);
    expect(statutoryHolidays(2101)).toEqual([]);
  });
});

describe('2027 before the State Council publishes it', () => {
  it('reads the year as estimated, not official', () => {
    expect(cal.yearStatus(2027)).toBe('estimate');
    expect(cal.isKnownYear(2027)).toBe(false);
    expect(cal.officialSource(2027)).toBeNull();
  });

  it('rests on 元旦 2027-01-01 (a Friday), marked 推算', () => {
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ working: false, kind: 'holiday', name: '元旦', source: 'estimate', knownYear: false });
    expect(cal.isWorkingDay('2026-12-31')).toBe(true);
  });

  it('rests 除夕 2027-02-05 through 初三 2027-02-08, and works the Thursday before and the Tuesday after', () => {
    expect(chineseDaysLib.getLunarDate('2027-02-05')).toMatchObject({ lunarYear: 2026, lunarMon: 12, lunarDay: 29 }); // 腊月廿九 is 除夕: 腊月 has 29 days
    expect(chineseDaysLib.getLunarDate('2027-02-06')).toMatchObject({ lunarYear: 2027, lunarMon: 1, lunarDay: 1 });
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
      expect(cal.dayInfo(d), d).toMatchObject({ working: false, kind: 'holiday', name: '春节', source: 'estimate' });
    }
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-09')).toBe(true);
  });

  it('rests 清明 on the solar term (Monday 2027-04-05), 端午 2027-06-09 and 中秋 2027-09-15', () => {
    expect(chineseDaysLib.getSolarTermDate(2027, 4, 'pure_brightness')).toBe('2027-04-05');
    expect(cal.dayInfo('2027-04-05')).toMatchObject({ working: false, name: '清明节', source: 'estimate' });
    expect(cal.dayInfo('2027-06-09')).toMatchObject({ working: false, name: '端午节', source: 'estimate' });
    expect(cal.dayInfo('2027-09-15')).toMatchObject({ working: false, name: '中秋节', source: 'estimate' });
  });

  it('rests 国庆节 2027-10-01..03 and works Monday 10-04: no 调休 is invented', () => {
    for (const d of ['2027-10-01', '2027-10-02', '2027-10-03']) expect(cal.dayInfo(d), d).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(cal.dayInfo('2027-10-04')).toMatchObject({ working: true, kind: 'workday', source: 'weekday_rule' });
    expect(cal.addWorkingDays('2027-09-30', 1)).toBe('2027-10-04');
    expect(cal.dayInfo('2027-09-25')).toMatchObject({ working: false, kind: 'weekend' }); // a Saturday stays a weekend
  });

  it('works an ordinary Monday (2027-03-01) and counts 254 working days in 2027 (261 weekdays − 7 weekday holidays)', () => {
    expect(cal.dayInfo('2027-03-01')).toMatchObject({ isoWeekday: 1, working: true, kind: 'workday', source: 'weekday_rule', knownYear: false });
    expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toBe(254);
  });
});

/** A 2027 schedule as a notice might set it (invented for the test: not the real 2027 notice). */
const notice2027: OfficialSchedule = {
  year: 2027,
  documentNumber: '国办发明电〔2026〕99号',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday' as const, name: '春节' })),
    { date: '2027-02-20', kind: 'workday', name: '春节' },
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday' as const, name: '国庆节' })),
    { date: '2027-09-26', kind: 'workday', name: '国庆节' },
    { date: '2027-10-09', kind: 'workday', name: '国庆节' },
  ],
};

describe('an entered official schedule', () => {
  const entered = createCalendar([], { official: [notice2027] });

  it('replaces the estimate for its year, with its 调休 working weekends', () => {
    expect(entered.yearStatus(2027)).toBe('official');
    expect(entered.officialSource(2027)).toEqual({ from: 'entered', documentNumber: '国办发明电〔2026〕99号' });
    expect(entered.dayInfo('2027-10-04')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节', source: 'official', knownYear: true });
    expect(entered.dayInfo('2027-10-09')).toMatchObject({ working: true, kind: 'adjusted_workday', source: 'official' });
    expect(entered.dayInfo('2027-02-20')).toMatchObject({ working: true, kind: 'adjusted_workday', name: '春节' });
    expect(entered.addWorkingDays('2027-09-30', 1)).toBe('2027-10-08');
  });

  it('leaves no estimated day behind: what the notice does not name is an ordinary day', () => {
    // this notice (invented) has no 清明 entry: the estimate's 2027-04-05 does not come back
    expect(entered.dayInfo('2027-04-05')).toMatchObject({ working: true, source: 'weekday_rule', knownYear: true });
  });

  it('does not touch other years, and a tenant adjustment still wins over it', () => {
    expect(entered.dayInfo('2028-01-03')).toMatchObject({ working: true }); // Monday; 2028-01-01 is a Saturday, no 补假 invented
    expect(entered.dayInfo('2028-01-01')).toMatchObject({ working: false, source: 'estimate' });
    const local = createCalendar([{ date: '2027-10-09', kind: 'holiday', name: '本地安排' }], { official: [notice2027] });
    expect(local.dayInfo('2027-10-09')).toMatchObject({ working: false, source: 'override', name: '本地安排' });
  });

  it('may replace a year the package knows (a correction), and only that year', () => {
    const fixed = createCalendar([], { official: [{ year: 2026, documentNumber: '更正', days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] }] });
    expect(fixed.isWorkingDay('2026-10-08')).toBe(true); // no longer a package holiday
    expect(fixed.isWorkingDay('2026-10-01')).toBe(false);
    expect(fixed.isWorkingDay('2025-10-08')).toBe(false); // 2025 still the package's
  });
});

describe('the 驾驶舱 warning', () => {
  it('appears from 1 November when next year has no official schedule, and goes when it is entered', () => {
    expect(scheduleWarning(cal, '2026-10-31')).toBeNull();
    const w = scheduleWarning(cal, '2026-11-01');
    expect(w?.year).toBe(2027);
    expect(w?.message).toMatch(/2027 年的国务院放假安排尚未录入/);
    expect(scheduleWarning(createCalendar([], { official: [notice2027] }), '2026-11-01')).toBeNull();
  });

  it('also appears inside a year that has no official schedule', () => {
    expect(scheduleWarning(cal, '2027-03-01')?.year).toBe(2027);
    expect(scheduleWarning(createCalendar([], { official: [notice2027] }), '2027-03-01')).toBeNull();
  });
});
