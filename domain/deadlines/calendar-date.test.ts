import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  calendarDateProblem,
  civilFromDayNumber,
  compareCalendarDates,
  dayNumberFromCivil,
  daysBetween,
  endOfLondonDay,
  formatLongDate,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  lastSundayOfMonth,
  londonOffset,
  parseCalendarDate,
  toDayNumber,
  weekdayName,
} from "./calendar-date";

// Tests may use Date as an independent oracle: Date.UTC is pure UTC arithmetic,
// unaffected by the process time zone.
const MS_PER_DAY = 86_400_000;
const utcDayNumber = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / MS_PER_DAY;

/** Any real date 1900-01-01..2200-12-31, as a day number. */
const dayNumberArbitrary = fc.integer({ min: dayNumberFromCivil(1900, 1, 1), max: dayNumberFromCivil(2200, 12, 31) });

describe("parsing and validation", () => {
  it.each([
    ["2027-02-28", true],
    ["2027-02-29", false], // 2027 is not a leap year
    ["2028-02-29", true],
    ["2000-02-29", true], // divisible by 400
    ["2100-02-29", false], // divisible by 100 but not 400
    ["2027-02-30", false],
    ["2027-04-31", false],
    ["2027-12-31", true],
    ["2027-13-01", false],
    ["2027-00-10", false],
    ["2027-01-00", false],
    ["0000-01-01", false],
    ["9999-12-31", true],
    ["2027-1-01", false],
    ["27-01-01", false],
    [" 2027-01-01", false],
    ["2027-01-01T00:00", false],
    ["", false],
  ])("isCalendarDate(%j) is %s", (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });

  it("explains why a date is invalid", () => {
    expect(calendarDateProblem("2027-02-30")).toBe('"2027-02-30" does not exist (February 2027 has 28 days)');
    expect(calendarDateProblem("2027-13-01")).toBe('"2027-13-01" has no month 13');
    expect(calendarDateProblem("1 Feb 2027")).toBe('"1 Feb 2027" is not in YYYY-MM-DD form');
  });

  it("parses into year, month and day, and throws RangeError for impossible dates", () => {
    expect(parseCalendarDate("2027-02-01")).toEqual({ year: 2027, month: 2, day: 1 });
    expect(() => parseCalendarDate("2027-02-30")).toThrow(RangeError);
    expect(() => parseCalendarDate("2027-02-30")).toThrow(/2027-02-30/);
  });
});

