import { aliasedTable, and, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CASE_STATUSES, IP_RIGHTS, cases, users, type CaseStatus, type IpRight } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { addDays, isCalendarDate, londonOffset } from "../deadlines/calendar-date";
import { memoizeForViewer, type ViewStore } from "../live-view-cache";
import { OPEN_STATES } from "./state-machine";
import { toFtsQuery } from "./search-index";
import { anyStatus, digest, ipRightsMask, orderedDigestKeys, perStatus, type DigestIndex } from "../dashboard/case-digests";

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

const assignee = aliasedTable(users, "assignee");

const partyName = (role: "complainant" | "respondent") =>
  sql<string | null>`(SELECT o.name FROM case_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = ${cases.id} AND p.role = ${role} ORDER BY p.added_at, p.id LIMIT 1)`;

const declarationNeededSql = sql<number>`(${cases.assignedTo} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conflict_declarations cd WHERE cd.case_id = ${cases.id} AND cd.user_id = ${cases.assignedTo} AND cd.has_conflict = 0))`;

/**
 * Past its last second (23:59:59 UK time on the due date), as list-deadlines judges it. The digest
 * holds unixepoch(expires_at) of the case's current case-to-answer clock (the newest not cancelled).
 */
const expiredSql = (ctx: Ctx) => sql`${digest.clockExpiresUnix} * 1000 < ${ctx.now.getTime()}`;

function clockStateSql(ctx: Ctx) {
  return sql<QueueClockState>`CASE WHEN ${digest.clockDeadlineId} IS NULL THEN 'none' WHEN ${digest.clockStatus} = 'running' AND ${expiredSql(ctx)} THEN 'overdue' ELSE ${digest.clockStatus} END`;
}

function clockCondition(ctx: Ctx, filter: ClockFilter): SQL {
  switch (filter) {
    case "running":
      return and(eq(digest.clockStatus, "running"), sql`not (${expiredSql(ctx)})`)!;
    case "overdue":
      return and(eq(digest.clockStatus, "running"), expiredSql(ctx))!;
    case "stopped":
      return eq(digest.clockStatus, "stopped");
    case "none":
      // A clock's status is never null, so a null clock status means no clock: this reads the index alone.
      return or(isNull(digest.clockStatus), inArray(digest.clockStatus, ["met", "missed"]))!;
  }
}

/** Midnight at the start of a UK calendar day, as the UTC instant stored timestamps compare with. */
function startOfLondonDay(date: string): string {
  // The offset at 00:00 is the one in force at the end of the day before (clocks change at 01:00 UTC).
  return new Date(`${date}T00:00:00${londonOffset(addDays(date, -1))}`).toISOString();
}

/**
 * The sort keys, as the digest stores them: received is coalesce(submitted_at, created_at); due is
 * the case-to-answer clock's due date, with cases without one after every dated one either way.
 */
function sortKeyFor(sort: TriageSort): typeof digest.receivedAt | typeof digest.dueAscKey | typeof digest.dueDescKey {
  switch (sort) {
    case "received-asc":
    case "received-desc":
      return digest.receivedAt;
    case "due-asc":
      return digest.dueAscKey;
    case "due-desc":
      return digest.dueDescKey;
  }
}

/**
 * How a page of the queue is read from case_digests, chosen so no combination of filters costs more
 * than one pass over an index: one person's (or the unassigned) cases are few, so they are read
 * whole; so are the cases whose clock is running or stopped, and a search's matches (at most
 * SEARCH_MATCH_CAP); otherwise each status is read along its stretch of the sort order's index
 * until a page is found, and the statuses are merged.
 */
