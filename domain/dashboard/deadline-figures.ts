import { and, between, eq, lte, ne, sql, type SQL } from "drizzle-orm";
import { cases, deadlines } from "@/db/schema";
import { addDays } from "../deadlines/calendar-date";
import type { DashboardWindow } from "./filters";

export const DEADLINE_FIGURES = ["due-7", "due-14", "overdue", "stopped"] as const;
export type DeadlineFigure = (typeof DEADLINE_FIGURES)[number];

/**
 * Past its last second (23:59:59 UK time on the due date), judged exactly as the deadlines view
 * judges it; `due_on <= today` lets the (status, due_on) index narrow the rows first.
 */
export function expiredSql(window: DashboardWindow): SQL {
  return and(lte(deadlines.dueOn, window.today), sql`unixepoch(${deadlines.expiresAt}) * 1000 < ${window.nowMs}`)!;
}

/**
 * Which open deadlines a deadline figure counts. The same definitions as the deadlines view's tabs
 * (domain/deadlines/list-deadlines.ts), so a tile and the list it links to agree.
 */
export function deadlineFigureConditions(figure: DeadlineFigure, window: DashboardWindow): SQL[] {
  const conditions: SQL[] = [ne(cases.status, "draft")];
  switch (figure) {
    case "due-7":
    case "due-14":
      // A deadline past its last second is overdue, not due, even in the second before midnight ends.
      conditions.push(eq(deadlines.status, "running"), between(deadlines.dueOn, window.today, addDays(window.today, figure === "due-7" ? 7 : 14)), sql`not (${expiredSql(window)})`);
      break;
    case "overdue":
      conditions.push(eq(deadlines.status, "running"), expiredSql(window));
      break;
    case "stopped":
      conditions.push(eq(deadlines.status, "stopped"));
      break;
  }
  return conditions;
}
