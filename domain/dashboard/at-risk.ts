import { aliasedTable, and, asc, between, eq, inArray, sql, type SQL } from "drizzle-orm";
import { cases, users } from "@/db/schema";
import type { Ctx } from "../context";
import { addDays } from "../deadlines/calendar-date";
import { clockStateFromEvents, countedDaysElapsed, type DeadlineRow } from "../deadlines/clock";
import { holidaysInForce } from "../deadlines/holiday-store";
import { clockAdjustmentsByDeadline, openDeadlinesAlong } from "../deadlines/list-deadlines";
import { expiredSql, open, openDeadlineScope } from "./deadline-figures";
import type { DashboardWindow, ScopeFilters } from "./filters";
import { AMBER_MAX_REMAINING, RED_MAX_REMAINING, RISK_SCAN_CAP, RISK_WINDOW_DAYS, type RiskLevel } from "./risk-levels";

export { RISK_LEVELS, type RiskLevel } from "./risk-levels";

const assignee = aliasedTable(users, "assignee");

export interface RiskDeadline {
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  caseworkerName: string | null;
  deadlineId: string;
  label: string;
  dueOn: string;
  /** Counted days left, as the deadlines view counts them; null when the deadline is overdue. */
  remaining: number | null;
  level: RiskLevel;
}

/** A near deadline as counted out, before the case's reference, title and caseworker are read. */
type NearDeadline = Omit<RiskDeadline, "caseReference" | "caseTitle" | "caseworkerName">;

export interface NearRisk {
  /** Each case's worst near deadline (fewest counted days left, then soonest due), red or amber only. */
  byCase: Map<string, NearDeadline>;
  /** More running deadlines fell in the window than RISK_SCAN_CAP; only the soonest due were counted. */
  truncated: boolean;
  scanned: number;
}

export function levelFor(remaining: number): RiskLevel | null {
  if (remaining <= RED_MAX_REMAINING) return "red";
  if (remaining <= AMBER_MAX_REMAINING) return "amber";
  return null;
}

const worse = (a: NearDeadline, b: NearDeadline) => (a.remaining ?? -1) < (b.remaining ?? -1) || ((a.remaining ?? -1) === (b.remaining ?? -1) && a.dueOn < b.dueOn);

type NearRow = Pick<DeadlineRow, "id" | "caseId" | "label" | "dueOn" | "startOn" | "length" | "unit" | "count" | "calendar" | "roll">;

/**
 * Counts out the running deadlines due in the next RISK_WINDOW_DAYS with the deadline engine, as the
 * deadlines view does, and keeps each case's worst red or amber one. The deadlines and their terms,
 * soonest first, are read from open_deadlines (which also holds each case's status and assignee),
 * their stops and extensions from their own index. Deadlines with the same terms and events count
 * out the same, so each distinct clock is worked out once.
 */
export function assessNearDeadlines(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): NearRisk {
  const found = ctx.db.all<NearRow>(
    sql`SELECT ${open.deadlineId} AS "id", ${open.caseId} AS "caseId", ${open.label} AS "label", ${open.dueOn} AS "dueOn", ${open.startOn} AS "startOn",
          ${open.length} AS "length", ${open.unit} AS "unit", ${open.count} AS "count", ${open.calendar} AS "calendar", ${open.roll} AS "roll"
        FROM ${openDeadlinesAlong("open_deadlines_status_due")}
        WHERE ${and(eq(open.status, "running"), between(open.dueOn, window.today, addDays(window.today, RISK_WINDOW_DAYS)), sql`not (${expiredSql(window)})`, ...openDeadlineScope(filters))}
        ORDER BY ${open.dueOn}, ${open.deadlineId} LIMIT ${RISK_SCAN_CAP + 1}`,
  );
  const scanned = found.slice(0, RISK_SCAN_CAP);
  const events = clockAdjustmentsByDeadline(
    ctx.db,
    scanned.map((d) => d.id),
  );
  const holidays = holidaysInForce(ctx.db);
  const memo = new Map<string, number>();
  const byCase = new Map<string, NearDeadline>();
  // Soonest due first, as read: of two equally bad deadlines on a case, the first read is kept.
  for (const deadline of scanned) {
    const state = clockStateFromEvents(events.get(deadline.id) ?? []);
    const remaining = remainingDays(deadline, state, window.today, holidays, memo);
    const level = levelFor(remaining);
    if (level === null) continue;
    const candidate: NearDeadline = { caseId: deadline.caseId, deadlineId: deadline.id, label: deadline.label, dueOn: deadline.dueOn, remaining, level };
    const current = byCase.get(deadline.caseId);
    if (!current || worse(candidate, current)) byCase.set(deadline.caseId, candidate);
  }
  return { byCase, truncated: found.length > RISK_SCAN_CAP, scanned: scanned.length };
}

function remainingDays(deadline: NearRow, state: ReturnType<typeof clockStateFromEvents>, today: string, holidays: ReturnType<typeof holidaysInForce>, memo: Map<string, number>): number {
  const key = JSON.stringify([deadline.startOn, deadline.length, deadline.unit, deadline.count, deadline.calendar, deadline.roll, state.stops, state.openStopFrom, state.extensionDays]);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const remaining = deadline.length + state.extensionDays - countedDaysElapsed(deadline, state, today, holidays);
  memo.set(key, remaining);
  return remaining;
}

/**
 * Which of these cases have an overdue running deadline. Overdue deadlines are a stretch of the
 * open_deadlines (status, due_on, …) index, read once from the index alone rather than once per case.
 */
