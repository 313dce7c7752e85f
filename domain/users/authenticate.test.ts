import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, signInFailures } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, TEST_PASSWORD } from "@/db/testing";
import { verifyAuditChain } from "../audit/verify-chain";
import { DomainError } from "../errors";
import { authenticate } from "./authenticate";

const GENERIC_FAILURE = "The email address or password is not right. Check them and try again.";
const IP = "203.0.113.10";
const MINUTE = 60_000;

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});

afterEach(() => testDb.close());

const ctxAt = (now: Date = FIXED_NOW) => ({ db, now });
const later = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * MINUTE);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but authenticate succeeded");
}

describe("authenticate", () => {
  it("returns the user id for the right email and password", async () => {
    const user = makeUser(db, "caseworker", { email: "priya@example.test" });
    await expect(authenticate(ctxAt(), { email: "priya@example.test", password: TEST_PASSWORD, clientIp: IP })).resolves.toEqual({ userId: user.id });
  });

  it("ignores case and surrounding spaces in the email", async () => {
    const user = makeUser(db, "party", { email: "aisha@example.test" });
    await expect(authenticate(ctxAt(), { email: "  AISHA@Example.TEST ", password: TEST_PASSWORD, clientIp: IP })).resolves.toEqual({ userId: user.id });
  });

  it("gives a wrong password and an unknown account the same refusal", async () => {
    makeUser(db, "caseworker", { email: "known@example.test" });
    const wrongPassword = await rejection(authenticate(ctxAt(), { email: "known@example.test", password: "not the password", clientIp: IP }));
    const unknownAccount = await rejection(authenticate(ctxAt(), { email: "nobody@example.test", password: TEST_PASSWORD, clientIp: IP }));
    expect(wrongPassword.code).toBe("unauthenticated");
    expect(unknownAccount.code).toBe("unauthenticated");
    expect(wrongPassword.message).toBe(GENERIC_FAILURE);
    expect(unknownAccount.message).toBe(wrongPassword.message);
    expect(unknownAccount.fieldErrors).toEqual(wrongPassword.fieldErrors);
  });

  it("refuses a disabled account with the same answer, even with the right password", async () => {
    makeUser(db, "caseworker", { email: "gone@example.test", disabled: true });
    const error = await rejection(authenticate(ctxAt(), { email: "gone@example.test", password: TEST_PASSWORD, clientIp: IP }));
    expect(error.code).toBe("unauthenticated");
    expect(error.message).toBe(GENERIC_FAILURE);
  });

  it("does not accept the password with different case or padding", async () => {
    makeUser(db, "caseworker", { email: "strict@example.test" });
    const error = await rejection(authenticate(ctxAt(), { email: "strict@example.test", password: TEST_PASSWORD.toUpperCase(), clientIp: IP }));
    expect(error.code).toBe("unauthenticated");
  });

  it("records each failure as a user.sign_in_failed audit event, without the password", async () => {
    const user = makeUser(db, "caseworker", { email: "audited@example.test" });
    await rejection(authenticate(ctxAt(), { email: "Audited@example.test", password: "wrong-password-xyz", clientIp: IP }));
    await rejection(authenticate(ctxAt(later(1)), { email: "ghost@example.test", password: "wrong-password-xyz", clientIp: "198.51.100.1" }));
    await authenticate(ctxAt(later(2)), { email: "audited@example.test", password: TEST_PASSWORD, clientIp: IP });

    const events = db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).all();
    expect(events.map((e) => e.action)).toEqual(["user.sign_in_failed", "user.sign_in_failed"]);
    expect(events[0]).toMatchObject({ actorId: null, subject: `user:${user.id}`, at: FIXED_NOW.toISOString() });
    expect(JSON.parse(events[0]!.data)).toEqual({ email: "audited@example.test", clientIp: IP });
    expect(events[1]).toMatchObject({ actorId: null, subject: null });
    expect(JSON.parse(events[1]!.data)).toEqual({ email: "ghost@example.test", clientIp: "198.51.100.1" });
    for (const event of events) expect(event.data).not.toContain("wrong-password-xyz");
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: 2 });

    const failureKeys = db.select({ key: signInFailures.key }).from(signInFailures).all().map((r) => r.key).sort();
    expect(failureKeys).toEqual(["account:audited@example.test", "account:ghost@example.test", "ip:198.51.100.1", `ip:${IP}`].sort());
  });

  describe("rate limiting per account", () => {
    it("locks the account after 5 failures in 15 minutes, even against the right password", async () => {
      const user = makeUser(db, "caseworker", { email: "target@example.test" });
      for (let i = 0; i < 5; i += 1) {
        // Spread over different clients and spellings of the email, all within the window.
        const error = await rejection(authenticate(ctxAt(later(i)), { email: i % 2 ? "TARGET@example.test" : "target@example.test", password: `guess-${i}`, clientIp: `192.0.2.${i}` }));
        expect(error.code).toBe("unauthenticated");
      }
      const locked = await rejection(authenticate(ctxAt(later(5)), { email: "target@example.test", password: TEST_PASSWORD, clientIp: "192.0.2.200" }));
      expect(locked.code).toBe("rate_limited");
      expect(locked.message).toMatch(/15 minutes/);
      // A refused-while-locked attempt is not itself recorded as another failure.
      expect(db.select().from(signInFailures).where(eq(signInFailures.key, "account:target@example.test")).all()).toHaveLength(5);

      // Another account is unaffected.
      const other = makeUser(db, "caseworker", { email: "other@example.test" });
      await expect(authenticate(ctxAt(later(5)), { email: "other@example.test", password: TEST_PASSWORD, clientIp: "192.0.2.201" })).resolves.toEqual({ userId: other.id });
      expect(user.id).not.toBe(other.id);
    });

    it("stops counting failures once they are older than 15 minutes", async () => {
      const user = makeUser(db, "caseworker", { email: "patient@example.test" });
      for (let i = 0; i < 5; i += 1) await rejection(authenticate(ctxAt(), { email: "patient@example.test", password: "nope", clientIp: IP }));

      const stillLocked = await rejection(authenticate(ctxAt(later(14)), { email: "patient@example.test", password: TEST_PASSWORD, clientIp: "192.0.2.50" }));
      expect(stillLocked.code).toBe("rate_limited");

      const afterWindow = new Date(FIXED_NOW.getTime() + 15 * MINUTE + 1);
      await expect(authenticate(ctxAt(afterWindow), { email: "patient@example.test", password: TEST_PASSWORD, clientIp: "192.0.2.50" })).resolves.toEqual({ userId: user.id });
    });
  });

  describe("rate limiting per client address", () => {
    it("blocks an address after 20 failures across accounts, while other addresses still work", async () => {
      const user = makeUser(db, "party", { email: "honest@example.test" });
      const busyIp = "203.0.113.77";
      for (let i = 0; i < 20; i += 1) {
        const error = await rejection(authenticate(ctxAt(), { email: `guess${i}@example.test`, password: "password1", clientIp: busyIp }));
        expect(error.code).toBe("unauthenticated");
      }
      const blocked = await rejection(authenticate(ctxAt(), { email: "honest@example.test", password: TEST_PASSWORD, clientIp: busyIp }));
      expect(blocked.code).toBe("rate_limited");
      await expect(authenticate(ctxAt(), { email: "honest@example.test", password: TEST_PASSWORD, clientIp: "198.51.100.23" })).resolves.toEqual({ userId: user.id });
    });
  });

  describe("input validation", () => {
    it.each([
      ["empty", "", /Enter your email address/],
      ["only spaces", "   ", /Enter your email address/],
      ["malformed", "not-an-email", /correct format/],
      ["missing domain", "someone@", /correct format/],
      ["not a string", 42, /.+/],
    ])("rejects an email that is %s as invalid with a field error", async (_label, email, message) => {
      const error = await rejection(authenticate(ctxAt(), { email, password: TEST_PASSWORD, clientIp: IP }));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors.email).toMatch(message);
      // Bad input is not a failed sign-in attempt.
      expect(db.select().from(signInFailures).all()).toHaveLength(0);
      expect(db.select().from(auditEvents).all()).toHaveLength(0);
    });

    it("rejects an empty password as invalid", async () => {
      makeUser(db, "caseworker", { email: "p@example.test" });
      const error = await rejection(authenticate(ctxAt(), { email: "p@example.test", password: "", clientIp: IP }));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors.password).toBe("Enter your password");
    });
  });
});
