import { RECENT_EVIDENCE_SHOWN } from "@/components/app/evidence/EvidenceSection";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { appEnvironment, freePort, hasProductionBuild, prepareDatabase, signIn, spawnAppServer, type AppServer } from "./app-server";
import { largeDataDir, type LargeData } from "./large-data";
import type { Figure } from "./measure";
import { benchSearch } from "./search";

// Pages and JSON routes under concurrent load (autocannon) on the large data set, each against a
// baseline of the same app measured in the same run: a minimal server-rendered page with the full
// layout for pages, a minimal route handler for JSON. Ratios, not absolute numbers, because the
// machines are shared and noisy.

export const CASEWORKER = { email: "caseworker@ipcasework.test", password: "casework-demo", name: "Priya Raman" };
const DEFAULT_CASES = 100_000;
const DEFAULT_SECONDS = 10;
const WARM_UP_SECONDS = 3;
/**
 * The first pass over every path before any figure is taken. The server keeps getting faster for
 * about a minute after it starts (V8 compiles the hot paths in stages): with a one-second pass the
 * minimal page measured 140 req/s at first and 230 a few minutes later, so whatever came first was
 * compared with a baseline that was still cold.
 */
const FIRST_PASS_SECONDS = 5;
const CONNECTIONS = 10;
/** Long enough that a slow answer shows as latency; a request still unanswered after it counts as an error. */
const REQUEST_TIMEOUT_SECONDS = 30;

/** Below this many answers a percentile rests on few samples, and the report says so. */
const FEW_REQUESTS = 30;
const PAGE_LATENCY_GOAL = 2;
const PAGE_THROUGHPUT_GOAL = 0.5;
const JSON_THROUGHPUT_GOAL = 0.7;

export interface LoadBenchOptions {
  cases: number;
  seconds: number;
  warmUpSeconds: number;
  connections: number;
}

function argument(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined || text === "") return fallback;
  const cleaned = text.replace(/[_,]/g, "");
  const n = Number(cleaned);
  if (!/^\d+$/.test(cleaned) || n < min) throw new Error(`${name} must be a whole number of at least ${min} (got "${text}").`);
  return n;
}

/** `--cases N` / BENCH_CASES (default 100,000), `--load-seconds S` / BENCH_LOAD_SECONDS (default 10 per measurement). */
export function loadOptionsFrom(argv: string[], env: NodeJS.ProcessEnv): LoadBenchOptions {
  return {
    cases: wholeNumber(argument(argv, "--cases") ?? env.BENCH_CASES, "--cases", DEFAULT_CASES, 1),
    seconds: wholeNumber(argument(argv, "--load-seconds") ?? env.BENCH_LOAD_SECONDS, "--load-seconds", DEFAULT_SECONDS, 1),
    warmUpSeconds: WARM_UP_SECONDS,
    connections: CONNECTIONS,
  };
}

type Kind = "page" | "json";

interface Target {
  label: string;
  path: string;
  kind: Kind;
  /** Texts the answer must contain, so that a sign-in page or an error page cannot pass as fast. */
  markers: string[];
}

export interface LoadRun {
  path: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p97_5Ms: number;
  maxMs: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** A load figure's requests and their failures: every one of them must be 0 for the run to pass. */
export interface LoadErrors {
  label: string;
  path: string;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export interface LoadBenchSection {
  figures: Figure[];
  notes: string[];
  /** One entry per measured path, baselines included. */
  loadErrors: LoadErrors[];
  /** Something could not be measured (the notes say what); the run should fail. */
  failed: boolean;
}

// The layout's sign-out link and the caseworker's name ("Signed in as …" is split by React's text markers).
const signedInMarkers = ['href="/sign-out"', CASEWORKER.name];

function targets(caseId: string, caseReference: string): { pageBaseline: Target; routeBaseline: Target; pages: Target[]; json: Target[] } {
  return {
    pageBaseline: { label: "Minimal page", path: "/signed-out", kind: "page", markers: ["You have signed out", ...signedInMarkers] },
    routeBaseline: { label: "Minimal route handler", path: "/api/health", kind: "json", markers: ['"status":"ok"'] },
    pages: [
      { label: "Dashboard", path: "/dashboard", kind: "page", markers: [">Dashboard</h1>", ...signedInMarkers] },
      { label: "Triage queue, filtered", path: "/triage?tab=all&status=assessment&ipRight=trade_secret", kind: "page", markers: [">Triage</h1>", 'href="/cases/', ...signedInMarkers] },
      { label: "Triage queue, searched", path: "/triage?tab=all&q=tokeniser", kind: "page", markers: [">Triage</h1>", 'href="/cases/', ...signedInMarkers] },
      { label: "Case page", path: `/cases/${caseId}`, kind: "page", markers: [caseReference, ...signedInMarkers] },
      { label: "Case evidence page", path: `/cases/${caseId}/evidence`, kind: "page", markers: [caseReference, ">Evidence: ", ...signedInMarkers] },
    ],
    json: [
      { label: "Dashboard JSON", path: "/api/dashboard", kind: "json", markers: ['"openByStatus"', '"generatedAt"'] },
      { label: "Deadlines JSON (team tab)", path: "/api/deadlines?tab=team", kind: "json", markers: ['"today"', '"generatedAt"'] },
      { label: "Unread notifications JSON", path: "/api/notifications/unread-count", kind: "json", markers: ['"unread"'] },
    ],
  };
}

/**
 * Reads the database file once, end to end, so the operating system holds it in memory as it would
 * for a server that has been running a while. Without this, figures taken after a build or a fresh
 * seed paid for disk reads: the search p95 measured 41 ms with part of the file uncached and 12 ms
 * with all of it cached.
 */
async function readThrough(file: string, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 8 * 1024 * 1024 })) bytes += (chunk as Buffer).length;
  log(`  read the database once (${(bytes / 1024 ** 3).toFixed(1)} GiB in ${((performance.now() - started) / 1000).toFixed(1)} s) so that no figure waits on the disk`);
}

