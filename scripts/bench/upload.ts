import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { like } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { Upload, type DetailedError } from "tus-js-client";
import { cases } from "../../db/schema";
import { appEnvironment, freePort, hasProductionBuild, prepareDatabase, signIn, spawnAppServer, type AppServer } from "./app-server";
import { timeLocalStore, writeSafetensorsFile } from "./bench-file";
import type { Figure } from "./measure";
import { canReadProcessMemory, processTree, sampleTreeRss, sumKiB } from "./process-memory";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** What the browser's uploader sends per PATCH (components/app/evidence/EvidenceUploader.tsx). */
const BROWSER_CHUNK_BYTES = 8 * MiB;
const DEFAULT_MAX_UPLOAD_BYTES = 2 * GiB;
const COMPLAINANT = { email: "complainant@ipcasework.test", password: "casework-demo" };
const FLAGSHIP_TITLE = "attention-head configuration";
const THROUGHPUT_GOAL = 0.5;
const RSS_GROWTH_GOAL_MIB = 64;

export interface UploadBenchOptions {
  bytes: number;
  chunkBytes: number;
}

export interface BenchSection {
  figures: Figure[];
  /** Lines printed under the table: how the figures were taken, or why there are none. */
  notes: string[];
}

/** "1073741824", "256MiB", "1 GiB", "512M" → bytes. */
export function parseByteCount(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kib|m|mib|g|gib)?\s*$/i.exec(text);
  if (!match) throw new Error(`"${text}" is not a size in bytes (e.g. 268435456, 256MiB or 1GiB).`);
  const unit = (match[2] ?? "b").toLowerCase()[0]!;
  const bytes = Math.round(Number(match[1]) * ({ b: 1, k: KiB, m: MiB, g: GiB } as Record<string, number>)[unit]!);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`"${text}" is not a usable size.`);
  return bytes;
}

function argument(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

/** `--upload-bytes` / BENCH_UPLOAD_BYTES (default 1 GiB), `--upload-chunk-bytes` / BENCH_UPLOAD_CHUNK_BYTES (default the browser's 8 MiB). */
export function uploadOptionsFrom(argv: string[], env: NodeJS.ProcessEnv): UploadBenchOptions {
  const bytes = argument(argv, "--upload-bytes") ?? env.BENCH_UPLOAD_BYTES;
  const chunkBytes = argument(argv, "--upload-chunk-bytes") ?? env.BENCH_UPLOAD_CHUNK_BYTES;
  return { bytes: bytes ? parseByteCount(bytes) : GiB, chunkBytes: chunkBytes ? parseByteCount(chunkBytes) : BROWSER_CHUNK_BYTES };
}

export function formatSize(bytes: number): string {
  if (bytes >= GiB && bytes % GiB === 0) return `${bytes / GiB} GiB`;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

function flagshipCaseId(databaseFile: string): string {
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = drizzle(sqlite).select({ id: cases.id }).from(cases).where(like(cases.title, `%${FLAGSHIP_TITLE}%`)).get();
    if (!row) throw new Error(`The demo data has no case titled "…${FLAGSHIP_TITLE}…".`);
    return row.id;
  } finally {
    sqlite.close();
  }
}

interface TusUploadRequest {
  endpoint: string;
  file: string;
  cookie: string;
  caseId: string;
  chunkBytes: number;
  timeoutMs: number;
  onProgress?: (sent: number, total: number) => void;
}

/** One upload with the real tus client, no retries (a failure must show); resolves with the server's SHA-256. */
function tusUpload(request: TusUploadRequest): Promise<{ sha256: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    // The Node client takes an fs.ReadStream and reads each chunk from its path (its types only list Buffer).
    const upload = new Upload(fs.createReadStream(request.file) as unknown as Buffer, {
      endpoint: request.endpoint,
      // The upload route refuses a state change without its own Origin, as a browser would send.
      headers: { Cookie: request.cookie, Origin: new URL(request.endpoint).origin },
      metadata: { caseId: request.caseId, filename: path.basename(request.file), filetype: "application/octet-stream" },
      chunkSize: request.chunkBytes,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onProgress: request.onProgress ?? null,
      onSuccess: ({ lastResponse }) => {
        clearTimeout(timer);
        resolve({ sha256: lastResponse.getHeader("X-Upload-Sha256") ?? "", contentType: lastResponse.getHeader("X-Upload-Content-Type") ?? "" });
      },
      onError: (error) => {
        clearTimeout(timer);
        const response = (error as DetailedError).originalResponse;
        reject(new Error(`Uploading ${path.basename(request.file)} failed${response ? ` (HTTP ${response.getStatus()}: ${response.getBody()})` : ""}: ${error.message}`));
      },
    });
    const timer = setTimeout(() => {
      void upload.abort(false);
      reject(new Error(`Uploading ${path.basename(request.file)} did not finish within ${Math.round(request.timeoutMs / 60_000)} minutes.`));
    }, request.timeoutMs);
    upload.start();
  });
}

/**
 * Upload throughput through the running production app against storing the same bytes locally in
 * the same run, and the server's memory growth while it receives them. Skipped (with a note) when
 * there is no production build; everything it starts or writes is removed, also on failure.
 */
