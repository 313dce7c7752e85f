import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { z } from "zod";
import { describeDatabase, snapshotDatabase, type DatabaseFacts } from "@/db/backup";
import { DomainError } from "@/domain/errors";
import type { BlobStore } from "@/domain/evidence/blob-store";
import { isSha256Hex, LocalBlobStore } from "@/domain/evidence/local-blob-store";

// No "server-only" marker: run by `npm run backup` / `npm run restore` under plain node.

export const MANIFEST_FILE = "manifest.json";
export const DATABASE_FILE = "app.db";
export const BLOBS_FOLDER = "blobs";
export const BACKUP_FORMAT = "ip-casework-backup";
export const BACKUP_FORMAT_VERSION = 1;

const COPY_CHUNK_BYTES = 1024 * 1024;
const LISTED_PROBLEMS = 20;

/** A backup or restore that cannot go ahead, with a message that says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const BlobProblem = z.object({ sha256: Sha256, problem: z.enum(["missing", "altered"]), actualSha256: Sha256.optional() });
export type BlobProblem = z.infer<typeof BlobProblem>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  database: z.object({
    file: z.literal(DATABASE_FILE),
    sha256: Sha256,
    sizeBytes: z.number().int().nonnegative(),
    integrityCheck: z.string(),
    auditChain: z.object({ ok: z.boolean(), events: z.number().int().nonnegative(), headSeq: z.number().int().nullable(), headHash: z.string().nullable(), problem: z.string().optional() }),
    counts: z.object({ cases: z.number().int(), evidence: z.number().int(), auditEvents: z.number().int() }),
  }),
  blobs: z.array(z.object({ sha256: Sha256, sizeBytes: z.number().int().nonnegative(), referenced: z.boolean() })),
  /** Blobs the database points at that were missing or altered in DATA_DIR, so are not in the backup. */
  blobsNotBackedUp: z.array(BlobProblem),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export type BackupProgress = { phase: "database"; pages: number } | { phase: "blobs"; done: number; total: number };

export interface TakeBackupOptions {
  dataDir: string;
  dest: string;
  /** Also copy blobs no row points at (uploads never submitted are referenced; these are orphans). */
  includeUnreferencedBlobs?: boolean;
  /** Awaited, so a caller can pace the backup (tests use it to write between snapshot and blobs). */
  onProgress?: (progress: BackupProgress) => void | Promise<void>;
  clock?: () => Date;
}

export interface BackupReport {
  dest: string;
  manifest: BackupManifest;
}

/**
 * Takes a consistent backup of DATA_DIR while the app keeps serving writes: first a snapshot of the
 * database through SQLite's backup API, then every blob that snapshot points at (blobs are written
 * before the rows that name them and never change, so they are all there), each hashed as it is
 * copied and fsynced. The manifest is written last, atomically: a backup folder without
 * manifest.json is an interrupted one.
 */
export async function takeBackup(options: TakeBackupOptions): Promise<BackupReport> {
  const dataDir = path.resolve(options.dataDir);
  const dest = path.resolve(options.dest);
  const sourceDb = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(sourceDb)) throw new BackupError(`There is no database at ${sourceDb}. Set DATA_DIR to the folder that holds app.db and blobs/.`);
  if (isInside(dest, dataDir)) throw new BackupError(`The backup folder ${dest} is inside DATA_DIR (${dataDir}). Choose a folder outside it, ideally on another disk.`);
  const present = await entriesOf(dest);
  if (present.length > 0) {
    throw new BackupError(`The backup folder ${dest} is not empty (it holds ${describeEntries(present)}). Choose a new or empty folder, so that no older backup is mixed with this one.`);
  }
  const createdAt = (options.clock ?? (() => new Date()))().toISOString();
  const destExisted = (await statOrNull(dest)) !== null;
  await fs.promises.mkdir(path.join(dest, BLOBS_FOLDER), { recursive: true });
  try {
    return await copyIntoBackup(dataDir, dest, createdAt, options);
  } catch (error) {
    // Everything in the folder is ours (it was empty), and a partial backup only takes up space:
    // perhaps on the very disk that just filled. A crash instead leaves it without a manifest.
    if (destExisted) for (const name of await entriesOf(dest)) await fs.promises.rm(path.join(dest, name), { recursive: true, force: true });
    else await fs.promises.rm(dest, { recursive: true, force: true });
    throw error;
  }
}

