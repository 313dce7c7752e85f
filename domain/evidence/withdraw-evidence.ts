import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { deadlines, evidence } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { closeDeadline } from "../deadlines/case-clock";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { getEvidenceForActor } from "./evidence-access";
import { caseStaff, staffEvidencePath, tellAboutEvidence } from "./evidence-recipients";
import { mayWithdrawEvidence, NON_CONFIDENTIAL_RULE_ID, OPPOSING_PARTY } from "./evidence-rules";

export const WithdrawEvidenceInput = z.object({
  evidenceId: z.string().min(1, "The evidence could not be found."),
  reasons: z.string({ error: "Enter why the item is being withdrawn" }).trim().min(1, "Enter why the item is being withdrawn").max(5000, "Reasons must be 5000 characters or fewer"),
});

/**
 * The filing side, or the regulator, withdraws an item with reasons. Nothing is deleted: the item
 * and its file stay for the regulator's record, hidden from the parties from now on. Its
 * non-confidential-version clock, if running, no longer applies and is cancelled.
 */
export function withdrawEvidence(ctx: Ctx, input: z.input<typeof WithdrawEvidenceInput>): { caseId: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { evidenceId, reasons } = parseInput(WithdrawEvidenceInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { item, case: caseRow, sides } = getEvidenceForActor(ctx, evidenceId, tx);
    if (!mayWithdrawEvidence(actor, sides, item, caseRow.status)) {
      if (item.status === "withdrawn") throw new DomainError("conflict", `${item.exhibitNumber} has already been withdrawn.`);
      if (item.status === "superseded") throw new DomainError("conflict", `${item.exhibitNumber} has been replaced by a corrected version, so it cannot be withdrawn.`);
      throw new DomainError("forbidden", "Only the side that filed this item, or the regulator, can withdraw it while the case is open.");
    }
    const at = ctx.now.toISOString();
    const changed = tx
      .update(evidence)
      .set({ status: "withdrawn", withdrawalReasons: reasons, withdrawnBy: actor.id, withdrawnAt: at })
      .where(and(eq(evidence.id, item.id), eq(evidence.status, item.status)))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", `${item.exhibitNumber} has changed since you opened the page. Reload the page and try again.`);
    recordAudit(tx, ctx, { action: "evidence.withdrawn", caseId: item.caseId, subject: `evidence:${item.id}`, data: { exhibitNumber: item.exhibitNumber, previousStatus: item.status, reasons } });
    const clocks = tx
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, item.caseId), eq(deadlines.subjectId, item.id), eq(deadlines.ruleId, NON_CONFIDENTIAL_RULE_ID), inArray(deadlines.status, ["running", "stopped"])))
      .all();
    for (const clock of clocks) closeDeadline(tx, ctx, clock, "cancelled", `${item.exhibitNumber} withdrawn`);

    const byRegulator = isStaff(actor);
    const opposing = OPPOSING_PARTY[item.filingSide];
    // The other side hears of it only if it could see the item; a regulator's item concerns both parties.
    const otherSides = item.confidentiality === "restricted" ? [] : item.filingSide === "regulator" ? (["complainant", "respondent"] as const) : opposing ? [opposing] : [];
    tellAboutEvidence(
      tx,
      ctx,
      { staff: byRegulator ? [] : caseStaff(tx, caseRow.assignedTo), sides: [...(byRegulator ? [item.filingSide] : []), ...otherSides] },
      {
        caseId: item.caseId,
        reference: caseRow.reference,
        kind: "evidence.withdrawn",
        title: `${item.exhibitNumber} withdrawn`,
        body: `${byRegulator ? "The regulator" : actor.name} withdrew ${item.exhibitNumber} (${item.title}). Reasons: ${reasons}`,
        staffLink: staffEvidencePath(item.caseId, item.id),
        portalLink: `/portal/cases/${item.caseId}`,
      },
    );
    return { caseId: item.caseId };
  });
}
