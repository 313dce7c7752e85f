/**
 * Builds a large, fictional data set for load tests in DATA_DIR (default ./data): migrates the
 * database, seeds the demo data if absent, then generates the cases.
 *
 *   DATA_DIR=/tmp/big npm run seed:large -- --cases 100000 [--seed 1] [--now 2026-11-22T10:00:00Z] [--force]
 *
 * Exit status: 0 seeded; 1 the database refused (already large) or the run failed; 2 the flags were wrong.
 */
import fs from "node:fs";
import path from "node:path";
import { databaseFile, dataDir, openDatabase } from "../db/client";
import { parseSeedLargeArgs, seedLargeData, SEED_LARGE_USAGE, type SeedLargeArgs } from "../db/seed/seed-large";

const EXIT_USAGE = 2;
const number = (n: number) => Math.round(n).toLocaleString("en-GB");

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(SEED_LARGE_USAGE);
    return 0;
  }
  let args: SeedLargeArgs;
  try {
    args = parseSeedLargeArgs(argv);
  } catch (error) {
    console.error(`${SEED_LARGE_USAGE}\n\nError: ${(error as Error).message}`);
    return EXIT_USAGE;
  }

  const file = databaseFile();
  console.log(`Seeding ${number(args.cases)} cases (seed ${args.seed}) into ${file}`);
  const db = openDatabase(file); // migrates, as scripts/migrate.ts does
  try {
    const summary = await seedLargeData(db, {
      cases: args.cases,
      seed: args.seed,
      now: args.now ?? new Date(),
      force: args.force,
      blobsRoot: path.join(dataDir(), "blobs"),
      onProgress: ({ done, total, elapsedMs }) => {
        console.log(`  ${number(done).padStart(9)} / ${number(total)} cases  ${number((done / elapsedMs) * 1000)} cases/s  ${(elapsedMs / 1000).toFixed(1)} s`);
      },
    });
    const size = ["", "-wal"].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0);
    console.log(`\nDone in ${(summary.elapsedMs / 1000).toFixed(1)} s (${number((summary.cases / summary.elapsedMs) * 1000)} cases/s). Database ${(size / 1024 ** 2).toFixed(0)} MiB.`);
    console.log("Cases by status:");
    for (const [status, n] of Object.entries(summary.byStatus)) console.log(`  ${status.padEnd(22)} ${number(n).padStart(10)}`);
    console.log("Rows:");
    for (const [table, n] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(22)} ${number(n).padStart(10)}`);
    return 0;
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    return 1;
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
