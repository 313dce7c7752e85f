import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, caseParties, cases, clockEvents, deadlines, organisationMembers, organisations, referenceCounters, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import { getCaseForActor } from "@/domain/access/case-access";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import type { Actor } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import { listCasesForActor } from "@/domain/cases/list-cases";
import { hasClearedConflicts } from "@/domain/cases/conflict-clearance";
import { authenticate } from "@/domain/users/authenticate";
import { DEMO_PASSWORD } from "./demo-data";
import { seedDemoData } from "./seed-demo";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let firstRun: { seeded: boolean };

const TABLES = { users, organisations, organisationMembers, cases, caseParties, auditEvents, referenceCounters } as const;

function counts(): Record<keyof typeof TABLES, number> {
  const result = {} as Record<keyof typeof TABLES, number>;
  for (const [name, table] of Object.entries(TABLES) as Array<[keyof typeof TABLES, (typeof TABLES)[keyof typeof TABLES]]>) {
    result[name] = db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
  }
  return result;
}

/** The Actor the app would build for a seeded account. */
function actorByEmail(email: string): Actor {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no seeded user ${email}`);
  const organisationIds = db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((r) => r.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, organisationIds, emailVerified: user.emailVerifiedAt !== null };
}

function caseIdByTitle(fragment: string): string {
  const row = db
    .select({ id: cases.id })
    .from(cases)
    .where(sql`${cases.title} like ${`%${fragment}%`}`)
    .get();
  if (!row) throw new Error(`no seeded case titled like ${fragment}`);
  return row.id;
}

function notFoundCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "visible";
}

beforeAll(async () => {
  testDb = createTestDb();
  db = testDb.db;
  firstRun = await seedDemoData(db, FIXED_NOW);
});

afterAll(() => testDb.close());

describe("seedDemoData", () => {
  it("reports that it seeded", () => {
    expect(firstRun).toEqual({ seeded: true });
  });

  it("creates the six demo accounts with the right roles", () => {
    const expected: Record<string, string> = {
      "caseworker@ipcasework.test": "caseworker",
      "supervisor@ipcasework.test": "supervisor",
      "admin@ipcasework.test": "admin",
      "complainant@ipcasework.test": "party",
      "respondent@ipcasework.test": "party",
      "amicus@ipcasework.test": "amicus",
    };
    for (const [email, role] of Object.entries(expected)) {
      const row = db.select().from(users).where(eq(users.email, email)).get();
      expect(row, email).toBeDefined();
      expect(row!.role, email).toBe(role);
      expect(row!.disabledAt, email).toBeNull();
      expect(row!.emailVerifiedAt, email).not.toBeNull();
      expect(row!.passwordHash, email).toMatch(/^\$argon2id\$/);
    }
  });

  it("lets a demo account sign in with the demo password", async () => {
    const complainant = actorByEmail("complainant@ipcasework.test");
    await expect(authenticate({ db, now: FIXED_NOW }, { email: "complainant@ipcasework.test", password: DEMO_PASSWORD, clientIp: "127.0.0.1" })).resolves.toEqual({ userId: complainant.id });
  });

  it("creates about twenty submitted cases across at least six statuses", () => {
    const all = db.select().from(cases).all();
    const nonDraft = all.filter((c) => c.status !== "draft");
    expect(nonDraft.length).toBeGreaterThanOrEqual(18);
    expect(nonDraft.length).toBeLessThanOrEqual(25);
    expect(new Set(nonDraft.map((c) => c.status)).size).toBeGreaterThanOrEqual(6);
    for (const c of nonDraft) expect(c.submittedAt, c.title).not.toBeNull();
    // Every submitted case has a complainant and a respondent; a draft has none until it is submitted.
    for (const c of all) {
      const roles = db.select({ role: caseParties.role }).from(caseParties).where(eq(caseParties.caseId, c.id)).all().map((r) => r.role).sort();
      expect(roles, c.title).toEqual(c.status === "draft" ? [] : ["complainant", "respondent"]);
    }
  });

  it("includes the flagship attention-head case, published and in assessment", () => {
    const flagship = db.select().from(cases).where(eq(cases.id, caseIdByTitle("attention-head configuration"))).get()!;
    expect(flagship.title).toMatch(/attention-head configuration/);
    expect(flagship.status).not.toBe("draft");
    expect(flagship.publishedAt).not.toBeNull();
  });

  it("gives every submitted case a unique IPC-YYYY-NNNNNN reference, numbered in order of arrival", () => {
    const rows = db.select({ reference: cases.reference, status: cases.status, submittedAt: cases.submittedAt }).from(cases).orderBy(asc(cases.submittedAt)).all();
    const submitted = rows.filter((r) => r.status !== "draft");
    const references = submitted.map((r) => r.reference);
    for (const reference of references) expect(reference).toMatch(/^IPC-\d{4}-\d{6}$/);
    expect(new Set(references).size).toBe(references.length);
    expect([...references].sort()).toEqual(references);
    for (const draft of rows.filter((r) => r.status === "draft")) expect(draft.reference).toBeNull();
  });

  it("leaves an audit chain that verifies: one event per user and case, one per clock event", () => {
    const c = counts();
    const clockEventCount = db.select({ n: sql<number>`count(*)` }).from(clockEvents).get()!.n;
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, checked: c.users + c.cases + clockEventCount });
  });

  it("starts the case-to-answer clock on every accepted case, and marks it met where a decision was made", () => {
    const accepted = db.select({ id: cases.id, acceptedOn: cases.acceptedOn, decision: cases.decision }).from(cases).all().filter((row) => row.acceptedOn !== null);
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    for (const row of accepted) {
      const clocks = db.select().from(deadlines).where(eq(deadlines.caseId, row.id)).all();
      expect(clocks).toHaveLength(1);
      expect(clocks[0]).toMatchObject({ ruleId: "case-to-answer", startOn: row.acceptedOn, length: 45, unit: "calendar", roll: "next-working-day", status: row.decision ? "met" : "running" });
    }
  });

  it("is a no-op the second time, leaving every table as it was", async () => {
    const before = counts();
    const head = verifyAuditChain(db);
    await expect(seedDemoData(db, new Date(FIXED_NOW.getTime() + 86_400_000))).resolves.toEqual({ seeded: false });
    expect(counts()).toEqual(before);
    expect(verifyAuditChain(db)).toEqual(head);
  });
});

describe("who sees what in the demo data", () => {
  it("shows the flagship case to the complainant's and the respondent's lawyers, on their own sides", () => {
    const flagshipId = caseIdByTitle("attention-head configuration");
    const complainant = actorByEmail("complainant@ipcasework.test");
    const respondent = actorByEmail("respondent@ipcasework.test");
    expect(getCaseForActor({ db, actor: complainant }, flagshipId).sides).toEqual(["complainant"]);
    expect(getCaseForActor({ db, actor: respondent }, flagshipId).sides).toEqual(["respondent"]);
    expect(getCaseForActor({ db, actor: actorByEmail("caseworker@ipcasework.test") }, flagshipId).case.id).toBe(flagshipId);
    expect(getCaseForActor({ db, actor: actorByEmail("amicus@ipcasework.test") }, flagshipId).case.id).toBe(flagshipId);
  });

  it("hides from the complainant a case in which neither Harrow & Vell nor Corvid is involved", () => {
    const complainant = actorByEmail("complainant@ipcasework.test");
    const harrow = db.select().from(organisations).where(eq(organisations.name, "Harrow & Vell LLP")).get()!;
    const corvid = db.select().from(organisations).where(eq(organisations.name, "Corvid Labs Ltd")).get()!;
    expect(complainant.organisationIds).toEqual([harrow.id]);

    const unrelated = db
      .select({ id: cases.id })
      .from(cases)
      .where(
        sql`${cases.status} <> 'draft' and not exists (select 1 from ${caseParties} where ${caseParties.caseId} = ${cases.id} and (${caseParties.organisationId} in (${harrow.id}, ${corvid.id}) or coalesce(${caseParties.representativeOrganisationId}, '') in (${harrow.id}, ${corvid.id})))`,
      )
      .all();
    expect(unrelated.length).toBeGreaterThan(0);
    for (const { id } of unrelated) expect(notFoundCode(() => getCaseForActor({ db, actor: complainant }, id))).toBe("not_found");
    // The specific case named in the demo script: Quillon against Larkspur.
    expect(notFoundCode(() => getCaseForActor({ db, actor: complainant }, caseIdByTitle("Recommendation-engine feature pipeline")))).toBe("not_found");
  });

  it("lists for the complainant exactly the cases Harrow & Vell acts in, plus their draft", () => {
    const complainant = actorByEmail("complainant@ipcasework.test");
    const harrowId = complainant.organisationIds[0]!;
    const listed = listCasesForActor(testCtx(db, complainant), { limit: 100 }).items;
    const expected = db
      .select({ id: cases.id })
      .from(cases)
      .where(
        sql`(${cases.status} <> 'draft' and exists (select 1 from ${caseParties} where ${caseParties.caseId} = ${cases.id} and (${caseParties.organisationId} = ${harrowId} or ${caseParties.representativeOrganisationId} = ${harrowId}))) or (${cases.status} = 'draft' and ${cases.createdBy} = ${complainant.id})`,
      )
      .all()
      .map((r) => r.id);
    expect(listed.map((i) => i.id).sort()).toEqual(expected.sort());
    expect(listed.some((i) => i.status === "draft")).toBe(true);
    expect(listed.some((i) => /attention-head/.test(i.title))).toBe(true);
  });

  it("shows the amicus only published cases and staff every submitted case but no draft", () => {
    const amicusList = listCasesForActor(testCtx(db, actorByEmail("amicus@ipcasework.test")), { limit: 100 }).items;
    const published = db.select({ id: cases.id }).from(cases).where(sql`${cases.publishedAt} is not null`).all();
    expect(amicusList.map((i) => i.id).sort()).toEqual(published.map((p) => p.id).sort());

    const staffList = listCasesForActor(testCtx(db, actorByEmail("caseworker@ipcasework.test")), { limit: 100 }).items;
    const nonDraft = db.select({ id: cases.id }).from(cases).where(sql`${cases.status} <> 'draft'`).all();
    expect(staffList).toHaveLength(nonDraft.length);
    expect(staffList.every((i) => i.status !== "draft")).toBe(true);
  });

  it("has each assigned case's caseworker cleared of conflicts, so the demo caseworker can triage at once", () => {
    const assigned = db.select({ id: cases.id, assignedTo: cases.assignedTo }).from(cases).where(sql`${cases.assignedTo} is not null`).all();
    expect(assigned.length).toBeGreaterThan(0);
    for (const row of assigned) expect(hasClearedConflicts(db, row.id, row.assignedTo!), row.id).toBe(true);
    const unassigned = db.select({ id: cases.id }).from(cases).where(sql`${cases.assignedTo} is null`).all();
    const caseworker = actorByEmail("caseworker@ipcasework.test");
    for (const row of unassigned) expect(hasClearedConflicts(db, row.id, caseworker.id)).toBe(false);
  });
});
