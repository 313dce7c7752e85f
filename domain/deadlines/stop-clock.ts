import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { isCalendarDate } from "./calendar-date";
import { appendClockEvent, recomputeDeadline } from "./case-clock";
import { getDeadlineForActor } from "./load-deadline";
import { londonDateOf } from "./london-date";

export const StopClockInput = z.object({
  deadlineId: z.string().min(1, "The deadline could not be found."),
  reason: z.string().trim().min(1, "Enter why the clock is stopping").max(2000, "The reason must be 2000 characters or fewer"),
  /** First stopped day; defaults to today (UK). */
  effectiveOn: z.string().refine(isCalendarDate, "Enter the date as YYYY-MM-DD, for example 2027-01-11").optional(),
});

/** Stops a running clock from a date (inclusive): days from then on do not count until it restarts. */
export function stopClock(ctx: Ctx, input: z.input<typeof StopClockInput>) {
  requirePermission(ctx.actor, "clock.stop_restart");
  const { deadlineId, reason, effectiveOn } = parseInput(StopClockInput, input);
  const today = londonDateOf(ctx.now);
  const from = effectiveOn ?? today;
  return writeTransaction(ctx.db, (tx) => {
    const deadline = getDeadlineForActor(tx, ctx, deadlineId);
    if (deadline.status !== "running") throw new DomainError("conflict", `The clock cannot be stopped because it is ${deadline.status}.`);
    if (from < deadline.startOn) throw new DomainError("invalid", "The clock cannot stop before it started.", { effectiveOn: `Enter a date on or after ${deadline.startOn}` });
    if (from > today) throw new DomainError("invalid", "The clock cannot be stopped from a future date.", { effectiveOn: "Enter today’s date or an earlier one" });
    appendClockEvent(tx, ctx, deadline, { kind: "stop", effectiveOn: from, reason });
    return recomputeDeadline(tx, ctx, deadline, "stopped");
  });
}
