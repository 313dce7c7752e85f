import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, organisationMembers, userSessions, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import { verifyAuditChain } from "../audit/verify-chain";
import type { Actor } from "../context";
import { endSession, loadActorForSession, startSession } from "./sessions";
import { setUserDisabled } from "./set-user-disabled";

const HOUR = 3600;

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});

afterEach(() => testDb.close());

const auditActions = () => db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).all();
const at = (ms: number) => new Date(FIXED_NOW.getTime() + ms);

describe("sessions", () => {
  it("startSession + loadActorForSession rebuilds the actor with role and organisations", () => {
    const firm = makeOrganisation(db, "Firm LLP");
    const client = makeOrganisation(db, "Client Ltd");
    const user = makeUser(db, "party", { email: "lawyer@example.test", organisationIds: [firm, client] });
    const { sessionId, expiresAt } = startSession({ db, now: FIXED_NOW }, user.id, 8 * HOUR);
    expect(expiresAt.toISOString()).toBe("2026-11-22T18:00:00.000Z");

    const actor = loadActorForSession(db, { userId: user.id, sessionId }, at(1000));
    expect(actor).not.toBeNull();
    expect(actor).toMatchObject({ id: user.id, email: "lawyer@example.test", name: "Test party", role: "party", team: null, emailVerified: true });
    expect([...actor!.organisationIds].sort()).toEqual([firm, client].sort());

    const stored = db.select().from(userSessions).where(eq(userSessions.id, sessionId)).get();
    expect(stored).toMatchObject({ userId: user.id, createdAt: FIXED_NOW.toISOString(), expiresAt: "2026-11-22T18:00:00.000Z", revokedAt: null });
    const [signedIn] = auditActions();
    expect(signedIn).toMatchObject({ action: "user.signed_in", actorId: user.id, subject: `user:${user.id}` });
    expect(JSON.parse(signedIn!.data)).toEqual({ sessionId });
  });

  it("returns null after endSession, and ending twice records one sign-out", () => {
    const user = makeUser(db, "caseworker");
    const { sessionId } = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    endSession({ db, now: at(60_000) }, sessionId);
    expect(loadActorForSession(db, { userId: user.id, sessionId }, at(120_000))).toBeNull();
    expect(db.select().from(userSessions).where(eq(userSessions.id, sessionId)).get()?.revokedAt).toBe(at(60_000).toISOString());

    endSession({ db, now: at(90_000) }, sessionId);
    endSession({ db, now: at(90_000) }, "no-such-session");
    expect(auditActions().map((e) => e.action)).toEqual(["user.signed_in", "user.signed_out"]);
    expect(db.select().from(userSessions).where(eq(userSessions.id, sessionId)).get()?.revokedAt).toBe(at(60_000).toISOString());
  });

  it("ending one session leaves the user's other sessions open", () => {
    const user = makeUser(db, "caseworker");
    const laptop = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    const phone = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    endSession({ db, now: FIXED_NOW }, laptop.sessionId);
    expect(loadActorForSession(db, { userId: user.id, sessionId: laptop.sessionId }, FIXED_NOW)).toBeNull();
    expect(loadActorForSession(db, { userId: user.id, sessionId: phone.sessionId }, FIXED_NOW)?.id).toBe(user.id);
  });

  it("returns null once the session has expired", () => {
    const user = makeUser(db, "caseworker");
    const { sessionId, expiresAt } = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    expect(loadActorForSession(db, { userId: user.id, sessionId }, new Date(expiresAt.getTime() - 1))?.id).toBe(user.id);
    expect(loadActorForSession(db, { userId: user.id, sessionId }, expiresAt)).toBeNull();
    expect(loadActorForSession(db, { userId: user.id, sessionId }, new Date(expiresAt.getTime() + 24 * HOUR * 1000))).toBeNull();
  });

  it("returns null for a disabled user", () => {
    const user = makeUser(db, "caseworker");
    const { sessionId } = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    db.update(users).set({ disabledAt: FIXED_NOW.toISOString() }).where(eq(users.id, user.id)).run();
    expect(loadActorForSession(db, { userId: user.id, sessionId }, FIXED_NOW)).toBeNull();
  });

  it("returns null for an unknown session or one presented with another user's id", () => {
    const alice = makeUser(db, "caseworker");
    const bob = makeUser(db, "admin");
    const { sessionId } = startSession({ db, now: FIXED_NOW }, alice.id, HOUR);
    expect(loadActorForSession(db, { userId: bob.id, sessionId }, FIXED_NOW)).toBeNull();
    expect(loadActorForSession(db, { userId: alice.id, sessionId: "forged" }, FIXED_NOW)).toBeNull();
  });

  it("reflects role, email-verification and membership changes on the next load", () => {
    const org = makeOrganisation(db);
    const user = makeUser(db, "caseworker");
    const { sessionId } = startSession({ db, now: FIXED_NOW }, user.id, HOUR);
    expect(loadActorForSession(db, { userId: user.id, sessionId }, FIXED_NOW)?.role).toBe("caseworker");

    db.update(users).set({ role: "supervisor", team: "AI", emailVerifiedAt: null }).where(eq(users.id, user.id)).run();
    db.insert(organisationMembers).values({ organisationId: org, userId: user.id, joinedAt: FIXED_NOW.toISOString() }).run();
    expect(loadActorForSession(db, { userId: user.id, sessionId }, FIXED_NOW)).toMatchObject({ role: "supervisor", team: "AI", emailVerified: false, organisationIds: [org] });
  });
});

