import { aliasedTable, and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CASE_STATUSES, caseDigests, cases, deadlines, users, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { OPEN_STATES } from "../cases/state-machine";
import { CASE_STATUS_LABELS } from "../cases/status-labels";
import { addDays, daysBetween, formatLongDate, isCalendarDate, isoWeekday } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { listCasesAtRisk, RISK_LEVELS, type RiskLevel } from "./at-risk";
import { DEADLINE_FIGURES, deadlineFigureConditions, open, openDeadlineScope, type DeadlineFigure } from "./deadline-figures";
import { caseScope, dashboardWindow, DashboardFiltersInput, startOfLondonDay, type DashboardFilters, type DashboardWindow, type ScopeFilters } from "./filters";
import { caseToAnswerConditions, receivedConditions, receivedWeeks } from "./get-dashboard";
import { TRIAGE_OUTCOME_LABELS, triageCohortConditions } from "./triage-time";
import { casesInScope, digestFrom, orderedDigestKeys, perStatus, type DigestIndex } from "./case-digests";
import { QUEUE_STATUSES } from "../cases/list-triage-queue";
import { openDeadlinesAlong } from "../deadlines/list-deadlines";

/** Every figure with a list behind it, as named in /dashboard/list/[figure] and the CSV export. */
export const FIGURES = ["open-cases", "received", ...DEADLINE_FIGURES, "at-risk", "workload", "case-to-answer", "triage-time"] as const;
export type Figure = (typeof FIGURES)[number];

export const FIGURE_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export const FigureListInput = DashboardFiltersInput.extend({
  figure: z.enum(FIGURES, { error: "Choose a dashboard figure" }),
  status: z
    .enum(CASE_STATUSES, { error: "Choose an open status" })
    .refine((status) => OPEN_STATES.includes(status), "Choose an open status")
    .optional(),
  level: z.enum(RISK_LEVELS, { error: "Choose red or amber" }).default("red"),
  week: z
    .string()
    .trim()
    .refine((date) => isCalendarDate(date) && date >= "1970-01-05" && isoWeekday(date) === 1, "Enter the Monday the week begins on, as YYYY-MM-DD")
    .optional(),
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(300, "The page cursor is not valid").optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(FIGURE_PAGE_SIZE),
});

export type FigureListQuery = z.input<typeof FigureListInput>;
type FigureQuery = z.output<typeof FigureListInput>;

/** "case" cells hold a case reference and link to the case; "date" cells hold a UK calendar date. */
export type ColumnKind = "case" | "text" | "date" | "number";

export interface FigureColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

export type CellValue = string | number | null;

export interface FigureRow {
  caseId: string;
  cells: Record<string, CellValue>;
}

export interface FigureList {
  figure: Figure;
  title: string;
  filters: DashboardFilters;
  /** The narrowing particular to a figure, for links back to the same list. */
  detail: { status?: CaseStatus; level?: RiskLevel; week?: string };
  today: string;
  periodStart: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  nextCursor: string | null;
}

const assignee = aliasedTable(users, "assignee");

const CASE = { key: "reference", header: "Case", kind: "case" } as const satisfies FigureColumn;
const TITLE = { key: "title", header: "Title", kind: "text" } as const satisfies FigureColumn;
const CASEWORKER = { key: "caseworker", header: "Caseworker", kind: "text" } as const satisfies FigureColumn;

const CASE_COLUMNS: FigureColumn[] = [CASE, TITLE, { key: "status", header: "Status", kind: "text" }, CASEWORKER, { key: "received", header: "Received", kind: "date" }];
const DEADLINE_COLUMNS: FigureColumn[] = [CASE, TITLE, { key: "deadline", header: "Deadline", kind: "text" }, { key: "due", header: "Due", kind: "date" }, CASEWORKER];
const RISK_COLUMNS: FigureColumn[] = [
  CASE,
  TITLE,
  { key: "risk", header: "Risk", kind: "text" },
  { key: "deadline", header: "Deadline", kind: "text" },
  { key: "due", header: "Due", kind: "date" },
  { key: "remaining", header: "Counted days left", kind: "number" },
  CASEWORKER,
];
const DECISION_COLUMNS: FigureColumn[] = [CASE, TITLE, CASEWORKER, { key: "due", header: "Due", kind: "date" }, { key: "completed", header: "Decided", kind: "date" }, { key: "outcome", header: "Outcome", kind: "text" }];
const TRIAGE_COLUMNS: FigureColumn[] = [
  CASE,
  TITLE,
  CASEWORKER,
  { key: "submitted", header: "Submitted", kind: "date" },
  { key: "outcome", header: "Triage outcome", kind: "text" },
  { key: "outcomeOn", header: "Outcome date", kind: "date" },
  { key: "days", header: "Calendar days", kind: "number" },
];

const RISK_TEXT: Record<RiskLevel, string> = { red: "Red", amber: "Amber" };

export function figureTitle(figure: Figure, query: Pick<FigureQuery, "period" | "level"> & Partial<Pick<FigureQuery, "status" | "week">>): string {
  switch (figure) {
    case "open-cases":
      return query.status ? `Open cases: ${CASE_STATUS_LABELS[query.status].toLowerCase()}` : "Open cases";
    case "received":
      return query.week ? `Complaints received in the week beginning ${formatLongDate(query.week)}` : "Complaints received in the last 26 weeks";
    case "due-7":
      return "Deadlines due in the next 7 days";
    case "due-14":
      return "Deadlines due in the next 14 days";
    case "overdue":
      return "Overdue deadlines";
    case "stopped":
      return "Clocks stopped";
    case "at-risk":
      return `Cases at risk: ${query.level}`;
    case "workload":
      return "Open cases assigned to caseworkers";
    case "case-to-answer":
      return `Case-to-answer decisions in the last ${query.period} days`;
    case "triage-time":
      return `Time to triage outcome for complaints submitted in the last ${query.period} days`;
  }
}

function encodeCursor(figure: Figure, keys: string[]): string {
  return Buffer.from(JSON.stringify([figure, ...keys])).toString("base64url");
}

/** A cursor for another figure, or one that does not parse, means "first page" rather than an error. */
function decodeCursor(cursor: string | undefined, figure: Figure, keyCount: number): string[] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed[0] !== figure || parsed.length !== keyCount + 1) return null;
    const keys = parsed.slice(1);
    return keys.every((k): k is string => typeof k === "string") ? keys : null;
  } catch {
    return null;
  }
}

