/**
 * Turns command-line flags (scripts/deadline.ts) and query parameters
 * (GET /api/deadlines/calculate) into a DeadlineRequest, with messages that
 * name the flag or parameter the user actually typed.
 */
import { DEADLINE_CALENDARS } from "./holidays";
import {
  DEADLINE_COUNTS,
  DEADLINE_ROLLS,
  DEADLINE_UNITS,
  MAX_DEADLINE_LENGTH,
  validateDeadlineRequest,
  type ClockStop,
  type DeadlineRequest,
  type DeadlineRequestIssue,
  type DeadlineResult,
} from "./engine";

export type DeadlineInputParse = { ok: true; request: DeadlineRequest } | { ok: false; message: string };

const SINGLE_VALUED = ["start", "length", "unit", "count", "calendar", "roll"] as const;
const REQUIRED = ["start", "length", "unit", "count", "calendar"] as const;
const REPEATABLE = "stop";
const PARAMETER_NAMES: readonly string[] = [...SINGLE_VALUED, REPEATABLE];

type SingleValuedName = (typeof SINGLE_VALUED)[number];

const STOP_SEPARATOR = "..";

const quotedList = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");

export const DEADLINE_USAGE = `Usage: npm run --silent deadline -- --start YYYY-MM-DD --length N --unit UNIT --count COUNT --calendar CALENDAR [--roll ROLL] [--stop FROM..TO ...]

  --start     the triggering date, YYYY-MM-DD
  --length    whole number of days, 1 to ${MAX_DEADLINE_LENGTH}
  --unit      ${quotedList(DEADLINE_UNITS)}
  --count     ${quotedList(DEADLINE_COUNTS)}
  --calendar  ${quotedList(DEADLINE_CALENDARS)}
  --roll      ${quotedList(DEADLINE_ROLLS)} (default "none"; only affects calendar-day counts)
  --stop      clock stop, inclusive dates FROM..TO, e.g. 2027-01-11..2027-01-20; repeatable

Flags may also be written --flag=value. Prints the deadline as JSON.
Exit status: 0 success, 1 deadline cannot be computed (e.g. beyond the bank-holiday data), 2 bad flags.`;

const REQUIRED_HINTS: Record<(typeof REQUIRED)[number], string> = {
  start: "a date in YYYY-MM-DD form",
  length: `a whole number from 1 to ${MAX_DEADLINE_LENGTH}`,
  unit: `one of ${quotedList(DEADLINE_UNITS)}`,
  count: `one of ${quotedList(DEADLINE_COUNTS)}`,
  calendar: `one of ${quotedList(DEADLINE_CALENDARS)}`,
};

/** How the caller spells a parameter: "--unit" on the command line, "unit" in a query string. */
type ParameterLabel = (name: string) => string;

/**
 * Shared by both front ends. `pairs` are (name, value) in the order given;
 * problems found before validation (unknown names, repeats) come in `problems`.
 */
