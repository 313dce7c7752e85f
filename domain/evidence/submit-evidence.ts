import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { CONFIDENTIALITY_LEVELS, cases, deadlines, evidence, evidenceSubmissions, uploadSessions, type Confidentiality, type FilingSide } from "@/db/schema";
import { absoluteUrl, type Actor, type Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { closeDeadline, meetOrMissDeadline, startDeadline } from "../deadlines/case-clock";
import { londonDateOf } from "../deadlines/london-date";
import { DomainError, parseInput } from "../errors";
import { newId } from "../ids";
import { queueMail } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import { FILING_SIDE_NAME } from "./confidentiality";
import { caseStaff, tellAboutEvidence } from "./evidence-recipients";
import { NON_CONFIDENTIAL_RULE_ID, nonConfidentialDeadlineLabel } from "./evidence-rules";
import { allocateExhibitNumber } from "./exhibit-number";
import { requireFilingSide } from "./filing-side";
import { receiptAsText, type EvidenceReceipt, type ReceiptItem } from "./receipt-text";
import { requireReplaceable, type EvidenceRow, type Replacement } from "./replaceable";
import { getCompletedUploadForActor } from "./uploads";

export const MAX_ITEMS_PER_SUBMISSION = 50;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const EvidenceItemInput = z.object({
  uploadId: z.string({ error: "Upload this file again" }).trim().min(1, "Upload this file again"),
  title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(MAX_TITLE_LENGTH, `The title must be ${MAX_TITLE_LENGTH} characters or fewer`),
  description: z
    .string()
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, `The description must be ${MAX_DESCRIPTION_LENGTH.toLocaleString("en-GB")} characters or fewer`)
    .default(""),
});

export const SubmitEvidenceInput = z
  .object({
    caseId: z.string().min(1, "The case could not be found."),
    /** Optional only for a corrected version (it keeps the old item's level) or a non-confidential version (public). */
    confidentiality: z.preprocess(blankToUndefined, z.enum(CONFIDENTIALITY_LEVELS, { error: "Select who may see these files" }).optional()),
    supersedesId: z.preprocess(blankToUndefined, z.string().trim().min(1, "The item this corrects could not be found.").optional()),
    nonConfidentialVersionOfId: z.preprocess(blankToUndefined, z.string().trim().min(1, "The confidential item this is a version of could not be found.").optional()),
    items: z
      .array(EvidenceItemInput, { error: "Upload at least one file" })
      .min(1, "Upload at least one file")
      .max(MAX_ITEMS_PER_SUBMISSION, `Submit ${MAX_ITEMS_PER_SUBMISSION} files or fewer at a time`),
  })
  // The rules that tie fields together, checked alongside the fields so every problem shows at once.
  .superRefine((input, ctx) => {
    const replacing = input.supersedesId ? "supersedes" : input.nonConfidentialVersionOfId ? "nonConfidentialVersionOf" : null;
    if (input.supersedesId && input.nonConfidentialVersionOfId) {
      ctx.addIssue({ code: "custom", path: [], message: "A filing can correct an item or stand in for a confidential one, not both" });
    }
    if (replacing && input.items.length > 1) {
      ctx.addIssue({ code: "custom", path: ["items"], message: replacing === "supersedes" ? "Upload one file only: a corrected version replaces one item" : "Upload one file only: a non-confidential version stands in for one item" });
    }
    const seen = new Set<string>();
    input.items.forEach((item, index) => {
      if (seen.has(item.uploadId)) ctx.addIssue({ code: "custom", path: ["items", index, "uploadId"], message: "This file is listed twice. Remove one of them" });
      seen.add(item.uploadId);
    });
    if (!input.confidentiality && !replacing) ctx.addIssue({ code: "custom", path: ["confidentiality"], message: "Select who may see these files" });
    if (replacing === "nonConfidentialVersionOf" && input.confidentiality && input.confidentiality !== "public") {
      ctx.addIssue({ code: "custom", path: ["confidentiality"], message: "A non-confidential version must be public" });
    }
  });

