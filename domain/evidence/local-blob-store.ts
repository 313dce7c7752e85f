import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { DomainError } from "../errors";
import type { BlobStore } from "./blob-store";

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = ".tmp-";
const COPY_CHUNK_BYTES = 1024 * 1024;

export const isSha256Hex = (value: string): boolean => SHA256_HEX.test(value);

/**
 * For tests: disk faults the store simulates, read on every call so a test can set and clear them
 * on a live store. Production passes none, and the write path then costs one property check.
 */
export interface BlobStoreFaults {
  /** Copy instead of rename, as when DATA_DIR/uploads and the blobs are on different filesystems. */
  crossFilesystem?: boolean;
  /** Fail a copy with ENOSPC once this many of its bytes are written, as a disk filling mid-copy does. */
  noSpaceAfterBytes?: number;
}

/**
 * Blobs on the local disk under `root`, named by their SHA-256 and fanned out by its first two hex
 * characters (`root/ab/ab12…`) so no folder grows to millions of entries. A blob appears under its
 * name only once its bytes are on disk: the finished file (or, across filesystems, a temp copy in
 * `root`) is fsynced, renamed, and the folders fsynced, so a power cut leaves either the whole blob
 * or an orphan file for a sweep.
 */
export class LocalBlobStore implements BlobStore {
  constructor(
    readonly root: string,
    private readonly faults?: BlobStoreFaults,
  ) {}

  pathFor(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new DomainError("not_found", "The file could not be found.");
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async putFile(sourcePath: string): Promise<{ sha256: string; sizeBytes: number }> {
    await fs.promises.mkdir(this.root, { recursive: true });
    // Uploads finish under the same DATA_DIR, so the finished file can usually be hashed where it
    // lies and renamed into place: one read instead of a read and a second full write. Across
    // filesystems a rename is impossible, and the bytes are copied instead.
    const moved = this.faults?.crossFilesystem ? null : await this.moveIntoPlace(sourcePath);
    if (moved) return moved;
    const tempPath = path.join(this.root, `${TEMP_PREFIX}${randomUUID()}`);
    const hash = createHash("sha256");
    let sizeBytes = 0;
    const out = await fs.promises.open(tempPath, "wx");
    try {
      try {
        for await (const chunk of fs.createReadStream(sourcePath, { highWaterMark: COPY_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          if (this.faults?.noSpaceAfterBytes !== undefined) await writeUntilFull(out, chunk, sizeBytes, this.faults.noSpaceAfterBytes);
          else await writeAll(out, chunk);
          sizeBytes += chunk.length;
        }
        await out.sync();
      } finally {
        await out.close();
      }
      const sha256 = hash.digest("hex");
      const finalPath = this.pathFor(sha256);
      const existing = await statOrNull(finalPath);
      // Same name means same bytes, so there is nothing to add. A copy of the wrong length (cut
      // short by a disk fault) is replaced with these, which are known to hash correctly.
      if (existing && existing.size === sizeBytes) {
        await fs.promises.rm(tempPath, { force: true });
      } else {
        const folder = path.dirname(finalPath);
        const folderIsNew = (await statOrNull(folder)) === null;
        await fs.promises.mkdir(folder, { recursive: true });
        await fs.promises.rename(tempPath, finalPath);
        await fsyncDirectory(folder);
        if (folderIsNew) await fsyncDirectory(this.root);
      }
      await fs.promises.rm(sourcePath, { force: true });
      return { sha256, sizeBytes };
    } catch (error) {
      // A full disk (or any other failure) leaves no partial blob behind, and the source in place for a retry.
      await fs.promises.rm(tempPath, { force: true });
      throw error;
    }
  }

  private async moveIntoPlace(sourcePath: string): Promise<{ sha256: string; sizeBytes: number } | null> {
    const hash = createHash("sha256");
    let sizeBytes = 0;
    const source = await fs.promises.open(sourcePath, "r+");
    try {
      for await (const chunk of source.createReadStream({ highWaterMark: COPY_CHUNK_BYTES, autoClose: false, start: 0 }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        sizeBytes += chunk.length;
      }
      await source.sync();
    } finally {
      await source.close();
    }
    const sha256 = hash.digest("hex");
    const finalPath = this.pathFor(sha256);
    const existing = await statOrNull(finalPath);
    if (existing && existing.size === sizeBytes) {
      await fs.promises.rm(sourcePath, { force: true });
      return { sha256, sizeBytes };
    }
    const folder = path.dirname(finalPath);
    const folderIsNew = (await statOrNull(folder)) === null;
    await fs.promises.mkdir(folder, { recursive: true });
    try {
      await fs.promises.rename(sourcePath, finalPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EXDEV") return null;
      throw error;
    }
    await fsyncDirectory(folder);
    await fsyncDirectory(path.dirname(sourcePath));
    if (folderIsNew) await fsyncDirectory(this.root);
    return { sha256, sizeBytes };
  }

  has(sha256: string): boolean {
    if (!isSha256Hex(sha256)) return false;
    return fs.existsSync(this.pathFor(sha256));
  }

  openRead(sha256: string): Readable {
    let fd: number;
    try {
      // Opened now, so a missing blob is reported here rather than as a stream error mid-response.
      fd = fs.openSync(this.pathFor(sha256), "r");
    } catch (error) {
      if (isNotFound(error)) throw new DomainError("not_found", "The file could not be found.");
      throw error;
    }
    return fs.createReadStream("", { fd, highWaterMark: COPY_CHUNK_BYTES });
  }

  async verify(sha256: string): Promise<{ status: "ok" } | { status: "mismatch"; actualSha256: string } | { status: "missing" }> {
    if (!isSha256Hex(sha256)) return { status: "missing" };
    const hash = createHash("sha256");
    try {
      for await (const chunk of fs.createReadStream(this.pathFor(sha256), { highWaterMark: COPY_CHUNK_BYTES }) as AsyncIterable<Buffer>) hash.update(chunk);
    } catch (error) {
      if (isNotFound(error)) return { status: "missing" };
      throw error;
    }
    const actualSha256 = hash.digest("hex");
    return actualSha256 === sha256 ? { status: "ok" } : { status: "mismatch", actualSha256 };
  }
}

/**
 * Removes temp files a crash left behind in `root`. Only those older than `olderThanMs`: a younger
 * one may belong to a copy still in progress. Bounded to `limit` removals per call.
 */
export async function sweepBlobTempFiles(root: string, now: Date, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const olderThanMs = options.olderThanMs ?? 60 * 60 * 1000;
  const limit = options.limit ?? 1000;
  let names: string[];
  try {
    names = await fs.promises.readdir(root);
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (removed >= limit) break;
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(root, name);
    const stat = await statOrNull(file);
    if (!stat || !stat.isFile() || now.getTime() - stat.mtimeMs < olderThanMs) continue;
    await fs.promises.rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

async function writeAll(handle: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Writes what fits below `limit` (counting `alreadyWritten`), then fails as a full disk does. */
async function writeUntilFull(handle: fs.promises.FileHandle, chunk: Buffer, alreadyWritten: number, limit: number): Promise<void> {
  const room = Math.max(0, limit - alreadyWritten);
  await writeAll(handle, chunk.subarray(0, Math.min(room, chunk.length)));
  if (room < chunk.length) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
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
