/**
 * How long each database statement behind the busy staff pages takes: every dashboard figure, each
 * list behind a figure and its CSV export's first page, the triage queue (tabs, filters, sorts,
 * search), the deadlines view and the staff case page. better-sqlite3 is synchronous, so one slow
 * statement holds every other request; the goal (issue 8) is that none takes over 50 ms.
 *
 * Each statement is timed where better-sqlite3 runs it: the connection's `prepare` is wrapped for
 * the duration of the measurement, so a domain call's figure is its slowest single statement, not
 * the sum of them (the JavaScript between statements is reported apart, as the call's total).
 *
 *   DATA_DIR=/tmp/perf100k npx tsx scripts/bench/query-timings.ts [--caseworker ID] [--search WORDS] [--runs N] [--only TEXT] [--json] [--plans | --plans-over MS]
 *
 * --only keeps the calls whose name contains TEXT; --plans prints EXPLAIN QUERY PLAN for each call
 * whose slowest statement is over the goal (--plans-over MS: at least MS).
 */
import { workOutStaffCaseView } from "@/domain/cases/get-staff-case-view";
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import os from "node:os";
import path from "node:path";
import { openDatabase, databaseFile, type Db } from "../../db/client";
import type { UserRole } from "../../db/schema";
import { DEFAULT_CONFIG, type Actor, type Ctx } from "../../domain/context";
import { listTriageQueue, QUEUE_STATUSES, TRIAGE_SORTS, TRIAGE_TABS, CLOCK_FILTERS } from "../../domain/cases/list-triage-queue";
import { getCaseWorkspace } from "../../domain/cases/get-case-workspace";
import { getCaseTimeline } from "../../domain/cases/get-case-timeline";
import { getCaseAssignment } from "../../domain/cases/get-case-assignment";
import { getCaseClocks } from "../../domain/deadlines/get-case-clocks";
import { listCaseEvidence } from "../../domain/evidence/evidence-access";
import { DEADLINE_SORTS, DEADLINE_TABS, deadlineFilterOptions, getDeadlinesView } from "../../domain/deadlines/list-deadlines";
import { londonDateOf } from "../../domain/deadlines/london-date";
import { exportFigureCsv } from "../../domain/dashboard/export-csv";
import { FIGURES, listFigure, type FigureListQuery } from "../../domain/dashboard/figure-lists";
import { DEADLINE_FIGURES } from "../../domain/dashboard/deadline-figures";
import { countCasesAtRisk } from "../../domain/dashboard/at-risk";
import { triageTime } from "../../domain/dashboard/triage-time";
import {
  countCaseToAnswer,
  countDeadlineFigure,
  countOpenByStatus,
  countReceivedPerWeek,
  countWorkload,
  dashboardFilterOptions,
  readDashboardFilters,
  workOutDashboard,
} from "../../domain/dashboard/get-dashboard";
import type { DashboardFiltersQuery } from "../../domain/dashboard/filters";

/** The goal for the longest single statement (issue 8). */
export const QUERY_GOAL_MS = 50;

export interface QueryTimingDetail {
  name: string;
  /** The slowest single statement in the worst run, in milliseconds. */
  ms: number;
  /** The same in the best run: on a shared, noisy machine the better guide to the query itself. */
  bestMs: number;
  /** The worst run's whole domain call, statements and JavaScript together, in milliseconds. */
  callMs: number;
  statements: number;
  /** The SQL of the slowest statement and its parameters, for EXPLAIN QUERY PLAN. */
  slowestSql: string;
  slowestParams: unknown[];
}

interface Scenario {
  name: string;
  run: (ctx: Ctx) => unknown;
}

interface StatementTiming {
  ms: number;
  sql: string;
  params: unknown[];
}

const EXECUTING_METHODS = ["all", "get", "run", "iterate"] as const;

/**
 * Wraps `prepare` so every execution of a statement made while `record` is set is timed. Returns
 * the undo. Iterators are timed as they are drained, since that is when SQLite does the work.
 */
