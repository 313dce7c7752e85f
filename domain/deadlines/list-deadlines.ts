import { aliasedTable, and, asc, between, desc, eq, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { cases, clockEvents, deadlineRules, deadlines, users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { addDays, daysInMonth, formatLongDate } from "./calendar-date";
import { clockStateFromEvents, countedDaysElapsed, ragFor, type ClockRag, type DeadlineRow } from "./clock";
import { holidaysInForce } from "./holiday-store";
import { londonDateOf } from "./london-date";

export const DEADLINE_TABS = ["mine", "team", "due-7", "overdue", "stopped"] as const;
export type DeadlineTab = (typeof DEADLINE_TABS)[number];

export const DEADLINE_SORTS = ["due-asc", "due-desc", "case"] as const;
export type DeadlineSort = (typeof DEADLINE_SORTS)[number];

/** Tab counts stop at this many, so a badge never costs a full scan; the UI shows "999+". */
export const DEADLINE_COUNT_CAP = 999;
/** The calendar shows at most this many deadlines in a month. */
export const CALENDAR_LIMIT = 500;
// A clock gains an event per stop, restart or extension; no real clock gets near this, but the
// read stays bounded even if one did.
const MAX_EVENTS_PER_CLOCK = 1000;

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

interface Filters {
  ruleId?: string;
  caseworkerId?: string;
}

/** The instant test mirrors get-case-clocks (`now > expiresAt`); `due_on <= today` lets the (status, due_on) index narrow it first. */
function expiredSql(ctx: Ctx, today: string): SQL {
  return and(lte(deadlines.dueOn, today), sql`unixepoch(${deadlines.expiresAt}) * 1000 < ${ctx.now.getTime()}`)!;
}

/**
 * The WHERE clause for a tab, or null when the tab cannot contain anything (a "team" view for
 * someone in no team), so no query needs to run.
 */
function tabConditions(ctx: Ctx, actor: Actor, tab: DeadlineTab, filters: Filters): SQL[] | null {
  const today = londonDateOf(ctx.now);
  const conditions: SQL[] = [ne(cases.status, "draft")];
  switch (tab) {
    case "mine":
      conditions.push(inArray(deadlines.status, OPEN_STATUSES), eq(cases.assignedTo, actor.id));
      break;
    case "team":
      if (actor.team === null) return null;
      conditions.push(inArray(deadlines.status, OPEN_STATUSES), eq(assignee.team, actor.team));
      break;
    case "due-7":
      // A deadline past its last second is overdue, not due, even in the second before midnight ends.
      conditions.push(eq(deadlines.status, "running"), between(deadlines.dueOn, today, addDays(today, 7)), sql`not (${expiredSql(ctx, today)})`);
      break;
    case "overdue":
      conditions.push(eq(deadlines.status, "running"), expiredSql(ctx, today));
      break;
    case "stopped":
      conditions.push(eq(deadlines.status, "stopped"));
      break;
  }
  if (filters.ruleId !== undefined) conditions.push(eq(deadlines.ruleId, filters.ruleId));
  if (filters.caseworkerId !== undefined) conditions.push(eq(cases.assignedTo, filters.caseworkerId));
  return conditions;
}

const caseSortKey = sql<string>`coalesce(${cases.reference}, '')`;

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

function keysetCondition(cursor: Cursor): SQL {
  const [a = "", b = "", c = ""] = cursor.keys;
  switch (cursor.sort) {
    case "due-asc":
      return sql`(${deadlines.dueOn}, ${deadlines.id}) > (${a}, ${b})`;
    case "due-desc":
      return sql`(${deadlines.dueOn}, ${deadlines.id}) < (${a}, ${b})`;
    case "case":
      return sql`(${caseSortKey}, ${deadlines.dueOn}, ${deadlines.id}) > (${a}, ${b}, ${c})`;
  }
}

function orderFor(sort: DeadlineSort): SQL[] {
  switch (sort) {
    case "due-asc":
      return [asc(deadlines.dueOn), asc(deadlines.id)];
    case "due-desc":
      return [desc(deadlines.dueOn), desc(deadlines.id)];
    case "case":
      return [asc(caseSortKey), asc(deadlines.dueOn), asc(deadlines.id)];
  }
}

function countTab(ctx: Ctx, actor: Actor, tab: DeadlineTab, filters: Filters): number {
  const conditions = tabConditions(ctx, actor, tab, filters);
  if (conditions === null) return 0;
  const capped = ctx.db
    .select({ one: sql`1`.as("one") })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...conditions))
    .limit(DEADLINE_COUNT_CAP + 1)
    .as("capped");
  return ctx.db.select({ n: sql<number>`count(*)` }).from(capped).get()?.n ?? 0;
}

