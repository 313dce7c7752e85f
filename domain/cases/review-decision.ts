import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { deadlines, decisionProposals } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { requireConflictClearance } from "./conflict-clearance";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { meetOrMissDeadline } from "../deadlines/case-clock";
import { notifyUser } from "../notifications/notify";
import { transitionCase } from "./state-machine";
import { tellParties } from "./tell-parties";

export const ReviewDecisionInput = z.object({
  proposalId: z.string().min(1, "The proposed decision could not be found."),
  outcome: z.enum(["approve", "return"], { error: "Select whether you approve the decision or return it" }),
  note: z.string().trim().max(5000, "The note must be 5000 characters or fewer").optional(),
});

/**
 * A supervisor who did not propose the decision approves it (four eyes) or returns it. Approval
 * records the decision, marks the case-to-answer deadline met or missed, and tells the parties.
 */
export function reviewDecision(ctx: Ctx, input: z.input<typeof ReviewDecisionInput>) {
  requirePermission(ctx.actor, "decision.approve");
  const actor = ctx.actor;
  const { proposalId, outcome, note } = parseInput(ReviewDecisionInput, input);
  if (outcome === "return" && !note) throw new DomainError("invalid", "Say why the decision is returned.", { note: "Enter why you are returning the decision" });
  return writeTransaction(ctx.db, (tx) => {
    const proposal = tx.select().from(decisionProposals).where(eq(decisionProposals.id, proposalId)).get();
    if (!proposal) throw new DomainError("not_found", "The proposed decision could not be found.");
    const { case: row } = getCaseForActor(ctx, proposal.caseId, tx);
    requireConflictClearance(tx, actor, row);
    if (proposal.proposedBy === actor.id) throw new DomainError("forbidden", "You proposed this decision, so another supervisor must approve it.");
    const reviewed = tx
      .update(decisionProposals)
      .set({ status: outcome === "approve" ? "approved" : "returned", reviewedBy: actor.id, reviewedAt: ctx.now.toISOString(), reviewNote: note ?? null })
      .where(and(eq(decisionProposals.id, proposalId), eq(decisionProposals.status, "proposed")))
      .run().changes;
    if (reviewed === 0) throw new DomainError("conflict", "This decision has already been reviewed. Reload the page to see the outcome.");

    if (outcome === "return") {
      recordAudit(tx, ctx, { action: "decision.returned", caseId: row.id, subject: `decision:${proposalId}`, data: { note } });
      notifyUser(tx, ctx, { userId: proposal.proposedBy, caseId: row.id, kind: "decision.returned", title: `${row.reference}: decision returned`, body: note ?? "", link: `/cases/${row.id}` });
      return { outcome };
    }

    const caseToAnswer = proposal.decision === "case_to_answer";
    transitionCase(tx, ctx, {
      caseId: row.id,
      from: row.status,
      event: caseToAnswer ? "decide_case_to_answer" : "decide_no_case_to_answer",
      set: { decision: proposal.decision, decisionReasons: proposal.reasons, decidedAt: ctx.now.toISOString(), ...(caseToAnswer ? {} : { closedAt: ctx.now.toISOString() }) },
      audit: { proposalId, proposedBy: proposal.proposedBy, approvedBy: actor.id, decision: proposal.decision },
    });
    const clock = tx.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.ruleId, "case-to-answer"), inArray(deadlines.status, ["running", "stopped"]))).get();
    let deadlineMet: boolean | null = null;
    if (clock) deadlineMet = meetOrMissDeadline(tx, ctx, clock, "Case-to-answer decision approved").status === "met";
    tellParties(tx, ctx, {
      caseId: row.id,
      reference: row.reference,
      sides: ["complainant", "respondent"],
      kind: "decision.made",
      title: caseToAnswer ? "Decision: there is a case to answer" : "Decision: there is no case to answer",
      body: `The regulator has decided that there is ${caseToAnswer ? "a case" : "no case"} to answer.\n\nReasons:\n${proposal.reasons}`,
    });
    return { outcome, deadlineMet };
  });
}
