// The statutory public holidays of a year computed from the law, for years whose State Council
// schedule nobody has entered yet (法定节假日推算). Pure.
//
// 《全国年节及纪念日放假办法》 as revised by the State Council in November 2024, in force from
// 1 January 2025, article 2 (holidays for all citizens, 13 days):
//   元旦 1 day (1 January); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (the day of the solar
//   term 清明); 劳动节 2 days (1–2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
//   国庆节 3 days (1–3 October).
// What the law does not fix is left out on purpose: the 调休 working weekends and the make-up day
// off (补假) when a holiday falls on a weekend are chosen by each year's State Council notice, so
// the fallback never invents them. Until the notice is entered, deadlines in that year count the
// statutory days off and the ordinary weekends only.
//
// The lunar dates and the solar term come from chinese-days (its tables cover 1900–2100).
import chineseDaysLib from 'chinese-days';

/** First year the 2024 revision applies to. */
export const STATUTORY_RULES_FROM = 2025;
/** Last year the package's lunar tables cover. */
export const STATUTORY_RULES_UNTIL = 2100;

export interface StatutoryHoliday {
  /** `YYYY-MM-DD` */
  date: string;
  /** `春节`, `国庆节` …; two names joined with `、` when two holidays fall on one day (中秋 on 1–3 October). */
  name: string;
}

/** The holidays of 《全国年节及纪念日放假办法》 (2024 revision), with their lengths: the one table of the rule. */
export const STATUTORY_RULES: readonly { name: string; days: number; rule: string }[] = [
  { name: '元旦', days: 1, rule: '1月1日' },
  { name: '春节', days: 4, rule: '农历除夕、正月初一至初三' },
  { name: '清明节', days: 1, rule: '清明节气当日' },
  { name: '劳动节', days: 2, rule: '5月1日、2日' },
  { name: '端午节', days: 1, rule: '农历五月初五' },
  { name: '中秋节', days: 1, rule: '农历八月十五' },
  { name: '国庆节', days: 3, rule: '10月1日至3日' },
];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

/** Solar date plus n days, through UTC arithmetic on a date-only value (no local time zone involved). */
function shift(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function lunarToSolar(year: number, month: number, day: number): string {
  // the regular (not leap) month: the festivals are never in a leap month
  return chineseDaysLib.getSolarDateFromLunar(ymd(year, month, day)).date;
}

/** True when the fallback knows `year` (2025–2100). */
export function statutoryRulesCover(year: number): boolean {
  return Number.isInteger(year) && year >= STATUTORY_RULES_FROM && year <= STATUTORY_RULES_UNTIL;
}

const cache = new Map<number, StatutoryHoliday[]>();

/**
 * The statutory days off of `year` by the 2024 rules, sorted by date; [] outside 2025–2100.
 * Each day once; when two holidays share a day (中秋节 on 1–3 October) the names are joined.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!statutoryRulesCover(year)) return [];
  const hit = cache.get(year);
  if (hit) return hit.map((h) => ({ ...h }));
  const days = new Map<string, string[]>();
  const add = (date: string, name: string) => {
    const names = days.get(date) ?? [];
    if (!names.includes(name)) names.push(name);
    days.set(date, names);
  };
  add(ymd(year, 1, 1), '元旦');
  const firstDay = lunarToSolar(year, 1, 1); // 正月初一 of the lunar year starting in this solar year
  for (let i = -1; i <= 2; i++) add(shift(firstDay, i), '春节'); // 除夕 is the day before 初一 (腊月 has 29 or 30 days)
  add(chineseDaysLib.getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  add(ymd(year, 5, 1), '劳动节');
  add(ymd(year, 5, 2), '劳动节');
  add(lunarToSolar(year, 5, 5), '端午节');
  add(lunarToSolar(year, 8, 15), '中秋节');
  for (let d = 1; d <= 3; d++) add(ymd(year, 10, d), '国庆节');
  const out = [...days.entries()]
    .filter(([date]) => date.startsWith(`${year}-`))
    .map(([date, names]) => ({ date, name: names.join('、') }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, out);
  return out.map((h) => ({ ...h }));
}