function instrument(client: Database.Database, record: (timing: StatementTiming) => void): () => void {
  const original = client.prepare;
  client.prepare = function prepareTimed(this: Database.Database, source: string) {
    const statement = original.call(this, source) as Database.Statement;
    for (const method of EXECUTING_METHODS) {
      const execute = (statement as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
      if (method === "iterate") {
        Object.defineProperty(statement, method, {
          configurable: true,
          value: (...args: unknown[]) => {
            const started = process.hrtime.bigint();
            const rows = [...(execute.apply(statement, args) as Iterable<unknown>)];
            record({ ms: Number(process.hrtime.bigint() - started) / 1e6, sql: source, params: args });
            return rows[Symbol.iterator]();
          },
        });
        continue;
      }
      Object.defineProperty(statement, method, {
        configurable: true,
        value: (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return execute.apply(statement, args);
          } finally {
            record({ ms: Number(process.hrtime.bigint() - started) / 1e6, sql: source, params: args });
          }
        },
      });
    }
    return statement;
  } as typeof client.prepare;
  return () => {
    client.prepare = original;
  };
}

interface Subjects {
  actor: Actor;
  caseworkerId: string;
  team: string | null;
  search: string;
  /** The case with the most evidence, and the one with the longest audit history. */
  evidenceCaseId: string | null;
  historyCaseId: string | null;
}

/** Picks the people and cases the measured calls are about. Not timed: these are set-up reads. */
function chooseSubjects(db: Db, options: { caseworkerId?: string; search?: string }): Subjects {
  type UserRow = { id: string; email: string; name: string; role: UserRole; team: string | null };
  const byId = (id: string) => db.get<UserRow | undefined>(sql`SELECT id, email, name, role, team FROM users WHERE id = ${id}`);
  // The caseworker holding the most open cases: their "mine" tab and filters are the heaviest.
  const busiest = db.get<{ id: string } | undefined>(
    sql`SELECT u.id AS id FROM users u WHERE u.role IN ('caseworker', 'supervisor') AND u.disabled_at IS NULL
        ORDER BY (SELECT count(*) FROM cases c WHERE c.assigned_to = u.id AND c.status IN ('submitted', 'in_triage', 'awaiting_information', 'assessment', 'investigation', 'decided')) DESC, u.id LIMIT 1`,
  );
  const chosen = options.caseworkerId ? byId(options.caseworkerId) : busiest ? byId(busiest.id) : undefined;
  if (!chosen) throw new Error(options.caseworkerId ? `No user has the id ${options.caseworkerId}` : "The database has no caseworkers: seed it first");
  if (!["caseworker", "supervisor", "admin"].includes(chosen.role)) throw new Error(`User ${chosen.id} is not staff`);
  const actor: Actor = { id: chosen.id, email: chosen.email, name: chosen.name, role: chosen.role, team: chosen.team, organisationIds: [], emailVerified: true };
  const evidenceCase = db.get<{ caseId: string } | undefined>(sql`SELECT case_id AS caseId FROM evidence GROUP BY case_id ORDER BY count(*) DESC LIMIT 1`);
  const historyCase = db.get<{ caseId: string } | undefined>(sql`SELECT case_id AS caseId FROM audit_events WHERE case_id IS NOT NULL GROUP BY case_id ORDER BY count(*) DESC LIMIT 1`);
  return {
    actor,
    caseworkerId: chosen.id,
    team: chosen.team,
    search: options.search ?? "attention",
    evidenceCaseId: evidenceCase?.caseId ?? null,
    historyCaseId: historyCase?.caseId ?? null,
  };
}

/** A second page: the first page's cursor fed back, so keyset paging is measured too. */
function secondFigurePage(ctx: Ctx, query: FigureListQuery): unknown {
  const first = listFigure(ctx, query);
  return first.nextCursor ? listFigure(ctx, { ...query, after: first.nextCursor }) : first;
}

