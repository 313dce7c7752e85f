import { aliasedTable, and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CASE_STATUSES, IP_RIGHTS, cases, deadlines, users, type CaseStatus, type IpRight } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { addDays, isCalendarDate, londonOffset } from "../deadlines/calendar-date";
import { OPEN_STATES } from "./state-machine";
import { toFtsQuery } from "./search-index";

export const TRIAGE_TABS = ["unassigned", "mine", "all"] as const;
export type TriageTab = (typeof TRIAGE_TABS)[number];

export const TRIAGE_SORTS = ["received-asc", "received-desc", "due-asc", "due-desc"] as const;
export type TriageSort = (typeof TRIAGE_SORTS)[number];

export const CLOCK_FILTERS = ["running", "stopped", "overdue", "none"] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

/** Where the case-to-answer clock stands: a filter value, or met/missed once the decision is made. */
export type QueueClockState = ClockFilter | "met" | "missed";

export const QUEUE_STATUSES = CASE_STATUSES.filter((s): s is Exclude<CaseStatus, "draft"> => s !== "draft");

export const TRIAGE_PAGE_SIZE = 25;
/**
 * A search reads at most this many full-text matches (newest first), so a one-letter query over a
 * large register still costs one bounded index scan. The page says when a search hit the cap.
 */
export const SEARCH_MATCH_CAP = 1000;

// Statuses no one ticked mean "every open case": closed and withdrawn work is only shown on request.
const DEFAULT_STATUSES: CaseStatus[] = OPEN_STATES;

function receivedDate(label: string, example: string) {
  return z
    .string()
    .trim()
    .refine((v) => isCalendarDate(v) && v >= "1970-01-01" && v <= "9998-12-31", `Enter a real date for ‘${label}’, for example ${example}`)
    .optional();
}

export const ListTriageQueueInput = z
  .object({
    tab: z.enum(TRIAGE_TABS, { error: "Choose a view: unassigned, mine or all" }).default("unassigned"),
    sort: z.enum(TRIAGE_SORTS, { error: "Choose a sort order" }).default("received-asc"),
    statuses: z.array(z.enum(QUEUE_STATUSES, { error: "Select a status from the list" })).max(QUEUE_STATUSES.length).default([]),
    caseworkerId: z.string().trim().min(1).max(100, "Select a caseworker from the list").optional(),
    ipRights: z.array(z.enum(IP_RIGHTS, { error: "Select an IP right from the list" })).max(IP_RIGHTS.length).default([]),
    receivedFrom: receivedDate("Received from", "2026-11-01"),
    receivedTo: receivedDate("Received to", "2026-11-30"),
    clock: z.array(z.enum(CLOCK_FILTERS, { error: "Select a clock status from the list" })).max(CLOCK_FILTERS.length).default([]),
    q: z.string().max(200, "Search for 200 characters or fewer").optional(),
    /** Opaque keyset cursors: the page after the given row, or the page before it. */
    after: z.string().max(300).optional(),
    before: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(100).default(TRIAGE_PAGE_SIZE),
  })
  .superRefine((value, issues) => {
    if (value.receivedFrom && value.receivedTo && isCalendarDate(value.receivedFrom) && isCalendarDate(value.receivedTo) && value.receivedTo < value.receivedFrom) {
      issues.addIssue({ code: "custom", path: ["receivedTo"], message: "‘Received to’ must be the same as or after ‘Received from’" });
    }
  });

export type TriageQueueQuery = z.input<typeof ListTriageQueueInput>;

export interface TriageQueueItem {
  id: string;
  reference: string | null;
  title: string;
  status: CaseStatus;
  receivedAt: string | null;
  complainant: string | null;
  respondent: string | null;
  ipRights: IpRight[];
  assignee: { id: string; name: string } | null;
  /** Assigned, but the assignee has not yet declared that they have no conflict with the parties. */
  declarationNeeded: boolean;
  clock: { state: QueueClockState; dueOn: string | null };
}

export interface TriageQueuePage {
  items: TriageQueueItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** The search matched more than SEARCH_MATCH_CAP complaints; only the newest were considered. */
  searchTruncated: boolean;
}

