import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, caseParties, cases, mailOutbox, notifications, organisations } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { getCaseForActor } from "../access/case-access";
import { verifyAuditChain } from "../audit/verify-chain";
import { getSubmittedComplaintForFiler } from "./get-draft";
import type { SectionSlug } from "./questions";
import { saveComplaintSection } from "./save-complaint-section";
import { startComplaint } from "./start-complaint";
import { submitComplaint } from "./submit-complaint";
import { COMPLETE_ANSWERS } from "./test-answers";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let firm: string;
let corvid: string;
let filer: Actor;
let colleague: Actor;
let otherParty: Actor;
let caseworker: Actor;
let supervisor: Actor;

const SIGNED = { statementOfTruth: "yes", signatoryName: "Aisha Mensah" } as const;

/** A draft with the given pages saved (all of them unless told otherwise). */
function draftWith(actor: Actor, sections: SectionSlug[] = Object.keys(COMPLETE_ANSWERS) as SectionSlug[], overrides: Partial<Record<SectionSlug, Record<string, unknown>>> = {}): string {
  const { id } = startComplaint(testCtx(db, actor));
  for (const section of sections) saveComplaintSection(testCtx(db, actor), { draftId: id, section, answers: { ...COMPLETE_ANSWERS[section], ...overrides[section] } });
  return id;
}

const caseRow = (id: string) => db.select().from(cases).where(eq(cases.id, id)).get()!;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  firm = makeOrganisation(db, "Harrow & Vell LLP");
  corvid = makeOrganisation(db, "Corvid Labs Ltd");
  filer = makeUser(db, "party", { organisationIds: [firm] });
  colleague = makeUser(db, "party", { organisationIds: [firm] });
  otherParty = makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Ostrander Kemp LLP")] });
  caseworker = makeUser(db, "caseworker");
  supervisor = makeUser(db, "supervisor");
});

afterAll(() => testDb.close());

