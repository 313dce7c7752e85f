import type { Db } from "@/db/client";
import { caseParties, cases, type CaseStatus } from "@/db/schema";
import { FIXED_NOW, makeOrganisation, makeUser } from "@/db/testing";
import { newId } from "../ids";

/** For upload tests only: a case between two represented parties, the people on it, and strangers. */
export function makeUploadTestWorld(db: Db) {
  const complainantOrg = makeOrganisation(db, "Corvid Labs Ltd");
  const complainantFirm = makeOrganisation(db, "Harrow & Vell LLP");
  const respondentOrg = makeOrganisation(db, "Meridian Cloud Systems Pte Ltd");
  const respondentFirm = makeOrganisation(db, "Ostrander Kemp LLP");
  const people = {
    complainantLawyer: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    complainantColleague: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    respondentLawyer: makeUser(db, "party", { organisationIds: [respondentFirm] }),
    outsider: makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Unrelated & Co")] }),
    caseworker: makeUser(db, "caseworker"),
    amicus: makeUser(db, "amicus"),
  };
  let count = 0;
  function makeCase(status: CaseStatus = "assessment"): string {
    const id = newId();
    const at = FIXED_NOW.toISOString();
    count += 1;
    db.insert(cases)
      .values({ id, reference: `IPC-2026-${String(900000 + count)}`, status, title: "Copied attention heads", complaint: {}, ipRights: ["trade_secret"], technologyTags: [], createdBy: people.complainantLawyer.id, submittedAt: at, createdAt: at, updatedAt: at })
      .run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrg, role: "complainant", representativeOrganisationId: complainantFirm, addedAt: at }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: respondentOrg, role: "respondent", representativeOrganisationId: respondentFirm, addedAt: at }).run();
    return id;
  }
  return { people, makeCase };
}
