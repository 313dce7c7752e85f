import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseNotes, cases, organisationMembers, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "./context";
import { addCaseNote } from "./cases/add-case-note";
import { saveComplaintSection } from "./complaints/save-complaint-section";
import { startComplaint } from "./complaints/start-complaint";
import { submitComplaint } from "./complaints/submit-complaint";
import { COMPLETE_ANSWERS } from "./complaints/test-answers";
import type { SectionSlug } from "./complaints/questions";
import { newId } from "./ids";
import { registerParty, type RegisterPartyInput } from "./users/register-party";

// Mass assignment: a form can be posted with any fields an attacker likes. The actions pass only the
// fields they name, and the verbs read only the fields they know, so anything else is dropped.
// These post fields that would matter (role, status, organisation, author, timestamps) to the verbs.

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let firm: string;
let otherFirm: string;
let filer: Actor;
let caseworker: Actor;
let otherCaseworker: Actor;

const HOSTILE = {
  id: "chosen-id",
  role: "admin",
  status: "closed",
  organisationId: "",
  createdBy: "",
  authorId: "",
  assignedTo: "",
  reference: "IPC-1999-999999",
  emailVerifiedAt: "2020-01-01T00:00:00.000Z",
  createdAt: "2020-01-01T00:00:00.000Z",
  team: "admin",
};

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  firm = makeOrganisation(db, "Harrow & Vell LLP");
  otherFirm = makeOrganisation(db, "Ostrander Kemp LLP");
  makeOrganisation(db, "Corvid Labs Ltd");
  filer = makeUser(db, "party", { organisationIds: [firm] });
  caseworker = makeUser(db, "caseworker");
  otherCaseworker = makeUser(db, "caseworker");
  Object.assign(HOSTILE, { organisationId: otherFirm, createdBy: otherCaseworker.id, authorId: otherCaseworker.id, assignedTo: otherCaseworker.id });
});
afterAll(() => testDb.close());

describe("extra fields posted with a form are ignored", () => {
  it("registerParty: role, organisationId, team and emailVerifiedAt cannot be chosen by the registrant", async () => {
    const input = {
      ...HOSTILE,
      name: "Imogen Thrale",
      email: "imogen.thrale@thrale-partners.test",
      accountType: "party",
      organisationName: "Thrale & Partners LLP",
      password: "marble kettle orbit lantern",
      confirmPassword: "marble kettle orbit lantern",
    } as RegisterPartyInput;
    await registerParty(testCtx(db, null), input);

    const user = db.select().from(users).where(eq(users.email, "imogen.thrale@thrale-partners.test")).get()!;
    expect(user).toMatchObject({ role: "party", team: null, emailVerifiedAt: null, createdAt: FIXED_NOW.toISOString() });
    expect(user.id).not.toBe("chosen-id");
    const memberships = db.select().from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all();
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.organisationId).not.toBe(otherFirm);
  });

  it("addCaseNote: the author, date and id are the server's, whatever is posted", () => {
    const caseId = newId();
    const at = FIXED_NOW.toISOString();
    db.insert(cases).values({ id: caseId, reference: "IPC-2026-000099", status: "in_triage", title: "Rook v Pawn", complaint: {}, ipRights: [], technologyTags: [], createdBy: filer.id, submittedAt: at, createdAt: at, updatedAt: at }).run();

    addCaseNote(testCtx(db, caseworker), { ...HOSTILE, caseId, body: "Spoke to the complainant's solicitor." } as Parameters<typeof addCaseNote>[1]);

    const notes = db.select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).all();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ authorId: caseworker.id, body: "Spoke to the complainant's solicitor.", createdAt: FIXED_NOW.toISOString() });
    expect(notes[0]!.id).not.toBe("chosen-id");
    expect(db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get()!.status).toBe("in_triage");
  });

  it("saveComplaintSection: neither the draft's status nor owner changes, and unknown answers are not stored", () => {
    const { id } = startComplaint(testCtx(db, filer));
    saveComplaintSection(testCtx(db, filer), {
      ...HOSTILE,
      draftId: id,
      section: "complainant",
      answers: { ...COMPLETE_ANSWERS.complainant, ...HOSTILE },
    } as Parameters<typeof saveComplaintSection>[1]);

    const row = db.select().from(cases).where(eq(cases.id, id)).get()!;
    expect(row).toMatchObject({ status: "draft", createdBy: filer.id, reference: null, assignedTo: null });
    expect(row.complaint).toEqual({ complainant: COMPLETE_ANSWERS.complainant });
  });

  it("submitComplaint: the case moves to submitted with a reference the service allocates, not one posted", () => {
    const { id } = startComplaint(testCtx(db, filer));
    for (const section of Object.keys(COMPLETE_ANSWERS) as SectionSlug[]) {
      saveComplaintSection(testCtx(db, filer), { draftId: id, section, answers: COMPLETE_ANSWERS[section] });
    }
    submitComplaint(testCtx(db, filer), { ...HOSTILE, draftId: id, statementOfTruth: "yes", signatoryName: "Aisha Mensah" } as Parameters<typeof submitComplaint>[1]);

    const row = db.select().from(cases).where(eq(cases.id, id)).get()!;
    expect(row).toMatchObject({ status: "submitted", createdBy: filer.id, assignedTo: null, submittedAt: FIXED_NOW.toISOString() });
    expect(row.reference).toMatch(/^IPC-2026-\d{6}$/);
    expect(row.reference).not.toBe(HOSTILE.reference);
  });
});
