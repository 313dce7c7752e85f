import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { caseParties, cases, type CaseStatus, type PartyRole } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { canSeeEvidence, getCaseForActor, sidesForActor, type EvidenceVisibilityFacts } from "./case-access";

function insertCase(db: Db, options: { title: string; status: CaseStatus; createdBy: string; publishedAt?: string | null; reference?: string | null }): string {
  const id = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases)
    .values({
      id,
      reference: options.reference ?? null,
      status: options.status,
      title: options.title,
      complaint: { summary: options.title },
      ipRights: ["copyright"],
      technologyTags: [],
      createdBy: options.createdBy,
      submittedAt: options.status === "draft" ? null : at,
      publishedAt: options.publishedAt ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return id;
}

function addParty(db: Db, caseId: string, role: PartyRole, organisationId: string, representativeOrganisationId: string | null): void {
  db.insert(caseParties).values({ id: newId(), caseId, organisationId, role, representativeOrganisationId, addedAt: FIXED_NOW.toISOString() }).run();
}

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let caseworker: Actor;
let supervisor: Actor;
let admin: Actor;
let complainantLawyer: Actor;
let complainantColleague: Actor;
let complainantInHouse: Actor;
let respondentLawyer: Actor;
let unrelatedLawyer: Actor;
let unaffiliatedParty: Actor;
let amicus: Actor;
let submittedCaseId: string;
let publishedCaseId: string;
let draftCaseId: string;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  const complainantCo = makeOrganisation(db, "Complainant Co");
  const complainantFirm = makeOrganisation(db, "Complainant Firm LLP");
  const respondentCo = makeOrganisation(db, "Respondent Co");
  const respondentFirm = makeOrganisation(db, "Respondent Firm LLP");
  const unrelatedFirm = makeOrganisation(db, "Unrelated Firm LLP");
  const amicusOrg = makeOrganisation(db, "Think Tank");

  caseworker = makeUser(db, "caseworker");
  supervisor = makeUser(db, "supervisor");
  admin = makeUser(db, "admin");
  complainantLawyer = makeUser(db, "party", { organisationIds: [complainantFirm] });
  complainantColleague = makeUser(db, "party", { organisationIds: [complainantFirm] });
  complainantInHouse = makeUser(db, "party", { organisationIds: [complainantCo] });
  respondentLawyer = makeUser(db, "party", { organisationIds: [respondentFirm] });
  unrelatedLawyer = makeUser(db, "party", { organisationIds: [unrelatedFirm] });
  unaffiliatedParty = makeUser(db, "party");
  amicus = makeUser(db, "amicus", { organisationIds: [amicusOrg] });

  submittedCaseId = insertCase(db, { title: "Submitted, unpublished", status: "submitted", createdBy: complainantLawyer.id, reference: "IPC-2026-000001" });
  addParty(db, submittedCaseId, "complainant", complainantCo, complainantFirm);
  addParty(db, submittedCaseId, "respondent", respondentCo, respondentFirm);

  publishedCaseId = insertCase(db, { title: "On the register", status: "assessment", createdBy: complainantLawyer.id, reference: "IPC-2026-000002", publishedAt: FIXED_NOW.toISOString() });
  addParty(db, publishedCaseId, "complainant", complainantCo, complainantFirm);
  addParty(db, publishedCaseId, "respondent", respondentCo, respondentFirm);

  draftCaseId = insertCase(db, { title: "Unfinished draft", status: "draft", createdBy: complainantLawyer.id });
  addParty(db, draftCaseId, "complainant", complainantCo, complainantFirm);
  addParty(db, draftCaseId, "respondent", respondentCo, respondentFirm);
});

afterAll(() => testDb.close());

const NOT_FOUND_MESSAGE = "The case could not be found.";