const dateOf = (instant: string | null) => (instant ? londonDateOf(new Date(instant)) : null);

interface Page {
  columns: FigureColumn[];
  rows: FigureRow[];
  next: string[] | null;
}

/** Only what a page shows, for the cases on it. */
function caseDetails(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { reference: string | null; title: string; status: CaseStatus; caseworker: string | null }>();
  return new Map(
    ctx.db
      .select({ id: cases.id, reference: cases.reference, title: cases.title, status: cases.status, caseworker: assignee.name })
      .from(cases)
      .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
      .where(inArray(cases.id, ids))
      .all()
      .map(({ id, ...rest }) => [id, rest]),
  );
}

function caseRows(ctx: Ctx, keys: { id: string; receivedKey: string }[]): FigureRow[] {
  const details = caseDetails(
    ctx,
    keys.map((k) => k.id),
  );
  return keys.flatMap((key) => {
    const r = details.get(key.id);
    return r ? [{ caseId: key.id, cells: { reference: r.reference, title: r.title, status: CASE_STATUS_LABELS[r.status], caseworker: r.caseworker, received: dateOf(key.receivedKey) } }] : [];
  });
}

/**
 * Case rows (open cases, received), oldest received first (received: coalesce(submitted_at,
 * created_at), which the digest keeps), read a status at a time along a case_digests index and merged.
 */
