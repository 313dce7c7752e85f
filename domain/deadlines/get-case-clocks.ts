import { asc, eq, inArray, sql } from "drizzle-orm";
import { clockEvents, deadlines, users } from "@/db/schema";
import type { Ctx } from "../context";
import { getCaseForParticipant } from "../access/case-access";
import { formatLongDate } from "./calendar-date";
import { clockStateFromEvents, countedDaysElapsed, ragFor, type ClockRag, type DeadlineRow } from "./clock";
import { londonDateOf } from "./london-date";
import { holidaysInForce } from "./holiday-store";

export interface ClockLedgerEntry {
  kind: string;
  effectiveOn: string;
  days: number | null;
  reason: string;
  by: string;
  at: string;
}

export interface CaseClockView {
  deadline: DeadlineRow;
  dueLong: string;
  totalDays: number;
  /** Counted days used so far ("Day 12 of 45"). */
  day: number;
  remaining: number;
  rag: ClockRag;
  expired: boolean;
  stoppedSince: string | null;
  stoppedReason: string | null;
  ledger: ClockLedgerEntry[];
}

/** Every clock on a case with its position today and its full ledger, for anyone who may see the case. */
export function getCaseClocks(ctx: Ctx, caseId: string): CaseClockView[] {
  getCaseForParticipant(ctx, caseId);
  const today = londonDateOf(ctx.now);
  const holidays = holidaysInForce(ctx.db);
  const rows = ctx.db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(asc(deadlines.createdAt)).limit(100).all();
  const eventsByDeadline = readLedgers(ctx, caseId);
  return rows.map((deadline) => {
    const events = eventsByDeadline.get(deadline.id) ?? [];
    const state = clockStateFromEvents(events);
    const totalDays = deadline.length + state.extensionDays;
    const day = countedDaysElapsed(deadline, state, today, holidays);
    const remaining = totalDays - day;
    const expired = ctx.now.getTime() > Date.parse(deadline.expiresAt);
    const lastStop = [...events].reverse().find((e) => e.kind === "stop");
    return {
      deadline,
      dueLong: formatLongDate(deadline.dueOn),
      totalDays,
      day,
      remaining,
      rag: expired ? "red" : ragFor(remaining),
      expired,
      stoppedSince: state.openStopFrom,
      stoppedReason: state.openStopFrom ? (lastStop?.reason ?? null) : null,
      ledger: events.map((e) => ({ ...e, by: e.by ?? "The system" })),
    };
  });
}

/**
 * Every clock event on the case in one statement, in the order they were recorded: a busy case has a
 * dozen clocks, and a statement per clock cost more than the rest of the page's reads together.
 */
function readLedgers(ctx: Ctx, caseId: string) {
  const events = ctx.db
    .select({ deadlineId: clockEvents.deadlineId, kind: clockEvents.kind, effectiveOn: clockEvents.effectiveOn, days: clockEvents.days, reason: clockEvents.reason, at: clockEvents.at, by: users.name })
    .from(clockEvents)
    .leftJoin(users, eq(users.id, clockEvents.actorId))
    .where(inArray(clockEvents.deadlineId, ctx.db.select({ id: deadlines.id }).from(deadlines).where(eq(deadlines.caseId, caseId))))
    .orderBy(sql`${clockEvents}.rowid`)
    .all();
  const byDeadline = new Map<string, Omit<(typeof events)[number], "deadlineId">[]>();
  for (const { deadlineId, ...event } of events) {
    const ledger = byDeadline.get(deadlineId);
    if (ledger) ledger.push(event);
    else byDeadline.set(deadlineId, [event]);
  }
  return byDeadline;
}
