import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { cases, clockEvents, deadlineReminders, deadlines, evidence, notifications, users } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import { verifyAuditChain } from "../audit/verify-chain";
import { newId } from "../ids";
import { londonDateOf } from "../deadlines/london-date";
import { extendDeadline } from "../deadlines/extend-deadline";
import { restartClock } from "../deadlines/restart-clock";
import { stopClock } from "../deadlines/stop-clock";
import { ESCALATION_KIND, REMINDER_KIND, enqueueDueReminders } from "./enqueue-reminders";
import { sidesThatMustAct } from "./recipients";
import { datesFrom, noonOn, notificationsFor, seedReminderWorld, startTestDeadline, type ReminderWorld } from "./test-fixtures";

let db: Db;
let file: string;
let close: () => void;
let world: ReminderWorld;

beforeEach(() => {
  ({ db, file, close } = createTestDb());
  world = seedReminderWorld(db);
});
afterEach(() => close());

/** The UK dates on which a user received reminders, in order. */
const reminderDates = (userId: string, kind = REMINDER_KIND) => notificationsFor(db, userId, kind).map((n) => londonDateOf(new Date(n.createdAt)));

function walk(from: string, to: string, each: (date: string) => void = (date) => enqueueDueReminders(db, noonOn(date))) {
  for (const date of datesFrom(from, to)) each(date);
}

