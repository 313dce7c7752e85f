import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { confidentialityChallenges, deadlines } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { requireConflictClearance } from "../cases/conflict-clearance";
import { startDeadline } from "../deadlines/case-clock";
import { londonDateOf } from "../deadlines/london-date";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { getEvidenceForActor } from "./evidence-access";
import { portalEvidencePath, staffEvidencePath, tellAboutEvidence } from "./evidence-recipients";
import { CONFIDENTIALITY_LABELS, NON_CONFIDENTIAL_RULE_ID, nonConfidentialDeadlineLabel } from "./evidence-rules";

export const DecideChallengeInput = z.object({
  challengeId: z.string().min(1, "The confidentiality challenge could not be found."),
  outcome: z.enum(["upheld", "rejected"], { error: "Select whether the confidentiality claim stands" }),
  reasons: z.string({ error: "Enter the reasons for your decision" }).trim().min(1, "Enter the reasons for your decision").max(5000, "Reasons must be 5000 characters or fewer"),
});

/**
 * A caseworker decides a confidentiality challenge. Upheld: the claim stands and the item keeps its
 * level. Rejected: the filer must provide a public version, so the non-confidential-version clock
 * for the item starts (unless one is already running). Both sides are told, by email too.
 */
export function decideChallenge(ctx: Ctx, input: z.input<typeof DecideChallengeInput>): { evidenceId: string; caseId: string; dueOn: string | null } {
  requirePermission(ctx.actor, "evidence.review");
  const actor = ctx.actor;
  const { challengeId, outcome, reasons } = parseInput(DecideChallengeInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const challenge = tx.select().from(confidentialityChallenges).where(eq(confidentialityChallenges.id, challengeId)).get();
    if (!challenge) throw new DomainError("not_found", "The challenge could not be found.");
    const { item, case: caseRow } = getEvidenceForActor(ctx, challenge.evidenceId, tx);
    requireConflictClearance(tx, actor, caseRow);
    const at = ctx.now.toISOString();
    const changed = tx
      .update(confidentialityChallenges)
      .set({ status: outcome, decidedBy: actor.id, decidedAt: at, decisionReasons: reasons })
      .where(and(eq(confidentialityChallenges.id, challengeId), eq(confidentialityChallenges.status, "open")))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", "This challenge has already been decided. Reload the page to see the outcome.");
    recordAudit(tx, ctx, {
      action: outcome === "upheld" ? "evidence.challenge_upheld" : "evidence.challenge_rejected",
      caseId: item.caseId,
      subject: `evidence:${item.id}`,
      data: { challengeId, exhibitNumber: item.exhibitNumber, challengerSide: challenge.challengerSide, reasons },
    });

    let dueOn: string | null = null;
    if (outcome === "rejected") {
      const running = tx
        .select({ dueOn: deadlines.dueOn })
        .from(deadlines)
        .where(and(eq(deadlines.caseId, item.caseId), eq(deadlines.subjectId, item.id), eq(deadlines.ruleId, NON_CONFIDENTIAL_RULE_ID), inArray(deadlines.status, ["running", "stopped"])))
        .get();
      dueOn =
        running?.dueOn ??
        startDeadline(tx, ctx, {
          caseId: item.caseId,
          ruleId: NON_CONFIDENTIAL_RULE_ID,
          startOn: londonDateOf(ctx.now),
          reason: `Confidentiality challenge to ${item.exhibitNumber} decided: claim rejected`,
          subjectId: item.id,
          label: nonConfidentialDeadlineLabel(item.exhibitNumber),
        }).dueOn;
    }

    const level = CONFIDENTIALITY_LABELS[item.confidentiality].toLowerCase();
    const decision =
      outcome === "upheld"
        ? `The regulator has upheld the claim that ${item.exhibitNumber} is ${level}: it stays ${level}.`
        : `The regulator has rejected the claim that ${item.exhibitNumber} is ${level}. The ${item.filingSide} must file a non-confidential version by ${dueOn}.`;
    const notice = {
      caseId: item.caseId,
      reference: caseRow.reference,
      kind: "evidence.challenge_decided",
      title: `Confidentiality challenge to ${item.exhibitNumber} decided`,
      body: `${decision} Reasons: ${reasons}`,
      staffLink: staffEvidencePath(item.caseId, item.id),
      email: true,
    };
    tellAboutEvidence(tx, ctx, { sides: [item.filingSide] }, { ...notice, portalLink: portalEvidencePath(item.caseId, item.id) });
    // The challenger may not be able to open a restricted item, so their link is to the case.
    tellAboutEvidence(tx, ctx, { sides: [challenge.challengerSide] }, { ...notice, portalLink: `/portal/cases/${item.caseId}` });
    return { evidenceId: item.id, caseId: item.caseId, dueOn };
  });
}
