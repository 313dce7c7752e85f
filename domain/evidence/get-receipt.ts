import { eq, inArray, sql } from "drizzle-orm";
import { evidence, evidenceSubmissions, users } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { getCaseForActor } from "../access/case-access";
import { requireActor } from "../access/permissions";
import { DomainError } from "../errors";
import { MAX_ITEMS_PER_SUBMISSION } from "./submit-evidence";
import type { EvidenceReceipt } from "./receipt-text";

const receiptNotFound = () => new DomainError("not_found", "The receipt could not be found.");

/**
 * A submission's receipt, for the filer, colleagues acting for the same side, or regulator staff;
 * anyone else (including the other side) gets `not_found`. Passing `caseId` also requires the
 * submission to belong to that case, so a receipt is reachable only under its own case's address.
 * It records what arrived, so it lists every file as received, whatever has happened to it since.
 */
export function getReceipt(ctx: Pick<Ctx, "db" | "actor">, submissionId: string, caseId?: string): EvidenceReceipt {
  requireActor(ctx.actor);
  const submission = ctx.db
    .select({ id: evidenceSubmissions.id, caseId: evidenceSubmissions.caseId, filingSide: evidenceSubmissions.filingSide, filedBy: evidenceSubmissions.filedBy, submittedAt: evidenceSubmissions.submittedAt, filedByName: users.name })
    .from(evidenceSubmissions)
    .innerJoin(users, eq(users.id, evidenceSubmissions.filedBy))
    .where(eq(evidenceSubmissions.id, submissionId))
    .get();
  if (!submission || (caseId !== undefined && submission.caseId !== caseId)) throw receiptNotFound();
  let access;
  try {
    access = getCaseForActor(ctx, submission.caseId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw receiptNotFound();
    throw error;
  }
  const mayRead = isStaff(ctx.actor) || (ctx.actor.role === "party" && (submission.filedBy === ctx.actor.id || (access.sides as string[]).includes(submission.filingSide)));
  if (!mayRead) throw receiptNotFound();

  const items = ctx.db
    .select()
    .from(evidence)
    .where(eq(evidence.submissionId, submission.id))
    .orderBy(sql`${evidence}.rowid`)
    .limit(MAX_ITEMS_PER_SUBMISSION)
    .all();
  const replacedIds = [...new Set(items.flatMap((item) => [item.supersedesId, item.nonConfidentialVersionOfId]).filter((id): id is string => id !== null))];
  const exhibitOf = new Map(
    replacedIds.length === 0 ? [] : ctx.db.select({ id: evidence.id, exhibitNumber: evidence.exhibitNumber }).from(evidence).where(inArray(evidence.id, replacedIds)).all().map((row) => [row.id, row.exhibitNumber]),
  );
  return {
    submissionId: submission.id,
    caseId: submission.caseId,
    caseReference: access.case.reference,
    caseTitle: access.case.title,
    filingSide: submission.filingSide,
    filedById: submission.filedBy,
    filedByName: submission.filedByName,
    submittedAt: submission.submittedAt,
    items: items.map((item) => ({
      evidenceId: item.id,
      exhibitNumber: item.exhibitNumber,
      title: item.title,
      description: item.description,
      originalFilename: item.originalFilename,
      sizeBytes: item.sizeBytes,
      contentType: item.contentType,
      sha256: item.sha256,
      confidentiality: item.confidentiality,
      receivedAt: item.receivedAt,
      replaces: item.supersedesId
        ? `Corrected version of ${exhibitOf.get(item.supersedesId) ?? "an earlier item"}`
        : item.nonConfidentialVersionOfId
          ? `Non-confidential version of ${exhibitOf.get(item.nonConfidentialVersionOfId) ?? "an earlier item"}`
          : null,
    })),
  };
}
