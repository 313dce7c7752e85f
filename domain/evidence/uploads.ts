import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { uploadSessions, type FilingSide } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { briefTooLargeMessage, isBriefFilename, MAX_BRIEF_BYTES, requireBriefMayBeFiled, wrongBriefExtensionMessage } from "../amicus/brief-rules";
import { formatBytes } from "./sniff";
import { requireFilingSide } from "./filing-side";

export type UploadSessionRow = typeof uploadSessions.$inferSelect;
export const UPLOAD_PURPOSES = ["evidence", "amicus_brief"] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

export const MAX_FILENAME_CHARACTERS = 255;
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
export const ABANDONED_REASON = "Abandoned: no bytes for 24 hours";
export const DISCARDED_REASON = "Removed by the filer";
export const CANCELLED_REASON = "Cancelled by the filer";

// C0 and C1 control characters (NUL, line breaks, escape, …): they could end a log line or a header.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The filename as kept: text only, never used as a path, so "../" and right-to-left overrides stay
 * as typed (pages show them escaped). Control characters become U+FFFD so the record stays one line.
 */
export function normaliseFilename(raw: string): string {
  return raw.replace(CONTROL_CHARACTERS, "\ufffd").trim();
}

/** tus names uploads with random hex; anything else never reaches the disk or the database. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
export const isUploadId = (value: string): boolean => UPLOAD_ID.test(value);

export const StartUploadInput = z.object({
  uploadId: z.string().regex(UPLOAD_ID, "The upload could not be started. Try again."),
  caseId: z.string({ error: "Choose the case to file evidence on" }).trim().min(1, "Choose the case to file evidence on").max(100, "Choose the case to file evidence on"),
  filename: z
    .string({ error: "The file has no name. Rename the file and upload it again." })
    .transform(normaliseFilename)
    .pipe(
      z
        .string()
        .min(1, "The file has no name. Rename the file and upload it again.")
        .refine((name) => [...name].length <= MAX_FILENAME_CHARACTERS, `The file name must be ${MAX_FILENAME_CHARACTERS} characters or fewer. Rename the file and upload it again.`),
    ),
  declaredSize: z.number({ error: "The size of the file must be given when the upload starts." }).int().min(0),
  /** What the upload is for; evidence unless the client says otherwise. */
  purpose: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(UPLOAD_PURPOSES, { error: "The upload could not be started. Try again." }).default("evidence")),
  /** For a brief: the granted application it is filed under. */
  applicationId: z.string().trim().max(100, "The application could not be found.").optional(),
});

/**
 * Opens an upload session before any byte is accepted: the actor must be allowed to file on the
 * case (or, for a brief, hold a granted application on it whose deadline has not passed), and the
 * size must be within the limit. Every later request for this upload is tied to it.
 */
export function startUpload(ctx: Ctx, input: z.input<typeof StartUploadInput>): UploadSessionRow {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { uploadId, caseId, filename, declaredSize, purpose, applicationId } = parseInput(StartUploadInput, input);
  if (declaredSize > ctx.config.maxUploadBytes) {
    throw new DomainError("too_large", `This file is larger than the ${formatBytes(ctx.config.maxUploadBytes)} limit for one file. Split it into smaller files.`);
  }
  if (purpose === "amicus_brief") {
    if (!applicationId) throw new DomainError("not_found", "The application could not be found.");
    if (!isBriefFilename(filename)) throw new DomainError("invalid", wrongBriefExtensionMessage, { filename: wrongBriefExtensionMessage });
    if (declaredSize > MAX_BRIEF_BYTES) throw new DomainError("too_large", briefTooLargeMessage);
  }
  return writeTransaction(ctx.db, (tx) => {
    let filingSide: FilingSide;
    if (purpose === "amicus_brief") {
      requireBriefMayBeFiled(ctx, applicationId!, { caseId, db: tx });
      filingSide = "amicus";
    } else {
      filingSide = requireFilingSide(ctx, caseId, tx);
    }
    const row: UploadSessionRow = {
      id: uploadId,
      caseId,
      userId: actor.id,
      filingSide,
      purpose,
      originalFilename: filename,
      declaredSize,
      createdAt: ctx.now.toISOString(),
      completedAt: null,
      sha256: null,
      contentType: null,
      sizeBytes: null,
      evidenceId: null,
      refusedReason: null,
      amicusApplicationId: purpose === "amicus_brief" ? applicationId! : null,
    };
    tx.insert(uploadSessions).values(row).run();
    return row;
  });
}

