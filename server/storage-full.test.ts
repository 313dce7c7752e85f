import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { count, eq, isNotNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, evidence, uploadSessions } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import type { Actor, Ctx } from "@/domain/context";
import { LocalBlobStore, type BlobStoreFaults } from "@/domain/evidence/local-blob-store";
import { makeEvidenceWorld } from "@/domain/evidence/submission-fixtures";
import { submitEvidence } from "@/domain/evidence/submit-evidence";
import { makeUploadTestWorld } from "@/domain/evidence/upload-test-world";
import { createUploadHandler, type UploadHandler } from "./upload-handler";
import { isStorageFull, STORAGE_FULL_MESSAGE, STORAGE_FULL_UPLOAD_MESSAGE } from "./storage-full";

// The action and route wrappers build their context from the session cookie; here the test says who is asking.
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));
const { runFormAction } = await import("./action");
const { runRoute } = await import("./route");

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

afterEach(() => vi.restoreAllMocks());
const quietLog = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("isStorageFull", () => {
  it("recognises a full disk, a full quota and a full database, also when wrapped", () => {
    expect(isStorageFull(errno("ENOSPC"))).toBe(true);
    expect(isStorageFull(errno("EDQUOT"))).toBe(true);
    expect(isStorageFull(new Error("could not store", { cause: errno("ENOSPC") }))).toBe(true);
    expect(isStorageFull(errno("EACCES"))).toBe(false);
    expect(isStorageFull(new Error("boom"))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
  });

  it("recognises the error SQLite itself raises when the database cannot grow", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE TABLE t (x TEXT)");
    sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true }) as number}`);
    let error: unknown;
    try {
      sqlite.prepare("INSERT INTO t VALUES (?)").run("x".repeat(100_000));
    } catch (caught) {
      error = caught;
    }
    sqlite.close();
    expect((error as { code?: string }).code).toBe("SQLITE_FULL");
    expect(isStorageFull(error)).toBe(true);
  });
});

/** A tus client's requests, made by hand against the handler. */
function tus(handler: UploadHandler) {
  const origin = "http://localhost";
  const b64 = (value: string) => Buffer.from(value).toString("base64");
  return {
    async create(caseId: string, filename: string, size: number): Promise<string> {
      const response = await handler.handle(
        new Request(`${origin}/api/uploads`, { method: "POST", headers: { "Tus-Resumable": "1.0.0", "Upload-Length": String(size), "Upload-Metadata": `filename ${b64(filename)},caseId ${b64(caseId)}` } }),
      );
      expect(response.status).toBe(201);
      return new URL(response.headers.get("Location")!, `${origin}/api/uploads/`).pathname.split("/").pop()!;
    },
    patch: (id: string, offset: number, body: Buffer) =>
      handler.handle(
        new Request(`${origin}/api/uploads/${id}`, {
          method: "PATCH",
          headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
          body: new Uint8Array(body),
        }),
      ),
    async offset(id: string): Promise<number> {
      const response = await handler.handle(new Request(`${origin}/api/uploads/${id}`, { method: "HEAD", headers: { "Tus-Resumable": "1.0.0" } }));
      return Number(response.headers.get("Upload-Offset"));
    },
  };
}

/** A PDF (to the sniffer) of exactly `size` bytes, distinct for each `label`. */
function pdfOfSize(size: number, label: string): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from(`%PDF-1.7\n% ${label}\n`).copy(bytes);
  return bytes;
}

describe("an upload when the blob store's disk is full (injected ENOSPC)", () => {
  let testDb: ReturnType<typeof createTestDb>;
  let db: Db;
  let dir: string;
  let caseId: string;
  let lawyer: Actor;
  const faults: BlobStoreFaults = { crossFilesystem: true };
  let handler: UploadHandler;

  beforeAll(() => {
    testDb = createTestDb();
    db = testDb.db;
    const world = makeUploadTestWorld(db);
    caseId = world.makeCase();
    lawyer = world.people.complainantLawyer;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-full-"));
    handler = createUploadHandler({
      path: "/api/uploads",
      uploadsDir: path.join(dir, "uploads"),
      maxUploadBytes: 50 * 1024 * 1024,
      blobs: new LocalBlobStore(path.join(dir, "blobs"), faults),
      authenticate: async () => testCtx(db, lawyer, new Date()),
    });
  });
  afterAll(() => {
    testDb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is refused with 507 and a plain message, leaving no blob, temp file, upload bytes or completion; once space is freed the same file goes in", async () => {
    const client = tus(handler);
    const bytes = pdfOfSize(200_000, "statement");
    faults.noSpaceAfterBytes = 64 * 1024;
    const log = quietLog();

    const id = await client.create(caseId, "statement.pdf", bytes.length);
    const refused = await client.patch(id, 0, bytes);
    expect(refused.status).toBe(507);
    expect(await refused.text()).toBe(STORAGE_FULL_UPLOAD_MESSAGE);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Storage full \(upload\): ENOSPC/));

    const row = db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()!;
    expect(row).toMatchObject({ completedAt: null, sha256: null, evidenceId: null });
    expect(db.select().from(auditEvents).where(eq(auditEvents.subject, `upload:${id}`)).all()).toEqual([]); // no "evidence.upload_completed"
    expect(fs.readdirSync(path.join(dir, "blobs"))).toEqual([]); // no blob, no temp file
    expect(fs.readdirSync(path.join(dir, "uploads"))).toEqual([]); // nor the upload's bytes, which cannot be resumed

    delete faults.noSpaceAfterBytes;
    const retry = await client.create(caseId, "statement.pdf", bytes.length);
    const stored = await client.patch(retry, 0, bytes);
    expect(stored.status).toBe(204);
    expect(stored.headers.get("X-Upload-Sha256")).toBe(sha256(bytes));
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.id, retry)).get()).toMatchObject({ sha256: sha256(bytes), completedAt: expect.any(String) });
    expect(await new LocalBlobStore(path.join(dir, "blobs")).verify(sha256(bytes))).toEqual({ status: "ok" });
  });
});

describe("a form action or route whose database write finds the disk full (SQLITE_FULL)", () => {
  let testDb: ReturnType<typeof createTestDb>;
  let db: Db;
  let world: ReturnType<typeof makeEvidenceWorld>;

  beforeAll(() => {
    testDb = createTestDb();
    db = testDb.db;
    world = makeEvidenceWorld(db);
  });
  afterAll(() => testDb.close());

  /** The database may not grow by a single page: what a full disk looks like to SQLite. */
  function fillDatabase(): void {
    db.$client.exec("VACUUM"); // no free pages left to reuse
    db.$client.pragma(`max_page_count = ${db.$client.pragma("page_count", { simple: true }) as number}`);
  }
  const freeSpace = () => db.$client.pragma("max_page_count = 1073741823");

  function filing(caseId: string) {
    const uploads = Array.from({ length: 10 }, () => world.makeUpload(world.people.complainantLawyer, caseId));
    // Long descriptions, so the filing needs new pages whatever room the existing ones have.
    const input = { caseId, confidentiality: "parties" as const, items: uploads.map((uploadId, i) => ({ uploadId, title: `Exhibit ${i + 1}`, description: "d".repeat(5000) })) };
    const formData = new FormData();
    formData.set("caseId", caseId);
    formData.set("title", "Exhibit 1");
    return { uploads, input, formData };
  }
  const audits = () => db.select({ n: count() }).from(auditEvents).get()!.n;
  const evidenceOn = (caseId: string) => db.select().from(evidence).where(eq(evidence.caseId, caseId)).all();
  const usedUploads = () => db.select({ id: uploadSessions.id }).from(uploadSessions).where(isNotNull(uploadSessions.evidenceId)).all();

  it("runFormAction answers with the storage-full message, keeps what was typed, and the filing is not half-written; with space it succeeds", async () => {
    const caseId = world.makeCase();
    const { input, formData } = filing(caseId);
    session.ctx = testCtx(db, world.people.complainantLawyer);
    const before = audits();
    const log = quietLog();

    fillDatabase();
    try {
      const state = await runFormAction(formData, (ctx) => submitEvidence(ctx, input));
      expect(state).toEqual({ ok: false, message: STORAGE_FULL_MESSAGE, fieldErrors: {}, values: { caseId, title: "Exhibit 1" } });
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Storage full \(form action\)/));
      expect(evidenceOn(caseId)).toEqual([]);
      expect(usedUploads()).toEqual([]);
      expect(audits()).toBe(before);
    } finally {
      freeSpace();
    }

    expect(await runFormAction(formData, (ctx) => submitEvidence(ctx, input))).toEqual({ ok: true });
    expect(evidenceOn(caseId)).toHaveLength(10);
    expect(audits()).toBeGreaterThan(before);
  });

  it("runRoute answers 507 with the storage-full message as JSON", async () => {
    const caseId = world.makeCase();
    const { input } = filing(caseId);
    session.ctx = testCtx(db, world.people.complainantLawyer);
    quietLog();

    fillDatabase();
    try {
      const response = await runRoute((ctx) => submitEvidence(ctx, input));
      expect(response.status).toBe(507);
      expect(await response.json()).toEqual({ error: { code: "storage_full", message: STORAGE_FULL_MESSAGE, fieldErrors: {} } });
      expect(evidenceOn(caseId)).toEqual([]);
    } finally {
      freeSpace();
    }
  });
});

function mountTmpfs(dir: string, sizeBytes: number): void {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes}`, "tmpfs", dir], { stdio: "pipe" });
}

