import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { confidentialityChallenges, type Confidentiality } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { evidenceAccessLevel } from "../access/case-access";
import { EVIDENCE_LIST_LIMIT, getEvidenceForActor, getEvidenceListingForActor, listCaseEvidence } from "./evidence-access";
import { domainErrorOf, makeEvidenceTestWorld } from "./evidence-test-world";
import type { EvidenceStatus } from "./evidence-rules";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;

function openWorld() {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
}

type Viewer = "staff" | "filingSide" | "otherSide" | "interested" | "amicus" | "public";
const VIEWERS: Viewer[] = ["staff", "filingSide", "otherSide", "interested", "amicus", "public"];

function viewer(name: Viewer): Actor | null {
  const p = world.people;
  return { staff: p.caseworker, filingSide: p.complainantColleague, otherSide: p.respondentLawyer, interested: p.interestedParty, amicus: p.amicus, public: null }[name];
}

describe("who may open a complainant's item (published case)", () => {
  // One database for the whole matrix: each row files its own item on its own case.
  beforeAll(openWorld);
  afterAll(() => testDb.close());

  // Columns: staff, filing side, other side, interested party, amicus, public.
  const matrix: Array<[Confidentiality, EvidenceStatus, [boolean, boolean, boolean, boolean, boolean, boolean]]> = [
    ["public", "received", [true, true, true, true, false, false]],
    ["public", "accepted", [true, true, true, true, true, true]],
    ["public", "withdrawn", [true, false, false, false, false, false]],
    ["public", "superseded", [true, true, true, true, false, false]],
    ["parties", "received", [true, true, true, true, false, false]],
    ["parties", "accepted", [true, true, true, true, false, false]],
    ["parties", "withdrawn", [true, false, false, false, false, false]],
    ["parties", "superseded", [true, true, true, true, false, false]],
    ["restricted", "received", [true, true, false, false, false, false]],
    ["restricted", "accepted", [true, true, false, false, false, false]],
    ["restricted", "withdrawn", [true, false, false, false, false, false]],
    ["restricted", "superseded", [true, true, false, false, false, false]],
  ];
  const cases = matrix.flatMap(([confidentiality, status, expected]) => VIEWERS.map((who, i) => ({ confidentiality, status, who, allowed: expected[i]! })));

  it.each(cases)("$confidentiality, $status → $who: $allowed", ({ confidentiality, status, who, allowed }) => {
    const caseId = world.makeCase({ publishedAt: FIXED_NOW.toISOString() });
    const item = world.makeEvidence(caseId, { confidentiality, status });
    const ctx = testCtx(db, viewer(who));
    if (allowed) {
      expect(getEvidenceForActor(ctx, item.id).item.id).toBe(item.id);
    } else {
      const error = domainErrorOf(() => getEvidenceForActor(ctx, item.id));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("The evidence could not be found.");
    }
    const listed = listCaseEvidence(ctx, caseId).items.find((row) => row.id === item.id);
    // The other side may know a restricted item exists (to challenge it), but never its content.
    const listable = allowed || (who === "otherSide" && confidentiality === "restricted" && status !== "withdrawn");
    expect(listed !== undefined).toBe(listable);
    if (listed) expect(listed.redacted).toBe(!allowed);
    if (listed?.redacted) expect(listed.title).toBeNull();
  });

  it("answers a missing item exactly as a forbidden one", () => {
    const caseId = world.makeCase();
    const restricted = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const ctx = testCtx(db, world.people.respondentLawyer);
    const forbidden = domainErrorOf(() => getEvidenceForActor(ctx, restricted.id));
    const missing = domainErrorOf(() => getEvidenceForActor(ctx, newId()));
    expect({ code: forbidden.code, message: forbidden.message }).toEqual({ code: missing.code, message: missing.message });
  });

  it("hides everything on a case the viewer may not see, as not found", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "public", status: "accepted" });
    expect(domainErrorOf(() => getEvidenceForActor(testCtx(db, world.people.outsider), item.id)).message).toBe("The evidence could not be found.");
    expect(domainErrorOf(() => listCaseEvidence(testCtx(db, world.people.outsider), caseId)).code).toBe("not_found");
  });

  it("shows the public nothing on a case that is not on the register", () => {
    const caseId = world.makeCase({ publishedAt: null });
    world.makeEvidence(caseId, { confidentiality: "public", status: "accepted" });
    expect(domainErrorOf(() => listCaseEvidence(testCtx(db, null), caseId)).code).toBe("not_found");
  });
});

