import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { addDays, isoWeekday, toDayNumber, weekdayName } from "./calendar-date";
import {
  computeDeadline,
  DeadlineError,
  DeadlineRequestSchema,
  type DeadlineCalendar,
  type DeadlineRequest,
  type DeadlineResult,
} from "./engine";
import { bundledHolidays, parseHolidayJson } from "./holidays";

const EW = "england-and-wales";
const SCO = "scotland";
const NI = "northern-ireland";
const UK = "united-kingdom";

function deadlineErrorFrom(run: () => unknown): DeadlineError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeadlineError) return error;
    throw error;
  }
  throw new Error("expected a DeadlineError, but the computation succeeded");
}

type Row = [
  start: string, startWeekday: string, length: number, unit: DeadlineRequest["unit"], count: DeadlineRequest["count"],
  calendar: DeadlineCalendar, roll: DeadlineRequest["roll"], stops: string, due: string, dueWeekday: string,
];

/** "2027-01-11..2027-01-20" → [{ from, to }]; "" → no stops. */
const stopsFrom = (text: string) =>
  text === "" ? [] : text.split(",").map((range) => {
    const [from = "", to = ""] = range.split("..");
    return { from, to };
  });

describe("required examples", () => {
  it.each<Row>([
    // start        weekday  N   unit        count             calendar roll                 stops                     due           weekday
    ["2026-12-18", "Friday", 45, "calendar", "after",          EW,  "none",             "",                       "2027-02-01", "Monday"],
    ["2026-12-18", "Friday", 45, "calendar", "beginning-with", EW,  "none",             "",                       "2027-01-31", "Sunday"],
    ["2026-12-18", "Friday", 45, "calendar", "beginning-with", EW,  "next-working-day", "",                       "2027-02-01", "Monday"],
    ["2026-12-18", "Friday", 30, "working",  "beginning-with", EW,  undefined,          "",                       "2027-02-02", "Tuesday"],
    ["2026-12-18", "Friday", 30, "working",  "beginning-with", SCO, undefined,          "",                       "2027-02-03", "Wednesday"],
    ["2026-12-18", "Friday", 30, "working",  "beginning-with", EW,  undefined,          "2027-01-11..2027-01-20", "2027-02-12", "Friday"],
    ["2027-02-02", "Tuesday", 45, "working", "after",          EW,  undefined,          "",                       "2027-04-08", "Thursday"],
  ])(
    "%s (%s) + %i %s days, %s, %s, roll %s, stops [%s] → %s (%s)",
    (start, startWeekday, length, unit, count, calendar, roll, stops, due, dueWeekday) => {
      expect(weekdayName(start)).toBe(startWeekday); // guards the table itself against typos
      const result = computeDeadline({ start, length, unit, count, calendar, roll, stops: stopsFrom(stops) });
      expect(result.due).toBe(due);
      expect(result.dueWeekday).toBe(dueWeekday);
    },
  );

  it("gives the full result for 45 calendar days after Friday 18 December 2026", () => {
    expect(computeDeadline({ start: "2026-12-18", length: 45, unit: "calendar", count: "after", calendar: EW })).toEqual({
      due: "2027-02-01",
      expiresAt: "2027-02-01T23:59:59+00:00",
      dueWeekday: "Monday",
      dueLong: "Monday 1 February 2027",
      day1: "2026-12-19",
      rolled: false,
      stoppedDays: 0,
      holidayDataVersion: null,
      request: { start: "2026-12-18", length: 45, unit: "calendar", count: "after", calendar: EW, roll: "none", stops: [] },
    } satisfies DeadlineResult);
  });

  it("rolls Sunday 31 January 2027 to Monday 1 February and says so", () => {
    const result = computeDeadline({ start: "2026-12-18", length: 45, unit: "calendar", count: "beginning-with", calendar: EW, roll: "next-working-day" });
    expect(result.rolled).toBe(true);
    expect(result.day1).toBe("2026-12-18");
    expect(result.holidayDataVersion).toBe(bundledHolidays().version);
  });

  it("counts the 8 working days inside the stop 11–20 January 2027 (Mon–Wed)", () => {
    const result = computeDeadline({ start: "2026-12-18", length: 30, unit: "working", count: "beginning-with", calendar: EW, stops: [{ from: "2027-01-11", to: "2027-01-20" }] });
    expect(result.stoppedDays).toBe(8);
  });

  it("expires at 23:59:59 BST on Thursday 8 April 2027", () => {
    const result = computeDeadline({ start: "2027-02-02", length: 45, unit: "working", count: "after", calendar: EW });
    expect(result.expiresAt).toBe("2027-04-08T23:59:59+01:00");
    expect(result.dueLong).toBe("Thursday 8 April 2027");
  });

  it("refuses 30 working days beginning with Monday 20 November 2028: it runs into 2029, beyond the data", () => {
    const error = deadlineErrorFrom(() =>
      computeDeadline({ start: "2028-11-20", length: 30, unit: "working", count: "beginning-with", calendar: EW }),
    );
    expect(error.code).toBe("beyond-holiday-data");
    expect(error.message).toContain("2029");
    expect(error.message).toContain("2019–2028");
    expect(error.message).toContain("england-and-wales");
  });
});

