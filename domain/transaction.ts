import type { Db, Tx } from "@/db/client";

/**
 * Runs a write as one IMMEDIATE transaction: the write lock is taken at BEGIN, so two processes
 * can never read the same audit head and then race to extend it. The callback must be synchronous
 * (better-sqlite3): do file or network I/O before or after, never inside.
 */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return db.transaction(work, { behavior: "immediate" });
}
