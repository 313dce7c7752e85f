import { and, asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { confidentialityChallenges, deadlines, evidence, users, type FilingSide } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { evidenceAccessLevel, type CaseRow } from "../access/case-access";
import { hasPermission } from "../access/permissions";
import { conflictBlock } from "../cases/conflict-clearance";
import { DomainError } from "../errors";
import { writeTransaction } from "../transaction";
import { recordAudit } from "../audit/record";
import { filingSideFor, getEvidenceForActor } from "./evidence-access";
import { listCustodyLog, type CustodyEntry } from "./custody-log";
import { mayChallengeConfidentiality, mayFileVersionOf, mayReviewEvidence, mayWithdrawEvidence, NON_CONFIDENTIAL_RULE_ID, visibilityFacts, type EvidenceRow } from "./evidence-rules";

/** Another item this one is linked to; `id` only when the viewer may open it. */
export interface LinkedItem {
  exhibitNumber: string;
  id: string | null;
}

export interface ChallengeView {
  id: string;
  status: "open" | "upheld" | "rejected";
  challengerSide: FilingSide;
  challengerName: string;
  reasons: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReasons: string | null;
}

export interface EvidenceItemView {
  item: EvidenceRow;
  case: Pick<CaseRow, "id" | "reference" | "title" | "status">;
  filerName: string;
  reviewerName: string | null;
  withdrawnByName: string | null;
  supersedes: LinkedItem | null;
  supersededBy: LinkedItem[];
  nonConfidentialVersionOf: LinkedItem | null;
  nonConfidentialVersions: LinkedItem[];
  /** The running (or stopped) clock for the filer's public version of this item. */
  nonConfidentialDeadline: { dueOn: string; status: "running" | "stopped"; label: string } | null;
  challenges: ChallengeView[];
  custody: { entries: CustodyEntry[]; truncated: boolean };
  /** What this viewer may do with the item now. */
  can: {
    withdraw: boolean;
    review: boolean;
    challenge: boolean;
    decideChallenge: string | null;
    uploadCorrection: boolean;
    uploadNonConfidential: boolean;
  };
}

/** Everything the item page shows, for someone who may see the item; `not_found` otherwise, or if it is not on this case. */
export function getEvidenceItem(ctx: Ctx, caseId: string, evidenceId: string): EvidenceItemView {
  const { item, case: caseRow, sides } = getEvidenceForActor(ctx, evidenceId);
  if (item.caseId !== caseId) throw new DomainError("not_found", "The evidence could not be found.");
  const staff = isStaff(ctx.actor);
  const linked = (row: Pick<EvidenceRow, "id" | "exhibitNumber" | "confidentiality" | "filingSide" | "status">): LinkedItem | null => {
    const level = evidenceAccessLevel(ctx.actor, sides, visibilityFacts(row, caseRow));
    return level === "none" ? null : { exhibitNumber: row.exhibitNumber, id: level === "full" ? row.id : null };
  };

  const filer = alias(users, "filer");
  const reviewer = alias(users, "reviewer");
  const withdrawer = alias(users, "withdrawer");
  const names = ctx.db
    .select({ filer: filer.name, reviewer: reviewer.name, withdrawer: withdrawer.name })
    .from(evidence)
    .innerJoin(filer, eq(filer.id, evidence.filedBy))
    .leftJoin(reviewer, eq(reviewer.id, evidence.reviewedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, evidence.withdrawnBy))
    .where(eq(evidence.id, item.id))
    .get();

  const related = ctx.db
    .select()
    .from(evidence)
    .where(
      and(
        eq(evidence.caseId, caseId),
        or(
          inArray(evidence.id, [item.supersedesId, item.nonConfidentialVersionOfId].filter((id): id is string => id !== null)),
          eq(evidence.supersedesId, item.id),
          eq(evidence.nonConfidentialVersionOfId, item.id),
        ),
      ),
    )
    .orderBy(asc(evidence.receivedAt))
    .limit(100)
    .all();
  const one = (id: string | null) => {
    const row = id ? related.find((r) => r.id === id) : undefined;
    return row ? linked(row) : null;
  };
  const many = (match: (row: EvidenceRow) => boolean) => related.filter(match).map(linked).filter((l): l is LinkedItem => l !== null);

  const deadline = ctx.db
    .select({ dueOn: deadlines.dueOn, status: deadlines.status, label: deadlines.label })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), eq(deadlines.subjectId, item.id), eq(deadlines.ruleId, NON_CONFIDENTIAL_RULE_ID), inArray(deadlines.status, ["running", "stopped"])))
    .limit(1)
    .get();

  const challenger = alias(users, "challenger");
  const decider = alias(users, "decider");
  const challenges = ctx.db
    .select({ challenge: confidentialityChallenges, challengerName: challenger.name, decidedByName: decider.name })
    .from(confidentialityChallenges)
    .innerJoin(challenger, eq(challenger.id, confidentialityChallenges.challengedBy))
    .leftJoin(decider, eq(decider.id, confidentialityChallenges.decidedBy))
    .where(eq(confidentialityChallenges.evidenceId, item.id))
    .orderBy(asc(confidentialityChallenges.createdAt))
    .limit(50)
    .all()
    .map(({ challenge, challengerName, decidedByName }) => ({
      id: challenge.id,
      status: challenge.status,
      challengerSide: challenge.challengerSide,
      challengerName,
      reasons: challenge.reasons,
      createdAt: challenge.createdAt,
      decidedByName,
      decidedAt: challenge.decidedAt,
      decisionReasons: challenge.decisionReasons,
    }));
  const openChallenge = challenges.find((c) => c.status === "open");
  const filingSide = filingSideFor(ctx, caseId);
  const cleared = conflictBlock(ctx.db, ctx.actor, caseRow) === null;

  return {
    item,
    case: { id: caseRow.id, reference: caseRow.reference, title: caseRow.title, status: caseRow.status },
    filerName: names?.filer ?? "Unknown",
    reviewerName: names?.reviewer ?? null,
    withdrawnByName: names?.withdrawer ?? null,
    supersedes: one(item.supersedesId),
    supersededBy: many((row) => row.supersedesId === item.id),
    nonConfidentialVersionOf: one(item.nonConfidentialVersionOfId),
    nonConfidentialVersions: many((row) => row.nonConfidentialVersionOfId === item.id),
    nonConfidentialDeadline: deadline && (deadline.status === "running" || deadline.status === "stopped") ? { dueOn: deadline.dueOn, status: deadline.status, label: deadline.label } : null,
    challenges,
    custody: listCustodyLog(ctx.db, item, { staff }),
    can: {
      withdraw: mayWithdrawEvidence(ctx.actor, sides, item, caseRow.status),
      review: mayReviewEvidence(ctx.actor, item) && cleared,
      challenge: !openChallenge && mayChallengeConfidentiality(ctx.actor, sides, item),
      decideChallenge: openChallenge && cleared && hasPermission(ctx.actor, "evidence.review") ? openChallenge.id : null,
      uploadCorrection: mayFileVersionOf(filingSide, item),
      uploadNonConfidential: item.confidentiality !== "public" && mayFileVersionOf(filingSide, item),
    },
  };
}

/**
 * Records that the actor opened the item's page, in the chain of custody. A write on a read, kept
 * to one permission check and one audit row.
 */
export function recordEvidenceView(ctx: Ctx, evidenceId: string, caseId?: string): void {
  writeTransaction(ctx.db, (tx) => {
    const { item } = getEvidenceForActor(ctx, evidenceId, tx);
    if (caseId !== undefined && item.caseId !== caseId) throw new DomainError("not_found", "The evidence could not be found.");
    recordAudit(tx, ctx, { action: "evidence.viewed", caseId: item.caseId, subject: `evidence:${item.id}`, data: { exhibitNumber: item.exhibitNumber } });
  });
}
