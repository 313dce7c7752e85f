import { and, asc, eq, inArray, lte, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { cases, clockEvents, deadlineReminders, deadlineRules, deadlines } from "@/db/schema";
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record";
import { newId } from "../ids";
import { notifyUser } from "../notifications/notify";
import { writeTransaction } from "../transaction";
import { addDays, formatLongDate } from "../deadlines/calendar-date";
import type { ClockEventRow, DeadlineRow } from "../deadlines/clock";
import type { HolidayData } from "../deadlines/holidays";
import { holidaysInForce } from "../deadlines/holiday-store";
import { londonDateOf } from "../deadlines/london-date";
import { escalationRecipients, reminderRecipients, type ReminderRecipient } from "./recipients";
import { ESCALATION_OFFSET, clockPosition, reminderOffsetDue } from "./reminder-schedule";

export const REMINDER_KIND = "deadline.reminder";
export const ESCALATION_KIND = "deadline.escalation";

/**
 * How far ahead to look for running deadlines. Ten counted working days can span 18 calendar days
 * (two weekends plus Christmas, Boxing Day, New Year's Day and 2 January in Scotland), and a roll or
 * a stop still to come can add a few more: a month covers every reminder with room to spare, and
 * the (status, due_on) index keeps the read narrow.
 */
export const REMINDER_WINDOW_DAYS = 31;
const PAGE_SIZE = 200;
/** A tick never works through more than this many deadlines; the rest wait for the next one. */
const MAX_DEADLINES_PER_CALL = 5000;
// No real clock gets near this many events; the read stays bounded even if one did.
const MAX_EVENTS_PER_CLOCK = 1000;

type EventFacts = Pick<ClockEventRow, "kind" | "effectiveOn" | "days">;
type Counts = { reminders: number; escalations: number };
const NOTHING: Counts = { reminders: 0, escalations: 0 };

/**
 * Finds running deadlines that have reached a reminder offset (10, 5, 2 or 0 counted days left)
 * or passed their expiry, and sends each reminder or escalation once. A reminder is claimed by
 * inserting its deadline_reminders row; only the scheduler whose insert lands creates the
 * notification, in the same transaction, so a restart or a second scheduler never sends it again.
 * An expired deadline is escalated to the supervisors once, and stays running (overdue). A deadline whose reminders fail (say, beyond the holiday data) is logged and
 * skipped, so one bad clock never stops the others.
 */
export function enqueueDueReminders(db: Db, now: Date): Counts {
  const today = londonDateOf(now);
  const horizon = addDays(today, REMINDER_WINDOW_DAYS);
  const holidays = holidaysInForce(db);
  const totals = { ...NOTHING };
  let after: { dueOn: string; id: string } | null = null;
  for (let seen = 0; seen < MAX_DEADLINES_PER_CALL; ) {
    const page: DeadlineRow[] = db
      .select({ deadline: deadlines })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(
        and(
          eq(deadlines.status, "running"),
          lte(deadlines.dueOn, horizon),
          // A clock left running on a closed case is nobody's work any more.
          notInArray(cases.status, ["closed", "withdrawn"]),
          after ? sql`(${deadlines.dueOn}, ${deadlines.id}) > (${after.dueOn}, ${after.id})` : undefined,
        ),
      )
      .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
      .limit(PAGE_SIZE)
      .all()
      .map((row) => row.deadline);
    const events = eventsByDeadline(
      db,
      page.map((d) => d.id),
    );
    for (const deadline of page) {
      try {
        const counts = now.getTime() > Date.parse(deadline.expiresAt) ? escalateMissedDeadline(db, deadline, now) : sendDueReminder(db, deadline, events.get(deadline.id) ?? [], now, today, holidays);
        totals.reminders += counts.reminders;
        totals.escalations += counts.escalations;
      } catch (error) {
        console.error(`Reminders for deadline ${deadline.id} failed; the next run tries again:`, error);
      }
    }
    seen += page.length;
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) break;
    after = { dueOn: last.dueOn, id: last.id };
  }
  return totals;
}