function scenarios(s: Subjects): Scenario[] {
  const list: Scenario[] = [];
  const add = (name: string, run: (ctx: Ctx) => unknown) => list.push({ name, run });

  // Dashboard: each figure alone, without filters and with each filter, then the whole payload.
  const scopes: [string, DashboardFiltersQuery][] = [
    ["", {}],
    [" (caseworker)", { caseworkerId: s.caseworkerId }],
    ...(s.team ? ([[" (team)", { team: s.team }]] as [string, DashboardFiltersQuery][]) : []),
    [" (180 days)", { period: 180 }],
  ];
  for (const [label, filters] of scopes) {
    const scoped = (ctx: Ctx) => readDashboardFilters(ctx, filters);
    add(`dashboard: open by status${label}`, (ctx) => countOpenByStatus(ctx, scoped(ctx).filters));
    add(`dashboard: received per week${label}`, (ctx) => {
      const { window, filters } = scoped(ctx);
      return countReceivedPerWeek(ctx, window, filters);
    });
    for (const figure of DEADLINE_FIGURES) {
      add(`dashboard: deadlines ${figure}${label}`, (ctx) => {
        const { window, filters } = scoped(ctx);
        return countDeadlineFigure(ctx, figure, window, filters);
      });
    }
    add(`dashboard: at risk${label}`, (ctx) => {
      const { window, filters } = scoped(ctx);
      return countCasesAtRisk(ctx, window, filters);
    });
    add(`dashboard: workload${label}`, (ctx) => countWorkload(ctx, scoped(ctx).filters));
    add(`dashboard: case to answer${label}`, (ctx) => {
      const { window, filters } = scoped(ctx);
      return countCaseToAnswer(ctx, window, filters);
    });
    add(`dashboard: triage time${label}`, (ctx) => {
      const { window, filters } = scoped(ctx);
      return triageTime(ctx, window, filters);
    });
    // Worked out afresh each run: getDashboard would answer later runs from the live-view cache (ADR 0011).
    add(`dashboard: whole payload${label}`, (ctx) => workOutDashboard(ctx, filters));
  }
  add("dashboard: filter options", (ctx) => dashboardFilterOptions(ctx));

  // The lists behind the figures (first and second page), and each CSV export's first page.
  const figureQueries: [string, FigureListQuery][] = FIGURES.flatMap((figure): [string, FigureListQuery][] => {
    if (figure === "at-risk") return [["at-risk red", { figure, level: "red" }], ["at-risk amber", { figure, level: "amber" }]];
    if (figure === "open-cases") return [["open-cases", { figure }], ["open-cases in_triage", { figure, status: "in_triage" }]];
    return [[figure, { figure }]];
  });
  for (const [label, query] of figureQueries) {
    add(`figure list: ${label}`, (ctx) => listFigure(ctx, query));
    add(`figure list: ${label}, page 2`, (ctx) => secondFigurePage(ctx, query));
    add(`figure list: ${label} (caseworker)`, (ctx) => listFigure(ctx, { ...query, caseworkerId: s.caseworkerId }));
    if (s.team) add(`figure list: ${label} (team)`, (ctx) => listFigure(ctx, { ...query, team: s.team! }));
    add(`csv export first page: ${label}`, (ctx) => exportFigureCsv(ctx, query));
  }

  // Triage queue: the default view, each tab in each sort, each filter, a search and a second page.
  add("triage: default view", (ctx) => listTriageQueue(ctx, {}));
  for (const tab of TRIAGE_TABS) for (const sort of TRIAGE_SORTS) add(`triage: ${tab}, ${sort}`, (ctx) => listTriageQueue(ctx, { tab, sort }));
  const allStatuses = [...QUEUE_STATUSES];
  for (const sort of TRIAGE_SORTS) add(`triage: all statuses, ${sort}`, (ctx) => listTriageQueue(ctx, { tab: "all", sort, statuses: allStatuses }));
  for (const status of QUEUE_STATUSES) add(`triage: status ${status}`, (ctx) => listTriageQueue(ctx, { tab: "all", statuses: [status] }));
  for (const status of ["closed", "withdrawn"] as const) add(`triage: status ${status}, due-asc`, (ctx) => listTriageQueue(ctx, { tab: "all", statuses: [status], sort: "due-asc" }));
  add("triage: ip right design", (ctx) => listTriageQueue(ctx, { tab: "all", ipRights: ["design"] }));
  add("triage: ip right design, due-desc", (ctx) => listTriageQueue(ctx, { tab: "all", ipRights: ["design"], sort: "due-desc" }));
  for (const clock of CLOCK_FILTERS) {
    add(`triage: clock ${clock}`, (ctx) => listTriageQueue(ctx, { tab: "all", clock: [clock] }));
    add(`triage: clock ${clock}, due-asc`, (ctx) => listTriageQueue(ctx, { tab: "all", clock: [clock], sort: "due-asc" }));
  }
  add("triage: caseworker", (ctx) => listTriageQueue(ctx, { tab: "all", caseworkerId: s.caseworkerId }));
  add("triage: caseworker, due-asc", (ctx) => listTriageQueue(ctx, { tab: "all", caseworkerId: s.caseworkerId, sort: "due-asc" }));
  add("triage: received in a month", (ctx) => {
    const today = londonDateOf(ctx.now);
    return listTriageQueue(ctx, { tab: "all", receivedFrom: `${today.slice(0, 7)}-01`, receivedTo: today });
  });
  add("triage: filters combined", (ctx) => listTriageQueue(ctx, { tab: "all", statuses: ["assessment", "investigation"], ipRights: ["copyright", "trade_secret"], clock: ["running", "overdue"], sort: "due-asc" }));
  add(`triage: search "${s.search}"`, (ctx) => listTriageQueue(ctx, { tab: "all", q: s.search }));
  add(`triage: search "${s.search}", due-asc, all statuses`, (ctx) => listTriageQueue(ctx, { tab: "all", q: s.search, sort: "due-asc", statuses: allStatuses }));
  add("triage: search one letter", (ctx) => listTriageQueue(ctx, { tab: "all", q: "a" }));
  add("triage: all, received-asc, page 2", (ctx) => {
    const first = listTriageQueue(ctx, { tab: "all" });
    return first.nextCursor ? listTriageQueue(ctx, { tab: "all", after: first.nextCursor }) : first;
  });
  add("triage: all statuses, due-asc, page 2", (ctx) => {
    const first = listTriageQueue(ctx, { tab: "all", sort: "due-asc", statuses: allStatuses });
    return first.nextCursor ? listTriageQueue(ctx, { tab: "all", sort: "due-asc", statuses: allStatuses, after: first.nextCursor }) : first;
  });

  // Deadlines view: each tab in each sort (with its counts), the filters and a month's calendar.
  for (const tab of DEADLINE_TABS) for (const sort of DEADLINE_SORTS) add(`deadlines: ${tab}, ${sort}`, (ctx) => getDeadlinesView(ctx, { tab, sort }));
  add("deadlines: due-7, caseworker", (ctx) => getDeadlinesView(ctx, { tab: "due-7", caseworkerId: s.caseworkerId }));
  add("deadlines: overdue, rule case-to-answer", (ctx) => getDeadlinesView(ctx, { tab: "overdue", ruleId: "case-to-answer" }));
  add("deadlines: team, month calendar", (ctx) => getDeadlinesView(ctx, { tab: "team", month: londonDateOf(ctx.now).slice(0, 7) }));
  add("deadlines: overdue, month calendar", (ctx) => getDeadlinesView(ctx, { tab: "overdue", month: londonDateOf(ctx.now).slice(0, 7) }));
  add("deadlines: filter options", (ctx) => deadlineFilterOptions(ctx));

  // The staff case page, for the case with the most evidence and the one with the longest history.
  const cases: [string, string | null][] = [
    ["most evidence", s.evidenceCaseId],
    ["longest history", s.historyCaseId],
  ];
  for (const [label, caseId] of cases) {
    if (caseId === null) continue;
    add(`case page (${label}): workspace`, (ctx) => getCaseWorkspace(ctx, caseId));
    add(`case page (${label}): assignment`, (ctx) => getCaseAssignment(ctx, caseId));
    add(`case page (${label}): clocks`, (ctx) => getCaseClocks(ctx, caseId));
    add(`case page (${label}): timeline`, (ctx) => getCaseTimeline(ctx, caseId));
    add(`case page (${label}): evidence`, (ctx) => listCaseEvidence(ctx, caseId));
    add(`case page (${label}): evidence by title`, (ctx) => listCaseEvidence(ctx, caseId, { sort: "title", dir: "desc" }));
    // Worked out afresh each run: getStaffCaseView would answer later runs from its cache (ADR 0013).
    add(`case page (${label}): every read`, (ctx) => workOutStaffCaseView(ctx, caseId));
  }
  return list;
}

