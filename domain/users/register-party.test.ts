import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, emailTokens, mailOutbox, organisationMembers, organisations, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import { DomainError } from "../errors";
import { hashEmailToken } from "./email-tokens";
import { verifyPassword } from "./passwords";
import { MAX_DUPLICATE_NOTICES_PER_HOUR, registerParty, type RegisterPartyInput } from "./register-party";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but the registration succeeded");
}

const tally = () => ({
  users: db.select({ n: count() }).from(users).get()!.n,
  organisations: db.select({ n: count() }).from(organisations).get()!.n,
  tokens: db.select({ n: count() }).from(emailTokens).get()!.n,
  mail: db.select({ n: count() }).from(mailOutbox).get()!.n,
});

const valid = (overrides: Partial<RegisterPartyInput> = {}): RegisterPartyInput => ({
  name: "Imogen Thrale",
  email: "imogen.thrale@thrale-partners.test",
  accountType: "party",
  organisationName: "Thrale & Partners LLP",
  password: "marble kettle orbit lantern",
  confirmPassword: "marble kettle orbit lantern",
  ...overrides,
});

describe("registerParty", () => {
  it("creates an unverified party user in a new law firm and mails a 24-hour verification link", async () => {
    const result = await registerParty(testCtx(db, null), valid({ email: "  Imogen.Thrale@Thrale-Partners.TEST " }));
    expect(result).toEqual({ kind: "check_email" });

    const user = db.select().from(users).where(eq(users.email, "imogen.thrale@thrale-partners.test")).get();
    expect(user).toMatchObject({ name: "Imogen Thrale", role: "party", emailVerifiedAt: null, disabledAt: null });
    expect(await verifyPassword(user!.passwordHash, "marble kettle orbit lantern")).toBe(true);

    const memberships = db.select({ org: organisations }).from(organisationMembers).innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId)).where(eq(organisationMembers.userId, user!.id)).all();
    expect(memberships.map((m) => [m.org.name, m.org.kind])).toEqual([["Thrale & Partners LLP", "law_firm"]]);

    const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user!.email)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Verify your email address for IP Casework");
    const token = /http:\/\/localhost:3000\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail[0]!.body)?.[1];
    expect(token).toBeDefined();

    const stored = db.select().from(emailTokens).where(eq(emailTokens.userId, user!.id)).all();
    expect(stored).toHaveLength(1);
    // Only the hash is stored: the token itself appears nowhere in the row.
    expect(stored[0]).toMatchObject({ tokenHash: hashEmailToken(token!), purpose: "verify_email", email: user!.email, createdBy: null, usedAt: null });
    expect(JSON.stringify(stored[0])).not.toContain(token!);
    expect(stored[0]!.expiresAt).toBe(new Date(FIXED_NOW.getTime() + 24 * 60 * 60 * 1000).toISOString());

    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "user.registered")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(user!.id);
    expect(audit[0]!.subject).toBe(`user:${user!.id}`);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({ email: user!.email, organisationName: "Thrale & Partners LLP", viaInvitation: false });
    expect(audit[0]!.data).not.toContain("marble");
  });

  it("refuses short, common and email-based passwords and creates nothing", async () => {
    const before = tally();
    const short = await rejection(registerParty(testCtx(db, null), valid({ email: "short@example.test", password: "tiny-pass", confirmPassword: "tiny-pass" })));
    expect(short.code).toBe("invalid");
    expect(short.fieldErrors.password).toBe("Password must be at least 12 characters");

    const common = await rejection(registerParty(testCtx(db, null), valid({ email: "common@example.test", password: "Password1234", confirmPassword: "Password1234" })));
    expect(common.fieldErrors.password).toMatch(/too common/);

    const ownEmail = await rejection(registerParty(testCtx(db, null), valid({ email: "ravensworth@example.test", password: "ravensworth-is-me", confirmPassword: "ravensworth-is-me" })));
    expect(ownEmail.fieldErrors.password).toMatch(/must not contain your email address/);
    expect(tally()).toEqual(before);
  });

  it("refuses a confirmation that does not match", async () => {
    const before = tally();
    const error = await rejection(registerParty(testCtx(db, null), valid({ email: "mismatch@example.test", confirmPassword: "marble kettle orbit lanterns" })));
    expect(error.fieldErrors).toEqual({ confirmPassword: "The passwords you entered do not match" });
    expect(tally()).toEqual(before);
  });

  it("reports every missing answer at once", async () => {
    const error = await rejection(registerParty(testCtx(db, null), { name: "", email: "", accountType: "party", organisationName: " ", password: "", confirmPassword: "" }));
    expect(error.fieldErrors).toEqual({
      name: "Enter your full name",
      email: "Enter your email address",
      organisationName: "Enter the name of your organisation",
      password: "Enter a password",
      confirmPassword: "Enter your password again",
    });
    // Until they say what the account is for, an empty organisation is not yet a mistake.
    const unchosen = await rejection(registerParty(testCtx(db, null), valid({ email: "unchosen@example.test", accountType: undefined, organisationName: "" })));
    expect(unchosen.fieldErrors).toEqual({ accountType: "Select what you will use this service for" });
    const forged = await rejection(registerParty(testCtx(db, null), valid({ email: "forged@example.test", accountType: "caseworker" })));
    expect(forged.fieldErrors).toEqual({ accountType: "Select what you will use this service for" });
    expect(db.select().from(users).where(eq(users.email, "forged@example.test")).get()).toBeUndefined();
    const badEmail = await rejection(registerParty(testCtx(db, null), valid({ email: "not an email" })));
    expect(badEmail.fieldErrors.email).toBe("Enter an email address in the correct format, like name@example.com");
  });

  it("answers a duplicate email exactly like a new one, mails the existing account, and creates nothing", async () => {
    const existing = makeUser(db, "party", { email: "established@ostrander.test" });
    const before = tally();
    const result = await registerParty(testCtx(db, null), valid({ email: "Established@Ostrander.test", name: "Someone Else", organisationName: "Impostor LLP" }));
    expect(result).toEqual({ kind: "check_email" });

    const after = tally();
    expect(after.users).toBe(before.users);
    expect(after.organisations).toBe(before.organisations);
    expect(after.tokens).toBe(before.tokens);
    expect(db.select().from(organisations).where(eq(organisations.name, "Impostor LLP")).all()).toEqual([]);

    const notice = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, existing.email)).all();
    expect(notice).toHaveLength(1);
    expect(notice[0]!.subject).toBe("Someone tried to create an IP Casework account with your email address");
    expect(notice[0]!.body).toContain("no new account was created");
    expect(notice[0]!.body).not.toMatch(/token=/);

    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "user.registration_duplicate")).all();
    expect(audit.map((a) => [a.subject, a.actorId])).toEqual([[`user:${existing.id}`, null]]);
  });

  it("mails an existing account about attempts a few times an hour at most, still answering every attempt the same way", async () => {
    const target = makeUser(db, "party", { email: "often-targeted@ostrander.test" });
    const notices = () => db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, target.email)).all().length;
    for (let attempt = 0; attempt < MAX_DUPLICATE_NOTICES_PER_HOUR + 3; attempt++) {
      expect(await registerParty(testCtx(db, null), valid({ email: target.email }))).toEqual({ kind: "check_email" });
    }
    expect(notices()).toBe(MAX_DUPLICATE_NOTICES_PER_HOUR);
    const anHourLater = new Date(FIXED_NOW.getTime() + 61 * 60 * 1000);
    await registerParty({ ...testCtx(db, null), now: anHourLater }, valid({ email: target.email }));
    expect(notices()).toBe(MAX_DUPLICATE_NOTICES_PER_HOUR + 1);
  });

  it("creates an unverified amicus applicant without an organisation when they name none", async () => {
    const before = tally();
    const result = await registerParty(testCtx(db, null), valid({ email: "wren.okafor@example.test", name: "Wren Okafor", accountType: "amicus", organisationName: "   " }));
    expect(result).toEqual({ kind: "check_email" });

    const user = db.select().from(users).where(eq(users.email, "wren.okafor@example.test")).get();
    expect(user).toMatchObject({ name: "Wren Okafor", role: "amicus", emailVerifiedAt: null });
    expect(db.select().from(organisationMembers).where(eq(organisationMembers.userId, user!.id)).all()).toEqual([]);
    expect(tally().organisations).toBe(before.organisations);
    // Verification works exactly as for a party: one link, mailed to the new address.
    const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user!.email)).all();
    expect(mail.map((m) => m.subject)).toEqual(["Verify your email address for IP Casework"]);
    expect(db.select().from(emailTokens).where(eq(emailTokens.userId, user!.id)).all()).toHaveLength(1);

    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `user:${user!.id}`)).all();
    expect(audit.map((a) => a.action)).toEqual(["user.registered"]);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({ role: "amicus", organisationId: null, organisationName: null, viaInvitation: false });
  });

  it("puts an amicus applicant who names an organisation into a new one of their own", async () => {
    await registerParty(testCtx(db, null), valid({ email: "p.lindqvist@open-models-forum.test", accountType: "amicus", organisationName: " Open Models Forum " }));
    const user = db.select().from(users).where(eq(users.email, "p.lindqvist@open-models-forum.test")).get();
    expect(user?.role).toBe("amicus");
    const memberships = db.select({ org: organisations }).from(organisationMembers).innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId)).where(eq(organisationMembers.userId, user!.id)).all();
    expect(memberships.map((m) => [m.org.name, m.org.kind])).toEqual([["Open Models Forum", "other"]]);

    const tooLong = await rejection(registerParty(testCtx(db, null), valid({ email: "long-org@example.test", accountType: "amicus", organisationName: "x".repeat(201) })));
    expect(tooLong.fieldErrors).toEqual({ organisationName: "Organisation name must be 200 characters or fewer" });
  });

  it("refuses someone who is already signed in", async () => {
    const signedIn = makeUser(db, "party");
    const error = await rejection(registerParty(testCtx(db, signedIn), valid({ email: "second-account@example.test" })));
    expect(error.code).toBe("forbidden");
    expect(db.select().from(users).where(eq(users.email, "second-account@example.test")).get()).toBeUndefined();
  });
});