export async function benchUpload(options: UploadBenchOptions, log: (line: string) => void = console.log): Promise<BenchSection> {
  if (!hasProductionBuild()) {
    return { figures: [], notes: ["Upload benchmark skipped: there is no production build (.next/BUILD_ID). Run `npm run build` (or `npm start` once), then run the bench again."] };
  }
  const { bytes, chunkBytes } = options;
  const size = formatSize(bytes);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-bench-"));
  const dataDir = path.join(dir, "data");
  let server: AppServer | undefined;
  const cleanUpNow = () => {
    server?.killNow();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUpNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("exit", cleanUpNow);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    log(`▶ Upload benchmark: ${size} in ${formatSize(chunkBytes)} chunks, working in ${dir}`);
    const source = path.join(dir, "bench.safetensors");
    const warmUp = path.join(dir, "warm-up.safetensors");
    await writeSafetensorsFile(source, bytes);
    await writeSafetensorsFile(warmUp, MiB);

    const port = await freePort();
    const env = appEnvironment(dataDir, port, bytes > DEFAULT_MAX_UPLOAD_BYTES ? { MAX_UPLOAD_BYTES: String(bytes) } : {});
    log("  migrating and seeding a fresh database");
    prepareDatabase(env);
    const caseId = flagshipCaseId(path.join(dataDir, "app.db"));

    log(`  starting the production build on http://127.0.0.1:${port}`);
    server = spawnAppServer(env, port, path.join(dir, "server.log"));
    await server.ready(60_000);
    const cookie = await signIn(server.origin, COMPLAINANT.email, COMPLAINANT.password);
    const upload = (file: string, onProgress?: TusUploadRequest["onProgress"]) =>
      tusUpload({ endpoint: `${server!.origin}/api/uploads`, file, cookie, caseId, chunkBytes, timeoutMs: Math.max(2 * 60_000, (15 * 60_000 * bytes) / GiB), onProgress });

    // Loads the upload route's code and opens its database connection before anything is measured.
    await upload(warmUp);

    log(`  storing ${size} locally (SHA-256 + write + fsync + rename)`);
    const local = await timeLocalStore(source, dir);

    const measureMemory = canReadProcessMemory();
    const treeBefore = measureMemory ? processTree(server.pid) : [];
    const rssBeforeKiB = sumKiB(treeBefore, "VmRSS");
    const hwmBeforeKiB = sumKiB(treeBefore, "VmHWM");
    const sampler = measureMemory ? sampleTreeRss(server.pid, 50) : undefined;

    log(`  uploading ${size} through the app`);
    let shownTenths = 0;
    const started = process.hrtime.bigint();
    let stored: { sha256: string; contentType: string };
    let memory: { peakKiB: number; samples: number } | undefined;
    let uploadSeconds: number;
    try {
      stored = await upload(source, (sent, total) => {
        const tenths = Math.floor((sent * 10) / total);
        if (tenths > shownTenths && tenths < 10) log(`    ${tenths * 10}% sent after ${secondsSince(started).toFixed(1)} s`);
        shownTenths = Math.max(shownTenths, tenths);
      });
      uploadSeconds = secondsSince(started);
    } finally {
      // Here, so that on failure too its timer never outlives the benchmark.
      memory = sampler?.stop();
    }
    const treeAfter = measureMemory ? processTree(server.pid) : [];
    const hwmAfterKiB = sumKiB(treeAfter, "VmHWM");

    if (stored.sha256 !== local.sha256) {
      throw new Error(`The server stored different bytes: its SHA-256 is ${stored.sha256 || "(none)"}, the file's is ${local.sha256}.`);
    }

    const uploadMiBps = bytes / MiB / uploadSeconds;
    const localMiBps = local.bytes / MiB / local.seconds;
    const ratio = uploadMiBps / localMiBps;
    const figures: Figure[] = [
      {
        name: `Upload of ${size} through the app (tus client, ${formatSize(chunkBytes)} chunks)`,
        value: round1(uploadMiBps),
        unit: "MiB/s",
        baseline: round1(localMiBps),
        baselineName: "MiB/s for SHA-256 + write + fsync of the same bytes locally",
        ratio,
        goal: `≥ ${THROUGHPUT_GOAL}`,
        met: ratio >= THROUGHPUT_GOAL,
      },
    ];
    const notes = [
      `Upload: ${bytes.toLocaleString("en-GB")} bytes in ${uploadSeconds.toFixed(1)} s as ${Math.ceil(bytes / chunkBytes)} PATCH requests, accepted as ${stored.contentType} with the file's SHA-256 (${stored.sha256.slice(0, 16)}…); storing the same bytes locally took ${local.seconds.toFixed(1)} s.`,
    ];

    if (memory) {
      const growthMiB = (memory.peakKiB - rssBeforeKiB) / KiB;
      figures.push({
        name: `Server peak RSS growth during that upload`,
        value: round1(growthMiB),
        unit: "MiB",
        baseline: round1(rssBeforeKiB / KiB),
        baselineName: `MiB: server RSS just before the upload, ${treeBefore.length} process${treeBefore.length === 1 ? "" : "es"}`,
        ratio: growthMiB / (rssBeforeKiB / KiB),
        goal: `≤ ${RSS_GROWTH_GOAL_MIB} MiB`,
        met: growthMiB <= RSS_GROWTH_GOAL_MIB,
      });
      notes.push(
        `Server memory (summed over its process tree, ${memory.samples} samples every 50 ms): RSS ${round1(rssBeforeKiB / KiB)} MiB before, ${round1(memory.peakKiB / KiB)} MiB at the highest sample; VmHWM ${round1(hwmBeforeKiB / KiB)} MiB before, ${round1(hwmAfterKiB / KiB)} MiB after.`,
      );
    } else {
      notes.push("Server RSS growth not measured: it is read from /proc, which this system does not have.");
    }
    return { figures, notes };
  } catch (error) {
    if (server) log(`  the app's last output:\n${server.logTail()}`);
    throw error;
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.off("exit", cleanUpNow);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
