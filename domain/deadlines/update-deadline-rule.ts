import { eq } from "drizzle-orm";
import { z } from "zod";
import { deadlineRules } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { wholeNumberField } from "../validation";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { DEADLINE_COUNTS, DEADLINE_ROLLS, DEADLINE_UNITS, MAX_DEADLINE_LENGTH } from "./engine";
import { DEADLINE_CALENDARS } from "./holidays";

export const UpdateDeadlineRuleInput = z.object({
  ruleId: z.string().min(1, "The deadline rule could not be found."),
  length: wholeNumberField({
    missing: "Enter the length as a whole number of days",
    notWhole: "Enter the length as a whole number of days, like 45",
    min: [1, "The length must be at least 1 day"],
    max: [MAX_DEADLINE_LENGTH, `The length must be ${MAX_DEADLINE_LENGTH} days or fewer`],
  }),
  unit: z.enum(DEADLINE_UNITS, { error: "Choose calendar days or working days" }),
  count: z.enum(DEADLINE_COUNTS, { error: "Choose when day 1 is" }),
  calendar: z.enum(DEADLINE_CALENDARS, { error: "Choose whose bank holidays apply" }),
  roll: z.enum(DEADLINE_ROLLS, { error: "Choose what happens when the deadline falls on a non-working day" }),
  reason: z.string().trim().min(1, "Enter why the rule is changing").max(2000, "The reason must be 2000 characters or fewer"),
});

/**
 * Changes a rule in the catalogue. Deadlines already running keep the terms they started with;
 * only deadlines started afterwards use the new terms.
 */
export function updateDeadlineRule(ctx: Ctx, input: z.input<typeof UpdateDeadlineRuleInput>) {
  requirePermission(ctx.actor, "admin.deadline_rules");
  const actor = ctx.actor;
  const { ruleId, reason, ...terms } = parseInput(UpdateDeadlineRuleInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const before = tx.select().from(deadlineRules).where(eq(deadlineRules.id, ruleId)).get();
    if (!before) throw new DomainError("not_found", "The deadline rule could not be found.");
    tx.update(deadlineRules).set({ ...terms, updatedAt: ctx.now.toISOString(), updatedBy: actor.id }).where(eq(deadlineRules.id, ruleId)).run();
    recordAudit(tx, ctx, {
      action: "deadline_rule.updated",
      subject: `deadline_rule:${ruleId}`,
      data: { reason, before: { length: before.length, unit: before.unit, count: before.count, calendar: before.calendar, roll: before.roll }, after: terms },
    });
  });
}

export function listDeadlineRules(ctx: Ctx) {
  requirePermission(ctx.actor, "admin.deadline_rules");
  return ctx.db.select().from(deadlineRules).orderBy(deadlineRules.name).all();
}
