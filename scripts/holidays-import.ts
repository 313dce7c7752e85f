// npm run holidays:import FILE — puts GOV.UK-format bank-holiday JSON in force and recomputes
// every open deadline, printing each one that moved. Exit 0 done, 1 refused, 2 usage.
import fs from "node:fs";
import { databaseFile, openDatabase } from "../db/client";
import { DEFAULT_CONFIG } from "../domain/context";
import { DomainError } from "../domain/errors";
import { importHolidayData } from "../domain/deadlines/import-holidays";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run holidays:import -- FILE   (GOV.UK bank-holidays.json format)");
  process.exit(2);
}
let raw: unknown;
try {
  raw = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  console.error(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const db = openDatabase(databaseFile());
try {
  const result = importHolidayData({ db, actor: null, now: new Date(), config: DEFAULT_CONFIG }, raw, { asSystem: true });
  if (result.previousVersion === result.version) {
    console.log(`Holiday data ${result.version} is already in force; nothing changed.`);
  } else {
    console.log(`Holiday data ${result.label} is now in force (was ${result.previousVersion}). ${result.recomputed} open deadlines recomputed, ${result.moved.length} moved:`);
    for (const move of result.moved) console.log(`  ${move.label} on case ${move.caseId}: ${move.from} → ${move.to}`);
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`Refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
