import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { confidentialityChallenges, conflictDeclarations, deadlines, evidence, mailOutbox } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import { newId } from "../ids";
import { startDeadline } from "../deadlines/case-clock";
import { challengeConfidentiality } from "./challenge-confidentiality";
import { decideChallenge } from "./decide-challenge";
import { NON_CONFIDENTIAL_RULE_ID } from "./evidence-rules";
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

function challenged(confidentiality: "restricted" | "parties" = "restricted") {
  const caseId = world.makeCase();
  const item = world.makeEvidence(caseId, { confidentiality });
  const { challengeId } = challengeConfidentiality(testCtx(db, world.people.respondentLawyer), { evidenceId: item.id, reasons: "Already public." });
  return { caseId, item, challengeId };
}

const clocksFor = (evidenceId: string) => db.select().from(deadlines).where(and(eq(deadlines.subjectId, evidenceId), eq(deadlines.ruleId, NON_CONFIDENTIAL_RULE_ID))).all();

describe("decideChallenge", () => {
  it("upholds a claim: the item keeps its level, no clock starts, and both sides are told", () => {
    const { item, challengeId } = challenged();
    const { caseworker, complainantLawyer, respondentLawyer } = world.people;
    decideChallenge(testCtx(db, caseworker), { challengeId, outcome: "upheld", reasons: "The logs reveal the training recipe." });

    expect(db.select().from(confidentialityChallenges).where(eq(confidentialityChallenges.id, challengeId)).get()).toMatchObject({
      status: "upheld",
      decidedBy: caseworker.id,
      decidedAt: FIXED_NOW.toISOString(),
      decisionReasons: "The logs reveal the training recipe.",
    });
    expect(db.select().from(evidence).where(eq(evidence.id, item.id)).get()?.confidentiality).toBe("restricted");
    expect(clocksFor(item.id)).toHaveLength(0);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.confidentiality_challenged", "evidence.challenge_upheld"]);
    expect(notificationsFor(db, complainantLawyer.id, "evidence.challenge_decided")).toHaveLength(1);
    const [toChallenger] = notificationsFor(db, respondentLawyer.id, "evidence.challenge_decided");
    // The challenger cannot open a restricted item, so its link is to the case.
    expect(toChallenger?.link).toBe(`/portal/cases/${item.caseId}`);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, respondentLawyer.email)).all()).toHaveLength(1);
  });

  it("rejects a claim: the filer's non-confidential-version clock starts, named for the exhibit", () => {
    const { item, challengeId } = challenged("parties");
    const result = decideChallenge(testCtx(db, world.people.supervisor), { challengeId, outcome: "rejected", reasons: "Nothing in it is secret." });
    const clocks = clocksFor(item.id);
    expect(clocks).toMatchObject([{ status: "running", label: `Non-confidential version of ${item.exhibitNumber}`, startOn: "2026-11-22", dueOn: "2026-11-29" }]);
    expect(result.dueOn).toBe("2026-11-29");
    expect(auditActions(db, `evidence:${item.id}`)).toContain("evidence.challenge_rejected");
    const [notice] = notificationsFor(db, world.people.complainantLawyer.id, "evidence.challenge_decided");
    expect(notice?.body).toContain("must file a non-confidential version by 2026-11-29");
  });

  it("does not start a second clock when one is already running", () => {
    const { item, challengeId, caseId } = challenged();
    db.transaction((tx) => startDeadline(tx, testCtx(db, world.people.complainantLawyer), { caseId, ruleId: NON_CONFIDENTIAL_RULE_ID, startOn: "2026-11-20", reason: "Filed", subjectId: item.id }));
    const result = decideChallenge(testCtx(db, world.people.caseworker), { challengeId, outcome: "rejected", reasons: "Not secret." });
    expect(clocksFor(item.id)).toHaveLength(1);
    expect(result.dueOn).toBe("2026-11-27");
  });

  it("requires an outcome and reasons", () => {
    const { challengeId } = challenged();
    const ctx = testCtx(db, world.people.caseworker);
    const error = domainErrorOf(() => decideChallenge(ctx, { challengeId, outcome: "" as never, reasons: "" }));
    expect(error.fieldErrors).toEqual({ outcome: "Select whether the confidentiality claim stands", reasons: "Enter the reasons for your decision" });
  });

  it("is decided once, by a caseworker or supervisor free of conflicts", () => {
    const { challengeId, caseId } = challenged();
    const { complainantLawyer, respondentLawyer, admin, caseworker, supervisor } = world.people;
    for (const actor of [complainantLawyer, respondentLawyer, admin]) {
      expect(domainErrorOf(() => decideChallenge(testCtx(db, actor), { challengeId, outcome: "upheld", reasons: "Mine" })).code).toBe("not_found");
    }
    db.insert(conflictDeclarations).values({ id: newId(), caseId, userId: supervisor.id, hasConflict: true, details: "Former client", declaredAt: FIXED_NOW.toISOString() }).run();
    expect(domainErrorOf(() => decideChallenge(testCtx(db, supervisor), { challengeId, outcome: "upheld", reasons: "Fine" })).code).toBe("forbidden");
    decideChallenge(testCtx(db, caseworker), { challengeId, outcome: "upheld", reasons: "Fine" });
    expect(domainErrorOf(() => decideChallenge(testCtx(db, caseworker), { challengeId, outcome: "rejected", reasons: "Changed my mind" })).code).toBe("conflict");
    expect(domainErrorOf(() => decideChallenge(testCtx(db, caseworker), { challengeId: newId(), outcome: "upheld", reasons: "?" })).code).toBe("not_found");
  });
});