/** Whether this machine lets us mount a tmpfs (root, outside a locked-down container): tried once and undone at once. */
function tmpfsMountPermitted(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== "linux") return { ok: false, reason: "tmpfs mounts need Linux" };
  if (process.getuid?.() !== 0) return { ok: false, reason: "mounting a tmpfs needs root" };
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-tmpfs-probe-"));
  try {
    mountTmpfs(probe, 1024 * 1024);
    execFileSync("umount", [probe], { stdio: "pipe" });
    return { ok: true };
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    return { ok: false, reason: `mount is not permitted here (${stderr || (error as Error).message})` };
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

const MiB = 1024 * 1024;
const tmpfs = tmpfsMountPermitted();

describe.skipIf(!tmpfs.ok)(`an upload onto a real full disk (a 2 MiB tmpfs)${tmpfs.ok ? "" : ` — skipped: ${tmpfs.reason}`}`, () => {
  let dir: string;
  let testDb: ReturnType<typeof createTestDb>;
  let db: Db;
  let caseId: string;
  let handler: UploadHandler;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-tmpfs-"));
    mountTmpfs(dir, 2 * MiB);
    testDb = createTestDb();
    db = testDb.db;
    const world = makeUploadTestWorld(db);
    caseId = world.makeCase();
    const lawyer = world.people.complainantLawyer;
    handler = createUploadHandler({
      path: "/api/uploads",
      uploadsDir: path.join(dir, "uploads"),
      maxUploadBytes: 50 * MiB,
      blobs: new LocalBlobStore(path.join(dir, "blobs")),
      authenticate: async () => testCtx(db, lawyer, new Date()),
    });
  });
  afterAll(() => {
    testDb?.close();
    if (dir) {
      execFileSync("umount", [dir], { stdio: "pipe" });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses the chunk that does not fit with 507, keeps what arrived, and the same upload resumes and completes once space is freed", async () => {
    const client = tus(handler);
    const bytes = pdfOfSize(3 * MiB, "large exhibit");
    quietLog();

    const id = await client.create(caseId, "large.pdf", bytes.length);
    const refused = await client.patch(id, 0, bytes);
    expect(refused.status).toBe(507);
    expect(await refused.text()).toBe(STORAGE_FULL_UPLOAD_MESSAGE);
    const arrived = await client.offset(id);
    expect(arrived).toBeGreaterThan(0);
    expect(arrived).toBeLessThan(bytes.length);
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()).toMatchObject({ completedAt: null, sha256: null });
    expect(fs.existsSync(path.join(dir, "blobs"))).toBe(false);

    execFileSync("mount", ["-o", `remount,size=${8 * MiB}`, dir]);
    const resumed = await client.patch(id, arrived, bytes.subarray(arrived));
    expect(resumed.status).toBe(204);
    expect(resumed.headers.get("X-Upload-Sha256")).toBe(sha256(bytes));
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()).toMatchObject({ sha256: sha256(bytes), completedAt: expect.any(String) });
    expect(await new LocalBlobStore(path.join(dir, "blobs")).verify(sha256(bytes))).toEqual({ status: "ok" });
  });
});