export type SubmitEvidenceInputType = z.input<typeof SubmitEvidenceInput>;

export interface SubmitEvidenceResult {
  submissionId: string;
  exhibitNumbers: string[];
}

type CompletedUpload = ReturnType<typeof getCompletedUploadForActor>;

/**
 * Files one or more completed uploads as evidence on a case, in one transaction: a submission (the
 * unit a receipt covers), an evidence item per file with the next exhibit number for the filer's
 * side, each upload marked used, and the audit trail. A party's confidential filing starts its
 * non-confidential-version clock; a public version of a confidential item meets that clock; a
 * corrected version supersedes the item it corrects. The regulator and the other side (for what
 * they may see) are notified, and the filer is emailed a receipt.
 */
export function submitEvidence(ctx: Ctx, input: SubmitEvidenceInputType): SubmitEvidenceResult {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const parsed = parseInput(SubmitEvidenceInput, input);
  const { caseId, items } = parsed;
  const replacement = replacementFrom(parsed);

  return writeTransaction(ctx.db, (tx) => {
    const side = requireFilingSide(ctx, caseId, tx);
    const caseRow = tx.select({ reference: cases.reference, title: cases.title, assignedTo: cases.assignedTo }).from(cases).where(eq(cases.id, caseId)).get();
    if (!caseRow) throw new DomainError("not_found", "The case could not be found.");
    const replaced = replacement ? requireReplaceable(tx, caseId, side, replacement) : null;
    const confidentiality: Confidentiality = parsed.confidentiality ?? (replacement?.kind === "supersedes" && replaced ? replaced.confidentiality : "public");
    const uploads = items.map((item, index) => completedUploadFor(tx, ctx, caseId, item.uploadId, index));

    const submissionId = newId();
    const at = ctx.now.toISOString();
    tx.insert(evidenceSubmissions).values({ id: submissionId, caseId, filingSide: side, filedBy: actor.id, submittedAt: at }).run();

    const filed: ReceiptItem[] = items.map((item, index) => {
      const upload = uploads[index]!;
      const id = newId();
      const exhibitNumber = allocateExhibitNumber(tx, caseId, side);
      const row = {
        id,
        caseId,
        filingSide: side,
        filedBy: actor.id,
        submissionId,
        exhibitNumber,
        title: item.title,
        description: item.description,
        originalFilename: upload.originalFilename,
        sizeBytes: upload.sizeBytes,
        contentType: upload.contentType,
        sha256: upload.sha256,
        confidentiality,
        status: "received" as const,
        supersedesId: replacement?.kind === "supersedes" ? replacement.evidenceId : null,
        nonConfidentialVersionOfId: replacement?.kind === "nonConfidentialVersionOf" ? replacement.evidenceId : null,
        receivedAt: at,
      };
      tx.insert(evidence).values(row).run();
      const used = tx
        .update(uploadSessions)
        .set({ evidenceId: id })
        .where(and(eq(uploadSessions.id, upload.id), isNull(uploadSessions.evidenceId), isNull(uploadSessions.refusedReason)))
        .run().changes;
      if (used === 0) throw uploadNotFound(index);
      recordAudit(tx, ctx, {
        action: "evidence.filed",
        caseId,
        subject: `evidence:${id}`,
        data: {
          submissionId,
          uploadId: upload.id,
          exhibitNumber,
          filingSide: side,
          title: item.title,
          originalFilename: upload.originalFilename,
          sha256: upload.sha256,
          sizeBytes: upload.sizeBytes,
          contentType: upload.contentType,
          confidentiality,
          supersedesId: row.supersedesId,
          nonConfidentialVersionOfId: row.nonConfidentialVersionOfId,
        },
      });
      // The regulator's own filings carry no such duty: it decides what is published.
      if (side !== "regulator" && confidentiality !== "public") {
        startDeadline(tx, ctx, {
          caseId,
          ruleId: NON_CONFIDENTIAL_RULE_ID,
          startOn: londonDateOf(ctx.now),
          reason: `Confidential evidence ${exhibitNumber} filed`,
          subjectId: id,
          label: nonConfidentialDeadlineLabel(exhibitNumber),
        });
      }
      return {
        evidenceId: id,
        exhibitNumber,
        title: item.title,
        description: item.description,
        originalFilename: upload.originalFilename,
        sizeBytes: upload.sizeBytes,
        contentType: upload.contentType,
        sha256: upload.sha256,
        confidentiality,
        receivedAt: at,
        replaces: replaced ? `${replacement?.kind === "supersedes" ? "Corrected version" : "Non-confidential version"} of ${replaced.exhibitNumber}` : null,
      };
    });

    if (replaced && replacement) applyReplacement(tx, ctx, replaced, replacement, filed[0]!);

    recordAudit(tx, ctx, {
      action: "evidence.submission",
      caseId,
      subject: `evidence-submission:${submissionId}`,
      data: { filingSide: side, confidentiality, exhibits: filed.map((item) => item.exhibitNumber), evidenceIds: filed.map((item) => item.evidenceId) },
    });

    const receipt: EvidenceReceipt = { submissionId, caseId, caseReference: caseRow.reference, caseTitle: caseRow.title, filingSide: side, filedById: actor.id, filedByName: actor.name, submittedAt: at, items: filed };
    tellAboutFiling(tx, ctx, actor, caseRow, receipt);
    queueReceiptMail(tx, ctx, actor, receipt);
    return { submissionId, exhibitNumbers: filed.map((item) => item.exhibitNumber) };
  });
}

