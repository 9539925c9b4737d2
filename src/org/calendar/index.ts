export {
  addDays,
  createCalendar,
  fromDayNumber,
  isoWeekday,
  isValidDate,
  officialCalendar,
  officialYears,
  toDayNumber,
  todayInShanghai,
  type CalendarOverride,
  type DayInfo,
  type DayKind,
  type WorkingCalendar,
} from './calendar';
export { calendarDateSchema, calendarOverrideSchema, type CalendarOverrideInput } from './schema';
export { deleteOverride, loadCalendar, loadOverrides, replaceYear, saveOverride, type CalendarDb } from './store';
export { calendarDayKind, calendarOverrides, type CalendarOverrideRow } from './tables';