describe("reminders at 10, 5, 2 and 0 counted days", () => {
  it("a calendar-day deadline reminds its caseworker once at each offset, stepping day by day", () => {
    // 45 calendar days after Friday 18 December 2026 is Monday 1 February 2027.
    const deadline = startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    expect(deadline.dueOn).toBe("2027-02-01");
    walk("2026-12-18", "2027-02-01", (date) => {
      enqueueDueReminders(db, noonOn(date));
      enqueueDueReminders(db, new Date(`${date}T18:30:00Z`)); // a second run the same day sends nothing new
    });
    expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-22", "2027-01-27", "2027-01-30", "2027-02-01"]);
    const titles = notificationsFor(db, world.caseworker.id, REMINDER_KIND).map((n) => n.title);
    expect(titles).toEqual([
      "IPC-2026-000042: Case-to-answer determination is due in 10 days",
      "IPC-2026-000042: Case-to-answer determination is due in 5 days",
      "IPC-2026-000042: Case-to-answer determination is due in 2 days",
      "IPC-2026-000042: Case-to-answer determination is due today",
    ]);
    const claims = db.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, deadline.id)).all();
    expect(claims.map((c) => c.offsetDays).sort((a, b) => b - a)).toEqual([10, 5, 2, 0]);
    expect(claims.every((c) => c.recipientId === world.caseworker.id && c.kind === "reminder" && c.dueOn === "2027-02-01" && c.notificationId !== null)).toBe(true);
    // The regulator's own deadline is not party-facing, and nobody else hears about it.
    for (const other of [world.complainant, world.respondent, world.teamSupervisor, world.otherSupervisor]) expect(reminderDates(other.id)).toEqual([]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("the 0-day reminder of a deadline rolled past a weekend comes on the due date, not on the last counted day", () => {
    // 45 days after 23 December 2026 is Saturday 6 February 2027, rolled to Monday 8 February.
    const deadline = startTestDeadline(db, world, "case-to-answer", "2026-12-23");
    expect(deadline.dueOn).toBe("2027-02-08");
    walk("2026-12-23", "2027-02-08");
    expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-27", "2027-02-01", "2027-02-04", "2027-02-08"]);
  });

  it("a party-facing working-day deadline with a clock stop reminds the caseworker and the side that must act", () => {
    // 10 working days after Monday 4 January 2027, with 7–8 January stopped: due Wednesday 20 January.
    const deadline = startTestDeadline(db, world, "information-response", "2027-01-04");
    walk("2027-01-04", "2027-01-20", (date) => {
      const ctx = testCtx(db, world.caseworker, noonOn(date));
      if (date === "2027-01-07") stopClock(ctx, { deadlineId: deadline.id, reason: "Complainant asked for time to consult experts", effectiveOn: date });
      if (date === "2027-01-08") restartClock(ctx, { deadlineId: deadline.id, reason: "Consultation done", lastStoppedOn: date });
      enqueueDueReminders(db, noonOn(date));
      enqueueDueReminders(db, noonOn(date));
    });
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()?.dueOn).toBe("2027-01-20");
    // No "10 days" reminder: the period is only 10 days long, so it would arrive the day it starts.
    const expected = ["2027-01-13", "2027-01-18", "2027-01-20"];
    expect(reminderDates(world.caseworker.id)).toEqual(expected);
    expect(reminderDates(world.complainant.id)).toEqual(expected);
    expect(reminderDates(world.respondent.id)).toEqual([]);
    const [first] = notificationsFor(db, world.complainant.id, REMINDER_KIND);
    expect(first).toMatchObject({ title: "IPC-2026-000042: Response to an information request is due in 5 working days", link: `/portal/cases/${world.caseId}` });
    expect(notificationsFor(db, world.caseworker.id, REMINDER_KIND)[0]?.link).toBe(`/cases/${world.caseId}`);
  });

  it("sends nothing while the clock is stopped", () => {
    const deadline = startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    stopClock(testCtx(db, world.caseworker, noonOn("2027-01-20")), { deadlineId: deadline.id, reason: "Information requested" });
    walk("2027-01-20", "2027-03-01");
    expect(reminderDates(world.caseworker.id)).toEqual([]);
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()?.status).toBe("stopped");
  });

  it("the respondent hears about the respondent's representations, not the complainant", () => {
    startTestDeadline(db, world, "respondent-representations", "2027-01-04");
    walk("2027-01-04", "2027-02-01");
    expect(reminderDates(world.respondent.id)).toHaveLength(4);
    expect(reminderDates(world.complainant.id)).toEqual([]);
  });

  it("a non-confidential version is owed by the side that filed the confidential document", () => {
    const id = newId();
    db.insert(evidence)
      .values({ id, caseId: world.caseId, filingSide: "respondent", filedBy: world.respondent.id, exhibitNumber: "R-001", title: "Model card", description: "", originalFilename: "card.pdf", sizeBytes: 1, contentType: "application/pdf", sha256: "0".repeat(64), confidentiality: "restricted", status: "accepted", receivedAt: "2027-01-04T10:00:00.000Z" })
      .run();
    expect(sidesThatMustAct(db, { ruleId: "non-confidential-version", subjectId: id })).toEqual(["respondent"]);
    expect(sidesThatMustAct(db, { ruleId: "non-confidential-version", subjectId: null })).toEqual([]);
    expect(sidesThatMustAct(db, { ruleId: "information-response", subjectId: null })).toEqual(["complainant"]);
  });

  it("sends nothing for a clock left running on a closed case", () => {
    startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    db.update(cases).set({ status: "closed" }).where(eq(cases.id, world.caseId)).run();
    walk("2027-01-20", "2027-02-03");
    expect(db.select({ id: notifications.id }).from(notifications).all()).toEqual([]);
  });

  it("with nobody assigned, the supervisors are reminded instead", () => {
    const unassigned = createTestDb();
    try {
      const other = seedReminderWorld(unassigned.db, { assigned: false });
      startTestDeadline(unassigned.db, other, "case-to-answer", "2026-12-18");
      enqueueDueReminders(unassigned.db, noonOn("2027-01-22"));
      const got = unassigned.db.select({ userId: notifications.userId }).from(notifications).all().map((n) => n.userId);
      expect(got.sort()).toEqual([other.teamSupervisor.id, other.otherSupervisor.id].sort());
    } finally {
      unassigned.close();
    }
  });

  it("a disabled caseworker's reminders go to their team's supervisors", () => {
    startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    db.update(users).set({ disabledAt: "2027-01-01T00:00:00.000Z" }).where(eq(users.id, world.caseworker.id)).run();
    enqueueDueReminders(db, noonOn("2027-01-22"));
    expect(reminderDates(world.caseworker.id)).toEqual([]);
    expect(reminderDates(world.teamSupervisor.id)).toEqual(["2027-01-22"]);
    expect(reminderDates(world.otherSupervisor.id)).toEqual([]);
  });
});