function replacementFrom(input: { supersedesId?: string; nonConfidentialVersionOfId?: string }): Replacement | null {
  if (input.supersedesId) return { kind: "supersedes", evidenceId: input.supersedesId };
  if (input.nonConfidentialVersionOfId) return { kind: "nonConfidentialVersionOf", evidenceId: input.nonConfidentialVersionOfId };
  return null;
}

const uploadNotFound = (index: number) => {
  const message = "This file could not be found. It may have been submitted already or removed. Remove it and upload it again";
  return new DomainError("not_found", "One of the files could not be found. It may have been submitted already or removed.", { [`items.${index}.uploadId`]: message });
};

/**
 * The actor's own finished upload for this case, accepted by the sniffer and not yet used: any
 * other upload is `not_found` (naming the file it is about), so an upload id learnt elsewhere is worth nothing.
 */
function completedUploadFor(tx: DbOrTx, ctx: Ctx, caseId: string, uploadId: string, index: number): CompletedUpload {
  let upload: CompletedUpload;
  try {
    upload = getCompletedUploadForActor(ctx, uploadId, tx);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw uploadNotFound(index);
    throw error;
  }
  if (upload.caseId !== caseId || upload.purpose !== "evidence") throw uploadNotFound(index);
  return upload;
}

function liveNonConfidentialDeadlines(tx: DbOrTx, evidenceId: string) {
  return tx
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.subjectId, evidenceId), eq(deadlines.ruleId, NON_CONFIDENTIAL_RULE_ID), inArray(deadlines.status, ["running", "stopped"])))
    .all();
}

/**
 * A corrected version supersedes the old item (both kept, linked), whose own non-confidential
 * clock no longer applies: the correction carries its own. A non-confidential version meets the
 * clock of the item it stands in for.
 */
