import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { FileStore } from "@tus/file-store";

/**
 * tus's file store, which also starts putting each chunk on disk as soon as it has been written,
 * while the browser sends the next one. Without it a large upload sits in the page cache until the
 * last chunk, and finishing it waits for the whole file to reach the disk (about 4 s a GiB here);
 * with it, the disk works alongside the network and the final fsync has little left to do. The
 * fsync that makes an upload durable is still the one when it finishes (LocalBlobStore.putFile):
 * these background flushes only start the work early, and their failures are left to it.
 */
export class FlushingFileStore extends FileStore {
  /** Uploads with bytes written since their last flush began, oldest first. */
  private readonly pending = new Set<string>();
  private flushing: string | null = null;

  constructor(private readonly folder: string) {
    super({ directory: folder });
  }

  override async write(readable: Readable, fileId: string, offset: number): Promise<number> {
    const written = await super.write(readable, fileId, offset);
    this.flushSoon(fileId);
    return written;
  }

  /** Settles when this upload has no flush running or waiting (for tests and orderly shutdown). */
  async idle(fileId: string): Promise<void> {
    while (this.flushing === fileId || this.pending.has(fileId)) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /**
   * One flush at a time for the whole process: an fsync can hold one of libuv's four threads for
   * seconds, and every other file operation and hash waits for those threads. Chunks that arrive
   * while their upload waits or is being flushed make one more flush of it, not one each.
   */
  private flushSoon(fileId: string): void {
    this.pending.add(fileId);
    if (this.flushing === null) void this.flushPending();
  }

  private async flushPending(): Promise<void> {
    for (let next = this.takeNext(); next !== null; next = this.takeNext()) {
      this.flushing = next;
      await flushFile(path.join(this.folder, next));
    }
    this.flushing = null;
  }

  private takeNext(): string | null {
    const next = this.pending.values().next();
    if (next.done) return null;
    this.pending.delete(next.value);
    return next.value;
  }
}

async function flushFile(file: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, "r");
    await handle.datasync();
  } catch {
    // Gone (finished, cancelled or swept) or unflushable: the fsync when the upload finishes decides.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
