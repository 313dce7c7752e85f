import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toDayNumber } from "./calendar-date";
import { bundledHolidays, parseHolidayJson } from "./holidays";
import { canonicalJson } from "../audit/canonical-json";

const bundledJsonText = readFileSync(path.join(__dirname, "uk-bank-holidays.json"), "utf8");
const freshCopy = (): Record<string, { division: string; events: Record<string, unknown>[] }> =>
  JSON.parse(bundledJsonText);

function minimalDataset() {
  const division = (name: string, dates: string[]) => ({
    division: name,
    events: dates.map((date) => ({ title: "Holiday", date, notes: "", bunting: true })),
  });
  return {
    "england-and-wales": division("england-and-wales", ["2030-01-01", "2031-01-01"]),
    scotland: division("scotland", ["2030-01-01", "2030-01-02", "2031-01-01", "2032-01-01"]),
    "northern-ireland": division("northern-ireland", ["2030-01-01", "2030-03-18", "2031-01-01"]),
  };
}

describe("bundled holiday data", () => {
  const data = bundledHolidays();

  it("covers 2019–2028 in every division", () => {
    for (const calendar of ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"] as const) {
      expect([data.calendars[calendar].firstYear, data.calendars[calendar].lastYear], calendar).toEqual([2019, 2028]);
    }
    expect(data.calendars["england-and-wales"].firstCoveredDay).toBe(toDayNumber("2019-01-01"));
    expect(data.calendars["england-and-wales"].lastCoveredDay).toBe(toDayNumber("2028-12-31"));
  });

  it("has the expected number of holidays per division", () => {
    expect(data.calendars["england-and-wales"].dates.size).toBe(83);
    expect(data.calendars.scotland.dates.size).toBe(94);
    expect(data.calendars["northern-ireland"].dates.size).toBe(103);
  });

  it("knows division-specific holidays", () => {
    const { calendars } = data;
    expect(calendars.scotland.dates.has("2027-11-30")).toBe(true); // St Andrew's Day
    expect(calendars["england-and-wales"].dates.has("2027-11-30")).toBe(false);
    expect(calendars["northern-ireland"].dates.has("2027-03-17")).toBe(true); // St Patrick's Day
    expect(calendars["northern-ireland"].dates.has("2027-07-12")).toBe(true); // Battle of the Boyne
    expect(calendars["england-and-wales"].dates.has("2027-03-29")).toBe(true); // Easter Monday
    expect(calendars.scotland.dates.has("2027-03-29")).toBe(false); // not a Scottish bank holiday
  });

  it("makes united-kingdom the union of the divisions", () => {
    const uk = data.calendars["united-kingdom"];
    for (const date of ["2027-11-30", "2027-03-17", "2027-07-12", "2027-03-29", "2027-08-02", "2027-08-30"]) {
      expect(uk.dates.has(date), date).toBe(true);
      expect(uk.dayNumbers.has(toDayNumber(date)), date).toBe(true);
    }
    expect(uk.dates.has("2027-06-01")).toBe(false);
  });

  it("indexes the same days as dates and as day numbers", () => {
    for (const calendar of Object.values(data.calendars)) {
      expect(new Set([...calendar.dates].map(toDayNumber))).toEqual(calendar.dayNumbers);
    }
  });

  it("has a 12-hex-digit version and a label", () => {
    expect(data.version).toMatch(/^[0-9a-f]{12}$/);
    expect(data.label).toBe(`UK bank holidays 2019–2028 (${data.version})`);
  });

  it("is parsed once", () => {
    expect(bundledHolidays()).toBe(data);
  });
});

describe("version", () => {
  it("is the same for the same data whatever the key order or whitespace", () => {
    const reordered = Object.fromEntries(Object.entries(freshCopy()).reverse());
    expect(parseHolidayJson(reordered).version).toBe(bundledHolidays().version);
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it("changes when any holiday changes", () => {
    const changed = freshCopy();
    const firstEvent = changed.scotland?.events[0];
    if (!firstEvent) throw new Error("fixture has no Scottish events");
    firstEvent.title = "Renamed";
    expect(parseHolidayJson(changed).version).not.toBe(bundledHolidays().version);
  });
});

describe("parseHolidayJson", () => {
  it("computes coverage per division and intersects it for united-kingdom", () => {
    const data = parseHolidayJson(minimalDataset());
    expect(data.calendars.scotland.firstYear).toBe(2030);
    expect(data.calendars.scotland.lastYear).toBe(2032);
    expect(data.calendars["england-and-wales"].lastYear).toBe(2031);
    expect(data.calendars["united-kingdom"].lastYear).toBe(2031);
    // 2032 is outside the UK-wide range, so it is not in the union either.
    expect([...data.calendars["united-kingdom"].dates].sort()).toEqual([
      "2030-01-01",
      "2030-01-02",
      "2030-03-18",
      "2031-01-01",
    ]);
  });

  it.each<[string, (data: ReturnType<typeof minimalDataset>) => unknown, RegExp]>([
    ["not an object", () => "holidays", /holiday data must be a JSON object keyed by division/],
    [
      "a missing division",
      ({ scotland: _dropped, ...rest }) => rest,
      /scotland: "scotland" must be an object with "division" and "events"/,
    ],
    [
      "a division label that does not match its key",
      (data) => ({ ...data, scotland: { ...data.scotland, division: "england-and-wales" } }),
      /scotland\.division: division must be "scotland"/,
    ],
    [
      "an impossible date",
      (data) => {
        data.scotland.events[1] = { title: "x", date: "2027-02-30", notes: "", bunting: true };
        return data;
      },
      /scotland\.events\[1\]\.date: date "2027-02-30" does not exist/,
    ],
    [
      "a date that is not a string",
      (data) => {
        (data["northern-ireland"].events[0] as Record<string, unknown>).date = 20270101;
        return data;
      },
      /northern-ireland\.events\[0\]\.date: date must be a YYYY-MM-DD string/,
    ],
    [
      "a non-boolean bunting",
      (data) => {
        (data["england-and-wales"].events[0] as Record<string, unknown>).bunting = "yes";
        return data;
      },
      /england-and-wales\.events\[0\]\.bunting: bunting must be true or false/,
    ],
    [
      "events that are not an array",
      (data) => ({ ...data, scotland: { division: "scotland", events: {} } }),
      /scotland\.events: events must be an array/,
    ],
    [
      "no events at all",
      (data) => ({ ...data, scotland: { division: "scotland", events: [] } }),
      /scotland\.events: events must not be empty/,
    ],
    [
      "a duplicated date",
      (data) => {
        data.scotland.events.push({ title: "Again", date: "2030-01-02", notes: "", bunting: true });
        return data;
      },
      /scotland lists 2030-01-02 more than once/,
    ],
    [
      "a year missing in the middle",
      (data) => {
        data.scotland.events = data.scotland.events.filter((event) => !event.date.startsWith("2031"));
        return data;
      },
      /scotland has events for 2030–2032 but none for 2031/,
    ],
  ])("rejects %s with a message naming it", (_case, corrupt, expected) => {
    expect(() => parseHolidayJson(corrupt(minimalDataset()))).toThrow(expected);
  });
});
