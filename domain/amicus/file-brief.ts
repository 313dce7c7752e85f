import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { amicusApplications, cases, evidence, evidenceSubmissions, uploadSessions } from "@/db/schema";
import { absoluteUrl, type Actor, type Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { tellParties } from "../cases/tell-parties";
import { formatLongDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { dueDateForRule } from "../deadlines/rule-due-date";
import { DomainError, parseInput } from "../errors";
import type { BlobStore } from "../evidence/blob-store";
import { caseStaff, tellAboutEvidence } from "../evidence/evidence-recipients";
import { allocateExhibitNumber } from "../evidence/exhibit-number";
import { describeContentType } from "../evidence/sniff";
import { getCompletedUploadForActor } from "../evidence/uploads";
import { newId } from "../ids";
import { notifyUser } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import type { AmicusApplicationRow } from "./applications";
import { BRIEF_CONTENT_TYPES, formatWords, MAX_BRIEF_BYTES, overWordLimitMessage, requireBriefMayBeFiled } from "./brief-rules";
import { countDocumentWords } from "./word-count";

export const BRIEF_ACCEPTED_REASONS = "Filed within the terms of leave: on time and within the word limit.";
export const AMICUS_RESPONSE_RULE_ID = "amicus-response";

export const FileBriefInput = z.object({
  applicationId: z.string({ error: "The application could not be found." }).trim().min(1, "The application could not be found.").max(100, "The application could not be found."),
  uploadId: z.string({ error: "Upload your brief" }).trim().min(1, "Upload your brief").max(128, "Upload your brief"),
});

export interface FileBriefResult {
  evidenceId: string;
  exhibitNumber: string;
  words: number;
  limit: number;
}

type CompletedUpload = ReturnType<typeof getCompletedUploadForActor>;

const briefUploadNotFound = () => {
  const message = "Your brief could not be found. It may have been filed already or removed. Remove it and upload it again.";
  return new DomainError("not_found", message, { brief: message });
};

/** The applicant's own finished upload made for this application; anything else is `not_found`. */
function briefUploadFor(ctx: Pick<Ctx, "db" | "actor">, uploadId: string, applicationId: string, db: DbOrTx): CompletedUpload {
  let upload: CompletedUpload;
  try {
    upload = getCompletedUploadForActor(ctx, uploadId, db);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw briefUploadNotFound();
    throw error;
  }
  if (upload.purpose !== "amicus_brief" || upload.amicusApplicationId !== applicationId) throw briefUploadNotFound();
  return upload;
}

/**
 * Files the applicant's uploaded brief under their grant of leave. The brief must be a PDF or DOCX,
 * on time, and within the word limit as counted from the document's own text. A brief over the limit
 * (or whose words cannot be counted, or of the wrong type) is refused: the refusal is recorded on the
 * upload with an audit event, and nothing else is written. A brief within the terms is accepted for
 * the record in one transaction: the next A- exhibit, public, the application marked filed with the
 * parties' response deadline, and the parties, the regulator and the applicant told.
 */
export async function fileBrief(ctx: Ctx, input: z.input<typeof FileBriefInput>, blobs: BlobStore): Promise<FileBriefResult> {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { applicationId, uploadId } = parseInput(FileBriefInput, input);
  const { application, wordLimit } = requireBriefMayBeFiled(ctx, applicationId);
  const upload = briefUploadFor(ctx, uploadId, applicationId, ctx.db);

  if (!BRIEF_CONTENT_TYPES.has(upload.contentType)) {
    refuseBrief(ctx, application, upload, `A brief must be a PDF or Word (DOCX) document. This file is ${describeContentType(upload.contentType)}.`, {});
  }
  const counted = await withStoredCopy(blobs, upload, (file) => countDocumentWords(file, upload.contentType));
  if (!counted.ok) refuseBrief(ctx, application, upload, counted.reason, {});
  if (counted.words > wordLimit) refuseBrief(ctx, application, upload, overWordLimitMessage(counted.words, wordLimit), { words: counted.words, limit: wordLimit });

  return writeTransaction(ctx.db, (tx) => recordFiledBrief(tx, ctx, actor, applicationId, uploadId, counted.words));
}

/** Records why the brief was refused, in its own transaction, then throws it as the brief's field error. */
function refuseBrief(ctx: Ctx, application: AmicusApplicationRow, upload: CompletedUpload, reason: string, counts: { words?: number; limit?: number }): never {
  writeTransaction(ctx.db, (tx) => {
    const changed = tx
      .update(uploadSessions)
      .set({ refusedReason: reason })
      .where(and(eq(uploadSessions.id, upload.id), isNull(uploadSessions.refusedReason), isNull(uploadSessions.evidenceId)))
      .run().changes;
    if (changed === 0) throw briefUploadNotFound();
    recordAudit(tx, ctx, {
      action: "amicus.brief_refused",
      caseId: application.caseId,
      subject: `amicus_application:${application.id}`,
      data: { applicationId: application.id, uploadId: upload.id, filename: upload.originalFilename, sha256: upload.sha256, contentType: upload.contentType, reason, ...counts },
    });
  });
  throw new DomainError("invalid", reason, { brief: reason });
}

function recordFiledBrief(tx: DbOrTx, ctx: Ctx, actor: Actor, applicationId: string, uploadId: string, words: number): FileBriefResult {
  // Everything checked before the word count is checked again here: the count takes time, and
  // the deadline, the grant or the upload may have changed meanwhile (a second click, say).
  const { application, wordLimit } = requireBriefMayBeFiled(ctx, applicationId, { db: tx });
  const upload = briefUploadFor(ctx, uploadId, applicationId, tx);
  const caseId = application.caseId;
  const caseRow = tx.select({ reference: cases.reference, assignedTo: cases.assignedTo }).from(cases).where(eq(cases.id, caseId)).get();
  if (!caseRow) throw new DomainError("not_found", "The case could not be found.");

  const at = ctx.now.toISOString();
  const today = londonDateOf(ctx.now);
  const responseDueOn = dueDateForRule(tx, AMICUS_RESPONSE_RULE_ID, today, today).dueOn;
  const submissionId = newId();
  const evidenceId = newId();
  const exhibitNumber = allocateExhibitNumber(tx, caseId, "amicus");
  const title = `Amicus brief: ${application.applicantName}`;

  tx.insert(evidenceSubmissions).values({ id: submissionId, caseId, filingSide: "amicus", filedBy: actor.id, submittedAt: at }).run();
  tx.insert(evidence)
    .values({
      id: evidenceId,
      caseId,
      filingSide: "amicus",
      filedBy: actor.id,
      submissionId,
      exhibitNumber,
      title,
      description: `On behalf of ${application.represents}`,
      originalFilename: upload.originalFilename,
      sizeBytes: upload.sizeBytes,
      contentType: upload.contentType,
      sha256: upload.sha256,
      // A brief is filed to be read by everyone: it goes on the public register with its disclosures.
      confidentiality: "public",
      // Accepted by the terms of leave (on time, within the limit), not by a caseworker's review.
      status: "accepted",
      receivedAt: at,
      reviewReasons: BRIEF_ACCEPTED_REASONS,
      reviewedAt: at,
    })
    .run();
  const used = tx
    .update(uploadSessions)
    .set({ evidenceId })
    .where(and(eq(uploadSessions.id, upload.id), isNull(uploadSessions.evidenceId), isNull(uploadSessions.refusedReason)))
    .run().changes;
  if (used === 0) throw briefUploadNotFound();
  const filed = tx
    .update(amicusApplications)
    .set({ status: "brief_filed", briefEvidenceId: evidenceId, briefWordCount: words, briefFiledAt: at, responseDueOn })
    .where(and(eq(amicusApplications.id, applicationId), eq(amicusApplications.status, "granted")))
    .run().changes;
  if (filed === 0) throw new DomainError("conflict", "You have already filed your brief. Only one brief can be filed under each grant of leave.");

  recordAudit(tx, ctx, {
    action: "evidence.filed",
    caseId,
    subject: `evidence:${evidenceId}`,
    data: {
      submissionId,
      uploadId: upload.id,
      exhibitNumber,
      filingSide: "amicus",
      title,
      originalFilename: upload.originalFilename,
      sha256: upload.sha256,
      sizeBytes: upload.sizeBytes,
      contentType: upload.contentType,
      confidentiality: "public",
      applicationId,
    },
  });
  recordAudit(tx, ctx, { action: "evidence.accepted", caseId, subject: `evidence:${evidenceId}`, data: { exhibitNumber, previousStatus: "received", reasons: BRIEF_ACCEPTED_REASONS } });
  recordAudit(tx, ctx, {
    action: "amicus.brief_filed",
    caseId,
    subject: `amicus_application:${applicationId}`,
    // `briefEvidenceId`, not `evidenceId`: the item's chain of custody already has its own "Filed" entry.
    data: { applicationId, briefEvidenceId: evidenceId, exhibitNumber, words, limit: wordLimit, briefDueOn: application.briefDueOn, responseDueOn },
  });

  const respondBy = formatLongDate(responseDueOn);
  const wordsLine = `${formatWords(words)}; the limit was ${formatWords(wordLimit)}`;
  tellParties(tx, ctx, {
    caseId,
    reference: caseRow.reference,
    sides: ["complainant", "respondent"],
    kind: "amicus.brief_filed",
    title: "Amicus brief filed",
    body: `${application.applicantName}, on behalf of ${application.represents}, has filed an amicus brief as ${exhibitNumber} (${wordsLine}). It is on the public register with their disclosure statement.\n\nYou may respond to it by ${respondBy}.`,
  });
  tellAboutEvidence(
    tx,
    ctx,
    { staff: caseStaff(tx, caseRow.assignedTo) },
    {
      caseId,
      reference: caseRow.reference,
      kind: "amicus.brief_filed",
      title: "Amicus brief filed",
      body: `${application.applicantName}, on behalf of ${application.represents}, filed an amicus brief as ${exhibitNumber} (${wordsLine}). It was on time and within the word limit, so it is accepted for the record and on the public register. The parties may respond by ${respondBy}.`,
      staffLink: `/cases/${caseId}`,
      portalLink: `/portal/cases/${caseId}`,
    },
  );
  const link = `/portal/applications/${applicationId}`;
  const confirmation = `Your amicus brief on ${caseRow.reference ?? "the case"} has been filed as ${exhibitNumber} (${wordsLine}). It is on the public register with your disclosure statement, and the parties have been told. They may respond by ${respondBy}.`;
  notifyUser(tx, ctx, {
    userId: actor.id,
    caseId,
    kind: "amicus.brief_filed",
    title: "Your amicus brief has been filed",
    body: confirmation,
    link,
    email: {
      subject: `${caseRow.reference ?? "Your amicus brief"}: brief filed (${exhibitNumber})`,
      body: `Dear ${actor.name},\n\n${confirmation}\n\nKeep this as your receipt:\nExhibit: ${exhibitNumber}\nFile: ${upload.originalFilename}\nSHA-256: ${upload.sha256}\nFiled: ${at}\n\nSee your application: ${absoluteUrl(ctx.config, link)}\n\nIntellectual Property Regulator`,
    },
  });

  return { evidenceId, exhibitNumber, words, limit: wordLimit };
}

/**
 * The word counter reads a file, and the blob store offers only a stream (so that object storage can
 * stand in for the disk): copy the stored bytes to a private temp file, checking their hash and that
 * they are no larger than any brief may be, and remove it afterwards whatever happens.
 */
async function withStoredCopy<T>(blobs: BlobStore, upload: CompletedUpload, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ipc-brief-"));
  try {
    const file = path.join(dir, upload.contentType === "application/pdf" ? "brief.pdf" : "brief.docx");
    const hash = createHash("sha256");
    let size = 0;
    await pipeline(
      blobs.openRead(upload.sha256),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > MAX_BRIEF_BYTES) throw new Error(`Stored brief ${upload.sha256} is larger than any brief may be.`);
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(file, { flags: "wx", mode: 0o600 }),
    );
    if (hash.digest("hex") !== upload.sha256) throw new Error(`Stored brief ${upload.sha256} does not match its hash.`);
    return await work(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