async function copyIntoBackup(dataDir: string, dest: string, createdAt: string, options: TakeBackupOptions): Promise<BackupReport> {
  const sourceDb = path.join(dataDir, DATABASE_FILE);
  const destDb = path.join(dest, DATABASE_FILE);
  const { pages } = await snapshotDatabase(sourceDb, destDb);
  await fsyncFile(destDb);
  const facts = describeDatabase(destDb);
  await options.onProgress?.({ phase: "database", pages });

  const source = new LocalBlobStore(path.join(dataDir, BLOBS_FOLDER));
  const wanted = facts.referencedBlobs.map((blob) => ({ sha256: blob.sha256, referenced: true }));
  if (options.includeUnreferencedBlobs) {
    const referenced = new Set(wanted.map((blob) => blob.sha256));
    for (const sha256 of await listBlobNames(source.root)) if (!referenced.has(sha256)) wanted.push({ sha256, referenced: false });
  }

  const blobs: BackupManifest["blobs"] = [];
  const blobsNotBackedUp: BlobProblem[] = [];
  const destBlobs = path.join(dest, BLOBS_FOLDER);
  const touchedFolders = new Set<string>();
  for (const [index, blob] of wanted.entries()) {
    const target = blobPath(destBlobs, blob.sha256);
    const outcome = await copyBlobOut(source, blob.sha256, target);
    if (outcome.ok) {
      blobs.push({ sha256: blob.sha256, sizeBytes: outcome.sizeBytes, referenced: blob.referenced });
      touchedFolders.add(path.dirname(target));
    } else if (blob.referenced) {
      blobsNotBackedUp.push(outcome.problem);
    }
    await options.onProgress?.({ phase: "blobs", done: index + 1, total: wanted.length });
  }
  for (const folder of touchedFolders) await fsyncDirectory(folder);
  await fsyncDirectory(destBlobs);

  const database = await hashFile(destDb);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt,
    database: {
      file: DATABASE_FILE,
      sha256: database.sha256,
      sizeBytes: database.sizeBytes,
      integrityCheck: facts.integrityCheck,
      auditChain: chainSummary(facts),
      counts: facts.counts,
    },
    blobs,
    blobsNotBackedUp,
  };
  await writeFileDurably(path.join(dest, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dest, manifest };
}

export interface RestoreReport {
  dataDir: string;
  manifest: BackupManifest;
  integrityCheck: string;
  auditChain: BackupManifest["database"]["auditChain"];
  counts: DatabaseFacts["counts"];
  blobsRestored: number;
}

/**
 * Restores a backup into an empty (or absent) DATA_DIR. Everything is copied into a staging folder
 * beside DATA_DIR and checked there — the database and every blob against the manifest's hashes,
 * then the database's integrity, audit chain, counts and blob references — and only then renamed
 * into place, so a bad backup leaves DATA_DIR exactly as it was.
 */
