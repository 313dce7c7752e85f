import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, notifications } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { verifyAuditChain } from "../audit/verify-chain";
import { safeInAppLink } from "./links";
import { listNotifications } from "./list-notifications";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "./mark-read";
import { notifyUser } from "./notify";
import { countUnreadNotifications } from "./unread-count";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let reader: Actor;
let other: Actor;

const MINUTE = 60_000;
const at = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * MINUTE);

function notify(user: Actor, minutes: number, overrides: { title?: string; link?: string | null } = {}): string {
  return db.transaction((tx) =>
    notifyUser(tx, { now: at(minutes) }, { userId: user.id, kind: "case.assigned", title: overrides.title ?? `Notice at ${minutes}`, body: "Body text", link: overrides.link === undefined ? "/cases/abc" : overrides.link, emailed: true }),
  );
}

const readAt = (id: string) => db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, id)).get()?.readAt;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  reader = makeUser(db, "party");
  other = makeUser(db, "caseworker");
});
afterAll(() => testDb.close());

describe("safeInAppLink", () => {
  it.each(["/cases/abc", "/portal/cases/abc?tab=evidence#x", "/notifications"])("accepts the in-app path %s", (link) => {
    expect(safeInAppLink(link)).toBe(link);
  });
  it.each([
    null,
    "",
    "cases/abc",
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /x",
    "javascript:alert(1)",
    "/cases/\u0000",
    `/${"a".repeat(2001)}`,
  ])("refuses %j", (link) => {
    expect(safeInAppLink(link)).toBeNull();
  });
});

describe("the inbox", () => {
  const mine: string[] = [];
  let theirs: string;

  beforeAll(() => {
    for (let i = 0; i < 7; i++) mine.push(notify(reader, i));
    // Two at the same instant: the id breaks the tie, so paging neither skips nor repeats one.
    mine.push(notify(reader, 6));
    theirs = notify(other, 3);
  });

  it("lists only the actor's own notifications, newest first, a bounded page at a time", () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = listNotifications(testCtx(db, reader), { after, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((n) => n.id));
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(mine));
    expect(seen).toHaveLength(mine.length);
    expect(seen).not.toContain(theirs);
    const times = seen.map((id) => db.select().from(notifications).where(eq(notifications.id, id)).get()!.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("shows the unread count for the actor alone", () => {
    expect(countUnreadNotifications(testCtx(db, reader))).toBe(mine.length);
    expect(countUnreadNotifications(testCtx(db, other))).toBe(1);
  });

  it("needs a signed-in actor", () => {
    expect(thrown(() => listNotifications(testCtx(db, null))).code).toBe("unauthenticated");
    expect(thrown(() => countUnreadNotifications(testCtx(db, null))).code).toBe("unauthenticated");
  });

  it("marks one as read, once, and audits it", () => {
    const id = mine[0]!;
    expect(markNotificationRead(testCtx(db, reader, at(100)), { notificationId: id })).toEqual({ changed: true });
    expect(readAt(id)).toBe(at(100).toISOString());
    expect(markNotificationRead(testCtx(db, reader, at(200)), { notificationId: id })).toEqual({ changed: false });
    expect(readAt(id)).toBe(at(100).toISOString());
    const audits = db.select().from(auditEvents).where(and(eq(auditEvents.action, "notification.read"), eq(auditEvents.subject, `notification:${id}`))).all();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBe(reader.id);
    expect(countUnreadNotifications(testCtx(db, reader))).toBe(mine.length - 1);
    expect(listNotifications(testCtx(db, reader)).items.find((n) => n.id === id)?.readAt).toBe(at(100).toISOString());
  });

  it("treats someone else's notification as not found, and leaves it unread", () => {
    expect(thrown(() => markNotificationRead(testCtx(db, reader), { notificationId: theirs })).code).toBe("not_found");
    expect(thrown(() => openNotification(testCtx(db, reader), { notificationId: theirs })).code).toBe("not_found");
    expect(thrown(() => markNotificationRead(testCtx(db, reader), { notificationId: "no-such-id" })).code).toBe("not_found");
    expect(readAt(theirs)).toBeNull();
  });

  it("marks all as read up to the moment the page was drawn, leaving later arrivals unread", () => {
    const late = notify(reader, 50);
    const result = markAllNotificationsRead(testCtx(db, reader, at(300)), { before: at(10).toISOString() });
    expect(result.count).toBe(mine.length - 1);
    expect(readAt(late)).toBeNull();
    expect(readAt(theirs)).toBeNull();
    expect(countUnreadNotifications(testCtx(db, reader))).toBe(1);
    expect(markAllNotificationsRead(testCtx(db, reader, at(301))).count).toBe(1);
    expect(markAllNotificationsRead(testCtx(db, reader, at(302))).count).toBe(0);
    expect(countUnreadNotifications(testCtx(db, reader))).toBe(0);
    expect(countUnreadNotifications(testCtx(db, other))).toBe(1);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "notification.all_read")).all()).toHaveLength(2);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("refuses a 'before' that is not a timestamp", () => {
    expect(thrown(() => markAllNotificationsRead(testCtx(db, reader), { before: "yesterday" })).code).toBe("invalid");
  });
});

describe("opening a notification's link", () => {
  it("marks it read and returns the in-app path", () => {
    const id = notify(reader, 400, { link: "/portal/cases/xyz" });
    expect(openNotification(testCtx(db, reader, at(401)), { notificationId: id })).toEqual({ link: "/portal/cases/xyz" });
    expect(readAt(id)).toBe(at(401).toISOString());
  });

  it.each(["https://evil.example/phish", "//evil.example", "/\\evil.example"])("refuses the stored link %s and leaves it unread", (link) => {
    const id = notify(reader, 500, { link });
    expect(thrown(() => openNotification(testCtx(db, reader), { notificationId: id })).code).toBe("invalid");
    expect(readAt(id)).toBeNull();
    // The inbox does not offer the link either.
    expect(listNotifications(testCtx(db, reader)).items.find((n) => n.id === id)?.link).toBeNull();
  });

  it("refuses a notification with no link", () => {
    const id = notify(reader, 600, { link: null });
    expect(thrown(() => openNotification(testCtx(db, reader), { notificationId: id })).code).toBe("invalid");
  });

  it("sends the signed-out to sign in, and an id that cannot exist to not found", () => {
    const id = notify(reader, 700);
    expect(thrown(() => openNotification(testCtx(db, null), { notificationId: id })).code).toBe("unauthenticated");
    expect(thrown(() => openNotification(testCtx(db, reader), { notificationId: "x".repeat(500) })).code).toBe("not_found");
    expect(readAt(id)).toBeNull();
  });
});
