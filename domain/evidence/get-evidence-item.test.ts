import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, testCtx } from "@/db/testing";
import { recordAudit } from "../audit/record";
import { startDeadline } from "../deadlines/case-clock";
import { raiseIntegrityAlert } from "./download-evidence";
import { getEvidenceItem, recordEvidenceView } from "./get-evidence-item";
import { NON_CONFIDENTIAL_RULE_ID, nonConfidentialDeadlineLabel } from "./evidence-rules";
import { auditActions, domainErrorOf, makeEvidenceTestWorld } from "./evidence-test-world";
import { challengeConfidentiality } from "./challenge-confidentiality";
import { withdrawEvidence } from "./withdraw-evidence";
import { getCaseTimeline } from "../cases/get-case-timeline";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
});
afterEach(() => testDb.close());

describe("recordEvidenceView", () => {
  it("adds a view to the chain of custody for someone who may see the item", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId);
    recordEvidenceView(testCtx(db, world.people.respondentLawyer), item.id, caseId);
    expect(auditActions(db, `evidence:${item.id}`)).toEqual(["evidence.viewed"]);
  });

  it("keeps views off the case timeline, which would otherwise fill with them", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId);
    for (let i = 0; i < 3; i += 1) recordEvidenceView(testCtx(db, world.people.caseworker), item.id);
    withdrawEvidence(testCtx(db, world.people.caseworker), { evidenceId: item.id, reasons: "Duplicate" });
    expect(getCaseTimeline(testCtx(db, world.people.caseworker), caseId).map((entry) => entry.label)).toEqual(["Evidence withdrawn"]);
  });

  it("records nothing for someone who may not, or for the wrong case", () => {
    const caseId = world.makeCase();
    const other = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted" });
    expect(domainErrorOf(() => recordEvidenceView(testCtx(db, world.people.respondentLawyer), item.id)).code).toBe("not_found");
    expect(domainErrorOf(() => recordEvidenceView(testCtx(db, world.people.caseworker), item.id, other)).code).toBe("not_found");
    expect(auditActions(db, `evidence:${item.id}`)).toEqual([]);
  });
});

