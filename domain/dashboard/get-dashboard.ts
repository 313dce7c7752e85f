import { and, asc, eq, gte, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { caseDigests, cases, deadlines, users, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { OPEN_STATES } from "../cases/state-machine";
import { QUEUE_STATUSES } from "../cases/list-triage-queue";
import { ASSIGNABLE_ROLES, listCaseworkerOptions } from "../cases/assign-case";
import { addDays } from "../deadlines/calendar-date";
import { countCasesAtRisk, type RiskCounts } from "./at-risk";
import { casesInScope, digestFrom } from "./case-digests";
import { openDeadlinesAlong } from "../deadlines/list-deadlines";
import { DEADLINE_FIGURES, deadlineFigureConditions, openDeadlineScope, type DeadlineFigure } from "./deadline-figures";
import { caseScope, dashboardWindow, DashboardFiltersInput, mondayOf, startOfLondonDay, type DashboardFilters, type DashboardFiltersQuery, type DashboardWindow, type ScopeFilters } from "./filters";
import { triageTime, type TriageTime } from "./triage-time";
import { memoizeLiveView } from "../live-view-cache";

/** Complaints received are shown for this many weeks, the current one last. */
export const RECEIVED_WEEKS = 26;
/** Staff are few; the workload chart lists at most this many people. */
const WORKLOAD_LIMIT = 500;
const STAFF_ROLES: ("caseworker" | "supervisor" | "admin")[] = ["caseworker", "supervisor", "admin"];

export interface StatusCount {
  status: CaseStatus;
  count: number;
}

export interface WeekCount {
  /** The Monday the week starts on (UK time). */
  weekStart: string;
  count: number;
}

export interface WorkloadRow {
  userId: string;
  name: string;
  team: string | null;
  openCases: number;
}

export interface CaseToAnswerShare {
  met: number;
  missed: number;
  /** Met as a whole percentage of met and missed; null when no decision fell in the period. */
  percentMet: number | null;
}

/** Everything the dashboard shows, as the page renders it first and GET /api/dashboard answers. */
export interface DashboardPayload {
  filters: DashboardFilters;
  today: string;
  periodStart: string;
  generatedAt: string;
  openByStatus: StatusCount[];
  openTotal: number;
  receivedPerWeek: WeekCount[];
  receivedTotal: number;
  deadlines: Record<DeadlineFigure, number>;
  atRisk: RiskCounts;
  workload: WorkloadRow[];
  caseToAnswer: CaseToAnswerShare;
  triageTime: TriageTime;
}

/**
 * Open cases by status, counted on the case_digests index alone: along each status's stretch of the
 * status index, or (with a team or caseworker filter) the assignee index.
 */
export function countOpenByStatus(ctx: Ctx, filters: ScopeFilters): StatusCount[] {
  const scope = caseScope(filters);
  const from = digestFrom(scope.length === 0 ? "case_digests_status_received" : "case_digests_assignee");
  const rows = ctx.db.all<{ status: CaseStatus; n: number }>(
    sql`SELECT ${caseDigests.status} AS "status", count(*) AS "n" FROM ${from} WHERE ${and(inArray(caseDigests.status, OPEN_STATES), ...scope)} GROUP BY ${caseDigests.status}`,
  );
  const byStatus = new Map(rows.map((r) => [r.status, r.n]));
  return OPEN_STATES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

/** The Monday of each week shown, oldest first; the last is the week containing today. */
export function receivedWeeks(window: Pick<DashboardWindow, "today">): string[] {
  const thisWeek = mondayOf(window.today);
  return Array.from({ length: RECEIVED_WEEKS }, (_, i) => addDays(thisWeek, -7 * (RECEIVED_WEEKS - 1 - i)));
}

/** Submitted (so not a draft) between these instants, as conditions on case_digests. */
export function receivedConditions(fromAt: string, beforeAt: string, scope: SQL[]): SQL[] {
  return [inArray(caseDigests.status, QUEUE_STATUSES), gte(caseDigests.submittedAt, fromAt), sql`${caseDigests.submittedAt} < ${beforeAt}`, ...scope];
}

/**
 * Complaints received per week, in one statement: one range of the case_digests (submitted_at,
 * status, assigned_to) index over all the weeks shown, each row put in its week by comparing it with
 * the instants the weeks start at, worked out here from UK calendar dates, so weeks start at 00:00 UK
 * time on Monday whether the clocks say GMT or BST. (A count per week, as 26 subqueries, read the
 * same rows but took up to 55 ms at 100,000 cases with a team filter, against a goal of 50.)
 */
export function countReceivedPerWeek(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): WeekCount[] {
  const scope = caseScope(filters);
  const weeks = receivedWeeks(window);
  const starts = weeks.map((monday) => startOfLondonDay(monday));
  const end = startOfLondonDay(addDays(weeks[weeks.length - 1]!, 7));
  // Latest week first: most rows fall in no earlier week than the first test that matches.
  const weekOf = sql`CASE ${sql.join(
    starts.map((start, i) => ({ start, i })).reverse().map(({ start, i }) => sql`WHEN ${caseDigests.submittedAt} >= ${start} THEN ${i}`),
    sql` `,
  )} END`;
  const rows = ctx.db.all<{ week: number; n: number }>(
    sql`SELECT ${weekOf} AS "week", count(*) AS "n" FROM ${digestFrom("case_digests_submitted")} WHERE ${and(...receivedConditions(starts[0]!, end, scope))} GROUP BY 1`,
  );
  const byWeek = new Map(rows.map((r) => [r.week, r.n]));
  return weeks.map((weekStart, i) => ({ weekStart, count: byWeek.get(i) ?? 0 }));
}

/** A due-date range of the open_deadlines (status, due_on, …) index, read from the index alone. */
export function countDeadlineFigure(ctx: Ctx, figure: DeadlineFigure, window: DashboardWindow, filters: ScopeFilters): number {
  return (
    ctx.db.get<{ n: number }>(
      sql`SELECT count(*) AS "n" FROM ${openDeadlinesAlong("open_deadlines_status_due")} WHERE ${and(...deadlineFigureConditions(figure, window), ...openDeadlineScope(filters))}`,
    )?.n ?? 0
  );
}

/**
 * Open cases per member of staff, counted person by person over the (assigned_to, status) index, so
 * no case row is read. Active caseworkers and supervisors appear even at nought; anyone else only
 * while they still hold open cases (someone disabled, say, whose cases need moving).
 */
export function countWorkload(ctx: Ctx, filters: Pick<DashboardFilters, "caseworkerId" | "team">): WorkloadRow[] {
  const people: SQL[] = [inArray(users.role, STAFF_ROLES)];
  if (filters.caseworkerId !== undefined) people.push(eq(users.id, filters.caseworkerId));
  if (filters.team !== undefined) people.push(eq(users.team, filters.team));
  // Spelt out in full: drizzle leaves columns unqualified in a one-table select list, where "id" would mean the case's.
  const column = (table: string, name: string) => sql`${sql.identifier(table)}.${sql.identifier(name)}`;
  const openCases = sql<number>`(SELECT count(*) FROM ${cases} WHERE ${column("cases", "assigned_to")} = ${column("users", "id")} AND ${column("cases", "status")} IN (${sql.join(
    OPEN_STATES.map((status) => sql`${status}`),
    sql`, `,
  )}))`;
  return ctx.db
    .select({ userId: users.id, name: users.name, team: users.team, role: users.role, disabledAt: users.disabledAt, openCases })
    .from(users)
    .where(and(...people))
    .orderBy(asc(users.name), asc(users.id))
    .limit(WORKLOAD_LIMIT)
    .all()
    .filter((u) => u.openCases > 0 || ((ASSIGNABLE_ROLES as readonly string[]).includes(u.role) && u.disabledAt === null))
    .map(({ userId, name, team, openCases }) => ({ userId, name, team, openCases }))
    .sort((a, b) => b.openCases - a.openCases || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The case-to-answer clocks completed in the period, by outcome. A met clock was completed by the
 * end of its due date, so one completed in the period is due on or after the period's first day.
 * The clock starts only when a complaint is accepted, so it is never on a draft.
 */
export function caseToAnswerConditions(outcome: "met" | "missed", window: DashboardWindow): SQL[] {
  // The rule is written out, not bound, so SQLite can see it matches the partial index's condition.
  const conditions: SQL[] = [eq(deadlines.status, outcome), sql`${deadlines.ruleId} = 'case-to-answer'`, gte(deadlines.completedAt, window.periodStartAt)];
  if (outcome === "met") conditions.push(gte(deadlines.dueOn, window.periodStart));
  return conditions;
}

/**
 * Met and missed counted over the partial index of completed case-to-answer clocks (by completion
 * time): the period is one range of it, read from the index alone; only a team or caseworker filter
 * looks at the case, through its digest.
 */
export function countCaseToAnswer(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): CaseToAnswerShare {
  const from = sql`${deadlines} INDEXED BY "deadlines_case_to_answer_completed"`;
  const countOf = (outcome: "met" | "missed") => {
    const conditions = and(...caseToAnswerConditions(outcome, window), casesInScope(deadlines.caseId, filters));
    return ctx.db.get<{ n: number }>(sql`SELECT count(*) AS "n" FROM ${from} WHERE ${conditions}`)?.n ?? 0;
  };
  const met = countOf("met");
  const missed = countOf("missed");
  return { met, missed, percentMet: met + missed === 0 ? null : Math.round((100 * met) / (met + missed)) };
}

/** Reads and checks the filters; shared by the dashboard and the lists behind it. */
export function readDashboardFilters(ctx: Ctx, input: DashboardFiltersQuery): { filters: DashboardFilters; window: DashboardWindow } {
  requirePermission(ctx.actor, "case.view_all");
  const filters = parseInput(DashboardFiltersInput, input);
  return { filters, window: dashboardWindow(ctx, filters.period) };
}

/**
 * Every dashboard figure for the filters. Each is an aggregate read from an index (mostly of
 * case_digests, kept by triggers) or a bounded read, so no figure reads the large case rows; the
 * whole answer is reused between polls while the data and the day are unchanged (ADR 0011).
 */
export function getDashboard(ctx: Ctx, input: DashboardFiltersQuery = {}): DashboardPayload {
  const { filters, window } = readDashboardFilters(ctx, input);
  const figures = memoizeLiveView(ctx, `dashboard ${JSON.stringify([filters.caseworkerId ?? null, filters.team ?? null, filters.period])}`, () => computeDashboard(ctx, filters, window));
  return { ...figures, generatedAt: ctx.now.toISOString() };
}

/** The same answer worked out afresh, never reused: what a poll costs after a write (the benchmark reports it). */
export function workOutDashboard(ctx: Ctx, input: DashboardFiltersQuery = {}): DashboardPayload {
  const { filters, window } = readDashboardFilters(ctx, input);
  return { ...computeDashboard(ctx, filters, window), generatedAt: ctx.now.toISOString() };
}

function computeDashboard(ctx: Ctx, filters: DashboardFilters, window: DashboardWindow): Omit<DashboardPayload, "generatedAt"> {
  const openByStatus = countOpenByStatus(ctx, filters);
  const receivedPerWeek = countReceivedPerWeek(ctx, window, filters);
  return {
    filters,
    today: window.today,
    periodStart: window.periodStart,
    openByStatus,
    openTotal: openByStatus.reduce((sum, s) => sum + s.count, 0),
    receivedPerWeek,
    receivedTotal: receivedPerWeek.reduce((sum, w) => sum + w.count, 0),
    deadlines: Object.fromEntries(DEADLINE_FIGURES.map((figure) => [figure, countDeadlineFigure(ctx, figure, window, filters)])) as Record<DeadlineFigure, number>,
    atRisk: countCasesAtRisk(ctx, window, filters),
    workload: countWorkload(ctx, filters),
    caseToAnswer: countCaseToAnswer(ctx, window, filters),
    triageTime: triageTime(ctx, window, filters),
  };
}

export interface DashboardFilterOptions {
  caseworkers: { id: string; name: string }[];
  teams: string[];
}

/** The choices for the caseworker and team filters. Bounded: the staff are few. */
export function dashboardFilterOptions(ctx: Ctx): DashboardFilterOptions {
  requirePermission(ctx.actor, "case.view_all");
  // The same for everyone who may ask, and unchanged until someone writes (ADR 0011).
  return memoizeLiveView(ctx, "dashboard filter options", () => readFilterOptions(ctx));
}

function readFilterOptions(ctx: Ctx): DashboardFilterOptions {
  // The same people, in the same order, as the triage queue's and the assignment form's lists.
  const caseworkers = listCaseworkerOptions(ctx).map(({ id, name }) => ({ id, name }));
  const teams = ctx.db
    .selectDistinct({ team: users.team })
    .from(users)
    .where(and(isNotNull(users.team), inArray(users.role, ["caseworker", "supervisor", "admin"])))
    .orderBy(asc(users.team))
    .limit(WORKLOAD_LIMIT)
    .all()
    .map((r) => r.team!);
  return { caseworkers, teams };
}
