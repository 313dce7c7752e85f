import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { clockEvents } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { isCalendarDate } from "./calendar-date";
import { appendClockEvent, recomputeDeadline } from "./case-clock";
import { getDeadlineForActor } from "./load-deadline";
import { londonDateOf } from "./london-date";

export const RestartClockInput = z.object({
  deadlineId: z.string().min(1, "The deadline could not be found."),
  reason: z.string().trim().min(1, "Enter why the clock is restarting").max(2000, "The reason must be 2000 characters or fewer"),
  /** Last stopped day (inclusive); the day after counts again. Defaults to today (UK). */
  lastStoppedOn: z.string().refine(isCalendarDate, "Enter the date as YYYY-MM-DD, for example 2027-01-20").optional(),
});

/** Restarts a stopped clock. The stop covers its first day through `lastStoppedOn`, both inclusive. */
export function restartClock(ctx: Ctx, input: z.input<typeof RestartClockInput>) {
  requirePermission(ctx.actor, "clock.stop_restart");
  const { deadlineId, reason, lastStoppedOn } = parseInput(RestartClockInput, input);
  const today = londonDateOf(ctx.now);
  const until = lastStoppedOn ?? today;
  return writeTransaction(ctx.db, (tx) => {
    const deadline = getDeadlineForActor(tx, ctx, deadlineId);
    if (deadline.status !== "stopped") throw new DomainError("conflict", `The clock cannot be restarted because it is ${deadline.status}, not stopped.`);
    const stop = tx.select().from(clockEvents).where(and(eq(clockEvents.deadlineId, deadline.id), eq(clockEvents.kind, "stop"))).orderBy(desc(clockEvents.at)).limit(1).get();
    if (stop && until < stop.effectiveOn) throw new DomainError("invalid", "The stop cannot end before it began.", { lastStoppedOn: `Enter ${stop.effectiveOn} or a later date` });
    if (until > today) throw new DomainError("invalid", "The last stopped day cannot be in the future.", { lastStoppedOn: "Enter today’s date or an earlier one" });
    appendClockEvent(tx, ctx, deadline, { kind: "restart", effectiveOn: until, reason });
    return recomputeDeadline(tx, ctx, deadline, "running");
  });
}
