import { aliasedTable, and, asc, between, desc, eq, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cases, clockEvents, deadlineRules, deadlines, openDeadlines, users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { addDays, daysInMonth, formatLongDate } from "./calendar-date";
import { clockStateFromEvents, countedDaysElapsed, ragFor, type ClockRag, type DeadlineRow } from "./clock";
import { holidaysInForce } from "./holiday-store";
import { londonDateOf } from "./london-date";
import { memoizeLiveView } from "../live-view-cache";

export const DEADLINE_TABS = ["mine", "team", "due-7", "overdue", "stopped"] as const;
export type DeadlineTab = (typeof DEADLINE_TABS)[number];

export const DEADLINE_SORTS = ["due-asc", "due-desc", "case"] as const;
export type DeadlineSort = (typeof DEADLINE_SORTS)[number];

/** Tab counts stop at this many, so a badge never costs a full scan; the UI shows "999+". */
export const DEADLINE_COUNT_CAP = 999;
/** The calendar shows at most this many deadlines in a month. */
export const CALENDAR_LIMIT = 500;

/** A filter chosen from a list on the page; anything else is refused with a message naming the list. */
const filterId = (message: string) => z.string().trim().min(1, message).max(100, message).optional();

export const ListDeadlinesInput = z.object({
  tab: z.enum(DEADLINE_TABS, { error: "Choose a tab: mine, team, due-7, overdue or stopped" }).default("mine"),
  sort: z.enum(DEADLINE_SORTS, { error: "Choose a sort: due-asc, due-desc or case" }).default("due-asc"),
  ruleId: filterId("Select a deadline from the list"),
  caseworkerId: filterId("Select a caseworker from the list"),
  limit: z.number({ error: "Enter a page size from 1 to 200" }).int("Enter a page size from 1 to 200").min(1, "Enter a page size from 1 to 200").max(200, "Enter a page size from 1 to 200").default(50),
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(300, "The page cursor is not valid").optional(),
});

export const DeadlinesForMonthInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter the month as YYYY-MM, for example 2027-01").refine((m) => m >= "0001-01", "Enter the month as YYYY-MM, for example 2027-01"),
  tab: ListDeadlinesInput.shape.tab,
  ruleId: filterId("Select a deadline from the list"),
  caseworkerId: filterId("Select a caseworker from the list"),
});

export type OpenDeadlineStatus = "running" | "stopped";

export interface DeadlineListRow {
  deadlineId: string;
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  label: string;
  ruleId: string;
  status: OpenDeadlineStatus;
  dueOn: string;
  dueLong: string;
  expiresAt: string;
  caseworkerId: string | null;
  caseworkerName: string | null;
  /** Counted days used so far ("Day 12 of 45"). */
  day: number;
  totalDays: number;
  remaining: number;
  rag: ClockRag;
  expired: boolean;
  /** First stopped day while the clock is stopped. */
  stoppedSince: string | null;
}

export type DeadlineCounts = Record<DeadlineTab, number>;

export interface DeadlineList {
  rows: DeadlineListRow[];
  counts: DeadlineCounts;
  nextCursor: string | null;
}

export interface CalendarEntry {
  deadlineId: string;
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  label: string;
  status: OpenDeadlineStatus;
  dueOn: string;
  expired: boolean;
}

export interface DeadlineCalendar {
  month: string;
  entries: CalendarEntry[];
  /** More than CALENDAR_LIMIT deadlines fell in the month; only the first are listed. */
  truncated: boolean;
}

/** What the live view polls for (GET /api/deadlines) and what the page renders first. */
export interface DeadlinesPayload extends DeadlineList {
  calendar?: DeadlineCalendar;
  /** UK date the answer was computed for, so a page left open past midnight moves "today". */
  today: string;
  generatedAt: string;
}

const assignee = aliasedTable(users, "assignee");
const OPEN_STATUSES: OpenDeadlineStatus[] = ["running", "stopped"];
/**
 * Every tab is read from open_deadlines: one row per running or stopped deadline with its case's
 * status, reference and assignee, kept by triggers (migration 0010), so a tab, its count and each
 * sort order are index reads of one small table, and only the rows on the page are read in full.
 */
const open = openDeadlines;

export type OpenDeadlinesIndex = "open_deadlines_status_due" | "open_deadlines_due" | "open_deadlines_assignee" | "open_deadlines_case_order";

/**
 * open_deadlines read along a named index, so the plan is the same with or without ANALYZE: every
 * filter is a column of each index, so a read costs at most one pass over a small index.
 */
export function openDeadlinesAlong(index: OpenDeadlinesIndex): SQL {
  return sql`${open} INDEXED BY ${sql.identifier(index)}`;
}

/**
 * One person's deadlines are few and read whole; otherwise the index in the list's order: by
 * status then due date for the tabs of one status, by due date alone for the team's running and
 * stopped ones, by case for the case order.
 */
