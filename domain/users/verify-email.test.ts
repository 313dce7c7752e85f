import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, emailTokens, mailOutbox, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { hashEmailToken } from "./email-tokens";
import { registerParty } from "./register-party";
import { MAX_VERIFICATION_RESENDS_PER_HOUR, resendVerificationEmail } from "./resend-verification-email";
import { verificationLinkState, verifyEmail } from "./verify-email";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(FIXED_NOW.getTime() + offsetMs);

/** Registers a party and returns their id and the token from the newest verification mail. */
async function register(email: string): Promise<{ userId: string; token: string }> {
  await registerParty(testCtx(db, null), { name: "Rosalind Achterberg", email, accountType: "party", organisationName: "Achterberg Legal LLP", password: "copper heron meadow tide", confirmPassword: "copper heron meadow tide" });
  const userId = db.select().from(users).where(eq(users.email, email)).get()!.id;
  return { userId, token: latestLinkFor(email) };
}

function latestLinkFor(email: string): string {
  const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).all();
  const tokens = mail.map((m) => /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(m.body)?.[1]).filter((t): t is string => Boolean(t));
  return tokens[0]!;
}

const userRow = (id: string) => db.select().from(users).where(eq(users.id, id)).get()!;
const tokenRow = (token: string) => db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashEmailToken(token))).get()!;
const auditFor = (action: string, userId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.subject, `user:${userId}`))).all();

describe("verifyEmail", () => {
  it("verifies the address once; looking at the link first does not use it", async () => {
    const { userId, token } = await register("verify.once@example.test");
    expect(verificationLinkState(testCtx(db, null, at(HOUR)), token)).toBe("usable");
    expect(tokenRow(token).usedAt).toBeNull();

    const result = verifyEmail(testCtx(db, null, at(HOUR)), { token });
    expect(result).toEqual({ userId, email: "verify.once@example.test" });
    expect(userRow(userId).emailVerifiedAt).toBe(at(HOUR).toISOString());
    expect(tokenRow(token).usedAt).toBe(at(HOUR).toISOString());
    const audit = auditFor("user.email_verified", userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(userId);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({ email: "verify.once@example.test", alreadyVerified: false });
  });

  it("refuses a link that has already been used, changing nothing", async () => {
    const { userId, token } = await register("verify.twice@example.test");
    verifyEmail(testCtx(db, null, at(HOUR)), { token });
    const error = thrown(() => verifyEmail(testCtx(db, null, at(2 * HOUR)), { token }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/already been used/);
    expect(verificationLinkState(testCtx(db, null, at(2 * HOUR)), token)).toBe("used");
    expect(userRow(userId).emailVerifiedAt).toBe(at(HOUR).toISOString());
    expect(auditFor("user.email_verified", userId)).toHaveLength(1);
  });

  it("refuses a link after 24 hours and leaves the account unverified", async () => {
    const { userId, token } = await register("verify.late@example.test");
    const late = at(24 * HOUR);
    expect(verificationLinkState(testCtx(db, null, at(24 * HOUR - 1000)), token)).toBe("usable");
    expect(verificationLinkState(testCtx(db, null, late), token)).toBe("expired");
    const error = thrown(() => verifyEmail(testCtx(db, null, late), { token }));
    expect(error.message).toMatch(/expired/);
    expect(userRow(userId).emailVerifiedAt).toBeNull();
    expect(tokenRow(token).usedAt).toBeNull();
    expect(auditFor("user.email_verified", userId)).toEqual([]);
  });

  it("treats a made-up or mangled token as unknown", () => {
    expect(verificationLinkState(testCtx(db, null), "not-a-real-token-but-long-enough-to-look-like-one")).toBe("unknown");
    expect(verificationLinkState(testCtx(db, null), "short")).toBe("unknown");
    expect(thrown(() => verifyEmail(testCtx(db, null), { token: undefined })).code).toBe("not_found");
  });
});

describe("resendVerificationEmail", () => {
  const actorFor = (userId: string): Actor => {
    const user = userRow(userId);
    return { id: user.id, email: user.email, name: user.name, role: user.role, team: null, organisationIds: [], emailVerified: user.emailVerifiedAt !== null };
  };

  it(`sends at most ${MAX_VERIFICATION_RESENDS_PER_HOUR} new links an hour, not counting the one sent on registration`, async () => {
    const { userId } = await register("resend@example.test");
    const actor = actorFor(userId);
    for (let i = 1; i <= MAX_VERIFICATION_RESENDS_PER_HOUR; i++) {
      expect(resendVerificationEmail(testCtx(db, actor, at(i * 60_000)))).toEqual({ email: "resend@example.test" });
    }
    const tokens = () => db.select().from(emailTokens).where(eq(emailTokens.userId, userId)).all();
    expect(tokens()).toHaveLength(1 + MAX_VERIFICATION_RESENDS_PER_HOUR);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "resend@example.test")).all()).toHaveLength(1 + MAX_VERIFICATION_RESENDS_PER_HOUR);
    expect(auditFor("user.verification_link_sent", userId)).toHaveLength(MAX_VERIFICATION_RESENDS_PER_HOUR);

    const limited = thrown(() => resendVerificationEmail(testCtx(db, actor, at(30 * 60_000))));
    expect(limited.code).toBe("rate_limited");
    expect(tokens()).toHaveLength(1 + MAX_VERIFICATION_RESENDS_PER_HOUR);

    // An hour after the first resend, one more is allowed, and its link works.
    resendVerificationEmail(testCtx(db, actor, at(HOUR + 61_000)));
    verifyEmail(testCtx(db, null, at(HOUR + 62_000)), { token: latestLinkFor("resend@example.test") });
    expect(userRow(userId).emailVerifiedAt).not.toBeNull();
  });

  it("refuses when the address is already verified, and the signed-out", async () => {
    const { userId, token } = await register("already@example.test");
    verifyEmail(testCtx(db, null), { token });
    expect(thrown(() => resendVerificationEmail(testCtx(db, actorFor(userId)))).code).toBe("conflict");
    expect(thrown(() => resendVerificationEmail(testCtx(db, null))).code).toBe("unauthenticated");
  });
});