export function casesWithOverdue(ctx: Ctx, window: DashboardWindow, caseIds: string[]): Set<string> {
  if (caseIds.length === 0) return new Set();
  const wanted = new Set(caseIds);
  const overdue = ctx.db.selectDistinct({ caseId: open.caseId }).from(open).where(and(eq(open.status, "running"), expiredSql(window))).all();
  return new Set(overdue.map((r) => r.caseId).filter((caseId) => wanted.has(caseId)));
}

function overdueConditions(window: DashboardWindow, filters: ScopeFilters): SQL[] {
  return [eq(open.status, "running"), expiredSql(window), ...openDeadlineScope(filters)];
}

/** Cases with at least one overdue running deadline: counted in SQL, however many there are, from the open_deadlines index alone. */
export function countOverdueCases(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): number {
  return (
    ctx.db
      .select({ n: sql<number>`count(DISTINCT ${open.caseId})` })
      .from(open)
      .where(and(...overdueConditions(window, filters)))
      .get()?.n ?? 0
  );
}

export interface RiskCounts {
  red: number;
  amber: number;
  truncated: boolean;
  scanned: number;
}

/**
 * Cases at risk. Red: an overdue running deadline, or one with RED_MAX_REMAINING counted days left
 * or fewer; amber: not red, with one at AMBER_MAX_REMAINING or fewer. A case counts once, at its
 * worst.
 */
export function countCasesAtRisk(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters): RiskCounts {
  const near = assessNearDeadlines(ctx, window, filters);
  const overdue = casesWithOverdue(ctx, window, [...near.byCase.keys()]);
  let nearRed = 0;
  let amber = 0;
  for (const [caseId, risk] of near.byCase) {
    if (overdue.has(caseId)) continue;
    if (risk.level === "red") nearRed++;
    else amber++;
  }
  return { red: countOverdueCases(ctx, window, filters) + nearRed, amber, truncated: near.truncated, scanned: near.scanned };
}

export interface RiskPage {
  rows: RiskDeadline[];
  /** The (due date, case id) of the last row, when there are more. */
  next: [string, string] | null;
}

/**
 * A page of the cases at one level, soonest due first. Overdue cases (red) come from SQL, a keyset
 * page at a time, and all fall before the near ones, whose due dates are today or later; the near
 * ones are the bounded set the engine counted out.
 */
export function listCasesAtRisk(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters, level: RiskLevel, after: [string, string] | null, limit: number): RiskPage {
  const near = assessNearDeadlines(ctx, window, filters);
  const overdue = casesWithOverdue(ctx, window, [...near.byCase.keys()]);
  const rows: RiskDeadline[] = [];
  if (level === "red") rows.push(...overdueCasePage(ctx, window, filters, after, limit + 1));
  const nearRows = [...near.byCase.values()]
    .filter((risk) => risk.level === level && !overdue.has(risk.caseId))
    .filter((risk) => after === null || risk.dueOn > after[0] || (risk.dueOn === after[0] && risk.caseId > after[1]))
    .sort((a, b) => (a.dueOn === b.dueOn ? (a.caseId < b.caseId ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
  rows.push(...withCaseDetails(ctx, nearRows.slice(0, limit + 1 - Math.min(rows.length, limit + 1))));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? [last.dueOn, last.caseId] : null };
}

/** The reference, title and caseworker of each case on a page (a bounded list). */
function withCaseDetails(ctx: Ctx, risks: NearDeadline[]): RiskDeadline[] {
  if (risks.length === 0) return [];
  const details = new Map(
    ctx.db
      .select({ id: cases.id, caseReference: cases.reference, caseTitle: cases.title, caseworkerName: assignee.name })
      .from(cases)
      .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
      .where(inArray(cases.id, [...new Set(risks.map((r) => r.caseId))]))
      .all()
      .map(({ id, ...rest }) => [id, rest]),
  );
  return risks.flatMap((risk) => {
    const found = details.get(risk.caseId);
    return found ? [{ ...risk, ...found }] : [];
  });
}

function overdueCasePage(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters, after: [string, string] | null, limit: number): RiskDeadline[] {
  const firstDue = sql<string>`min(${open.dueOn})`;
  const grouped = ctx.db
    .select({ caseId: open.caseId, dueOn: firstDue })
    .from(open)
    .where(and(...overdueConditions(window, filters)))
    .groupBy(open.caseId)
    .having(after ? sql`(${firstDue}, ${open.caseId}) > (${after[0]}, ${after[1]})` : undefined)
    .orderBy(asc(firstDue), asc(open.caseId))
    .limit(limit)
    .all();
  if (grouped.length === 0) return [];
  // The earliest overdue deadline of each case on the page names what is late.
  const details = ctx.db
    .select({ caseId: open.caseId, deadlineId: open.deadlineId, label: open.label, dueOn: open.dueOn, caseReference: cases.reference, caseTitle: cases.title, caseworkerName: assignee.name })
    .from(open)
    .innerJoin(cases, eq(cases.id, open.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(inArray(open.caseId, grouped.map((g) => g.caseId)), eq(open.status, "running"), expiredSql(window)))
    .orderBy(asc(open.dueOn), asc(open.deadlineId))
    .all();
  const firstByCase = new Map<string, (typeof details)[number]>();
  for (const row of details) if (!firstByCase.has(row.caseId)) firstByCase.set(row.caseId, row);
  return grouped.flatMap(({ caseId }) => {
    const row = firstByCase.get(caseId);
    return row ? [{ ...row, remaining: null, level: "red" as const }] : [];
  });
}