export async function restoreBackup(options: { src: string; dataDir: string; onProgress?: (progress: BackupProgress) => void | Promise<void> }): Promise<RestoreReport> {
  const src = path.resolve(options.src);
  const dataDir = path.resolve(options.dataDir);
  const manifest = await readManifest(src);
  const present = await entriesOf(dataDir);
  if (present.length > 0) {
    throw new BackupError(`DATA_DIR (${dataDir}) is not empty: it holds ${describeEntries(present)}. Restore only into an empty folder: move these aside, or set DATA_DIR to a new folder.`);
  }

  const staging = await stagingFolderFor(dataDir);
  try {
    const problems: string[] = [];
    const db = await copyVerified(path.join(src, DATABASE_FILE), path.join(staging, DATABASE_FILE));
    if (db.status === "missing") problems.push(`${DATABASE_FILE} is missing`);
    else if (db.sha256 !== manifest.database.sha256 || db.sizeBytes !== manifest.database.sizeBytes) problems.push(`${DATABASE_FILE} does not match the manifest (it hashes to ${db.sha256})`);

    const stagedBlobs = path.join(staging, BLOBS_FOLDER);
    await fs.promises.mkdir(stagedBlobs, { recursive: true });
    const touchedFolders = new Set<string>();
    for (const [index, blob] of manifest.blobs.entries()) {
      const target = blobPath(stagedBlobs, blob.sha256);
      const copied = await copyVerified(blobPath(path.join(src, BLOBS_FOLDER), blob.sha256), target);
      if (copied.status === "missing") problems.push(`blob ${blob.sha256} is missing`);
      else if (copied.sha256 !== blob.sha256 || copied.sizeBytes !== blob.sizeBytes) problems.push(`blob ${blob.sha256} was altered (it hashes to ${copied.sha256})`);
      else touchedFolders.add(path.dirname(target));
      await options.onProgress?.({ phase: "blobs", done: index + 1, total: manifest.blobs.length });
    }
    if (problems.length > 0) throw new BackupError(`The backup in ${src} is damaged, so nothing was restored: ${listProblems(problems)}.`);

    const facts = describeDatabase(path.join(staging, DATABASE_FILE));
    const restoredChain = chainSummary(facts);
    if (facts.integrityCheck !== "ok") problems.push(`the database failed its integrity check (${facts.integrityCheck.split("\n")[0]})`);
    if (!restoredChain.ok) problems.push(`the audit chain is broken (${restoredChain.problem})`);
    if (restoredChain.headSeq !== manifest.database.auditChain.headSeq || restoredChain.headHash !== manifest.database.auditChain.headHash) problems.push("the audit chain does not end where the manifest says");
    for (const key of ["cases", "evidence", "auditEvents"] as const) {
      if (facts.counts[key] !== manifest.database.counts[key]) problems.push(`the database has ${facts.counts[key]} ${key} rows, the manifest says ${manifest.database.counts[key]}`);
    }
    const restored = new Set(manifest.blobs.map((blob) => blob.sha256));
    const knownLost = new Set(manifest.blobsNotBackedUp.map((blob) => blob.sha256));
    const unlisted = facts.referencedBlobs.filter((blob) => !restored.has(blob.sha256) && !knownLost.has(blob.sha256));
    if (unlisted.length > 0) problems.push(`${unlisted.length} blob(s) the database refers to are not in the manifest (first: ${unlisted[0]!.sha256})`);
    if (problems.length > 0) throw new BackupError(`The backup in ${src} does not check out, so nothing was restored: ${listProblems(problems)}.`);

    for (const folder of touchedFolders) await fsyncDirectory(folder);
    await fsyncDirectory(stagedBlobs);
    await fsyncDirectory(staging);
    await moveIntoPlace(staging, dataDir);
    return { dataDir, manifest, integrityCheck: facts.integrityCheck, auditChain: restoredChain, counts: facts.counts, blobsRestored: manifest.blobs.length };
  } catch (error) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Reads and checks a backup's manifest; a folder without one is not a (complete) backup. */
export async function readManifest(src: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(src, MANIFEST_FILE), "utf8");
  } catch (error) {
    if (isNotFound(error)) throw new BackupError(`${src} is not a complete backup: it has no ${MANIFEST_FILE}. A backup without its manifest was interrupted; use another, or take a new one.`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${path.join(src, MANIFEST_FILE)} is not valid JSON, so the backup cannot be checked.`);
  }
  const parsed = BackupManifest.safeParse(json);
  if (!parsed.success) {
    const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
    if (version !== undefined && version !== BACKUP_FORMAT_VERSION) throw new BackupError(`This backup has format version ${String(version)}; this version of the app restores version ${BACKUP_FORMAT_VERSION} only.`);
    throw new BackupError(`${path.join(src, MANIFEST_FILE)} is not a backup manifest this app understands (${parsed.error.issues[0]?.path.join(".") || "root"}: ${parsed.error.issues[0]?.message}).`);
  }
  return parsed.data;
}

function chainSummary(facts: DatabaseFacts): BackupManifest["database"]["auditChain"] {
  const verdict = facts.auditChain;
  return verdict.ok
    ? { ok: true, events: verdict.checked, headSeq: facts.auditHead?.seq ?? null, headHash: facts.auditHead?.hash ?? null }
    : { ok: false, events: verdict.checked, headSeq: facts.auditHead?.seq ?? null, headHash: facts.auditHead?.hash ?? null, problem: verdict.problem };
}

const blobPath = (root: string, sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

/** Copies one blob out of the store, hashing as it goes; a copy that does not hash to its name is removed. */
async function copyBlobOut(store: BlobStore, sha256: string, target: string): Promise<{ ok: true; sizeBytes: number } | { ok: false; problem: BlobProblem }> {
  let input: Readable;
  try {
    input = store.openRead(sha256);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return { ok: false, problem: { sha256, problem: "missing" } };
    throw error;
  }
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const copied = await writeStreamDurably(input, target);
  if (copied.sha256 === sha256) return { ok: true, sizeBytes: copied.sizeBytes };
  await fs.promises.rm(target, { force: true });
  return { ok: false, problem: { sha256, problem: "altered", actualSha256: copied.sha256 } };
}

/** Copies a file, hashing it on the way, and reports what the copy hashes to (or that there was nothing to copy). */
async function copyVerified(from: string, to: string): Promise<{ status: "missing" } | { status: "copied"; sha256: string; sizeBytes: number }> {
  let input: fs.ReadStream;
  try {
    const fd = await fs.promises.open(from, "r");
    input = fd.createReadStream({ highWaterMark: COPY_CHUNK_BYTES });
  } catch (error) {
    if (isNotFound(error)) return { status: "missing" };
    throw error;
  }
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  return { status: "copied", ...(await writeStreamDurably(input, to)) };
}

async function writeStreamDurably(input: Readable, target: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const out = await fs.promises.open(target, "wx");
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      for (let offset = 0; offset < chunk.length; ) offset += (await out.write(chunk, offset, chunk.length - offset)).bytesWritten;
    }
    await out.sync();
  } catch (error) {
    input.destroy();
    throw error;
  } finally {
    await out.close();
  }
  return { sha256: hash.digest("hex"), sizeBytes };
}

async function hashFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: COPY_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), sizeBytes };
}

/** The blob names in a LocalBlobStore layout (`root/ab/ab…`), skipping temp files and anything else. */
async function listBlobNames(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const fan of await entriesOf(root)) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    for (const name of await entriesOf(path.join(root, fan))) if (isSha256Hex(name) && name.startsWith(fan)) names.push(name);
  }
  return names.sort();
}

/**
 * A new folder beside DATA_DIR, on the same filesystem so the final rename is atomic. When DATA_DIR
 * is itself a mount point (a container volume, say) nothing beside it shares its filesystem, so the
 * staging folder goes inside it instead and its contents are moved up at the end.
 */
async function stagingFolderFor(dataDir: string): Promise<string> {
  const parent = path.dirname(dataDir);
  await fs.promises.mkdir(parent, { recursive: true });
  const [dataStat, parentStat] = await Promise.all([statOrNull(dataDir), fs.promises.stat(parent)]);
  const inside = dataStat !== null && dataStat.dev !== parentStat.dev;
  const staging = inside ? path.join(dataDir, `.restore-${randomUUID()}`) : path.join(parent, `.${path.basename(dataDir)}.restore-${randomUUID()}`);
  await fs.promises.mkdir(staging);
  return staging;
}

async function moveIntoPlace(staging: string, dataDir: string): Promise<void> {
  if (path.dirname(staging) === dataDir) {
    for (const name of await entriesOf(staging)) await fs.promises.rename(path.join(staging, name), path.join(dataDir, name));
    await fs.promises.rmdir(staging);
    await fsyncDirectory(dataDir);
    return;
  }
  try {
    // rename(2) replaces an empty directory, and fails if anything was put into DATA_DIR meanwhile.
    await fs.promises.rename(staging, dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTEMPTY" || (error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BackupError(`Something was written into DATA_DIR (${dataDir}) while the backup was being restored, so nothing was restored. Stop the app, empty DATA_DIR and try again.`);
    }
    throw error;
  }
  await fsyncDirectory(path.dirname(dataDir));
}

async function writeFileDurably(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${randomUUID()}`;
  const handle = await fs.promises.open(temp, "wx");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, file);
  await fsyncDirectory(path.dirname(file));
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The names in a folder; none if it does not exist. */
async function entriesOf(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).sort();
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

function describeEntries(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

function listProblems(problems: string[]): string {
  const shown = problems.slice(0, LISTED_PROBLEMS).join("; ");
  return problems.length > LISTED_PROBLEMS ? `${shown}; and ${problems.length - LISTED_PROBLEMS} more` : shown;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

const isNotFound = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
