import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications } from "@/db/schema";
import { createTestDb, makeUser, thrown } from "@/db/testing";
import { decideApplication } from "./decide-application";
import { getApplicationPage, listCaseApplicationsForStaff, listGrantedApplicationsForParty, listOwnApplications } from "./list-applications";
import { makeLeaveTestWorld } from "./leave-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeLeaveTestWorld>;
let caseA: { id: string; reference: string };
let caseB: { id: string; reference: string };
let mine: { applied: string; granted: string; refused: string; onB: string };
let theirs: { applied: string; granted: string };

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeLeaveTestWorld(db);
  caseA = world.makeRegisterCase();
  caseB = world.makeRegisterCase();
  const { amicus } = world.people;
  const other = world.otherAmicus;
  // The refused one first, so the applicant may then hold a live one on the same case.
  const refused = world.makeApplication(caseA.id, amicus, { status: "refused", applicantName: "Refused Forum" });
  const applied = world.makeApplication(caseA.id, amicus, { applicantName: "Pending Forum" });
  const onB = world.makeApplication(caseB.id, amicus, { status: "granted", applicantName: "Mine On B" });
  const theirApplied = world.makeApplication(caseB.id, other, { applicantName: "Their Pending Forum" });
  const theirGranted = world.makeApplication(caseA.id, other, { status: "granted", applicantName: "Their Granted Forum" });
  // Stagger the creation times so "newest first" is something to check.
  const stamps: [string, string][] = [
    [refused, "2026-11-20T09:00:00.000Z"],
    [applied, "2026-11-21T09:00:00.000Z"],
    [onB, "2026-11-22T09:00:00.000Z"],
    [theirApplied, "2026-11-20T10:00:00.000Z"],
    [theirGranted, "2026-11-19T10:00:00.000Z"],
  ];
  for (const [id, createdAt] of stamps) db.update(amicusApplications).set({ createdAt }).where(eq(amicusApplications.id, id)).run();
  db.update(amicusApplications).set({ declinedToDisclose: true, disclosure: null, fundingDisclosure: null, wordLimit: 2500, briefDueOn: "2026-12-07" }).where(eq(amicusApplications.id, theirGranted)).run();
  mine = { applied, granted: onB, refused, onB };
  theirs = { applied: theirApplied, granted: theirGranted };
});
afterAll(() => testDb.close());

describe("listOwnApplications", () => {
  it("lists only the applicant's own applications, newest first, with the case reference and title", () => {
    const own = listOwnApplications(world.ctxFor(world.people.amicus));
    expect(own.map((a) => [a.id, a.caseReference, a.status])).toEqual([
      [mine.onB, caseB.reference, "granted"],
      [mine.applied, caseA.reference, "applied"],
      [mine.refused, caseA.reference, "refused"],
    ]);
    expect(own[0]!.caseTitle).toBe("Corvid Labs v Meridian Cloud");
    expect(listOwnApplications(world.ctxFor(world.otherAmicus)).map((a) => a.id).sort()).toEqual([theirs.applied, theirs.granted].sort());
    expect(listOwnApplications(world.ctxFor(makeUser(db, "amicus")))).toEqual([]);
  });

  it("is for amicus users only", () => {
    for (const actor of [world.people.complainantLawyer, world.people.caseworker]) expect(thrown(() => listOwnApplications(world.ctxFor(actor))).code).toBe("not_found");
    expect(thrown(() => listOwnApplications(world.ctxFor(null))).code).toBe("unauthenticated");
  });
});

