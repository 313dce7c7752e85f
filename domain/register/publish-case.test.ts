import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, cases, type CaseStatus } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx, thrown } from "@/db/testing";
import { publishCase } from "./publish-case";
import { makeRegisterWorld } from "./register-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeRegisterWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeRegisterWorld(db);
});
afterEach(() => testDb.close());

const SUMMARY = "The complainant says the respondent's model copies its published safety framework.";
const caseRow = (id: string) => db.select().from(cases).where(eq(cases.id, id)).get()!;
const auditFor = (caseId: string) => db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(auditEvents.seq).all();

describe("who may publish", () => {
  it("lets caseworkers and supervisors publish", () => {
    for (const actor of [world.people.caseworker, world.people.supervisor]) {
      const { id } = world.makeCase();
      expect(publishCase(testCtx(db, actor), { caseId: id, publicSummary: SUMMARY }).firstPublication).toBe(true);
    }
  });

  it("refuses admins, parties and amicus users as if the case did not exist, and sends the signed out to sign in", () => {
    const { id } = world.makeCase();
    for (const actor of [world.people.admin, world.people.party, world.people.amicus]) {
      expect(thrown(() => publishCase(testCtx(db, actor), { caseId: id, publicSummary: SUMMARY })).code).toBe("not_found");
    }
    expect(thrown(() => publishCase(testCtx(db, null), { caseId: id, publicSummary: SUMMARY })).code).toBe("unauthenticated");
    expect(caseRow(id).publishedAt).toBeNull();
    expect(auditFor(id)).toHaveLength(0);
  });

  it("treats a draft or missing case as not found", () => {
    const { id } = world.makeCase({ status: "draft", acceptedOn: null, submittedAt: null });
    expect(thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY })).code).toBe("not_found");
    expect(thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: "no-such-case", publicSummary: SUMMARY })).code).toBe("not_found");
  });
});

describe("which cases may be published", () => {
  it.each<CaseStatus>(["submitted", "in_triage", "awaiting_information"])("refuses a %s complaint that has not been accepted", (status) => {
    const { id } = world.makeCase({ status, acceptedOn: null });
    const error = thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/^Only a complaint the regulator has accepted can be published on the register\./);
    expect(caseRow(id).publishedAt).toBeNull();
  });

  it("refuses a complaint rejected at triage (closed, never accepted) and one withdrawn before publication", () => {
    const rejected = world.makeCase({ status: "closed", acceptedOn: null });
    expect(thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: rejected.id, publicSummary: SUMMARY })).code).toBe("conflict");
    const withdrawn = world.makeCase({ status: "withdrawn" });
    const error = thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: withdrawn.id, publicSummary: SUMMARY }));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("A case that is withdrawn cannot be published on the register.");
  });

  it.each<CaseStatus>(["assessment", "investigation", "decided", "closed"])("publishes an accepted case that is %s", (status) => {
    const { id } = world.makeCase({ status });
    publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY });
    expect(caseRow(id).publishedAt).toBe(FIXED_NOW.toISOString());
  });
});

describe("the public summary", () => {
  const attempt = (publicSummary: unknown) => {
    const { id } = world.makeCase();
    return thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: publicSummary as string }));
  };

  it("must be given", () => {
    expect(attempt("   ").fieldErrors).toEqual({ publicSummary: "Enter a public summary of the case for the register" });
    expect(attempt(undefined).fieldErrors).toEqual({ publicSummary: "Enter a public summary of the case for the register" });
  });

  it("must be 20 to 5,000 characters once trimmed", () => {
    expect(attempt(`   ${"x".repeat(19)}   `).fieldErrors).toEqual({ publicSummary: "The public summary must be at least 20 characters" });
    const tooLong = attempt("x".repeat(5001));
    expect(tooLong.code).toBe("invalid");
    expect(tooLong.fieldErrors).toEqual({ publicSummary: "The public summary must be 5,000 characters or fewer" });
  });

  it("is stored trimmed, at exactly the limits", () => {
    const { id } = world.makeCase();
    publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: `\n  ${"y".repeat(20)}  \n` });
    expect(caseRow(id).publicSummary).toBe("y".repeat(20));
    const other = world.makeCase();
    publishCase(testCtx(db, world.people.caseworker), { caseId: other.id, publicSummary: "z".repeat(5000) });
    expect(caseRow(other.id).publicSummary).toHaveLength(5000);
  });
});

