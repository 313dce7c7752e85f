import type { ClockEventRow, DeadlineRow } from "../deadlines/clock";
import { clockStateFromEvents, countedDaysElapsed } from "../deadlines/clock";
import { compareCalendarDates } from "../deadlines/calendar-date";
import type { HolidayData } from "../deadlines/holidays";

/** Counted days before the due date at which a reminder goes out. */
export const REMINDER_OFFSETS = [10, 5, 2, 0] as const;
/** The claim key's offset for the escalation of a missed deadline. */
export const ESCALATION_OFFSET = -1;

export interface ClockPosition {
  /** Counted days in the period, extensions included. */
  totalDays: number;
  /** Counted days still to run after today, as the case page shows them. */
  remaining: number;
}

/** Where a running clock stands today, counted by the engine's own rules (unit, calendar, stops, extensions). */
export function clockPosition(deadline: DeadlineRow, events: readonly Pick<ClockEventRow, "kind" | "effectiveOn" | "days">[], today: string, holidays: HolidayData): ClockPosition {
  const state = clockStateFromEvents(events);
  const totalDays = deadline.length + state.extensionDays;
  return { totalDays, remaining: totalDays - countedDaysElapsed(deadline, state, today, holidays) };
}

/**
 * The reminder due today, if any: the smallest offset the clock has reached. Taking the smallest
 * means a scheduler that was down sends only the latest reminder it missed, not a burst of stale
 * ones. An offset is reached on the day the remaining counted days fall to it, except 0, which is
 * the due date itself (a roll to the next working day can put that after the last counted day).
 * Offsets at or beyond the whole period are skipped: on the day a 10-day period starts, a "10 days
 * left" reminder would tell nobody anything new.
 */
export function reminderOffsetDue(position: ClockPosition, today: string, dueOn: string): number | null {
  let due: number | null = null;
  for (const offset of REMINDER_OFFSETS) {
    if (offset >= position.totalDays) continue;
    const reached = offset === 0 ? compareCalendarDates(today, dueOn) >= 0 : position.remaining <= offset;
    if (reached) due = offset;
  }
  return due;
}
