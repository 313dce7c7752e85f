// Walks the audit hash chain and names the first broken link. Exit 0 = intact, 1 = broken.
import { databaseFile, openDatabase } from "../db/client";
import { verifyAuditChain } from "../domain/audit/verify-chain";

const file = process.argv[2] ?? databaseFile();
const db = openDatabase(file, { migrate: false });
try {
  const verdict = verifyAuditChain(db);
  if (verdict.ok) {
    console.log(`Audit chain intact: ${verdict.checked} events checked. Head ${verdict.lastHash}.`);
  } else {
    console.error(`Audit chain BROKEN at event ${verdict.brokenAt}: ${verdict.problem}. ${verdict.checked} events before it verified.`);
    process.exitCode = 1;
  }
} finally {
  db.$client.close();
}
