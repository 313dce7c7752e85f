// `npm run test:resilience [-- --rounds 50 --seed 1234 --keep --max-minutes 10]`
//
// Kills the evidence and case-write server with SIGKILL at a random moment during uploads,
// submissions and bursts of case writes, starts it again, and checks that nothing it acknowledged
// was lost and nothing it left behind is broken:
//   - PRAGMA integrity_check is "ok" (and foreign_key_check finds nothing);
//   - every acknowledged upload (final PATCH 204 with the right X-Upload-Sha256) is a completed
//     upload session with that hash and size, and its blob exists and re-hashes to it;
//   - every acknowledged submission's evidence rows exist with their hashes, over intact blobs;
//   - every acknowledged case write (note, clock stop/restart) is in the database;
//   - no evidence or upload_sessions row names a blob that is not there;
//   - the audit chain verifies;
//   - no blob temp file survives the restart's sweep, and tus leaves no files for finished uploads;
//   - an upload cut off by the kill resumes after the restart from the server's offset (never less
//     than the last acknowledged one) and finishes with the right hash.
// The server is scripts/resilience/crash-server.ts (see there for why a harness, not `next start`).
// Every wait has a timeout and the whole run a budget; the first failure stops the run and prints
// the round and the seed, which replays the same plan (the kill lands wherever the timing puts it).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { verifyAuditChain } from "../../domain/audit/verify-chain";
import { LocalBlobStore } from "../../domain/evidence/local-blob-store";

const root = process.cwd();
const SERVER_SCRIPT = path.join(root, "scripts", "resilience", "crash-server.ts");
const KiB = 1024;
const MiB = 1024 * KiB;
const CASE_ID = "crash-case";
const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const BURST_SETTLE_TIMEOUT_MS = 60_000;
const MAX_WRITES_PER_WRITER = 400;

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  rounds: number;
  seed: number;
  keep: boolean;
  maxMinutes: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === name) return argv[i + 1];
      if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
    }
    return undefined;
  };
  const integer = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isSafeInteger(parsed) || parsed < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}".`);
    return parsed;
  };
  return {
    rounds: integer("--rounds", 50, 1),
    seed: integer("--seed", Math.floor(Math.random() * 2 ** 31), 0),
    keep: argv.includes("--keep"),
    maxMinutes: integer("--max-minutes", 10, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// A deterministic PRNG (mulberry32), for the plan and for file contents

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PDF-looking file (the sniffer accepts it as a PDF) of `size` bytes, the same for the same seed. */
function fileContent(seed: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  const words = new Uint32Array(buffer.buffer, buffer.byteOffset, Math.floor(size / 4));
  let a = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    // xorshift32: fast enough to make 8 MB in a few milliseconds.
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    words[i] = a >>> 0;
  }
  buffer.write("%PDF-1.7\n", 0, "latin1");
  return buffer;
}

const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

// ---------------------------------------------------------------------------------------------
// What the server acknowledged, and what was cut off

interface PlannedUpload {
  contentSeed: number;
  size: number;
  sha256: string;
  chunkBytes: number;
  filename: string;
  id: string | null;
  /** The Upload-Offset of the last 204 the server sent (what it promised to keep). */
  ackedOffset: number;
  /** The PATCH carrying the last byte was sent, so the server may have finished the upload without answering. */
  finalPatchSent: boolean;
  round: number;
}

interface AckedUpload {
  uploadId: string;
  sha256: string;
  size: number;
  round: number;
  resumed: boolean;
}
interface AckedEvidence {
  evidenceId: string;
  submissionId: string;
  sha256: string;
  round: number;
}
interface AckedWrite {
  kind: "note" | "clock";
  id: string;
  detail: string;
  round: number;
}

const state = {
  ackedUploads: new Map<string, AckedUpload>(),
  ackedEvidence: [] as AckedEvidence[],
  ackedWrites: [] as AckedWrite[],
  /** Acknowledged uploads not yet (knowingly) filed as evidence. */
  submittable: [] as string[],
  /** Created (201 acknowledged) but not acknowledged as finished. */
  interrupted: new Map<string, PlannedUpload>(),
  counts: { resumed: 0, resumedAcrossTwoCrashes: 0, completedWithoutAck: 0, lostBeforeAck: 0, headSaidComplete: 0, kills: 0, killsDuringUpload: 0, startMs: [] as number[], spawnToReadyMs: [] as number[], tempFilesSwept: 0, blobCopyStarts: 0 },
};

class CrashTestFailure extends Error {}
const fail = (message: string): never => {
  throw new CrashTestFailure(message);
};

// ---------------------------------------------------------------------------------------------
// The server process

interface RunningServer {
  child: ChildProcess;
  origin: string;
  blobCopy: boolean;
  exited: Promise<void>;
  killed: boolean;
}

const serverLog: string[] = [];
function logLine(line: string): void {
  serverLog.push(line);
  if (serverLog.length > 60) serverLog.shift();
}

async function startServer(dataDir: string, blobCopy: boolean): Promise<RunningServer> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a child process, which SIGKILL
  // to the CLI would leave running.
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_SCRIPT], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", CRASH_BLOB_COPY: blobCopy ? "1" : "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<{ port: number; startMs: number; tempFilesRemoved: number }>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new CrashTestFailure(`the server did not say it was ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        logLine(`[stdout] ${line}`);
        if (line.startsWith('{"ready":true')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { port: number; startMs: number; tempFilesRemoved: number });
        }
      }
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => chunk.split("\n").filter(Boolean).forEach((line) => logLine(`[stderr] ${line}`)));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new CrashTestFailure(`the server exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  const { port, startMs, tempFilesRemoved } = await ready;
  state.counts.startMs.push(startMs);
  state.counts.tempFilesSwept += tempFilesRemoved;
  if (blobCopy) state.counts.blobCopyStarts += 1;
  state.counts.spawnToReadyMs.push(Math.round(performance.now() - spawnedAt));
  return { child, origin: `http://127.0.0.1:${port}`, blobCopy, exited, killed: false };
}