function indexFor(tab: DeadlineTab, filters: Filters, sort: DeadlineSort): OpenDeadlinesIndex {
  if (tab === "mine" || filters.caseworkerId !== undefined) return "open_deadlines_assignee";
  if (sort === "case") return "open_deadlines_case_order";
  return tab === "team" ? "open_deadlines_due" : "open_deadlines_status_due";
}

interface Filters {
  ruleId?: string;
  caseworkerId?: string;
}

/** The instant test mirrors get-case-clocks (`now > expiresAt`; expires_unix is unixepoch(expires_at)); `due_on <= today` lets the (status, due_on) index narrow it first. */
function expiredSql(ctx: Ctx, today: string): SQL {
  return and(lte(open.dueOn, today), sql`${open.expiresUnix} * 1000 < ${ctx.now.getTime()}`)!;
}

/**
 * The WHERE clause for a tab, or null when the tab cannot contain anything (a "team" view for
 * someone in no team), so no query needs to run.
 */
function tabConditions(ctx: Ctx, actor: Actor, tab: DeadlineTab, filters: Filters): SQL[] | null {
  const today = londonDateOf(ctx.now);
  const conditions: SQL[] = [ne(open.caseStatus, "draft")];
  switch (tab) {
    case "mine":
      conditions.push(inArray(open.status, OPEN_STATUSES), eq(open.assignedTo, actor.id));
      break;
    case "team":
      if (actor.team === null) return null;
      conditions.push(inArray(open.status, OPEN_STATUSES), sql`${open.assignedTo} IN (SELECT ${users.id} FROM ${users} WHERE ${users.team} = ${actor.team})`);
      break;
    case "due-7":
      // A deadline past its last second is overdue, not due, even in the second before midnight ends.
      conditions.push(eq(open.status, "running"), between(open.dueOn, today, addDays(today, 7)), sql`not (${expiredSql(ctx, today)})`);
      break;
    case "overdue":
      conditions.push(eq(open.status, "running"), expiredSql(ctx, today));
      break;
    case "stopped":
      conditions.push(eq(open.status, "stopped"));
      break;
  }
  if (filters.ruleId !== undefined) conditions.push(eq(open.ruleId, filters.ruleId));
  if (filters.caseworkerId !== undefined) conditions.push(eq(open.assignedTo, filters.caseworkerId));
  return conditions;
}

type Cursor = { sort: DeadlineSort; keys: string[] };

const KEY_COUNT: Record<DeadlineSort, number> = { "due-asc": 2, "due-desc": 2, case: 3 };

function encodeCursor(sort: DeadlineSort, row: { caseReference: string | null; dueOn: string; deadlineId: string }): string {
  const keys = sort === "case" ? [row.caseReference ?? "", row.dueOn, row.deadlineId] : [row.dueOn, row.deadlineId];
  return Buffer.from(JSON.stringify([sort, ...keys])).toString("base64url");
}

/** A cursor from another sort, or one that does not parse, means "first page" rather than an error. */
function decodeCursor(cursor: string, sort: DeadlineSort): Cursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== KEY_COUNT[sort] + 1) return null;
    const keys = parsed.slice(1);
    return keys.every((k): k is string => typeof k === "string") ? { sort, keys } : null;
  } catch {
    return null;
  }
}

/** The case order is coalesce(reference, ''), which open_deadlines keeps as case_sort_key. */
function keysetCondition(cursor: Cursor): SQL {
  const [a = "", b = "", c = ""] = cursor.keys;
  switch (cursor.sort) {
    case "due-asc":
      return sql`(${open.dueOn}, ${open.deadlineId}) > (${a}, ${b})`;
    case "due-desc":
      return sql`(${open.dueOn}, ${open.deadlineId}) < (${a}, ${b})`;
    case "case":
      return sql`(${open.caseSortKey}, ${open.dueOn}, ${open.deadlineId}) > (${a}, ${b}, ${c})`;
  }
}

function orderFor(sort: DeadlineSort): SQL[] {
  switch (sort) {
    case "due-asc":
      return [asc(open.dueOn), asc(open.deadlineId)];
    case "due-desc":
      return [desc(open.dueOn), desc(open.deadlineId)];
    case "case":
      return [asc(open.caseSortKey), asc(open.dueOn), asc(open.deadlineId)];
  }
}

function countTab(ctx: Ctx, actor: Actor, tab: DeadlineTab, filters: Filters): number {
  const conditions = tabConditions(ctx, actor, tab, filters);
  if (conditions === null) return 0;
  const from = openDeadlinesAlong(indexFor(tab, filters, "due-asc"));
  return ctx.db.get<{ n: number }>(sql`SELECT count(*) AS "n" FROM (SELECT 1 FROM ${from} WHERE ${and(...conditions)} LIMIT ${DEADLINE_COUNT_CAP + 1})`)?.n ?? 0;
}

