import Database from "better-sqlite3";
import { eq, isNotNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { cases, users } from "../../db/schema";
import { feedOwner } from "../../domain/calendar/feed-access";
import { listTriageQueue, QUEUE_STATUSES, type TriageQueueQuery } from "../../domain/cases/list-triage-queue";
import { DEFAULT_CONFIG, type Ctx } from "../../domain/context";
import type { Figure } from "./measure";
import { measureQueryTimings } from "./query-timings";

// Query speed on the large data set, in this process, on a read-only connection: what one request's
// SQL costs when nothing else competes with it. A single slow query matters more than its average
// because better-sqlite3 is synchronous: while it runs, every other request to the server waits.

const SEARCHES = 200;
const WARM_UP_SEARCHES = 20;
export const LONGEST_QUERY_GOAL_MS = 50;

/** Words the large seed writes into titles, complaints and party names, some that match little or nothing, and prefixes. */
const WORDS = [
  "attention", "tokeniser", "reward model", "weights", "training corpus", "preference", "safety framework", "inference kernels", "retrieval", "speech synthesis",
  "motion planning", "segmentation", "protein folding", "benchmark", "distillation", "quantisation", "router", "embedding", "compiler", "data cleaning",
  "Orrin", "Velloq", "Tamsk", "Brisel", "Kaldor", "Nimmet", "Ostrel", "Pellin", "Quorra", "Sarnic", "Teglo", "Umbrix",
  "language model", "code assistant", "vision model", "chat assistant", "robotics", "recommendation engine",
  "Brindlemoor", "Corriewell", "Dunmarrow", "Elderquay", "Kestrelby", "Marlpit", "Pennywhistle", "Wrenfold", "Glimmerby", "Pipistrelle", "Labs", "Genomics", "GmbH",
  "contractor", "repository", "scraped", "engineer", "non-disclosure", "preprint", "unlicensed", "confidential",
  "att", "tok", "qua", "emb", "Vel", "Kes",
  "zyzzogeton", "florbnax", "IPC", "2026",
];

/** Varied searches: single words and phrases, pairs, and three words, over the open queue or every status. */
function searchQueries(count: number, offset: number): TriageQueueQuery[] {
  const out: TriageQueueQuery[] = [];
  for (let i = 0; i < count; i++) {
    const n = i + offset;
    const word = (k: number) => WORDS[(n * 7 + k * 13) % WORDS.length]!;
    const q = n % 3 === 0 ? word(0) : n % 3 === 1 ? `${word(0)} ${word(1)}` : `${word(0)} ${word(1)} ${word(2)}`;
    out.push(n % 2 === 0 ? { tab: "all", q } : { tab: "all", q, statuses: [...QUEUE_STATUSES] });
  }
  return out;
}

const msSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function openReadOnly(databaseFile: string): Db {
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  return drizzle(sqlite, { schema }) as Db;
}

export interface SearchBenchResult {
  figures: Figure[];
  notes: string[];
  /** A measurement could not be taken (the notes say which); the run should fail. */
  failed: boolean;
}

/**
 * Full-text search through the triage queue (listTriageQueue with q, as the page calls it) over the
 * large data set, against an indexed lookup of a case by its reference, timed the same way; then the
 * longest single query from measureQueryTimings.
 */
export async function benchSearch(databaseFile: string, caseworkerEmail: string, log: (line: string) => void = console.log): Promise<SearchBenchResult> {
  const db = openReadOnly(databaseFile);
  const figures: Figure[] = [];
  const notes: string[] = [];
  let failed = false;
  try {
    const caseworker = db.select({ id: users.id }).from(users).where(eq(users.email, caseworkerEmail)).get();
    const actor = caseworker ? feedOwner(db, caseworker.id) : null;
    if (!actor) throw new Error(`The large data set has no active account ${caseworkerEmail}.`);
    const ctx: Ctx = { db, actor, now: new Date(), config: DEFAULT_CONFIG };

    log(`  full-text search: ${SEARCHES} searches through the triage queue`);
    for (const query of searchQueries(WARM_UP_SEARCHES, SEARCHES)) listTriageQueue(ctx, query);
    const searchMs: number[] = [];
    let found = 0;
    for (const query of searchQueries(SEARCHES, 0)) {
      const started = process.hrtime.bigint();
      const page = listTriageQueue(ctx, query);
      searchMs.push(msSince(started));
      if (page.items.length > 0) found++;
    }

    const references = db
      .select({ reference: cases.reference })
      .from(cases)
      .where(isNotNull(cases.reference))
      .orderBy(sql`random()`)
      .limit(SEARCHES + WARM_UP_SEARCHES)
      .all()
      .map((row) => row.reference!);
    const byReference = (reference: string) => db.select({ id: cases.id, title: cases.title, status: cases.status }).from(cases).where(eq(cases.reference, reference)).get();
    for (const reference of references.slice(SEARCHES)) byReference(reference);
    const lookupMs: number[] = [];
    for (const reference of references.slice(0, SEARCHES)) {
      const started = process.hrtime.bigint();
      if (!byReference(reference)) throw new Error(`No case has the reference ${reference} it was just read with.`);
      lookupMs.push(msSince(started));
    }

    const searchP95 = percentile(searchMs, 95);
    const searchMax = Math.max(...searchMs);
    const lookupP95 = percentile(lookupMs, 95);
    const baselineName = `ms p95 of ${lookupMs.length} lookups of a case by its reference (unique index)`;
    figures.push(
      {
        name: `Full-text search p95 (${searchMs.length} triage searches, ${found} with results)`,
        value: round2(searchP95),
        unit: "ms",
        baseline: round2(lookupP95),
        baselineName,
        ratio: searchP95 / lookupP95,
        goal: `≤ ${LONGEST_QUERY_GOAL_MS} ms`,
        met: searchP95 <= LONGEST_QUERY_GOAL_MS,
      },
      {
        name: `Full-text search, slowest of the ${searchMs.length}`,
        value: round2(searchMax),
        unit: "ms",
        baseline: round2(lookupP95),
        baselineName,
        ratio: searchMax / lookupP95,
        goal: `≤ ${LONGEST_QUERY_GOAL_MS} ms`,
        met: searchMax <= LONGEST_QUERY_GOAL_MS,
      },
    );
    const slowest = searchQueries(SEARCHES, 0)
      .map((query, i) => ({ q: query.q, all: query.statuses !== undefined, ms: searchMs[i]! }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    notes.push(
      `Full-text search: median ${round2(percentile(searchMs, 50))} ms; slowest ${slowest.map((s) => `"${s.q}"${s.all ? " (every status)" : ""} ${round2(s.ms)} ms`).join(", ")}. Timed in the bench's own process on a read-only connection, one at a time.`,
    );

    log("  timing the heavy queries one by one");
    let timings: { name: string; ms: number; callMs: number }[] = [];
    try {
      timings = [...measureQueryTimings(db)].sort((a, b) => b.ms - a.ms);
    } catch (error) {
      failed = true;
      notes.push(`Longest single query: timing the queries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const longest = timings[0];
    if (longest) {
      figures.push({
        name: `Longest single query: ${longest.name} (worst run, of ${timings.length} queries)`,
        value: round2(longest.ms),
        unit: "ms",
        baseline: round2(lookupP95),
        baselineName,
        ratio: longest.ms / lookupP95,
        goal: `≤ ${LONGEST_QUERY_GOAL_MS} ms`,
        met: longest.ms <= LONGEST_QUERY_GOAL_MS,
      });
      const over = timings.filter((t) => t.ms > LONGEST_QUERY_GOAL_MS);
      notes.push(
        `Query timings (measureQueryTimings: the slowest single statement of each query, worst of its runs): ${timings.length} queries, ${over.length} over ${LONGEST_QUERY_GOAL_MS} ms. Slowest: ${timings
          .slice(0, 10)
          .map((t) => `${t.name} ${round2(t.ms)} ms`)
          .join("; ")}.`,
      );
    } else if (!failed) {
      failed = true;
      notes.push("Longest single query: measureQueryTimings returned no timings.");
    }
    const reportOnly = (name: string, ms: number): Figure => ({ name, value: round2(ms), unit: "ms", baseline: round2(lookupP95), baselineName, ratio: ms / lookupP95, goal: "report only (no target set)", met: null });
    // The load figures see the dashboard reused between writes (ADR 0011); this is what a poll after a write costs.
    const freshDashboard = timings.find((t) => t.name === "dashboard: whole payload");
    if (freshDashboard) figures.push(reportOnly("Dashboard worked out afresh, as after a write (whole call, worst run)", freshDashboard.callMs));
    // Likewise the case page is reused between writes (ADR 0013); this is its reads after a change.
    const freshCasePage = timings.find((t) => t.name === "case page (most evidence): every read");
    if (freshCasePage) figures.push(reportOnly("Case page's reads worked out afresh, as after a write (case with the most evidence, worst run)", freshCasePage.callMs));
    return { figures, notes, failed };
  } finally {
    db.$client.close();
  }
}
