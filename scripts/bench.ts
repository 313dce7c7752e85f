// npm run bench — measures speed as ratios against baselines taken in the same run (the machines
// are shared and noisy, so absolute numbers mean little). Writes bench-report.md and .json.
import fs from "node:fs";
import os from "node:os";
import { benchDeadlines } from "./bench/deadlines";
import type { Figure } from "./bench/measure";

const figures: Figure[] = [...benchDeadlines()];
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
  `Not yet measured (their features are not built): upload throughput, page and JSON-route load, full-text search latency.`,
];
fs.writeFileSync("bench-report.md", `${lines.join("\n")}\n`);
fs.writeFileSync("bench-report.json", `${JSON.stringify({ when, node: process.version, figures }, null, 2)}\n`);
console.log(lines.join("\n"));
