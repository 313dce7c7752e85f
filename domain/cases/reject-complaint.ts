import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { transitionCase } from "./state-machine";
import { requireConflictClearance } from "./conflict-clearance";
import { tellParties } from "./tell-parties";

export const RejectComplaintInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  reasons: z.string().trim().min(1, "Enter the reasons the complaint is rejected. The complainant will read them").max(5000, "Reasons must be 5000 characters or fewer"),
});

/** Rejects an invalid complaint, closing it with reasons the complainant can read. */
export function rejectComplaint(ctx: Ctx, input: z.input<typeof RejectComplaintInput>) {
  requirePermission(ctx.actor, "case.triage");
  const { caseId, reasons } = parseInput(RejectComplaintInput, input);
  writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    requireConflictClearance(tx, ctx.actor, row);
    transitionCase(tx, ctx, { caseId, from: row.status, event: "reject", set: { rejectionReasons: reasons, closedAt: ctx.now.toISOString() }, audit: { reasons } });
    tellParties(tx, ctx, { caseId, reference: row.reference, sides: ["complainant"], kind: "case.rejected", title: "Complaint rejected", body: `The regulator has rejected the complaint. Reasons: ${reasons}` });
  });
}
