import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailOutbox, notificationPreferences, notifications, type EmailMode } from "@/db/schema";
import { createTestDb, makeUser } from "@/db/testing";
import type { Actor } from "../context";
import { londonDateOf } from "../deadlines/london-date";
import { notifyUser } from "./notify";
import { DIGEST_SUBJECT_PREFIX, digestCutoff, prepareNotificationEmails } from "./prepare-emails";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
const BASE = "https://casework.example.test";

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

const KIND = "case.assigned";
const prepare = (now: string | Date, limit?: number) => prepareNotificationEmails(db, new Date(now), { baseUrl: BASE, limit });

function choose(user: Actor, mode: EmailMode, kind = KIND): void {
  db.insert(notificationPreferences).values({ userId: user.id, kind, emailMode: mode, updatedAt: "2026-01-01T00:00:00.000Z" }).run();
}

function notify(user: Actor, now: string | Date, title = "IPC-2026-000001: assigned to you", options: { kind?: string; link?: string | null; body?: string } = {}): string {
  return db.transaction((tx) =>
    notifyUser(tx, { now: new Date(now) }, { userId: user.id, kind: options.kind ?? KIND, title, body: options.body ?? "Priya Raman has assigned IPC-2026-000001 to you.", link: options.link === undefined ? "/cases/c1" : options.link }),
  );
}

const mailTo = (user: Actor) => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email)).orderBy(mailOutbox.createdAt).all();
const digestsTo = (user: Actor) => mailTo(user).filter((m) => m.subject.startsWith(DIGEST_SUBJECT_PREFIX));
const emailedAt = (id: string) => db.select().from(notifications).where(eq(notifications.id, id)).get()!.emailedAt;

describe("digestCutoff", () => {
  it.each([
    // Winter (GMT): 07:00 London is 07:00 UTC.
    ["2026-11-22T06:59:59.000Z", null],
    ["2026-11-22T07:00:00.000Z", "2026-11-22T07:00:00.000Z"],
    ["2026-11-22T23:30:00.000Z", "2026-11-22T07:00:00.000Z"],
    // Summer (BST): 07:00 London is 06:00 UTC.
    ["2026-07-01T05:59:00.000Z", null],
    ["2026-07-01T06:00:00.000Z", "2026-07-01T06:00:00.000Z"],
    // 23:30 UTC in summer is already the next London day, before its 07:00.
    ["2026-07-01T23:30:00.000Z", null],
    // The spring change (28 March 2027, clocks go forward at 01:00 UTC): 07:00 BST = 06:00 UTC.
    ["2027-03-28T05:59:00.000Z", null],
    ["2027-03-28T06:00:00.000Z", "2027-03-28T06:00:00.000Z"],
    // The autumn change (25 October 2026, clocks go back at 01:00 UTC): 07:00 GMT = 07:00 UTC.
    ["2026-10-25T06:30:00.000Z", null],
    ["2026-10-25T07:00:00.000Z", "2026-10-25T07:00:00.000Z"],
    ["2026-10-24T06:00:00.000Z", "2026-10-24T06:00:00.000Z"],
  ])("at %s is %s", (now, expected) => {
    expect(digestCutoff(new Date(now))?.toISOString() ?? null).toBe(expected);
  });
});

