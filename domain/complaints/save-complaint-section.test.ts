import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, cases } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { verifyAuditChain } from "../audit/verify-chain";
import { deleteDraftComplaint } from "./delete-draft";
import { complainantDefaults, getDraftForFiler, listDraftComplaints } from "./get-draft";
import { saveComplaintSection } from "./save-complaint-section";
import { startComplaint } from "./start-complaint";
import { COMPLETE_ANSWERS } from "./test-answers";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let filer: Actor;
let colleague: Actor;
let otherParty: Actor;
let caseworker: Actor;

const later = new Date(FIXED_NOW.getTime() + 60_000);
const auditFor = (caseId: string) => db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(auditEvents.seq).all();

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  const firm = makeOrganisation(db, "Harrow & Vell LLP");
  filer = makeUser(db, "party", { organisationIds: [firm] });
  colleague = makeUser(db, "party", { organisationIds: [firm] });
  otherParty = makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Ostrander Kemp LLP")] });
  caseworker = makeUser(db, "caseworker");
});

afterAll(() => testDb.close());

describe("starting a draft", () => {
  it("creates an empty draft owned by the filer, without a reference, and audits it", () => {
    const { id } = startComplaint(testCtx(db, filer));
    const row = db.select().from(cases).where(eq(cases.id, id)).get();
    expect(row).toMatchObject({ status: "draft", reference: null, createdBy: filer.id, complaint: {}, ipRights: [], technologyTags: [] });
    expect(auditFor(id).map((e) => e.action)).toEqual(["complaint.draft_started"]);
  });

  it("is only for party representatives", () => {
    expect(thrown(() => startComplaint(testCtx(db, caseworker))).code).toBe("not_found");
    expect(thrown(() => startComplaint(testCtx(db, null))).code).toBe("unauthenticated");
  });
});

