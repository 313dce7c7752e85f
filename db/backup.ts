import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { verifyAuditChain, type ChainVerdict } from "@/domain/audit/verify-chain";
import type { Db } from "./client";
import * as schema from "./schema";

/** Any page count at least the database's: makes the rest of the copy one backup step. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live database with SQLite's online backup API, on a connection of its own, while the
 * app keeps writing through its. Copying in one step keeps the whole copy inside one read
 * transaction: under WAL that is a consistent snapshot, taken without blocking the writer, and a
 * write elsewhere cannot restart it (as it would between steps). The copy is left in rollback-journal
 * mode so it is one self-contained file; the app switches it back to WAL when it opens it.
 */
export async function snapshotDatabase(sourceFile: string, destFile: string): Promise<{ pages: number }> {
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    source.pragma("busy_timeout = 5000");
    pages = (await source.backup(destFile, { progress: () => ALL_PAGES })).totalPages;
  } finally {
    source.close();
  }
  const copy = new Database(destFile, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  return { pages };
}

export interface DatabaseFacts {
  /** "ok", or the first problems PRAGMA integrity_check found, one per line. */
  integrityCheck: string;
  auditChain: ChainVerdict;
  auditHead: { seq: number; hash: string } | null;
  counts: { cases: number; evidence: number; auditEvents: number };
  /** Every blob a row points at: evidence items and completed uploads, by hash, with the recorded size. */
  referencedBlobs: Array<{ sha256: string; sizeBytes: number }>;
}

/**
 * What a backup (or a restored copy) must be checked against: integrity, the audit chain and its
 * head, row counts, and the blobs the rows point at. Opens the file read-only; for a database
 * nobody is writing to, so the answers describe one state.
 */
export function describeDatabase(file: string): DatabaseFacts {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = sqlite.prepare("PRAGMA integrity_check(20)").pluck().all() as string[];
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const head = sqlite.prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined;
    const referencedBlobs = sqlite
      .prepare(
        `SELECT sha256, max(size_bytes) AS sizeBytes FROM (
           SELECT sha256, size_bytes FROM evidence
           UNION ALL
           SELECT sha256, size_bytes FROM upload_sessions WHERE completed_at IS NOT NULL AND sha256 IS NOT NULL
         ) GROUP BY sha256 ORDER BY sha256`,
      )
      .all() as Array<{ sha256: string; sizeBytes: number }>;
    return {
      integrityCheck: problems.join("\n"),
      auditChain: verifyAuditChain(drizzle(sqlite, { schema }) as Db),
      auditHead: head ? { seq: head.seq, hash: head.hash } : null,
      counts: { cases: count("cases"), evidence: count("evidence"), auditEvents: count("audit_events") },
      referencedBlobs,
    };
  } finally {
    sqlite.close();
  }
}
