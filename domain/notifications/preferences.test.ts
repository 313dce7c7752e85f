import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, mailOutbox, notificationPreferences, notifications } from "@/db/schema";
import { createTestDb, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { NOTIFICATION_KINDS, notificationKindsFor } from "./kinds";
import { notifyUser } from "./notify";
import { emailModeFor, getEmailPreferences, saveEmailPreferences } from "./preferences";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

/** Every kind the role can receive, answered `mode`, with some answered differently. */
function answers(role: Actor["role"], mode: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(notificationKindsFor(role).map((k) => [k.kind, mode])), ...overrides };
}

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

describe("the catalogue of kinds", () => {
  it("names each kind once, with a label", () => {
    const kinds = NOTIFICATION_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of NOTIFICATION_KINDS) expect(k.label.length).toBeGreaterThan(5);
  });

  it("offers each role only what it can receive", () => {
    const party = notificationKindsFor("party").map((k) => k.kind);
    expect(party).toContain("case.accepted");
    expect(party).not.toContain("decision.proposed");
    expect(notificationKindsFor("supervisor").map((k) => k.kind)).toContain("decision.proposed");
    expect(notificationKindsFor("caseworker").map((k) => k.kind)).not.toContain("decision.proposed");
    expect(notificationKindsFor("amicus").length).toBeGreaterThan(0);
  });
});

describe("email preferences", () => {
  it("start as 'straight away' for every kind", () => {
    const user = makeUser(db, "party");
    const prefs = getEmailPreferences(testCtx(db, user));
    expect(prefs.map((p) => p.kind)).toEqual(notificationKindsFor("party").map((k) => k.kind));
    expect(new Set(prefs.map((p) => p.mode))).toEqual(new Set(["immediate"]));
  });

  it("save the user's choices, write only the changes, and audit them", () => {
    const user = makeUser(db, "party");
    const ctx = testCtx(db, user);
    expect(saveEmailPreferences(ctx, { modes: answers("party", "immediate", { "case.accepted": "digest", "evidence.filed": "none" }) })).toEqual({ changed: 2 });
    expect(emailModeFor(db, user.id, "case.accepted")).toBe("digest");
    expect(emailModeFor(db, user.id, "evidence.filed")).toBe("none");
    expect(emailModeFor(db, user.id, "case.rejected")).toBe("immediate");
    const byKind = Object.fromEntries(getEmailPreferences(ctx).map((p) => [p.kind, p.mode]));
    expect(byKind).toMatchObject({ "case.accepted": "digest", "evidence.filed": "none", "case.rejected": "immediate" });
    expect(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id)).all()).toHaveLength(2);

    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${user.id}`)).all();
    expect(audit.map((a) => a.action)).toEqual(["notification_preferences.changed"]);
    expect(JSON.parse(audit[0]!.data).changes).toEqual(
      expect.arrayContaining([
        { kind: "case.accepted", from: "immediate", to: "digest" },
        { kind: "evidence.filed", from: "immediate", to: "none" },
      ]),
    );

    // Saving the same answers again changes and audits nothing.
    expect(saveEmailPreferences(ctx, { modes: answers("party", "immediate", { "case.accepted": "digest", "evidence.filed": "none" }) })).toEqual({ changed: 0 });
    expect(db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${user.id}`)).all()).toHaveLength(1);

    // Changing back updates the same row.
    expect(saveEmailPreferences(ctx, { modes: answers("party", "immediate") })).toEqual({ changed: 2 });
    expect(emailModeFor(db, user.id, "case.accepted")).toBe("immediate");
  });

  it("are one person's: saving changes nobody else's", () => {
    const a = makeUser(db, "party");
    const b = makeUser(db, "party");
    saveEmailPreferences(testCtx(db, a), { modes: answers("party", "none") });
    expect(new Set(getEmailPreferences(testCtx(db, b)).map((p) => p.mode))).toEqual(new Set(["immediate"]));
  });

  it("refuse an unanswered question or an unknown mode, naming the field, and save nothing", () => {
    const user = makeUser(db, "party");
    const ctx = testCtx(db, user);
    const missing = answers("party", "digest");
    delete missing["case.accepted"];
    const error = thrown(() => saveEmailPreferences(ctx, { modes: { ...missing, "case.rejected": "sometimes" } }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors["case.accepted"]).toBe("Select how we should email you when a complaint is accepted");
    expect(error.fieldErrors["case.rejected"]).toMatch(/^Select how we should email you/);
    expect(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id)).all()).toEqual([]);
  });

  it("refuse kinds the user's role cannot receive", () => {
    const user = makeUser(db, "party");
    const error = thrown(() => saveEmailPreferences(testCtx(db, user), { modes: answers("party", "digest", { "decision.proposed": "none" }) }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors._form).toBeDefined();
  });

  it("need a signed-in user", () => {
    expect(thrown(() => getEmailPreferences(testCtx(db, null))).code).toBe("unauthenticated");
    expect(thrown(() => saveEmailPreferences(testCtx(db, null), { modes: {} })).code).toBe("unauthenticated");
  });
});

describe("notifyUser with a mail written by the verb", () => {
  const mailTo = (email: string) => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all();
  const send = (user: Actor, kind: string) =>
    db.transaction((tx) => notifyUser(tx, testCtx(db, null), { userId: user.id, kind, title: "Complaint accepted", body: "Accepted.", link: "/portal/cases/1", email: { subject: "IPC-1: Complaint accepted", body: "Dear you" } }));
  const emailedAt = (id: string) => db.select().from(notifications).where(eq(notifications.id, id)).get()!.emailedAt;

  it("queues it at once for someone who wants mail straight away, and marks the notification emailed", () => {
    const user = makeUser(db, "party");
    const id = send(user, "case.accepted");
    expect(mailTo(user.email).map((m) => m.subject)).toEqual(["IPC-1: Complaint accepted"]);
    expect(emailedAt(id)).not.toBeNull();
  });

  it("leaves it for the daily summary for someone who chose one", () => {
    const user = makeUser(db, "party");
    saveEmailPreferences(testCtx(db, user), { modes: answers("party", "immediate", { "case.accepted": "digest" }) });
    const id = send(user, "case.accepted");
    expect(mailTo(user.email)).toEqual([]);
    expect(emailedAt(id)).toBeNull();
  });

  it("sends nothing to someone who chose no email", () => {
    const user = makeUser(db, "party");
    saveEmailPreferences(testCtx(db, user), { modes: answers("party", "immediate", { "case.accepted": "none" }) });
    const id = send(user, "case.accepted");
    expect(mailTo(user.email)).toEqual([]);
    expect(emailedAt(id)).not.toBeNull();
  });

  it("sends nothing to a disabled account", () => {
    const user = makeUser(db, "party", { disabled: true });
    send(user, "case.accepted");
    expect(mailTo(user.email)).toEqual([]);
  });

  it("marks a notification emailed when the caller mailed it already", () => {
    const user = makeUser(db, "party");
    const id = db.transaction((tx) => notifyUser(tx, testCtx(db, null), { userId: user.id, kind: "case.accepted", title: "t", body: "b", emailed: true }));
    expect(emailedAt(id)).not.toBeNull();
    expect(mailTo(user.email)).toEqual([]);
  });
});