describe("getCaseForActor", () => {
  it("lets every staff role see a submitted case, with no sides", () => {
    for (const actor of [caseworker, supervisor, admin]) {
      const result = getCaseForActor({ db, actor }, submittedCaseId);
      expect(result.case.id).toBe(submittedCaseId);
      expect(result.case.title).toBe("Submitted, unpublished");
      expect(result.sides).toEqual([]);
    }
  });

  it("hides drafts from staff as not_found", () => {
    for (const actor of [caseworker, supervisor, admin]) {
      const error = thrown(() => getCaseForActor({ db, actor }, draftCaseId));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe(NOT_FOUND_MESSAGE);
    }
  });

  it("lets the complainant's firm, the complainant company and the respondent's firm see the case", () => {
    expect(getCaseForActor({ db, actor: complainantLawyer }, submittedCaseId).sides).toEqual(["complainant"]);
    expect(getCaseForActor({ db, actor: complainantInHouse }, submittedCaseId).sides).toEqual(["complainant"]);
    expect(getCaseForActor({ db, actor: respondentLawyer }, submittedCaseId).sides).toEqual(["respondent"]);
  });

  it("answers an unrelated party exactly as it answers a case that does not exist", () => {
    const hidden = thrown(() => getCaseForActor({ db, actor: unrelatedLawyer }, submittedCaseId));
    const missing = thrown(() => getCaseForActor({ db, actor: unrelatedLawyer }, newId()));
    expect(hidden.code).toBe("not_found");
    expect(missing.code).toBe("not_found");
    expect(hidden.message).toBe(missing.message);
    expect(hidden.fieldErrors).toEqual(missing.fieldErrors);
    expect(thrown(() => getCaseForActor({ db, actor: unaffiliatedParty }, submittedCaseId)).code).toBe("not_found");
  });

  it("shows amicus users and the public only the published case", () => {
    for (const actor of [amicus, null]) {
      expect(getCaseForActor({ db, actor }, publishedCaseId).case.id).toBe(publishedCaseId);
      expect(getCaseForActor({ db, actor }, publishedCaseId).sides).toEqual([]);
      const unpublished = thrown(() => getCaseForActor({ db, actor }, submittedCaseId));
      expect(unpublished.code).toBe("not_found");
      expect(unpublished.message).toBe(NOT_FOUND_MESSAGE);
      expect(thrown(() => getCaseForActor({ db, actor }, draftCaseId)).code).toBe("not_found");
    }
  });

  it("shows a draft only to the user who created it", () => {
    const own = getCaseForActor({ db, actor: complainantLawyer }, draftCaseId);
    expect(own.case.status).toBe("draft");
    expect(own.sides).toEqual(["complainant"]);
    // Same firm, same side of the case, but not the author.
    for (const actor of [complainantColleague, complainantInHouse, respondentLawyer, unrelatedLawyer, amicus, null]) {
      const error = thrown(() => getCaseForActor({ db, actor }, draftCaseId));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe(NOT_FOUND_MESSAGE);
    }
  });

  it("reads through a transaction handle when given one", () => {
    const inTx = db.transaction((tx) => getCaseForActor({ db, actor: respondentLawyer }, publishedCaseId, tx));
    expect(inTx.sides).toEqual(["respondent"]);
  });

  it("reads a case once per page, but afresh through a transaction and for every refusal", () => {
    const pageCtx = { db, actor: respondentLawyer, pageReads: new Map<string, unknown>() };
    const first = getCaseForActor(pageCtx, submittedCaseId);
    db.update(cases).set({ title: "Renamed after the first read" }).where(eq(cases.id, submittedCaseId)).run();
    try {
      expect(getCaseForActor(pageCtx, submittedCaseId)).toBe(first);
      expect(db.transaction((tx) => getCaseForActor(pageCtx, submittedCaseId, tx)).case.title).toBe("Renamed after the first read");
      // Without a page's memory every call reads the database.
      expect(getCaseForActor({ db, actor: respondentLawyer }, submittedCaseId).case.title).toBe("Renamed after the first read");
      // A refusal is never remembered as an answer: it throws each time.
      expect(thrown(() => getCaseForActor(pageCtx, draftCaseId)).code).toBe("not_found");
      expect(thrown(() => getCaseForActor(pageCtx, draftCaseId)).code).toBe("not_found");
      expect([...pageCtx.pageReads.keys()]).toEqual([`case-for-actor:${submittedCaseId}`]);
    } finally {
      db.update(cases).set({ title: "Submitted, unpublished" }).where(eq(cases.id, submittedCaseId)).run();
    }
  });
});

describe("sidesForActor", () => {
  it("names the side through membership of the party or of its representative", () => {
    expect(sidesForActor(db, complainantLawyer, submittedCaseId)).toEqual(["complainant"]);
    expect(sidesForActor(db, complainantInHouse, submittedCaseId)).toEqual(["complainant"]);
    expect(sidesForActor(db, respondentLawyer, submittedCaseId)).toEqual(["respondent"]);
  });

  it("is empty for outsiders, users without organisations, staff and the public", () => {
    expect(sidesForActor(db, unrelatedLawyer, submittedCaseId)).toEqual([]);
    expect(sidesForActor(db, unaffiliatedParty, submittedCaseId)).toEqual([]);
    expect(sidesForActor(db, caseworker, submittedCaseId)).toEqual([]);
    expect(sidesForActor(db, amicus, submittedCaseId)).toEqual([]);
    expect(sidesForActor(db, null, submittedCaseId)).toEqual([]);
  });

  it("reports each side once even when the actor is on both sides", () => {
    const both = makeUser(db, "party", { organisationIds: [] });
    const co = makeOrganisation(db, "Both-sides Co");
    const caseId = insertCase(db, { title: "Both sides", status: "submitted", createdBy: both.id });
    addParty(db, caseId, "complainant", co, null);
    addParty(db, caseId, "complainant", makeOrganisation(db), co);
    addParty(db, caseId, "respondent", makeOrganisation(db), co);
    addParty(db, caseId, "interested_party", makeOrganisation(db), co);
    const actor = { ...both, organisationIds: [co] };
    const sides = sidesForActor(db, actor, caseId);
    expect(sides).toHaveLength(3);
    expect([...sides].sort()).toEqual(["complainant", "interested_party", "respondent"]);
  });
});

