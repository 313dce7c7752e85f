import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { conflictDeclarations, evidence, mailOutbox } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import { newId } from "../ids";
import { auditActions, domainErrorOf, makeEvidenceTestWorld, notificationsFor } from "./evidence-test-world";
import { reviewEvidence } from "./review-evidence";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
});
afterEach(() => testDb.close());

const stored = (id: string) => db.select().from(evidence).where(eq(evidence.id, id)).get()!;

describe("reviewEvidence", () => {
  it("accepts an item, audits it and tells the filing side in-app and by email", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId);
    const { caseworker, complainantLawyer, complainantColleague, respondentLawyer } = world.people;
    expect(reviewEvidence(testCtx(db, caseworker), { evidenceId: item.id, outcome: "accept" })).toEqual({ status: "accepted" });
    expect(stored(item.id)).toMatchObject({ status: "accepted", reviewedBy: caseworker.id, reviewedAt: FIXED_NOW.toISOString(), reviewReasons: null });
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.accepted"]);
    expect(notificationsFor(db, complainantLawyer.id, "evidence.accepted")).toHaveLength(1);
    expect(notificationsFor(db, complainantColleague.id, "evidence.accepted")).toHaveLength(1);
    expect(notificationsFor(db, respondentLawyer.id)).toHaveLength(0);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, complainantLawyer.email)).all()).toHaveLength(1);
  });

  it("requires reasons to reject, and keeps them for the filer to read", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { side: "respondent" });
    const ctx = testCtx(db, world.people.supervisor);
    const error = domainErrorOf(() => reviewEvidence(ctx, { evidenceId: item.id, outcome: "reject" }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.reasons).toBe("Enter why the item is rejected as evidence");
    expect(domainErrorOf(() => reviewEvidence(ctx, { evidenceId: item.id, outcome: "" as never })).fieldErrors.outcome).toBe("Select whether you accept or reject this item as evidence");

    reviewEvidence(ctx, { evidenceId: item.id, outcome: "reject", reasons: "Illegible scan." });
    expect(stored(item.id)).toMatchObject({ status: "rejected", reviewReasons: "Illegible scan." });
    const [notice] = notificationsFor(db, world.people.respondentLawyer.id, "evidence.rejected");
    expect(notice?.body).toContain("Illegible scan.");
  });

  it("lets a review be changed, but not to the outcome it already has", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { status: "accepted" });
    const ctx = testCtx(db, world.people.caseworker);
    expect(domainErrorOf(() => reviewEvidence(ctx, { evidenceId: item.id, outcome: "accept" })).code).toBe("conflict");
    reviewEvidence(ctx, { evidenceId: item.id, outcome: "reject", reasons: "On reflection, not relevant." });
    expect(stored(item.id).status).toBe("rejected");
  });

  it("refuses withdrawn and superseded items", () => {
    const caseId = world.makeCase();
    const ctx = testCtx(db, world.people.caseworker);
    for (const status of ["withdrawn", "superseded"] as const) {
      const item = world.makeEvidence(caseId, { status });
      expect(domainErrorOf(() => reviewEvidence(ctx, { evidenceId: item.id, outcome: "accept" })).code).toBe("conflict");
    }
  });

  it("is for caseworkers and supervisors only", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "public" });
    for (const actor of [world.people.admin, world.people.complainantLawyer, world.people.respondentLawyer]) {
      expect(domainErrorOf(() => reviewEvidence(testCtx(db, actor), { evidenceId: item.id, outcome: "accept" })).code).toBe("not_found");
    }
    expect(domainErrorOf(() => reviewEvidence(testCtx(db, null), { evidenceId: item.id, outcome: "accept" })).code).toBe("unauthenticated");
    expect(stored(item.id).status).toBe("received");
  });

  it("bars a caseworker who declared a conflict, and an assigned one who has not declared", () => {
    const { caseworker, supervisor } = world.people;
    const caseId = world.makeCase({ assignedTo: caseworker.id });
    const item = world.makeEvidence(caseId);
    expect(domainErrorOf(() => reviewEvidence(testCtx(db, caseworker), { evidenceId: item.id, outcome: "accept" })).code).toBe("forbidden");
    db.insert(conflictDeclarations).values({ id: newId(), caseId, userId: supervisor.id, hasConflict: true, details: "Former client", declaredAt: FIXED_NOW.toISOString() }).run();
    expect(domainErrorOf(() => reviewEvidence(testCtx(db, supervisor), { evidenceId: item.id, outcome: "accept" })).code).toBe("forbidden");
    db.insert(conflictDeclarations).values({ id: newId(), caseId, userId: caseworker.id, hasConflict: false, details: null, declaredAt: FIXED_NOW.toISOString() }).run();
    reviewEvidence(testCtx(db, caseworker), { evidenceId: item.id, outcome: "accept" });
    expect(stored(item.id).status).toBe("accepted");
  });
});
