import path from "node:path";
import { dataDir } from "@/db/client";
import type { BlobStore } from "@/domain/evidence/blob-store";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";

// No "server-only" marker: domain verbs and their vitest tests reach blobs through here too.

export const blobsDir = (): string => path.join(dataDir(), "blobs");

let cached: LocalBlobStore | undefined;

/** The process's blob store over DATA_DIR/blobs (re-made if DATA_DIR changes, as tests do). */
export function blobStore(): BlobStore {
  const root = blobsDir();
  if (cached?.root !== root) cached = new LocalBlobStore(root);
  return cached;
}
