import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CASE_STATUSES, cases, deadlines, users, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { parseInput } from "../errors";
import { OPEN_STATES } from "../cases/state-machine";
import { CASE_STATUS_LABELS } from "../cases/status-labels";
import { addDays, daysBetween, formatLongDate, isCalendarDate, isoWeekday } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { listCasesAtRisk, RISK_LEVELS, type RiskLevel } from "./at-risk";
import { DEADLINE_FIGURES, deadlineFigureConditions, type DeadlineFigure } from "./deadline-figures";
import { caseScope, dashboardWindow, DashboardFiltersInput, startOfLondonDay, type DashboardFilters, type DashboardWindow } from "./filters";
import { caseToAnswerConditions, receivedConditions, receivedWeeks } from "./get-dashboard";
import { firstOutcomeSql, TRIAGE_OUTCOME_LABELS, triageCohortConditions } from "./triage-time";

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

const receivedKey = sql<string>`coalesce(${cases.submittedAt}, ${cases.createdAt})`;
const dateOf = (instant: string | null) => (instant ? londonDateOf(new Date(instant)) : null);

interface Page {
  columns: FigureColumn[];
  rows: FigureRow[];
  next: string[] | null;
}

/** Case rows (open cases, received, workload), oldest received first, or by caseworker for workload. */
function casePage(ctx: Ctx, conditions: SQL[], byCaseworker: boolean, after: string[] | null, limit: number): Page {
  const caseworkerKey = sql<string>`coalesce(${assignee.name}, '')`;
  const where = [...conditions];
  if (after) {
    where.push(
      byCaseworker
        ? sql`(${caseworkerKey}, ${receivedKey}, ${cases.id}) > (${after[0]}, ${after[1]}, ${after[2]})`
        : sql`(${receivedKey}, ${cases.id}) > (${after[0]}, ${after[1]})`,
    );
  }
  const found = ctx.db
    .select({ id: cases.id, reference: cases.reference, title: cases.title, status: cases.status, caseworker: assignee.name, caseworkerKey, receivedKey })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...where))
    .orderBy(...(byCaseworker ? [asc(caseworkerKey)] : []), asc(receivedKey), asc(cases.id))
    .limit(limit + 1)
    .all();
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: CASE_COLUMNS,
    rows: page.map((r) => ({ caseId: r.id, cells: { reference: r.reference, title: r.title, status: CASE_STATUS_LABELS[r.status], caseworker: r.caseworker, received: dateOf(r.receivedKey) } })),
    next: found.length > limit && last ? (byCaseworker ? [last.caseworkerKey, last.receivedKey, last.id] : [last.receivedKey, last.id]) : null,
  };
}

function deadlinePage(ctx: Ctx, figure: DeadlineFigure, window: DashboardWindow, scope: SQL[], after: string[] | null, limit: number): Page {
  const where = [...deadlineFigureConditions(figure, window), ...scope];
  if (after) where.push(sql`(${deadlines.dueOn}, ${deadlines.id}) > (${after[0]}, ${after[1]})`);
  const found = ctx.db
    .select({ id: deadlines.id, caseId: cases.id, reference: cases.reference, title: cases.title, label: deadlines.label, dueOn: deadlines.dueOn, caseworker: assignee.name })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...where))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
    .limit(limit + 1)
    .all();
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: DEADLINE_COLUMNS,
    rows: page.map((r) => ({ caseId: r.caseId, cells: { reference: r.reference, title: r.title, deadline: r.label, due: r.dueOn, caseworker: r.caseworker } })),
    next: found.length > limit && last ? [last.dueOn, last.id] : null,
  };
}

function riskPage(ctx: Ctx, level: RiskLevel, window: DashboardWindow, scope: SQL[], after: string[] | null, limit: number): Page {
  const { rows, next } = listCasesAtRisk(ctx, window, scope, level, after ? [after[0]!, after[1]!] : null, limit);
  return {
    columns: RISK_COLUMNS,
    rows: rows.map((r) => ({
      caseId: r.caseId,
      cells: { reference: r.caseReference, title: r.caseTitle, risk: RISK_TEXT[r.level], deadline: r.label, due: r.dueOn, remaining: r.remaining ?? "Overdue", caseworker: r.caseworkerName },
    })),
    next,
  };
}