/**
 * Whether the actor may still send bytes for this upload: permission can end mid-upload (the case
 * closes, the firm is removed, a brief's deadline passes), so the upload handler asks on every chunk.
 */
export function requireMayContinueUpload(ctx: Pick<Ctx, "db" | "actor" | "now">, session: UploadSessionRow, db: DbOrTx = ctx.db): void {
  if (session.purpose === "amicus_brief") {
    if (!session.amicusApplicationId) throw uploadNotFound();
    requireBriefMayBeFiled(ctx, session.amicusApplicationId, { caseId: session.caseId, db });
    return;
  }
  requireFilingSide(ctx, session.caseId, db);
}

const uploadNotFound = () => new DomainError("not_found", "The uploaded file could not be found. Upload it again.");

function ownUpload(ctx: Pick<Ctx, "db" | "actor">, uploadId: string, db: DbOrTx): UploadSessionRow {
  requireActor(ctx.actor);
  const row = db.select().from(uploadSessions).where(and(eq(uploadSessions.id, uploadId), eq(uploadSessions.userId, ctx.actor.id))).get();
  if (!row) throw uploadNotFound();
  return row;
}

/** The actor's own upload whose bytes are still arriving; anyone else's, or a finished one, is `not_found`. */
export function getUploadInProgressForActor(ctx: Pick<Ctx, "db" | "actor">, uploadId: string, db: DbOrTx = ctx.db): UploadSessionRow {
  const row = ownUpload(ctx, uploadId, db);
  if (row.completedAt !== null || row.refusedReason !== null) throw uploadNotFound();
  return row;
}

/**
 * The actor's own completed upload, accepted by the sniffer and not yet made into evidence: the only
 * kind a submission may use. Anything else is `not_found`.
 */
export function getCompletedUploadForActor(ctx: Pick<Ctx, "db" | "actor">, uploadId: string, db: DbOrTx = ctx.db): UploadSessionRow & { completedAt: string; sha256: string; contentType: string; sizeBytes: number } {
  const row = ownUpload(ctx, uploadId, db);
  if (row.completedAt === null || row.sha256 === null || row.contentType === null || row.sizeBytes === null || row.refusedReason !== null || row.evidenceId !== null) throw uploadNotFound();
  return { ...row, completedAt: row.completedAt, sha256: row.sha256, contentType: row.contentType, sizeBytes: row.sizeBytes };
}

/**
 * The filer removes an upload before submitting it: completed ones (their bytes stay in the blob
 * store, which is content-addressed and may share them) or ones still arriving (the sweep deletes
 * their partial bytes).
 */
export function discardUpload(ctx: Ctx, uploadId: string): void {
  closeOwnUpload(ctx, uploadId, DISCARDED_REASON, "evidence.upload_discarded");
}

/** The tus client terminated an upload in progress (DELETE); its bytes are already gone. */
export function cancelUpload(ctx: Ctx, uploadId: string): void {
  closeOwnUpload(ctx, uploadId, CANCELLED_REASON, "evidence.upload_cancelled");
}

function closeOwnUpload(ctx: Ctx, uploadId: string, reason: string, action: string): void {
  requireActor(ctx.actor);
  writeTransaction(ctx.db, (tx) => {
    const row = ownUpload(ctx, uploadId, tx);
    if (row.refusedReason !== null || row.evidenceId !== null) throw uploadNotFound();
    const changed = tx
      .update(uploadSessions)
      .set({ refusedReason: reason })
      .where(and(eq(uploadSessions.id, uploadId), isNull(uploadSessions.refusedReason), isNull(uploadSessions.evidenceId)))
      .run().changes;
    if (changed === 0) throw uploadNotFound();
    recordAudit(tx, ctx, { action, caseId: row.caseId, subject: `upload:${uploadId}`, data: { uploadId, filename: row.originalFilename, reason } });
  });
}

