import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { auditEvents, evidence, integrityAlerts } from "@/db/schema";
import { FIXED_NOW } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { LocalBlobStore } from "./local-blob-store";
import { makeUploadTestWorld } from "./upload-test-world";
import { verifyEvidenceBlobs } from "./verify-blobs";

let dataDir: string;
let db: Db;
let blobs: LocalBlobStore;
let world: ReturnType<typeof makeUploadTestWorld>;
let caseId: string;
let exhibit = 0;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-verify-"));
  db = openDatabase(path.join(dataDir, "app.db"));
  blobs = new LocalBlobStore(path.join(dataDir, "blobs"));
  world = makeUploadTestWorld(db);
  caseId = world.makeCase();
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Stores the bytes and files them as an evidence item, as a submission would. */
async function file(content: string, filer: Actor = world.people.complainantLawyer): Promise<{ id: string; sha256: string }> {
  const source = path.join(dataDir, `source-${newId()}`);
  fs.writeFileSync(source, content);
  const { sha256, sizeBytes } = await blobs.putFile(source);
  const id = newId();
  exhibit += 1;
  db.insert(evidence)
    .values({
      id,
      caseId,
      filingSide: "complainant",
      filedBy: filer.id,
      exhibitNumber: `C-${String(exhibit).padStart(3, "0")}`,
      title: "Exhibit",
      description: "",
      originalFilename: "exhibit.txt",
      sizeBytes,
      contentType: "text/plain; charset=utf-8",
      sha256,
      confidentiality: "parties",
      status: "received",
      receivedAt: FIXED_NOW.toISOString(),
    })
    .run();
  return { id, sha256 };
}

const blobPath = (sha256: string) => path.join(dataDir, "blobs", sha256.slice(0, 2), sha256);

describe("verifyEvidenceBlobs", () => {
  it("reports intact blobs as intact", async () => {
    await file("one");
    await file("two");
    const report = await verifyEvidenceBlobs(db, blobs, () => FIXED_NOW);
    expect(report).toEqual({ checkedBlobs: 2, checkedItems: 2, problems: [] });
    expect(db.select().from(integrityAlerts).all()).toEqual([]);
  });

  it("finds altered and missing blobs and raises an alert for every item using them", async () => {
    await file("intact");
    const altered = await file("altered");
    const sharing = await file("altered"); // the same bytes filed twice share one blob
    const missing = await file("missing");
    fs.writeFileSync(blobPath(altered.sha256), "tampered");
    fs.rmSync(blobPath(missing.sha256));

    const report = await verifyEvidenceBlobs(db, blobs, () => FIXED_NOW);

    expect(report.checkedBlobs).toBe(3);
    expect(report.checkedItems).toBe(4);
    const bySha = new Map(report.problems.map((p) => [p.sha256, p]));
    expect(bySha.get(altered.sha256)).toMatchObject({ problem: "mismatch", actualSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(bySha.get(altered.sha256)!.items.map((i) => i.evidenceId).sort()).toEqual([altered.id, sharing.id].sort());
    expect(bySha.get(missing.sha256)).toMatchObject({ problem: "missing", actualSha256: null, items: [{ evidenceId: missing.id, exhibitNumber: expect.stringMatching(/^C-\d{3}$/) }] });

    const alerts = db.select().from(integrityAlerts).all();
    expect(alerts.map((a) => [a.evidenceId, a.problem, a.detectedBy]).sort()).toEqual(
      [
        [altered.id, "mismatch", "verify"],
        [sharing.id, "mismatch", "verify"],
        [missing.id, "missing", "verify"],
      ].sort(),
    );
    expect(db.select().from(auditEvents).all().filter((e) => e.action === "evidence.integrity_failed")).toHaveLength(3);
  });
});

describe("npm run evidence:verify", () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/evidence-verify.ts"], { cwd: process.cwd(), env: { ...process.env, ...env } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("exits 0 when all is intact and 1 naming the exhibit when a blob is missing", async () => {
    await file("kept");
    const lost = await file("lost");
    const intact = await run({ DATA_DIR: dataDir });
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/All intact: 2 blobs checked for 2 evidence items/);

    fs.rmSync(blobPath(lost.sha256));
    const broken = await run({ DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`MISSING: blob ${lost.sha256}`);
    expect(broken.stderr).toMatch(/case IPC-2026-\d+, exhibit C-\d{3}/);
  }, 60_000);

  it("exits 2 when there is no database", async () => {
    const result = await run({ DATA_DIR: path.join(dataDir, "nowhere") });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No database at/);
  }, 60_000);
});
