import { and, between, eq, lte, ne, sql, type SQL } from "drizzle-orm";
import { openDeadlines } from "@/db/schema";
import { addDays } from "../deadlines/calendar-date";
import { caseScope, type DashboardWindow, type ScopeFilters } from "./filters";

export const DEADLINE_FIGURES = ["due-7", "due-14", "overdue", "stopped"] as const;
export type DeadlineFigure = (typeof DEADLINE_FIGURES)[number];

/**
 * The deadline figures read open_deadlines: one row per running or stopped deadline with its case's
 * status and assignee, kept by triggers (migration 0010), so no case is looked up per deadline.
 */
export const open = openDeadlines;

/**
 * Past its last second (23:59:59 UK time on the due date), judged exactly as the deadlines view
 * judges it (expires_unix is unixepoch(expires_at)); `due_on <= today` narrows the index range first.
 */
export function expiredSql(window: DashboardWindow): SQL {
  return and(lte(open.dueOn, window.today), sql`${open.expiresUnix} * 1000 < ${window.nowMs}`)!;
}

/** Deadlines on cases in the dashboard's filters, never on drafts. */
export function openDeadlineScope(filters: ScopeFilters): SQL[] {
  return [ne(open.caseStatus, "draft"), ...caseScope(filters, open.assignedTo)];
}

/**
 * Which open deadlines a deadline figure counts. The same definitions as the deadlines view's tabs
 * (domain/deadlines/list-deadlines.ts), so a tile and the list it links to agree.
 */
export function deadlineFigureConditions(figure: DeadlineFigure, window: DashboardWindow): SQL[] {
  switch (figure) {
    case "due-7":
    case "due-14":
      // A deadline past its last second is overdue, not due, even in the second before midnight ends.
      return [eq(open.status, "running"), between(open.dueOn, window.today, addDays(window.today, figure === "due-7" ? 7 : 14)), sql`not (${expiredSql(window)})`];
    case "overdue":
      return [eq(open.status, "running"), expiredSql(window)];
    case "stopped":
      return [eq(open.status, "stopped")];
  }
}
