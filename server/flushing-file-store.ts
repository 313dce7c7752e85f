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
  private readonly flushes = new Map<string, { again: boolean }>();

  constructor(private readonly folder: string) {
    super({ directory: folder });
  }

  override async write(readable: Readable, fileId: string, offset: number): Promise<number> {
    const written = await super.write(readable, fileId, offset);
    this.flushSoon(fileId);
    return written;
  }

  /** Settles when no flush of this upload is running (for tests and orderly shutdown). */
  async idle(fileId: string): Promise<void> {
    while (this.flushes.has(fileId)) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private flushSoon(fileId: string): void {
    const running = this.flushes.get(fileId);
    // One flush per upload at a time; one more after it covers whatever arrived meanwhile.
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.flushes.set(fileId, state);
    const flush = async (): Promise<void> => {
      do {
        state.again = false;
        await flushFile(path.join(this.folder, fileId));
      } while (state.again);
      this.flushes.delete(fileId);
    };
    void flush();
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
