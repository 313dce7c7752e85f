import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, evidence, uploadSessions } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { completeUpload } from "./complete-upload";
import { LocalBlobStore } from "./local-blob-store";
import { minimalPdf } from "./testing-files";
import { makeUploadTestWorld } from "./upload-test-world";
import { startUpload } from "./uploads";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeUploadTestWorld>;
let caseId: string;
let dir: string;
let blobs: LocalBlobStore;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeUploadTestWorld(db);
  caseId = world.makeCase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-complete-"));
  blobs = new LocalBlobStore(path.join(dir, "blobs"));
});
afterAll(() => {
  testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const FINISHED_AT = new Date(FIXED_NOW.getTime() + 60_000);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const row = (id: string) => db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()!;
const auditFor = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.subject, `upload:${id}`)).all();

/** An upload session whose bytes have all arrived at the returned path. */
function arrived(actor: Actor, filename: string, bytes: Buffer, declaredSize = bytes.length): { id: string; filePath: string } {
  const id = newId().replaceAll("-", "");
  startUpload(testCtx(db, actor), { uploadId: id, caseId, filename, declaredSize });
  const filePath = path.join(dir, id);
  fs.writeFileSync(filePath, bytes);
  return { id, filePath };
}

describe("completeUpload", () => {
  it("stores an allowed file under its hash and records the result with an audit event", async () => {
    const bytes = minimalPdf("witness statement");
    const { id, filePath } = arrived(world.people.complainantLawyer, "statement.pdf", bytes);
    const result = await completeUpload(testCtx(db, world.people.complainantLawyer, FINISHED_AT), { uploadId: id, filePath }, blobs);

    expect(result).toEqual({ ok: true, uploadId: id, sha256: sha256(bytes), sizeBytes: bytes.length, contentType: "application/pdf", label: "PDF" });
    expect(row(id)).toMatchObject({ completedAt: FINISHED_AT.toISOString(), sha256: sha256(bytes), contentType: "application/pdf", sizeBytes: bytes.length, refusedReason: null, evidenceId: null });
    expect(fs.existsSync(filePath)).toBe(false);
    expect(await blobs.verify(sha256(bytes))).toEqual({ status: "ok" });
    const [event] = auditFor(id);
    expect(event).toMatchObject({ action: "evidence.upload_completed", caseId, actorId: world.people.complainantLawyer.id });
    expect(JSON.parse(event!.data)).toEqual({ uploadId: id, filename: "statement.pdf", sha256: sha256(bytes), sizeBytes: bytes.length, contentType: "application/pdf" });
    // A completed upload is not yet evidence.
    expect(db.select().from(evidence).all()).toEqual([]);
  });

  it("refuses a file whose real type is not allowed, deletes its bytes and records why", async () => {
    const bytes = Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>");
    const { id, filePath } = arrived(world.people.complainantLawyer, "report.pdf", bytes);
    const result = await completeUpload(testCtx(db, world.people.complainantLawyer, FINISHED_AT), { uploadId: id, filePath }, blobs);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/HTML web page.*Allowed: PDF/);
    expect(row(id)).toMatchObject({ refusedReason: result.reason, completedAt: null, sha256: null });
    expect(fs.existsSync(filePath)).toBe(false);
    expect(blobs.has(sha256(bytes))).toBe(false);
    const [event] = auditFor(id);
    expect(event!.action).toBe("evidence.upload_refused");
    expect(JSON.parse(event!.data)).toMatchObject({ uploadId: id, filename: "report.pdf", reason: result.reason, sizeBytes: bytes.length });
  });

  it("refuses bytes that do not add up to the size declared at the start", async () => {
    const bytes = minimalPdf();
    const { id, filePath } = arrived(world.people.complainantLawyer, "short.pdf", bytes, bytes.length + 10);
    const result = await completeUpload(testCtx(db, world.people.complainantLawyer), { uploadId: id, filePath }, blobs);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/did not arrive whole/) });
    expect(fs.existsSync(filePath)).toBe(false);
  });

  it("lets only the uploader complete an upload, and only once", async () => {
    const bytes = minimalPdf("once");
    const { id, filePath } = arrived(world.people.complainantLawyer, "once.pdf", bytes);
    await expect(completeUpload(testCtx(db, world.people.complainantColleague), { uploadId: id, filePath }, blobs)).rejects.toMatchObject({ code: "not_found" });
    expect(fs.existsSync(filePath)).toBe(true);
    await completeUpload(testCtx(db, world.people.complainantLawyer), { uploadId: id, filePath }, blobs);
    fs.writeFileSync(filePath, bytes);
    await expect(completeUpload(testCtx(db, world.people.complainantLawyer), { uploadId: id, filePath }, blobs)).rejects.toBeInstanceOf(DomainError);
    expect(auditFor(id)).toHaveLength(1);
  });
});