/**
 * Every measured call with its slowest statement and its whole duration, worst of `runs` runs
 * after one warm-up run (which fills SQLite's page cache as a live server's would be).
 */
export function measureQueryDetails(db: Db, options: { caseworkerId?: string; search?: string; runs?: number; now?: Date; only?: string } = {}): QueryTimingDetail[] {
  const subjects = chooseSubjects(db, options);
  const runs = Math.max(1, options.runs ?? 3);
  let current: StatementTiming[] = [];
  const undo = instrument(db.$client, (timing) => current.push(timing));
  try {
    const chosen = scenarios(subjects).filter((scenario) => options.only === undefined || scenario.name.includes(options.only));
    return chosen.map(({ name, run }) => {
      let worst: QueryTimingDetail = { name, ms: 0, bestMs: Infinity, callMs: 0, statements: 0, slowestSql: "", slowestParams: [] };
      for (let i = 0; i <= runs; i++) {
        current = [];
        const ctx: Ctx = { db, actor: subjects.actor, now: options.now ?? new Date(), config: DEFAULT_CONFIG };
        const started = process.hrtime.bigint();
        // An export's later pages are read lazily; its first page is read by the call itself.
        run(ctx);
        const callMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (i === 0) continue;
        const slowest = current.reduce<StatementTiming | null>((a, b) => (a === null || b.ms > a.ms ? b : a), null);
        const bestMs = Math.min(worst.bestMs, slowest?.ms ?? 0);
        if (slowest && slowest.ms >= worst.ms) worst = { name, ms: slowest.ms, bestMs, callMs: Math.max(callMs, worst.callMs), statements: current.length, slowestSql: slowest.sql, slowestParams: slowest.params };
        else worst = { ...worst, bestMs, callMs: Math.max(callMs, worst.callMs) };
      }
      return worst;
    });
  } finally {
    undo();
  }
}

