// npm run bench — measures speed as ratios against baselines taken in the same run (the machines
// are shared and noisy, so absolute numbers mean little). Writes bench-report.md and .json.
// Needs a production build (`npm run build`). Options:
//   --cases N (or BENCH_CASES; default 100,000): the large data set for the load and search figures,
//     seeded once into .bench-data/large-N (minutes, a few GB) and reused by later runs;
//   --load-seconds S (or BENCH_LOAD_SECONDS; default 10): how long each load figure is measured;
//   --upload-bytes N (or BENCH_UPLOAD_BYTES; default 1 GiB, e.g. 256MiB for a quick run);
//   --upload-chunk-bytes N (or BENCH_UPLOAD_CHUNK_BYTES; default the browser's 8 MiB).
// A quick run: npm run bench -- --cases 5000 --upload-bytes 64MiB
// Exit status 1 when any request under load failed (a non-2xx answer or a connection error) or a
// figure could not be measured; goals not met show as NO but do not fail the run.
import fs from "node:fs";
import os from "node:os";
import { benchDeadlines } from "./bench/deadlines";
import { benchLoad, loadOptionsFrom, type LoadErrors } from "./bench/load";
import type { Figure } from "./bench/measure";
import { benchUpload, formatSize, uploadOptionsFrom } from "./bench/upload";

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

const failuresOf = (e: LoadErrors) => e.non2xx + e.errors;

function errorLine(e: LoadErrors): string {
  const codes = Object.entries(e.statusCodes)
    .map(([code, n]) => `${code}: ${n.toLocaleString("en-GB")}`)
    .join(", ");
  const detail = failuresOf(e) === 0 ? "" : ` (${e.non2xx} non-2xx, ${e.errors} connection errors of which ${e.timeouts} timeouts; status codes ${codes || "none"})`;
  return `- ${e.label} (${e.path}): Errors under load: ${failuresOf(e)} of ${e.requests.toLocaleString("en-GB")} requests${detail}`;
}

function tableRow(f: Figure): string {
  const met = f.met === null ? "–" : f.met ? "yes" : "NO";
  return `| ${f.name} | ${f.value.toLocaleString("en-GB")} ${f.unit} | ${f.baseline.toLocaleString("en-GB")} (${f.baselineName}) | ${f.ratio.toFixed(2)} | ${f.goal} | ${met} |`;
}

async function main() {
  const argv = process.argv.slice(2);
  const uploadOptions = uploadOptionsFrom(argv, process.env);
  const loadOptions = loadOptionsFrom(argv, process.env);
  const started = Date.now();
  const figures: Figure[] = [...benchDeadlines()];
  const notes: string[] = [];
  const loadErrors: LoadErrors[] = [];
  let measurementFailed = false;

  try {
    const load = await benchLoad(loadOptions);
    figures.push(...load.figures);
    notes.push(...load.notes);
    loadErrors.push(...load.loadErrors);
    measurementFailed ||= load.failed;
  } catch (error) {
    // The other figures still stand; the failure is reported with them and fails the run.
    notes.push(`Load benchmark failed: ${errorMessage(error)}`);
    measurementFailed = true;
  }

  try {
    const upload = await benchUpload(uploadOptions);
    figures.push(...upload.figures);
    notes.push(...upload.notes);
  } catch (error) {
    notes.push(`Upload benchmark failed: ${errorMessage(error)}`);
    measurementFailed = true;
  }

  const errorsUnderLoad = loadErrors.reduce((sum, e) => sum + failuresOf(e), 0);
  const notMet = figures.filter((f) => f.met === false).length;
  const when = new Date().toISOString();
  const lines = [
    `# Benchmark report`,
    ``,
    `${when} · Node ${process.version} · ${os.cpus().length} cores · ${loadOptions.cases.toLocaleString("en-GB")} cases · upload ${formatSize(uploadOptions.bytes)} · ${Math.round((Date.now() - started) / 1000)} s`,
    ``,
    `Every figure is a ratio against a baseline measured in the same run. A goal not met shows as NO and does not fail the run; an error under load (a non-2xx answer or a connection error) or a figure that could not be measured does (exit status 1).`,
    ``,
    `Summary: ${figures.length} figures, ${notMet === 0 ? "every goal met" : `${notMet} goal${notMet === 1 ? "" : "s"} not met`}, ${errorsUnderLoad} error${errorsUnderLoad === 1 ? "" : "s"} under load${measurementFailed ? ", and a measurement failed (see below)" : ""}.`,
    ``,
    `| figure | value | baseline | ratio | goal | met |`,
    `|---|---|---|---|---|---|`,
    ...figures.map(tableRow),
    ``,
    ...(loadErrors.length > 0 ? [`## Errors under load`, ``, ...loadErrors.map(errorLine), ``] : []),
    `## How the figures were taken`,
    ``,
    ...notes.flatMap((note) => [note, ``]),
  ];
  fs.writeFileSync("bench-report.md", `${lines.join("\n")}\n`);
  fs.writeFileSync(
    "bench-report.json",
    `${JSON.stringify({ when, node: process.version, cores: os.cpus().length, cases: loadOptions.cases, uploadBytes: uploadOptions.bytes, errorsUnderLoad, measurementFailed, figures, loadErrors, notes }, null, 2)}\n`,
  );
  console.log(lines.join("\n"));
  if (errorsUnderLoad > 0 || measurementFailed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