describe("saving a section", () => {
  it("merges each page into the draft without touching the others", () => {
    const { id } = startComplaint(testCtx(db, filer));
    expect(saveComplaintSection(testCtx(db, filer), { draftId: id, section: "complainant", answers: COMPLETE_ANSWERS.complainant })).toEqual({ complete: true });
    saveComplaintSection(testCtx(db, filer, later), { draftId: id, section: "ip-rights", answers: { ipRights: ["patent", "design"], otherIpRight: "" } });

    const draft = getDraftForFiler(testCtx(db, filer), id);
    expect(draft.answers).toEqual({ complainant: COMPLETE_ANSWERS.complainant, ipRights: { ipRights: ["patent", "design"], otherIpRight: "" } });
    expect(draft.updatedAt).toBe(later.toISOString());
    expect(draft.sections.filter((s) => s.status === "completed").map((s) => s.slug)).toEqual(["complainant", "ip-rights"]);
    expect(draft.readyToSubmit).toBe(false);

    // Saving a page again replaces only that page.
    saveComplaintSection(testCtx(db, filer), { draftId: id, section: "ip-rights", answers: { ipRights: ["copyright"] } });
    expect(getDraftForFiler(testCtx(db, filer), id).answers).toEqual({ complainant: COMPLETE_ANSWERS.complainant, ipRights: { ipRights: ["copyright"], otherIpRight: "" } });
  });

  it("audits the section name but not what was typed", () => {
    const { id } = startComplaint(testCtx(db, filer));
    saveComplaintSection(testCtx(db, filer), { draftId: id, section: "technology", answers: COMPLETE_ANSWERS.technology });
    const events = auditFor(id);
    expect(events.map((e) => e.action)).toEqual(["complaint.draft_started", "complaint.draft_saved"]);
    expect(JSON.parse(events[1]!.data)).toEqual({ section: "technology", complete: true });
    expect(events[1]!.data).not.toContain("attention-head");
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("refuses an incomplete page on 'Save and continue', saving nothing", () => {
    const { id } = startComplaint(testCtx(db, filer));
    const error = thrown(() => saveComplaintSection(testCtx(db, filer), { draftId: id, section: "remedy", answers: { remedySought: "" } }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors).toEqual({ remedySought: "Describe the remedy you are seeking" });
    expect(getDraftForFiler(testCtx(db, filer), id).answers).toEqual({});
  });

  it("keeps a half-finished page on 'Save and come back later', marking it incomplete", () => {
    const { id } = startComplaint(testCtx(db, filer));
    expect(saveComplaintSection(testCtx(db, filer), { draftId: id, section: "respondent", answers: { respondentName: "  Meridian Cloud Systems Pte Ltd " }, intent: "later" })).toEqual({ complete: false });
    const draft = getDraftForFiler(testCtx(db, filer), id);
    expect(draft.answers.respondent).toEqual({ respondentName: "Meridian Cloud Systems Pte Ltd", respondentCountry: "", respondentContact: "" });
    expect(draft.sections.find((s) => s.slug === "respondent")?.status).toBe("incomplete");
  });

  it("refuses answers too long to keep, even when coming back later", () => {
    const { id } = startComplaint(testCtx(db, filer));
    const error = thrown(() => saveComplaintSection(testCtx(db, filer), { draftId: id, section: "remedy", answers: { remedySought: "x".repeat(5001) }, intent: "later" }));
    expect(error.fieldErrors).toEqual({ remedySought: "Remedy sought must be 5,000 characters or fewer" });
  });

  it("refuses a section that does not exist", () => {
    const { id } = startComplaint(testCtx(db, filer));
    expect(thrown(() => saveComplaintSection(testCtx(db, filer), { draftId: id, section: "secrets" as never, answers: {} })).code).toBe("invalid");
  });
});

describe("someone else's draft", () => {
  it("cannot be read or saved by another party, a colleague at the same firm, or staff", () => {
    const { id } = startComplaint(testCtx(db, filer));
    saveComplaintSection(testCtx(db, filer), { draftId: id, section: "remedy", answers: COMPLETE_ANSWERS.remedy });
    for (const intruder of [otherParty, colleague]) {
      expect(thrown(() => getDraftForFiler(testCtx(db, intruder), id)).code).toBe("not_found");
      expect(thrown(() => saveComplaintSection(testCtx(db, intruder), { draftId: id, section: "remedy", answers: { remedySought: "Something else" } })).code).toBe("not_found");
      expect(thrown(() => deleteDraftComplaint(testCtx(db, intruder), { draftId: id })).code).toBe("not_found");
      expect(listDraftComplaints(testCtx(db, intruder)).map((d) => d.id)).not.toContain(id);
    }
    expect(thrown(() => getDraftForFiler(testCtx(db, caseworker), id)).code).toBe("not_found");
    expect(getDraftForFiler(testCtx(db, filer), id).answers).toEqual({ remedy: COMPLETE_ANSWERS.remedy });
  });

  it("answers a draft id that does not exist the same way", () => {
    expect(thrown(() => getDraftForFiler(testCtx(db, filer), "no-such-draft")).code).toBe("not_found");
  });
});

describe("listing and deleting drafts", () => {
  it("lists the filer's drafts, most recently saved first, named by their parties", () => {
    const party = makeUser(db, "party", { organisationIds: [makeOrganisation(db)] });
    const first = startComplaint(testCtx(db, party)).id;
    const second = startComplaint(testCtx(db, party)).id;
    saveComplaintSection(testCtx(db, party, later), { draftId: first, section: "complainant", answers: COMPLETE_ANSWERS.complainant });
    const drafts = listDraftComplaints(testCtx(db, party));
    expect(drafts.map((d) => [d.id, d.label, d.completedSections])).toEqual([
      [first, "Corvid Labs Ltd v respondent not given", 1],
      [second, "Complaint not yet named", 0],
    ]);
  });

  it("deletes a draft with an audit record", () => {
    const { id } = startComplaint(testCtx(db, filer));
    deleteDraftComplaint(testCtx(db, filer), { draftId: id });
    expect(db.select().from(cases).where(eq(cases.id, id)).get()).toBeUndefined();
    expect(auditFor(id).map((e) => e.action)).toEqual(["complaint.draft_started", "complaint.draft_deleted"]);
    expect(thrown(() => getDraftForFiler(testCtx(db, filer), id)).code).toBe("not_found");
  });

  it("fills the complainant page with the signed-in representative until it is saved", () => {
    expect(complainantDefaults(testCtx(db, filer))).toEqual({ representativeName: filer.name, representativeFirm: "Harrow & Vell LLP", contactEmail: filer.email });
  });
});