function casePage(ctx: Ctx, statuses: readonly CaseStatus[], conditions: SQL[], filters: Pick<DashboardFilters, "caseworkerId">, after: string[] | null, limit: number): Page {
  const where = [...conditions];
  if (after) where.push(sql`(${caseDigests.receivedAt}, ${caseDigests.caseId}) > (${after[0]}, ${after[1]})`);
  // One caseworker's cases are read from the assignee index; otherwise each status's stretch of the received index.
  const index: DigestIndex = filters.caseworkerId !== undefined ? "case_digests_assignee" : "case_digests_status_received";
  const found = orderedDigestKeys(ctx.db, { index, parts: perStatus(statuses), conditions: where, sortKey: caseDigests.receivedAt, ascending: true, limit: limit + 1 });
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: CASE_COLUMNS,
    rows: caseRows(
      ctx,
      page.map((k) => ({ id: k.id, receivedKey: k.sortKey })),
    ),
    next: found.length > limit && last ? [last.sortKey, last.id] : null,
  };
}

/**
 * Open assigned cases by caseworker (name, then received, then case), for the workload figure. The
 * people holding open cases are few: their names are read in order, then each name's cases from the
 * assignee index, until the page is full.
 */
function workloadPage(ctx: Ctx, scope: SQL[], after: string[] | null, limit: number): Page {
  const open = inArray(caseDigests.status, OPEN_STATES);
  const holders = ctx.db.all<{ id: string; name: string }>(
    sql`SELECT ${users.id} AS "id", ${users.name} AS "name" FROM ${users}
        WHERE ${after ? sql`${users.name} >= ${after[0]}` : sql`1`}
          AND EXISTS (SELECT 1 FROM ${digestFrom("case_digests_assignee")} WHERE ${and(sql`${caseDigests.assignedTo} = ${users.id}`, open, ...scope)})
        ORDER BY ${users.name}, ${users.id}`,
  );
  const groups: { name: string; ids: string[] }[] = [];
  for (const holder of holders) {
    const group = groups[groups.length - 1];
    if (group && group.name === holder.name) group.ids.push(holder.id);
    else groups.push({ name: holder.name, ids: [holder.id] });
  }
  const found: { id: string; name: string; receivedKey: string }[] = [];
  for (const group of groups) {
    if (found.length > limit) break;
    const where = [inArray(caseDigests.assignedTo, group.ids), ...scope];
    if (after && group.name === after[0]) where.push(sql`(${caseDigests.receivedAt}, ${caseDigests.caseId}) > (${after[1]}, ${after[2]})`);
    const keys = orderedDigestKeys(ctx.db, { index: "case_digests_assignee", parts: [open], conditions: where, sortKey: caseDigests.receivedAt, ascending: true, limit: limit + 1 - found.length });
    found.push(...keys.map((k) => ({ id: k.id, name: group.name, receivedKey: k.sortKey })));
  }
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: CASE_COLUMNS,
    rows: caseRows(ctx, page),
    next: found.length > limit && last ? [last.name, last.receivedKey, last.id] : null,
  };
}

