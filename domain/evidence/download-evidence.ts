import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { integrityAlerts, users } from "@/db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { notifyUser } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import type { BlobStore } from "./blob-store";
import { contentDisposition } from "./content-disposition";
import { getEvidenceForActor } from "./evidence-access";
import type { EvidenceRow } from "./evidence-rules";

export const INTEGRITY_FAILED_MESSAGE = "This file failed its integrity check and cannot be downloaded. The regulator has been alerted.";

export type IntegrityProblem = { problem: "mismatch"; actualSha256: string | null } | { problem: "missing" };

/**
 * Records a blob that no longer matches its hash (or has gone): an integrity_alerts row and an
 * audit event, and — the first time this item shows this problem — an in-app notice to every
 * active admin and supervisor, so repeated download attempts do not flood them.
 */
export function raiseIntegrityAlert(ctx: Pick<Ctx, "db" | "actor" | "now">, item: Pick<EvidenceRow, "id" | "caseId" | "sha256" | "exhibitNumber">, found: IntegrityProblem, detectedBy: "download" | "verify"): void {
  writeTransaction(ctx.db, (tx) => {
    const alreadyKnown =
      tx
        .select({ id: integrityAlerts.id })
        .from(integrityAlerts)
        .where(and(eq(integrityAlerts.evidenceId, item.id), eq(integrityAlerts.problem, found.problem)))
        .limit(1)
        .get() !== undefined;
    const actualSha256 = found.problem === "mismatch" ? found.actualSha256 : null;
    tx.insert(integrityAlerts).values({ id: newId(), evidenceId: item.id, sha256: item.sha256, problem: found.problem, actualSha256, detectedBy, detectedAt: ctx.now.toISOString() }).run();
    recordAudit(tx, ctx, {
      action: "evidence.integrity_failed",
      caseId: item.caseId,
      subject: `evidence:${item.id}`,
      data: { exhibitNumber: item.exhibitNumber, problem: found.problem, expectedSha256: item.sha256, actualSha256, detectedBy },
    });
    if (alreadyKnown) return;
    const what = found.problem === "missing" ? "its stored file is missing" : "its stored file no longer matches the SHA-256 recorded when it was filed";
    const recipients = tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, ["admin", "supervisor"]), isNull(users.disabledAt)))
      .all();
    for (const recipient of recipients) {
      notifyUser(tx, ctx, {
        userId: recipient.id,
        caseId: item.caseId,
        kind: "evidence.integrity_failed",
        title: `Exhibit ${item.exhibitNumber} failed its integrity check`,
        body: `Exhibit ${item.exhibitNumber} cannot be downloaded: ${what}. Restore it from backup and check the audit trail.`,
        link: `/cases/${item.caseId}/evidence/${item.id}`,
      });
    }
  });
}

/** Headers for serving an item: its sniffed type, exact length, a safe attachment name, and nothing cacheable or sniffable. */
export function downloadHeaders(item: Pick<EvidenceRow, "contentType" | "sizeBytes" | "originalFilename">): Record<string, string> {
  return {
    "Content-Type": item.contentType,
    "Content-Length": String(item.sizeBytes),
    "Content-Disposition": contentDisposition(item.originalFilename),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    // Should a browser render it anyway, it runs no script and loads nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
}

export type EvidenceDownload = { kind: "ok"; item: EvidenceRow; body: Readable; headers: Record<string, string> } | { kind: "integrity_failed"; message: string };

/**
 * Serves one item to someone allowed to see it. The blob is re-hashed before a byte is sent (a
 * second full read of the file: the price of never serving altered evidence); a failure raises an
 * integrity alert and refuses. The bytes are hashed again as they stream, so a blob altered between
 * the check and the read is cut off mid-transfer rather than served whole.
 */
/**
 * What anyone may download, the signed-in may too: a party's own access decides first, and for an item
 * that is not theirs (another case's public exhibit, an amicus brief) the public's view decides.
 */
function getDownloadableEvidence(ctx: Ctx, evidenceId: string, db: DbOrTx = ctx.db) {
  try {
    return getEvidenceForActor(ctx, evidenceId, db);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "not_found") || ctx.actor === null) throw error;
    return getEvidenceForActor({ db: ctx.db, actor: null }, evidenceId, db);
  }
}

export async function openEvidenceDownload(ctx: Ctx, evidenceId: string, store: BlobStore): Promise<EvidenceDownload> {
  const { item } = getDownloadableEvidence(ctx, evidenceId);
  const check = await store.verify(item.sha256);
  if (check.status !== "ok") {
    raiseIntegrityAlert(ctx, item, check.status === "missing" ? { problem: "missing" } : { problem: "mismatch", actualSha256: check.actualSha256 }, "download");
    return { kind: "integrity_failed", message: INTEGRITY_FAILED_MESSAGE };
  }
  let source: Readable;
  try {
    source = store.openRead(item.sha256);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "not_found")) throw error;
    raiseIntegrityAlert(ctx, item, { problem: "missing" }, "download");
    return { kind: "integrity_failed", message: INTEGRITY_FAILED_MESSAGE };
  }
  try {
    writeTransaction(ctx.db, (tx) => {
      // Asked again after the (slow) hash: the item may have been withdrawn meanwhile.
      getDownloadableEvidence(ctx, evidenceId, tx);
      recordAudit(tx, ctx, { action: "evidence.downloaded", caseId: item.caseId, subject: `evidence:${item.id}`, data: { exhibitNumber: item.exhibitNumber, sha256: item.sha256 } });
    });
  } catch (error) {
    source.destroy();
    throw error;
  }
  const guarded = source.pipe(hashGuard(item.sha256, (actual) => raiseIntegrityAlert(ctx, item, { problem: "mismatch", actualSha256: actual }, "download")));
  source.on("error", (error) => guarded.destroy(error));
  return { kind: "ok", item, body: guarded, headers: downloadHeaders(item) };
}

/**
 * Passes bytes through while hashing them, always holding back the latest chunk: a different hash
 * at the end errors the stream before that chunk is sent, so the client gets fewer bytes than the
 * Content-Length promised and treats the download as failed instead of complete.
 */
export function hashGuard(expectedSha256: string, onMismatch: (actualSha256: string) => void): Transform {
  const hash = createHash("sha256");
  let heldBack: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = heldBack;
      heldBack = chunk;
      done(null, previous ?? undefined);
    },
    flush(done) {
      const actual = hash.digest("hex");
      if (actual === expectedSha256) return done(null, heldBack ?? undefined);
      try {
        onMismatch(actual);
      } finally {
        done(new Error(`Blob ${expectedSha256} changed while it was being served`));
      }
    },
  });
}
