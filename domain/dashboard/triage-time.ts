import { and, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents, cases } from "@/db/schema";
import type { Ctx } from "../context";
import { QUEUE_STATUSES } from "../cases/list-triage-queue";
import { londonDateSql, type DashboardWindow } from "./filters";

/** The audit actions that end triage one way or another; the first of them is the triage outcome. */
export const TRIAGE_OUTCOME_ACTIONS = ["case.accept", "case.reject", "case.request_information"] as const;

export const TRIAGE_OUTCOME_LABELS: Record<(typeof TRIAGE_OUTCOME_ACTIONS)[number], string> = {
  "case.accept": "Accepted",
  "case.reject": "Rejected",
  "case.request_information": "Information requested",
};

/**
 * The first triage outcome of a case, as a correlated subquery the (case_id, seq) audit index
 * answers by walking only that case's events.
 */
export function firstOutcomeSql(column: "at" | "action"): SQL<string | null> {
  const actions = sql.join(
    TRIAGE_OUTCOME_ACTIONS.map((a) => sql`${a}`),
    sql`, `,
  );
  const selected = column === "at" ? auditEvents.at : auditEvents.action;
  return sql<string | null>`(SELECT ${selected} FROM ${auditEvents} WHERE ${auditEvents.caseId} = ${cases.id} AND ${auditEvents.action} IN (${actions}) ORDER BY ${auditEvents.seq} LIMIT 1)`;
}

/**
 * The complaints a triage-time figure is about: submitted (so not drafts) within the period. The
 * status list lets SQLite range over the (status, submitted_at) index for each status.
 */
export function triageCohortConditions(window: DashboardWindow, scope: SQL[]): SQL[] {
  return [inArray(cases.status, QUEUE_STATUSES), gte(cases.submittedAt, window.periodStartAt), lte(cases.submittedAt, window.nowAt), ...scope];
}

/** Calendar days, on UK dates, from one instant column to another: never milliseconds / 86 400 000. */
export function calendarDaysSql(from: SQL, to: SQL): SQL<number> {
  return sql<number>`CAST(julianday(${londonDateSql(to)}) - julianday(${londonDateSql(from)}) AS INTEGER)`;
}

export interface TriageTime {
  /** Median calendar days from submission to the first triage outcome; null when none has had one. */
  medianDays: number | null;
  /** Complaints submitted in the period that have had a triage outcome. */
  withOutcome: number;
  /** Complaints submitted in the period still waiting for one. */
  awaiting: number;
}

/** The median of a histogram of whole days (value → how many), halfway between the middle two when even. */
export function medianOfHistogram(histogram: { days: number; n: number }[]): number | null {
  const sorted = [...histogram].sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, bucket) => sum + bucket.n, 0);
  if (total === 0) return null;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const bucket of sorted) {
      seen += bucket.n;
      if (index < seen) return bucket.days;
    }
    throw new Error("median index out of range");
  };
  return (valueAt(Math.floor((total - 1) / 2)) + valueAt(Math.floor(total / 2))) / 2;
}

/**
 * Median days from submission to triage outcome for complaints submitted in the period. SQLite
 * groups the cohort by whole days, so only one row per distinct day count reaches JavaScript.
 */
export function triageTime(ctx: Ctx, window: DashboardWindow, scope: SQL[]): TriageTime {
  // MATERIALIZED keeps SQLite from copying the correlated outcome lookup into every place the
  // outer query names it: each case's audit events are walked once.
  const outcomeAt = sql.raw(`"cohort"."outcome_at"`);
  const submittedAt = sql.raw(`"cohort"."submitted_at"`);
  const rows = ctx.db.all<{ days: number | null; n: number }>(sql`
    WITH "cohort" AS MATERIALIZED (
      SELECT ${cases.submittedAt} AS "submitted_at", ${firstOutcomeSql("at")} AS "outcome_at"
      FROM ${cases}
      WHERE ${and(...triageCohortConditions(window, scope))}
    )
    SELECT CASE WHEN ${outcomeAt} IS NULL THEN NULL ELSE ${calendarDaysSql(submittedAt, outcomeAt)} END AS "days", count(*) AS "n"
    FROM "cohort"
    GROUP BY 1`);
  const histogram = rows.filter((r): r is { days: number; n: number } => r.days !== null);
  return {
    medianDays: medianOfHistogram(histogram),
    withOutcome: histogram.reduce((sum, r) => sum + r.n, 0),
    awaiting: rows.find((r) => r.days === null)?.n ?? 0,
  };
}