describe("publishing and republishing", () => {
  it("opens a 21-day amicus window from the UK date of publication and records it", () => {
    const { id } = world.makeCase();
    const result = publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY });
    expect(result).toEqual({ firstPublication: true, windowClosesOn: "2026-12-13" });
    const row = caseRow(id);
    expect(row.publishedAt).toBe("2026-11-22T10:00:00.000Z");
    expect(row.amicusWindowClosesOn).toBe("2026-12-13");
    expect(row.publicSummary).toBe(SUMMARY);
    const audit = auditFor(id);
    expect(audit.map((e) => e.action)).toEqual(["case.published"]);
    expect(JSON.parse(audit[0]!.data)).toEqual({ summaryLength: SUMMARY.length, amicusWindowClosesOn: "2026-12-13" });
    expect(audit[0]!.data).not.toContain("safety framework");
    expect(audit[0]!.actorId).toBe(world.people.caseworker.id);
  });

  it("counts from the UK date, not the UTC one, late in the evening in summer time", () => {
    const { id } = world.makeCase();
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    const result = publishCase(testCtx(db, world.people.caseworker, new Date("2026-06-30T23:30:00.000Z")), { caseId: id, publicSummary: SUMMARY });
    expect(result.windowClosesOn).toBe("2026-07-22");
  });

  it("only replaces the summary when published again, leaving the publication date and window alone", () => {
    const { id } = world.makeCase();
    publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY });
    const later = new Date("2026-12-01T09:00:00.000Z");
    const corrected = "A corrected summary for the register, without the typo.";
    const again = publishCase(testCtx(db, world.people.supervisor, later), { caseId: id, publicSummary: corrected });
    expect(again).toEqual({ firstPublication: false, windowClosesOn: "2026-12-13" });
    const row = caseRow(id);
    expect(row.publishedAt).toBe("2026-11-22T10:00:00.000Z");
    expect(row.amicusWindowClosesOn).toBe("2026-12-13");
    expect(row.publicSummary).toBe(corrected);
    const audit = auditFor(id);
    expect(audit.map((e) => e.action)).toEqual(["case.published", "case.public_summary_updated"]);
    expect(JSON.parse(audit[1]!.data)).toEqual({ summaryLength: corrected.length, amicusWindowClosesOn: "2026-12-13" });
  });

  it("still lets the summary be corrected after a published case is withdrawn", () => {
    const { id } = world.makePublishedCase({ status: "withdrawn", closedAt: "2026-11-21T10:00:00.000Z" });
    const result = publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY });
    expect(result).toEqual({ firstPublication: false, windowClosesOn: "2026-12-11" });
    expect(caseRow(id).publicSummary).toBe(SUMMARY);
  });

  it("gives a case published without a recorded window the one its publication date implies", () => {
    const { id } = world.makePublishedCase({ publishedAt: "2026-11-02T10:00:00.000Z", amicusWindowClosesOn: null });
    expect(publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: SUMMARY })).toEqual({ firstPublication: false, windowClosesOn: "2026-11-23" });
    expect(caseRow(id).amicusWindowClosesOn).toBe("2026-11-23");
  });

  it("changes nothing and records nothing when the summary is refused", () => {
    const { id } = world.makeCase();
    thrown(() => publishCase(testCtx(db, world.people.caseworker), { caseId: id, publicSummary: "short" }));
    expect(caseRow(id).publishedAt).toBeNull();
    expect(auditFor(id)).toHaveLength(0);
  });
});