/** Where tus keeps an upload's bytes and its `.json` info file. */
export function uploadFiles(uploadsDir: string, uploadId: string): { bytes: string; info: string } {
  if (!isUploadId(uploadId)) throw uploadNotFound();
  return { bytes: path.join(uploadsDir, uploadId), info: path.join(uploadsDir, `${uploadId}.json`) };
}

export async function removeUploadFiles(uploadsDir: string, uploadId: string): Promise<void> {
  const { bytes, info } = uploadFiles(uploadsDir, uploadId);
  await fs.promises.rm(bytes, { force: true });
  await fs.promises.rm(info, { force: true });
}

export interface SweepReport {
  abandoned: number;
  leftoversRemoved: number;
}

/**
 * Ends uploads that have received no bytes for 24 hours: their partial bytes are deleted and the
 * session is marked refused, so no evidence can come of them. Also removes files tus left behind
 * for sessions that have already finished, and files with no session at all once they are as old.
 * Bounded work per call (`limit` sessions and files); call it often rather than all at once.
 */
export async function sweepStaleUploads(db: Db, uploadsDir: string, now: Date, options: { limit?: number } = {}): Promise<SweepReport> {
  const limit = options.limit ?? 100;
  const cutoff = now.getTime() - ABANDONED_AFTER_MS;
  const report: SweepReport = { abandoned: 0, leftoversRemoved: 0 };
  const system = { actor: null, now };

  const stale = db
    .select()
    .from(uploadSessions)
    .where(and(isNull(uploadSessions.completedAt), isNull(uploadSessions.refusedReason), lt(uploadSessions.createdAt, new Date(cutoff).toISOString())))
    .orderBy(asc(uploadSessions.createdAt))
    .limit(limit)
    .all();
  for (const row of stale) {
    if (!isUploadId(row.id)) continue;
    const stat = await statOrNull(uploadFiles(uploadsDir, row.id).bytes);
    // Created long ago but still receiving: a slow connection on a big file, not an abandoned one.
    if (stat && stat.mtimeMs >= cutoff) continue;
    await removeUploadFiles(uploadsDir, row.id);
    writeTransaction(db, (tx) => {
      const changed = tx
        .update(uploadSessions)
        .set({ refusedReason: ABANDONED_REASON })
        .where(and(eq(uploadSessions.id, row.id), isNull(uploadSessions.completedAt), isNull(uploadSessions.refusedReason)))
        .run().changes;
      if (changed === 0) return;
      recordAudit(tx, system, {
        action: "evidence.upload_abandoned",
        caseId: row.caseId,
        subject: `upload:${row.id}`,
        data: { uploadId: row.id, filename: row.originalFilename, reason: ABANDONED_REASON, bytesReceived: stat?.size ?? 0 },
      });
      report.abandoned += 1;
    });
  }

  let names: string[];
  try {
    names = await fs.promises.readdir(uploadsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return report;
    throw error;
  }
  const ids = [...new Set(names.map((name) => name.replace(/\.json$/, "")).filter(isUploadId))].slice(0, limit * 10);
  for (let start = 0; start < ids.length; start += 500) {
    const batch = ids.slice(start, start + 500);
    const rows = new Map(db.select().from(uploadSessions).where(inArray(uploadSessions.id, batch)).all().map((row) => [row.id, row]));
    for (const id of batch) {
      const row = rows.get(id);
      if (row && row.completedAt === null && row.refusedReason === null) continue; // still in progress, or handled above
      if (!row) {
        const { bytes, info } = uploadFiles(uploadsDir, id);
        const newest = Math.max((await statOrNull(bytes))?.mtimeMs ?? 0, (await statOrNull(info))?.mtimeMs ?? 0);
        if (newest >= cutoff) continue;
      }
      await removeUploadFiles(uploadsDir, id);
      report.leftoversRemoved += 1;
    }
  }
  return report;
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