function requestFromPairs(
  pairs: readonly (readonly [string, string])[],
  label: ParameterLabel,
  problems: string[],
): DeadlineInputParse {
  const single = new Map<SingleValuedName, string>();
  const rawStops: string[] = [];

  for (const [name, value] of pairs) {
    if (name === REPEATABLE) {
      rawStops.push(value);
    } else if ((SINGLE_VALUED as readonly string[]).includes(name)) {
      const singleName = name as SingleValuedName;
      if (single.has(singleName)) problems.push(`${label(name)} was given more than once`);
      else single.set(singleName, value);
    } else {
      problems.push(`unknown parameter ${label(name)}; allowed: ${PARAMETER_NAMES.map(label).join(", ")}`);
    }
  }

  const missing = new Set<string>();
  for (const name of REQUIRED) {
    if (!single.has(name) || single.get(name) === "") {
      missing.add(name);
      problems.push(`${label(name)} is required: ${REQUIRED_HINTS[name]}`);
    }
  }

  const stops: ClockStop[] = [];
  const stopTexts: string[] = [];
  for (const text of rawStops) {
    const parts = text.split(STOP_SEPARATOR);
    if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) {
      problems.push(`${label(REPEATABLE)} must be a date range FROM..TO such as 2027-01-11..2027-01-20, got "${text}"`);
    } else {
      stops.push({ from: parts[0], to: parts[1] });
      stopTexts.push(text);
    }
  }

  const lengthText = single.get("length") ?? "";
  const roll = single.get("roll");
  const candidate = {
    start: single.get("start"),
    // Only plain digits become a number; anything else ("4.5", "1e3", "-3") is
    // passed through as text so validation rejects it with the length message.
    length: /^\d+$/.test(lengthText) ? Number(lengthText) : lengthText,
    unit: single.get("unit"),
    count: single.get("count"),
    calendar: single.get("calendar"),
    ...(roll === undefined ? {} : { roll }),
    ...(stops.length === 0 ? {} : { stops }),
  };

  // Validate even when there are already problems, so one run reports every mistake.
  const validation = validateDeadlineRequest(candidate);
  if (validation.ok && problems.length === 0) return { ok: true, request: validation.request };
  if (!validation.ok) {
    for (const issue of validation.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && missing.has(field)) continue; // already reported as required
      problems.push(describeIssue(issue, label, stopTexts));
    }
  }
  return { ok: false, message: problems.join("; ") };
}

function describeIssue(issue: DeadlineRequestIssue, label: ParameterLabel, stopTexts: readonly string[]): string {
  const [field, index, end] = issue.path;
  if (field === "stops" && typeof index === "number") {
    const which = end === "from" ? "FROM date " : end === "to" ? "TO date " : "";
    return `${label(REPEATABLE)} ${stopTexts[index] ?? ""}: ${which}${issue.message}`;
  }
  return `${label(typeof field === "string" ? field : "request")} ${issue.message}`;
}

/**
 * Parses command-line flags, e.g.
 * `--start 2026-12-18 --length 45 --unit calendar --count after --calendar england-and-wales --stop 2027-01-11..2027-01-20`.
 */
export function parseDeadlineArgs(argv: readonly string[]): DeadlineInputParse {
  const pairs: [string, string][] = [];
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (!token.startsWith("--")) {
      problems.push(`unexpected argument "${token}"; every value must follow a flag such as --start`);
      continue;
    }
    const equals = token.indexOf("=");
    if (equals !== -1) {
      pairs.push([token.slice(2, equals), token.slice(equals + 1)]);
      continue;
    }
    const next = argv[index + 1];
    if (next === undefined || next.startsWith("--")) {
      // Recorded as empty so the message says what the flag needs, e.g. "--start is required: a date…".
      pairs.push([token.slice(2), ""]);
      continue;
    }
    pairs.push([token.slice(2), next]);
    index++;
  }
  return requestFromPairs(pairs, (name) => `--${name}`, problems);
}

/** Parses the query of `GET /api/deadlines/calculate?start=…&length=…&stop=FROM..TO`. */
export function parseDeadlineQuery(params: URLSearchParams): DeadlineInputParse {
  return requestFromPairs([...params.entries()], (name) => name, []);
}

/** The JSON both the CLI and the HTTP route return for a computed deadline. */
export function deadlineResultJson(result: DeadlineResult) {
  const { request } = result;
  return {
    due: result.due,
    expiresAt: result.expiresAt,
    dueWeekday: result.dueWeekday,
    dueLong: result.dueLong,
    day1: result.day1,
    rolled: result.rolled,
    stoppedDays: result.stoppedDays,
    holidayDataVersion: result.holidayDataVersion,
    request: {
      start: request.start,
      length: request.length,
      unit: request.unit,
      count: request.count,
      calendar: request.calendar,
      roll: request.roll,
      stops: request.stops.map(({ from, to }) => ({ from, to })),
    },
  };
}
