import fs from "node:fs";

// No "server-only" marker: the upload handler, which its tests run under plain node, uses this too.

/** What someone whose upload hit a full disk is told. The partial bytes are gone; their earlier work is not. */
export const STORAGE_FULL_UPLOAD_MESSAGE =
  "The server has run out of storage space, so the file was not saved. Nothing was lost: try again later, and tell the regulator's service desk.";

/** The same, for a form or request whose database write hit a full disk (the form keeps what was typed). */
export const STORAGE_FULL_MESSAGE =
  "The server has run out of storage space, so your changes were not saved. Nothing was lost: try again later, and tell the regulator's service desk.";

/** 507 Insufficient Storage: the server, not the request, is at fault, and the same request can succeed later. */
export const STORAGE_FULL_STATUS = 507;

// ENOSPC: the filesystem is full. EDQUOT: the user's quota is. SQLITE_FULL: SQLite could not grow the
// database or its journal (a full disk, or max_page_count reached).
const FULL_CODES = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL"]);

/**
 * True when `error` (or an error it wraps as `cause`) means storage ran out. The one test the action,
 * route and upload wrappers share, so a full disk reads the same everywhere instead of as a crash.
 */
export function isStorageFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && FULL_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Below this much free space a failed write is taken to be the disk filling up. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * For errors that lost their errno on the way (the tus file store reports every failed write as the
 * same generic error): whether the filesystem holding `dir` is, for practical purposes, full.
 */
export async function isNearlyFull(dir: string): Promise<boolean> {
  try {
    const stats = await fs.promises.statfs(dir);
    return stats.bavail * stats.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Logged once per refusal, so the operator learns of the full disk from the server's log, not from users. */
export function logStorageFull(where: string, error: unknown): void {
  console.error(`Storage full (${where}): ${error instanceof Error ? error.message : String(error)}`);
}
