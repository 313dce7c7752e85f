export {
  computeDeadline,
  validateDeadlineRequest,
  requestFieldName,
  DeadlineRequestSchema,
  DeadlineError,
  MAX_DEADLINE_LENGTH,
  DEADLINE_UNITS,
  DEADLINE_COUNTS,
  DEADLINE_ROLLS,
} from "./engine";
export type {
  ClockStop,
  DeadlineCalendar,
  DeadlineCount,
  DeadlineErrorCode,
  DeadlineRequest,
  DeadlineRequestIssue,
  DeadlineRequestValidation,
  DeadlineResult,
  DeadlineRoll,
  DeadlineUnit,
  Division,
} from "./engine";
export { bundledHolidays, parseHolidayJson, DIVISIONS, DEADLINE_CALENDARS } from "./holidays";
export type { HolidayCalendar, HolidayData } from "./holidays";
export {
  addDays,
  calendarDateProblem,
  compareCalendarDates,
  daysBetween,
  endOfLondonDay,
  formatLongDate,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  londonOffset,
  parseCalendarDate,
  toDayNumber,
  weekdayName,
} from "./calendar-date";
export type { CalendarDate, CivilDate, IsoWeekday, LondonOffset, WeekdayName } from "./calendar-date";