describe("the listing level", () => {
  beforeEach(openWorld);
  afterEach(() => testDb.close());

  it("lets only the opposing party list a party's restricted item, never a regulator's", () => {
    const facts = (filingSide: "complainant" | "respondent" | "regulator") => ({ confidentiality: "restricted" as const, filingSide, status: "received" as const, casePublished: true });
    const { respondentLawyer, interestedParty, amicus, complainantLawyer } = world.people;
    expect(evidenceAccessLevel(respondentLawyer, ["respondent"], facts("complainant"))).toBe("listing");
    expect(evidenceAccessLevel(complainantLawyer, ["complainant"], facts("respondent"))).toBe("listing");
    expect(evidenceAccessLevel(complainantLawyer, ["complainant"], facts("complainant"))).toBe("full");
    expect(evidenceAccessLevel(respondentLawyer, ["respondent"], facts("regulator"))).toBe("none");
    expect(evidenceAccessLevel(interestedParty, ["interested_party"], facts("complainant"))).toBe("none");
    expect(evidenceAccessLevel(amicus, ["respondent"], facts("complainant"))).toBe("none");
    expect(evidenceAccessLevel(null, [], facts("complainant"))).toBe("none");
  });

  it("answers a listing read for the other side's restricted item but not a content read", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { confidentiality: "restricted", side: "complainant" });
    const ctx = testCtx(db, world.people.respondentLawyer);
    expect(getEvidenceListingForActor(ctx, item.id).level).toBe("listing");
    expect(domainErrorOf(() => getEvidenceForActor(ctx, item.id)).code).toBe("not_found");
    expect(domainErrorOf(() => getEvidenceListingForActor(testCtx(db, world.people.interestedParty), item.id)).code).toBe("not_found");
  });
});