function readPlan(query: z.output<typeof ListTriageQueueInput>, statuses: CaseStatus[], searching: boolean): { index: DigestIndex; parts: SQL[] } {
  if (searching) return { index: "case_digests_rowid", parts: anyStatus(statuses) };
  if (query.tab !== "all" || query.caseworkerId !== undefined) return { index: "case_digests_assignee", parts: perStatus(statuses) };
  if (query.clock.length > 0 && !query.clock.includes("none")) {
    // Implied by the clock filters (each needs a running or a stopped clock): it makes the filter a
    // range of the index rather than a union of ranges.
    const clockStatuses = [...new Set(query.clock.map((c) => (c === "stopped" ? "stopped" : "running")))];
    return { index: "case_digests_clock", parts: [and(inArray(digest.clockStatus, clockStatuses), ...anyStatus(statuses))!] };
  }
  const index: DigestIndex = query.sort === "due-asc" ? "case_digests_status_due_asc" : query.sort === "due-desc" ? "case_digests_status_due_desc" : "case_digests_status_received";
  return { index, parts: perStatus(statuses) };
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

/** The filters other than status (which readPlan splits by), as conditions on case_digests. */
function filterConditions(ctx: Ctx, actorId: string, query: z.output<typeof ListTriageQueueInput>, matches: number[] | null): SQL[] {
  const conditions: SQL[] = [ne(digest.status, "draft")];
  if (query.tab === "unassigned") conditions.push(isNull(digest.assignedTo));
  if (query.tab === "mine") conditions.push(eq(digest.assignedTo, actorId));
  if (query.caseworkerId) conditions.push(eq(digest.assignedTo, query.caseworkerId));
  if (query.ipRights.length > 0) conditions.push(sql`(${digest.ipRightsMask} & ${ipRightsMask(query.ipRights)}) <> 0`);
  if (query.receivedFrom) conditions.push(sql`${digest.receivedAt} >= ${startOfLondonDay(query.receivedFrom)}`);
  if (query.receivedTo) conditions.push(sql`${digest.receivedAt} < ${startOfLondonDay(addDays(query.receivedTo, 1))}`);
  if (query.clock.length > 0) conditions.push(or(...query.clock.map((c) => clockCondition(ctx, c)))!);
  // A full-text entry's rowid is its case row's, which the digest keeps.
  // One parameter, not one per match: a thousand placeholders cost more to build and compile than the search itself.
  if (matches !== null) conditions.push(sql`${digest.caseRowid} IN (SELECT value FROM json_each(${JSON.stringify(matches)}))`);
  return conditions;
}

/** Triage pages kept per connection: a few filter and search combinations for each person triaging. */
export const TRIAGE_PAGES: ViewStore = { name: "triage pages", limit: 200 };

/**
 * listTriageQueue for the triage page, reused while nothing it depends on has changed (ADR 0013):
 * the data version, the UK date with its last second (a clock is overdue from 23:59:59 on its due
 * date, the only way the time enters the queue), the query as parsed, and who asks (the "mine" tab
 * is theirs). Invalid input is refused on every call and never kept.
 */
export function getTriageQueuePage(ctx: Ctx, input: TriageQueueQuery = {}): TriageQueuePage {
  requirePermission(ctx.actor, "case.view_all");
  const query = parseInput(ListTriageQueueInput, input);
  return memoizeForViewer(ctx, TRIAGE_PAGES, JSON.stringify(query), () => listTriageQueue(ctx, query));
}

/**
 * The staff triage queue: one tab (unassigned, my work, all), narrowed by the filters and an
 * optional full-text search, in received or due-date order, a bounded keyset page at a time.
 *
 * Two reads: the page's case ids in order, from case_digests along an index (so no case row is
 * read to filter or sort), then what each row shows, for those cases only.
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

  // The newest SEARCH_MATCH_CAP matches, and whether there were more, in one read of the index.
  const found = fts === null ? null : searchMatches(ctx, fts);
  const matches = found === null ? null : found.slice(0, SEARCH_MATCH_CAP);
  if (matches !== null && matches.length === 0) return { items: [], nextCursor: null, prevCursor: null, searchTruncated: false };

  const conditions = filterConditions(ctx, actor.id, query, matches);
  const sortKey = sortKeyFor(sort);
  const after = decodeCursor(query.after, sort);
  const before = after ? null : decodeCursor(query.before, sort);
  // Paging backwards reads the rows before the cursor in reverse, then turns them round.
  const ascending = isAscending(sort) !== (before !== null);
  const cursor = after ?? before;
  if (cursor) conditions.push(ascending ? sql`(${sortKey}, ${digest.caseId}) > (${cursor.key}, ${cursor.id})` : sql`(${sortKey}, ${digest.caseId}) < (${cursor.key}, ${cursor.id})`);

  const statuses = query.statuses.length > 0 ? query.statuses : DEFAULT_STATUSES;
  const keys = orderedDigestKeys(ctx.db, { ...readPlan(query, statuses, matches !== null), conditions, sortKey, ascending, limit: limit + 1 });

  const more = keys.length > limit;
  const pageKeys = keys.slice(0, limit);
  if (before) pageKeys.reverse();
  const details = new Map(readRows(ctx, pageKeys.map((k) => k.id)).map((row) => [row.id, row]));
  const page = pageKeys.flatMap((key) => {
    const row = details.get(key.id);
    return row ? [{ ...row, sortKey: key.sortKey }] : [];
  });
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
    searchTruncated: found !== null && found.length > SEARCH_MATCH_CAP,
  };
}

/** What the queue shows for each case on a page (at most 100 of them). */
function readRows(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return [];
  return ctx.db
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
      dueOn: digest.clockDueOn,
    })
    .from(cases)
    .innerJoin(digest, eq(digest.caseId, cases.id))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(inArray(cases.id, ids))
    .all();
}

/** The rowids of the newest matches, one more than SEARCH_MATCH_CAP so the caller can tell there were more. */
function searchMatches(ctx: Ctx, fts: string): number[] {
  return ctx.db.all<{ rowid: number }>(sql`SELECT rowid FROM case_search WHERE case_search MATCH ${fts} ORDER BY rowid DESC LIMIT ${SEARCH_MATCH_CAP + 1}`).map((r) => r.rowid);
}
