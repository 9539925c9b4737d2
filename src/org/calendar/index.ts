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
  type CalendarOptions,
  type CalendarOverride,
  type DayInfo,
  type DayKind,
  type DaySource,
  type OfficialSchedule,
  type YearStatus,
  type WorkingCalendar,
} from './calendar';
export { calendarDateSchema, calendarOverrideSchema, type CalendarOverrideInput } from './schema';
export { deleteOverride, loadCalendar, loadOverrides, replaceYear, saveOverride, type CalendarDb } from './store';
export { calendarDayKind, calendarOverrides, type CalendarOverrideRow } from './tables';
export { statutoryHolidays, statutoryRulesCover, STATUTORY_RULES } from './statutory';
export { DAY_SOURCE_LABELS, daySourceLabel, YEAR_STATUS_LABELS } from './labels';
export { loadOfficialSchedules } from './store';