describe("catching up after downtime", () => {
  it("sends only the latest offset missed, once, then carries on", () => {
    startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    expect(enqueueDueReminders(db, noonOn("2026-12-18"))).toEqual({ reminders: 0, escalations: 0 });
    // Down from 18 December to 31 January: the 10-, 5- and 2-day points all passed unseen.
    expect(enqueueDueReminders(db, noonOn("2027-01-31"))).toEqual({ reminders: 1, escalations: 0 });
    expect(enqueueDueReminders(db, noonOn("2027-01-31"))).toEqual({ reminders: 0, escalations: 0 });
    const [caughtUp] = notificationsFor(db, world.caseworker.id, REMINDER_KIND);
    expect(caughtUp).toMatchObject({ title: "IPC-2026-000042: Case-to-answer determination is due in 1 day" });
    expect(caughtUp?.body).toBe("Case-to-answer determination on IPC-2026-000042 (Reward-model training copied) is due on Monday 1 February 2027, by 11:59pm UK time. 1 day of the period remains.");
    expect(db.select({ offset: deadlineReminders.offsetDays }).from(deadlineReminders).all()).toEqual([{ offset: 2 }]);
    enqueueDueReminders(db, noonOn("2027-02-01"));
    expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-31", "2027-02-01"]);
  });

  it("an extension moves the due date, and the reminders start again for the new one", () => {
    const deadline = startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    walk("2026-12-18", "2027-01-27");
    expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-22", "2027-01-27"]);
    extendDeadline(testCtx(db, world.teamSupervisor, noonOn("2027-01-27")), { deadlineId: deadline.id, days: 10, reason: "Complex evidence" });
    walk("2027-01-28", "2027-02-11");
    // Due 11 February now: 10 days left on the 1st, 5 on the 6th, 2 on the 9th, due on the 11th.
    expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-22", "2027-01-27", "2027-02-01", "2027-02-06", "2027-02-09", "2027-02-11"]);
  });
});