const caseToAnswer = aliasedTable(deadlines, "case_to_answer");
const assignee = aliasedTable(users, "assignee");

/** The case's current case-to-answer clock: the newest one not cancelled. */
const caseToAnswerJoin = sql`${caseToAnswer.id} = (SELECT d.id FROM deadlines d WHERE d.case_id = ${cases.id} AND d.rule_id = 'case-to-answer' AND d.status <> 'cancelled' ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1)`;

const partyName = (role: "complainant" | "respondent") =>
  sql<string | null>`(SELECT o.name FROM case_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = ${cases.id} AND p.role = ${role} ORDER BY p.added_at, p.id LIMIT 1)`;

const declarationNeededSql = sql<number>`(${cases.assignedTo} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conflict_declarations cd WHERE cd.case_id = ${cases.id} AND cd.user_id = ${cases.assignedTo} AND cd.has_conflict = 0))`;

/** Past its last second (23:59:59 UK time on the due date), as list-deadlines judges it. */
const expiredSql = (ctx: Ctx) => sql`unixepoch(${caseToAnswer.expiresAt}) * 1000 < ${ctx.now.getTime()}`;

function clockStateSql(ctx: Ctx) {
  return sql<QueueClockState>`CASE WHEN ${caseToAnswer.id} IS NULL THEN 'none' WHEN ${caseToAnswer.status} = 'running' AND ${expiredSql(ctx)} THEN 'overdue' ELSE ${caseToAnswer.status} END`;
}

function clockCondition(ctx: Ctx, filter: ClockFilter): SQL {
  switch (filter) {
    case "running":
      return and(eq(caseToAnswer.status, "running"), sql`not (${expiredSql(ctx)})`)!;
    case "overdue":
      return and(eq(caseToAnswer.status, "running"), expiredSql(ctx))!;
    case "stopped":
      return eq(caseToAnswer.status, "stopped");
    case "none":
      return or(isNull(caseToAnswer.id), inArray(caseToAnswer.status, ["met", "missed"]))!;
  }
}

/** Midnight at the start of a UK calendar day, as the UTC instant stored timestamps compare with. */
function startOfLondonDay(date: string): string {
  // The offset at 00:00 is the one in force at the end of the day before (clocks change at 01:00 UTC).
  return new Date(`${date}T00:00:00${londonOffset(addDays(date, -1))}`).toISOString();
}

const receivedKey = sql<string>`coalesce(${cases.submittedAt}, ${cases.createdAt})`;

/** Cases without a running or stopped clock sort after every dated one, whichever way. */
function sortKeyFor(sort: TriageSort): SQL<string> {
  switch (sort) {
    case "received-asc":
    case "received-desc":
      return receivedKey;
    case "due-asc":
      return sql<string>`coalesce(${caseToAnswer.dueOn}, '9999-99-99')`;
    case "due-desc":
      return sql<string>`coalesce(${caseToAnswer.dueOn}, '')`;
  }
}

const isAscending = (sort: TriageSort) => sort.endsWith("-asc");

type Cursor = { key: string; id: string };

function encodeCursor(sort: TriageSort, row: { sortKey: string; id: string }): string {
  return Buffer.from(JSON.stringify([sort, row.sortKey, row.id])).toString("base64url");
}

/** A cursor from another sort order, or one that does not parse, means "first page". */
function decodeCursor(cursor: string | undefined, sort: TriageSort): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort || typeof parsed[1] !== "string" || typeof parsed[2] !== "string") return null;
    return { key: parsed[1], id: parsed[2] };
  } catch {
    return null;
  }
}

