import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The load bench's data: `npm run seed:large` into .bench-data/large-<N> (git-ignored), made once and
// reused while its marker says it holds N cases. Seeding 100,000 cases takes minutes and a few GB;
// a run that is cut short leaves only a ".partial" directory, which the next run starts again.

const root = process.cwd();
const MARKER = "bench-data.json";

export interface LargeData {
  dataDir: string;
  databaseFile: string;
  cases: number;
  /** When the data set was seeded: its clocks and "received" dates are relative to this moment. */
  seededAt: string;
  /** Seeded in this run rather than found. */
  fresh: boolean;
}

interface Marker {
  cases: number;
  seed: number;
  seededAt: string;
}

const SEED = 1;

function readMarker(dataDir: string): Marker | null {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dataDir, MARKER), "utf8")) as Partial<Marker>;
    if (typeof marker.cases !== "number" || typeof marker.seededAt !== "string") return null;
    return { cases: marker.cases, seed: marker.seed ?? SEED, seededAt: marker.seededAt };
  } catch {
    return null;
  }
}

function runSeedLarge(dataDir: string, cases: number, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/seed-large.ts", "--cases", String(cases), "--seed", String(SEED)], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const relay = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-20_000);
      for (const line of text.split("\n")) if (line.trim()) log(`    ${line.trimEnd()}`);
    };
    child.stdout.on("data", relay);
    child.stderr.on("data", relay);
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run seed:large failed (exit ${code}):\n${output.slice(-3000)}`))));
  });
}

/** The DATA_DIR with `cases` generated cases (plus the demo data and its accounts), seeding it if needed. */
export async function largeDataDir(cases: number, log: (line: string) => void = console.log): Promise<LargeData> {
  const dataDir = path.join(root, ".bench-data", `large-${cases}`);
  const databaseFile = path.join(dataDir, "app.db");
  const marker = readMarker(dataDir);
  if (marker && marker.cases === cases && fs.existsSync(databaseFile)) {
    log(`  reusing ${path.relative(root, dataDir)} (${cases.toLocaleString("en-GB")} cases, seeded ${marker.seededAt})`);
    return { dataDir, databaseFile, cases, seededAt: marker.seededAt, fresh: false };
  }

  const partial = `${dataDir}.partial`;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const seededAt = new Date().toISOString();
  log(`  seeding ${cases.toLocaleString("en-GB")} cases into ${path.relative(root, dataDir)} (once; later runs reuse it)`);
  await runSeedLarge(partial, cases, log);
  fs.writeFileSync(path.join(partial, MARKER), `${JSON.stringify({ cases, seed: SEED, seededAt } satisfies Marker, null, 2)}\n`);
  fs.renameSync(partial, dataDir);
  return { dataDir, databaseFile, cases, seededAt, fresh: true };
}