async function stopServer(server: RunningServer, signal: NodeJS.Signals): Promise<void> {
  server.killed = true;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await withTimeout(server.exited, EXIT_TIMEOUT_MS, `the server did not exit within ${EXIT_TIMEOUT_MS / 1000} s of ${signal}`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new CrashTestFailure(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to it: tus over plain fetch, /submit, /write

/** Thrown when a request died with the server: expected only once the kill was sent. */
class Interrupted extends Error {}

async function request(server: RunningServer, pathname: string, init: RequestInit & { actor: "lawyer" | "caseworker" }): Promise<Response> {
  const { actor, ...rest } = init;
  try {
    return await fetch(`${server.origin}${pathname}`, {
      ...rest,
      headers: { ...(rest.headers as Record<string, string>), "X-Crash-Actor": actor },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    if (server.killed) throw new Interrupted(String(error));
    return fail(`${init.method ?? "GET"} ${pathname} failed while the server was meant to be up: ${String((error as Error).cause ?? error)}`);
  }
}

/** Reads a body, which the kill can also cut off. */
async function bodyText(server: RunningServer, response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (server.killed) throw new Interrupted(String(error));
    throw error;
  }
}

const TUS = { "Tus-Resumable": "1.0.0" };
const encodeMetadata = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString("base64")}`)
    .join(",");

async function createUpload(server: RunningServer, upload: PlannedUpload): Promise<void> {
  const response = await request(server, "/api/uploads", {
    method: "POST",
    actor: "lawyer",
    headers: { ...TUS, "Upload-Length": String(upload.size), "Upload-Metadata": encodeMetadata({ caseId: CASE_ID, filename: upload.filename, filetype: "application/pdf" }) },
  });
  const text = await bodyText(server, response);
  if (response.status !== 201) fail(`creating upload ${upload.filename} answered ${response.status}: ${text}`);
  upload.id = response.headers.get("location")!.split("/").pop()!;
  state.interrupted.set(upload.id, upload);
}

/** PATCHes from `offset` to the end in the upload's chunks; returns the final response's hash header. */
async function sendFrom(server: RunningServer, upload: PlannedUpload, content: Buffer, offset: number): Promise<void> {
  while (offset < upload.size) {
    const end = Math.min(upload.size, offset + upload.chunkBytes);
    const final = end === upload.size;
    if (final) upload.finalPatchSent = true;
    const response = await request(server, `/api/uploads/${upload.id}`, {
      method: "PATCH",
      actor: "lawyer",
      headers: { ...TUS, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(content.buffer as ArrayBuffer, content.byteOffset + offset, end - offset),
    });
    const text = await bodyText(server, response);
    if (response.status !== 204) fail(`PATCH of upload ${upload.id} at ${offset} answered ${response.status}: ${text}`);
    const newOffset = Number(response.headers.get("upload-offset"));
    if (newOffset !== end) fail(`PATCH of upload ${upload.id} at ${offset} with ${end - offset} bytes answered offset ${newOffset}`);
    upload.ackedOffset = newOffset;
    offset = newOffset;
    if (final) {
      const sha256 = response.headers.get("x-upload-sha256");
      if (sha256 !== upload.sha256) fail(`upload ${upload.id} finished with hash ${sha256}, but its bytes hash to ${upload.sha256}`);
    }
  }
}

function acknowledgeUpload(upload: PlannedUpload, resumed: boolean, round: number): void {
  state.interrupted.delete(upload.id!);
  state.ackedUploads.set(upload.id!, { uploadId: upload.id!, sha256: upload.sha256, size: upload.size, round, resumed });
  state.submittable.push(upload.id!);
}

async function upload(server: RunningServer, planned: PlannedUpload, round: number): Promise<string> {
  await createUpload(server, planned);
  await sendFrom(server, planned, fileContent(planned.contentSeed, planned.size), 0);
  acknowledgeUpload(planned, false, round);
  return planned.id!;
}

async function submit(server: RunningServer, uploadIds: string[], confidentiality: string, round: number): Promise<void> {
  if (uploadIds.length === 0) return;
  const response = await request(server, "/submit", { method: "POST", actor: "lawyer", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uploadIds, confidentiality }) });
  const text = await bodyText(server, response);
  if (response.status !== 200) fail(`submitting ${uploadIds.join(", ")} answered ${response.status}: ${text}`);
  const result = JSON.parse(text) as { submissionId: string; items: { evidenceId: string; sha256: string }[] };
  const expected = uploadIds.map((id) => state.ackedUploads.get(id)!.sha256).sort();
  const got = result.items.map((item) => item.sha256).sort();
  if (JSON.stringify(expected) !== JSON.stringify(got)) fail(`submission ${result.submissionId} answered hashes ${got.join(", ")} for uploads hashing to ${expected.join(", ")}`);
  for (const item of result.items) state.ackedEvidence.push({ evidenceId: item.evidenceId, submissionId: result.submissionId, sha256: item.sha256, round });
}

async function writer(server: RunningServer, rng: () => number, round: number, writerIndex: number): Promise<void> {
  for (let n = 0; n < MAX_WRITES_PER_WRITER && !server.killed; n++) {
    const kind = rng() < 0.6 ? "note" : "clock";
    const token = `r${round}-w${writerIndex}-${n}`;
    const response = await request(server, "/write", { method: "POST", actor: "caseworker", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind, token }) });
    const text = await bodyText(server, response);
    if (response.status !== 200) fail(`write ${token} (${kind}) answered ${response.status}: ${text}`);
    const result = JSON.parse(text) as { kind: "note" | "clock"; id?: string; body?: string; eventKind?: string };
    if (!result.id) fail(`write ${token} (${kind}) answered 200 without the id it wrote: ${text}`);
    state.ackedWrites.push({ kind: result.kind, id: result.id!, detail: result.kind === "note" ? result.body! : result.eventKind!, round });
  }
}

/** Anything but a death by the kill is a failure. */
async function tolerateKill(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// One round's load, cut off by SIGKILL

function planUpload(rng: () => number, round: number, index: number): PlannedUpload {
  // 64 KB to 8 MB, spread evenly over the sizes' logarithm so small and large both come up.
  const size = Math.round(64 * KiB * Math.pow(128, rng()));
  const contentSeed = Math.floor(rng() * 2 ** 31) + 1;
  const chunkChoices = [256 * KiB, MiB, 2 * MiB, 4 * MiB, 8 * MiB];
  return {
    contentSeed,
    size,
    sha256: sha256Of(fileContent(contentSeed, size)),
    chunkBytes: chunkChoices[Math.floor(rng() * chunkChoices.length)]!,
    filename: `round-${round}-exhibit-${index}.pdf`,
    id: null,
    ackedOffset: 0,
    finalPatchSent: false,
    round,
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const CONFIDENTIALITY = ["public", "parties", "restricted"] as const;

async function loadAndKill(server: RunningServer, rng: () => number, round: number): Promise<void> {
  const uploads = Array.from({ length: 1 + Math.floor(rng() * 4) }, (_, i) => planUpload(rng, round, i));
  const writerSeeds = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => Math.floor(rng() * 2 ** 31));
  const killAfterMs = 5 + Math.floor(rng() * 796);
  const submitRightAway = uploads.map(() => rng() < 0.5);
  const leftovers = state.submittable.splice(0, Math.min(state.submittable.length, 1 + Math.floor(rng() * 3)));
  const confidentiality = Array.from({ length: uploads.length + 1 }, () => pick(rng, CONFIDENTIALITY));

  const work = [
    ...uploads.map((planned, i) =>
      tolerateKill(
        (async () => {
          const id = await upload(server, planned, round);
          if (submitRightAway[i]) {
            state.submittable.splice(state.submittable.indexOf(id), 1);
            await submit(server, [id], confidentiality[i]!, round);
          }
        })(),
      ),
    ),
    tolerateKill(submit(server, leftovers, confidentiality[uploads.length]!, round)),
    ...writerSeeds.map((seed, i) => tolerateKill(writer(server, prng(seed), round, i))),
  ];
  const settled = Promise.allSettled(work);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  state.counts.kills += 1;
  if (uploads.some((planned) => planned.id === null || state.interrupted.has(planned.id))) state.counts.killsDuringUpload += 1;
  await stopServer(server, "SIGKILL");
  const outcomes = await withTimeout(settled, BURST_SETTLE_TIMEOUT_MS, "requests to the killed server did not all end");
  for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
}

// ---------------------------------------------------------------------------------------------
// Checks, on the database and the files the killed server left (after the restart's recovery)

interface Inspector {
  sqlite: Database.Database;
  db: Db;
  blobs: LocalBlobStore;
  close(): void;
}

function inspect(dataDir: string): Inspector {
  // Read-only, beside the idle restarted server, as `npm run audit:verify` opens it.
  const sqlite = new Database(path.join(dataDir, "app.db"), { readonly: true, fileMustExist: true });
  return { sqlite, db: drizzle(sqlite, { schema }) as Db, blobs: new LocalBlobStore(path.join(dataDir, "blobs")), close: () => sqlite.close() };
}

interface Checked {
  uploads: number;
  evidence: number;
  writes: number;
  rehashed: number;
}

async function verify(dataDir: string, rehashRoundsFrom: number): Promise<Checked> {
  const inspector = inspect(dataDir);
  const { sqlite, blobs } = inspector;
  const checked: Checked = { uploads: 0, evidence: 0, writes: 0, rehashed: 0 };
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") fail(`PRAGMA integrity_check answered ${JSON.stringify(integrity)}`);
    const foreignKeyProblems = sqlite.pragma("foreign_key_check") as unknown[];
    if (foreignKeyProblems.length > 0) fail(`PRAGMA foreign_key_check found ${JSON.stringify(foreignKeyProblems.slice(0, 5))}`);

    const chain = verifyAuditChain(inspector.db);
    if (!chain.ok) fail(`the audit chain is broken at event ${chain.brokenAt}: ${chain.problem}`);

    const rehashed = new Set<string>();
    const rehash = async (sha256: string, what: string) => {
      if (rehashed.has(sha256)) return;
      const verdict = await blobs.verify(sha256);
      if (verdict.status !== "ok") fail(`${what}: its blob ${sha256} is ${verdict.status === "missing" ? "missing" : `altered (now ${verdict.actualSha256})`}`);
      rehashed.add(sha256);
    };

    const session = sqlite.prepare("SELECT completed_at, sha256, size_bytes, refused_reason, evidence_id FROM upload_sessions WHERE id = ?");
    for (const acked of state.ackedUploads.values()) {
      const row = session.get(acked.uploadId) as { completed_at: string | null; sha256: string | null; size_bytes: number | null; refused_reason: string | null } | undefined;
      if (!row) fail(`acknowledged upload ${acked.uploadId} (round ${acked.round}) has no upload session`);
      if (!row!.completed_at || row!.sha256 !== acked.sha256 || row!.size_bytes !== acked.size || row!.refused_reason !== null) {
        fail(`acknowledged upload ${acked.uploadId} (round ${acked.round}) is recorded as ${JSON.stringify(row)}, not completed with ${acked.sha256} and ${acked.size} bytes`);
      }
      if (acked.round >= rehashRoundsFrom) await rehash(acked.sha256, `acknowledged upload ${acked.uploadId}`);
      else if (fs.statSync(blobs.pathFor(acked.sha256), { throwIfNoEntry: false })?.size !== acked.size) fail(`acknowledged upload ${acked.uploadId}: its blob is missing or the wrong size`);
      checked.uploads += 1;
    }

    const evidenceRow = sqlite.prepare("SELECT sha256, submission_id FROM evidence WHERE id = ?");
    const filedEvent = sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'evidence.filed' AND subject = ?");
    for (const acked of state.ackedEvidence) {
      const row = evidenceRow.get(acked.evidenceId) as { sha256: string; submission_id: string } | undefined;
      if (!row || row.sha256 !== acked.sha256 || row.submission_id !== acked.submissionId) fail(`acknowledged evidence ${acked.evidenceId} (round ${acked.round}) is ${row ? JSON.stringify(row) : "missing"}`);
      if ((filedEvent.get(`evidence:${acked.evidenceId}`) as { n: number }).n !== 1) fail(`acknowledged evidence ${acked.evidenceId} has no evidence.filed audit event`);
      if (acked.round >= rehashRoundsFrom) await rehash(acked.sha256, `acknowledged evidence ${acked.evidenceId}`);
      else if (!blobs.has(acked.sha256)) fail(`acknowledged evidence ${acked.evidenceId}: its blob is missing`);
      checked.evidence += 1;
    }

    const notes = new Map((sqlite.prepare("SELECT id, body FROM case_notes").all() as { id: string; body: string }[]).map((row) => [row.id, row.body]));
    const noteEvents = new Set((sqlite.prepare("SELECT subject FROM audit_events WHERE action = 'case.note_added'").all() as { subject: string }[]).map((row) => row.subject));
    const clock = new Map((sqlite.prepare("SELECT id, kind FROM clock_events").all() as { id: string; kind: string }[]).map((row) => [row.id, row.kind]));
    for (const acked of state.ackedWrites) {
      if (acked.kind === "note") {
        if (notes.get(acked.id) !== acked.detail) fail(`acknowledged note ${acked.id} (round ${acked.round}) is ${notes.has(acked.id) ? "altered" : "missing"}`);
        if (!noteEvents.has(`note:${acked.id}`)) fail(`acknowledged note ${acked.id} has no audit event`);
      } else if (clock.get(acked.id) !== acked.detail) {
        fail(`acknowledged clock ${acked.detail} ${acked.id} (round ${acked.round}) is ${clock.has(acked.id) ? `recorded as ${clock.get(acked.id)}` : "missing"}`);
      }
      checked.writes += 1;
    }

    // Every row that names a blob, acknowledged or not.
    const named = sqlite.prepare("SELECT 'evidence ' || id AS what, sha256 FROM evidence UNION ALL SELECT 'upload ' || id, sha256 FROM upload_sessions WHERE sha256 IS NOT NULL").all() as { what: string; sha256: string }[];
    for (const row of named) if (!blobs.has(row.sha256)) fail(`${row.what} names blob ${row.sha256}, which is not there`);

    const temps = fs.existsSync(blobs.root) ? fs.readdirSync(blobs.root).filter((name) => name.startsWith(".tmp-")) : [];
    if (temps.length > 0) fail(`the restart's sweep left ${temps.length} blob temp file(s): ${temps.slice(0, 3).join(", ")}`);

    // tus's files for an upload that has finished (or been refused) go in the restart's sweep.
    const uploadsDir = path.join(dataDir, "uploads");
    const leftovers = new Set((fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : []).map((name) => name.replace(/\.json$/, "")));
    const finished = sqlite.prepare("SELECT completed_at, refused_reason FROM upload_sessions WHERE id = ?");
    for (const id of leftovers) {
      const row = finished.get(id) as { completed_at: string | null; refused_reason: string | null } | undefined;
      if (row && (row.completed_at !== null || row.refused_reason !== null)) fail(`upload ${id} has finished but its tus files are still in uploads/ after the restart's sweep`);
    }
    checked.rehashed = rehashed.size;
    return checked;
  } finally {
    inspector.close();
  }
}

/**
 * After a restart, the uploads to file next: acknowledged ones not yet evidence. A submission the
 * kill cut off may or may not have committed, so the database says which.
 */
function reconcileSubmittable(dataDir: string): void {
  const inspector = inspect(dataDir);
  try {
    const session = inspector.sqlite.prepare("SELECT evidence_id FROM upload_sessions WHERE id = ?");
    state.submittable = [...state.ackedUploads.keys()].filter((id) => (session.get(id) as { evidence_id: string | null } | undefined)?.evidence_id === null);
  } finally {
    inspector.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Resuming what the kill cut off

async function resume(server: RunningServer, dataDir: string, planned: PlannedUpload, round: number): Promise<void> {
  const head = await request(server, `/api/uploads/${planned.id}`, { method: "HEAD", actor: "lawyer", headers: TUS });
  const inspector = inspect(dataDir);
  let row: { completed_at: string | null; sha256: string | null; refused_reason: string | null } | undefined;
  try {
    row = inspector.sqlite.prepare("SELECT completed_at, sha256, refused_reason FROM upload_sessions WHERE id = ?").get(planned.id) as typeof row;
  } finally {
    inspector.close();
  }
  if (head.status === 404 || head.status === 410) {
    state.interrupted.delete(planned.id!);
    if (row?.completed_at) {
      // The server finished it and died before answering: complete, with the right hash, just unacknowledged.
      if (row.sha256 !== planned.sha256) fail(`upload ${planned.id} was completed unacknowledged with hash ${row.sha256}, but its bytes hash to ${planned.sha256}`);
      state.counts.completedWithoutAck += 1;
      return;
    }
    // Gone without completing is acceptable only if the last byte had been sent (the server died
    // finishing it). Bytes it had acknowledged short of that must still be there to resume from.
    if (!planned.finalPatchSent) fail(`upload ${planned.id} answered ${head.status} after the restart, although only ${planned.ackedOffset} of ${planned.size} bytes had been sent and acknowledged`);
    state.counts.lostBeforeAck += 1;
    return;
  }
  if (head.status !== 200) fail(`HEAD of interrupted upload ${planned.id} answered ${head.status}: ${await head.text()}`);
  const offset = Number(head.headers.get("upload-offset"));
  const length = Number(head.headers.get("upload-length"));
  if (length !== planned.size) fail(`HEAD of upload ${planned.id} gave Upload-Length ${length}, not ${planned.size}`);
  if (!(offset >= planned.ackedOffset && offset <= planned.size)) fail(`HEAD of upload ${planned.id} gave offset ${offset}, but ${planned.ackedOffset} had been acknowledged (size ${planned.size})`);
  if (offset === planned.size) {
    // tus-js-client (the browser) takes this as "finished" and sends nothing more; the upload must
    // then really be finished, or the filer is shown a file that cannot be submitted.
    state.counts.headSaidComplete += 1;
    const hash = head.headers.get("x-upload-sha256");
    if (!row?.completed_at) fail(`HEAD of upload ${planned.id} says all ${planned.size} bytes arrived, so a tus client stops there, but the upload was never completed (session ${JSON.stringify(row)})`);
    if (row!.sha256 !== planned.sha256 || (hash !== null && hash !== planned.sha256)) fail(`upload ${planned.id} completed with hash ${row!.sha256}, but its bytes hash to ${planned.sha256}`);
    acknowledgeUpload(planned, true, round);
    state.counts.resumed += 1;
    return;
  }
  if (round > planned.round + 1) state.counts.resumedAcrossTwoCrashes += 1;
  planned.finalPatchSent = false;
  await sendFrom(server, planned, fileContent(planned.contentSeed, planned.size), offset);
  acknowledgeUpload(planned, true, round);
  state.counts.resumed += 1;
}

// ---------------------------------------------------------------------------------------------

const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function runTool(script: string, dataDir: string): void {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) fail(`${script} exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  console.log(`  ${script}: ${(result.stdout.trim().split("\n").pop() ?? "").trim()}`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const budgetMs = options.maxMinutes * 60_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-crash-"));
  const rng = prng(options.seed);
  console.log(`Crash test: ${options.rounds} rounds, seed ${options.seed}, DATA_DIR ${dataDir}`);

  let round = 0;
  let server: RunningServer | null = null;
  const killOnExit = () => server?.child.kill("SIGKILL");
  process.on("exit", killOnExit);
  let checked: Checked = { uploads: 0, evidence: 0, writes: 0, rehashed: 0 };
  let rehashedTotal = 0;
  try {
    server = await startServer(dataDir, rng() < 0.5);
    for (round = 1; round <= options.rounds; round++) {
      if (performance.now() - started > budgetMs) fail(`the run took longer than its ${options.maxMinutes}-minute budget`);
      await loadAndKill(server, rng, round);
      server = await startServer(dataDir, rng() < 0.5);
      reconcileSubmittable(dataDir);
      // Re-hashes what was acknowledged since the last check (this round's, and the last round's resumes).
      checked = await verify(dataDir, round - 1);
      rehashedTotal += checked.rehashed;

      // Resume some of what was cut off (some uploads wait through another crash first).
      const resumeAll = round === options.rounds;
      for (const planned of [...state.interrupted.values()]) {
        if (resumeAll || rng() < 0.6) await resume(server, dataDir, planned, round);
      }
      if (round % 10 === 0 || round === options.rounds) {
        console.log(
          `  round ${round}: ${checked.uploads} uploads, ${checked.evidence} evidence items, ${checked.writes} writes verified; ${state.counts.resumed} resumed; ${Math.round((performance.now() - started) / 1000)} s`,
        );
      }
    }
    round = options.rounds;
    // The resumed uploads of the last round, and everything ever acknowledged, re-hashed once more
    // after a clean stop; then the operators' own tools over the same DATA_DIR.
    await stopServer(server, "SIGTERM");
    server = null;
    checked = await verify(dataDir, 0);
    runTool("scripts/audit-verify.ts", dataDir);
    runTool("scripts/evidence-verify.ts", dataDir);
  } catch (error) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`\nCRASH TEST FAILED in round ${round} of ${options.rounds} (seed ${options.seed}, after ${seconds} s):`);
    console.error(`  ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof CrashTestFailure) && error instanceof Error) console.error(error.stack);
    console.error(`Replay with: npm run test:resilience -- --rounds ${options.rounds} --seed ${options.seed}`);
    console.error(`The data is kept in ${dataDir}. Last lines from the server:\n${serverLog.map((line) => `    ${line}`).join("\n")}`);
    if (server) await stopServer(server, "SIGKILL").catch(() => {});
    return 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const starts = state.counts.startMs;
  console.log(
    [
      `Crash test passed: ${options.rounds} rounds (seed ${options.seed}) in ${elapsed.toFixed(1)} s.`,
      `  ${state.counts.kills} SIGKILLs (${state.counts.killsDuringUpload} with an upload in flight); restart to ready ${Math.round(average(state.counts.spawnToReadyMs))} ms on average (of which migrations, fixture check and sweeps ${Math.round(average(starts))} ms).`,
      `  Acknowledged and verified: ${checked.uploads} uploads, ${checked.evidence} evidence items, ${checked.writes} case writes (${state.ackedWrites.filter((w) => w.kind === "note").length} notes, ${state.ackedWrites.filter((w) => w.kind === "clock").length} clock stops/restarts).`,
      `  Blob re-hashes: ${rehashedTotal} after each round's restart, ${checked.rehashed} in the final pass. ${state.counts.blobCopyStarts} of ${starts.length} server starts stored blobs by copying; ${state.counts.tempFilesSwept} blob temp files left by kills were swept at restart.`,
      `  Interrupted uploads: ${state.counts.resumed} resumed to the right hash after a restart (${state.counts.resumedAcrossTwoCrashes} after sitting through another crash, ${state.counts.headSaidComplete} already complete), ${state.counts.completedWithoutAck} completed by the server just before the kill, ${state.counts.lostBeforeAck} lost while the server was finishing them (never acknowledged).`,
    ].join("\n"),
  );
  console.log(`resilience: ${options.rounds} passed, 0 failed`);
  if (options.keep) console.log(`Data kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
