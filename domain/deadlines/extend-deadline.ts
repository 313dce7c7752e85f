import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { wholeNumberField } from "../validation";
import { writeTransaction } from "../transaction";
import { appendClockEvent, recomputeDeadline } from "./case-clock";
import { getDeadlineForActor } from "./load-deadline";
import { londonDateOf } from "./london-date";

export const ExtendDeadlineInput = z.object({
  deadlineId: z.string().min(1, "The deadline could not be found."),
  days: wholeNumberField({
    missing: "Enter how many days to extend by",
    notWhole: "Enter the number of days as a whole number, like 5",
    min: [1, "Extend by at least 1 day"],
    max: [365, "Extend by 365 days or fewer"],
  }),
  reason: z.string().trim().min(1, "Enter why the deadline is being extended").max(2000, "The reason must be 2000 characters or fewer"),
});

/** Adds counted days to a deadline. Supervisors only, and only before the deadline has expired. */
export function extendDeadline(ctx: Ctx, input: z.input<typeof ExtendDeadlineInput>) {
  requirePermission(ctx.actor, "clock.extend");
  const { deadlineId, days, reason } = parseInput(ExtendDeadlineInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const deadline = getDeadlineForActor(tx, ctx, deadlineId);
    if (deadline.status !== "running" && deadline.status !== "stopped") throw new DomainError("conflict", `This deadline is ${deadline.status} and can no longer be extended.`);
    if (ctx.now.getTime() > Date.parse(deadline.expiresAt)) {
      throw new DomainError("invalid", `This deadline expired at 11:59pm on ${deadline.dueOn} (UK time). An expired deadline cannot be extended.`, {
        days: "An expired deadline cannot be extended",
      });
    }
    appendClockEvent(tx, ctx, deadline, { kind: "extension", effectiveOn: londonDateOf(ctx.now), reason, days });
    return recomputeDeadline(tx, ctx, deadline, deadline.status);
  });
}
