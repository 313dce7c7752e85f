// Restores a backup made by `npm run backup` into an empty (or absent) DATA_DIR, checking every
// hash in its manifest, the database's integrity and its audit chain before anything is put in place.
//
//   npm run restore -- SRC
//
// Exit 0 = restored and verified; 1 = refused or failed (DATA_DIR left as it was); 2 = wrong arguments.
import { dataDir } from "../db/client";
import { BackupError, restoreBackup, type BackupProgress } from "../server/backup";

const USAGE = `Usage: npm run restore -- SRC

Restores the backup in SRC (a folder made by npm run backup) into DATA_DIR (now ${dataDir()}),
which must be empty or not exist yet. Set DATA_DIR to choose where. Nothing is written into DATA_DIR
unless the whole backup checks out.`;

function progressPrinter(): (progress: BackupProgress) => void {
  let lastPrinted = 0;
  return (progress) => {
    if (progress.phase !== "blobs") return;
    const now = performance.now();
    if (progress.done !== progress.total && now - lastPrinted < 1000) return;
    lastPrinted = now;
    console.log(`Checked and copied ${progress.done} of ${progress.total} blobs.`);
  };
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = argv.find((arg) => arg.startsWith("--"));
  if (unknown || argv.length !== 1) {
    console.error(`${USAGE}\n\nError: ${unknown ? `Unknown option ${unknown}.` : argv.length === 0 ? "Give the backup folder to restore from." : "Give one backup folder to restore from."}`);
    return 2;
  }
  console.log(`Restoring ${argv[0]} into ${dataDir()} …`);
  const report = await restoreBackup({ src: argv[0]!, dataDir: dataDir(), onProgress: progressPrinter() });
  const { counts, auditChain } = report;
  console.log(
    `Restored into ${report.dataDir}: ${counts.cases} cases, ${counts.evidence} evidence items, ${report.blobsRestored} blobs (every hash matched); integrity ok; audit chain intact (${auditChain.events} events, head ${auditChain.headHash ?? "none"}). Backup taken ${report.manifest.createdAt}.`,
  );
  if (report.manifest.blobsNotBackedUp.length > 0) {
    console.error(`Warning: ${report.manifest.blobsNotBackedUp.length} blob(s) were already missing or altered when the backup was taken and are not restored. Run npm run evidence:verify to list the evidence affected.`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`Restore failed: ${error instanceof BackupError ? error.message : error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof BackupError)) console.error(error);
    process.exitCode = 1;
  },
);