describe("listCaseEvidence", () => {
  beforeEach(openWorld);
  afterEach(() => testDb.close());

  it("sorts by each column, both ways, with exhibits in numeric order within each side", () => {
    const caseId = world.makeCase();
    const at = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * 60_000).toISOString();
    world.makeEvidence(caseId, { side: "respondent", title: "beta", confidentiality: "public", status: "accepted", receivedAt: at(3) });
    world.makeEvidence(caseId, { side: "complainant", title: "Alpha", confidentiality: "restricted", status: "rejected", receivedAt: at(1) });
    world.makeEvidence(caseId, { side: "regulator", title: "gamma", confidentiality: "parties", status: "received", receivedAt: at(2) });
    world.makeEvidence(caseId, { side: "complainant", title: "delta", confidentiality: "parties", status: "superseded", receivedAt: at(4), exhibitNumber: "C-1000" });
    world.makeEvidence(caseId, { side: "complainant", title: "Epsilon", confidentiality: "public", status: "withdrawn", receivedAt: at(0), exhibitNumber: "C-999" });
    const ctx = testCtx(db, world.people.caseworker);
    const exhibits = (sort: Parameters<typeof listCaseEvidence>[2]) => listCaseEvidence(ctx, caseId, sort).items.map((item) => item.exhibitNumber);

    expect(exhibits({})).toEqual(["C-001", "C-999", "C-1000", "R-001", "X-001"]);
    expect(exhibits({ sort: "exhibit", dir: "desc" })).toEqual(["X-001", "R-001", "C-1000", "C-999", "C-001"]);
    expect(exhibits({ sort: "title", dir: "asc" })).toEqual(["C-001", "R-001", "C-1000", "C-999", "X-001"]);
    expect(exhibits({ sort: "title", dir: "desc" })).toEqual(["X-001", "C-999", "C-1000", "R-001", "C-001"]);
    expect(exhibits({ sort: "party", dir: "asc" })).toEqual(["C-001", "C-999", "C-1000", "X-001", "R-001"]);
    expect(exhibits({ sort: "confidentiality", dir: "asc" })).toEqual(["C-999", "R-001", "C-1000", "X-001", "C-001"]);
    expect(exhibits({ sort: "status", dir: "asc" })).toEqual(["X-001", "R-001", "C-001", "C-1000", "C-999"]);
    expect(exhibits({ sort: "received", dir: "asc" })).toEqual(["C-999", "C-001", "X-001", "R-001", "C-1000"]);
    expect(exhibits({ sort: "received", dir: "desc" })).toEqual(["C-1000", "R-001", "X-001", "C-001", "C-999"]);
  });

  it("sorts a redacted row as if it had no title, so its place does not hint at its name", () => {
    const caseId = world.makeCase();
    world.makeEvidence(caseId, { side: "respondent", title: "Mmm", confidentiality: "parties" });
    world.makeEvidence(caseId, { side: "complainant", title: "Zzz secret", confidentiality: "restricted" });
    const items = listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId, { sort: "title", dir: "asc" }).items;
    expect(items.map((item) => [item.exhibitNumber, item.title, item.redacted])).toEqual([
      ["C-001", null, true],
      ["R-001", "Mmm", false],
    ]);
  });

  it("marks a superseded item and links its replacement only for those who may open it", () => {
    const caseId = world.makeCase();
    const old = world.makeEvidence(caseId, { status: "superseded", confidentiality: "parties" });
    const replacement = world.makeEvidence(caseId, { supersedesId: old.id, confidentiality: "parties" });
    const oldRestricted = world.makeEvidence(caseId, { status: "superseded", confidentiality: "restricted" });
    world.makeEvidence(caseId, { supersedesId: oldRestricted.id, confidentiality: "restricted" });

    const forOtherSide = listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId).items;
    expect(forOtherSide.find((item) => item.id === old.id)?.supersededBy).toEqual({ exhibitNumber: replacement.exhibitNumber, id: replacement.id });
    expect(forOtherSide.find((item) => item.id === oldRestricted.id)?.supersededBy).toEqual({ exhibitNumber: "C-004", id: null });
    expect(forOtherSide.find((item) => item.id === replacement.id)?.supersededBy).toBeNull();
  });

  it("offers a challenge to the other party only, and not while one is open", () => {
    const caseId = world.makeCase();
    const restricted = world.makeEvidence(caseId, { confidentiality: "restricted" });
    const parties = world.makeEvidence(caseId, { confidentiality: "parties" });
    const publicItem = world.makeEvidence(caseId, { confidentiality: "public" });
    const flags = (actor: Actor) => Object.fromEntries(listCaseEvidence(testCtx(db, actor), caseId).items.map((item) => [item.exhibitNumber, item.canChallenge]));
    expect(flags(world.people.respondentLawyer)).toEqual({ [restricted.exhibitNumber]: true, [parties.exhibitNumber]: true, [publicItem.exhibitNumber]: false });
    expect(Object.values(flags(world.people.complainantLawyer)).some(Boolean)).toBe(false);
    expect(Object.values(flags(world.people.caseworker)).some(Boolean)).toBe(false);

    db.insert(confidentialityChallenges)
      .values({ id: newId(), evidenceId: parties.id, caseId, challengedBy: world.people.respondentLawyer.id, challengerSide: "respondent", reasons: "Not secret", status: "open", createdAt: FIXED_NOW.toISOString() })
      .run();
    const row = listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId).items.find((item) => item.id === parties.id);
    expect(row).toMatchObject({ canChallenge: false, challengeOpen: true });
  });

  it("says which side the viewer files for, and nothing for those who may not file", () => {
    const caseId = world.makeCase();
    expect(listCaseEvidence(testCtx(db, world.people.complainantLawyer), caseId).filingSide).toBe("complainant");
    expect(listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId).filingSide).toBe("respondent");
    expect(listCaseEvidence(testCtx(db, world.people.caseworker), caseId).filingSide).toBe("regulator");
    expect(listCaseEvidence(testCtx(db, world.people.admin), caseId).filingSide).toBeNull();
    const closed = world.makeCase({ status: "closed" });
    expect(listCaseEvidence(testCtx(db, world.people.complainantLawyer), closed).filingSide).toBeNull();
  });

  it(`stops at ${EVIDENCE_LIST_LIMIT} items and says so`, () => {
    const caseId = world.makeCase();
    for (let i = 0; i < EVIDENCE_LIST_LIMIT + 1; i += 1) world.makeEvidence(caseId, { confidentiality: "public" });
    const list = listCaseEvidence(testCtx(db, world.people.caseworker), caseId);
    expect(list.items).toHaveLength(EVIDENCE_LIST_LIMIT);
    expect(list.truncated).toBe(true);
    const reversed = listCaseEvidence(testCtx(db, world.people.caseworker), caseId, { sort: "exhibit", dir: "desc" });
    expect(reversed.items[0]!.exhibitNumber).toBe("C-501");
  });
});