/** Deadline rows in due order, from open_deadlines along its (status, due_on, …) index, then the cases on the page. */
function deadlinePage(ctx: Ctx, figure: DeadlineFigure, window: DashboardWindow, filters: ScopeFilters, after: string[] | null, limit: number): Page {
  const where = [...deadlineFigureConditions(figure, window), ...openDeadlineScope(filters)];
  if (after) where.push(sql`(${open.dueOn}, ${open.deadlineId}) > (${after[0]}, ${after[1]})`);
  const found = ctx.db.all<{ id: string; caseId: string; label: string; dueOn: string }>(
    sql`SELECT ${open.deadlineId} AS "id", ${open.caseId} AS "caseId", ${open.label} AS "label", ${open.dueOn} AS "dueOn"
        FROM ${openDeadlinesAlong("open_deadlines_status_due")} WHERE ${and(...where)} ORDER BY ${open.dueOn}, ${open.deadlineId} LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const details = caseDetails(
    ctx,
    page.map((r) => r.caseId),
  );
  return {
    columns: DEADLINE_COLUMNS,
    rows: page.flatMap((r) => {
      const c = details.get(r.caseId);
      return c ? [{ caseId: r.caseId, cells: { reference: c.reference, title: c.title, deadline: r.label, due: r.dueOn, caseworker: c.caseworker } }] : [];
    }),
    next: found.length > limit && last ? [last.dueOn, last.id] : null,
  };
}

function riskPage(ctx: Ctx, level: RiskLevel, window: DashboardWindow, filters: ScopeFilters, after: string[] | null, limit: number): Page {
  const { rows, next } = listCasesAtRisk(ctx, window, filters, level, after ? [after[0]!, after[1]!] : null, limit);
  return {
    columns: RISK_COLUMNS,
    rows: rows.map((r) => ({
      caseId: r.caseId,
      cells: { reference: r.caseReference, title: r.caseTitle, risk: RISK_TEXT[r.level], deadline: r.label, due: r.dueOn, remaining: r.remaining ?? "Overdue", caseworker: r.caseworkerName },
    })),
    next,
  };
}

/** Case-to-answer decisions, latest first, along the partial index of completed case-to-answer clocks. */
function decisionPage(ctx: Ctx, window: DashboardWindow, filters: ScopeFilters, after: string[] | null, limit: number): Page {
  // The same rows as met OR missed (caseToAnswerConditions), with the shared terms taken out of the OR
  // so the rule (written out, to match the partial index) and the period bound the index range.
  const [, rule, completedInPeriod] = caseToAnswerConditions("missed", window);
  const where: SQL[] = [rule!, completedInPeriod!, sql`((${and(...caseToAnswerConditions("met", window))}) OR (${and(...caseToAnswerConditions("missed", window))}))`];
  const inScope = casesInScope(deadlines.caseId, filters);
  if (inScope) where.push(inScope);
  if (after) where.push(sql`(${deadlines.completedAt}, ${deadlines.id}) < (${after[0]}, ${after[1]})`);
  const from = sql`${deadlines} INDEXED BY "deadlines_case_to_answer_completed"`;
  const found = ctx.db.all<{ id: string; caseId: string; dueOn: string; completedAt: string | null; status: string }>(
    sql`SELECT ${deadlines.id} AS "id", ${deadlines.caseId} AS "caseId", ${deadlines.dueOn} AS "dueOn", ${deadlines.completedAt} AS "completedAt", ${deadlines.status} AS "status"
        FROM ${from} WHERE ${and(...where)} ORDER BY ${deadlines.completedAt} DESC, ${deadlines.id} DESC LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const details = caseDetails(
    ctx,
    page.map((r) => r.caseId),
  );
  return {
    columns: DECISION_COLUMNS,
    rows: page.flatMap((r) => {
      const c = details.get(r.caseId);
      return c ? [{ caseId: r.caseId, cells: { reference: c.reference, title: c.title, caseworker: c.caseworker, due: r.dueOn, completed: dateOf(r.completedAt), outcome: r.status === "met" ? "Met" : "Missed" } }] : [];
    }),
    next: found.length > limit && last ? [last.completedAt ?? "", last.id] : null,
  };
}

/** Complaints submitted in the period, latest first, with their first triage outcome: all from case_digests. */
function triagePage(ctx: Ctx, window: DashboardWindow, scope: SQL[], after: string[] | null, limit: number): Page {
  const where = triageCohortConditions(window, scope);
  if (after) where.push(sql`(${caseDigests.submittedAt}, ${caseDigests.caseId}) < (${after[0]}, ${after[1]})`);
  const found = ctx.db.all<{ id: string; submittedAt: string; outcomeAction: string | null; outcomeAt: string | null }>(
    sql`SELECT ${caseDigests.caseId} AS "id", ${caseDigests.submittedAt} AS "submittedAt", ${caseDigests.triageOutcomeAction} AS "outcomeAction", ${caseDigests.triageOutcomeAt} AS "outcomeAt"
        FROM ${digestFrom("case_digests_submitted")} WHERE ${and(...where)} ORDER BY ${caseDigests.submittedAt} DESC, ${caseDigests.caseId} DESC LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const details = caseDetails(
    ctx,
    page.map((r) => r.id),
  );
  return {
    columns: TRIAGE_COLUMNS,
    rows: page.flatMap((r) => {
      const c = details.get(r.id);
      if (!c) return [];
      return [
        {
          caseId: r.id,
          cells: {
            reference: c.reference,
            title: c.title,
            caseworker: c.caseworker,
            submitted: dateOf(r.submittedAt),
            outcome: r.outcomeAction ? (TRIAGE_OUTCOME_LABELS[r.outcomeAction as keyof typeof TRIAGE_OUTCOME_LABELS] ?? r.outcomeAction) : "Awaiting triage outcome",
            outcomeOn: dateOf(r.outcomeAt),
            // Whole days between UK calendar dates, as the median counts them in SQL.
            days: r.outcomeAt ? daysBetween(dateOf(r.submittedAt)!, dateOf(r.outcomeAt)!) : null,
          },
        },
      ];
    }),
    next: found.length > limit && last ? [last.submittedAt, last.id] : null,
  };
}

const KEY_COUNT: Record<Figure, number> = {
  "open-cases": 2,
  received: 2,
  "due-7": 2,
  "due-14": 2,
  overdue: 2,
  stopped: 2,
  "at-risk": 2,
  workload: 3,
  "case-to-answer": 2,
  "triage-time": 2,
};

function pageFor(ctx: Ctx, query: FigureQuery, filters: DashboardFilters, window: DashboardWindow, scope: SQL[], after: string[] | null): Page {
  const { figure, limit } = query;
  switch (figure) {
    case "open-cases":
      return casePage(ctx, query.status ? [query.status] : OPEN_STATES, scope, filters, after, limit);
    case "received": {
      const weeks = receivedWeeks(window);
      const fromAt = startOfLondonDay(query.week ?? weeks[0]!);
      const beforeAt = startOfLondonDay(addDays(query.week ?? weeks[weeks.length - 1]!, 7));
      // Submitted in the range means received (coalesce(submitted_at, created_at)) in it too: that
      // implied range lets each status be read as one stretch of the index.
      const inRange = [sql`${caseDigests.receivedAt} >= ${fromAt}`, sql`${caseDigests.receivedAt} < ${beforeAt}`];
      return casePage(ctx, QUEUE_STATUSES, [...receivedConditions(fromAt, beforeAt, scope), ...inRange], filters, after, limit);
    }
    case "workload":
      return workloadPage(ctx, [isNotNull(caseDigests.assignedTo), ...scope], after, limit);
    case "due-7":
    case "due-14":
    case "overdue":
    case "stopped":
      return deadlinePage(ctx, figure, window, filters, after, limit);
    case "at-risk":
      return riskPage(ctx, query.level, window, filters, after, limit);
    case "case-to-answer":
      return decisionPage(ctx, window, filters, after, limit);
    case "triage-time":
      return triagePage(ctx, window, scope, after, limit);
  }
}

function detailFor(query: FigureQuery): FigureList["detail"] {
  switch (query.figure) {
    case "open-cases":
      return query.status ? { status: query.status } : {};
    case "received":
      return query.week ? { week: query.week } : {};
    case "at-risk":
      return { level: query.level };
    default:
      return {};
  }
}

/**
 * The rows behind one dashboard figure, with the same filters and definitions as the figure, a
 * bounded keyset page at a time.
 */
export function listFigure(ctx: Ctx, input: FigureListQuery): FigureList {
  requirePermission(ctx.actor, "case.view_all");
  const query = parseInput(FigureListInput, input);
  const filters: DashboardFilters = { caseworkerId: query.caseworkerId, team: query.team, period: query.period };
  const window = dashboardWindow(ctx, query.period);
  const after = decodeCursor(query.after, query.figure, KEY_COUNT[query.figure]);
  const page = pageFor(ctx, query, filters, window, caseScope(filters), after);
  return {
    figure: query.figure,
    title: figureTitle(query.figure, query),
    filters,
    detail: detailFor(query),
    today: window.today,
    periodStart: window.periodStart,
    columns: page.columns,
    rows: page.rows,
    nextCursor: page.next ? encodeCursor(query.figure, page.next) : null,
  };
}
