import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { confidentialityChallenges, type FilingSide } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";
import { getEvidenceListingForActor } from "./evidence-access";
import { caseStaff, portalEvidencePath, staffEvidencePath, tellAboutEvidence } from "./evidence-recipients";
import { CONFIDENTIALITY_LABELS, mayChallengeConfidentiality, OPPOSING_PARTY } from "./evidence-rules";

export const ChallengeConfidentialityInput = z.object({
  evidenceId: z.string().min(1, "The evidence could not be found."),
  reasons: z
    .string({ error: "Enter why this item should not be confidential" })
    .trim()
    .min(1, "Enter why this item should not be confidential")
    .max(5000, "Reasons must be 5000 characters or fewer"),
});

/**
 * The other party disputes the filer's confidentiality claim on an item, with reasons, for a
 * caseworker to decide. It works on a restricted item the challenger may only know exists, and
 * reveals nothing more of it. One challenge per item is open at a time.
 */
export function challengeConfidentiality(ctx: Ctx, input: z.input<typeof ChallengeConfidentialityInput>): { challengeId: string; caseId: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { evidenceId, reasons } = parseInput(ChallengeConfidentialityInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { item, case: caseRow, sides } = getEvidenceListingForActor(ctx, evidenceId, tx);
    if (!mayChallengeConfidentiality(actor, sides, item)) {
      if (item.confidentiality === "public") throw new DomainError("conflict", `${item.exhibitNumber} is already public.`);
      throw new DomainError("forbidden", `Only the other party can challenge the confidentiality of ${item.exhibitNumber}, while it is in use as evidence.`);
    }
    const open = tx
      .select({ id: confidentialityChallenges.id })
      .from(confidentialityChallenges)
      .where(and(eq(confidentialityChallenges.evidenceId, item.id), eq(confidentialityChallenges.status, "open")))
      .get();
    if (open) throw new DomainError("conflict", `The confidentiality of ${item.exhibitNumber} is already being challenged. The regulator will decide that challenge first.`);
    const challengerSide = OPPOSING_PARTY[item.filingSide]!;
    const challengeId = newId();
    tx.insert(confidentialityChallenges)
      .values({ id: challengeId, evidenceId: item.id, caseId: item.caseId, challengedBy: actor.id, challengerSide, reasons, status: "open", createdAt: ctx.now.toISOString() })
      .run();
    recordAudit(tx, ctx, {
      action: "evidence.confidentiality_challenged",
      caseId: item.caseId,
      subject: `evidence:${item.id}`,
      data: { challengeId, exhibitNumber: item.exhibitNumber, confidentiality: item.confidentiality, challengerSide, reasons },
    });
    const level = CONFIDENTIALITY_LABELS[item.confidentiality].toLowerCase();
    tellAboutEvidence(
      tx,
      ctx,
      { staff: caseStaff(tx, caseRow.assignedTo), sides: [item.filingSide] },
      {
        caseId: item.caseId,
        reference: caseRow.reference,
        kind: "evidence.confidentiality_challenged",
        title: `Confidentiality of ${item.exhibitNumber} challenged`,
        body: `The ${challengerSide} challenges the claim that ${item.exhibitNumber} is ${level}. The regulator will decide. Reasons: ${reasons}`,
        staffLink: staffEvidencePath(item.caseId, item.id),
        portalLink: portalEvidencePath(item.caseId, item.id),
        email: true,
      },
    );
    return { challengeId, caseId: item.caseId };
  });
}

export interface ChallengeTarget {
  caseReference: string | null;
  exhibitNumber: string;
  /** Null when the challenger may only know the item exists. */
  title: string | null;
  filingSide: FilingSide;
  confidentiality: "public" | "parties" | "restricted";
  receivedAt: string;
  /** Whether the viewer may challenge it now (the page shows why not otherwise). */
  canChallenge: boolean;
  challengeOpen: boolean;
}

/** What the challenge page may show about an item: for a restricted item, only what its listing shows. */
export function getChallengeTarget(ctx: Ctx, caseId: string, evidenceId: string): ChallengeTarget {
  const { item, case: caseRow, sides, level } = getEvidenceListingForActor(ctx, evidenceId);
  if (item.caseId !== caseId) throw new DomainError("not_found", "The evidence could not be found.");
  const challengeOpen =
    ctx.db
      .select({ id: confidentialityChallenges.id })
      .from(confidentialityChallenges)
      .where(and(eq(confidentialityChallenges.evidenceId, item.id), eq(confidentialityChallenges.status, "open")))
      .get() !== undefined;
  return {
    caseReference: caseRow.reference,
    exhibitNumber: item.exhibitNumber,
    title: level === "full" ? item.title : null,
    filingSide: item.filingSide,
    confidentiality: item.confidentiality,
    receivedAt: item.receivedAt,
    canChallenge: !challengeOpen && mayChallengeConfidentiality(ctx.actor, sides, item),
    challengeOpen,
  };
}
