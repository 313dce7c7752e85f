import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, caseParties, cases, emailTokens, mailOutbox, organisationMembers, organisations, users, type CaseStatus } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { getCaseForActor } from "../access/case-access";
import { hashEmailToken } from "../users/email-tokens";
import { registerParty } from "../users/register-party";
import { loadActorForSession, startSession } from "../users/sessions";
import { describeInvitation, inviteRepresentative } from "./invite-representative";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let caseworker: Actor;
let complainantLawyer: Actor;
let complainantOrg: string;
let complainantFirm: string;
let respondentOrg: string;

const DAY = 24 * 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(FIXED_NOW.getTime() + offsetMs);

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  complainantOrg = makeOrganisation(db, "Corvid Labs Ltd");
  complainantFirm = makeOrganisation(db, "Harrow & Vell LLP");
  respondentOrg = makeOrganisation(db, "Meridian Cloud Systems Pte Ltd");
  caseworker = makeUser(db, "caseworker");
  complainantLawyer = makeUser(db, "party", { organisationIds: [complainantFirm] });
});
afterAll(() => testDb.close());

function makeCase(options: { status?: CaseStatus; respondentRep?: string | null; respondent?: boolean } = {}): string {
  const id = newId();
  const stamp = FIXED_NOW.toISOString();
  db.insert(cases)
    .values({ id, reference: `IPC-2026-${id.slice(0, 6)}`, status: options.status ?? "in_triage", title: "Copied reward model", complaint: {}, ipRights: ["trade_secret"], technologyTags: [], createdBy: complainantLawyer.id, submittedAt: stamp, createdAt: stamp, updatedAt: stamp })
    .run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrg, role: "complainant", representativeOrganisationId: complainantFirm, addedAt: stamp }).run();
  if (options.respondent !== false) {
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: respondentOrg, role: "respondent", representativeOrganisationId: options.respondentRep ?? null, addedAt: stamp }).run();
  }
  return id;
}

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but it succeeded");
}

function invitationLinkFor(email: string): string {
  const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all().at(-1)!;
  return /http:\/\/localhost:3000\/create-account\?invitation=([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
}

const register = (token: string, overrides: Record<string, string> = {}) =>
  registerParty(testCtx(db, null, at(DAY)), { name: "Daniel Reyes", email: "someone-else@example.test", password: "granite willow ember fjord", confirmPassword: "granite willow ember fjord", invitation: token, ...overrides });

const respondentRow = (caseId: string) => db.select().from(caseParties).where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, "respondent"))).get()!;
const userCount = () => db.select({ n: count() }).from(users).get()!.n;

