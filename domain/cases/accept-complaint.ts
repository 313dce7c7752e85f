import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { isCalendarDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { startDeadline } from "../deadlines/case-clock";
import { transitionCase } from "./state-machine";
import { requireConflictClearance } from "./conflict-clearance";
import { tellParties } from "./tell-parties";

export const SERVICE_METHODS = ["email", "post", "courier", "hand"] as const;

export const AcceptComplaintInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  reasons: z.string().trim().min(1, "Enter why the complaint is valid").max(5000, "Reasons must be 5000 characters or fewer"),
  servedOn: z.string().trim().refine(isCalendarDate, "Enter the date the complaint was served on the respondent, as YYYY-MM-DD"),
  serviceMethod: z.enum(SERVICE_METHODS, { error: "Select how the complaint was served" }),
});

/**
 * Accepts a complaint as valid: the case moves to assessment, the 45-day case-to-answer clock
 * starts on today's date, and the respondent's representations period starts from service.
 */
export function acceptComplaint(ctx: Ctx, input: z.input<typeof AcceptComplaintInput>) {
  requirePermission(ctx.actor, "case.triage");
  const { caseId, reasons, servedOn, serviceMethod } = parseInput(AcceptComplaintInput, input);
  const acceptedOn = londonDateOf(ctx.now);
  if (servedOn > acceptedOn) throw new DomainError("invalid", "The date of service cannot be in the future.", { servedOn: "Enter today’s date or an earlier one" });
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    requireConflictClearance(tx, ctx.actor, row);
    transitionCase(tx, ctx, { caseId, from: row.status, event: "accept", set: { acceptedOn, servedOn, serviceMethod }, audit: { reasons, servedOn, serviceMethod } });
    const clock = startDeadline(tx, ctx, { caseId, ruleId: "case-to-answer", startOn: acceptedOn, reason: "Complaint accepted as valid" });
    startDeadline(tx, ctx, { caseId, ruleId: "respondent-representations", startOn: servedOn, reason: `Complaint served by ${serviceMethod}` });
    tellParties(tx, ctx, {
      caseId,
      reference: row.reference,
      sides: ["complainant", "respondent"],
      kind: "case.accepted",
      title: "Complaint accepted",
      body: `The regulator has accepted the complaint and will decide by ${clock.dueOn} whether there is a case to answer.`,
    });
    return { acceptedOn, dueOn: clock.dueOn };
  });
}
