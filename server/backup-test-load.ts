// For backup tests only. Files evidence the way the app does (startUpload → bytes → completeUpload
// → submitEvidence, each with its audit events and blob), through its own connection. Run as a
// separate process by backup.test.ts, so writes land while a backup is being taken.
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { testCtx } from "@/db/testing";
import type { Actor } from "@/domain/context";
import { completeUpload } from "@/domain/evidence/complete-upload";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { submitEvidence } from "@/domain/evidence/submit-evidence";
import { minimalPdf } from "@/domain/evidence/testing-files";
import { startUpload } from "@/domain/evidence/uploads";
import { newId } from "@/domain/ids";

/** Uploads one PDF with distinct bytes and, when `submit`, files it as evidence. Returns its hash. */
export async function fileOneExhibit(db: Db, dataDir: string, actor: Actor, caseId: string, label: string, submit: boolean): Promise<string> {
  const ctx = testCtx(db, actor);
  const uploadId = newId().replaceAll("-", "");
  const bytes = minimalPdf(`${label} ${uploadId} ${"x".repeat(2000)}`);
  startUpload(ctx, { uploadId, caseId, filename: `${label}.pdf`, declaredSize: bytes.length });
  const uploads = path.join(dataDir, "uploads");
  fs.mkdirSync(uploads, { recursive: true });
  const filePath = path.join(uploads, uploadId);
  fs.writeFileSync(filePath, bytes);
  const result = await completeUpload(ctx, { uploadId, filePath }, new LocalBlobStore(path.join(dataDir, "blobs")));
  if (!result.ok) throw new Error(`upload refused: ${result.reason}`);
  if (submit) submitEvidence(ctx, { caseId, confidentiality: "parties", items: [{ uploadId, title: `Exhibit ${label}` }] });
  return result.sha256;
}

/** The child process: writes until told to stop on stdin, or until its bounds, reporting each write on stdout. */
async function runLoad(): Promise<void> {
  const dataDir = process.env.DATA_DIR!;
  const actor = JSON.parse(process.env.LOAD_ACTOR!) as Actor;
  const caseId = process.env.LOAD_CASE_ID!;
  const maxWrites = Number(process.env.LOAD_MAX_WRITES ?? 500);
  const deadline = performance.now() + Number(process.env.LOAD_MAX_MS ?? 10_000);
  const db = openDatabase(path.join(dataDir, "app.db"), { migrate: false });
  let stop = false;
  process.stdin.on("data", (chunk) => {
    if (String(chunk).includes("stop")) stop = true;
  });
  let writes = 0;
  while (!stop && writes < maxWrites && performance.now() < deadline) {
    await fileOneExhibit(db, dataDir, actor, caseId, `load-${writes + 1}`, writes % 2 === 0);
    writes += 1;
    process.stdout.write(`${JSON.stringify({ writes })}\n`);
  }
  db.$client.close();
  process.stdin.destroy();
}

if (process.env.LOAD_CASE_ID) {
  runLoad().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
