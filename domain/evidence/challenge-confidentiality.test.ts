import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { confidentialityChallenges } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import { challengeConfidentiality, getChallengeTarget } from "./challenge-confidentiality";
import { auditActions, domainErrorOf, makeEvidenceTestWorld, notificationsFor } from "./evidence-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
});
afterEach(() => testDb.close());

const challengesOf = (evidenceId: string) => db.select().from(confidentialityChallenges).where(eq(confidentialityChallenges.evidenceId, evidenceId)).all();

describe("challengeConfidentiality", () => {
  it("lets the other party challenge a restricted item it may only know exists, telling the filer and the regulator", () => {
    const caseId = world.makeCase({ assignedTo: world.people.caseworker.id });
    const item = world.makeEvidence(caseId, { confidentiality: "restricted", title: "Reward model training logs" });
    const { respondentLawyer, complainantLawyer, caseworker } = world.people;

    const target = getChallengeTarget(testCtx(db, respondentLawyer), caseId, item.id);
    expect(target).toMatchObject({ exhibitNumber: item.exhibitNumber, title: null, canChallenge: true, challengeOpen: false });

    const { challengeId } = challengeConfidentiality(testCtx(db, respondentLawyer), { evidenceId: item.id, reasons: "The logs were published in a conference paper." });
    expect(challengesOf(item.id)).toMatchObject([{ id: challengeId, status: "open", challengerSide: "respondent", challengedBy: respondentLawyer.id, reasons: "The logs were published in a conference paper." }]);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.confidentiality_challenged"]);
    const [toFiler] = notificationsFor(db, complainantLawyer.id, "evidence.confidentiality_challenged");
    expect(toFiler?.link).toBe(`/portal/cases/${caseId}/evidence/${item.id}`);
    expect(notificationsFor(db, caseworker.id, "evidence.confidentiality_challenged")).toHaveLength(1);
    expect(notificationsFor(db, respondentLawyer.id)).toHaveLength(0);
    expect(getChallengeTarget(testCtx(db, respondentLawyer), caseId, item.id)).toMatchObject({ canChallenge: false, challengeOpen: true });
  });

  it("lets the other party challenge a parties-only item it can read", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { side: "respondent", confidentiality: "parties" });
    challengeConfidentiality(testCtx(db, world.people.complainantLawyer), { evidenceId: item.id, reasons: "Nothing in it is confidential." });
    expect(challengesOf(item.id)).toMatchObject([{ challengerSide: "complainant", status: "open" }]);
    expect(getChallengeTarget(testCtx(db, world.people.complainantLawyer), caseId, item.id).title).toBe(item.title);
  });

  it("requires reasons", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const error = domainErrorOf(() => challengeConfidentiality(testCtx(db, world.people.respondentLawyer), { evidenceId: item.id, reasons: "" }));
    expect(error.fieldErrors.reasons).toBe("Enter why this item should not be confidential");
    expect(challengesOf(item.id)).toHaveLength(0);
  });

  it("allows one open challenge per item, and another once it is decided", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "parties" });
    const ctx = testCtx(db, world.people.respondentLawyer);
    const { challengeId } = challengeConfidentiality(ctx, { evidenceId: item.id, reasons: "First" });
    expect(domainErrorOf(() => challengeConfidentiality(ctx, { evidenceId: item.id, reasons: "Second" })).code).toBe("conflict");
    db.update(confidentialityChallenges).set({ status: "upheld" }).where(eq(confidentialityChallenges.id, challengeId)).run();
    challengeConfidentiality(ctx, { evidenceId: item.id, reasons: "New grounds" });
    expect(challengesOf(item.id).map((c) => c.status).sort()).toEqual(["open", "upheld"]);
  });

  it("is only for the other party, on a live confidential item", () => {
    const caseId = world.makeCase();
    const restricted = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const parties = world.makeEvidence(caseId, { confidentiality: "parties" });
    const publicItem = world.makeEvidence(caseId, { confidentiality: "public" });
    const withdrawn = world.makeEvidence(caseId, { confidentiality: "restricted", status: "withdrawn" });
    const superseded = world.makeEvidence(caseId, { confidentiality: "parties", status: "superseded" });
    const regulators = world.makeEvidence(caseId, { side: "regulator", confidentiality: "parties" });
    const { complainantColleague, interestedParty, caseworker, respondentLawyer, amicus } = world.people;
    const attempt = (actor: typeof caseworker, evidenceId: string) => domainErrorOf(() => challengeConfidentiality(testCtx(db, actor), { evidenceId, reasons: "Because" })).code;

    expect(attempt(complainantColleague, parties.id)).toBe("forbidden");
    expect(attempt(caseworker, parties.id)).toBe("forbidden");
    expect(attempt(interestedParty, parties.id)).toBe("forbidden");
    expect(attempt(interestedParty, restricted.id)).toBe("not_found");
    expect(attempt(amicus, restricted.id)).toBe("not_found");
    expect(attempt(respondentLawyer, publicItem.id)).toBe("conflict");
    expect(attempt(respondentLawyer, withdrawn.id)).toBe("not_found");
    expect(attempt(respondentLawyer, superseded.id)).toBe("forbidden");
    expect(attempt(respondentLawyer, regulators.id)).toBe("forbidden");
    expect(db.select().from(confidentialityChallenges).all()).toHaveLength(0);
  });
});