function filterConditions(ctx: Ctx, actorId: string, query: z.output<typeof ListTriageQueueInput>, fts: string | null): SQL[] {
  const conditions: SQL[] = [ne(cases.status, "draft"), inArray(cases.status, query.statuses.length > 0 ? query.statuses : DEFAULT_STATUSES)];
  if (query.tab === "unassigned") conditions.push(isNull(cases.assignedTo));
  if (query.tab === "mine") conditions.push(eq(cases.assignedTo, actorId));
  if (query.caseworkerId) conditions.push(eq(cases.assignedTo, query.caseworkerId));
  if (query.ipRights.length > 0) {
    conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${cases.ipRights}) WHERE json_each.value IN (${sql.join(query.ipRights.map((r) => sql`${r}`), sql`, `)}))`);
  }
  if (query.receivedFrom) conditions.push(sql`${receivedKey} >= ${startOfLondonDay(query.receivedFrom)}`);
  if (query.receivedTo) conditions.push(sql`${receivedKey} < ${startOfLondonDay(addDays(query.receivedTo, 1))}`);
  if (query.clock.length > 0) conditions.push(or(...query.clock.map((c) => clockCondition(ctx, c)))!);
  if (fts !== null) {
    conditions.push(sql`${cases}.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ${fts} ORDER BY rowid DESC LIMIT ${SEARCH_MATCH_CAP})`);
  }
  return conditions;
}

/**
 * The staff triage queue: one tab (unassigned, my work, all), narrowed by the filters and an
 * optional full-text search, in received or due-date order, a bounded keyset page at a time.
 */
export function listTriageQueue(ctx: Ctx, input: TriageQueueQuery = {}): TriageQueuePage {
  requirePermission(ctx.actor, "case.view_all");
  const actor = ctx.actor;
  const query = parseInput(ListTriageQueueInput, input);
  const { sort, limit } = query;

  const searchText = query.q?.trim() ?? "";
  const fts = searchText === "" ? null : toFtsQuery(searchText);
  // Words were typed but none can be searched for (only punctuation): nothing can match them.
  if (searchText !== "" && fts === null) return { items: [], nextCursor: null, prevCursor: null, searchTruncated: false };

  const conditions = filterConditions(ctx, actor.id, query, fts);
  const sortKey = sortKeyFor(sort);
  const after = decodeCursor(query.after, sort);
  const before = after ? null : decodeCursor(query.before, sort);
  // Paging backwards reads the rows before the cursor in reverse, then turns them round.
  const ascending = isAscending(sort) !== (before !== null);
  const cursor = after ?? before;
  if (cursor) conditions.push(ascending ? sql`(${sortKey}, ${cases.id}) > (${cursor.key}, ${cursor.id})` : sql`(${sortKey}, ${cases.id}) < (${cursor.key}, ${cursor.id})`);

  const rows = ctx.db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      receivedAt: cases.submittedAt,
      ipRights: cases.ipRights,
      complainant: partyName("complainant"),
      respondent: partyName("respondent"),
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      declarationNeeded: declarationNeededSql,
      clockState: clockStateSql(ctx),
      dueOn: caseToAnswer.dueOn,
      sortKey,
    })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .leftJoin(caseToAnswer, caseToAnswerJoin)
    .where(and(...conditions))
    .orderBy(...(ascending ? [asc(sortKey), asc(cases.id)] : [desc(sortKey), desc(cases.id)]))
    .limit(limit + 1)
    .all();

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasEarlier = before ? more : after !== null && page.length > 0;
  const hasLater = before ? page.length > 0 : more;

  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      title: row.title,
      status: row.status,
      receivedAt: row.receivedAt,
      complainant: row.complainant,
      respondent: row.respondent,
      ipRights: row.ipRights,
      assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
      declarationNeeded: Boolean(row.declarationNeeded),
      clock: { state: row.clockState, dueOn: row.dueOn },
    })),
    nextCursor: hasLater && last ? encodeCursor(sort, last) : null,
    prevCursor: hasEarlier && first ? encodeCursor(sort, first) : null,
    searchTruncated: fts !== null && searchMatchesExceedCap(ctx, fts),
  };
}

function searchMatchesExceedCap(ctx: Ctx, fts: string): boolean {
  const row = ctx.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT rowid FROM case_search WHERE case_search MATCH ${fts} LIMIT ${SEARCH_MATCH_CAP + 1})`);
  return (row?.n ?? 0) > SEARCH_MATCH_CAP;
}
