/**
 * The deadline engine: given a triggering date and a period ("45 calendar days
 * after", "30 working days beginning with"), finds the due date.
 *
 * Semantics:
 * - A working day is Monday–Friday and not a bank holiday of the chosen
 *   calendar (`united-kingdom` = a holiday in any division).
 * - A counted day is any day (unit `calendar`) or a working day (unit
 *   `working`) that is not inside a clock stop (stops are inclusive ranges).
 * - `after`: day 1 is the first counted day after `start`.
 *   `beginning-with`: day 1 is `start` if it is a counted day, else the next one.
 * - The due date is the N-th counted day. With unit `calendar` and roll
 *   `next-working-day`, a due date that is not a working day moves to the next
 *   working day (clock stops play no part in the roll).
 * - The deadline expires at 23:59:59 Europe/London on the due date.
 *
 * If the answer depends on whether a day in a year outside the holiday data is
 * a bank holiday, the engine throws `beyond-holiday-data` rather than guess.
 *
 * Days are integer day numbers throughout (see calendar-date.ts), so results
 * never depend on the process time zone and the count allocates nothing per day.
 */
import { z } from "zod";
import {
  MAX_DAY_NUMBER,
  calendarDateProblem,
  civilFromDayNumber,
  endOfLondonDay,
  formatLongDate,
  fromDayNumber,
  isWeekendDayNumber,
  toDayNumber,
  weekdayName,
  type CalendarDate,
  type WeekdayName,
} from "./calendar-date";
import {
  DEADLINE_CALENDARS,
  bundledHolidays,
  type DeadlineCalendar,
  type Division,
  type HolidayCalendar,
  type HolidayData,
} from "./holidays";

export type { DeadlineCalendar, Division };

/** Longest period accepted, in days: ten years, well beyond any statutory period we handle. */
export const MAX_DEADLINE_LENGTH = 3660;

export const DEADLINE_UNITS = ["calendar", "working"] as const;
export const DEADLINE_COUNTS = ["after", "beginning-with"] as const;
export const DEADLINE_ROLLS = ["none", "next-working-day"] as const;

export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];
export type DeadlineCount = (typeof DEADLINE_COUNTS)[number];
export type DeadlineRoll = (typeof DEADLINE_ROLLS)[number];

/** A clock stop: the inclusive range of days on which the clock does not run. */
export interface ClockStop {
  from: CalendarDate;
  to: CalendarDate;
}

export interface DeadlineRequest {
  /** YYYY-MM-DD, the triggering date. */
  start: CalendarDate;
  /** Whole number of days, 1..MAX_DEADLINE_LENGTH. */
  length: number;
  unit: DeadlineUnit;
  count: DeadlineCount;
  calendar: DeadlineCalendar;
  /** Defaults to "none". */
  roll?: DeadlineRoll;
  stops?: ClockStop[];
}

export interface DeadlineResult {
  due: CalendarDate;
  /** 23:59:59 Europe/London on `due`, e.g. "2027-02-01T23:59:59+00:00". */
  expiresAt: string;
  dueWeekday: WeekdayName;
  /** e.g. "Monday 1 February 2027". */
  dueLong: string;
  /** The first counted day. */
  day1: CalendarDate;
  /** True when roll `next-working-day` moved the due date. */
  rolled: boolean;
  /** Days skipped because they were inside a clock stop and would otherwise have counted. */
  stoppedDays: number;
  /** Version of the holiday data consulted, or null when the computation needed none. */
  holidayDataVersion: string | null;
  /** The request as interpreted: roll defaulted, stops sorted. */
  request: Required<DeadlineRequest>;
}

export type DeadlineErrorCode = "invalid-request" | "beyond-holiday-data";

export interface DeadlineRequestIssue {
  /** Where the problem is, e.g. ["stops", 0, "from"]. */
  path: readonly (string | number)[];
  /** Completes a sentence that starts with the field name, e.g. `must be "calendar" or "working"`. */
  message: string;
}

