import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { amicusApplications, amicusResponses, auditEvents, notifications } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import type { AmicusApplicationRow } from "./applications";
import { makeBriefTestWorld } from "./brief-test-world";
import { listBriefsForParty } from "./list-briefs";
import { listBriefResponses, MAX_RESPONSE_CHARACTERS, respondToBrief } from "./respond-to-brief";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeBriefTestWorld>;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeBriefTestWorld(db);
});
afterAll(() => testDb.close());

const RESPONSE_DUE_ON = "2026-12-30";
const FILED_AT = "2026-12-14T12:00:00.000Z";
const LAST_HALF_HOUR = new Date(`${RESPONSE_DUE_ON}T23:30:00.000Z`);
const DAY_AFTER = new Date("2026-12-31T00:30:00.000Z");

/** A granted application whose brief is on the record as A-001, written directly. */
function filedBrief(options: { assignedTo?: string | null; caseId?: string; applicant?: Actor } = {}): AmicusApplicationRow {
  const application = world.makeDecidedApplication(options);
  const item = world.makeEvidence(application.caseId, { side: "amicus", confidentiality: "public", status: "accepted", title: "Amicus brief: Open Models Forum", originalFilename: "brief.pdf" });
  db.update(amicusApplications).set({ status: "brief_filed", briefEvidenceId: item.id, briefWordCount: 4321, briefFiledAt: FILED_AT, responseDueOn: RESPONSE_DUE_ON }).where(eq(amicusApplications.id, application.id)).run();
  return db.select().from(amicusApplications).where(eq(amicusApplications.id, application.id)).get()!;
}

const respond = (actor: Actor | null, application: { id: string }, body = "The brief overlooks the respondent's own published work.", now = FIXED_NOW) =>
  respondToBrief(testCtx(db, actor, now), { applicationId: application.id, body });

describe("respondToBrief", () => {
  it("records a party's response for their side, audits it and tells the caseworker", () => {
    const application = filedBrief({ assignedTo: world.people.caseworker.id });
    const { responseId } = respond(world.people.respondentLawyer, application, "  We disagree with paragraph 4.  ");

    expect(db.select().from(amicusResponses).where(eq(amicusResponses.id, responseId)).get()).toMatchObject({
      applicationId: application.id,
      caseId: application.caseId,
      side: "respondent",
      filedBy: world.people.respondentLawyer.id,
      body: "We disagree with paragraph 4.",
      createdAt: FIXED_NOW.toISOString(),
    });
    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `amicus_application:${application.id}`)).all();
    expect(audit.map((event) => event.action)).toEqual(["amicus.response_filed"]);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({ responseId, side: "respondent", characters: 29 });
    const told = db.select().from(notifications).where(eq(notifications.caseId, application.caseId)).all();
    expect(told.map((notice) => [notice.userId, notice.kind])).toEqual([[world.people.caseworker.id, "amicus.response_filed"]]);
  });

  it("lets each side respond, more than once, until the end of the last day in London", () => {
    const application = filedBrief();
    respond(world.people.complainantLawyer, application, "First point.");
    respond(world.people.complainantColleague, application, "A further point.", LAST_HALF_HOUR);
    respond(world.people.respondentLawyer, application, "Our reply.");
    const listed = listBriefResponses(testCtx(db, world.people.caseworker), application.id);
    expect(listed.map((response) => [response.side, response.body])).toEqual([
      ["complainant", "First point."],
      ["complainant", "A further point."],
      ["respondent", "Our reply."],
    ]);
  });

  it("refuses a late response, giving the deadline", () => {
    const application = filedBrief();
    const error = thrown(() => respond(world.people.complainantLawyer, application, "Too late.", DAY_AFTER));
    expect(error).toMatchObject({ code: "conflict", message: "The deadline for responding to this brief was Wednesday 30 December 2026. A late response cannot be sent." });
    expect(db.select().from(amicusResponses).where(eq(amicusResponses.applicationId, application.id)).all()).toEqual([]);
  });

  it("is not found for the applicant, other amicus users, staff, outsiders and an interested party", () => {
    const application = filedBrief();
    expect(thrown(() => respond(null, application)).code).toBe("unauthenticated");
    for (const actor of [world.people.amicus, world.otherAmicus, world.people.caseworker, world.people.outsider, world.people.interestedParty]) {
      expect(thrown(() => respond(actor, application)).code).toBe("not_found");
    }
    expect(thrown(() => respond(world.people.complainantLawyer, { id: "no-such-application" })).code).toBe("not_found");
  });

  it("waits for the brief: granted is a conflict, an undecided or refused application is not found", () => {
    expect(thrown(() => respond(world.people.complainantLawyer, world.makeDecidedApplication())).message).toBe("You can respond once the brief has been filed.");
    expect(thrown(() => respond(world.people.complainantLawyer, world.makeDecidedApplication({ status: "applied" }))).code).toBe("not_found");
    expect(thrown(() => respond(world.people.complainantLawyer, world.makeDecidedApplication({ status: "refused" }))).code).toBe("not_found");
  });

  it("asks for a response of 1 to 20,000 characters", () => {
    const application = filedBrief();
    expect(thrown(() => respond(world.people.complainantLawyer, application, "   ")).fieldErrors.body).toBe("Enter your response");
    expect(thrown(() => respond(world.people.complainantLawyer, application, "x".repeat(MAX_RESPONSE_CHARACTERS + 1))).fieldErrors.body).toBe("Your response must be 20,000 characters or fewer");
    expect(respond(world.people.complainantLawyer, application, "x".repeat(MAX_RESPONSE_CHARACTERS)).responseId).toBeTruthy();
  });
});

