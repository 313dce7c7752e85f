/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings.
 *
 * Statutory deadlines are counted in whole calendar days, so everything here
 * works on civil dates and integer "day numbers" (days since 1970-01-01 in the
 * proleptic Gregorian calendar). Nothing uses `Date`: a `Date` is an instant,
 * and converting it to a day depends on the process time zone and on DST,
 * which is exactly the class of bug a deadline engine must not have.
 */

/** A date written `YYYY-MM-DD` (proleptic Gregorian, years 0001–9999). */
export type CalendarDate = string;

export interface CivilDate {
  year: number;
  /** 1 = January … 12 = December */
  month: number;
  day: number;
}

/** ISO 8601 weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** Why `text` is not a valid calendar date, or null when it is. */
export function calendarDateProblem(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return `"${text}" is not in YYYY-MM-DD form`;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return `"${text}" has a year outside 0001–9999`;
  if (month < 1 || month > 12) return `"${text}" has no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) {
    return `"${text}" does not exist (${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days)`;
  }
  return null;
}

export function isCalendarDate(text: string): boolean {
  return calendarDateProblem(text) === null;
}

/** Parses a `YYYY-MM-DD` date; throws RangeError for text that is not a real date (e.g. 2027-02-30). */
export function parseCalendarDate(text: string): CivilDate {
  const problem = calendarDateProblem(text);
  if (problem !== null) throw new RangeError(`Invalid calendar date: ${problem}`);
  return {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
  };
}

/**
 * Days since 1970-01-01 for a civil date.
 * Howard Hinnant's `days_from_civil` (https://howardhinnant.github.io/date_algorithms.html):
 * shifting the year to start in March puts the leap day last, so the day of the
 * year follows the closed form (153·m + 2) / 5.
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const marchBasedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchBasedYear / 400);
  const yearOfEra = marchBasedYear - era * 400;
  const marchBasedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * marchBasedMonth + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link dayNumberFromCivil} (Hinnant's `civil_from_days`). */
export function civilFromDayNumber(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchBasedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchBasedMonth + 2) / 5) + 1;
  const month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Day number of 0001-01-01, the earliest representable date. */
export const MIN_DAY_NUMBER = dayNumberFromCivil(MIN_YEAR, 1, 1);
/** Day number of 9999-12-31, the latest representable date. */
export const MAX_DAY_NUMBER = dayNumberFromCivil(MAX_YEAR, 12, 31);

export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(date);
  return dayNumberFromCivil(year, month, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function formatCivilDate({ year, month, day }: CivilDate): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Throws RangeError outside 0001-01-01..9999-12-31, where `YYYY-MM-DD` cannot represent the date. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isInteger(dayNumber) || dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw new RangeError(`Day number ${dayNumber} is outside 0001-01-01..9999-12-31`);
  }
  return formatCivilDate(civilFromDayNumber(dayNumber));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday of a day number. 1970-01-01 (day 0) was a Thursday (4). */
export function isoWeekdayOfDayNumber(dayNumber: number): IsoWeekday {
  // `% 7` keeps the sign of the dividend, so fold negatives back into 0..6.
  const mondayBased = (((dayNumber + 3) % 7) + 7) % 7;
  return (mondayBased + 1) as IsoWeekday;
}

export function isoWeekday(date: CalendarDate): IsoWeekday {
  return isoWeekdayOfDayNumber(toDayNumber(date));
}

export function isWeekendDayNumber(dayNumber: number): boolean {
  return isoWeekdayOfDayNumber(dayNumber) >= 6;
}

export function weekdayName(date: CalendarDate): WeekdayName {
  return WEEKDAY_NAMES[isoWeekday(date) - 1] as WeekdayName;
}

/** -1, 0 or 1. Validates both dates so a malformed string can never sort "correctly" by accident. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const difference = toDayNumber(a) - toDayNumber(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * "Monday 1 February 2027" — the GOV.UK style for dates in letters.
 * Built from tables rather than Intl so the text cannot vary with ICU data,
 * locale defaults or the process time zone.
 */
export function formatLongDate(date: CalendarDate): string {
  const { year, month, day } = parseCalendarDate(date);
  const weekday = WEEKDAY_NAMES[isoWeekdayOfDayNumber(dayNumberFromCivil(year, month, day)) - 1];
  const monthName = MONTH_NAMES[month - 1];
  return `${weekday} ${day} ${monthName} ${pad(year, 4)}`;
}

/** Day number of the last Sunday of `month` in `year`. */
export function lastSundayOfMonth(year: number, month: number): number {
  const lastDay = dayNumberFromCivil(year, month, daysInMonth(year, month));
  return lastDay - (isoWeekdayOfDayNumber(lastDay) % 7);
}

export type LondonOffset = "+00:00" | "+01:00";

/**
 * The Europe/London UTC offset in force at 23:59:59 local time on `date`.
 *
 * UK summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October. Both changes happen in the small hours, so by
 * 23:59:59 on a change day the new offset already applies: the last Sunday of
 * March ends at +01:00 and the last Sunday of October ends at +00:00.
 *
 * Computed by rule rather than from a time-zone database so the answer does not
 * depend on the host. The rule is the one in force since 1996; earlier years
 * followed different rules and are not modelled.
 */
export function londonOffset(date: CalendarDate): LondonOffset {
  const dayNumber = toDayNumber(date);
  const { year } = civilFromDayNumber(dayNumber);
  const summerTimeStarts = lastSundayOfMonth(year, 3);
  const summerTimeEnds = lastSundayOfMonth(year, 10);
  return dayNumber >= summerTimeStarts && dayNumber < summerTimeEnds ? "+01:00" : "+00:00";
}

/** `2027-02-01T23:59:59+00:00`: the last second of `date` in London, as an ISO 8601 timestamp. */
export function endOfLondonDay(date: CalendarDate): string {
  return `${date}T23:59:59${londonOffset(date)}`;
}