export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
  readonly code: DeadlineErrorCode;
  /** For `invalid-request`: every problem found. */
  readonly issues: readonly DeadlineRequestIssue[];

  constructor(code: DeadlineErrorCode, message: string, issues: readonly DeadlineRequestIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

function enumMessage(values: readonly string[]): string {
  const quoted = values.map((value) => `"${value}"`);
  const last = quoted.pop();
  return `must be ${quoted.length > 0 ? `${quoted.join(", ")} or ${last}` : last}`;
}

const calendarDateField = z
  .string({ error: "must be a date in YYYY-MM-DD form" })
  .superRefine((text, context) => {
    const problem = calendarDateProblem(text);
    if (problem !== null) context.addIssue({ code: "custom", message: `must be a real date in YYYY-MM-DD form: ${problem}` });
  });

const LENGTH_MESSAGE = `must be a whole number from 1 to ${MAX_DEADLINE_LENGTH}`;

const clockStopSchema = z
  .object(
    { from: calendarDateField, to: calendarDateField },
    { error: "must be a date range with from and to" },
  )
  .superRefine((stop, context) => {
    // Only compare when both ends are real dates; otherwise the date issues already explain it.
    if (calendarDateProblem(stop.from) !== null || calendarDateProblem(stop.to) !== null) return;
    if (stop.from > stop.to) {
      context.addIssue({ code: "custom", message: `must not end before it starts (from ${stop.from} is after to ${stop.to})` });
    }
  });

/** Validates a deadline request. Shared by the engine, the CLI and the HTTP route. */
export const DeadlineRequestSchema = z.object(
  {
    start: calendarDateField,
    length: z
      .number({ error: LENGTH_MESSAGE })
      .int({ error: LENGTH_MESSAGE })
      .min(1, { error: LENGTH_MESSAGE })
      .max(MAX_DEADLINE_LENGTH, { error: LENGTH_MESSAGE }),
    unit: z.enum(DEADLINE_UNITS, { error: enumMessage(DEADLINE_UNITS) }),
    count: z.enum(DEADLINE_COUNTS, { error: enumMessage(DEADLINE_COUNTS) }),
    calendar: z.enum(DEADLINE_CALENDARS, { error: enumMessage(DEADLINE_CALENDARS) }),
    roll: z.enum(DEADLINE_ROLLS, { error: enumMessage(DEADLINE_ROLLS) }).optional(),
    stops: z.array(clockStopSchema, { error: "must be a list of date ranges" }).optional(),
  },
  { error: "must be an object" },
) satisfies z.ZodType<DeadlineRequest, DeadlineRequest>;

/** "stops[0].from" — how the engine names a field in error messages. */
export function requestFieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return "request";
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${segment}`)).join("").slice(1);
}

export type DeadlineRequestValidation =
  | { ok: true; request: Required<DeadlineRequest> }
  | { ok: false; issues: DeadlineRequestIssue[] };

/** Validates and normalises (roll defaulted, stops sorted by from then to) without throwing. */
export function validateDeadlineRequest(input: unknown): DeadlineRequestValidation {
  const parsed = DeadlineRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment))),
        message: issue.message,
      })),
    };
  }
  const { start, length, unit, count, calendar, roll = "none", stops = [] } = parsed.data;
  const sortedStops = stops
    .map(({ from, to }) => ({ from, to }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { ok: true, request: { start, length, unit, count, calendar, roll, stops: sortedStops } };
}

interface DayRange {
  first: number;
  last: number;
}

/** Sorted stops as day-number ranges, with overlapping or touching ranges merged. */
function mergeStops(sortedStops: readonly ClockStop[]): DayRange[] {
  const merged: DayRange[] = [];
  for (const stop of sortedStops) {
    const first = toDayNumber(stop.from);
    const last = toDayNumber(stop.to);
    const previous = merged[merged.length - 1];
    if (previous && first <= previous.last + 1) {
      previous.last = Math.max(previous.last, last);
    } else {
      merged.push({ first, last });
    }
  }
  return merged;
}

function beyondHolidayData(
  dayNumber: number,
  calendar: DeadlineCalendar,
  holidayCalendar: HolidayCalendar,
  version: string,
): DeadlineError {
  const date = fromDayNumber(dayNumber);
  const { year } = civilFromDayNumber(dayNumber);
  return new DeadlineError(
    "beyond-holiday-data",
    `Cannot compute this deadline: it depends on whether ${date} is a bank holiday in ${calendar}, ` +
      `but the holiday data (version ${version}) covers ${holidayCalendar.firstYear}–${holidayCalendar.lastYear} ` +
      `and not ${year}. Update the bank-holiday data to include ${year}.`,
  );
}

function pastLastRepresentableDate(): DeadlineError {
  return new DeadlineError(
    "invalid-request",
    "Invalid deadline request: start and length put the deadline after 9999-12-31, the last date that can be represented",
    [{ path: ["start"], message: "is too late: the deadline would fall after 9999-12-31" }],
  );
}

/**
 * Whether a day is a working day in `calendar`. Weekends are checked first: a
 * Saturday is not a working day whatever the holiday data says, so it never
 * needs (or fails for lack of) holiday coverage.
 */
function workingDayTest(holidayData: HolidayData, calendar: DeadlineCalendar): (dayNumber: number) => boolean {
  const holidayCalendar = holidayData.calendars[calendar];
  return (dayNumber) => {
    if (isWeekendDayNumber(dayNumber)) return false;
    if (dayNumber < holidayCalendar.firstCoveredDay || dayNumber > holidayCalendar.lastCoveredDay) {
      throw beyondHolidayData(dayNumber, calendar, holidayCalendar, holidayData.version);
    }
    return !holidayCalendar.dayNumbers.has(dayNumber);
  };
}

/** Stands in for workingDayTest when the request needs no holiday data; reaching it is a bug. */
function holidayDataNotLoaded(): never {
  throw new Error("Internal error: a calendar count without a roll asked whether a day is a working day");
}

/**
 * Computes a deadline. `holidays` defaults to the bundled GOV.UK data and is
 * only consulted when the request needs it (working days, or a roll).
 * Throws DeadlineError (`invalid-request` or `beyond-holiday-data`).
 */
export function computeDeadline(input: DeadlineRequest, holidays?: HolidayData): DeadlineResult {
  const validation = validateDeadlineRequest(input);
  if (!validation.ok) {
    const details = validation.issues.map((issue) => `${requestFieldName(issue.path)} ${issue.message}`);
    throw new DeadlineError("invalid-request", `Invalid deadline request: ${details.join("; ")}`, validation.issues);
  }
  const request = validation.request;
  const stops = mergeStops(request.stops);
  const countsWorkingDays = request.unit === "working";
  const rollsToWorkingDay = request.unit === "calendar" && request.roll === "next-working-day";

  const holidayData = countsWorkingDays || rollsToWorkingDay ? (holidays ?? bundledHolidays()) : null;
  const isWorkingDay = holidayData === null ? holidayDataNotLoaded : workingDayTest(holidayData, request.calendar);

  const startDay = toDayNumber(request.start);
  let day = request.count === "after" ? startDay + 1 : startDay;
  let countedDays = 0;
  let stoppedDays = 0;
  let firstCountedDay = -1;
  let stopIndex = 0;

  for (;;) {
    if (day > MAX_DAY_NUMBER) throw pastLastRepresentableDate();
    while (stopIndex < stops.length && (stops[stopIndex] as DayRange).last < day) stopIndex++;
    const stop = stops[stopIndex];
    if (stop !== undefined && stop.first <= day) {
      if (countsWorkingDays) {
        if (isWorkingDay(day)) stoppedDays++;
        day++;
      } else {
        // Every calendar day in the stop would have counted, so skip the whole range at once.
        stoppedDays += stop.last - day + 1;
        day = stop.last + 1;
      }
      continue;
    }
    if (!countsWorkingDays || isWorkingDay(day)) {
      countedDays++;
      if (countedDays === 1) firstCountedDay = day;
      if (countedDays === request.length) break;
    }
    day++;
  }

  let dueDay = day;
  let rolled = false;
  if (rollsToWorkingDay) {
    while (!isWorkingDay(dueDay)) {
      dueDay++;
      if (dueDay > MAX_DAY_NUMBER) throw pastLastRepresentableDate();
      rolled = true;
    }
  }

  const due = fromDayNumber(dueDay);
  return {
    due,
    expiresAt: endOfLondonDay(due),
    dueWeekday: weekdayName(due),
    dueLong: formatLongDate(due),
    day1: fromDayNumber(firstCountedDay),
    rolled,
    stoppedDays,
    holidayDataVersion: holidayData?.version ?? null,
    request,
  };
}
