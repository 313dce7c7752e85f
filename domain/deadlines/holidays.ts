/**
 * UK bank-holiday data in the GOV.UK `bank-holidays.json` format
 * (https://www.gov.uk/bank-holidays.json), validated and indexed for the
 * deadline engine.
 *
 * The data only lists a finite run of years. Each calendar records which years
 * it covers so the engine can refuse to compute a deadline that would depend
 * on a year we know nothing about, instead of silently treating it as having
 * no bank holidays.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../audit/canonical-json";
import bundledHolidayJson from "./uk-bank-holidays.json";
import { calendarDateProblem, dayNumberFromCivil, toDayNumber, type CalendarDate } from "./calendar-date";

export const DIVISIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type Division = (typeof DIVISIONS)[number];

/** A division, or `united-kingdom`: a day that is a bank holiday anywhere in the UK. */
export type DeadlineCalendar = Division | "united-kingdom";
export const DEADLINE_CALENDARS = [...DIVISIONS, "united-kingdom"] as const satisfies readonly DeadlineCalendar[];

/** The bank holidays of one calendar, and the span of years the data vouches for. */
export interface HolidayCalendar {
  /** Bank-holiday dates, `YYYY-MM-DD`. */
  readonly dates: ReadonlySet<CalendarDate>;
  /** The same dates as day numbers, for the engine's hot loop. */
  readonly dayNumbers: ReadonlySet<number>;
  /** First and last year with at least one event; every year in between has events too. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Day numbers of 1 January of `firstYear` and 31 December of `lastYear`. */
  readonly firstCoveredDay: number;
  readonly lastCoveredDay: number;
}

export interface HolidayData {
  /** First 12 hex digits of the SHA-256 of the dataset's canonical JSON; recorded with each deadline. */
  readonly version: string;
  /** Human-readable description, e.g. "UK bank holidays 2019–2028 (3c1f…)". */
  readonly label: string;
  readonly calendars: Readonly<Record<DeadlineCalendar, HolidayCalendar>>;
}

const holidayEventSchema = z.object({
  title: z.string({ error: "title must be a string" }),
  date: z.string({ error: "date must be a YYYY-MM-DD string" }).superRefine((date, context) => {
    const problem = calendarDateProblem(date);
    if (problem !== null) context.addIssue({ code: "custom", message: `date ${problem}` });
  }),
  notes: z.string({ error: "notes must be a string" }),
  bunting: z.boolean({ error: "bunting must be true or false" }),
});

const divisionSchema = (division: Division) =>
  z.object(
    {
      division: z.literal(division, { error: `division must be "${division}"` }),
      events: z
        .array(holidayEventSchema, { error: "events must be an array" })
        .min(1, { error: "events must not be empty" }),
    },
    { error: `"${division}" must be an object with "division" and "events"` },
  );

/** The GOV.UK bank-holidays.json shape. Unknown top-level keys are dropped. */
export const HolidayJsonSchema = z.object(
  {
    "england-and-wales": divisionSchema("england-and-wales"),
    scotland: divisionSchema("scotland"),
    "northern-ireland": divisionSchema("northern-ireland"),
  },
  { error: "holiday data must be a JSON object keyed by division" },
);
export type HolidayJson = z.infer<typeof HolidayJsonSchema>;


function describeIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "holiday data";
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`)).join("").slice(1);
}

function buildCalendar(division: string, events: readonly { date: CalendarDate }[]): HolidayCalendar {
  const dates = new Set<CalendarDate>();
  const years = new Set<number>();
  for (const event of events) {
    if (dates.has(event.date)) {
      throw new Error(`Invalid holiday data: ${division} lists ${event.date} more than once`);
    }
    dates.add(event.date);
    years.add(Number(event.date.slice(0, 4)));
  }
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  // Every UK division has New Year's Day (or its substitute) each year, so a
  // year with no events is missing data, not a year without holidays.
  for (let year = firstYear; year <= lastYear; year++) {
    if (!years.has(year)) {
      throw new Error(
        `Invalid holiday data: ${division} has events for ${firstYear}–${lastYear} but none for ${year}`,
      );
    }
  }
  return {
    dates,
    dayNumbers: new Set([...dates].map(toDayNumber)),
    firstYear,
    lastYear,
    firstCoveredDay: dayNumberFromCivil(firstYear, 1, 1),
    lastCoveredDay: dayNumberFromCivil(lastYear, 12, 31),
  };
}

/** Union of the divisions' holidays, covering only the years every division covers. */
function buildUnitedKingdomCalendar(divisions: readonly HolidayCalendar[]): HolidayCalendar {
  const firstYear = Math.max(...divisions.map((calendar) => calendar.firstYear));
  const lastYear = Math.min(...divisions.map((calendar) => calendar.lastYear));
  if (firstYear > lastYear) {
    throw new Error("Invalid holiday data: the divisions have no year in common, so no united-kingdom calendar");
  }
  const firstCoveredDay = dayNumberFromCivil(firstYear, 1, 1);
  const lastCoveredDay = dayNumberFromCivil(lastYear, 12, 31);
  const dates = new Set<CalendarDate>();
  const dayNumbers = new Set<number>();
  for (const calendar of divisions) {
    for (const date of calendar.dates) {
      const dayNumber = toDayNumber(date);
      if (dayNumber < firstCoveredDay || dayNumber > lastCoveredDay) continue;
      dates.add(date);
      dayNumbers.add(dayNumber);
    }
  }
  return { dates, dayNumbers, firstYear, lastYear, firstCoveredDay, lastCoveredDay };
}

/**
 * Validates GOV.UK-format bank-holiday JSON (already parsed with `JSON.parse`)
 * and indexes it. Throws an Error naming the offending path for malformed input.
 */
export function parseHolidayJson(raw: unknown): HolidayData {
  const parsed = HolidayJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : "";
    throw new Error(`Invalid holiday data: ${problems.join("; ")}${more}`);
  }
  const json = parsed.data;
  const divisionCalendars = {
    "england-and-wales": buildCalendar("england-and-wales", json["england-and-wales"].events),
    scotland: buildCalendar("scotland", json.scotland.events),
    "northern-ireland": buildCalendar("northern-ireland", json["northern-ireland"].events),
  } satisfies Record<Division, HolidayCalendar>;
  const unitedKingdom = buildUnitedKingdomCalendar(Object.values(divisionCalendars));

  const version = createHash("sha256").update(canonicalJson(json)).digest("hex").slice(0, 12);
  const years = Object.values(divisionCalendars);
  const firstYear = Math.min(...years.map((calendar) => calendar.firstYear));
  const lastYear = Math.max(...years.map((calendar) => calendar.lastYear));
  return {
    version,
    label: `UK bank holidays ${firstYear}–${lastYear} (${version})`,
    calendars: { ...divisionCalendars, "united-kingdom": unitedKingdom },
  };
}

let bundled: HolidayData | undefined;

/**
 * The holiday data shipped with the app (domain/deadlines/uk-bank-holidays.json).
 * Imported statically so bundlers include it; parsed once per process.
 */
export function bundledHolidays(): HolidayData {
  bundled ??= parseHolidayJson(bundledHolidayJson);
  return bundled;
}
