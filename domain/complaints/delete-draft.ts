import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { caseParties, cases } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { getDraftRowForFiler } from "./get-draft";

export const DeleteDraftInput = z.object({ draftId: z.string().min(1, "The draft complaint could not be found.") });

/**
 * Deletes a draft complaint. A draft has no reference, no parties and no clocks, and was never
 * seen by the regulator, so the row goes; the audit chain keeps the fact that it existed.
 */
export function deleteDraftComplaint(ctx: Ctx, input: z.input<typeof DeleteDraftInput>): void {
  requirePermission(ctx.actor, "complaint.file");
  const actor = ctx.actor;
  const { draftId } = parseInput(DeleteDraftInput, input);
  writeTransaction(ctx.db, (tx) => {
    getDraftRowForFiler(ctx, draftId, tx);
    // Submitting is what adds the parties, but a draft written some other way (the demo seed's) may
    // already have them; without this its deletion would fail on their foreign key, as a 500.
    tx.delete(caseParties).where(eq(caseParties.caseId, draftId)).run();
    const deleted = tx.delete(cases).where(and(eq(cases.id, draftId), eq(cases.status, "draft"), eq(cases.createdBy, actor.id))).run().changes;
    if (deleted === 0) throw new DomainError("not_found", "The draft complaint could not be found.");
    recordAudit(tx, ctx, { action: "complaint.draft_deleted", caseId: draftId, subject: `case:${draftId}` });
  });
}
