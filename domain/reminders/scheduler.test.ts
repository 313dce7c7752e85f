import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { newId } from "../ids";
import type { MailTransport, OutgoingMail } from "../notifications/mail-transport";
import { runSchedulerTick, startScheduler, type TickResult } from "./scheduler";
import { noonOn, notificationsFor, seedReminderWorld, startTestDeadline } from "./test-fixtures";

let db: Db;
let close: () => void;

beforeEach(() => {
  ({ db, close } = createTestDb());
});
afterEach(() => close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowTransport(delayMs: number): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: "files",
    sent,
    async send(mail) {
      await sleep(delayMs);
      sent.push(mail);
    },
    close() {},
  };
}

function queueMails(count: number) {
  for (let i = 0; i < count; i++) db.insert(mailOutbox).values({ id: newId(), toAddress: `person${i}@example.test`, subject: `Message ${i}`, body: "Hello", status: "queued", createdAt: "2027-01-04T09:00:00.000Z" }).run();
}

describe("the scheduler", () => {
  it("enqueues reminders, turns them into mail and sends it, all in one tick", async () => {
    const world = seedReminderWorld(db);
    startTestDeadline(db, world, "case-to-answer", "2026-12-18");
    const transport = slowTransport(0);
    const result = await runSchedulerTick({ db, deliver: transport }, noonOn("2027-01-22"));
    expect(result).toMatchObject({ reminders: 1, escalations: 0, prepared: 1, delivered: 1, errors: [] });
    expect(transport.sent.map((m) => [m.toAddress, m.subject])).toEqual([["caseworker@reminders.test", "IPC-2026-000042: Case-to-answer determination is due in 10 days"]]);
    expect(notificationsFor(db, world.caseworker.id, "deadline.reminder")[0]?.emailedAt).not.toBeNull();
  });

  it("never starts a tick while the last is still sending, and stop waits for the one in progress", async () => {
    queueMails(4);
    const transport = slowTransport(40);
    let inTick = false;
    let overlapped = false;
    const ticks: TickResult[] = [];
    const stop = startScheduler({
      db,
      intervalMs: 1,
      now: () => {
        if (inTick) overlapped = true;
        inTick = true;
        return noonOn("2027-01-04");
      },
      deliver: transport,
      onTick: (tick) => {
        inTick = false;
        ticks.push(tick);
      },
    });
    await sleep(100); // inside the first tick's sends
    await stop();
    expect(overlapped).toBe(false);
    expect(transport.sent).toHaveLength(4);
    expect(ticks[0]).toMatchObject({ delivered: 4, errors: [] });
    const count = ticks.length;
    await sleep(30);
    expect(ticks).toHaveLength(count); // nothing runs after stop
  });

  it("logs a failing step and carries on with the next", async () => {
    queueMails(1);
    const logged: unknown[] = [];
    const transport = slowTransport(0);
    // The reminder query fails (its table is gone); the mail still goes.
    db.$client.exec("ALTER TABLE deadlines RENAME TO deadlines_elsewhere");
    const result = await runSchedulerTick({ db, deliver: transport, log: { error: (...args: unknown[]) => logged.push(args) } }, noonOn("2027-01-04"));
    expect(result.errors).toHaveLength(1);
    expect(String(result.errors[0])).toContain("no such table: deadlines");
    expect(result.delivered).toBe(1);
    expect(logged).toHaveLength(1);
  });
});
