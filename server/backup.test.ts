import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDatabase } from "@/db/backup";
import { openDatabase, type Db } from "@/db/client";
import { auditEvents, evidence, uploadSessions } from "@/db/schema";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { makeUploadTestWorld } from "@/domain/evidence/upload-test-world";
import { BackupError, restoreBackup, takeBackup, type BackupReport } from "./backup";
import { fileOneExhibit } from "./backup-test-load";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const LOAD_SCRIPT = path.join(process.cwd(), "server", "backup-test-load.ts");

let root: string;
let dataDir: string;
let db: Db;
let world: ReturnType<typeof makeUploadTestWorld>;
let caseId: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-backup-"));
  dataDir = path.join(root, "data");
  db = openDatabase(path.join(dataDir, "app.db"));
  world = makeUploadTestWorld(db);
  caseId = world.makeCase();
  for (let i = 1; i <= 6; i += 1) await fileOneExhibit(db, dataDir, world.people.complainantLawyer, caseId, `seed-${i}`, i % 3 !== 0);
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A writer in another process, with its own connection, filing evidence until stopped. */
function startLoad(): { child: ChildProcess; writes: () => number; waitForWrites: (n: number) => Promise<void>; stop: () => Promise<number | null> } {
  const child = spawn(TSX, [LOAD_SCRIPT], {
    env: { ...process.env, DATA_DIR: dataDir, LOAD_ACTOR: JSON.stringify(world.people.complainantLawyer), LOAD_CASE_ID: caseId, LOAD_MAX_WRITES: "500", LOAD_MAX_MS: "20000" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let writes = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let buffered = "";
  child.stdout!.on("data", (chunk) => {
    buffered += String(chunk);
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) writes = (JSON.parse(line) as { writes: number }).writes;
    for (const waiter of waiters.filter((w) => writes >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    child,
    writes: () => writes,
    waitForWrites: (n) =>
      new Promise<void>((resolve, reject) => {
        if (writes >= n) return resolve();
        waiters.push({ n, resolve });
        exited.then(() => reject(new Error(`the load process exited after ${writes} writes, before ${n}`)));
      }),
    stop: async () => {
      child.stdin!.end("stop\n");
      return exited;
    },
  };
}

describe("backup under load, then restore", () => {
  let report: BackupReport;
  let writesAtSnapshot = 0;
  let writesAfterBlobs = 0;
  const backupDir = () => path.join(root, "backup");
  const restoredDir = () => path.join(root, "restored");

  beforeAll(async () => {
    const load = startLoad();
    try {
      await load.waitForWrites(5);
      report = await takeBackup({
        dataDir,
        dest: backupDir(),
        onProgress: async (progress) => {
          if (progress.phase !== "database") return;
          // The dangerous window: rows and blobs written after the snapshot, before its blobs are copied.
          writesAtSnapshot = load.writes();
          await load.waitForWrites(writesAtSnapshot + 3);
        },
      });
      writesAfterBlobs = load.writes();
      await load.waitForWrites(writesAfterBlobs + 1);
    } finally {
      expect(await load.stop()).toBe(0);
    }
  }, 60_000);

  it("writes a manifest whose snapshot is a prefix of the live audit chain, taken while writes went on", () => {
    const { manifest } = report;
    expect(manifest.database.integrityCheck).toBe("ok");
    expect(manifest.database.auditChain.ok).toBe(true);
    expect(manifest.blobsNotBackedUp).toEqual([]);
    expect(writesAfterBlobs).toBeGreaterThanOrEqual(writesAtSnapshot + 3);

    // The live chain went on past the snapshot, and agrees with it at the snapshot's head.
    const headSeq = manifest.database.auditChain.headSeq!;
    const live = db.select().from(auditEvents).where(eq(auditEvents.seq, headSeq)).get()!;
    expect(live.hash).toBe(manifest.database.auditChain.headHash);
    expect(db.select({ n: count() }).from(auditEvents).get()!.n).toBeGreaterThan(headSeq);
    expect(verifyAuditChain(db).ok).toBe(true);

    // Exactly the blobs the snapshot refers to, none of those written after it.
    const referenced = describeDatabase(path.join(backupDir(), "app.db")).referencedBlobs.map((b) => b.sha256);
    expect(manifest.blobs.map((b) => b.sha256)).toEqual(referenced);
    expect(manifest.blobs.every((b) => b.referenced)).toBe(true);
    const liveBlobs = db.selectDistinct({ sha256: uploadSessions.sha256 }).from(uploadSessions).where(isNotNull(uploadSessions.sha256)).all();
    expect(liveBlobs.length).toBeGreaterThan(manifest.blobs.length);
    expect(manifest.database.counts.evidence).toBeGreaterThan(4); // the seeds and some of the load
  });

  it("restores into an absent DATA_DIR and everything verifies: integrity, audit chain, counts and every blob's hash", async () => {
    const restored = await restoreBackup({ src: backupDir(), dataDir: restoredDir() });
    expect(restored.integrityCheck).toBe("ok");
    expect(restored.auditChain).toMatchObject({ ok: true, headSeq: report.manifest.database.auditChain.headSeq, headHash: report.manifest.database.auditChain.headHash });
    expect(restored.counts).toEqual(report.manifest.database.counts);
    expect(fs.readdirSync(restoredDir()).sort()).toEqual(["app.db", "blobs"]);
    expect(fs.readdirSync(root).filter((name) => name.includes(".restore-"))).toEqual([]);

    // The app opens it as it would at start (WAL, migrations) and finds the same facts.
    const reopened = openDatabase(path.join(restoredDir(), "app.db"));
    try {
      expect(verifyAuditChain(reopened)).toMatchObject({ ok: true, checked: report.manifest.database.auditChain.events });
      expect(reopened.select({ n: count() }).from(evidence).get()!.n).toBe(report.manifest.database.counts.evidence);
      const blobs = new LocalBlobStore(path.join(restoredDir(), "blobs"));
      const items = reopened.select({ sha256: evidence.sha256 }).from(evidence).all();
      const uploads = reopened.select({ sha256: uploadSessions.sha256 }).from(uploadSessions).where(isNotNull(uploadSessions.completedAt)).all();
      expect(items.length).toBe(report.manifest.database.counts.evidence);
      for (const { sha256 } of [...items, ...uploads]) expect(await blobs.verify(sha256!)).toEqual({ status: "ok" });
    } finally {
      reopened.$client.close();
    }
  });

  it("refuses a DATA_DIR that is not empty, naming what is there, and leaves it untouched", async () => {
    const occupied = path.join(root, "occupied");
    fs.mkdirSync(occupied);
    fs.writeFileSync(path.join(occupied, "notes.txt"), "keep me");
    const error = await restoreBackup({ src: backupDir(), dataDir: occupied }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/DATA_DIR \(.*occupied\) is not empty: it holds notes\.txt\. Restore only into an empty folder/);
    expect(fs.readdirSync(occupied)).toEqual(["notes.txt"]);
  });

  it("refuses a backup with a tampered blob, naming it, and writes nothing", async () => {
    const tamperedBackup = path.join(root, "tampered-backup");
    fs.cpSync(backupDir(), tamperedBackup, { recursive: true });
    const victim = report.manifest.blobs[2]!.sha256;
    const file = path.join(tamperedBackup, "blobs", victim.slice(0, 2), victim);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const gone = report.manifest.blobs[3]!.sha256;
    fs.rmSync(path.join(tamperedBackup, "blobs", gone.slice(0, 2), gone));

    const target = path.join(root, "from-tampered");
    const error = await restoreBackup({ src: tamperedBackup, dataDir: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toContain("is damaged, so nothing was restored");
    expect((error as Error).message).toContain(`blob ${victim} was altered`);
    expect((error as Error).message).toContain(`blob ${gone} is missing`);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(root).filter((name) => name.includes(".restore-"))).toEqual([]);

    // An empty DATA_DIR that already exists stays empty.
    fs.mkdirSync(target);
    await expect(restoreBackup({ src: tamperedBackup, dataDir: target })).rejects.toThrow(BackupError);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it("refuses a database that does not match its manifest", async () => {
    const altered = path.join(root, "altered-db-backup");
    fs.cpSync(backupDir(), altered, { recursive: true });
    fs.appendFileSync(path.join(altered, "app.db"), Buffer.alloc(4096));
    const target = path.join(root, "from-altered-db");
    await expect(restoreBackup({ src: altered, dataDir: target })).rejects.toThrow(/app\.db does not match the manifest/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("refuses a backup folder without a manifest, as an interrupted backup", async () => {
    const interrupted = path.join(root, "interrupted");
    fs.cpSync(backupDir(), interrupted, { recursive: true });
    fs.rmSync(path.join(interrupted, "manifest.json"));
    await expect(restoreBackup({ src: interrupted, dataDir: path.join(root, "from-interrupted") })).rejects.toThrow(/is not a complete backup: it has no manifest\.json/);
  });

  it("refuses to back up into a folder that is not empty, and leaves it alone", async () => {
    await expect(takeBackup({ dataDir, dest: backupDir() })).rejects.toThrow(/The backup folder .* is not empty \(it holds app\.db, blobs, manifest\.json\)/);
    expect(fs.existsSync(path.join(backupDir(), "manifest.json"))).toBe(true);
  });
});

describe("backup of a DATA_DIR with a damaged blob", () => {
  it("still completes, records the missing and altered blobs in the manifest, and restore carries on without them", async () => {
    const damaged = path.join(root, "damaged-data");
    fs.cpSync(dataDir, damaged, { recursive: true });
    const referenced = describeDatabase(path.join(damaged, "app.db")).referencedBlobs.map((b) => b.sha256);
    const [missing, altered] = referenced as [string, string];
    fs.rmSync(path.join(damaged, "blobs", missing.slice(0, 2), missing));
    fs.writeFileSync(path.join(damaged, "blobs", altered.slice(0, 2), altered), "not the original bytes");
    const orphan = createHash("sha256").update("an orphan").digest("hex");
    fs.mkdirSync(path.join(damaged, "blobs", orphan.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(damaged, "blobs", orphan.slice(0, 2), orphan), "an orphan");
    fs.writeFileSync(path.join(damaged, "blobs", orphan.slice(0, 2), `${orphan.slice(0, 2)}${"0".repeat(62)}`), "misnamed");

    const { manifest } = await takeBackup({ dataDir: damaged, dest: path.join(root, "damaged-backup"), includeUnreferencedBlobs: true });
    expect(manifest.blobsNotBackedUp).toEqual([
      { sha256: missing, problem: "missing" },
      { sha256: altered, problem: "altered", actualSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    // The orphan is copied as unreferenced; the misnamed file, which does not hash to its name, is not.
    expect(manifest.blobs.filter((b) => !b.referenced)).toEqual([{ sha256: orphan, sizeBytes: 9, referenced: false }]);
    expect(manifest.blobs).toHaveLength(referenced.length - 2 + 1);

    const restored = await restoreBackup({ src: path.join(root, "damaged-backup"), dataDir: path.join(root, "damaged-restored") });
    expect(restored.blobsRestored).toBe(referenced.length - 2 + 1);
    expect(restored.manifest.blobsNotBackedUp).toHaveLength(2);
  });
});
