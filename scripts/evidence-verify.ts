// Re-hashes every evidence blob in DATA_DIR/blobs against the SHA-256 recorded when it was filed,
// raising an integrity alert for each item whose blob is missing or altered.
// Exit 0 = all intact, 1 = a problem found, 2 = no database at DATA_DIR.
import fs from "node:fs";
import { databaseFile, openDatabase } from "../db/client";
import { verifyEvidenceBlobs } from "../domain/evidence/verify-blobs";
import { blobsDir, blobStore } from "../server/blobs";

async function main(): Promise<number> {
  const file = databaseFile();
  if (!fs.existsSync(file)) {
    console.error(`No database at ${file}. Set DATA_DIR to the folder holding app.db and blobs/.`);
    return 2;
  }
  // Not migrated here: a verification tool should not change the schema it is checking against.
  const db = openDatabase(file, { migrate: false });
  try {
    console.log(`Checking evidence blobs in ${blobsDir()} …`);
    const report = await verifyEvidenceBlobs(db, blobStore(), () => new Date());
    for (const problem of report.problems) {
      const what = problem.problem === "missing" ? "MISSING" : `ALTERED (now hashes to ${problem.actualSha256})`;
      console.error(`${what}: blob ${problem.sha256}`);
      for (const item of problem.items) console.error(`  case ${item.caseReference ?? item.caseId}, exhibit ${item.exhibitNumber} (evidence ${item.evidenceId})`);
    }
    const summary = `${report.checkedBlobs} blob${report.checkedBlobs === 1 ? "" : "s"} checked for ${report.checkedItems} evidence item${report.checkedItems === 1 ? "" : "s"}`;
    if (report.problems.length === 0) {
      console.log(`All intact: ${summary}.`);
      return 0;
    }
    console.error(`${report.problems.length} blob${report.problems.length === 1 ? "" : "s"} failed: ${summary}. Integrity alerts raised; restore the files from backup.`);
    return 1;
  } finally {
    db.$client.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
