import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { integrityAlerts } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import { DomainError } from "../errors";
import { newId } from "../ids";
import type { BlobStore } from "./blob-store";
import { LocalBlobStore } from "./local-blob-store";
import { hashGuard, INTEGRITY_FAILED_MESSAGE, openEvidenceDownload } from "./download-evidence";
import { auditActions, makeEvidenceTestWorld, notificationsFor } from "./evidence-test-world";

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A BlobStore over a Map, whose bytes a test can tamper with behind its back. */
class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  reads = 0;
  async putFile(): Promise<{ sha256: string; sizeBytes: number }> {
    throw new Error("not used");
  }
  put(bytes: Buffer): string {
    this.blobs.set(sha(bytes), bytes);
    return sha(bytes);
  }
  has(sha256: string): boolean {
    return this.blobs.has(sha256);
  }
  openRead(sha256: string): Readable {
    const bytes = this.blobs.get(sha256);
    if (!bytes) throw new DomainError("not_found", "The file could not be found.");
    this.reads += 1;
    return Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]);
  }
  async verify(sha256: string) {
    const bytes = this.blobs.get(sha256);
    if (!bytes) return { status: "missing" as const };
    const actual = sha(bytes);
    return actual === sha256 ? { status: "ok" as const } : { status: "mismatch" as const, actualSha256: actual };
  }
}

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;
let store: MemoryBlobStore;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
  store = new MemoryBlobStore();
});
afterEach(() => testDb.close());

function fileItem(options: Parameters<typeof world.makeEvidence>[1] = {}) {
  const caseId = world.makeCase();
  const bytes = Buffer.from("%PDF-1.7 fictional witness statement");
  store.put(bytes);
  return { caseId, bytes, item: world.makeEvidence(caseId, { ...options, bytes }) };
}

describe("openEvidenceDownload", () => {
  it("streams the verified bytes with safe headers and records the download", async () => {
    const { item, bytes } = fileItem({ originalFilename: "../statement\u202Efdp.exe", confidentiality: "restricted" });
    const download = await openEvidenceDownload(testCtx(db, world.people.complainantLawyer), item.id, store);
    if (download.kind !== "ok") throw new Error("expected the download to be served");
    expect(await buffer(download.body)).toEqual(bytes);
    expect(download.headers).toMatchObject({
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Disposition": `attachment; filename="statementfdp.exe"; filename*=UTF-8''statementfdp.exe`,
    });
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.downloaded"]);
  });

  it("refuses the other side's restricted item as not found, before touching the file", async () => {
    const { item } = fileItem({ confidentiality: "restricted" });
    const error = await openEvidenceDownload(testCtx(db, world.people.respondentLawyer), item.id, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("not_found");
    const missing = await openEvidenceDownload(testCtx(db, world.people.respondentLawyer), newId(), store).catch((e: unknown) => e);
    expect((missing as DomainError).message).toBe((error as DomainError).message);
    expect(store.reads).toBe(0);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual([]);
  });

  it("lets staff download it", async () => {
    const { item } = fileItem({ confidentiality: "restricted" });
    expect((await openEvidenceDownload(testCtx(db, world.people.caseworker), item.id, store)).kind).toBe("ok");
  });

  it("refuses a tampered blob, raises an alert, audits it and tells active admins and supervisors once", async () => {
    const { item, bytes } = fileItem({ confidentiality: "parties" });
    const tampered = Buffer.from(bytes);
    tampered[0] = 0x41;
    store.blobs.set(item.sha256, tampered);

    const ctx = testCtx(db, world.people.respondentLawyer);
    expect(await openEvidenceDownload(ctx, item.id, store)).toEqual({ kind: "integrity_failed", message: INTEGRITY_FAILED_MESSAGE });
    expect(store.reads).toBe(0);
    const alerts = db.select().from(integrityAlerts).where(eq(integrityAlerts.evidenceId, item.id)).all();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ sha256: item.sha256, problem: "mismatch", actualSha256: sha(tampered), detectedBy: "download" });
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.integrity_failed"]);

    const { admin, supervisor, disabledSupervisor, caseworker } = world.people;
    expect(notificationsFor(db, admin.id, "evidence.integrity_failed")).toHaveLength(1);
    expect(notificationsFor(db, supervisor.id, "evidence.integrity_failed")).toHaveLength(1);
    expect(notificationsFor(db, disabledSupervisor.id)).toHaveLength(0);
    expect(notificationsFor(db, caseworker.id)).toHaveLength(0);

    // Asking again records again, but does not notify again.
    await openEvidenceDownload(ctx, item.id, store);
    expect(db.select().from(integrityAlerts).where(eq(integrityAlerts.evidenceId, item.id)).all()).toHaveLength(2);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.integrity_failed", "evidence.integrity_failed"]);
    expect(notificationsFor(db, admin.id, "evidence.integrity_failed")).toHaveLength(1);
  });

  it("refuses a missing blob the same way", async () => {
    const { item } = fileItem();
    store.blobs.delete(item.sha256);
    const download = await openEvidenceDownload(testCtx(db, world.people.caseworker), item.id, store);
    expect(download.kind).toBe("integrity_failed");
    expect(db.select().from(integrityAlerts).where(eq(integrityAlerts.evidenceId, item.id)).all()).toMatchObject([{ problem: "missing", actualSha256: null }]);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.integrity_failed"]);
    expect(notificationsFor(db, world.people.supervisor.id, "evidence.integrity_failed")).toHaveLength(1);
  });

  it("does not audit a download of an item that cannot be read", async () => {
    const { item } = fileItem({ status: "withdrawn" });
    await expect(openEvidenceDownload(testCtx(db, world.people.complainantLawyer), item.id, store)).rejects.toMatchObject({ code: "not_found" });
    expect(auditActions(db, `evidence:${item.id}`)).toEqual([]);
  });
});

