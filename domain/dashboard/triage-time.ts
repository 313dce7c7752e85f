import { and, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { caseDigests } from "@/db/schema";
import type { Ctx } from "../context";
import { QUEUE_STATUSES } from "../cases/list-triage-queue";
import { digestFrom } from "./case-digests";
import { caseScope, londonDateSql, type DashboardWindow, type ScopeFilters } from "./filters";

/**
 * The audit actions that end triage one way or another; the first of them is the triage outcome.
 * Migration 0010's trigger on audit_events lists the same actions: change both together.
 */
export const TRIAGE_OUTCOME_ACTIONS = ["case.accept", "case.reject", "case.request_information"] as const;

export const TRIAGE_OUTCOME_LABELS: Record<(typeof TRIAGE_OUTCOME_ACTIONS)[number], string> = {
  "case.accept": "Accepted",
  "case.reject": "Rejected",
  "case.request_information": "Information requested",
};

/**
 * The complaints a triage-time figure is about: submitted (so not drafts) within the period, as
 * conditions on case_digests, whose (submitted_at, status, assigned_to, triage_days) index holds
 * everything the figure needs.
 */
export function triageCohortConditions(window: DashboardWindow, scope: SQL[]): SQL[] {
  return [inArray(caseDigests.status, QUEUE_STATUSES), gte(caseDigests.submittedAt, window.periodStartAt), lte(caseDigests.submittedAt, window.nowAt), ...scope];
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
 * Median days from submission to triage outcome for complaints submitted in the period. Each case's
 * first outcome and its calendar days (on UK dates, as calendarDaysSql counts them) are kept in
 * case_digests by a trigger on the audit trail, so the cohort is one range of an index, grouped by
 * whole days: only one row per distinct day count reaches JavaScript.
 */
export function triageTime(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): TriageTime {
  const scope = caseScope(filters);
  const rows = ctx.db.all<{ days: number | null; n: number }>(
    sql`SELECT ${caseDigests.triageDays} AS "days", count(*) AS "n" FROM ${digestFrom("case_digests_submitted")} WHERE ${and(...triageCohortConditions(window, scope))} GROUP BY 1`,
  );
  const histogram = rows.filter((r): r is { days: number; n: number } => r.days !== null);
  return {
    medianDays: medianOfHistogram(histogram),
    withOutcome: histogram.reduce((sum, r) => sum + r.n, 0),
    awaiting: rows.find((r) => r.days === null)?.n ?? 0,
  };
}