describe("a missed deadline", () => {
  it("is escalated once to the team's supervisors when its last second has passed, and stays overdue", () => {
    const deadline = startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    // 23:59:59 on 1 February 2027 in London (GMT) is still in time.
    expect(enqueueDueReminders(db, new Date("2027-02-01T23:59:59.000Z"))).toEqual({ reminders: 1, escalations: 0 });
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()?.status).toBe("running");

    expect(enqueueDueReminders(db, new Date("2027-02-02T00:00:00.000Z"))).toEqual({ reminders: 0, escalations: 1 });
    expect(enqueueDueReminders(db, noonOn("2027-02-02"))).toEqual({ reminders: 0, escalations: 0 });
    expect(enqueueDueReminders(db, noonOn("2027-02-09"))).toEqual({ reminders: 0, escalations: 0 });

    // Still running and overdue: the decision is still owed, and the overdue views must show it.
    // The act that finally comes closes it as missed.
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()).toMatchObject({ status: "running", completedAt: null });
    expect(db.select().from(clockEvents).where(and(eq(clockEvents.deadlineId, deadline.id), eq(clockEvents.kind, "missed"))).all()).toEqual([]);
    const [escalation, ...more] = notificationsFor(db, world.teamSupervisor.id, ESCALATION_KIND);
    expect(more).toEqual([]);
    expect(escalation).toMatchObject({ title: "IPC-2026-000042: Case-to-answer determination deadline missed", link: `/cases/${world.caseId}` });
    expect(escalation?.body).toContain("assigned to Test caseworker");
    expect(notificationsFor(db, world.otherSupervisor.id, ESCALATION_KIND)).toEqual([]);
    expect(notificationsFor(db, world.caseworker.id, ESCALATION_KIND)).toEqual([]);
    expect(db.select().from(deadlineReminders).where(eq(deadlineReminders.kind, "escalation")).all()).toMatchObject([{ offsetDays: -1, recipientId: world.teamSupervisor.id, dueOn: "2027-02-01" }]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("a scheduler that was down through the due date escalates without a stale reminder", () => {
    startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    expect(enqueueDueReminders(db, noonOn("2027-02-03"))).toEqual({ reminders: 0, escalations: 1 });
    expect(reminderDates(world.caseworker.id)).toEqual([]);
  });
});

describe("two schedulers", () => {
  it("calls interleaved on two connections to one file still send each reminder once", () => {
    const second = openDatabase(file, { migrate: false });
    try {
      startTestDeadline(db, world, "case-to-answer", "2026-12-18");
      startTestDeadline(db, world, "information-response", "2027-01-04");
      let turn = 0;
      walk("2026-12-18", "2027-02-03", (date) => {
        const [a, b] = turn++ % 2 === 0 ? [db, second] : [second, db];
        enqueueDueReminders(a, noonOn(date));
        enqueueDueReminders(b, noonOn(date));
        enqueueDueReminders(a, new Date(`${date}T20:00:00Z`));
      });
      expect(reminderDates(world.caseworker.id)).toEqual(["2027-01-11", "2027-01-14", "2027-01-18", "2027-01-22", "2027-01-27", "2027-01-30", "2027-02-01"]);
      expect(reminderDates(world.complainant.id)).toEqual(["2027-01-11", "2027-01-14", "2027-01-18"]);
      // The information response expired on 18 January and the case-to-answer on 1 February.
      expect(notificationsFor(db, world.teamSupervisor.id, ESCALATION_KIND).map((n) => londonDateOf(new Date(n.createdAt)))).toEqual(["2027-01-19", "2027-02-02"]);
    } finally {
      second.$client.close();
    }
  });

  it("two processes racing over the same days claim each reminder once", async () => {
    const deadlineIds = ["2026-12-18", "2026-12-19", "2026-12-20", "2026-12-21", "2026-12-22", "2026-12-23"].map((startOn) => startTestDeadline(db, world, "case-to-answer", startOn).id);
    // Long enough for both children to load before either starts.
    const startAt = Date.now() + 8000;
    const child = () =>
      new Promise<string>((resolve, reject) => {
        const proc = spawn(path.join(process.cwd(), "node_modules/.bin/tsx"), [path.join(__dirname, "race-child.fixture.ts"), file, "2027-01-20", "2027-02-12", String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        proc.stdout.on("data", (chunk) => (output += chunk));
        proc.stderr.on("data", (chunk) => (output += chunk));
        proc.on("error", reject);
        proc.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`race child exited ${code}: ${output}`))));
      });
    const outputs = await Promise.all([child(), child()]);
    const totals = outputs.map((o) => JSON.parse(o.trim().split("\n").at(-1)!) as { reminders: number; escalations: number });
    const reminders = db.select().from(deadlineReminders).all();
    expect(totals[0]!.reminders + totals[1]!.reminders).toBe(reminders.filter((r) => r.kind === "reminder").length);
    expect(totals[0]!.escalations + totals[1]!.escalations).toBe(deadlineIds.length);
    for (const deadlineId of deadlineIds) {
      const offsets = reminders.filter((r) => r.deadlineId === deadlineId && r.kind === "reminder").map((r) => r.offsetDays);
      expect(new Set(offsets).size).toBe(offsets.length);
    }
    // One notification per claim: the loser of each race sent nothing.
    const sent = db.select().from(notifications).all();
    expect(sent).toHaveLength(reminders.length);
    expect(new Set(sent.map((n) => n.id))).toEqual(new Set(reminders.map((r) => r.notificationId)));
    expect(db.select().from(deadlines).all().every((d) => d.status === "running")).toBe(true);
    expect(verifyAuditChain(db).ok).toBe(true);
  }, 60_000);
});
