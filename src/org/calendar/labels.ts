// Chinese labels of the working-day calendar, import-free so the web and the CLI share them.

/** Where a day's answer came from (DayInfo.source). `weekday_rule` reads 周末 or 常规工作日 by the day. */
export const DAY_SOURCE_LABELS = {
  override: '本地调整',
  official: '官方安排',
  estimate: '法定节假日推算',
  weekday_rule: '周末',
} as const;

/** The label of a day's source: an ordinary Monday–Friday is a 常规工作日, not a 周末. */
export function daySourceLabel(source: keyof typeof DAY_SOURCE_LABELS, isoWeekday: number): string {
  return source === 'weekday_rule' && isoWeekday <= 5 ? '常规工作日' : DAY_SOURCE_LABELS[source];
}

export const YEAR_STATUS_LABELS = {
  official: '已有官方安排',
  estimate: '法定节假日推算（官方安排未录入）',
  none: '无节假日数据（仅按周末计算）',
} as const;

export const WEEKDAY_LABELS = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/** The holiday names an official schedule uses, in the order of the year. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