function decisionPage(ctx: Ctx, window: DashboardWindow, scope: SQL[], after: string[] | null, limit: number): Page {
  // Met and missed each range over the (status, due_on) index; SQLite answers the OR as a union.
  const where: SQL[] = [sql`((${and(...caseToAnswerConditions("met", window))}) OR (${and(...caseToAnswerConditions("missed", window))}))`, ...scope];
  if (after) where.push(sql`(${deadlines.completedAt}, ${deadlines.id}) < (${after[0]}, ${after[1]})`);
  const found = ctx.db
    .select({ id: deadlines.id, caseId: cases.id, reference: cases.reference, title: cases.title, caseworker: assignee.name, dueOn: deadlines.dueOn, completedAt: deadlines.completedAt, status: deadlines.status })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...where))
    .orderBy(desc(deadlines.completedAt), desc(deadlines.id))
    .limit(limit + 1)
    .all();
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: DECISION_COLUMNS,
    rows: page.map((r) => ({
      caseId: r.caseId,
      cells: { reference: r.reference, title: r.title, caseworker: r.caseworker, due: r.dueOn, completed: dateOf(r.completedAt), outcome: r.status === "met" ? "Met" : "Missed" },
    })),
    next: found.length > limit && last ? [last.completedAt ?? "", last.id] : null,
  };
}

function triagePage(ctx: Ctx, window: DashboardWindow, scope: SQL[], after: string[] | null, limit: number): Page {
  const where = triageCohortConditions(window, scope);
  if (after) where.push(sql`(${cases.submittedAt}, ${cases.id}) < (${after[0]}, ${after[1]})`);
  const found = ctx.db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      caseworker: assignee.name,
      submittedAt: sql<string>`${cases.submittedAt}`,
      outcomeAction: firstOutcomeSql("action"),
      outcomeAt: firstOutcomeSql("at"),
    })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
    .where(and(...where))
    .orderBy(desc(cases.submittedAt), desc(cases.id))
    .limit(limit + 1)
    .all();
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    columns: TRIAGE_COLUMNS,
    rows: page.map((r) => ({
      caseId: r.id,
      cells: {
        reference: r.reference,
        title: r.title,
        caseworker: r.caseworker,
        submitted: dateOf(r.submittedAt),
        outcome: r.outcomeAction ? (TRIAGE_OUTCOME_LABELS[r.outcomeAction as keyof typeof TRIAGE_OUTCOME_LABELS] ?? r.outcomeAction) : "Awaiting triage outcome",
        outcomeOn: dateOf(r.outcomeAt),
        // Whole days between UK calendar dates, as the median counts them in SQL.
        days: r.outcomeAt ? daysBetween(dateOf(r.submittedAt)!, dateOf(r.outcomeAt)!) : null,
      },
    })),
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

function pageFor(ctx: Ctx, query: FigureQuery, window: DashboardWindow, scope: SQL[], after: string[] | null): Page {
  const { figure, limit } = query;
  switch (figure) {
    case "open-cases":
      return casePage(ctx, [inArray(cases.status, query.status ? [query.status] : OPEN_STATES), ...scope], false, after, limit);
    case "received": {
      const weeks = receivedWeeks(window);
      const from = query.week ?? weeks[0]!;
      const to = addDays(query.week ?? weeks[weeks.length - 1]!, 7);
      return casePage(ctx, receivedConditions(startOfLondonDay(from), startOfLondonDay(to), scope), false, after, limit);
    }
    case "workload":
      return casePage(ctx, [inArray(cases.status, OPEN_STATES), isNotNull(cases.assignedTo), ...scope], true, after, limit);
    case "due-7":
    case "due-14":
    case "overdue":
    case "stopped":
      return deadlinePage(ctx, figure, window, scope, after, limit);
    case "at-risk":
      return riskPage(ctx, query.level, window, scope, after, limit);
    case "case-to-answer":
      return decisionPage(ctx, window, scope, after, limit);
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
  const page = pageFor(ctx, query, window, caseScope(filters), after);
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
