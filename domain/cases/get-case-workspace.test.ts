import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { caseParties, cases } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { getCaseWorkspace } from "./get-case-workspace";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let complainantRep: Actor;
let respondentRep: Actor;
let caseworker: Actor;
let caseId: string;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  const complainant = makeOrganisation(db, "Corvid Labs Ltd");
  const respondent = makeOrganisation(db, "Meridian Cloud Systems Pte Ltd");
  complainantRep = makeUser(db, "party", { organisationIds: [complainant] });
  respondentRep = makeUser(db, "party", { organisationIds: [respondent] });
  caseworker = makeUser(db, "caseworker");
  caseId = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases).values({ id: caseId, reference: "IPC-2026-000001", status: "in_triage", title: "Corvid v Meridian", complaint: { summary: "Confidential detail" }, ipRights: ["trade_secret"], technologyTags: [], createdBy: complainantRep.id, submittedAt: at, createdAt: at, updatedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId, organisationId: complainant, role: "complainant", addedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId, organisationId: respondent, role: "respondent", addedAt: at }).run();
});

afterEach(() => testDb.close());

describe("who may read the complaint as filed", () => {
  it("shows it to staff and the complainant's side at once, and to the respondent's side only once it is served", () => {
    expect(getCaseWorkspace(testCtx(db, caseworker), caseId).complaintVisible).toBe(true);
    expect(getCaseWorkspace(testCtx(db, complainantRep), caseId).complaintVisible).toBe(true);
    expect(getCaseWorkspace(testCtx(db, respondentRep), caseId).complaintVisible).toBe(false);

    db.update(cases).set({ status: "assessment", acceptedOn: "2026-11-20", servedOn: "2026-11-20", serviceMethod: "email" }).where(eq(cases.id, caseId)).run();
    expect(getCaseWorkspace(testCtx(db, respondentRep), caseId).complaintVisible).toBe(true);
  });
});
