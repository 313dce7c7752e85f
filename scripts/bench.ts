// npm run bench — measures speed as ratios against baselines taken in the same run (the machines
// are shared and noisy, so absolute numbers mean little). Writes bench-report.md and .json.
// Options: --upload-bytes N (or BENCH_UPLOAD_BYTES; default 1 GiB, e.g. 256MiB for a quick run),
// --upload-chunk-bytes N (or BENCH_UPLOAD_CHUNK_BYTES; default the browser's 8 MiB).
import fs from "node:fs";
import os from "node:os";
import { benchDeadlines } from "./bench/deadlines";
import type { Figure } from "./bench/measure";
import { benchUpload, uploadOptionsFrom } from "./bench/upload";

async function main() {
  const uploadOptions = uploadOptionsFrom(process.argv.slice(2), process.env);
  const figures: Figure[] = [...benchDeadlines()];
  const notes: string[] = [];
  try {
    const upload = await benchUpload(uploadOptions);
    figures.push(...upload.figures);
    notes.push(...upload.notes);
  } catch (error) {
    // The other figures still stand; the failure is reported with them and fails the run.
    notes.push(`Upload benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }

  const when = new Date().toISOString();
  const lines = [
    `# Benchmark report`,
    ``,
    `${when} · Node ${process.version} · ${os.cpus().length} cores`,
    ``,
    `| figure | value | baseline | ratio | goal | met |`,
    `|---|---|---|---|---|---|`,
    ...figures.map((f) => `| ${f.name} | ${f.value.toLocaleString("en-GB")} ${f.unit} | ${f.baseline.toLocaleString("en-GB")} (${f.baselineName}) | ${f.ratio.toFixed(2)} | ${f.goal} | ${f.met === null ? "–" : f.met ? "yes" : "NO"} |`),
    ``,
    ...notes.flatMap((note) => [note, ``]),
    `Not yet measured (their features are not built): page and JSON-route load, full-text search latency.`,
  ];
  fs.writeFileSync("bench-report.md", `${lines.join("\n")}\n`);
  fs.writeFileSync("bench-report.json", `${JSON.stringify({ when, node: process.version, figures, notes }, null, 2)}\n`);
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