describe("day numbers", () => {
  it("counts from 1970-01-01", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("1970-01-02")).toBe(1);
    expect(toDayNumber("1969-12-31")).toBe(-1);
    expect(toDayNumber("2000-03-01")).toBe(11017);
    expect(toDayNumber("2027-02-01")).toBe(20850);
  });

  it("agrees with Date.UTC and round-trips for every date in 1900–2200", () => {
    fc.assert(
      fc.property(dayNumberArbitrary, (dayNumber) => {
        const civil = civilFromDayNumber(dayNumber);
        expect(utcDayNumber(civil.year, civil.month, civil.day)).toBe(dayNumber);
        expect(dayNumberFromCivil(civil.year, civil.month, civil.day)).toBe(dayNumber);
        expect(toDayNumber(fromDayNumber(dayNumber))).toBe(dayNumber);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses dates that YYYY-MM-DD cannot represent", () => {
    expect(fromDayNumber(toDayNumber("9999-12-31"))).toBe("9999-12-31");
    expect(() => fromDayNumber(toDayNumber("9999-12-31") + 1)).toThrow(RangeError);
    expect(() => fromDayNumber(toDayNumber("0001-01-01") - 1)).toThrow(RangeError);
  });
});

describe("addDays and daysBetween", () => {
  it.each([
    ["2026-12-18", 45, "2027-02-01"],
    ["2026-12-18", 44, "2027-01-31"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2027-12-31", 1, "2028-01-01"],
    ["2027-03-27", 2, "2027-03-29"], // across the spring DST change
    ["2027-10-30", 2, "2027-11-01"], // across the autumn DST change
    ["2027-01-01", 0, "2027-01-01"],
  ])("addDays(%s, %i) is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it("rejects fractional days", () => {
    expect(() => addDays("2027-01-01", 1.5)).toThrow(RangeError);
  });

  it("agrees with Date.UTC for random dates and offsets", () => {
    fc.assert(
      fc.property(dayNumberArbitrary, fc.integer({ min: -5000, max: 5000 }), (dayNumber, days) => {
        const date = fromDayNumber(dayNumber);
        const expected = new Date((dayNumber + days) * MS_PER_DAY).toISOString().slice(0, 10);
        expect(addDays(date, days)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("weekdays, comparison and formatting", () => {
  it.each([
    ["1970-01-01", 4, "Thursday"],
    ["2026-12-18", 5, "Friday"],
    ["2027-01-31", 7, "Sunday"],
    ["2027-02-01", 1, "Monday"],
    ["2027-04-08", 4, "Thursday"],
    ["2000-02-29", 2, "Tuesday"],
    ["1969-12-28", 7, "Sunday"], // negative day number
  ])("%s is ISO weekday %i (%s)", (date, iso, name) => {
    expect(isoWeekday(date)).toBe(iso);
    expect(weekdayName(date)).toBe(name);
  });

  it("matches Date.getUTCDay for random dates", () => {
    fc.assert(
      fc.property(dayNumberArbitrary, (dayNumber) => {
        const sundayBased = new Date(dayNumber * MS_PER_DAY).getUTCDay();
        expect(isoWeekday(fromDayNumber(dayNumber)) % 7).toBe(sundayBased);
      }),
      { numRuns: 300 },
    );
  });

  it("compares dates", () => {
    expect(compareCalendarDates("2027-01-31", "2027-02-01")).toBe(-1);
    expect(compareCalendarDates("2027-02-01", "2027-02-01")).toBe(0);
    expect(compareCalendarDates("2028-01-01", "2027-12-31")).toBe(1);
    expect(() => compareCalendarDates("2027-02-30", "2027-03-01")).toThrow(RangeError);
  });

  it.each([
    ["2027-02-01", "Monday 1 February 2027"],
    ["2027-01-31", "Sunday 31 January 2027"],
    ["2027-04-08", "Thursday 8 April 2027"],
    ["2028-12-25", "Monday 25 December 2028"],
  ])("formatLongDate(%s) is %s", (date, expected) => {
    expect(formatLongDate(date)).toBe(expected);
  });
});

describe("londonOffset", () => {
  it.each([
    // [year, last Sunday of March, last Sunday of October]
    [2024, "2024-03-31", "2024-10-27"],
    [2026, "2026-03-29", "2026-10-25"],
    [2027, "2027-03-28", "2027-10-31"],
    [2028, "2028-03-26", "2028-10-29"],
  ])("%i: summer time starts %s and ends %s", (year, springChange, autumnChange) => {
    expect(fromDayNumber(lastSundayOfMonth(year, 3))).toBe(springChange);
    expect(fromDayNumber(lastSundayOfMonth(year, 10))).toBe(autumnChange);
    // By 23:59:59 on a change day the new offset is in force.
    expect(londonOffset(addDays(springChange, -1))).toBe("+00:00"); // Saturday
    expect(londonOffset(springChange)).toBe("+01:00"); // Sunday
    expect(londonOffset(addDays(autumnChange, -1))).toBe("+01:00"); // Saturday
    expect(londonOffset(autumnChange)).toBe("+00:00"); // Sunday
  });

  it("gives the end-of-day timestamp", () => {
    expect(endOfLondonDay("2027-02-01")).toBe("2027-02-01T23:59:59+00:00");
    expect(endOfLondonDay("2027-04-08")).toBe("2027-04-08T23:59:59+01:00");
  });

  // Intl with an explicit timeZone uses the IANA database and ignores the
  // process time zone, so it is an independent check of the rule. If our
  // offset were wrong, the instant below would not be 23:59:59 on that date in London.
  const londonWallClock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "shortOffset",
  });

  function londonReading(date: string) {
    const { year, month, day } = parseCalendarDate(date);
    const offsetHours = londonOffset(date) === "+01:00" ? 1 : 0;
    const instant = Date.UTC(year, month - 1, day, 23, 59, 59) - offsetHours * 3_600_000;
    const parts = Object.fromEntries(londonWallClock.formatToParts(instant).map((part) => [part.type, part.value]));
    // ICU spells the zero offset "GMT" or "GMT+0" depending on its version.
    const zoneOffsetHours = Number(/^GMT(?:([+-]\d+))?$/.exec(parts.timeZoneName ?? "")?.[1] ?? 0);
    return {
      wallClock: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
      zoneOffsetHours,
      offsetHours,
    };
  }

  it("agrees with the IANA Europe/London zone on every change day 1996–2099", () => {
    for (let year = 1996; year <= 2099; year++) {
      for (const changeDay of [lastSundayOfMonth(year, 3), lastSundayOfMonth(year, 10)]) {
        for (const dayNumber of [changeDay - 1, changeDay, changeDay + 1]) {
          const date = fromDayNumber(dayNumber);
          const reading = londonReading(date);
          expect(reading.wallClock, date).toBe(`${date}T23:59:59`);
          expect(reading.zoneOffsetHours, date).toBe(reading.offsetHours);
        }
      }
    }
  });

  it("agrees with the IANA Europe/London zone on random dates 1996–2099", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumberFromCivil(1996, 1, 1), max: dayNumberFromCivil(2099, 12, 31) }),
        (dayNumber) => {
          const date = fromDayNumber(dayNumber);
          const reading = londonReading(date);
          expect(reading.wallClock).toBe(`${date}T23:59:59`);
          expect(reading.zoneOffsetHours).toBe(reading.offsetHours);
        },
      ),
      { numRuns: 300 },
    );
  });
});