function countAll(ctx: Ctx, actor: Actor, filters: Filters): DeadlineCounts {
  return Object.fromEntries(DEADLINE_TABS.map((tab) => [tab, countTab(ctx, actor, tab, filters)])) as DeadlineCounts;
}

/** Loads the events of a page of deadlines in one read, grouped by deadline in insertion order (so each stop pairs with its restart). */
function eventsByDeadline(ctx: Ctx, deadlineIds: string[]) {
  const grouped = new Map<string, { kind: (typeof clockEvents.$inferSelect)["kind"]; effectiveOn: string; days: number | null }[]>();
  if (deadlineIds.length === 0) return grouped;
  const events = ctx.db
    .select({ deadlineId: clockEvents.deadlineId, kind: clockEvents.kind, effectiveOn: clockEvents.effectiveOn, days: clockEvents.days })
    .from(clockEvents)
    .where(inArray(clockEvents.deadlineId, deadlineIds))
    .orderBy(sql`${clockEvents}.rowid`)
    .limit(deadlineIds.length * MAX_EVENTS_PER_CLOCK)
    .all();
  for (const { deadlineId, ...event } of events) {
    const list = grouped.get(deadlineId);
    if (list) list.push(event);
    else grouped.set(deadlineId, [event]);
  }
  return grouped;
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

  const found = ctx.db
    .select({ deadline: deadlines, caseReference: cases.reference, caseTitle: cases.title, caseworkerId: cases.assignedTo, caseworkerName: assignee.name })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...conditions))
    .orderBy(...orderFor(sort))
    .limit(limit + 1)
    .all();
  const page = found.slice(0, limit);

  const today = londonDateOf(ctx.now);
  const holidays = holidaysInForce(ctx.db);
  const events = eventsByDeadline(
    ctx,
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
  conditions.push(between(deadlines.dueOn, `${month}-01`, `${month}-${String(lastDay).padStart(2, "0")}`));
  const found = ctx.db
    .select({
      deadlineId: deadlines.id,
      caseId: deadlines.caseId,
      caseReference: cases.reference,
      caseTitle: cases.title,
      label: deadlines.label,
      status: deadlines.status,
      dueOn: deadlines.dueOn,
      expiresAt: deadlines.expiresAt,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...conditions))
    .orderBy(asc(deadlines.dueOn), asc(caseSortKey), asc(deadlines.id))
    .limit(CALENDAR_LIMIT + 1)
    .all();
  const entries = found.slice(0, CALENDAR_LIMIT).map(({ expiresAt, status, ...entry }) => ({
    ...entry,
    status: status as OpenDeadlineStatus,
    expired: status === "running" && ctx.now.getTime() > Date.parse(expiresAt),
  }));
  return { month, entries, truncated: found.length > CALENDAR_LIMIT };
}

export const DeadlinesViewInput = ListDeadlinesInput.extend({ month: DeadlinesForMonthInput.shape.month.optional() });

/** The list, the tab counts and (when a month is asked for) the calendar, as one answer. */
export function getDeadlinesView(ctx: Ctx, input: z.input<typeof DeadlinesViewInput>): DeadlinesPayload {
  requirePermission(ctx.actor, "deadlines.view_staff");
  // Validated whole first, so a request with several bad parameters hears about all of them at once.
  const { month, ...listInput } = parseInput(DeadlinesViewInput, input);
  const list = listDeadlines(ctx, listInput);
  const calendar = month === undefined ? undefined : deadlinesForMonth(ctx, { month, tab: listInput.tab, ruleId: listInput.ruleId, caseworkerId: listInput.caseworkerId });
  return { ...list, ...(calendar ? { calendar } : {}), today: londonDateOf(ctx.now), generatedAt: ctx.now.toISOString() };
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