describe("further examples", () => {
  // [what, request, due (weekday), extra expectations]
  it.each<[string, DeadlineRequest, string, Partial<DeadlineResult>]>([
    ["spring DST day: Sun 28 Mar 2027 ends in BST", { start: "2027-03-27" /* Sat */, length: 1, unit: "calendar", count: "after", calendar: EW }, "2027-03-28 Sunday", { expiresAt: "2027-03-28T23:59:59+01:00" }],
    ["the day before spring DST is still GMT", { start: "2027-03-26" /* Fri */, length: 1, unit: "calendar", count: "after", calendar: EW }, "2027-03-27 Saturday", { expiresAt: "2027-03-27T23:59:59+00:00" }],
    ["autumn DST day: Sun 31 Oct 2027 ends in GMT", { start: "2027-10-30" /* Sat */, length: 1, unit: "calendar", count: "after", calendar: EW }, "2027-10-31 Sunday", { expiresAt: "2027-10-31T23:59:59+00:00" }],
    ["the day before autumn DST is still BST", { start: "2027-10-29" /* Fri */, length: 1, unit: "calendar", count: "after", calendar: EW }, "2027-10-30 Saturday", { expiresAt: "2027-10-30T23:59:59+01:00" }],
    ["start inside a stop, working days beginning-with", { start: "2027-01-13" /* Wed */, length: 5, unit: "working", count: "beginning-with", calendar: EW, stops: [{ from: "2027-01-11", to: "2027-01-20" }] }, "2027-01-27 Wednesday", { day1: "2027-01-21", stoppedDays: 6 }],
    ["start inside a stop, calendar days after", { start: "2027-01-13" /* Wed */, length: 10, unit: "calendar", count: "after", calendar: EW, stops: [{ from: "2027-01-11", to: "2027-01-20" }] }, "2027-01-30 Saturday", { day1: "2027-01-21", stoppedDays: 7, holidayDataVersion: null }],
    ["a stop before the start changes nothing", { start: "2027-01-21" /* Thu */, length: 10, unit: "calendar", count: "after", calendar: EW, stops: [{ from: "2027-01-11", to: "2027-01-20" }] }, "2027-01-31 Sunday", { stoppedDays: 0 }],
    ["a one-day stop on the start under beginning-with", { start: "2027-01-21" /* Thu */, length: 1, unit: "calendar", count: "beginning-with", calendar: EW, stops: [{ from: "2027-01-21", to: "2027-01-21" }] }, "2027-01-22 Friday", { day1: "2027-01-22", stoppedDays: 1 }],
    ["beginning-with on a Saturday starts on Monday (E&W)", { start: "2027-01-02" /* Sat */, length: 1, unit: "working", count: "beginning-with", calendar: EW }, "2027-01-04 Monday", { day1: "2027-01-04" }],
    ["…but Mon 4 Jan 2027 is the Scottish 2nd January substitute", { start: "2027-01-02" /* Sat */, length: 1, unit: "working", count: "beginning-with", calendar: SCO }, "2027-01-05 Tuesday", {}],
    ["beginning-with on a working day counts that day", { start: "2027-01-05" /* Tue */, length: 1, unit: "working", count: "beginning-with", calendar: EW }, "2027-01-05 Tuesday", { day1: "2027-01-05" }],
    ["St Andrew's Day (Tue 30 Nov 2027) is not an E&W holiday", { start: "2027-11-29" /* Mon */, length: 1, unit: "working", count: "after", calendar: EW }, "2027-11-30 Tuesday", {}],
    ["St Andrew's Day in Scotland", { start: "2027-11-29" /* Mon */, length: 1, unit: "working", count: "after", calendar: SCO }, "2027-12-01 Wednesday", {}],
    ["St Andrew's Day in the UK union", { start: "2027-11-29" /* Mon */, length: 1, unit: "working", count: "after", calendar: UK }, "2027-12-01 Wednesday", {}],
    ["St Patrick's Day (Wed 17 Mar 2027) is not an E&W holiday", { start: "2027-03-16" /* Tue */, length: 1, unit: "working", count: "after", calendar: EW }, "2027-03-17 Wednesday", {}],
    ["St Patrick's Day in Northern Ireland", { start: "2027-03-16" /* Tue */, length: 1, unit: "working", count: "after", calendar: NI }, "2027-03-18 Thursday", {}],
    ["St Patrick's Day in the UK union", { start: "2027-03-16" /* Tue */, length: 1, unit: "working", count: "after", calendar: UK }, "2027-03-18 Thursday", {}],
    ["12 July (Mon 2027) is not a Scottish holiday", { start: "2027-07-09" /* Fri */, length: 1, unit: "working", count: "after", calendar: SCO }, "2027-07-12 Monday", {}],
    ["12 July in Northern Ireland", { start: "2027-07-09" /* Fri */, length: 1, unit: "working", count: "after", calendar: NI }, "2027-07-13 Tuesday", {}],
    ["12 July in the UK union", { start: "2027-07-09" /* Fri */, length: 1, unit: "working", count: "after", calendar: UK }, "2027-07-13 Tuesday", {}],
    ["Scottish summer holiday (Mon 2 Aug 2027) in the UK union", { start: "2027-07-30" /* Fri */, length: 1, unit: "working", count: "after", calendar: UK }, "2027-08-03 Tuesday", {}],
    ["Easter 2027: Good Friday and Easter Monday in E&W", { start: "2027-03-25" /* Thu */, length: 1, unit: "working", count: "after", calendar: EW }, "2027-03-30 Tuesday", {}],
    ["Easter 2027: Easter Monday is not a Scottish holiday", { start: "2027-03-25" /* Thu */, length: 1, unit: "working", count: "after", calendar: SCO }, "2027-03-29 Monday", {}],
    ["Easter 2027: calendar due on Good Friday rolls over Easter", { start: "2027-03-25" /* Thu */, length: 1, unit: "calendar", count: "after", calendar: EW, roll: "next-working-day" }, "2027-03-30 Tuesday", { rolled: true, day1: "2027-03-26" }],
    ["roll leaves a working day alone", { start: "2027-03-22" /* Mon */, length: 1, unit: "calendar", count: "after", calendar: EW, roll: "next-working-day" }, "2027-03-23 Tuesday", { rolled: false }],
    ["roll ignores clock stops", { start: "2027-01-04" /* Mon */, length: 5, unit: "calendar", count: "after", calendar: EW, roll: "next-working-day", stops: [{ from: "2027-01-11", to: "2027-01-12" }] }, "2027-01-11 Monday", { rolled: true, stoppedDays: 0 }],
    ["roll is meaningless for working days", { start: "2027-01-04" /* Mon */, length: 5, unit: "working", count: "after", calendar: EW, roll: "next-working-day" }, "2027-01-11 Monday", { rolled: false }],
    ["working days right up to the end of the data", { start: "2028-12-27" /* Wed */, length: 2, unit: "working", count: "after", calendar: EW }, "2028-12-29 Friday", {}],
    ["calendar days with no roll need no holiday data, even in 2035", { start: "2035-06-01" /* Fri */, length: 10, unit: "calendar", count: "after", calendar: EW }, "2035-06-11 Monday", { holidayDataVersion: null }],
  ])("%s", (_what, request, dueAndWeekday, expected) => {
    const result = computeDeadline(request);
    expect(`${result.due} ${result.dueWeekday}`).toBe(dueAndWeekday);
    expect(result).toMatchObject(expected);
  });

  it("refuses a calendar deadline in 2035 when it must roll to a working day", () => {
    const error = deadlineErrorFrom(() =>
      computeDeadline({ start: "2035-06-01", length: 10, unit: "calendar", count: "after", calendar: EW, roll: "next-working-day" }),
    );
    expect(error.code).toBe("beyond-holiday-data");
    expect(error.message).toMatch(/2035-06-11 is a bank holiday in england-and-wales.*covers 2019–2028 and not 2035/);
  });

  it("refuses working days before the data starts", () => {
    const error = deadlineErrorFrom(() =>
      computeDeadline({ start: "2018-12-20", length: 1, unit: "working", count: "after", calendar: NI }),
    );
    expect(error.code).toBe("beyond-holiday-data");
    expect(error.message).toContain("not 2018");
  });

  it("treats overlapping and touching stops as one, and reports stops sorted", () => {
    const base = { start: "2026-12-18", length: 30, unit: "working", count: "beginning-with", calendar: EW } as const;
    const split = computeDeadline({
      ...base,
      stops: [
        { from: "2027-01-16", to: "2027-01-20" },
        { from: "2027-01-11", to: "2027-01-14" },
        { from: "2027-01-13", to: "2027-01-15" },
      ],
    });
    const whole = computeDeadline({ ...base, stops: [{ from: "2027-01-11", to: "2027-01-20" }] });
    expect(split.due).toBe(whole.due);
    expect(split.stoppedDays).toBe(whole.stoppedDays);
    expect(split.request.stops).toEqual([
      { from: "2027-01-11", to: "2027-01-14" },
      { from: "2027-01-13", to: "2027-01-15" },
      { from: "2027-01-16", to: "2027-01-20" },
    ]);
  });

  it("skips a very long calendar stop in one step", () => {
    const result = computeDeadline({
      start: "2027-01-01",
      length: 1,
      unit: "calendar",
      count: "after",
      calendar: EW,
      stops: [{ from: "2027-01-02", to: "9000-12-31" }],
    });
    expect(result.due).toBe("9001-01-01");
    expect(result.stoppedDays).toBe(toDayNumber("9000-12-31") - toDayNumber("2027-01-02") + 1);
  });

  it("uses the holiday data it is given and reports that data's version", () => {
    const json = JSON.parse(readFileSync(path.join(__dirname, "uk-bank-holidays.json"), "utf8"));
    json[EW].events.push({ title: "Extra", date: "2027-02-01", notes: "", bunting: true });
    const custom = parseHolidayJson(json);
    const request = { start: "2026-12-18", length: 45, unit: "calendar", count: "after", calendar: EW, roll: "next-working-day" } as const;
    expect(computeDeadline(request).due).toBe("2027-02-01");
    const withExtraHoliday = computeDeadline(request, custom);
    expect(withExtraHoliday.due).toBe("2027-02-02");
    expect(withExtraHoliday.holidayDataVersion).toBe(custom.version);
    expect(custom.version).not.toBe(bundledHolidays().version);
  });
});

