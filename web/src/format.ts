// Times are stored as instants and shown in Asia/Shanghai, whatever the browser's own time zone.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TIME_ZONE = 'Asia/Shanghai';

export function formatTime(value: string | null | undefined, withSeconds = false): string {
  if (!value) return '—';
  return dayjs(value).tz(TIME_ZONE).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** The first instant of a calendar day picked in a date picker, in Asia/Shanghai. */
export function startOfDay(day: Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE).startOf('day').toISOString();
}

/** The last instant of a calendar day picked in a date picker, in Asia/Shanghai. */
export function endOfDay(day: Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE).endOf('day').toISOString();
}
