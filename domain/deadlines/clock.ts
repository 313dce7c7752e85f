import type { clockEvents, deadlines } from "@/db/schema";
import { compareCalendarDates } from "./calendar-date";
import { DomainError } from "../errors";
import { computeDeadline, DeadlineError, type ClockStop, type DeadlineRequest, type DeadlineResult } from "./engine";
import type { HolidayData } from "./holidays";
import { AMBER_MAX_REMAINING, RED_MAX_REMAINING } from "./rag-thresholds";

export type DeadlineRow = typeof deadlines.$inferSelect;
export type ClockEventRow = typeof clockEvents.$inferSelect;

/**
 * The clock's state derived from its events. A stop's `effectiveOn` is its first stopped day; a
 * restart's is its last stopped day (both inclusive), so an information request sent on the 11th
 * and answered on the 20th stops the clock for the 11th to the 20th.
 */
export interface ClockState {
  stops: ClockStop[];
  /** First day of a stop that has not been restarted, if the clock is stopped now. */
  openStopFrom: string | null;
  extensionDays: number;
}

export function clockStateFromEvents(events: readonly Pick<ClockEventRow, "kind" | "effectiveOn" | "days">[]): ClockState {
  const stops: ClockStop[] = [];
  let openStopFrom: string | null = null;
  let extensionDays = 0;
  for (const event of events) {
    if (event.kind === "stop" && openStopFrom === null) openStopFrom = event.effectiveOn;
    else if (event.kind === "restart" && openStopFrom !== null) {
      stops.push({ from: openStopFrom, to: event.effectiveOn });
      openStopFrom = null;
    } else if (event.kind === "extension") extensionDays += event.days ?? 0;
  }
  return { stops, openStopFrom, extensionDays };
}

type Terms = Pick<DeadlineRow, "startOn" | "length" | "unit" | "count" | "calendar" | "roll">;

function requestFor(terms: Terms, state: ClockState, length: number, openStopUntil: string | null): DeadlineRequest {
  const stops = [...state.stops];
  if (state.openStopFrom !== null && openStopUntil !== null && compareCalendarDates(state.openStopFrom, openStopUntil) <= 0) stops.push({ from: state.openStopFrom, to: openStopUntil });
  return { start: terms.startOn, length, unit: terms.unit, count: terms.count, calendar: terms.calendar, roll: terms.roll, stops };
}

/**
 * The due date from the deadline's terms and its events. While the clock is stopped, the due date
 * shown assumes it restarts after `today`: the earliest it can now be.
 */
export function computeDueFromEvents(terms: Terms, state: ClockState, today: string, holidays?: HolidayData): DeadlineResult {
  const openStopUntil = state.openStopFrom !== null ? (compareCalendarDates(today, state.openStopFrom) >= 0 ? today : state.openStopFrom) : null;
  try {
    return computeDeadline(requestFor(terms, state, terms.length + state.extensionDays, openStopUntil), holidays);
  } catch (error) {
    // Still refused rather than guessed, but as an answer the person can act on, not a 500: an
    // extension, a stop or a rule's length can each push a due date past the holiday data.
    if (error instanceof DeadlineError && error.code === "beyond-holiday-data") {
      throw new DomainError("conflict", `${error.message} Until then, choose dates or a number of days that keep the deadline within the years the data covers.`);
    }
    throw error;
  }
}

/**
 * How many counted days have passed by `today` (0 on the start day of an "after" count): the
 * largest n whose n-th counted day is on or before today, found by bisection over the engine so the
 * counting rules live in one place.
 */
export function countedDaysElapsed(terms: Terms, state: ClockState, today: string, holidays?: HolidayData): number {
  const total = terms.length + state.extensionDays;
  const openStopUntil = state.openStopFrom !== null ? today : null;
  const nthDay = (n: number) => computeDeadline({ ...requestFor(terms, state, n, openStopUntil), roll: "none" }, holidays).due;
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (compareCalendarDates(nthDay(mid), today) <= 0) low = mid;
    else high = mid - 1;
  }
  return low;
}

export type ClockRag = "green" | "amber" | "red";

/** Red at RED_MAX_REMAINING or fewer counted days left (or overdue), amber at AMBER_MAX_REMAINING or fewer. */
export function ragFor(remaining: number): ClockRag {
  if (remaining <= RED_MAX_REMAINING) return "red";
  if (remaining <= AMBER_MAX_REMAINING) return "amber";
  return "green";
}
