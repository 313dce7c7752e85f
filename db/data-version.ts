import type Database from "better-sqlite3";

/**
 * A token that changes whenever the database's contents may have changed, as seen by this
 * connection: `PRAGMA data_version` moves when another connection (another process: the worker, a
 * script, a second server) commits, and `total_changes()` counts every row this connection has
 * inserted, updated or deleted, triggers included. Two equal tokens mean nothing was written in
 * between, so anything computed from the database then is still right.
 */
export function dataVersion(client: Database.Database): string {
  // One statement, so the two are read together; cheap to prepare on a connection that caches statements.
  const row = client.prepare("SELECT data_version, total_changes() AS changes FROM pragma_data_version").get() as { data_version: number; changes: number };
  return `${row.data_version}:${row.changes}`;
}
