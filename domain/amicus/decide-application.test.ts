import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications, auditEvents, conflictDeclarations, mailOutbox } from "@/db/schema";
import { createTestDb, makeOrganisation, makeUser, thrown } from "@/db/testing";
import { newId } from "../ids";
import { auditActions, notificationsFor } from "../evidence/evidence-test-world";
import { decideApplication } from "./decide-application";
import { makeLeaveTestWorld } from "./leave-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeLeaveTestWorld>;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeLeaveTestWorld(db);
});
afterAll(() => testDb.close());

/** Friday 11 December 2026, midday in London. */
const FRIDAY_11_DECEMBER = new Date("2026-12-11T12:00:00Z");

const rowOf = (id: string) => db.select().from(amicusApplications).where(eq(amicusApplications.id, id)).get()!;

describe("decideApplication", () => {
  it("grants leave with a word limit and a brief deadline from the rule catalogue, and tells the applicant and both parties", () => {
    const onCase = world.makeRegisterCase();
    const applicationId = world.makeApplication(onCase.id, world.people.amicus);
    const result = decideApplication(world.ctxFor(world.people.caseworker, FRIDAY_11_DECEMBER), { applicationId, outcome: "grant", reasons: "The points are new and relevant.", wordLimit: "3,500" });

    // 14 calendar days after Friday 11 December is Friday 25 December (Christmas Day); Saturday 26 and
    // Sunday 27 are weekend days and Monday 28 is the substitute Boxing Day holiday, so Tuesday 29 December.
    expect(result).toEqual({ applicationId, caseId: onCase.id, status: "granted", briefDueOn: "2026-12-29" });
    expect(rowOf(applicationId)).toMatchObject({
      status: "granted",
      decisionReasons: "The points are new and relevant.",
      decidedBy: world.people.caseworker.id,
      decidedAt: FRIDAY_11_DECEMBER.toISOString(),
      wordLimit: 3500,
      briefDueOn: "2026-12-29",
    });
    expect(auditActions(db, `amicus_application:${applicationId}`)).toEqual(["amicus.granted"]);
    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `amicus_application:${applicationId}`)).get()!;
    expect(JSON.parse(audit.data)).toMatchObject({ wordLimit: 3500, briefDueOn: "2026-12-29", reasons: "The points are new and relevant." });

    const toApplicant = notificationsFor(db, world.people.amicus.id, "amicus.decided").filter((n) => n.caseId === onCase.id);
    expect(toApplicant).toHaveLength(1);
    expect(toApplicant[0]!.link).toBe(`/portal/applications/${applicationId}`);
    expect(toApplicant[0]!.body).toContain("up to 3,500 words and must be filed by 11:59pm UK time on Tuesday 29 December 2026");
    const applicantMail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, world.people.amicus.email)).all().at(-1)!;
    expect(applicantMail.subject).toBe(`${onCase.reference}: leave to file an amicus brief granted`);
    expect(applicantMail.body).toContain("Reasons: The points are new and relevant.");
    expect(applicantMail.body).toContain("Tuesday 29 December 2026");
    expect(applicantMail.body).toContain(`http://localhost:3000/portal/applications/${applicationId}`);

    for (const partyUser of [world.people.complainantLawyer, world.people.complainantColleague, world.people.respondentLawyer]) {
      const told = notificationsFor(db, partyUser.id, "amicus.decided").filter((n) => n.caseId === onCase.id);
      expect(told).toHaveLength(1);
      expect(told[0]!.title).toBe("Leave granted to file an amicus brief");
      expect(told[0]!.body).toContain("Open Models Forum, representing Independent AI researchers");
      expect(told[0]!.body).toContain("Attention-head configurations are common knowledge in the field.");
      expect(told[0]!.body).toContain("up to 3,500 words and must be filed by Tuesday 29 December 2026");
      expect(told[0]!.body).toContain("You may respond to the brief once it has been filed.");
    }
    // Not the interested party, not an unrelated firm, not staff.
    for (const user of [world.people.interestedParty, world.people.outsider, world.people.supervisor]) {
      expect(notificationsFor(db, user.id, "amicus.decided").filter((n) => n.caseId === onCase.id)).toEqual([]);
    }
  });

  it("tells only the parties to this case, not the firms on an unrelated case", () => {
    const onCase = world.makeRegisterCase();
    // An unrelated case between two other organisations, each with their own lawyer.
    const elsewhereComplainant = makeOrganisation(db, "Fenwick Robotics Ltd");
    const elsewhereRespondent = makeOrganisation(db, "Quarry Lane Analytics Ltd");
    const elsewhereLawyers = [makeUser(db, "party", { organisationIds: [elsewhereComplainant] }), makeUser(db, "party", { organisationIds: [elsewhereRespondent] })];
    const applicationId = world.makeApplication(onCase.id, world.otherAmicus);
    decideApplication(world.ctxFor(world.people.supervisor, FRIDAY_11_DECEMBER), { applicationId, outcome: "grant", reasons: "Helpful.", wordLimit: 2000 });
    for (const lawyer of elsewhereLawyers) expect(notificationsFor(db, lawyer.id)).toEqual([]);
    expect(notificationsFor(db, world.people.respondentLawyer.id, "amicus.decided").filter((n) => n.caseId === onCase.id)).toHaveLength(1);
  });

  it("refuses with reasons the applicant reads, and does not tell the parties", () => {
    const onCase = world.makeRegisterCase();
    const applicationId = world.makeApplication(onCase.id, world.people.amicus);
    const result = decideApplication(world.ctxFor(world.people.caseworker, FRIDAY_11_DECEMBER), { applicationId, outcome: "refuse", reasons: "The complainant already makes these points.", wordLimit: "not looked at" });
    expect(result.status).toBe("refused");
    expect(rowOf(applicationId)).toMatchObject({ status: "refused", decisionReasons: "The complainant already makes these points.", wordLimit: null, briefDueOn: null, decidedBy: world.people.caseworker.id });
    expect(auditActions(db, `amicus_application:${applicationId}`)).toEqual(["amicus.refused"]);
    const toApplicant = notificationsFor(db, world.people.amicus.id, "amicus.decided").filter((n) => n.caseId === onCase.id);
    expect(toApplicant.map((n) => n.title)).toEqual([`${onCase.reference}: leave to file an amicus brief refused`]);
    expect(toApplicant[0]!.body).toContain("Reasons: The complainant already makes these points.");
    for (const partyUser of [world.people.complainantLawyer, world.people.respondentLawyer]) {
      expect(notificationsFor(db, partyUser.id, "amicus.decided").filter((n) => n.caseId === onCase.id)).toEqual([]);
    }
  });

  it("decides an application once only", () => {
    const onCase = world.makeRegisterCase();
    const applicationId = world.makeApplication(onCase.id, world.people.amicus);
    decideApplication(world.ctxFor(world.people.caseworker, FRIDAY_11_DECEMBER), { applicationId, outcome: "refuse", reasons: "Not relevant." });
    const again = thrown(() => decideApplication(world.ctxFor(world.people.supervisor, FRIDAY_11_DECEMBER), { applicationId, outcome: "grant", reasons: "Relevant after all.", wordLimit: 3000 }));
    expect([again.code, again.message]).toEqual(["conflict", "This application has already been decided."]);
    expect(rowOf(applicationId)).toMatchObject({ status: "refused", decisionReasons: "Not relevant." });
    expect(auditActions(db, `amicus_application:${applicationId}`)).toEqual(["amicus.refused"]);
  });

  it("names every problem with the decision", () => {
    const onCase = world.makeRegisterCase();
    const applicationId = world.makeApplication(onCase.id, world.people.amicus);
    const ctx = world.ctxFor(world.people.caseworker, FRIDAY_11_DECEMBER);
    expect(thrown(() => decideApplication(ctx, { applicationId, outcome: "", reasons: "" })).fieldErrors).toEqual({
      outcome: "Select whether to grant or refuse leave",
      reasons: "Enter the reasons for your decision",
    });
    expect(thrown(() => decideApplication(ctx, { applicationId, outcome: "grant", reasons: "x".repeat(5001), wordLimit: "" })).fieldErrors).toEqual({
      reasons: "Reasons must be 5000 characters or fewer",
      wordLimit: "Enter the word limit for the brief",
    });
    for (const [wordLimit, message] of [
      ["99", "Word limit must be between 100 and 20,000 words"],
      ["20001", "Word limit must be between 100 and 20,000 words"],
      ["3000.5", "Word limit must be a whole number of words, like 3000"],
    ] as const) {
      expect(thrown(() => decideApplication(ctx, { applicationId, outcome: "grant", reasons: "Fine.", wordLimit })).fieldErrors).toEqual({ wordLimit: message });
    }
    expect(rowOf(applicationId).status).toBe("applied");
  });

  it("lets only caseworkers and supervisors decide, and not one who has declared a conflict", () => {
    const onCase = world.makeRegisterCase();
    const applicationId = world.makeApplication(onCase.id, world.otherAmicus);
    const decide = (actor: Parameters<typeof world.ctxFor>[0]) => thrown(() => decideApplication(world.ctxFor(actor, FRIDAY_11_DECEMBER), { applicationId, outcome: "grant", reasons: "Mine.", wordLimit: 3000 }));
    // The applicant cannot decide their own application, nor can another amicus, a party or an admin.
    for (const actor of [world.otherAmicus, world.people.amicus, world.people.complainantLawyer, world.people.admin]) expect(decide(actor).code).toBe("not_found");
    expect(decide(null).code).toBe("unauthenticated");

    const conflicted = makeUser(db, "caseworker");
    db.insert(conflictDeclarations).values({ id: newId(), caseId: onCase.id, userId: conflicted.id, hasConflict: true, details: "Former employee of the respondent", declaredAt: FRIDAY_11_DECEMBER.toISOString() }).run();
    expect(decide(conflicted).code).toBe("forbidden");

    expect(thrown(() => decideApplication(world.ctxFor(world.people.caseworker), { applicationId: "no-such-application", outcome: "refuse", reasons: "x" })).code).toBe("not_found");
    expect(rowOf(applicationId).status).toBe("applied");
    expect(notificationsFor(db, world.otherAmicus.id, "amicus.decided").filter((n) => n.caseId === onCase.id)).toEqual([]);
  });
});
