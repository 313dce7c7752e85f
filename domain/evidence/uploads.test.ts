import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, uploadSessions } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { makeUploadTestWorld } from "./upload-test-world";
import { ABANDONED_REASON, DISCARDED_REASON, discardUpload, getCompletedUploadForActor, startUpload, sweepStaleUploads } from "./uploads";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeUploadTestWorld>;
let caseId: string;
let uploadsDir: string;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeUploadTestWorld(db);
  caseId = world.makeCase();
  uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-uploads-"));
});
afterAll(() => {
  testDb.close();
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});

const hexId = () => newId().replaceAll("-", "");
const start = (actor: Actor | null, input: Partial<Parameters<typeof startUpload>[1]> = {}, now = FIXED_NOW) =>
  startUpload(testCtx(db, actor, now), { uploadId: hexId(), caseId, filename: "statement.pdf", declaredSize: 100, ...input });
const row = (id: string) => db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()!;
const auditFor = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.subject, `upload:${id}`)).all();

function complete(id: string): void {
  db.update(uploadSessions).set({ completedAt: FIXED_NOW.toISOString(), sha256: "a".repeat(64), contentType: "application/pdf", sizeBytes: 100 }).where(eq(uploadSessions.id, id)).run();
}

describe("startUpload", () => {
  it("opens a session for the filing side of the actor", () => {
    const party = start(world.people.complainantLawyer);
    expect(row(party.id)).toMatchObject({ caseId, userId: world.people.complainantLawyer.id, filingSide: "complainant", declaredSize: 100, originalFilename: "statement.pdf", completedAt: null });
    expect(start(world.people.respondentLawyer).filingSide).toBe("respondent");
    expect(start(world.people.caseworker).filingSide).toBe("regulator");
  });

  it("refuses anyone who may not file on the case, before any byte", () => {
    expect(thrown(() => start(null)).code).toBe("unauthenticated");
    expect(thrown(() => start(world.people.outsider)).code).toBe("not_found");
    expect(thrown(() => start(world.people.amicus)).code).toBe("not_found");
    expect(thrown(() => start(world.people.complainantLawyer, { caseId: newId() })).code).toBe("not_found");
    const closed = world.makeCase("closed");
    expect(thrown(() => start(world.people.complainantLawyer, { caseId: closed })).code).toBe("conflict");
  });

  it("refuses a file over the size limit", () => {
    const error = thrown(() => startUpload({ ...testCtx(db, world.people.complainantLawyer), config: { maxUploadBytes: 1000, baseUrl: "" } }, { uploadId: hexId(), caseId, filename: "a.pdf", declaredSize: 1001 }));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/larger than the 1 KB limit/);
  });

  it("keeps hostile filenames as text: paths and right-to-left overrides as typed, control characters replaced", () => {
    expect(start(world.people.complainantLawyer, { filename: "../../etc/passwd" }).originalFilename).toBe("../../etc/passwd");
    expect(start(world.people.complainantLawyer, { filename: "invoice\u202Efdp.exe" }).originalFilename).toBe("invoice\u202Efdp.exe");
    expect(start(world.people.complainantLawyer, { filename: "a\u0000b\r\n.pdf" }).originalFilename).toBe("a\ufffdb\ufffd\ufffd.pdf");
    expect(start(world.people.complainantLawyer, { filename: "  spaced.pdf  " }).originalFilename).toBe("spaced.pdf");
  });

  it("refuses names over 255 characters and empty names, saying what to do", () => {
    expect(start(world.people.complainantLawyer, { filename: `${"é".repeat(251)}.pdf` }).originalFilename).toHaveLength(255);
    const long = thrown(() => start(world.people.complainantLawyer, { filename: `${"a".repeat(296)}.pdf` }));
    expect(long.code).toBe("invalid");
    expect(long.fieldErrors.filename).toMatch(/255 characters or fewer/);
    expect(thrown(() => start(world.people.complainantLawyer, { filename: "   " })).fieldErrors.filename).toMatch(/no name/);
  });
});