function countAll(ctx: Ctx, actor: Actor, filters: Filters): DeadlineCounts {
  return Object.fromEntries(DEADLINE_TABS.map((tab) => [tab, countTab(ctx, actor, tab, filters)])) as DeadlineCounts;
}

// A clock gains an event per stop, restart or extension; no real clock gets near this, but the
// read stays bounded even if one did.
const MAX_EVENTS_PER_CLOCK = 1000;
const ID_CHUNK = 500;

type ClockEventRow = typeof clockEvents.$inferSelect;

/**
 * The stops, restarts and extensions of these clocks, in the order they were recorded: the only
 * events clockStateFromEvents counts, read from their own small index a chunk at a time.
 */
export function clockAdjustmentsByDeadline(db: DbOrTx, deadlineIds: string[]): Map<string, Pick<ClockEventRow, "kind" | "effectiveOn" | "days">[]> {
  const grouped = new Map<string, Pick<ClockEventRow, "kind" | "effectiveOn" | "days">[]>();
  for (let i = 0; i < deadlineIds.length; i += ID_CHUNK) {
    const ids = deadlineIds.slice(i, i + ID_CHUNK);
    const events = db.all<{ deadlineId: string; kind: ClockEventRow["kind"]; effectiveOn: string; days: number | null }>(
      sql`SELECT ${clockEvents.deadlineId} AS "deadlineId", ${clockEvents.kind} AS "kind", ${clockEvents.effectiveOn} AS "effectiveOn", ${clockEvents.days} AS "days"
          FROM ${clockEvents} INDEXED BY "clock_events_adjustments"
          WHERE ${clockEvents.kind} IN ('stop', 'restart', 'extension') AND ${inArray(clockEvents.deadlineId, ids)}
          ORDER BY ${clockEvents}.rowid LIMIT ${ids.length * MAX_EVENTS_PER_CLOCK}`,
    );
    for (const { deadlineId, ...event } of events) {
      const list = grouped.get(deadlineId);
      if (list) list.push(event);
      else grouped.set(deadlineId, [event]);
    }
  }
  return grouped;
}

/** The deadlines on a page, in full, with their cases' reference, title and caseworker, in the page's order. */
function pageRows(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = new Map(
    ctx.db
      .select({ deadline: deadlines, caseReference: cases.reference, caseTitle: cases.title, caseworkerId: cases.assignedTo, caseworkerName: assignee.name })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
      .where(inArray(deadlines.id, ids))
      .all()
      .map((row) => [row.deadline.id, row]),
  );
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [row] : [];
  });
}

/**
 * Open deadlines for the staff deadlines view, one tab at a time, a bounded keyset page at a time,
 * each with its position on the clock worked out as the case page does.
 */
export function listDeadlines(ctx: Ctx, input: z.input<typeof ListDeadlinesInput> = {}): DeadlineList {
  requirePermission(ctx.actor, "deadlines.view_staff");
  const actor = ctx.actor;
  const { tab, sort, ruleId, caseworkerId, limit, after } = parseInput(ListDeadlinesInput, input);
  const filters = { ruleId, caseworkerId };
  const counts = countAll(ctx, actor, filters);
  const conditions = tabConditions(ctx, actor, tab, filters);
  if (conditions === null) return { rows: [], counts, nextCursor: null };
  const cursor = after ? decodeCursor(after, sort) : null;
  if (cursor) conditions.push(keysetCondition(cursor));

  const found = ctx.db.all<{ id: string }>(
    sql`SELECT ${open.deadlineId} AS "id" FROM ${openDeadlinesAlong(indexFor(tab, filters, sort))} WHERE ${and(...conditions)} ORDER BY ${sql.join(orderFor(sort), sql`, `)} LIMIT ${limit + 1}`,
  );
  const page = pageRows(
    ctx,
    found.slice(0, limit).map((r) => r.id),
  );

  const today = londonDateOf(ctx.now);
  const holidays = holidaysInForce(ctx.db);
  // Only stops, restarts and extensions move a clock's count (clockStateFromEvents ignores the rest).
  const events = clockAdjustmentsByDeadline(
    ctx.db,
    page.map((r) => r.deadline.id),
  );
  const rows = page.map(({ deadline, ...rest }) => toRow(ctx, deadline, rest, clockStateFromEvents(events.get(deadline.id) ?? []), today, holidays));
  const last = rows[rows.length - 1];
  return { rows, counts, nextCursor: found.length > limit && last ? encodeCursor(sort, last) : null };
}

