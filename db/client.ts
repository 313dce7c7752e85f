import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { cacheStatements } from "./statement-cache";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; verbs accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** SQLite's page cache per connection, in KiB (64 MiB). */
const PAGE_CACHE_KIB = 64 * 1024;
/** How much of the database file each connection reads through a memory map (256 MiB). */
const MMAP_BYTES = 256 * 1024 * 1024;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Opens (and migrates) a database file with the pragmas every connection needs: WAL for readers
 * alongside the writer, FULL sync because evidence and audit must survive a power cut.
 */
export function openDatabase(file: string, options: { migrate?: boolean; cacheStatements?: boolean } = {}): Db {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database must not be opened during `next build`.");
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // SQLite's own default page cache is 2 MB; the busy indexes of 100,000 cases are many times that,
  // and every page missed is a system call under the one request thread. Memory-mapped reads skip
  // the copy for pages beyond the cache. Both are per connection, and a process has one or two.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  if (options.cacheStatements) cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const globalForDb = globalThis as unknown as { ipCaseworkDb?: { file: string; db: Db } };

/** The process's one connection, kept on globalThis so dev reloads do not open another. */
export function getDb(): Db {
  const file = databaseFile();
  const cached = globalForDb.ipCaseworkDb;
  if (cached && cached.file === file) return cached.db;
  const db = openDatabase(file, { cacheStatements: true });
  globalForDb.ipCaseworkDb = { file, db };
  return db;
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || "./data");
}

export function databaseFile(): string {
  return path.join(dataDir(), "app.db");
}
