import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { deadlines, evidence } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import { startDeadline } from "../deadlines/case-clock";
import { getEvidenceForActor, listCaseEvidence } from "./evidence-access";
import { NON_CONFIDENTIAL_RULE_ID } from "./evidence-rules";
import { auditActions, domainErrorOf, makeEvidenceTestWorld, notificationsFor } from "./evidence-test-world";
import { withdrawEvidence } from "./withdraw-evidence";

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

describe("withdrawEvidence", () => {
  it("lets the filing side withdraw with reasons: hidden from parties, kept for staff, audited", () => {
    const caseId = world.makeCase({ assignedTo: world.people.caseworker.id });
    const item = world.makeEvidence(caseId, { confidentiality: "parties" });
    const { complainantColleague, complainantLawyer, respondentLawyer, caseworker, supervisor } = world.people;

    withdrawEvidence(testCtx(db, complainantColleague), { evidenceId: item.id, reasons: "Filed against the wrong case." });

    expect(stored(item.id)).toMatchObject({ status: "withdrawn", withdrawalReasons: "Filed against the wrong case.", withdrawnBy: complainantColleague.id });
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.withdrawn"]);
    expect(domainErrorOf(() => getEvidenceForActor(testCtx(db, complainantLawyer), item.id)).code).toBe("not_found");
    expect(listCaseEvidence(testCtx(db, respondentLawyer), caseId).items).toEqual([]);
    expect(getEvidenceForActor(testCtx(db, caseworker), item.id).item.status).toBe("withdrawn");
    // The assigned caseworker and the other side (who could see it) are told; unassigned staff are not.
    expect(notificationsFor(db, caseworker.id, "evidence.withdrawn")).toHaveLength(1);
    expect(notificationsFor(db, respondentLawyer.id, "evidence.withdrawn")).toHaveLength(1);
    expect(notificationsFor(db, supervisor.id)).toHaveLength(0);
    expect(notificationsFor(db, complainantColleague.id)).toHaveLength(0);
  });

  it("does not tell the other side about a restricted item it never saw", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted" });
    withdrawEvidence(testCtx(db, world.people.complainantLawyer), { evidenceId: item.id, reasons: "Superfluous." });
    expect(notificationsFor(db, world.people.respondentLawyer.id)).toHaveLength(0);
  });

  it("requires reasons", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId);
    const error = domainErrorOf(() => withdrawEvidence(testCtx(db, world.people.complainantLawyer), { evidenceId: item.id, reasons: "   " }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.reasons).toBe("Enter why the item is being withdrawn");
    expect(stored(item.id).status).toBe("received");
  });

  it("does not let the other side, an interested party or an admin withdraw it", () => {
    const caseId = world.makeCase();
    const parties = world.makeEvidence(caseId, { confidentiality: "parties" });
    const restricted = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const { respondentLawyer, interestedParty, admin } = world.people;
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, respondentLawyer), { evidenceId: parties.id, reasons: "Mine now" })).code).toBe("forbidden");
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, respondentLawyer), { evidenceId: restricted.id, reasons: "Mine now" })).code).toBe("not_found");
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, interestedParty), { evidenceId: parties.id, reasons: "Mine now" })).code).toBe("forbidden");
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, admin), { evidenceId: parties.id, reasons: "Tidy up" })).code).toBe("forbidden");
    expect(stored(parties.id).status).toBe("received");
  });

  it("lets staff withdraw any live item, also on a closed case, and tells the filing side", () => {
    const caseId = world.makeCase({ status: "closed" });
    const item = world.makeEvidence(caseId, { confidentiality: "restricted", status: "accepted" });
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, world.people.complainantLawyer), { evidenceId: item.id, reasons: "Late" })).code).toBe("forbidden");
    withdrawEvidence(testCtx(db, world.people.caseworker), { evidenceId: item.id, reasons: "Contains personal data of a third party." });
    expect(stored(item.id)).toMatchObject({ status: "withdrawn", withdrawnBy: world.people.caseworker.id });
    expect(notificationsFor(db, world.people.complainantLawyer.id, "evidence.withdrawn")).toHaveLength(1);
    expect(notificationsFor(db, world.people.respondentLawyer.id)).toHaveLength(0);
  });

  it("refuses an item already withdrawn or superseded", () => {
    const caseId = world.makeCase();
    const withdrawn = world.makeEvidence(caseId, { status: "withdrawn" });
    const superseded = world.makeEvidence(caseId, { status: "superseded" });
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, world.people.caseworker), { evidenceId: withdrawn.id, reasons: "Again" })).code).toBe("conflict");
    expect(domainErrorOf(() => withdrawEvidence(testCtx(db, world.people.complainantLawyer), { evidenceId: superseded.id, reasons: "Old" })).code).toBe("conflict");
  });

  it("cancels the item's running non-confidential-version clock", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const clock = db.transaction((tx) => startDeadline(tx, testCtx(db, world.people.complainantLawyer), { caseId, ruleId: NON_CONFIDENTIAL_RULE_ID, startOn: "2026-11-22", reason: "Filed", subjectId: item.id }));
    withdrawEvidence(testCtx(db, world.people.complainantLawyer), { evidenceId: item.id, reasons: "Not needed" });
    expect(db.select().from(deadlines).where(eq(deadlines.id, clock.id)).get()?.status).toBe("cancelled");
  });
});