function toRow(
  ctx: Ctx,
  deadline: DeadlineRow,
  rest: { caseReference: string | null; caseTitle: string; caseworkerId: string | null; caseworkerName: string | null },
  state: ReturnType<typeof clockStateFromEvents>,
  today: string,
  holidays: ReturnType<typeof holidaysInForce>,
): DeadlineListRow {
  const totalDays = deadline.length + state.extensionDays;
  const day = countedDaysElapsed(deadline, state, today, holidays);
  const remaining = totalDays - day;
  const expired = ctx.now.getTime() > Date.parse(deadline.expiresAt);
  return {
    deadlineId: deadline.id,
    caseId: deadline.caseId,
    ...rest,
    label: deadline.label,
    ruleId: deadline.ruleId,
    status: deadline.status as OpenDeadlineStatus,
    dueOn: deadline.dueOn,
    dueLong: formatLongDate(deadline.dueOn),
    expiresAt: deadline.expiresAt,
    day,
    totalDays,
    remaining,
    rag: expired ? "red" : ragFor(remaining),
    expired,
    stoppedSince: state.openStopFrom,
  };
}

/** Open deadlines in a tab falling due in one calendar month, for the month grid. */
export function deadlinesForMonth(ctx: Ctx, input: z.input<typeof DeadlinesForMonthInput>): DeadlineCalendar {
  requirePermission(ctx.actor, "deadlines.view_staff");
  const { month, tab, ruleId, caseworkerId } = parseInput(DeadlinesForMonthInput, input);
  const conditions = tabConditions(ctx, ctx.actor, tab, { ruleId, caseworkerId });
  if (conditions === null) return { month, entries: [], truncated: false };
  const lastDay = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  conditions.push(between(open.dueOn, `${month}-01`, `${month}-${String(lastDay).padStart(2, "0")}`));
  const found = ctx.db.all<{ id: string }>(
    sql`SELECT ${open.deadlineId} AS "id" FROM ${openDeadlinesAlong(indexFor(tab, { ruleId, caseworkerId }, "due-asc"))} WHERE ${and(...conditions)}
        ORDER BY ${open.dueOn}, ${open.caseSortKey}, ${open.deadlineId} LIMIT ${CALENDAR_LIMIT + 1}`,
  );
  const entries = pageRows(
    ctx,
    found.slice(0, CALENDAR_LIMIT).map((r) => r.id),
  ).map(({ deadline, caseReference, caseTitle }) => ({
    deadlineId: deadline.id,
    caseId: deadline.caseId,
    caseReference,
    caseTitle,
    label: deadline.label,
    status: deadline.status as OpenDeadlineStatus,
    dueOn: deadline.dueOn,
    expired: deadline.status === "running" && ctx.now.getTime() > Date.parse(deadline.expiresAt),
  }));
  return { month, entries, truncated: found.length > CALENDAR_LIMIT };
}

export const DeadlinesViewInput = ListDeadlinesInput.extend({ month: DeadlinesForMonthInput.shape.month.optional() });

/** The list, the tab counts and (when a month is asked for) the calendar, as one answer. */
export function getDeadlinesView(ctx: Ctx, input: z.input<typeof DeadlinesViewInput>): DeadlinesPayload {
  requirePermission(ctx.actor, "deadlines.view_staff");
  // Validated whole first, so a request with several bad parameters hears about all of them at once.
  const { month, ...listInput } = parseInput(DeadlinesViewInput, input);
  // The "mine" and "team" tabs depend on who asks; the rest of the answer on the data and the day (ADR 0011).
  const asker = [ctx.actor.id, ctx.actor.role, ctx.actor.team];
  const view = memoizeLiveView(ctx, `deadlines ${JSON.stringify([asker, month ?? null, listInput])}`, () => {
    const list = listDeadlines(ctx, listInput);
    const calendar = month === undefined ? undefined : deadlinesForMonth(ctx, { month, tab: listInput.tab, ruleId: listInput.ruleId, caseworkerId: listInput.caseworkerId });
    return { ...list, ...(calendar ? { calendar } : {}), today: londonDateOf(ctx.now) };
  });
  return { ...view, generatedAt: ctx.now.toISOString() };
}

export interface DeadlineFilterOptions {
  rules: { id: string; name: string }[];
  caseworkers: { id: string; name: string }[];
}

/** The choices for the rule and caseworker filters. Bounded: the catalogue and the staff are both small. */
export function deadlineFilterOptions(ctx: Ctx): DeadlineFilterOptions {
  requirePermission(ctx.actor, "deadlines.view_staff");
  const rules = ctx.db.select({ id: deadlineRules.id, name: deadlineRules.name }).from(deadlineRules).orderBy(asc(deadlineRules.name)).limit(200).all();
  const caseworkers = ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(or(eq(users.role, "caseworker"), eq(users.role, "supervisor")))
    .orderBy(asc(users.name), asc(users.id))
    .limit(500)
    .all();
  return { rules, caseworkers };
}