function eventsByDeadline(db: Db, deadlineIds: string[]): Map<string, EventFacts[]> {
  const grouped = new Map<string, EventFacts[]>();
  if (deadlineIds.length === 0) return grouped;
  const rows = db
    .select({ deadlineId: clockEvents.deadlineId, kind: clockEvents.kind, effectiveOn: clockEvents.effectiveOn, days: clockEvents.days })
    .from(clockEvents)
    .where(inArray(clockEvents.deadlineId, deadlineIds))
    // Insertion order pairs each stop with its restart.
    .orderBy(sql`${clockEvents}.rowid`)
    .limit(deadlineIds.length * MAX_EVENTS_PER_CLOCK)
    .all();
  for (const { deadlineId, ...event } of rows) {
    const list = grouped.get(deadlineId);
    if (list) list.push(event);
    else grouped.set(deadlineId, [event]);
  }
  return grouped;
}

const systemCtx = (now: Date): Pick<Ctx, "actor" | "now"> => ({ actor: null, now });

function isClaimed(db: DbOrTx, deadline: DeadlineRow, offsetDays: number, recipientId: string, kind: "reminder" | "escalation"): boolean {
  return (
    db
      .select({ id: deadlineReminders.id })
      .from(deadlineReminders)
      .where(and(eq(deadlineReminders.deadlineId, deadline.id), eq(deadlineReminders.offsetDays, offsetDays), eq(deadlineReminders.recipientId, recipientId), eq(deadlineReminders.kind, kind), eq(deadlineReminders.dueOn, deadline.dueOn)))
      .get() !== undefined
  );
}

/** Inserts the claim row; true only for the one caller whose insert landed. */
function claim(tx: DbOrTx, now: Date, deadline: DeadlineRow, offsetDays: number, recipientId: string, kind: "reminder" | "escalation"): string | null {
  const id = newId();
  const inserted = tx.insert(deadlineReminders).values({ id, deadlineId: deadline.id, offsetDays, recipientId, kind, dueOn: deadline.dueOn, createdAt: now.toISOString() }).onConflictDoNothing().run().changes;
  return inserted === 1 ? id : null;
}

function isPartyFacing(db: DbOrTx, ruleId: string): boolean {
  return db.select({ partyFacing: deadlineRules.partyFacing }).from(deadlineRules).where(eq(deadlineRules.id, ruleId)).get()?.partyFacing ?? false;
}

function caseFacts(db: DbOrTx, caseId: string): { reference: string; title: string } {
  const row = db.select({ reference: cases.reference, title: cases.title }).from(cases).where(eq(cases.id, caseId)).get();
  return { reference: row?.reference ?? "Case", title: row?.title ?? "" };
}

/** The row as it is now, if nothing has moved the clock since it was read (status and updatedAt change with every clock event). */
function unchanged(tx: DbOrTx, deadline: DeadlineRow): DeadlineRow | null {
  const current = tx.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get();
  return current && current.status === deadline.status && current.updatedAt === deadline.updatedAt ? current : null;
}

const dayWord = (count: number, unit: DeadlineRow["unit"]) => `${count} ${unit === "working" ? "working " : ""}day${count === 1 ? "" : "s"}`;

function linkFor(recipient: ReminderRecipient, caseId: string): string {
  return recipient.audience === "party" ? `/portal/cases/${caseId}` : `/cases/${caseId}`;
}