describe("submitComplaint", () => {
  it("refuses an incomplete draft, naming every unfinished section", () => {
    const id = draftWith(filer, ["complainant", "respondent", "ip-rights", "technology", "harm"]);
    const error = thrown(() => submitComplaint(testCtx(db, filer), { draftId: id, ...SIGNED }));
    expect(error.code).toBe("invalid");
    expect(error.message).toBe("Complete these sections before you submit your complaint: How and when it happened, Related proceedings, Remedy sought.");
    expect(caseRow(id).status).toBe("draft");
  });

  it("names a single unfinished section, including one saved half-finished", () => {
    const id = draftWith(filer, ["complainant", "respondent", "ip-rights", "technology", "misappropriation", "harm", "related-proceedings"]);
    saveComplaintSection(testCtx(db, filer), { draftId: id, section: "remedy", answers: { remedySought: "" }, intent: "later" });
    expect(thrown(() => submitComplaint(testCtx(db, filer), { draftId: id, ...SIGNED })).message).toBe("Complete this section before you submit your complaint: Remedy sought.");
  });

  it("refuses a filer whose email address is not verified", () => {
    const id = draftWith(filer);
    const unverified = { ...filer, emailVerified: false };
    const error = thrown(() => submitComplaint(testCtx(db, unverified), { draftId: id, ...SIGNED }));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe(`Verify your email address before you submit a complaint. We sent a link to ${filer.email}.`);
    expect(caseRow(id)).toMatchObject({ status: "draft", reference: null });
  });

  it("needs the statement of truth and the signatory's name", () => {
    const id = draftWith(filer);
    const error = thrown(() => submitComplaint(testCtx(db, filer), { draftId: id, statementOfTruth: "", signatoryName: " " }));
    expect(error.fieldErrors).toEqual({ statementOfTruth: "Confirm that you believe the facts stated in this complaint are true", signatoryName: "Enter your full name" });
    expect(caseRow(id).status).toBe("draft");
  });

  it("will not submit another party's draft", () => {
    const id = draftWith(filer);
    for (const intruder of [otherParty, colleague]) expect(thrown(() => submitComplaint(testCtx(db, intruder), { draftId: id, ...SIGNED })).code).toBe("not_found");
    expect(thrown(() => submitComplaint(testCtx(db, caseworker), { draftId: id, ...SIGNED })).code).toBe("not_found");
    expect(caseRow(id).status).toBe("draft");
  });

  describe("a complete draft", () => {
    let id: string;
    let result: { caseId: string; reference: string };

    beforeAll(() => {
      id = draftWith(filer, undefined, { "ip-rights": { ipRights: ["trade_secret", "other"], otherIpRight: "Know-how in evaluation harnesses" } });
      result = submitComplaint(testCtx(db, filer), { draftId: id, ...SIGNED });
    });

    it("allocates a reference and moves the case to submitted with its title, rights and tags", () => {
      expect(result).toEqual({ caseId: id, reference: "IPC-2026-000001" });
      expect(caseRow(id)).toMatchObject({
        status: "submitted",
        reference: "IPC-2026-000001",
        title: "Corvid Labs Ltd v Meridian Cloud Systems Pte Ltd",
        ipRights: ["trade_secret", "other"],
        technologyTags: ["model architecture", "fine-tuning / RLHF / reward model"],
        submittedAt: FIXED_NOW.toISOString(),
      });
    });

    it("stores the checked answers and the signed statement of truth", () => {
      const complaint = caseRow(id).complaint as Record<string, Record<string, unknown>>;
      expect(complaint.misappropriation).toEqual({ howItHappened: COMPLETE_ANSWERS.misappropriation.howItHappened, happenedOn: "2026-02-03", approximatePeriod: null });
      expect(complaint.harm).toMatchObject({ interimMeasuresRequested: false, interimMeasuresDetails: null, urgency: "weeks" });
      expect(complaint.ipRights).toEqual({ ipRights: ["trade_secret", "other"], otherIpRight: "Know-how in evaluation harnesses" });
      expect(complaint.statementOfTruth).toEqual({ signedBy: "Aisha Mensah", signedByUserId: filer.id, signedAt: FIXED_NOW.toISOString() });
    });

    it("makes a new complainant and a new respondent the parties, represented by the filer's firm, never matching an organisation by name", () => {
      const parties = db.select().from(caseParties).where(eq(caseParties.caseId, id)).all();
      // An organisation called "Corvid Labs Ltd" already exists, but anyone can register one under that
      // name; joining it would let its members see and withdraw this complaint.
      expect(parties.map((p) => [p.role, p.organisationId === corvid, p.representativeOrganisationId])).toEqual([
        ["complainant", false, firm],
        ["respondent", false, null],
      ]);
      const complainant = db.select().from(organisations).where(eq(organisations.id, parties[0]!.organisationId)).get();
      expect(complainant).toMatchObject({ name: "Corvid Labs Ltd", kind: "company" });
      const respondent = db.select().from(organisations).where(eq(organisations.id, parties[1]!.organisationId)).get();
      expect(respondent).toMatchObject({ name: "Meridian Cloud Systems Pte Ltd", country: "SG", kind: "company" });
    });

    it("lets the filer and their firm see the case, but not other parties", () => {
      expect(getCaseForActor(testCtx(db, filer), id).sides).toEqual(["complainant"]);
      expect(getCaseForActor(testCtx(db, colleague), id).sides).toEqual(["complainant"]);
      expect(thrown(() => getCaseForActor(testCtx(db, otherParty), id)).code).toBe("not_found");
      expect(getSubmittedComplaintForFiler(testCtx(db, filer), id)).toEqual({ id, reference: "IPC-2026-000001", title: "Corvid Labs Ltd v Meridian Cloud Systems Pte Ltd" });
      // The confirmation page is the filer's own; colleagues use the case page.
      expect(thrown(() => getSubmittedComplaintForFiler(testCtx(db, colleague), id)).code).toBe("not_found");
    });

    it("records the submission in the audit chain", () => {
      const submit = db.select().from(auditEvents).where(and(eq(auditEvents.caseId, id), eq(auditEvents.action, "case.submit"))).get();
      expect(submit?.actorId).toBe(filer.id);
      expect(JSON.parse(submit!.data)).toMatchObject({ from: "draft", to: "submitted", reference: "IPC-2026-000001", signedBy: "Aisha Mensah" });
      expect(verifyAuditChain(db).ok).toBe(true);
    });

    it("acknowledges the filer in the app and by email, and tells the triage team", () => {
      const filerNotes = db.select().from(notifications).where(and(eq(notifications.userId, filer.id), eq(notifications.caseId, id))).all();
      expect(filerNotes).toHaveLength(1);
      expect(filerNotes[0]).toMatchObject({ kind: "case.submitted", title: "IPC-2026-000001: complaint received", link: `/portal/cases/${id}` });
      const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, filer.email)).all();
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ subject: "IPC-2026-000001: we have received your complaint", status: "queued" });
      expect(mail[0]!.body).toContain("Case reference: IPC-2026-000001");
      for (const staff of [caseworker, supervisor]) {
        expect(db.select().from(notifications).where(and(eq(notifications.userId, staff.id), eq(notifications.caseId, id))).all().map((n) => n.kind)).toEqual(["case.new_complaint"]);
      }
      expect(db.select().from(notifications).where(eq(notifications.userId, colleague.id)).all()).toEqual([]);
    });

    it("makes the complaint findable by a word in its text", () => {
      const hits = db.all<{ rowid: number }>(sql`SELECT rowid FROM case_search WHERE case_search MATCH ${'"rook"*'}`);
      const rowid = db.get<{ rowid: number }>(sql`SELECT rowid FROM cases WHERE id = ${id}`)!.rowid;
      expect(hits.map((h) => h.rowid)).toContain(rowid);
    });

    it("cannot be submitted twice, and the next complaint gets the next reference", () => {
      expect(thrown(() => submitComplaint(testCtx(db, filer), { draftId: id, ...SIGNED })).code).toBe("not_found");
      const next = submitComplaint(testCtx(db, filer), { draftId: draftWith(filer), ...SIGNED });
      expect(next.reference).toBe("IPC-2026-000002");
    });
  });

  it("treats a filer who names their own organisation as acting in-house, with no separate representative", () => {
    const inHouse = makeUser(db, "party", { organisationIds: [corvid] });
    const id = draftWith(inHouse, undefined, { complainant: { complainantName: "corvid labs ltd", representativeFirm: "Corvid Labs Ltd" } });
    submitComplaint(testCtx(db, inHouse), { draftId: id, ...SIGNED });
    const complainant = db.select().from(caseParties).where(and(eq(caseParties.caseId, id), eq(caseParties.role, "complainant"))).get();
    expect(complainant).toMatchObject({ organisationId: corvid, representativeOrganisationId: null });
  });

  it("creates the complainant organisation when none has that name", () => {
    const id = draftWith(filer, undefined, { complainant: { complainantName: "Plover Robotics Ltd" } });
    submitComplaint(testCtx(db, filer), { draftId: id, ...SIGNED });
    const complainant = db.select({ name: organisations.name }).from(caseParties).innerJoin(organisations, eq(organisations.id, caseParties.organisationId)).where(and(eq(caseParties.caseId, id), eq(caseParties.role, "complainant"))).get();
    expect(complainant?.name).toBe("Plover Robotics Ltd");
  });

  it("refuses a filer with no organisation, who could not follow the case afterwards", () => {
    const loner = makeUser(db, "party");
    const id = draftWith(loner);
    const error = thrown(() => submitComplaint(testCtx(db, loner), { draftId: id, ...SIGNED }));
    expect(error.code).toBe("invalid");
    expect(error.message).toContain("not linked to a firm or organisation");
    expect(caseRow(id).status).toBe("draft");
  });
});