describe("inviteRepresentative", () => {
  it("invites a named firm's solicitor, who registers straight into that firm and can then see the case", async () => {
    const caseId = makeCase();
    const result = inviteRepresentative(testCtx(db, caseworker), { caseId, email: " D.Reyes@Ostrander-Kemp.test ", organisationName: "Ostrander Kemp LLP" });
    expect(result.email).toBe("d.reyes@ostrander-kemp.test");
    expect(result.expiresAt).toBe(at(14 * DAY).toISOString());

    const token = invitationLinkFor("d.reyes@ostrander-kemp.test");
    const stored = db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashEmailToken(token))).get()!;
    const firm = db.select().from(organisations).where(eq(organisations.id, stored.organisationId!)).get()!;
    expect(firm).toMatchObject({ name: "Ostrander Kemp LLP", kind: "law_firm" });
    expect(stored).toMatchObject({ purpose: "case_invitation", email: "d.reyes@ostrander-kemp.test", caseId, createdBy: caseworker.id, usedAt: null, userId: null });
    // The firm is not the respondent's representative until someone accepts.
    expect(respondentRow(caseId).representativeOrganisationId).toBeNull();
    const invited = db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.representative_invited"), eq(auditEvents.caseId, caseId))).all();
    expect(invited).toHaveLength(1);
    expect(invited[0]!.actorId).toBe(caseworker.id);
    expect(JSON.parse(invited[0]!.data)).toMatchObject({ email: "d.reyes@ostrander-kemp.test", organisationId: firm.id, firmCreated: true });

    expect(describeInvitation(testCtx(db, null, at(DAY)), token)).toEqual({
      state: "usable",
      details: { email: "d.reyes@ostrander-kemp.test", caseReference: expect.stringMatching(/^IPC-2026-/), respondentName: "Meridian Cloud Systems Pte Ltd", firmName: "Ostrander Kemp LLP" },
    });

    const outcome = await register(token);
    const user = db.select().from(users).where(eq(users.email, "d.reyes@ostrander-kemp.test")).get()!;
    expect(outcome).toEqual({ kind: "joined_case", userId: user.id, caseId });
    // The address typed into the form is ignored: the invitation's address is the account's.
    expect(db.select().from(users).where(eq(users.email, "someone-else@example.test")).get()).toBeUndefined();
    expect(user).toMatchObject({ role: "party", emailVerifiedAt: at(DAY).toISOString() });
    expect(db.select().from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((m) => m.organisationId)).toEqual([firm.id]);
    expect(respondentRow(caseId).representativeOrganisationId).toBe(firm.id);
    expect(db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashEmailToken(token))).get()).toMatchObject({ usedAt: at(DAY).toISOString(), userId: user.id });
    // No verification mail: the invitation already proved the address.
    expect(db.select().from(emailTokens).where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "verify_email"))).all()).toEqual([]);

    const joined = db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.representative_joined"), eq(auditEvents.caseId, caseId))).all();
    expect(joined.map((e) => e.actorId)).toEqual([user.id]);
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.registered"), eq(auditEvents.subject, `user:${user.id}`))).all()).toHaveLength(1);

    const { sessionId } = startSession({ db, now: at(DAY) }, user.id, 3600);
    const actor = loadActorForSession(db, { userId: user.id, sessionId }, at(DAY))!;
    expect(actor.emailVerified).toBe(true);
    const seen = getCaseForActor({ db, actor }, caseId);
    expect(seen.case.id).toBe(caseId);
    expect(seen.sides).toEqual(["respondent"]);

    const reused = await rejection(register(token, { name: "Second Try" }));
    expect(reused.message).toMatch(/already been used/);
  });

  it("refuses an expired invitation and creates nothing", async () => {
    const caseId = makeCase();
    inviteRepresentative(testCtx(db, caseworker), { caseId, email: "late@quillon-law.test", organisationName: "Quillon Rechtsanwälte" });
    const token = invitationLinkFor("late@quillon-law.test");
    const before = userCount();
    expect(describeInvitation(testCtx(db, null, at(14 * DAY)), token)).toEqual({ state: "expired", details: null });
    const error = await rejection(registerParty(testCtx(db, null, at(14 * DAY)), { name: "Late Comer", password: "granite willow ember fjord", confirmPassword: "granite willow ember fjord", invitation: token }));
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/expired/);
    expect(userCount()).toBe(before);
    expect(respondentRow(caseId).representativeOrganisationId).toBeNull();
    expect(db.select().from(emailTokens).where(eq(emailTokens.tokenHash, hashEmailToken(token))).get()!.usedAt).toBeNull();
  });

  it("refuses an unknown invitation token", async () => {
    const error = await rejection(register("this-token-was-never-issued-by-the-service-at-all"));
    expect(error.message).toMatch(/not valid/);
  });

  it("uses the firm already acting for the respondent when no firm is named", async () => {
    const existingFirm = makeOrganisation(db, "Fenwick Tarn Solicitors");
    const caseId = makeCase({ respondentRep: existingFirm });
    expect(inviteRepresentative(testCtx(db, caseworker), { caseId, email: "colleague@fenwick.test", organisationName: "" }).firmName).toBe("Fenwick Tarn Solicitors");
    expect(inviteRepresentative(testCtx(db, caseworker), { caseId, email: "colleague2@fenwick.test", organisationName: "fenwick tarn solicitors" }).firmName).toBe("Fenwick Tarn Solicitors");
    await register(invitationLinkFor("colleague@fenwick.test"));
    const user = db.select().from(users).where(eq(users.email, "colleague@fenwick.test")).get()!;
    expect(db.select().from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((m) => m.organisationId)).toEqual([existingFirm]);
    expect(respondentRow(caseId).representativeOrganisationId).toBe(existingFirm);

    const other = thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId, email: "rival@elsewhere.test", organisationName: "Rival & Co" }));
    expect(other.fieldErrors.organisationName).toMatch(/Fenwick Tarn Solicitors already acts for the respondent/);
  });

  it("reuses the firm named by an earlier invitation on the same case", () => {
    const caseId = makeCase();
    inviteRepresentative(testCtx(db, caseworker), { caseId, email: "first@larkspur-law.test", organisationName: "Larkspur Law LLP" });
    inviteRepresentative(testCtx(db, caseworker), { caseId, email: "second@larkspur-law.test", organisationName: "LARKSPUR LAW LLP" });
    expect(db.select().from(organisations).where(eq(organisations.name, "Larkspur Law LLP")).all()).toHaveLength(1);
  });

  it("refuses the invitation if another firm took over before the invitee registered", async () => {
    const caseId = makeCase();
    inviteRepresentative(testCtx(db, caseworker), { caseId, email: "slow@tessaract-law.test", organisationName: "Tessaract Avocats" });
    const takenBy = makeOrganisation(db, "Brackenridge Legal");
    db.update(caseParties).set({ representativeOrganisationId: takenBy }).where(eq(caseParties.id, respondentRow(caseId).id)).run();
    const before = userCount();
    const error = await rejection(register(invitationLinkFor("slow@tessaract-law.test")));
    expect(error.code).toBe("conflict");
    expect(userCount()).toBe(before);
  });

  it("asks for a firm name, refuses addresses with accounts, closed cases and cases with no respondent", () => {
    const caseId = makeCase();
    expect(thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId, email: "x@example.test" })).fieldErrors).toEqual({ organisationName: "Enter the name of the firm acting for the respondent" });
    expect(thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId, email: "not-an-email", organisationName: "A LLP" })).fieldErrors.email).toMatch(/correct format/);
    expect(thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId, email: complainantLawyer.email.toUpperCase(), organisationName: "A LLP" })).fieldErrors.email).toMatch(/already an account/);
    expect(thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId: makeCase({ status: "closed" }), email: "x@example.test", organisationName: "A LLP" })).code).toBe("conflict");
    expect(thrown(() => inviteRepresentative(testCtx(db, caseworker), { caseId: makeCase({ respondent: false }), email: "x@example.test", organisationName: "A LLP" })).code).toBe("invalid");
    expect(db.select().from(emailTokens).where(eq(emailTokens.email, "x@example.test")).all()).toEqual([]);
  });

  it("is for staff who triage: parties and admins get not found", () => {
    const caseId = makeCase();
    for (const actor of [complainantLawyer, makeUser(db, "admin")]) {
      expect(thrown(() => inviteRepresentative(testCtx(db, actor), { caseId, email: "sneaky@example.test", organisationName: "Sneaky LLP" })).code).toBe("not_found");
    }
    expect(thrown(() => inviteRepresentative(testCtx(db, null), { caseId, email: "sneaky@example.test", organisationName: "Sneaky LLP" })).code).toBe("unauthenticated");
  });
});