describe("getApplicationPage", () => {
  it("shows the applicant their own application with its case", () => {
    const page = getApplicationPage(world.ctxFor(world.people.amicus), mine.applied);
    expect(page.application).toMatchObject({ id: mine.applied, applicantName: "Pending Forum", status: "applied" });
    expect(page.case).toEqual({ id: caseA.id, reference: caseA.reference, title: "Corvid Labs v Meridian Cloud" });
  });

  it("answers not_found for another applicant's application, exactly as for one that does not exist", () => {
    const others = thrown(() => getApplicationPage(world.ctxFor(world.people.amicus), theirs.applied));
    const missing = thrown(() => getApplicationPage(world.ctxFor(world.people.amicus), "no-such-application"));
    expect([others.code, others.message]).toEqual(["not_found", "The application could not be found."]);
    expect([missing.code, missing.message]).toEqual([others.code, others.message]);
    // A party to the case cannot open it through the applicant's page either.
    expect(thrown(() => getApplicationPage(world.ctxFor(world.people.complainantLawyer), mine.applied)).code).toBe("not_found");
  });

  it("does not let one amicus decide another's application, or their own", () => {
    for (const [actor, id] of [
      [world.people.amicus, theirs.applied],
      [world.otherAmicus, theirs.applied],
    ] as const) {
      expect(thrown(() => decideApplication(world.ctxFor(actor), { applicationId: id, outcome: "grant", reasons: "Granted by myself.", wordLimit: 20000 })).code).toBe("not_found");
    }
    expect(db.select().from(amicusApplications).where(eq(amicusApplications.id, theirs.applied)).get()!.status).toBe("applied");
  });
});

describe("listCaseApplicationsForStaff", () => {
  it("lists every application on the case, oldest first, with the disclosures, the declined flag and the account", () => {
    const onA = listCaseApplicationsForStaff(world.ctxFor(world.people.caseworker), caseA.id);
    expect(onA.map((a) => a.id)).toEqual([theirs.granted, mine.refused, mine.applied]);
    expect(onA[0]).toMatchObject({ applicantName: "Their Granted Forum", declinedToDisclose: true, disclosure: null, fundingDisclosure: null, applicantEmail: world.otherAmicus.email });
    expect(onA[2]).toMatchObject({ disclosure: "None", fundingDisclosure: "Funded by members' subscriptions", declinedToDisclose: false, applicantEmail: world.people.amicus.email });
    expect(listCaseApplicationsForStaff(world.ctxFor(world.people.admin), caseB.id).map((a) => a.id)).toEqual([theirs.applied, mine.onB]);
  });

  it("is for staff only", () => {
    for (const actor of [world.people.amicus, world.people.complainantLawyer]) expect(thrown(() => listCaseApplicationsForStaff(world.ctxFor(actor), caseA.id)).code).toBe("not_found");
    expect(thrown(() => listCaseApplicationsForStaff(world.ctxFor(world.people.caseworker), "no-such-case")).code).toBe("not_found");
  });
});

describe("listGrantedApplicationsForParty", () => {
  it("shows a party to the case only the granted applications, with the disclosure statement", () => {
    const forComplainant = listGrantedApplicationsForParty(world.ctxFor(world.people.complainantLawyer), caseA.id);
    expect(forComplainant).toEqual([
      {
        id: theirs.granted,
        applicantName: "Their Granted Forum",
        represents: "Independent AI researchers",
        interest: "Our members publish open model weights.",
        pointsSummary: "Attention-head configurations are common knowledge in the field.",
        declinedToDisclose: true,
        disclosureStatement: "Declined to disclose any relationship with the parties or who funded or contributed to the brief.",
        status: "granted",
        wordLimit: 2500,
        briefDueOn: "2026-12-07",
        decidedAt: null,
      },
    ]);
    const forRespondent = listGrantedApplicationsForParty(world.ctxFor(world.people.respondentLawyer), caseB.id);
    expect(forRespondent.map((a) => [a.id, a.disclosureStatement])).toEqual([[mine.onB, "Relationship with the parties: None. Funding and contributions: Funded by members' subscriptions."]]);
  });

  it("answers not_found to anyone who is not a party to the case", () => {
    for (const actor of [world.people.outsider, world.people.amicus, world.otherAmicus]) {
      expect(thrown(() => listGrantedApplicationsForParty(world.ctxFor(actor), caseA.id)).code).toBe("not_found");
    }
    expect(thrown(() => listGrantedApplicationsForParty(world.ctxFor(world.people.complainantLawyer), "no-such-case")).code).toBe("not_found");
  });
});
