import type { Readable } from "node:stream";

/**
 * Where evidence bytes live, content-addressed by SHA-256. The only way code reads or writes blobs,
 * so moving to object storage later changes one implementation (DESIGN.md, "Beyond one machine").
 */
export interface BlobStore {
  /**
   * Hashes a finished file while copying it into storage (temp file in the blob folder, fsync,
   * rename to its hash, fsync the folder), then removes the source. Returns its hash and size.
   * Storing bytes already present is a no-op that returns the same hash.
   */
  putFile(sourcePath: string): Promise<{ sha256: string; sizeBytes: number }>;
  has(sha256: string): boolean;
  /** A stream of the stored bytes. Throws DomainError("not_found") if the blob is missing. */
  openRead(sha256: string): Readable;
  /** Re-hashes the stored bytes: "ok", "mismatch" (with the actual hash) or "missing". */
  verify(sha256: string): Promise<{ status: "ok" } | { status: "mismatch"; actualSha256: string } | { status: "missing" }>;
}