describe("listBriefResponses", () => {
  it("shows both sides' responses to staff and to either party, and nothing to the applicant", () => {
    const application = filedBrief();
    respond(world.people.complainantLawyer, application, "From the complainant.");
    respond(world.people.respondentLawyer, application, "From the respondent.");
    for (const reader of [world.people.caseworker, world.people.supervisor, world.people.complainantLawyer, world.people.respondentLawyer]) {
      expect(listBriefResponses(testCtx(db, reader), application.id).map((response) => response.body)).toEqual(["From the complainant.", "From the respondent."]);
    }
    for (const reader of [world.people.amicus, world.otherAmicus, world.people.outsider, world.people.interestedParty]) {
      expect(thrown(() => listBriefResponses(testCtx(db, reader), application.id)).code).toBe("not_found");
    }
  });
});

describe("listBriefsForParty", () => {
  it("lists granted and filed applications on the party's case, with the brief, its responses and whether they may respond", () => {
    const filed = filedBrief();
    const caseId = filed.caseId;
    const granted = world.makeDecidedApplication({ caseId, applicant: world.otherAmicus });
    respond(world.people.respondentLawyer, filed, "Our reply.");

    const listing = listBriefsForParty(testCtx(db, world.people.complainantLawyer), caseId);
    expect(listing.side).toBe("complainant");
    expect(listing.briefs.map((brief) => [brief.applicationId, brief.status])).toEqual([
      [filed.id, "brief_filed"],
      [granted.id, "granted"],
    ]);
    const [brief, pending] = listing.briefs;
    expect(brief).toMatchObject({
      applicantName: "Open Models Forum",
      represents: "Independent AI researchers",
      disclosure: "None",
      fundingDisclosure: "Funded by members' subscriptions",
      pointsSummary: "Attention-head configurations are common knowledge in the field.",
      wordLimit: 5000,
      brief: { exhibitNumber: "A-001", words: 4321, filedAt: FILED_AT, responseDueOn: RESPONSE_DUE_ON, originalFilename: "brief.pdf" },
      mayRespond: true,
    });
    expect(brief!.responses.map((response) => [response.side, response.body])).toEqual([["respondent", "Our reply."]]);
    expect(pending).toMatchObject({ brief: null, mayRespond: false, responses: [] });

    expect(listBriefsForParty(testCtx(db, world.people.complainantLawyer, DAY_AFTER), caseId).briefs[0]!.mayRespond).toBe(false);
  });

  it("leaves out applications not granted", () => {
    const application = world.makeDecidedApplication({ status: "applied" });
    world.makeDecidedApplication({ status: "refused", caseId: application.caseId, applicant: world.otherAmicus });
    expect(listBriefsForParty(testCtx(db, world.people.respondentLawyer), application.caseId).briefs).toEqual([]);
  });

  it("shows an interested party the briefs but not the responses, and is not found for anyone else", () => {
    const filed = filedBrief();
    respond(world.people.complainantLawyer, filed, "Private to the parties and the regulator.");
    const listing = listBriefsForParty(testCtx(db, world.people.interestedParty), filed.caseId);
    expect(listing.side).toBeNull();
    expect(listing.briefs[0]).toMatchObject({ applicationId: filed.id, responses: [], mayRespond: false });
    for (const reader of [world.people.amicus, world.people.caseworker, world.people.outsider]) {
      expect(thrown(() => listBriefsForParty(testCtx(db, reader), filed.caseId)).code).toBe("not_found");
    }
  });
});
