import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { caseParties, cases, type CaseStatus, type PartyRole } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { listCasesForActor, type CaseListItem } from "./list-cases";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let orgs: Record<"a" | "aFirm" | "b" | "bFirm" | "x" | "y", string>;
let staff: Actor;
let admin: Actor;
let aLawyer: Actor;
let aColleague: Actor;
let aInHouse: Actor;
let xMember: Actor;
let noOrgParty: Actor;
let amicus: Actor;

function insertCase(id: string, status: CaseStatus, createdBy: string, at: string, options: { published?: boolean } = {}): void {
  db.insert(cases)
    .values({
      id,
      reference: status === "draft" ? null : `REF-${id}`,
      status,
      title: `Case ${id}`,
      complaint: {},
      ipRights: ["copyright"],
      technologyTags: [],
      createdBy,
      submittedAt: status === "draft" ? null : at,
      publishedAt: options.published ? at : null,
      // createdAt deliberately differs from submittedAt for submitted cases: the sort must use submittedAt.
      createdAt: status === "draft" ? at : "2026-01-01T00:00:00.000Z",
      updatedAt: at,
    })
    .run();
}

function addParty(caseId: string, role: PartyRole, organisationId: string, representativeOrganisationId: string | null = null): void {
  db.insert(caseParties).values({ id: newId(), caseId, organisationId, role, representativeOrganisationId, addedAt: FIXED_NOW.toISOString() }).run();
}

/** Follows nextCursor until the end, failing on a runaway loop. */
function walk(actor: Actor, limit: number): { ids: string[]; pages: number; pageSizes: number[] } {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let after: string | undefined;
  for (let pages = 1; pages <= 100; pages += 1) {
    const page = listCasesForActor(testCtx(db, actor), { after, limit });
    ids.push(...page.items.map((i) => i.id));
    pageSizes.push(page.items.length);
    if (!page.nextCursor) return { ids, pages, pageSizes };
    after = page.nextCursor;
  }
  throw new Error("pagination did not terminate");
}

const idsOf = (items: CaseListItem[]) => items.map((i) => i.id);

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  orgs = {
    a: makeOrganisation(db, "A Co"),
    aFirm: makeOrganisation(db, "A Firm LLP"),
    b: makeOrganisation(db, "B Co"),
    bFirm: makeOrganisation(db, "B Firm LLP"),
    x: makeOrganisation(db, "X Co"),
    y: makeOrganisation(db, "Y Co"),
  };
  staff = makeUser(db, "caseworker");
  admin = makeUser(db, "admin");
  aLawyer = makeUser(db, "party", { organisationIds: [orgs.aFirm] });
  aColleague = makeUser(db, "party", { organisationIds: [orgs.aFirm] });
  aInHouse = makeUser(db, "party", { organisationIds: [orgs.a] });
  xMember = makeUser(db, "party", { organisationIds: [orgs.x] });
  noOrgParty = makeUser(db, "party");
  amicus = makeUser(db, "amicus");

  insertCase("c-a", "submitted", aLawyer.id, "2026-11-20T09:00:00.000Z");
  addParty("c-a", "complainant", orgs.a, orgs.aFirm);
  addParty("c-a", "respondent", orgs.b, orgs.bFirm);
  // c-b and c-c share a submission time: the id breaks the tie (descending).
  insertCase("c-b", "in_triage", xMember.id, "2026-11-18T09:00:00.000Z");
  addParty("c-b", "complainant", orgs.x);
  addParty("c-b", "respondent", orgs.a);
  insertCase("c-c", "assessment", xMember.id, "2026-11-18T09:00:00.000Z", { published: true });
  addParty("c-c", "complainant", orgs.x);
  addParty("c-c", "respondent", orgs.b);
  insertCase("c-d", "decided", xMember.id, "2026-11-15T09:00:00.000Z", { published: true });
  addParty("c-d", "complainant", orgs.x);
  addParty("c-d", "respondent", orgs.y);
  insertCase("c-e", "closed", xMember.id, "2026-10-01T09:00:00.000Z");
  addParty("c-e", "complainant", orgs.x);
  addParty("c-e", "respondent", orgs.y, orgs.aFirm);
  insertCase("c-f", "withdrawn", xMember.id, "2026-09-01T09:00:00.000Z");
  addParty("c-f", "complainant", orgs.x);
  addParty("c-f", "respondent", orgs.y);

  insertCase("d-own", "draft", aLawyer.id, "2026-11-21T08:00:00.000Z");
  addParty("d-own", "complainant", orgs.a, orgs.aFirm);
  addParty("d-own", "respondent", orgs.b);
  insertCase("d-colleague", "draft", aColleague.id, "2026-11-19T08:00:00.000Z");
  addParty("d-colleague", "complainant", orgs.a, orgs.aFirm);
  insertCase("d-noorg", "draft", noOrgParty.id, "2026-11-17T08:00:00.000Z");
});

afterAll(() => testDb.close());

