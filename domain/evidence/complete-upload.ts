import fs from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { uploadSessions } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError } from "../errors";
import { writeTransaction } from "../transaction";
import type { BlobStore } from "./blob-store";
import { sniffFile, type SniffOptions } from "./sniff";
import { getUploadInProgressForActor } from "./uploads";

export type CompleteUploadResult =
  | { ok: true; uploadId: string; sha256: string; sizeBytes: number; contentType: string; label: string }
  | { ok: false; uploadId: string; reason: string };

/**
 * All of an upload's bytes have arrived at `filePath`. Sniffs the real type against the allow-list;
 * if allowed, hashes the bytes while moving them into the blob store, and records the result on the
 * upload session; if refused, deletes the bytes and records why. The file I/O happens first and the
 * record and its audit event are one transaction after it. A completed upload is not yet evidence:
 * a submission turns it into an evidence item.
 */
export async function completeUpload(ctx: Ctx, input: { uploadId: string; filePath: string }, blobs: BlobStore, sniffOptions: SniffOptions = {}): Promise<CompleteUploadResult> {
  requireActor(ctx.actor);
  const { uploadId, filePath } = input;
  const session = getUploadInProgressForActor(ctx, uploadId);

  const receivedBytes = (await fs.promises.stat(filePath)).size;
  const verdict =
    receivedBytes !== session.declaredSize
      ? ({ ok: false, reason: `The file did not arrive whole (${receivedBytes} of ${session.declaredSize} bytes). Upload it again.` } as const)
      : await sniffFile(filePath, session.originalFilename, sniffOptions);

  if (!verdict.ok) {
    await fs.promises.rm(filePath, { force: true });
    writeTransaction(ctx.db, (tx) => {
      const changed = tx
        .update(uploadSessions)
        .set({ refusedReason: verdict.reason })
        .where(and(eq(uploadSessions.id, uploadId), isNull(uploadSessions.completedAt), isNull(uploadSessions.refusedReason)))
        .run().changes;
      if (changed === 0) throw new DomainError("conflict", "This upload has already finished or was removed.");
      recordAudit(tx, ctx, {
        action: "evidence.upload_refused",
        caseId: session.caseId,
        subject: `upload:${uploadId}`,
        data: { uploadId, filename: session.originalFilename, sizeBytes: receivedBytes, reason: verdict.reason },
      });
    });
    return { ok: false, uploadId, reason: verdict.reason };
  }

  const stored = await blobs.putFile(filePath);
  // The copy is hashed as it is made; a different length means the file changed underneath us.
  if (stored.sizeBytes !== session.declaredSize) throw new Error(`Upload ${uploadId} changed while it was being stored (${stored.sizeBytes} of ${session.declaredSize} bytes).`);

  writeTransaction(ctx.db, (tx) => {
    const changed = tx
      .update(uploadSessions)
      .set({ completedAt: ctx.now.toISOString(), sha256: stored.sha256, contentType: verdict.contentType, sizeBytes: stored.sizeBytes })
      .where(and(eq(uploadSessions.id, uploadId), isNull(uploadSessions.completedAt), isNull(uploadSessions.refusedReason)))
      .run().changes;
    // Removed while its bytes were being stored: the blob stays (content-addressed, harmless), the upload does not complete.
    if (changed === 0) throw new DomainError("conflict", "This upload has already finished or was removed.");
    recordAudit(tx, ctx, {
      action: "evidence.upload_completed",
      caseId: session.caseId,
      subject: `upload:${uploadId}`,
      data: { uploadId, filename: session.originalFilename, sha256: stored.sha256, sizeBytes: stored.sizeBytes, contentType: verdict.contentType },
    });
  });
  return { ok: true, uploadId, sha256: stored.sha256, sizeBytes: stored.sizeBytes, contentType: verdict.contentType, label: verdict.label };
}