describe("prepareNotificationEmails", () => {
  beforeEach(() => {
    // Each test starts with nothing waiting from the one before.
    db.update(notifications).set({ emailedAt: "2000-01-01T00:00:00.000Z" }).where(isNull(notifications.emailedAt)).run();
  });

  it("mails a notification straight away by default, once, linking to the thing in the service", () => {
    const user = makeUser(db, "caseworker");
    const id = notify(user, "2026-11-22T10:00:00.000Z");
    expect(emailedAt(id)).toBeNull();
    expect(prepare("2026-11-22T10:00:05.000Z")).toBe(1);
    const [mail, ...more] = mailTo(user);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ subject: "IPC-2026-000001: assigned to you", status: "queued", createdAt: "2026-11-22T10:00:05.000Z" });
    expect(mail!.body).toContain("Dear Test caseworker,");
    expect(mail!.body).toContain("Priya Raman has assigned IPC-2026-000001 to you.");
    expect(mail!.body).toContain(`${BASE}/cases/c1`);
    expect(mail!.body).toContain(`${BASE}/notifications/settings`);
    expect(emailedAt(id)).toBe("2026-11-22T10:00:05.000Z");
    expect(prepare("2026-11-22T10:01:00.000Z")).toBe(0);
    expect(mailTo(user)).toHaveLength(1);
  });

  it("never puts a stored link that leaves the service in a mail", () => {
    const user = makeUser(db, "caseworker");
    notify(user, "2026-11-22T10:00:00.000Z", "Odd", { link: "//evil.example/x" });
    prepare("2026-11-22T10:00:05.000Z");
    const body = mailTo(user)[0]!.body;
    expect(body).not.toContain("evil.example");
    expect(body).toContain(`${BASE}/notifications`);
  });

  it("sends nothing for a kind the user chose not to be emailed about, and does not look at it again", () => {
    const user = makeUser(db, "caseworker");
    choose(user, "none");
    const id = notify(user, "2026-11-22T10:00:00.000Z");
    const other = notify(user, "2026-11-22T10:00:00.000Z", "Reassigned", { kind: "case.reassigned" });
    expect(prepare("2026-11-22T10:00:05.000Z")).toBe(1);
    expect(mailTo(user).map((m) => m.subject)).toEqual(["Reassigned"]);
    expect(emailedAt(id)).not.toBeNull();
    expect(emailedAt(other)).not.toBeNull();
  });

  it("sends nothing to a disabled account", () => {
    const user = makeUser(db, "caseworker", { disabled: true });
    const id = notify(user, "2026-11-22T10:00:00.000Z");
    expect(prepare("2026-11-22T10:00:05.000Z")).toBe(0);
    expect(mailTo(user)).toEqual([]);
    expect(emailedAt(id)).not.toBeNull();
  });

  it("is bounded per call and drains a backlog over several", () => {
    const user = makeUser(db, "caseworker");
    for (let i = 0; i < 5; i++) notify(user, `2026-11-22T10:0${i}:00.000Z`, `Notice ${i}`);
    expect(prepare("2026-11-22T11:00:00.000Z", 2)).toBe(2);
    expect(mailTo(user).map((m) => m.subject)).toEqual(["Notice 0", "Notice 1"]);
    expect(prepare("2026-11-22T11:00:00.000Z", 2)).toBe(2);
    expect(prepare("2026-11-22T11:00:00.000Z", 2)).toBe(1);
    expect(prepare("2026-11-22T11:00:00.000Z", 2)).toBe(0);
    expect(mailTo(user)).toHaveLength(5);
  });

  it("does not let notifications waiting for a summary hold up ones that are due now", () => {
    const waiting = makeUser(db, "caseworker");
    choose(waiting, "digest");
    for (let i = 0; i < 3; i++) notify(waiting, `2026-11-22T10:0${i}:00.000Z`);
    const now = makeUser(db, "caseworker");
    notify(now, "2026-11-22T10:05:00.000Z");
    expect(prepare("2026-11-22T10:10:00.000Z", 2)).toBe(1);
    expect(mailTo(now)).toHaveLength(1);
    expect(mailTo(waiting)).toEqual([]);
  });

  describe("daily summaries", () => {
    it("go out once a day from 07:00 UK time, listing what arrived before then", () => {
      const user = makeUser(db, "caseworker");
      choose(user, "digest");
      const first = notify(user, "2026-11-22T10:00:00.000Z", "IPC-2026-000001: assigned to you");
      const second = notify(user, "2026-11-22T15:00:00.000Z", "IPC-2026-000002: assigned to you");
      expect(prepare("2026-11-22T15:00:05.000Z")).toBe(0);
      expect(prepare("2026-11-23T06:59:00.000Z")).toBe(0);
      expect(digestsTo(user)).toEqual([]);

      expect(prepare("2026-11-23T07:00:00.000Z")).toBe(1);
      const [digest] = digestsTo(user);
      expect(digest!.subject).toBe(`${DIGEST_SUBJECT_PREFIX}: 2 notifications`);
      expect(digest!.body).toContain("IPC-2026-000001: assigned to you");
      expect(digest!.body).toContain("IPC-2026-000002: assigned to you");
      expect(digest!.body).toContain("22 November 2026, 10:00am");
      expect(digest!.body).toContain(`${BASE}/cases/c1`);
      expect(emailedAt(first)).toBe("2026-11-23T07:00:00.000Z");
      expect(emailedAt(second)).toBe("2026-11-23T07:00:00.000Z");

      // Later the same day: one arriving after 07:00 waits for tomorrow's summary.
      const third = notify(user, "2026-11-23T08:00:00.000Z", "IPC-2026-000003: assigned to you");
      expect(prepare("2026-11-23T07:15:00.000Z")).toBe(0);
      expect(prepare("2026-11-23T21:00:00.000Z")).toBe(0);
      expect(digestsTo(user)).toHaveLength(1);
      expect(prepare("2026-11-24T07:00:30.000Z")).toBe(1);
      expect(digestsTo(user)).toHaveLength(2);
      expect(digestsTo(user)[1]!.subject).toBe(`${DIGEST_SUBJECT_PREFIX}: 1 notification`);
      expect(emailedAt(third)).not.toBeNull();
    });

    it("never send two on one day, even for a notification dated before 07:00 that is written after the summary", () => {
      const user = makeUser(db, "caseworker");
      choose(user, "digest");
      notify(user, "2026-11-22T12:00:00.000Z");
      expect(prepare("2026-11-23T07:00:00.000Z")).toBe(1);
      const straggler = notify(user, "2026-11-23T06:59:59.000Z");
      expect(prepare("2026-11-23T07:01:00.000Z")).toBe(0);
      expect(emailedAt(straggler)).toBeNull();
      expect(prepare("2026-11-24T07:00:00.000Z")).toBe(1);
      expect(emailedAt(straggler)).not.toBeNull();
    });

    it("mix only the kinds chosen for a summary; the rest go straight away", () => {
      const user = makeUser(db, "caseworker");
      choose(user, "digest");
      notify(user, "2026-11-22T10:00:00.000Z", "Summarised");
      notify(user, "2026-11-22T10:00:00.000Z", "Straight away", { kind: "case.reassigned" });
      expect(prepare("2026-11-22T10:00:01.000Z")).toBe(1);
      expect(mailTo(user).map((m) => m.subject)).toEqual(["Straight away"]);
      expect(prepare("2026-11-23T07:00:00.000Z")).toBe(1);
      expect(digestsTo(user)[0]!.body).toContain("Summarised");
      expect(digestsTo(user)[0]!.body).not.toContain("Straight away");
    });

    it("come at 07:00 London time, once each day, across both clock changes", () => {
      const user = makeUser(db, "caseworker");
      choose(user, "digest");
      const created: string[] = [];
      // Ticks every 15 minutes over the autumn change (25 October 2026) and the spring one (28 March 2027),
      // with a notification every 5 hours.
      for (const [start, end] of [
        ["2026-10-22T00:00:00.000Z", "2026-10-28T00:00:00.000Z"],
        ["2027-03-25T00:00:00.000Z", "2027-03-31T00:00:00.000Z"],
      ] as const) {
        for (let t = Date.parse(start), i = 0; t < Date.parse(end); t += 15 * 60_000, i++) {
          if (i % 20 === 0) created.push(notify(user, new Date(t), `Notice ${created.length}`));
          prepare(new Date(t));
        }
      }
      const digests = digestsTo(user);
      const days = digests.map((d) => londonDateOf(new Date(d.createdAt)));
      expect(new Set(days).size).toBe(days.length);
      expect(days).toEqual([
        "2026-10-22",
        "2026-10-23",
        "2026-10-24",
        "2026-10-25",
        "2026-10-26",
        "2026-10-27",
        "2027-03-25",
        "2027-03-26",
        "2027-03-27",
        "2027-03-28",
        "2027-03-29",
        "2027-03-30",
      ]);
      const londonClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      for (const d of digests) expect(londonClock.format(new Date(d.createdAt))).toBe("07:00");
      // 25 October 2026 is GMT again (07:00 UTC); 28 March 2027 is BST (06:00 UTC).
      expect(digests.find((d) => londonDateOf(new Date(d.createdAt)) === "2026-10-25")!.createdAt).toBe("2026-10-25T07:00:00.000Z");
      expect(digests.find((d) => londonDateOf(new Date(d.createdAt)) === "2027-03-28")!.createdAt).toBe("2027-03-28T06:00:00.000Z");
      // Every notification is listed in exactly one summary, except those still waiting for the next.
      const listed = digests.reduce((sum, d) => sum + Number(/: (\d+) notifications?$/.exec(d.subject)![1]), 0);
      const waiting = db.select().from(notifications).where(and(eq(notifications.userId, user.id), isNull(notifications.emailedAt))).all().length;
      expect(listed + waiting).toBe(created.length);
      expect(waiting).toBeGreaterThan(0);
    });

    it("list at most 50 in full and point to the inbox for the rest", () => {
      const user = makeUser(db, "caseworker");
      choose(user, "digest");
      for (let i = 0; i < 53; i++) notify(user, new Date(Date.parse("2026-11-22T10:00:00.000Z") + i * 1000), `Notice ${i}`);
      expect(prepare("2026-11-23T07:00:00.000Z")).toBe(1);
      const [digest] = digestsTo(user);
      expect(digest!.subject).toBe(`${DIGEST_SUBJECT_PREFIX}: 53 notifications`);
      expect(digest!.body).toContain("Notice 49\n");
      expect(digest!.body).not.toContain("Notice 50\n");
      expect(digest!.body).toContain(`There are 3 more in your notifications: ${BASE}/notifications`);
      expect(db.select().from(notifications).where(and(eq(notifications.userId, user.id), isNull(notifications.emailedAt))).all()).toEqual([]);
    });
  });
});
