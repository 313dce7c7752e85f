import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { decisionProposals } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { requireConflictClearance } from "./conflict-clearance";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { notifyUser } from "../notifications/notify";
import { activeSupervisors } from "./case-recipients";

export const ProposeDecisionInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  decision: z.enum(["case_to_answer", "no_case_to_answer"], { error: "Select whether there is a case to answer" }),
  reasons: z.string().trim().min(1, "Enter the reasons for the decision. The parties will read them").max(20000, "Reasons must be 20000 characters or fewer"),
});

/** A caseworker proposes the case-to-answer decision; a different supervisor must approve it. */
export function proposeDecision(ctx: Ctx, input: z.input<typeof ProposeDecisionInput>) {
  requirePermission(ctx.actor, "decision.propose");
  const actor = ctx.actor;
  const { caseId, decision, reasons } = parseInput(ProposeDecisionInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    requireConflictClearance(tx, actor, row);
    if (row.status !== "assessment") throw new DomainError("conflict", "A decision can only be proposed while the case is in assessment. Reload the page to see its current state.");
    const pending = tx.select({ id: decisionProposals.id }).from(decisionProposals).where(and(eq(decisionProposals.caseId, caseId), eq(decisionProposals.status, "proposed"))).get();
    if (pending) throw new DomainError("conflict", "A decision is already awaiting approval on this case.");
    const id = newId();
    tx.insert(decisionProposals).values({ id, caseId, decision, reasons, status: "proposed", proposedBy: actor.id, proposedAt: ctx.now.toISOString() }).run();
    recordAudit(tx, ctx, { action: "decision.proposed", caseId, subject: `decision:${id}`, data: { decision, reasons } });
    for (const supervisor of activeSupervisors(tx)) {
      if (supervisor.id === actor.id) continue;
      notifyUser(tx, ctx, { userId: supervisor.id, caseId, kind: "decision.proposed", title: `${row.reference}: decision awaiting approval`, body: `${actor.name} proposes: ${decision === "case_to_answer" ? "case to answer" : "no case to answer"}.`, link: `/cases/${caseId}` });
    }
    return id;
  });
}
