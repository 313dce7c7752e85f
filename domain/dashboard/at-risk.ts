import { aliasedTable, and, asc, between, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { cases, clockEvents, deadlines, users } from "@/db/schema";
import type { Ctx } from "../context";
import { addDays } from "../deadlines/calendar-date";
import { clockStateFromEvents, countedDaysElapsed, type DeadlineRow } from "../deadlines/clock";
import { holidaysInForce } from "../deadlines/holiday-store";
import { expiredSql } from "./deadline-figures";
import type { DashboardWindow } from "./filters";
import { AMBER_MAX_REMAINING, RED_MAX_REMAINING, RISK_SCAN_CAP, RISK_WINDOW_DAYS, type RiskLevel } from "./risk-levels";

export { RISK_LEVELS, type RiskLevel } from "./risk-levels";

// Clocks gain an event per stop, restart or extension; the read stays bounded even if one had many.
const MAX_EVENTS_PER_CLOCK = 1000;
const ID_CHUNK = 500;

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

export interface NearRisk {
  /** Each case's worst near deadline (fewest counted days left, then soonest due), red or amber only. */
  byCase: Map<string, RiskDeadline>;
  /** More running deadlines fell in the window than RISK_SCAN_CAP; only the soonest due were counted. */
  truncated: boolean;
  scanned: number;
}

export function levelFor(remaining: number): RiskLevel | null {
  if (remaining <= RED_MAX_REMAINING) return "red";
  if (remaining <= AMBER_MAX_REMAINING) return "amber";
  return null;
}

function chunks<T>(items: T[], size = ID_CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function eventsByDeadline(ctx: Ctx, deadlineIds: string[]) {
  const grouped = new Map<string, { kind: (typeof clockEvents.$inferSelect)["kind"]; effectiveOn: string; days: number | null }[]>();
  for (const ids of chunks(deadlineIds)) {
    const events = ctx.db
      .select({ deadlineId: clockEvents.deadlineId, kind: clockEvents.kind, effectiveOn: clockEvents.effectiveOn, days: clockEvents.days })
      .from(clockEvents)
      .where(inArray(clockEvents.deadlineId, ids))
      .orderBy(sql`${clockEvents}.rowid`) // insertion order pairs each stop with its restart
      .limit(ids.length * MAX_EVENTS_PER_CLOCK)
      .all();
    for (const { deadlineId, ...event } of events) {
      const list = grouped.get(deadlineId);
      if (list) list.push(event);
      else grouped.set(deadlineId, [event]);
    }
  }
  return grouped;
}

const worse = (a: RiskDeadline, b: RiskDeadline) => (a.remaining ?? -1) < (b.remaining ?? -1) || ((a.remaining ?? -1) === (b.remaining ?? -1) && a.dueOn < b.dueOn);

/**
 * Counts out the running deadlines due in the next RISK_WINDOW_DAYS with the deadline engine, as the
 * deadlines view does, and keeps each case's worst red or amber one. Deadlines with the same terms
 * and events count out the same, so each distinct clock is worked out once.
 */
export function assessNearDeadlines(ctx: Ctx, window: DashboardWindow, scope: SQL[]): NearRisk {
  const found = ctx.db
    .select({ deadline: deadlines, caseReference: cases.reference, caseTitle: cases.title, caseworkerName: assignee.name })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(eq(deadlines.status, "running"), ne(cases.status, "draft"), between(deadlines.dueOn, window.today, addDays(window.today, RISK_WINDOW_DAYS)), sql`not (${expiredSql(window)})`, ...scope))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
    .limit(RISK_SCAN_CAP + 1)
    .all();
  const scannedRows = found.slice(0, RISK_SCAN_CAP);
  const events = eventsByDeadline(
    ctx,
    scannedRows.map((r) => r.deadline.id),
  );
  const holidays = holidaysInForce(ctx.db);
  const memo = new Map<string, number>();
  const byCase = new Map<string, RiskDeadline>();
  for (const { deadline, ...rest } of scannedRows) {
    const state = clockStateFromEvents(events.get(deadline.id) ?? []);
    const remaining = remainingDays(deadline, state, window.today, holidays, memo);
    const level = levelFor(remaining);
    if (level === null) continue;
    const candidate: RiskDeadline = { caseId: deadline.caseId, ...rest, deadlineId: deadline.id, label: deadline.label, dueOn: deadline.dueOn, remaining, level };
    const current = byCase.get(deadline.caseId);
    if (!current || worse(candidate, current)) byCase.set(deadline.caseId, candidate);
  }
  return { byCase, truncated: found.length > RISK_SCAN_CAP, scanned: scannedRows.length };
}

function remainingDays(deadline: DeadlineRow, state: ReturnType<typeof clockStateFromEvents>, today: string, holidays: ReturnType<typeof holidaysInForce>, memo: Map<string, number>): number {
  const key = JSON.stringify([deadline.startOn, deadline.length, deadline.unit, deadline.count, deadline.calendar, deadline.roll, state.stops, state.openStopFrom, state.extensionDays]);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const remaining = deadline.length + state.extensionDays - countedDaysElapsed(deadline, state, today, holidays);
  memo.set(key, remaining);
  return remaining;
}

/** Which of these cases have an overdue running deadline. */
export function casesWithOverdue(ctx: Ctx, window: DashboardWindow, caseIds: string[]): Set<string> {
  const overdue = new Set<string>();
  for (const ids of chunks(caseIds)) {
    const rows = ctx.db
      .selectDistinct({ caseId: deadlines.caseId })
      .from(deadlines)
      .where(and(inArray(deadlines.caseId, ids), eq(deadlines.status, "running"), expiredSql(window)))
      .all();
    for (const row of rows) overdue.add(row.caseId);
  }
  return overdue;
}

function overdueConditions(window: DashboardWindow, scope: SQL[]): SQL[] {
  return [eq(deadlines.status, "running"), ne(cases.status, "draft"), expiredSql(window), ...scope];
}

/** Cases with at least one overdue running deadline: counted in SQL, however many there are. */
export function countOverdueCases(ctx: Ctx, window: DashboardWindow, scope: SQL[]): number {
  return (
    ctx.db
      .select({ n: sql<number>`count(DISTINCT ${deadlines.caseId})` })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(and(...overdueConditions(window, scope)))
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
export function countCasesAtRisk(ctx: Ctx, window: DashboardWindow, scope: SQL[]): RiskCounts {
  const near = assessNearDeadlines(ctx, window, scope);
  const overdue = casesWithOverdue(ctx, window, [...near.byCase.keys()]);
  let nearRed = 0;
  let amber = 0;
  for (const [caseId, risk] of near.byCase) {
    if (overdue.has(caseId)) continue;
    if (risk.level === "red") nearRed++;
    else amber++;
  }
  return { red: countOverdueCases(ctx, window, scope) + nearRed, amber, truncated: near.truncated, scanned: near.scanned };
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
export function listCasesAtRisk(ctx: Ctx, window: DashboardWindow, scope: SQL[], level: RiskLevel, after: [string, string] | null, limit: number): RiskPage {
  const near = assessNearDeadlines(ctx, window, scope);
  const overdue = casesWithOverdue(ctx, window, [...near.byCase.keys()]);
  const rows: RiskDeadline[] = [];
  if (level === "red") rows.push(...overdueCasePage(ctx, window, scope, after, limit + 1));
  const nearRows = [...near.byCase.values()]
    .filter((risk) => risk.level === level && !overdue.has(risk.caseId))
    .filter((risk) => after === null || risk.dueOn > after[0] || (risk.dueOn === after[0] && risk.caseId > after[1]))
    .sort((a, b) => (a.dueOn === b.dueOn ? (a.caseId < b.caseId ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
  rows.push(...nearRows.slice(0, limit + 1));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? [last.dueOn, last.caseId] : null };
}

function overdueCasePage(ctx: Ctx, window: DashboardWindow, scope: SQL[], after: [string, string] | null, limit: number): RiskDeadline[] {
  const firstDue = sql<string>`min(${deadlines.dueOn})`;
  const grouped = ctx.db
    .select({ caseId: deadlines.caseId, dueOn: firstDue })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(...overdueConditions(window, scope)))
    .groupBy(deadlines.caseId)
    .having(after ? sql`(${firstDue}, ${deadlines.caseId}) > (${after[0]}, ${after[1]})` : undefined)
    .orderBy(asc(firstDue), asc(deadlines.caseId))
    .limit(limit)
    .all();
  if (grouped.length === 0) return [];
  // The earliest overdue deadline of each case on the page names what is late.
  const details = ctx.db
    .select({ caseId: deadlines.caseId, deadlineId: deadlines.id, label: deadlines.label, dueOn: deadlines.dueOn, caseReference: cases.reference, caseTitle: cases.title, caseworkerName: assignee.name })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(inArray(deadlines.caseId, grouped.map((g) => g.caseId)), eq(deadlines.status, "running"), expiredSql(window)))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
    .all();
  const firstByCase = new Map<string, (typeof details)[number]>();
  for (const row of details) if (!firstByCase.has(row.caseId)) firstByCase.set(row.caseId, row);
  return grouped.flatMap(({ caseId }) => {
    const row = firstByCase.get(caseId);
    return row ? [{ ...row, remaining: null, level: "red" as const }] : [];
  });
}
