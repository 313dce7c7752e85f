import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { caseDigests, users } from "@/db/schema";
import type { Ctx } from "../context";
import { addDays, isoWeekday, londonOffset } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";

/** The periods a figure with a look-back window can cover, in days. */
export const DASHBOARD_PERIODS = [30, 90, 180] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export const DEFAULT_PERIOD: DashboardPeriod = 90;

const PERIOD_TEXT = DASHBOARD_PERIODS.map(String) as ["30", "90", "180"];

export const DashboardFiltersInput = z.object({
  caseworkerId: z.string().trim().min(1, "Select a caseworker from the list").max(100, "Select a caseworker from the list").optional(),
  team: z.string().trim().min(1, "Select a team from the list").max(100, "Select a team from the list").optional(),
  // Periods arrive from the address bar as text; numbers are accepted too for callers in code.
  period: z
    .union([z.enum(PERIOD_TEXT), z.literal(30), z.literal(90), z.literal(180)], { error: "Choose a period of 30, 90 or 180 days" })
    .default(String(DEFAULT_PERIOD) as "90")
    .transform((value) => Number(value) as DashboardPeriod),
});

export type DashboardFiltersQuery = z.input<typeof DashboardFiltersInput>;
export type DashboardFilters = z.output<typeof DashboardFiltersInput>;

/** The calendar dates and instants every figure is measured against, worked out once per request. */
export interface DashboardWindow {
  /** Today in the UK. */
  today: string;
  /** First day of the period (the period includes today, so 90 days runs from today − 89). */
  periodStart: string;
  /** 00:00 UK time on periodStart, as the UTC instant stored timestamps compare with. */
  periodStartAt: string;
  nowAt: string;
  nowMs: number;
}

export function dashboardWindow(ctx: Pick<Ctx, "now">, period: DashboardPeriod): DashboardWindow {
  const today = londonDateOf(ctx.now);
  const periodStart = addDays(today, -(period - 1));
  return { today, periodStart, periodStartAt: startOfLondonDay(periodStart), nowAt: ctx.now.toISOString(), nowMs: ctx.now.getTime() };
}

/** Midnight at the start of a UK calendar day, as a UTC ISO instant (the form `toISOString` stores). */
export function startOfLondonDay(date: string): string {
  // The offset at 00:00 is the one in force at the end of the day before: the clocks change at 01:00 UTC.
  return new Date(`${date}T00:00:00${londonOffset(addDays(date, -1))}`).toISOString();
}

/** The Monday on or before a date: dashboard weeks start on Monday, UK time. */
export function mondayOf(date: string): string {
  return addDays(date, -(isoWeekday(date) - 1));
}

export type ScopeFilters = Pick<DashboardFilters, "caseworkerId" | "team">;

/**
 * The team and caseworker filters, as conditions on a copy of the case's assignee: case_digests'
 * by default (every case figure reads a case's status and assignee there, not from the large case
 * row), or open_deadlines' for the deadline figures. Both narrow by who the case is assigned to
 * now; an unassigned case belongs to no team.
 */
export function caseScope(filters: ScopeFilters, assignee: SQLiteColumn = caseDigests.assignedTo): SQL[] {
  const conditions: SQL[] = [];
  if (filters.caseworkerId !== undefined) conditions.push(eq(assignee, filters.caseworkerId));
  if (filters.team !== undefined) conditions.push(sql`${assignee} IN (SELECT ${users.id} FROM ${users} WHERE ${users.team} = ${filters.team})`);
  return conditions;
}

/**
 * The UK calendar date of a stored UTC instant, worked out inside SQLite so a date difference or a
 * grouping needs no per-row JavaScript. Summer time runs from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October (the rule calendar-date.ts's londonOffset follows):
 * the last Sunday of a month is the first Sunday on or after the 25th.
 */
export function londonDateSql(instant: SQL): SQL<string> {
  return sql<string>`date(${instant}, CASE WHEN datetime(${instant}) >= datetime(strftime('%Y', ${instant}) || '-03-25', 'weekday 0', '+1 hours') AND datetime(${instant}) < datetime(strftime('%Y', ${instant}) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)`;
}