describe("listCasesForActor", () => {
  it("shows staff every non-draft case, newest first, ties broken by id", () => {
    for (const actor of [staff, admin]) {
      const page = listCasesForActor(testCtx(db, actor));
      expect(idsOf(page.items)).toEqual(["c-a", "c-c", "c-b", "c-d", "c-e", "c-f"]);
      expect(page.nextCursor).toBeNull();
    }
  });

  it("returns the list fields, with complainant and respondent names", () => {
    const [first] = listCasesForActor(testCtx(db, staff), { limit: 1 }).items;
    expect(first).toEqual({ id: "c-a", reference: "REF-c-a", title: "Case c-a", status: "submitted", submittedAt: "2026-11-20T09:00:00.000Z", complainant: "A Co", respondent: "B Co" });
  });

  it("shows a party the cases their organisation is on or represents, plus only their own drafts", () => {
    expect(idsOf(listCasesForActor(testCtx(db, aLawyer)).items)).toEqual(["d-own", "c-a", "c-e"]);
    expect(idsOf(listCasesForActor(testCtx(db, aColleague)).items)).toEqual(["c-a", "d-colleague", "c-e"]);
    expect(idsOf(listCasesForActor(testCtx(db, aInHouse)).items)).toEqual(["c-a", "c-b"]);
    expect(idsOf(listCasesForActor(testCtx(db, xMember)).items)).toEqual(["c-c", "c-b", "c-d", "c-e", "c-f"]);
  });

  it("leaves drafts out when asked, for views that list drafts on their own", () => {
    expect(idsOf(listCasesForActor(testCtx(db, aLawyer), { excludeDrafts: true }).items)).toEqual(["c-a", "c-e"]);
    expect(idsOf(listCasesForActor(testCtx(db, noOrgParty), { excludeDrafts: true }).items)).toEqual([]);
  });

  it("shows a party with no organisation only their own drafts", () => {
    expect(idsOf(listCasesForActor(testCtx(db, noOrgParty)).items)).toEqual(["d-noorg"]);
  });

  it("shows an amicus only published cases", () => {
    expect(idsOf(listCasesForActor(testCtx(db, amicus)).items)).toEqual(["c-c", "c-d"]);
  });

  it("requires a signed-in actor", () => {
    expect(thrown(() => listCasesForActor(testCtx(db, null))).code).toBe("unauthenticated");
  });

  it("walks every page with limit 2 without duplicates or gaps, across a tie at a page boundary", () => {
    const full = idsOf(listCasesForActor(testCtx(db, staff), { limit: 100 }).items);
    const walked = walk(staff, 2);
    expect(walked.ids).toEqual(full);
    expect(walked.pageSizes).toEqual([2, 2, 2]);
    expect(new Set(walked.ids).size).toBe(walked.ids.length);

    for (const actor of [aLawyer, aColleague, aInHouse, xMember, amicus]) {
      const all = idsOf(listCasesForActor(testCtx(db, actor), { limit: 100 }).items);
      expect(walk(actor, 2).ids).toEqual(all);
      expect(walk(actor, 1).ids).toEqual(all);
    }
  });

  it("gives no next cursor when the last page is exactly full", () => {
    const first = listCasesForActor(testCtx(db, aLawyer), { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeNull();
    const partial = listCasesForActor(testCtx(db, aLawyer), { limit: 2 });
    expect(partial.nextCursor).not.toBeNull();
  });

  it("ignores a garbage cursor and returns the first page", () => {
    const firstPage = idsOf(listCasesForActor(testCtx(db, staff), { limit: 2 }).items);
    const garbage = [
      "garbage",
      "%%%not-base64%%%",
      "",
      Buffer.from("not json").toString("base64url"),
      Buffer.from('{"a":1}').toString("base64url"),
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["only-one"]').toString("base64url"),
      Buffer.from('["a","b","c"]').toString("base64url"),
      Buffer.from("null").toString("base64url"),
    ];
    for (const after of garbage) {
      expect(idsOf(listCasesForActor(testCtx(db, staff), { after, limit: 2 }).items), after).toEqual(firstPage);
    }
  });

  it("rejects an over-long cursor as invalid input rather than crashing", () => {
    const error = thrown(() => listCasesForActor(testCtx(db, staff), { after: "x".repeat(201) }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.after).toBeDefined();
  });

  it("never lets a forged cursor widen what an actor sees", () => {
    const forged = Buffer.from(JSON.stringify(["9999-12-31T00:00:00.000Z", "zzzz"])).toString("base64url");
    expect(idsOf(listCasesForActor(testCtx(db, aInHouse), { after: forged }).items)).toEqual(["c-a", "c-b"]);
    expect(idsOf(listCasesForActor(testCtx(db, amicus), { after: forged }).items)).toEqual(["c-c", "c-d"]);
  });

  it("validates the page size", () => {
    expect(thrown(() => listCasesForActor(testCtx(db, staff), { limit: 0 })).code).toBe("invalid");
    expect(thrown(() => listCasesForActor(testCtx(db, staff), { limit: 101 })).code).toBe("invalid");
    expect(thrown(() => listCasesForActor(testCtx(db, staff), { limit: 1.5 })).code).toBe("invalid");
  });
});

describe("listCasesForActor with many ties", () => {
  it("pages through 30 cases sharing 3 timestamps in a stable order", () => {
    const local = createTestDb();
    try {
      const user = makeUser(local.db, "caseworker");
      const stamps = ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"];
      const expected: Array<{ id: string; at: string }> = [];
      for (let i = 0; i < 30; i += 1) {
        const id = newId();
        const stamp = stamps[i % 3]!;
        expected.push({ id, at: stamp });
        local.db
          .insert(cases)
          .values({ id, reference: null, status: "submitted", title: `T${i}`, complaint: {}, ipRights: [], technologyTags: [], createdBy: user.id, submittedAt: stamp, createdAt: stamp, updatedAt: stamp })
          .run();
      }
      expected.sort((p, q) => (p.at === q.at ? (p.id < q.id ? 1 : -1) : p.at < q.at ? 1 : -1));

      const seen: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 50; guard += 1) {
        const page = listCasesForActor(testCtx(local.db, user), { after, limit: 4 });
        seen.push(...page.items.map((i) => i.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(seen).toEqual(expected.map((e) => e.id));
    } finally {
      local.close();
    }
  });
});
