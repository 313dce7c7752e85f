import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { evidence } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { requireConflictClearance } from "../cases/conflict-clearance";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { getEvidenceForActor } from "./evidence-access";
import { portalEvidencePath, staffEvidencePath, tellAboutEvidence } from "./evidence-recipients";
import { mayReviewEvidence } from "./evidence-rules";

export const ReviewEvidenceInput = z.object({
  evidenceId: z.string().min(1, "The evidence could not be found."),
  outcome: z.enum(["accept", "reject"], { error: "Select whether you accept or reject this item as evidence" }),
  reasons: z.string().trim().max(5000, "Reasons must be 5000 characters or fewer").optional(),
});

/**
 * A caseworker accepts or rejects an item as evidence (or changes an earlier review), with reasons
 * the filer reads; reasons are required to reject. The filing side is told, by email too.
 */
export function reviewEvidence(ctx: Ctx, input: z.input<typeof ReviewEvidenceInput>): { status: "accepted" | "rejected" } {
  requirePermission(ctx.actor, "evidence.review");
  const actor = ctx.actor;
  const { evidenceId, outcome, reasons } = parseInput(ReviewEvidenceInput, input);
  if (outcome === "reject" && !reasons) throw new DomainError("invalid", "There is a problem with what you entered.", { reasons: "Enter why the item is rejected as evidence" });
  const status = outcome === "accept" ? "accepted" : "rejected";
  return writeTransaction(ctx.db, (tx) => {
    const { item, case: caseRow } = getEvidenceForActor(ctx, evidenceId, tx);
    requireConflictClearance(tx, actor, caseRow);
    if (!mayReviewEvidence(actor, item)) throw new DomainError("conflict", `${item.exhibitNumber} has been ${item.status}, so it can no longer be reviewed.`);
    if (item.status === status) throw new DomainError("conflict", `${item.exhibitNumber} has already been ${status}.`);
    const at = ctx.now.toISOString();
    const changed = tx
      .update(evidence)
      .set({ status, reviewReasons: reasons || null, reviewedBy: actor.id, reviewedAt: at })
      .where(and(eq(evidence.id, item.id), eq(evidence.status, item.status)))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", `${item.exhibitNumber} has changed since you opened the page. Reload the page and try again.`);
    recordAudit(tx, ctx, { action: `evidence.${status}`, caseId: item.caseId, subject: `evidence:${item.id}`, data: { exhibitNumber: item.exhibitNumber, previousStatus: item.status, reasons: reasons || null } });
    tellAboutEvidence(
      tx,
      ctx,
      { sides: [item.filingSide] },
      {
        caseId: item.caseId,
        reference: caseRow.reference,
        kind: `evidence.${status}`,
        title: `${item.exhibitNumber} ${status} as evidence`,
        body: `The regulator has ${status} ${item.exhibitNumber} (${item.title}) as evidence.${reasons ? ` Reasons: ${reasons}` : ""}`,
        staffLink: staffEvidencePath(item.caseId, item.id),
        portalLink: portalEvidencePath(item.caseId, item.id),
        email: true,
      },
    );
    return { status };
  });
}