describe("openEvidenceDownload over blobs on disk", () => {
  it("serves a stored file whole, and refuses it once its bytes are changed on disk", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-blobs-"));
    try {
      const disk = new LocalBlobStore(path.join(dir, "blobs"));
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7); // several read chunks
      const source = path.join(dir, "upload.bin");
      fs.writeFileSync(source, bytes);
      const { sha256 } = await disk.putFile(source);
      const caseId = world.makeCase();
      const item = world.makeEvidence(caseId, { bytes });
      expect(item.sha256).toBe(sha256);

      const ctx = testCtx(db, world.people.caseworker);
      const first = await openEvidenceDownload(ctx, item.id, disk);
      if (first.kind !== "ok") throw new Error("expected the download to be served");
      expect(sha(await buffer(first.body))).toBe(sha256);

      const blobPath = disk.pathFor(sha256);
      fs.chmodSync(blobPath, 0o644);
      const fd = fs.openSync(blobPath, "r+");
      fs.writeSync(fd, Buffer.from("tampered"), 0, 8, 1024);
      fs.closeSync(fd);
      expect(await openEvidenceDownload(ctx, item.id, disk)).toEqual({ kind: "integrity_failed", message: INTEGRITY_FAILED_MESSAGE });
      expect(db.select().from(integrityAlerts).where(eq(integrityAlerts.evidenceId, item.id)).all()).toMatchObject([{ problem: "mismatch", detectedBy: "download" }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("hashGuard", () => {
  it("passes matching bytes through whole", async () => {
    const bytes = Buffer.from("all of the evidence");
    const out = await buffer(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]).pipe(hashGuard(sha(bytes), () => {})));
    expect(out).toEqual(bytes);
  });

  it("errors before the last chunk when the bytes changed, so the client never gets a complete file", async () => {
    const expected = Buffer.from("original bytes");
    const changed = Buffer.from("changed! bytes");
    let reported: string | null = null;
    const received: Buffer[] = [];
    const guarded = Readable.from([changed.subarray(0, 8), changed.subarray(8)]).pipe(hashGuard(sha(expected), (actual) => (reported = actual)));
    guarded.on("data", (chunk: Buffer) => received.push(chunk));
    await expect(new Promise((resolve, reject) => guarded.on("end", resolve).on("error", reject))).rejects.toThrow(/changed while it was being served/);
    expect(reported).toBe(sha(changed));
    expect(Buffer.concat(received).length).toBeLessThan(changed.length);
  });
});