/** The case with the most evidence (then notes), so the case page shows a full one. */
function busiestCase(databaseFile: string): { id: string; reference: string; evidence: number; notes: number } {
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare(
        `SELECT c.id, c.reference, e.n AS evidence, (SELECT count(*) FROM case_notes n WHERE n.case_id = c.id) AS notes
         FROM (SELECT case_id, count(*) AS n FROM evidence GROUP BY case_id ORDER BY n DESC LIMIT 20) e
         JOIN cases c ON c.id = e.case_id
         WHERE c.reference IS NOT NULL
         ORDER BY e.n DESC, notes DESC, c.id LIMIT 1`,
      )
      .get() as { id: string; reference: string; evidence: number; notes: number } | undefined;
    if (!row) throw new Error("The large data set has no case with evidence.");
    return row;
  } finally {
    sqlite.close();
  }
}

/** One request, checked: a 200 whose body has every marker. Throws saying what came back instead. */
async function verify(origin: string, cookie: string, target: Target): Promise<void> {
  const response = await fetch(`${origin}${target.path}`, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(120_000) });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`${target.path} answered HTTP ${response.status}${response.headers.get("location") ? ` (to ${response.headers.get("location")})` : ""} before the load started: ${body.slice(0, 300)}`);
  }
  const missing = target.markers.filter((marker) => !body.includes(marker));
  if (missing.length > 0) throw new Error(`${target.path} answered 200 but without ${missing.map((m) => `"${m}"`).join(", ")}, so it is not the page to measure.`);
}

