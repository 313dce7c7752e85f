import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clockEvents, deadlineRules, deadlines, type ClockEventKind, type DeadlineStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { clockStateFromEvents, computeDueFromEvents, type DeadlineRow } from "./clock";
import type { HolidayData } from "./holidays";
import { londonDateOf } from "./london-date";
import { holidaysInForce } from "./holiday-store";

/**
 * Starts a deadline from the rule catalogue on a case. Runs inside the caller's transaction (e.g.
 * accepting a complaint), which also writes the caller's own audit event.
 */
export function startDeadline(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, input: { caseId: string; ruleId: string; startOn: string; reason: string; subjectId?: string; label?: string }): DeadlineRow {
  const rule = tx.select().from(deadlineRules).where(eq(deadlineRules.id, input.ruleId)).get();
  if (!rule) throw new DomainError("invalid", `There is no deadline rule "${input.ruleId}".`);
  const at = ctx.now.toISOString();
  const terms = { startOn: input.startOn, length: rule.length, unit: rule.unit, count: rule.count, calendar: rule.calendar, roll: rule.roll };
  const result = computeDueFromEvents(terms, clockStateFromEvents([]), londonDateOf(ctx.now), holidaysInForce(tx));
  const row: DeadlineRow = {
    id: newId(),
    caseId: input.caseId,
    ruleId: rule.id,
    // A narrower deadline (one evidence item) names its subject, e.g. "Non-confidential version of C-002".
    label: input.label ?? rule.name,
    subjectId: input.subjectId ?? null,
    ...terms,
    dueOn: result.due,
    expiresAt: result.expiresAt,
    holidayDataVersion: result.holidayDataVersion,
    status: "running",
    completedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  tx.insert(deadlines).values(row).run();
  appendClockEvent(tx, ctx, row, { kind: "start", effectiveOn: input.startOn, reason: input.reason });
  return row;
}

export function appendClockEvent(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, deadline: DeadlineRow, event: { kind: ClockEventKind; effectiveOn: string; reason: string; days?: number }) {
  const id = newId();
  tx.insert(clockEvents)
    .values({ id, deadlineId: deadline.id, caseId: deadline.caseId, kind: event.kind, effectiveOn: event.effectiveOn, days: event.days ?? null, reason: event.reason, actorId: ctx.actor?.id ?? null, at: ctx.now.toISOString() })
    .run();
  recordAudit(tx, ctx, {
    action: `clock.${event.kind}`,
    caseId: deadline.caseId,
    subject: `deadline:${deadline.id}`,
    data: { label: deadline.label, effectiveOn: event.effectiveOn, reason: event.reason, days: event.days },
  });
}

/**
 * Recomputes a deadline's due date from all its events and stores it. Guarded on the status read
 * at the start, so two people changing one clock at once get one success and one conflict.
 */
export function recomputeDeadline(tx: DbOrTx, ctx: Pick<Ctx, "now">, deadline: DeadlineRow, nextStatus: DeadlineStatus, holidays: HolidayData = holidaysInForce(tx)): DeadlineRow {
  const events = tx.select().from(clockEvents).where(eq(clockEvents.deadlineId, deadline.id)).orderBy(sql`rowid`).all(); // insertion order pairs each stop with its restart
  const result = computeDueFromEvents(deadline, clockStateFromEvents(events), londonDateOf(ctx.now), holidays);
  const updated = { dueOn: result.due, expiresAt: result.expiresAt, holidayDataVersion: result.holidayDataVersion, status: nextStatus, updatedAt: ctx.now.toISOString() };
  const changes = tx
    .update(deadlines)
    .set(updated)
    .where(and(eq(deadlines.id, deadline.id), eq(deadlines.status, deadline.status), eq(deadlines.updatedAt, deadline.updatedAt)))
    .run().changes;
  if (changes === 0) throw new DomainError("conflict", "This clock has changed since you opened the page. Reload the page to see the latest position, then try again.");
  return { ...deadline, ...updated };
}

/**
 * Ends a running or stopped deadline with its outcome and the matching clock event. Guarded on the
 * status read, so two people ending one clock at once get one success and one conflict.
 */
export function closeDeadline(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, deadline: DeadlineRow, outcome: "met" | "missed" | "cancelled", reason: string): DeadlineRow {
  const at = ctx.now.toISOString();
  const changes = tx
    .update(deadlines)
    .set({ status: outcome, completedAt: at, updatedAt: at })
    .where(and(eq(deadlines.id, deadline.id), eq(deadlines.status, deadline.status)))
    .run().changes;
  if (changes === 0) throw new DomainError("conflict", "This clock has changed since you opened the page. Reload the page to see the latest position, then try again.");
  const closed = { ...deadline, status: outcome, completedAt: at, updatedAt: at };
  appendClockEvent(tx, ctx, closed, { kind: outcome, effectiveOn: londonDateOf(ctx.now), reason });
  return closed;
}

/** Met when done by 23:59:59 on the due date (Europe/London), otherwise missed. */
export function meetOrMissDeadline(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, deadline: DeadlineRow, reason: string): DeadlineRow {
  return closeDeadline(tx, ctx, deadline, ctx.now.getTime() <= Date.parse(deadline.expiresAt) ? "met" : "missed", reason);
}
