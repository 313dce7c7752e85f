// Walks the audit hash chain and names the first broken link.
// Exit 0 = intact, 1 = broken, 2 = no database at that path. Opens the file read-only.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import { databaseFile, type Db } from "../db/client";
import * as schema from "../db/schema";
import { verifyAuditChain } from "../domain/audit/verify-chain";

const file = process.argv[2] ?? databaseFile();
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}. Pass the path to app.db, or set DATA_DIR.`);
  process.exit(2);
}
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
try {
  const verdict = verifyAuditChain(drizzle(sqlite, { schema }) as Db);
  if (verdict.ok) {
    console.log(`Audit chain intact: ${verdict.checked} events checked. Head ${verdict.lastHash}.`);
  } else {
    console.error(`Audit chain BROKEN at event ${verdict.brokenAt}: ${verdict.problem}. ${verdict.checked} events before it verified.`);
    process.exitCode = 1;
  }
} finally {
  sqlite.close();
}