describe("getCompletedUploadForActor and discardUpload", () => {
  it("finds only the actor's own completed, unrefused, unused upload", () => {
    const upload = start(world.people.complainantLawyer);
    const ctx = testCtx(db, world.people.complainantLawyer);
    expect(thrown(() => getCompletedUploadForActor(ctx, upload.id)).code).toBe("not_found");
    complete(upload.id);
    expect(getCompletedUploadForActor(ctx, upload.id)).toMatchObject({ id: upload.id, sha256: "a".repeat(64), sizeBytes: 100 });
    expect(thrown(() => getCompletedUploadForActor(testCtx(db, world.people.complainantColleague), upload.id)).code).toBe("not_found");
    db.update(uploadSessions).set({ evidenceId: newId() }).where(eq(uploadSessions.id, upload.id)).run();
    expect(thrown(() => getCompletedUploadForActor(ctx, upload.id)).code).toBe("not_found");
  });

  it("lets the filer remove a completed upload, once, with an audit event", () => {
    const upload = start(world.people.complainantLawyer);
    complete(upload.id);
    expect(thrown(() => discardUpload(testCtx(db, world.people.complainantColleague), upload.id)).code).toBe("not_found");
    discardUpload(testCtx(db, world.people.complainantLawyer), upload.id);
    expect(row(upload.id).refusedReason).toBe(DISCARDED_REASON);
    expect(auditFor(upload.id).map((e) => e.action)).toEqual(["evidence.upload_discarded"]);
    expect(thrown(() => getCompletedUploadForActor(testCtx(db, world.people.complainantLawyer), upload.id)).code).toBe("not_found");
    expect(thrown(() => discardUpload(testCtx(db, world.people.complainantLawyer), upload.id)).code).toBe("not_found");
  });

  it("will not remove an upload that is already evidence", () => {
    const upload = start(world.people.complainantLawyer);
    complete(upload.id);
    db.update(uploadSessions).set({ evidenceId: newId() }).where(eq(uploadSessions.id, upload.id)).run();
    expect(thrown(() => discardUpload(testCtx(db, world.people.complainantLawyer), upload.id)).code).toBe("not_found");
  });
});

describe("sweepStaleUploads", () => {
  const hours = (n: number) => n * 3600_000;
  const write = (name: string, ageMs: number, now: Date) => {
    const file = path.join(uploadsDir, name);
    fs.writeFileSync(file, "partial");
    const at = new Date(now.getTime() - ageMs);
    fs.utimesSync(file, at, at);
    return file;
  };

  it("ends uploads with no bytes for 24 hours and cleans up leftovers, leaving live ones alone", async () => {
    const now = new Date(FIXED_NOW.getTime() + hours(30));
    const lawyer = world.people.complainantLawyer;
    const abandoned = start(lawyer);
    write(abandoned.id, hours(25), now);
    write(`${abandoned.id}.json`, hours(25), now);
    const slowButAlive = start(lawyer);
    write(slowButAlive.id, hours(1), now);
    const neverSentAByte = start(lawyer);
    const recent = start(lawyer, {}, new Date(now.getTime() - hours(2)));
    write(recent.id, hours(2), now);
    const finished = start(lawyer);
    complete(finished.id);
    write(`${finished.id}.json`, 0, now);
    const orphanOld = hexId();
    write(orphanOld, hours(48), now);
    const orphanNew = hexId();
    write(orphanNew, hours(1), now);

    const report = await sweepStaleUploads(db, uploadsDir, now);

    expect(row(abandoned.id).refusedReason).toBe(ABANDONED_REASON);
    expect(row(neverSentAByte.id).refusedReason).toBe(ABANDONED_REASON);
    expect(fs.existsSync(path.join(uploadsDir, abandoned.id))).toBe(false);
    expect(fs.existsSync(path.join(uploadsDir, `${abandoned.id}.json`))).toBe(false);
    expect(auditFor(abandoned.id).map((e) => e.action)).toEqual(["evidence.upload_abandoned"]);
    expect(auditFor(abandoned.id)[0]!.actorId).toBeNull();

    expect(row(slowButAlive.id).refusedReason).toBeNull();
    expect(fs.existsSync(path.join(uploadsDir, slowButAlive.id))).toBe(true);
    expect(row(recent.id).refusedReason).toBeNull();
    expect(fs.existsSync(path.join(uploadsDir, recent.id))).toBe(true);

    expect(row(finished.id).refusedReason).toBeNull();
    expect(fs.existsSync(path.join(uploadsDir, `${finished.id}.json`))).toBe(false);
    expect(fs.existsSync(path.join(uploadsDir, orphanOld))).toBe(false);
    expect(fs.existsSync(path.join(uploadsDir, orphanNew))).toBe(true);
    expect(report.abandoned).toBeGreaterThanOrEqual(2);

    // Running again finds nothing new to end.
    const again = await sweepStaleUploads(db, uploadsDir, now);
    expect(again.abandoned).toBe(0);
  });

  it("bounds the work of one call", async () => {
    const now = new Date(FIXED_NOW.getTime() + hours(60));
    for (let i = 0; i < 3; i += 1) start(world.people.respondentLawyer);
    const first = await sweepStaleUploads(db, uploadsDir, now, { limit: 2 });
    expect(first.abandoned).toBe(2);
  });
});