describe("canSeeEvidence", () => {
  type Viewer = "staff" | "complainant" | "respondent" | "amicus" | "public" | "outsider";
  const viewers: Record<Viewer, () => { actor: Actor | null; sides: PartyRole[] }> = {
    staff: () => ({ actor: caseworker, sides: [] }),
    complainant: () => ({ actor: complainantLawyer, sides: ["complainant"] }),
    respondent: () => ({ actor: respondentLawyer, sides: ["respondent"] }),
    amicus: () => ({ actor: amicus, sides: [] }),
    public: () => ({ actor: null, sides: [] }),
    outsider: () => ({ actor: unrelatedLawyer, sides: [] }),
  };
  const order: Viewer[] = ["staff", "complainant", "respondent", "amicus", "public", "outsider"];

  // Each row: the evidence, then who may see it in the order staff, complainant, respondent, amicus, public, outsider party.
  const table: Array<[string, EvidenceVisibilityFacts, [boolean, boolean, boolean, boolean, boolean, boolean]]> = [
    ["restricted, complainant's, accepted, published", { confidentiality: "restricted", filingSide: "complainant", status: "accepted", casePublished: true }, [true, true, false, false, false, false]],
    ["restricted, respondent's, accepted, published", { confidentiality: "restricted", filingSide: "respondent", status: "accepted", casePublished: true }, [true, false, true, false, false, false]],
    ["restricted, regulator's, accepted", { confidentiality: "restricted", filingSide: "regulator", status: "accepted", casePublished: true }, [true, false, false, false, false, false]],
    ["parties, complainant's, accepted, published", { confidentiality: "parties", filingSide: "complainant", status: "accepted", casePublished: true }, [true, true, true, false, false, false]],
    ["parties, respondent's, received, unpublished", { confidentiality: "parties", filingSide: "respondent", status: "received", casePublished: false }, [true, true, true, false, false, false]],
    ["public, accepted, published", { confidentiality: "public", filingSide: "complainant", status: "accepted", casePublished: true }, [true, true, true, true, true, true]],
    ["public, accepted, unpublished", { confidentiality: "public", filingSide: "complainant", status: "accepted", casePublished: false }, [true, true, true, false, false, false]],
    ["public, received, published", { confidentiality: "public", filingSide: "respondent", status: "received", casePublished: true }, [true, true, true, false, false, false]],
    ["public, rejected, published", { confidentiality: "public", filingSide: "respondent", status: "rejected", casePublished: true }, [true, true, true, false, false, false]],
    ["public, superseded, published", { confidentiality: "public", filingSide: "complainant", status: "superseded", casePublished: true }, [true, true, true, false, false, false]],
    ["public, withdrawn, published", { confidentiality: "public", filingSide: "complainant", status: "withdrawn", casePublished: true }, [true, false, false, false, false, false]],
    ["parties, withdrawn", { confidentiality: "parties", filingSide: "complainant", status: "withdrawn", casePublished: true }, [true, false, false, false, false, false]],
    ["restricted, complainant's, withdrawn", { confidentiality: "restricted", filingSide: "complainant", status: "withdrawn", casePublished: false }, [true, false, false, false, false, false]],
  ];

  const rows = table.flatMap(([label, item, expected]) => order.map((viewer, i) => ({ label, item, viewer, allowed: expected[i]! })));

  it.each(rows)("$label → $viewer: $allowed", ({ item, viewer, allowed }) => {
    const { actor, sides } = viewers[viewer]();
    expect(canSeeEvidence(actor, sides, item)).toBe(allowed);
  });

  it("does not let an amicus claim a side they are not a party on", () => {
    const item: EvidenceVisibilityFacts = { confidentiality: "parties", filingSide: "complainant", status: "accepted", casePublished: true };
    expect(canSeeEvidence(amicus, ["complainant"], item)).toBe(false);
  });
});