async function hammer(origin: string, cookie: string, target: Target, seconds: number, connections: number): Promise<LoadRun> {
  const result = await autocannon({
    url: `${origin}${target.path}`,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    headers: { Cookie: cookie, Accept: target.kind === "json" ? "application/json" : "text/html" },
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  return {
    path: target.path,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p97_5Ms: result.latency.p97_5,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server is idle again: autocannon stops at the end of its time with requests still
 * queued in the server (at 1 s a request, ten of them are ten seconds of work), and the next
 * measurement must not pay for them. Idle means /api/health answers quickly twice in a row.
 */
async function drain(origin: string, withinMs = 120_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  let quick = 0;
  while (Date.now() < deadline && quick < 2) {
    const started = Date.now();
    try {
      await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(withinMs) }).then((response) => response.arrayBuffer());
      quick = Date.now() - started < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await sleep(100);
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (a: number, b: number) => (a + b) / 2;

/** Two measurements of a baseline (either side of a target, or all of them for the error count) as one, so drift in between evens out. */
function combine(before: LoadRun, after: LoadRun): LoadRun {
  return {
    ...before,
    seconds: before.seconds + after.seconds,
    requests: before.requests + after.requests,
    requestsPerSecond: (before.requests + after.requests) / (before.seconds + after.seconds),
    p50Ms: mean(before.p50Ms, after.p50Ms),
    p97_5Ms: mean(before.p97_5Ms, after.p97_5Ms),
    maxMs: Math.max(before.maxMs, after.maxMs),
    non2xx: before.non2xx + after.non2xx,
    errors: before.errors + after.errors,
    timeouts: before.timeouts + after.timeouts,
    statusCodes: Object.fromEntries([...new Set([...Object.keys(before.statusCodes), ...Object.keys(after.statusCodes)])].map((code) => [code, (before.statusCodes[code] ?? 0) + (after.statusCodes[code] ?? 0)])),
  };
}

const describeRun = (run: LoadRun) => `${run.requests.toLocaleString("en-GB")} requests in ${run.seconds} s, p50 ${run.p50Ms} ms, max ${run.maxMs} ms`;

function figuresFor(target: Target, run: LoadRun, baseline: LoadRun, baselineTarget: Target): Figure[] {
  const throughputRatio = run.requestsPerSecond / baseline.requestsPerSecond;
  const latencyRatio = run.p97_5Ms / baseline.p97_5Ms;
  const clean = run.non2xx === 0 && run.errors === 0;
  const throughputGoal = target.kind === "page" ? PAGE_THROUGHPUT_GOAL : JSON_THROUGHPUT_GOAL;
  const under = `${target.path}, ${CONNECTIONS} connections`;
  return [
    {
      name: `${target.label}: requests/s (${under})`,
      value: round1(run.requestsPerSecond),
      unit: "req/s",
      baseline: round1(baseline.requestsPerSecond),
      baselineName: `req/s for ${baselineTarget.path}`,
      ratio: throughputRatio,
      goal: `≥ ${throughputGoal}× and 0 errors`,
      met: clean && throughputRatio >= throughputGoal,
    },
    {
      name: `${target.label}: p97.5 latency (${under})`,
      value: run.p97_5Ms,
      unit: "ms",
      baseline: baseline.p97_5Ms,
      baselineName: `ms p97.5 for ${baselineTarget.path}`,
      ratio: latencyRatio,
      goal: target.kind === "page" ? `≤ ${PAGE_LATENCY_GOAL}× and 0 errors` : "report only (0 errors)",
      met: target.kind === "page" ? clean && latencyRatio <= PAGE_LATENCY_GOAL : clean ? null : false,
    },
  ];
}

const errorsOf = (target: Target, run: LoadRun): LoadErrors => ({
  label: target.label,
  path: target.path,
  requests: run.requests,
  non2xx: run.non2xx,
  errors: run.errors,
  timeouts: run.timeouts,
  statusCodes: run.statusCodes,
});

/**
 * The load figures on a large data set (seeded once into .bench-data and reused), then full-text
 * search and the longest single query on the same data. Skipped with a note without a production
 * build. The server is stopped in every case.
 */
export async function benchLoad(options: LoadBenchOptions, log: (line: string) => void = console.log): Promise<LoadBenchSection> {
  if (!hasProductionBuild()) {
    return {
      figures: [],
      notes: ["Load and search benchmarks skipped: there is no production build (.next/BUILD_ID). Run `npm run build` (or `npm start` once), then run the bench again."],
      loadErrors: [],
      failed: true,
    };
  }
  log(`▶ Load benchmark: ${options.cases.toLocaleString("en-GB")} cases, ${options.connections} connections, ${options.seconds} s per measurement after ${options.warmUpSeconds} s of warm-up`);
  const data: LargeData = await largeDataDir(options.cases, log);
  const port = await freePort();
  const env = appEnvironment(data.dataDir, port);
  // The data set may predate a migration; applying it is part of using the data, not of the measurement.
  prepareDatabase(env, { seedDemo: false });
  await readThrough(data.databaseFile, log);
  const busiest = busiestCase(data.databaseFile);
  const all = targets(busiest.id, busiest.reference);

  let server: AppServer | undefined;
  const killNow = () => server?.killNow();
  const onSignal = (signal: NodeJS.Signals) => {
    killNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("exit", killNow);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const loadErrors: LoadErrors[] = [];
  try {
    log(`  starting the production build on http://127.0.0.1:${port}`);
    server = spawnAppServer(env, port, path.join(data.dataDir, "bench-server.log"));
    await server.ready(120_000);
    const cookie = await signIn(server.origin, CASEWORKER.email, CASEWORKER.password);
    const origin = server.origin;

    for (const target of [all.pageBaseline, all.routeBaseline, ...all.pages, ...all.json]) await verify(origin, cookie, target);

    const measure = async (target: Target): Promise<LoadRun> => {
      await hammer(origin, cookie, target, options.warmUpSeconds, options.connections);
      await drain(origin);
      const run = await hammer(origin, cookie, target, options.seconds, options.connections);
      await drain(origin);
      log(`    ${target.path.padEnd(60)} ${round1(run.requestsPerSecond).toString().padStart(8)} req/s  p97.5 ${String(run.p97_5Ms).padStart(6)} ms  non-2xx ${run.non2xx}  errors ${run.errors}`);
      return run;
    };

    // A first pass over everything, so the server has compiled and cached what each path needs
    // before any figure is taken (the first baseline would otherwise pay for the cold start).
    log(`  warming up: ${FIRST_PASS_SECONDS} s on each path`);
    for (const target of [all.pageBaseline, all.routeBaseline, ...all.pages, ...all.json]) {
      await hammer(origin, cookie, target, FIRST_PASS_SECONDS, options.connections);
      await drain(origin);
    }
    // Each target is measured between two measurements of its baseline, and compared with their
    // mean: the machine drifts during a run (the minimal page has measured 160 req/s at the start
    // and 230 at the end of one), and a baseline taken minutes away would carry that drift.
    const settlingRuns: LoadRun[] = [];
    const bracketed = async (baseline: Target, targets: Target[]) => {
      // One baseline measurement first that counts for nothing: the first after the warm-up pass
      // came out low in four of five runs (120–158 req/s against 190–257 for the rest of the run),
      // which raised the ratio of whichever figure came first.
      settlingRuns.push(await measure(baseline));
      const baselineRuns = [await measure(baseline)];
      const runs = new Map<Target, { run: LoadRun; baseline: LoadRun }>();
      for (const target of targets) {
        const run = await measure(target);
        const after = await measure(baseline);
        runs.set(target, { run, baseline: combine(baselineRuns[baselineRuns.length - 1]!, after) });
        baselineRuns.push(after);
      }
      return { runs, baselineRuns };
    };
    log("  pages, each between two measurements of the minimal page (after one that is not counted)");
    const pages = await bracketed(all.pageBaseline, all.pages);
    log("  JSON routes, each between two measurements of the minimal route (after one that is not counted)");
    const routes = await bracketed(all.routeBaseline, all.json);
    const pageRuns = new Map([...pages.runs].map(([target, { run }]) => [target, run]));
    const jsonRuns = new Map([...routes.runs].map(([target, { run }]) => [target, run]));

    for (const [target, { run, baseline }] of pages.runs) figures.push(...figuresFor(target, run, baseline, all.pageBaseline));
    for (const [target, { run, baseline }] of routes.runs) figures.push(...figuresFor(target, run, baseline, all.routeBaseline));
    // The uncounted settling runs still count for errors: an error under load is one wherever it happens.
    loadErrors.push(errorsOf(all.pageBaseline, [settlingRuns[0]!, ...pages.baselineRuns].reduce(combine)), errorsOf(all.routeBaseline, [settlingRuns[1]!, ...routes.baselineRuns].reduce(combine)));
    for (const [target, run] of [...pageRuns, ...jsonRuns]) loadErrors.push(errorsOf(target, run));

    const rates = (runs: LoadRun[]) => runs.map((run) => round1(run.requestsPerSecond)).join(", ");
    notes.push(
      `Load: ${options.cases.toLocaleString("en-GB")} cases (seeded ${data.seededAt}${data.fresh ? " in this run" : ", reused"}), signed in as the caseworker ${CASEWORKER.email}; autocannon, ${options.connections} connections, ${options.seconds} s per figure after a first pass of ${FIRST_PASS_SECONDS} s on every path and ${options.warmUpSeconds} s of warm-up before each figure, each answer checked once for its content before the load. Each target was measured between two measurements of its baseline and compared with their mean, after one baseline measurement that is not counted (${rates(settlingRuns)} req/s): ${all.pageBaseline.path} measured ${rates(pages.baselineRuns)} req/s in turn; ${all.routeBaseline.path} ${rates(routes.baselineRuns)} req/s.`,
      `Case page and case evidence page: ${busiest.reference}, the case with the most evidence (${busiest.evidence} items, ${busiest.notes} notes). The case page shows the ${RECENT_EVIDENCE_SHOWN} items received most recently; the evidence page lists them all.`,
      ...[...pageRuns, ...jsonRuns].map(
        ([target, run]) =>
          `${target.label} (${target.path}): ${describeRun(run)}.${run.requests < FEW_REQUESTS ? ` Only ${run.requests} answers in the time, so its p97.5 is close to its slowest; --load-seconds 30 gives a steadier figure.` : ""}`,
      ),
      "The machine may be shared with other work; the baselines are measured in the same run so that the ratios, not the absolute numbers, carry the result.",
    );
  } catch (error) {
    if (server) log(`  the app's last output:\n${server.logTail()}`);
    throw error;
  } finally {
    await server?.stop();
    process.off("exit", killNow);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  // After the server has stopped, so nothing competes with the timings.
  const search = await benchSearch(data.databaseFile, CASEWORKER.email, log);
  figures.push(...search.figures);
  notes.push(...search.notes);
  return { figures, notes, loadErrors, failed: search.failed };
}
