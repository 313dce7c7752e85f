import type { CaseStatus, FilingSide, PartyRole } from "@/db/schema";
import type { evidence } from "@/db/schema";
import type { Actor } from "../context";
import { hasPermission } from "../access/permissions";
import type { EvidenceVisibilityFacts } from "../access/case-access";

export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceStatus = EvidenceRow["status"];

/** The facts canSeeEvidence decides on, for a stored item on its case. */
export const visibilityFacts = (item: Pick<EvidenceRow, "confidentiality" | "filingSide" | "status">, caseRow: { publishedAt: string | null }): EvidenceVisibilityFacts => ({
  confidentiality: item.confidentiality,
  filingSide: item.filingSide,
  status: item.status,
  casePublished: caseRow.publishedAt !== null,
});

/** Items still "live": not replaced by a correction and not withdrawn. */
const LIVE: EvidenceStatus[] = ["received", "accepted", "rejected"];
const CASE_CLOSED: CaseStatus[] = ["draft", "closed", "withdrawn"];

/** The two sides of a dispute; interested parties and the regulator are on neither. */
export type DisputingSide = "complainant" | "respondent";
export const OPPOSING_PARTY: Partial<Record<FilingSide, DisputingSide>> = { complainant: "respondent", respondent: "complainant" };

/**
 * The filing side may withdraw its own item while the case is open; regulator staff who handle
 * evidence may withdraw any live item. A superseded item is already out of use, so it stays as it is.
 */
export function mayWithdrawEvidence(actor: Actor | null, sides: PartyRole[], item: Pick<EvidenceRow, "filingSide" | "status">, caseStatus: CaseStatus): boolean {
  if (!LIVE.includes(item.status)) return false;
  if (hasPermission(actor, "evidence.review")) return true;
  return actor?.role === "party" && item.filingSide !== "regulator" && (sides as string[]).includes(item.filingSide) && !CASE_CLOSED.includes(caseStatus);
}

/** Accepting or rejecting as evidence, or changing that review, while the item is live. */
export function mayReviewEvidence(actor: Actor | null, item: Pick<EvidenceRow, "status">): boolean {
  return hasPermission(actor, "evidence.review") && LIVE.includes(item.status);
}

/**
 * Only the other party to a party's confidential item may challenge the claim: the filer has
 * nothing to challenge, and the regulator decides challenges rather than making them.
 */
export function mayChallengeConfidentiality(actor: Actor | null, sides: PartyRole[], item: Pick<EvidenceRow, "filingSide" | "status" | "confidentiality">): boolean {
  if (actor?.role !== "party") return false;
  if (item.confidentiality === "public") return false;
  if (item.status !== "received" && item.status !== "accepted") return false;
  const opposing = OPPOSING_PARTY[item.filingSide];
  return opposing !== undefined && sides.includes(opposing) && !(sides as string[]).includes(item.filingSide);
}

/** A correction or a non-confidential version comes from the side that filed the item, while it is live. */
export function mayFileVersionOf(filingSide: FilingSide | null, item: Pick<EvidenceRow, "filingSide" | "status">): boolean {
  return filingSide !== null && filingSide === item.filingSide && LIVE.includes(item.status);
}

export const FILING_SIDE_LABELS: Record<FilingSide, string> = { complainant: "Complainant", respondent: "Respondent", regulator: "Regulator", amicus: "Amicus" };

export const CONFIDENTIALITY_LABELS: Record<EvidenceRow["confidentiality"], string> = { public: "Public", parties: "Parties only", restricted: "Restricted" };

export const EVIDENCE_STATUS_LABELS: Record<EvidenceStatus, string> = {
  received: "Received",
  accepted: "Accepted",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  superseded: "Superseded",
};

/** The clock a confidential item's filer must meet with a public version, named for the exhibit. */
export const NON_CONFIDENTIAL_RULE_ID = "non-confidential-version";
export const nonConfidentialDeadlineLabel = (exhibitNumber: string) => `Non-confidential version of ${exhibitNumber}`;