/**
 * The slowest single statement of each query behind the dashboard, its lists and CSV export, the
 * triage queue, the deadlines view and the staff case page: the worst of a few runs, in ms.
 */
export function measureQueryTimings(db: Db, options: { caseworkerId?: string; search?: string } = {}): { name: string; ms: number; callMs: number }[] {
  return measureQueryDetails(db, options).map(({ name, ms, callMs }) => ({ name, ms, callMs }));
}

interface CliArgs {
  caseworkerId?: string;
  search?: string;
  runs?: number;
  only?: string;
  json: boolean;
  /** Print EXPLAIN QUERY PLAN for calls whose slowest statement took at least this many ms. */
  plansOver: number | null;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { json: false, plansOver: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Give a value after ${flag}`);
      return v;
    };
    if (flag === "--caseworker") args.caseworkerId = value();
    else if (flag === "--search") args.search = value();
    else if (flag === "--runs") args.runs = Number(value());
    else if (flag === "--only") args.only = value();
    else if (flag === "--json") args.json = true;
    else if (flag === "--plans") args.plansOver = QUERY_GOAL_MS;
    else if (flag === "--plans-over") args.plansOver = Number(value());
    else throw new Error(`Unknown option ${flag}. Options: --caseworker ID, --search WORDS, --runs N, --only TEXT, --json, --plans, --plans-over MS`);
  }
  return args;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const file = databaseFile();
  const db = openDatabase(file, { migrate: false });
  try {
    const started = Date.now();
    const details = measureQueryDetails(db, args);
    if (args.json) {
      console.log(JSON.stringify(details, null, 2));
    } else {
      console.log(`Query timings on ${file} (slowest statement per call, worst of ${args.runs ?? 3} runs; goal ${QUERY_GOAL_MS} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`);
      const width = Math.max(...details.map((d) => d.name.length));
      for (const d of details) {
        console.log(`${d.ms >= QUERY_GOAL_MS ? "OVER" : "    "} ${d.name.padEnd(width)}  ${d.ms.toFixed(1).padStart(8)} ms  (best ${d.bestMs.toFixed(1)} ms; call ${d.callMs.toFixed(1)} ms, ${d.statements} statements)`);
      }
      const worst = details.reduce((a, b) => (b.ms > a.ms ? b : a));
      const over = details.filter((d) => d.ms >= QUERY_GOAL_MS);
      console.log(`\nLongest single query: ${worst.ms.toFixed(1)} ms (${worst.name}). ${over.length} of ${details.length} over ${QUERY_GOAL_MS} ms. Measured in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      if (args.plansOver !== null) {
        for (const d of details.filter((detail) => detail.ms >= args.plansOver!)) {
          const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${d.slowestSql}`).all(...(d.slowestParams as never[])) as { detail: string }[];
          console.log(`\n--- ${d.name} (${d.ms.toFixed(1)} ms)\n${d.slowestSql}\n${JSON.stringify(d.slowestParams)}\n${plan.map((p) => `  ${p.detail}`).join("\n")}`);
        }
      }
    }
    return 0;
  } finally {
    db.$client.close();
  }
}

// Run as a command only when started directly, not when the bench imports measureQueryTimings.
if (/^query-timings\.[cm]?[jt]s$/.test(path.basename(process.argv[1] ?? ""))) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
