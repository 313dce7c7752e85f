import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { deadlines, informationRequests } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { londonDateOf } from "../deadlines/london-date";
import { appendClockEvent, recomputeDeadline, startDeadline } from "../deadlines/case-clock";
import { transitionCase } from "./state-machine";
import { requireConflictClearance } from "./conflict-clearance";
import { tellParties } from "./tell-parties";

export const RequestInformationInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  questions: z.string().trim().min(1, "Enter the questions the complainant must answer").max(10000, "Questions must be 10000 characters or fewer"),
});

/**
 * Sends the complainant an information request with a response deadline from the rule catalogue.
 * In triage the case waits for the answer; in assessment the case-to-answer clock stops from today
 * until the day the answer arrives, both inclusive.
 */
export function requestInformation(ctx: Ctx, input: z.input<typeof RequestInformationInput>) {
  requirePermission(ctx.actor, "case.triage");
  const actor = ctx.actor;
  const { caseId, questions } = parseInput(RequestInformationInput, input);
  const sentOn = londonDateOf(ctx.now);
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    requireConflictClearance(tx, ctx.actor, row);
    if (row.status === "in_triage") {
      transitionCase(tx, ctx, { caseId, from: row.status, event: "request_information", audit: { questions } });
    } else if (row.status === "assessment") {
      const clock = tx.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.ruleId, "case-to-answer"), eq(deadlines.status, "running"))).get();
      if (clock) {
        appendClockEvent(tx, ctx, clock, { kind: "stop", effectiveOn: sentOn, reason: "Information request sent" });
        recomputeDeadline(tx, ctx, clock, "stopped");
      }
      recordAudit(tx, ctx, { action: "case.request_information", caseId, subject: `case:${caseId}`, data: { questions, clockStopped: Boolean(clock) } });
    } else {
      throw new DomainError("conflict", "Information can only be requested while a complaint is in triage or assessment. Reload the page to see its current state.");
    }
    const requestId = newId();
    const responseDeadline = startDeadline(tx, ctx, { caseId, ruleId: "information-response", startOn: sentOn, reason: "Information request sent", subjectId: requestId });
    tx.insert(informationRequests).values({ id: requestId, caseId, questions, sentOn, deadlineId: responseDeadline.id, sentBy: actor.id, sentAt: ctx.now.toISOString() }).run();
    tellParties(tx, ctx, {
      caseId,
      reference: row.reference,
      sides: ["complainant"],
      kind: "information.requested",
      title: "The regulator needs more information",
      body: `Answer the regulator's questions by ${responseDeadline.dueOn}.\n\n${questions}`,
    });
    return { requestId, dueOn: responseDeadline.dueOn };
  });
}