function sendDueReminder(db: Db, deadline: DeadlineRow, events: EventFacts[], now: Date, today: string, holidays: HolidayData): Counts {
  const position = clockPosition(deadline, events, today, holidays);
  const offset = reminderOffsetDue(position, today, deadline.dueOn);
  if (offset === null) return NOTHING;
  // Read-only first: most ticks find everything already claimed and never take the write lock.
  const partyFacing = isPartyFacing(db, deadline.ruleId);
  if (reminderRecipients(db, deadline, partyFacing).every((r) => isClaimed(db, deadline, offset, r.id, "reminder"))) return NOTHING;

  return writeTransaction(db, (tx) => {
    const current = unchanged(tx, deadline);
    if (!current) return NOTHING; // moved since it was read; the next run sees the new position
    const { reference, title } = caseFacts(tx, current.caseId);
    const dueLong = formatLongDate(current.dueOn);
    const when = offset === 0 ? "today" : position.remaining <= 0 ? `on ${dueLong}` : `in ${dayWord(position.remaining, current.unit)}`;
    const sent: string[] = [];
    for (const recipient of reminderRecipients(tx, current, isPartyFacing(tx, current.ruleId))) {
      const claimId = claim(tx, now, current, offset, recipient.id, "reminder");
      if (!claimId) continue;
      const notificationId = notifyUser(tx, { now }, {
        userId: recipient.id,
        caseId: current.caseId,
        kind: REMINDER_KIND,
        title: `${reference}: ${current.label} is due ${when}`,
        body:
          `${current.label} on ${reference} (${title}) is due on ${dueLong}, by 11:59pm UK time. ` +
          (position.remaining > 0 ? `${dayWord(position.remaining, current.unit)} of the period ${position.remaining === 1 ? "remains" : "remain"}.` : "This is the last day.") +
          (recipient.audience === "party" ? " Your client must act by then." : ""),
        link: linkFor(recipient, current.caseId),
      });
      tx.update(deadlineReminders).set({ notificationId }).where(eq(deadlineReminders.id, claimId)).run();
      sent.push(recipient.id);
    }
    if (sent.length === 0) return NOTHING;
    recordAudit(tx, systemCtx(now), {
      action: "deadline.reminder_sent",
      caseId: current.caseId,
      subject: `deadline:${current.id}`,
      data: { label: current.label, dueOn: current.dueOn, offsetDays: offset, remaining: position.remaining, recipients: sent },
    });
    return { reminders: sent.length, escalations: 0 };
  });
}

/**
 * Escalates an expired running deadline to the supervisors, once. The deadline stays running and
 * overdue: what it asks for is still owed, and the overdue views must keep showing it. It is
 * closed as missed by the act itself when that finally comes (see meetOrMissDeadline).
 */
function escalateMissedDeadline(db: Db, deadline: DeadlineRow, now: Date): Counts {
  return writeTransaction(db, (tx) => {
    const current = unchanged(tx, deadline);
    if (!current || now.getTime() <= Date.parse(current.expiresAt)) return NOTHING;
    const ctx = systemCtx(now);

    const { reference, title } = caseFacts(tx, current.caseId);
    const { supervisors, assignee } = escalationRecipients(tx, current);
    const sent: string[] = [];
    for (const supervisor of supervisors) {
      const claimId = claim(tx, now, current, ESCALATION_OFFSET, supervisor.id, "escalation");
      if (!claimId) continue;
      const notificationId = notifyUser(tx, { now }, {
        userId: supervisor.id,
        caseId: current.caseId,
        kind: ESCALATION_KIND,
        title: `${reference}: ${current.label} deadline missed`,
        body:
          `${current.label} on ${reference} (${title}) was due by 11:59pm UK time on ${formatLongDate(current.dueOn)} and has not been met. ` +
          (assignee ? `The case is assigned to ${assignee.name}.` : "No caseworker is assigned to the case."),
        link: `/cases/${current.caseId}`,
      });
      tx.update(deadlineReminders).set({ notificationId }).where(eq(deadlineReminders.id, claimId)).run();
      sent.push(supervisor.id);
    }
    if (sent.length === 0) return NOTHING;
    recordAudit(tx, ctx, {
      action: "deadline.escalated",
      caseId: current.caseId,
      subject: `deadline:${current.id}`,
      data: { label: current.label, dueOn: current.dueOn, recipients: sent },
    });
    return { reminders: 0, escalations: sent.length };
  });
}