describe("getEvidenceItem", () => {
  it("is not found under another case's address", () => {
    const caseId = world.makeCase();
    const other = world.makeCase();
    const item = world.makeEvidence(caseId);
    expect(domainErrorOf(() => getEvidenceItem(testCtx(db, world.people.caseworker), other, item.id)).code).toBe("not_found");
  });

  it("shows the custody log newest first, with events naming the item, and integrity failures to staff only", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "parties" });
    const other = world.makeEvidence(caseId, { confidentiality: "parties" });
    const filer = testCtx(db, world.people.complainantLawyer);
    db.transaction((tx) => recordAudit(tx, filer, { action: "evidence.filed", caseId, subject: `evidence:${item.id}`, data: { exhibitNumber: item.exhibitNumber } }));
    db.transaction((tx) => recordAudit(tx, filer, { action: "evidence.filed", caseId, subject: `evidence:${other.id}`, data: {} }));
    db.transaction((tx) => recordAudit(tx, filer, { action: "upload.completed", caseId, subject: "upload:abc", data: { evidenceId: item.id } }));
    recordEvidenceView(testCtx(db, world.people.respondentLawyer), item.id);
    raiseIntegrityAlert(testCtx(db, world.people.caseworker), item, { problem: "missing" }, "download");

    const staffView = getEvidenceItem(testCtx(db, world.people.caseworker), caseId, item.id);
    expect(staffView.custody.entries.map((e) => e.what)).toEqual(["Integrity check failed", "Viewed", "Upload completed", "Filed"]);
    expect(staffView.custody.entries[1]?.by).toBe(world.people.respondentLawyer.name);
    const partyView = getEvidenceItem(testCtx(db, world.people.respondentLawyer), caseId, item.id);
    expect(partyView.custody.entries.map((e) => e.what)).toEqual(["Viewed", "Upload completed", "Filed"]);
  });

  it("shows the reasons given for a change in the custody log", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "parties" });
    challengeConfidentiality(testCtx(db, world.people.respondentLawyer), { evidenceId: item.id, reasons: "Already in the press." });
    const view = getEvidenceItem(testCtx(db, world.people.complainantLawyer), caseId, item.id);
    expect(view.custody.entries[0]).toMatchObject({ what: "Confidentiality challenged", detail: "Already in the press." });
    expect(view.challenges).toMatchObject([{ status: "open", challengerSide: "respondent", reasons: "Already in the press." }]);
  });

  it("links versions both ways, without links to what the viewer may not open", () => {
    const caseId = world.makeCase();
    const original = world.makeEvidence(caseId, { confidentiality: "restricted", status: "superseded" });
    const corrected = world.makeEvidence(caseId, { confidentiality: "restricted", supersedesId: original.id });
    const publicVersion = world.makeEvidence(caseId, { confidentiality: "public", nonConfidentialVersionOfId: corrected.id });

    const filerView = getEvidenceItem(testCtx(db, world.people.complainantLawyer), caseId, corrected.id);
    expect(filerView.supersedes).toEqual({ exhibitNumber: original.exhibitNumber, id: original.id });
    expect(filerView.nonConfidentialVersions).toEqual([{ exhibitNumber: publicVersion.exhibitNumber, id: publicVersion.id }]);
    expect(getEvidenceItem(testCtx(db, world.people.complainantLawyer), caseId, original.id).supersededBy).toEqual([{ exhibitNumber: corrected.exhibitNumber, id: corrected.id }]);

    const otherSideView = getEvidenceItem(testCtx(db, world.people.respondentLawyer), caseId, publicVersion.id);
    expect(otherSideView.nonConfidentialVersionOf).toEqual({ exhibitNumber: corrected.exhibitNumber, id: null });
    expect(getEvidenceItem(testCtx(db, world.people.interestedParty), caseId, publicVersion.id).nonConfidentialVersionOf).toBeNull();
  });

  it("shows the running non-confidential-version deadline", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted" });
    db.transaction((tx) =>
      startDeadline(tx, testCtx(db, world.people.complainantLawyer), { caseId, ruleId: NON_CONFIDENTIAL_RULE_ID, startOn: "2026-11-22", reason: "Filed", subjectId: item.id, label: nonConfidentialDeadlineLabel(item.exhibitNumber) }),
    );
    expect(getEvidenceItem(testCtx(db, world.people.complainantLawyer), caseId, item.id).nonConfidentialDeadline).toEqual({ dueOn: "2026-11-29", status: "running", label: "Non-confidential version of C-001" });
  });

  it("offers each viewer only the actions open to them", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "parties" });
    const can = (actor: Parameters<typeof testCtx>[1]) => getEvidenceItem(testCtx(db, actor), caseId, item.id).can;
    expect(can(world.people.complainantColleague)).toEqual({ withdraw: true, review: false, challenge: false, decideChallenge: null, uploadCorrection: true, uploadNonConfidential: true });
    expect(can(world.people.respondentLawyer)).toEqual({ withdraw: false, review: false, challenge: true, decideChallenge: null, uploadCorrection: false, uploadNonConfidential: false });
    expect(can(world.people.caseworker)).toEqual({ withdraw: true, review: true, challenge: false, decideChallenge: null, uploadCorrection: false, uploadNonConfidential: false });
    expect(can(world.people.admin)).toEqual({ withdraw: false, review: false, challenge: false, decideChallenge: null, uploadCorrection: false, uploadNonConfidential: false });

    const { challengeId } = challengeConfidentiality(testCtx(db, world.people.respondentLawyer), { evidenceId: item.id, reasons: "Public already" });
    expect(can(world.people.caseworker).decideChallenge).toBe(challengeId);
    expect(can(world.people.respondentLawyer).challenge).toBe(false);
  });
});
