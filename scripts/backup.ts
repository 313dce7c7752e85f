// Takes an online, consistent backup of DATA_DIR (database, blobs and a manifest of their hashes)
// into an empty folder, while the app keeps running.
//
//   npm run backup -- DEST [--include-unreferenced]
//
// Exit 0 = backup complete; 1 = it failed, or is complete but some blobs the database refers to
// were missing or altered in DATA_DIR; 2 = wrong arguments.
import { dataDir } from "../db/client";
import { BackupError, takeBackup, type BackupProgress } from "../server/backup";

const USAGE = `Usage: npm run backup -- DEST [--include-unreferenced]

Copies DATA_DIR (now ${dataDir()}) into DEST, a new or empty folder, while the app keeps running:
a snapshot of app.db, every blob it refers to, and DEST/manifest.json (written last) with their hashes.
  --include-unreferenced   also copy blobs no database row refers to`;

function parseArgs(argv: readonly string[]): { ok: true; dest: string; includeUnreferencedBlobs: boolean } | { ok: false; message: string } {
  const positional = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = argv.filter((arg) => arg.startsWith("--") && arg !== "--include-unreferenced");
  if (unknown.length > 0) return { ok: false, message: `Unknown option ${unknown[0]}.` };
  if (positional.length !== 1) return { ok: false, message: positional.length === 0 ? "Give the folder to back up into." : "Give one folder to back up into." };
  return { ok: true, dest: positional[0]!, includeUnreferencedBlobs: argv.includes("--include-unreferenced") };
}

function progressPrinter(): (progress: BackupProgress) => void {
  let lastPrinted = 0;
  return (progress) => {
    if (progress.phase === "database") {
      console.log(`Database snapshot taken (${progress.pages} pages).`);
      return;
    }
    const now = performance.now();
    if (progress.done !== progress.total && now - lastPrinted < 1000) return;
    lastPrinted = now;
    console.log(`Copied ${progress.done} of ${progress.total} blobs.`);
  };
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (!args.ok) {
    console.error(`${USAGE}\n\nError: ${args.message}`);
    return 2;
  }
  console.log(`Backing up ${dataDir()} into ${args.dest} …`);
  const { dest, manifest } = await takeBackup({ dataDir: dataDir(), dest: args.dest, includeUnreferencedBlobs: args.includeUnreferencedBlobs, onProgress: progressPrinter() });
  const { database } = manifest;
  const chain = database.auditChain.ok ? `audit chain intact (${database.auditChain.events} events, head ${database.auditChain.headHash ?? "none"})` : `AUDIT CHAIN BROKEN: ${database.auditChain.problem}`;
  console.log(`Backup complete in ${dest}: ${database.counts.cases} cases, ${database.counts.evidence} evidence items, ${manifest.blobs.length} blobs; integrity ${database.integrityCheck === "ok" ? "ok" : "FAILED"}; ${chain}.`);
  let code = database.integrityCheck === "ok" && database.auditChain.ok ? 0 : 1;
  if (manifest.blobsNotBackedUp.length > 0) {
    for (const blob of manifest.blobsNotBackedUp) console.error(`${blob.problem.toUpperCase()} in DATA_DIR, not backed up: blob ${blob.sha256}`);
    console.error(`${manifest.blobsNotBackedUp.length} blob(s) the database refers to were missing or altered in DATA_DIR and are not in the backup. Run npm run evidence:verify.`);
    code = 1;
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`Backup failed: ${error instanceof BackupError ? error.message : error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof BackupError)) console.error(error);
    process.exitCode = 1;
  },
);