describe("setUserDisabled", () => {
  let admin: Actor;
  let target: Actor;

  beforeEach(() => {
    admin = makeUser(db, "admin", { email: "admin@example.test" });
    target = makeUser(db, "party", { email: "target@example.test" });
  });

  it("lets an admin disable an account, revoking its sessions and auditing it", () => {
    const first = startSession({ db, now: FIXED_NOW }, target.id, HOUR);
    const second = startSession({ db, now: FIXED_NOW }, target.id, HOUR);
    const adminSession = startSession({ db, now: FIXED_NOW }, admin.id, HOUR);
    const when = at(5 * 60_000);

    setUserDisabled(testCtx(db, admin, when), { userId: target.id, disabled: true, reason: "  Left the firm  " });

    const row = db.select().from(users).where(eq(users.id, target.id)).get();
    expect(row?.disabledAt).toBe(when.toISOString());
    expect(row?.updatedAt).toBe(when.toISOString());
    for (const { sessionId } of [first, second]) {
      expect(db.select().from(userSessions).where(eq(userSessions.id, sessionId)).get()?.revokedAt).toBe(when.toISOString());
      expect(loadActorForSession(db, { userId: target.id, sessionId }, when)).toBeNull();
    }
    // The admin's own session is untouched.
    expect(loadActorForSession(db, { userId: admin.id, sessionId: adminSession.sessionId }, when)?.id).toBe(admin.id);

    const disabled = auditActions().filter((e) => e.action === "user.disabled");
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({ actorId: admin.id, subject: `user:${target.id}`, at: when.toISOString() });
    expect(JSON.parse(disabled[0]!.data)).toEqual({ email: "target@example.test", reason: "Left the firm" });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("lets an admin re-enable an account, but revoked sessions stay revoked", () => {
    const { sessionId } = startSession({ db, now: FIXED_NOW }, target.id, HOUR);
    setUserDisabled(testCtx(db, admin), { userId: target.id, disabled: true, reason: "Suspicious activity" });
    setUserDisabled(testCtx(db, admin, at(60_000)), { userId: target.id, disabled: false, reason: "Cleared" });
    expect(db.select().from(users).where(eq(users.id, target.id)).get()?.disabledAt).toBeNull();
    expect(loadActorForSession(db, { userId: target.id, sessionId }, at(60_000))).toBeNull();
    expect(auditActions().map((e) => e.action)).toEqual(["user.signed_in", "user.disabled", "user.enabled"]);
  });

  it("answers non-admins with not_found and the public with unauthenticated, changing nothing", () => {
    for (const role of ["caseworker", "supervisor", "party", "amicus"] as const) {
      const actor = makeUser(db, role);
      const error = thrown(() => setUserDisabled(testCtx(db, actor), { userId: target.id, disabled: true, reason: "No" }));
      expect(error.code, role).toBe("not_found");
    }
    expect(thrown(() => setUserDisabled(testCtx(db, null), { userId: target.id, disabled: true, reason: "No" })).code).toBe("unauthenticated");
    expect(db.select().from(users).where(eq(users.id, target.id)).get()?.disabledAt).toBeNull();
    expect(auditActions()).toHaveLength(0);
  });

  it("does not let an admin disable their own account", () => {
    const error = thrown(() => setUserDisabled(testCtx(db, admin), { userId: admin.id, disabled: true, reason: "Testing" }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.reason).toBeDefined();
    expect(db.select().from(users).where(eq(users.id, admin.id)).get()?.disabledAt).toBeNull();
  });

  it("reports a conflict when disabling twice or enabling an active account", () => {
    setUserDisabled(testCtx(db, admin), { userId: target.id, disabled: true, reason: "First" });
    const twice = thrown(() => setUserDisabled(testCtx(db, admin, at(1000)), { userId: target.id, disabled: true, reason: "Second" }));
    expect(twice.code).toBe("conflict");
    // The first disabling time is kept, and only one audit event was written.
    expect(db.select().from(users).where(eq(users.id, target.id)).get()?.disabledAt).toBe(FIXED_NOW.toISOString());
    expect(auditActions().map((e) => e.action)).toEqual(["user.disabled"]);

    const other = makeUser(db, "caseworker");
    expect(thrown(() => setUserDisabled(testCtx(db, admin), { userId: other.id, disabled: false, reason: "Already on" })).code).toBe("conflict");
  });

  it("reports not_found for an unknown user and invalid for a missing reason", () => {
    expect(thrown(() => setUserDisabled(testCtx(db, admin), { userId: "no-such-user", disabled: true, reason: "Gone" })).code).toBe("not_found");
    const noReason = thrown(() => setUserDisabled(testCtx(db, admin), { userId: target.id, disabled: true, reason: "   " }));
    expect(noReason.code).toBe("invalid");
    expect(noReason.fieldErrors.reason).toBe("Enter a reason");
    expect(db.select().from(users).where(eq(users.id, target.id)).get()?.disabledAt).toBeNull();
  });
});