function applyReplacement(tx: DbOrTx, ctx: Ctx, replaced: EvidenceRow, replacement: Replacement, newItem: ReceiptItem): void {
  if (replacement.kind === "supersedes") {
    const changed = tx
      .update(evidence)
      .set({ status: "superseded" })
      .where(and(eq(evidence.id, replaced.id), eq(evidence.status, replaced.status)))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", `${replaced.exhibitNumber} has changed since you opened the page. Reload the page and try again.`);
    recordAudit(tx, ctx, {
      action: "evidence.superseded",
      caseId: replaced.caseId,
      subject: `evidence:${replaced.id}`,
      data: { exhibitNumber: replaced.exhibitNumber, previousStatus: replaced.status, supersededBy: newItem.evidenceId, supersededByExhibit: newItem.exhibitNumber },
    });
    for (const deadline of liveNonConfidentialDeadlines(tx, replaced.id)) closeDeadline(tx, ctx, deadline, "cancelled", `${replaced.exhibitNumber} replaced by corrected version ${newItem.exhibitNumber}`);
    return;
  }
  recordAudit(tx, ctx, {
    action: "evidence.non_confidential_version_filed",
    caseId: replaced.caseId,
    subject: `evidence:${replaced.id}`,
    data: { exhibitNumber: replaced.exhibitNumber, versionId: newItem.evidenceId, versionExhibit: newItem.exhibitNumber },
  });
  for (const deadline of liveNonConfidentialDeadlines(tx, replaced.id)) meetOrMissDeadline(tx, ctx, deadline, `Non-confidential version ${newItem.exhibitNumber} filed`);
}

const listing = (items: ReceiptItem[]) => items.map((item) => `${item.exhibitNumber}: ${item.title}`).join("\n");
const itemCount = (n: number) => (n === 1 ? "1 item" : `${n} items`);

const OTHER_SIDES: Record<FilingSide, FilingSide[]> = { complainant: ["respondent"], respondent: ["complainant"], regulator: ["complainant", "respondent"], amicus: ["complainant", "respondent"] };

/**
 * The case's caseworker (or all staff, if nobody has it) hears of every filing; the other side
 * only of what it may open, so a restricted filing stays between its side and the regulator.
 */
function tellAboutFiling(tx: DbOrTx, ctx: Ctx, actor: Actor, caseRow: { reference: string | null; assignedTo: string | null }, receipt: EvidenceReceipt): void {
  const otherSideMaySee = receipt.items.every((item) => item.confidentiality !== "restricted");
  tellAboutEvidence(
    tx,
    ctx,
    { staff: caseStaff(tx, caseRow.assignedTo), sides: otherSideMaySee ? OTHER_SIDES[receipt.filingSide] : [] },
    {
      caseId: receipt.caseId,
      reference: caseRow.reference,
      kind: "evidence.filed",
      title: "Evidence filed",
      body: `${actor.name}, for ${FILING_SIDE_NAME[receipt.filingSide]}, filed ${itemCount(receipt.items.length)}:\n${listing(receipt.items)}`,
      staffLink: `/cases/${receipt.caseId}`,
      portalLink: `/portal/cases/${receipt.caseId}`,
    },
  );
}

/** Receipt path for the filer: staff and parties read it in their own part of the service. */
export function receiptPath(actor: Pick<Actor, "role">, caseId: string, submissionId: string): string {
  const base = actor.role === "party" ? "/portal/cases" : "/cases";
  return `${base}/${caseId}/evidence/receipts/${submissionId}`;
}

/** The filer's copy of the receipt, sent once the filing commits (the caller flushes the outbox). */
function queueReceiptMail(tx: DbOrTx, ctx: Ctx, actor: Actor, receipt: EvidenceReceipt): void {
  const link = absoluteUrl(ctx.config, receiptPath(actor, receipt.caseId, receipt.submissionId));
  queueMail(tx, ctx, {
    to: actor.email,
    subject: `${receipt.caseReference ?? "Your case"}: evidence received (${receipt.items.map((item) => item.exhibitNumber).join(", ")})`,
    body: `Dear ${actor.name},\n\nWe have received your evidence. Keep this receipt: it lists every file with the SHA-256 hash we computed when it arrived.\n\nYou can also see the receipt online: ${link}\n\n${receiptAsText(receipt)}\nIntellectual Property Regulator`,
  });
}
