import { describe, expect, it } from "vitest";
import { DEADLINE_USAGE, deadlineResultJson, parseDeadlineArgs, parseDeadlineQuery } from "./cli-args";
import { computeDeadline } from "./engine";

const BASE_FLAGS = ["--start", "2026-12-18", "--length", "45", "--unit", "calendar", "--count", "after", "--calendar", "england-and-wales"];

function failureMessage(result: ReturnType<typeof parseDeadlineArgs>): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.request)}`);
  return result.message;
}

describe("parseDeadlineArgs", () => {
  it("parses the required flags and defaults roll and stops", () => {
    expect(parseDeadlineArgs(BASE_FLAGS)).toEqual({
      ok: true,
      request: { start: "2026-12-18", length: 45, unit: "calendar", count: "after", calendar: "england-and-wales", roll: "none", stops: [] },
    });
  });

  it("accepts --flag=value, repeated --stop and --roll, and sorts stops", () => {
    const result = parseDeadlineArgs([
      "--start=2026-12-18",
      "--length=30",
      "--unit=working",
      "--count=beginning-with",
      "--calendar=scotland",
      "--roll",
      "next-working-day",
      "--stop=2027-02-01..2027-02-03",
      "--stop",
      "2027-01-11..2027-01-20",
    ]);
    expect(result).toEqual({
      ok: true,
      request: {
        start: "2026-12-18",
        length: 30,
        unit: "working",
        count: "beginning-with",
        calendar: "scotland",
        roll: "next-working-day",
        stops: [
          { from: "2027-01-11", to: "2027-01-20" },
          { from: "2027-02-01", to: "2027-02-03" },
        ],
      },
    });
  });

  it.each<[string, string[], string]>([
    ["an unknown unit", ["--unit", "business"], '--unit must be "calendar" or "working"'],
    ["an unknown count", ["--count", "before"], '--count must be "after" or "beginning-with"'],
    ["an unknown calendar", ["--calendar", "wales"], '--calendar must be "england-and-wales", "scotland", "northern-ireland" or "united-kingdom"'],
    ["an unknown roll", ["--roll", "back"], '--roll must be "none" or "next-working-day"'],
    ["an impossible start", ["--start", "2027-02-30"], '--start must be a real date in YYYY-MM-DD form: "2027-02-30" does not exist'],
    ["a fractional length", ["--length", "4.5"], "--length must be a whole number from 1 to 3660"],
    ["an exponent length", ["--length", "1e3"], "--length must be a whole number from 1 to 3660"],
    ["a zero length", ["--length", "0"], "--length must be a whole number from 1 to 3660"],
    ["a length over the cap", ["--length", "3661"], "--length must be a whole number from 1 to 3660"],
    ["a stop without ..", ["--stop", "2027-01-11"], '--stop must be a date range FROM..TO such as 2027-01-11..2027-01-20, got "2027-01-11"'],
    ["a stop that ends before it starts", ["--stop", "2027-01-20..2027-01-11"], "--stop 2027-01-20..2027-01-11: must not end before it starts"],
    ["a stop with an impossible end", ["--stop", "2027-02-01..2027-02-29"], '--stop 2027-02-01..2027-02-29: TO date must be a real date in YYYY-MM-DD form: "2027-02-29" does not exist'],
    ["an unknown flag", ["--colour", "red"], "unknown parameter --colour; allowed: --start, --length, --unit, --count, --calendar, --roll, --stop"],
    ["a stray argument", ["45"], 'unexpected argument "45"'],
  ])("rejects %s, naming the flag and what is allowed", (_what, extraFlags, expected) => {
    const replaced = new Set(extraFlags.filter((flag) => flag.startsWith("--")));
    const argv = [...withoutFlags(BASE_FLAGS, replaced), ...extraFlags];
    expect(failureMessage(parseDeadlineArgs(argv))).toContain(expected);
  });

  it("rejects a repeated single-valued flag", () => {
    expect(failureMessage(parseDeadlineArgs([...BASE_FLAGS, "--unit", "calendar"]))).toBe("--unit was given more than once");
  });

  it("reports every missing required flag with what it needs", () => {
    const message = failureMessage(parseDeadlineArgs(["--length", "5", "--start"]));
    expect(message).toBe(
      [
        "--start is required: a date in YYYY-MM-DD form",
        '--unit is required: one of "calendar", "working"',
        '--count is required: one of "after", "beginning-with"',
        '--calendar is required: one of "england-and-wales", "scotland", "northern-ireland", "united-kingdom"',
      ].join("; "),
    );
  });

  it("reports flag-level and value-level problems together", () => {
    const message = failureMessage(parseDeadlineArgs([...withoutFlags(BASE_FLAGS, new Set(["--unit"])), "--unit", "x", "--bogus", "1"]));
    expect(message).toContain("unknown parameter --bogus");
    expect(message).toContain('--unit must be "calendar" or "working"');
  });
});

function withoutFlags(flags: readonly string[], names: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  for (let index = 0; index < flags.length; index += 2) {
    const name = flags[index] as string;
    if (!names.has(name)) kept.push(name, flags[index + 1] as string);
  }
  return kept;
}

describe("parseDeadlineQuery", () => {
  it("parses the same request as the flags", () => {
    const params = new URLSearchParams(
      "start=2026-12-18&length=30&unit=working&count=beginning-with&calendar=england-and-wales&stop=2027-01-11..2027-01-20",
    );
    expect(parseDeadlineQuery(params)).toEqual({
      ok: true,
      request: {
        start: "2026-12-18",
        length: 30,
        unit: "working",
        count: "beginning-with",
        calendar: "england-and-wales",
        roll: "none",
        stops: [{ from: "2027-01-11", to: "2027-01-20" }],
      },
    });
  });

  it("names query parameters without dashes", () => {
    const params = new URLSearchParams("start=2026-12-18&length=45&unit=days&count=after&calendar=england-and-wales&extra=1");
    const result = parseDeadlineQuery(params);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      'unknown parameter extra; allowed: start, length, unit, count, calendar, roll, stop; unit must be "calendar" or "working"',
    );
  });

  it("treats an empty required parameter as missing", () => {
    const result = parseDeadlineQuery(new URLSearchParams("start=&length=45&unit=calendar&count=after&calendar=scotland"));
    expect(result).toEqual({ ok: false, message: "start is required: a date in YYYY-MM-DD form" });
  });
});

describe("deadlineResultJson", () => {
  it("exposes exactly the agreed fields, in order", () => {
    const result = computeDeadline({
      start: "2026-12-18",
      length: 30,
      unit: "working",
      count: "beginning-with",
      calendar: "england-and-wales",
      stops: [{ from: "2027-01-11", to: "2027-01-20" }],
    });
    const json = deadlineResultJson(result);
    expect(Object.keys(json)).toEqual([
      "due",
      "expiresAt",
      "dueWeekday",
      "dueLong",
      "day1",
      "rolled",
      "stoppedDays",
      "holidayDataVersion",
      "request",
    ]);
    expect(json).toMatchObject({
      due: "2027-02-12",
      expiresAt: "2027-02-12T23:59:59+00:00",
      dueWeekday: "Friday",
      dueLong: "Friday 12 February 2027",
      day1: "2026-12-18",
      rolled: false,
      stoppedDays: 8,
      request: { roll: "none", stops: [{ from: "2027-01-11", to: "2027-01-20" }] },
    });
    expect(json.holidayDataVersion).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("DEADLINE_USAGE", () => {
  it("documents every flag", () => {
    for (const flag of ["--start", "--length", "--unit", "--count", "--calendar", "--roll", "--stop"]) {
      expect(DEADLINE_USAGE).toContain(flag);
    }
  });
});