describe("invalid requests", () => {
  const valid: DeadlineRequest = { start: "2027-01-04", length: 5, unit: "working", count: "after", calendar: EW };

  it.each<[string, unknown, string]>([
    ["an impossible start date", { ...valid, start: "2027-02-30" }, 'start must be a real date in YYYY-MM-DD form: "2027-02-30" does not exist'],
    ["a start that is not YYYY-MM-DD", { ...valid, start: "04/01/2027" }, "start must be a real date in YYYY-MM-DD form"],
    ["a missing start", { ...valid, start: undefined }, "start must be a date in YYYY-MM-DD form"],
    ["length 0", { ...valid, length: 0 }, "length must be a whole number from 1 to 3660"],
    ["a negative length", { ...valid, length: -3 }, "length must be a whole number from 1 to 3660"],
    ["a fractional length", { ...valid, length: 4.5 }, "length must be a whole number from 1 to 3660"],
    ["a length over the cap", { ...valid, length: 3661 }, "length must be a whole number from 1 to 3660"],
    ["a NaN length", { ...valid, length: Number.NaN }, "length must be a whole number from 1 to 3660"],
    ["a string length", { ...valid, length: "5" }, "length must be a whole number from 1 to 3660"],
    ["an unknown unit", { ...valid, unit: "business" }, 'unit must be "calendar" or "working"'],
    ["an unknown count", { ...valid, count: "before" }, 'count must be "after" or "beginning-with"'],
    ["an unknown calendar", { ...valid, calendar: "wales" }, 'calendar must be "england-and-wales", "scotland", "northern-ireland" or "united-kingdom"'],
    ["an unknown roll", { ...valid, roll: "previous-working-day" }, 'roll must be "none" or "next-working-day"'],
    ["a stop that ends before it starts", { ...valid, stops: [{ from: "2027-01-20", to: "2027-01-11" }] }, "stops[0] must not end before it starts (from 2027-01-20 is after to 2027-01-11)"],
    ["a stop with an impossible date", { ...valid, stops: [{ from: "2027-01-01", to: "2027-01-02" }, { from: "2027-01-11", to: "2027-02-29" }] }, 'stops[1].to must be a real date in YYYY-MM-DD form: "2027-02-29" does not exist'],
    ["stops that are not a list", { ...valid, stops: "2027-01-11..2027-01-20" }, "stops must be a list of date ranges"],
    ["a request that is not an object", null, "request must be an object"],
    ["a deadline past 9999-12-31", { ...valid, unit: "calendar", start: "9999-12-01", length: 45 }, "after 9999-12-31"],
  ])("rejects %s", (_what, request, expectedMessage) => {
    const error = deadlineErrorFrom(() => computeDeadline(request as DeadlineRequest));
    expect(error.code).toBe("invalid-request");
    expect(error.message).toContain(expectedMessage);
  });

  it("reports every problem at once, with their paths", () => {
    const error = deadlineErrorFrom(() => computeDeadline({ ...valid, length: 0, unit: "x" } as unknown as DeadlineRequest));
    expect(error.issues.map((issue) => issue.path)).toEqual([["length"], ["unit"]]);
  });

  it("exports the schema for other entry points", () => {
    expect(DeadlineRequestSchema.safeParse(valid).success).toBe(true);
    expect(DeadlineRequestSchema.safeParse({ ...valid, unit: "x" }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Property tests against a deliberately naive reference model: it walks days
// with Date.UTC and looks holidays up by string in the raw JSON, sharing no
// code with the engine, and follows the written semantics sentence by sentence.

const rawHolidays: Record<string, { events: { date: string }[] }> = JSON.parse(
  readFileSync(path.join(__dirname, "uk-bank-holidays.json"), "utf8"),
);
const DIVISION_NAMES = [EW, SCO, NI] as const;

function referenceCalendar(calendar: DeadlineCalendar) {
  const divisions = calendar === UK ? DIVISION_NAMES : [calendar];
  const yearsOf = (division: string) => rawHolidays[division]?.events.map((event) => Number(event.date.slice(0, 4))) ?? [];
  const firstYear = Math.max(...divisions.map((division) => Math.min(...yearsOf(division))));
  const lastYear = Math.min(...divisions.map((division) => Math.max(...yearsOf(division))));
  const holidays = new Set(divisions.flatMap((division) => rawHolidays[division]?.events.map((event) => event.date) ?? []));
  return { firstYear, lastYear, holidays };
}

class ReferenceBeyondData extends Error {}

function referenceDeadline(request: DeadlineRequest) {
  const { firstYear, lastYear, holidays } = referenceCalendar(request.calendar);
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  const isWorkingDay = (date: string) => {
    if (isWeekend(date)) return false;
    const year = Number(date.slice(0, 4));
    if (year < firstYear || year > lastYear) throw new ReferenceBeyondData(date);
    return !holidays.has(date);
  };
  const inStop = (date: string) => (request.stops ?? []).some((stop) => stop.from <= date && date <= stop.to);
  const wouldCount = (date: string) => request.unit === "calendar" || isWorkingDay(date);

  let date = request.count === "after" ? nextDay(request.start) : request.start;
  let counted = 0;
  let stoppedDays = 0;
  let day1 = "";
  for (;;) {
    if (inStop(date)) {
      if (wouldCount(date)) stoppedDays++;
    } else if (wouldCount(date)) {
      counted++;
      if (counted === 1) day1 = date;
      if (counted === request.length) break;
    }
    date = nextDay(date);
  }
  let rolled = false;
  if (request.unit === "calendar" && request.roll === "next-working-day") {
    while (!isWorkingDay(date)) {
      date = nextDay(date);
      rolled = true;
    }
  }
  return { due: date, day1, stoppedDays, rolled };
}

const dateBetween = (first: string, last: string) =>
  fc.integer({ min: 0, max: toDayNumber(last) - toDayNumber(first) }).map((offset) => addDays(first, offset));

const stopArbitrary = fc
  .tuple(dateBetween("2018-12-01", "2029-01-31"), fc.integer({ min: 0, max: 40 }))
  .map(([from, days]) => ({ from, to: addDays(from, days) }));

const requestArbitrary: fc.Arbitrary<DeadlineRequest> = fc.record({
  start: dateBetween("2018-12-20", "2028-12-31"),
  length: fc.integer({ min: 1, max: 400 }),
  unit: fc.constantFrom("calendar", "working"),
  count: fc.constantFrom("after", "beginning-with"),
  calendar: fc.constantFrom(EW, SCO, NI, UK),
  roll: fc.constantFrom("none", "next-working-day"),
  stops: fc.array(stopArbitrary, { maxLength: 3 }),
});

type Outcome = { kind: "due"; result: DeadlineResult } | { kind: "beyond-holiday-data" };

function outcomeOf(request: DeadlineRequest): Outcome {
  try {
    return { kind: "due", result: computeDeadline(request) };
  } catch (error) {
    if (error instanceof DeadlineError && error.code === "beyond-holiday-data") return { kind: "beyond-holiday-data" };
    throw error;
  }
}

const isWorkingDay = (date: string, calendar: DeadlineCalendar) =>
  isoWeekday(date) <= 5 && !bundledHolidays().calendars[calendar].dates.has(date);
const isInsideAStop = (date: string, request: DeadlineRequest) =>
  (request.stops ?? []).some((stop) => stop.from <= date && date <= stop.to);

describe("properties", () => {
  const numRuns = 300;

  it("matches the naive reference model, including when it refuses", () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        let expected: ReturnType<typeof referenceDeadline> | "beyond-holiday-data";
        try {
          expected = referenceDeadline(request);
        } catch (error) {
          if (!(error instanceof ReferenceBeyondData)) throw error;
          expected = "beyond-holiday-data";
        }
        const outcome = outcomeOf(request);
        if (expected === "beyond-holiday-data") {
          expect(outcome.kind).toBe("beyond-holiday-data");
        } else {
          expect(outcome.kind).toBe("due");
          if (outcome.kind !== "due") return;
          const { due, day1, stoppedDays, rolled } = outcome.result;
          expect({ due, day1, stoppedDays, rolled }).toEqual(expected);
        }
      }),
      { numRuns },
    );
  });

  it("never puts the due date before the N-th day when there are no stops", () => {
    fc.assert(
      fc.property(requestArbitrary, (generated) => {
        const request = { ...generated, stops: [] };
        const outcome = outcomeOf(request);
        if (outcome.kind !== "due") return;
        const earliest = addDays(request.start, request.count === "after" ? request.length : request.length - 1);
        expect(outcome.result.due >= earliest).toBe(true);
      }),
      { numRuns },
    );
  });

  it("never makes a deadline earlier when a stop is added", () => {
    fc.assert(
      fc.property(requestArbitrary, stopArbitrary, (request, extraStop) => {
        const withExtraStop = outcomeOf({ ...request, stops: [...(request.stops ?? []), extraStop] });
        if (withExtraStop.kind !== "due") return;
        const without = outcomeOf(request);
        // Without the stop the due date is earlier, and may fall before the data's first year
        // (e.g. a roll checked in 2018): that case says nothing about ordering.
        if (without.kind !== "due") {
          expect(without.kind).toBe("beyond-holiday-data");
          return;
        }
        expect(withExtraStop.result.due >= without.result.due).toBe(true);
        expect(withExtraStop.result.stoppedDays >= without.result.stoppedDays).toBe(true);
      }),
      { numRuns },
    );
  });

  it("always lands a working-day count on a working day outside every stop", () => {
    fc.assert(
      fc.property(requestArbitrary, (generated) => {
        const request = { ...generated, unit: "working" as const };
        const outcome = outcomeOf(request);
        if (outcome.kind !== "due") return;
        expect(isWorkingDay(outcome.result.due, request.calendar)).toBe(true);
        expect(isInsideAStop(outcome.result.due, request)).toBe(false);
        expect(isInsideAStop(outcome.result.day1, request)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("always rolls a calendar count onto a working day", () => {
    fc.assert(
      fc.property(requestArbitrary, (generated) => {
        const request = { ...generated, unit: "calendar" as const, roll: "next-working-day" as const };
        const outcome = outcomeOf(request);
        if (outcome.kind !== "due") return;
        expect(isWorkingDay(outcome.result.due, request.calendar)).toBe(true);
        expect(outcome.result.holidayDataVersion).toBe(bundledHolidays().version);
      }),
      { numRuns },
    );
  });
});

describe("independence from the process time zone", () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it("gives identical results under very different TZ settings", () => {
    const requests = fc.sample(requestArbitrary, { numRuns: 150, seed: 20261218 });
    const resultsUnder = (timeZone: string) => {
      process.env.TZ = timeZone;
      return JSON.stringify(requests.map((request) => {
        const outcome = outcomeOf(request);
        return outcome.kind === "due" ? outcome.result : outcome.kind;
      }));
    };
    const zones = ["UTC", "Europe/London", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
    const offsets = new Set<number>();
    const baseline = resultsUnder("UTC");
    for (const zone of zones) {
      expect(resultsUnder(zone), zone).toBe(baseline);
      offsets.add(new Date(Date.UTC(2027, 0, 1)).getTimezoneOffset());
    }
    // Proves TZ really changed during the test; otherwise the comparison above would be vacuous.
    expect(offsets.size).toBeGreaterThan(2);
  });
});
