import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { amicusApplications, auditEvents, mailOutbox } from "@/db/schema";
import { createTestDb, makeUser, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { auditActions, notificationsFor } from "../evidence/evidence-test-world";
import { applyForLeave, getApplicationFormContext } from "./apply-for-leave";
import { makeLeaveTestWorld, validApplication } from "./leave-test-world";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeLeaveTestWorld>;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeLeaveTestWorld(db);
});
afterAll(() => testDb.close());

const applicationCount = () => db.select({ n: count() }).from(amicusApplications).get()!.n;
/** A fresh amicus applicant, so tests do not trip over each other's live applications. */
const newApplicant = (): Actor => makeUser(db, "amicus");

describe("applyForLeave", () => {
  it("records the application, audits it and tells the caseworker on the case", () => {
    const onCase = world.makeRegisterCase({ assignedTo: world.people.caseworker.id });
    const applicant = newApplicant();
    const { applicationId, caseId } = applyForLeave(world.ctxFor(applicant), validApplication(onCase.reference.toLowerCase()));
    expect(caseId).toBe(onCase.id);

    const row = db.select().from(amicusApplications).where(eq(amicusApplications.id, applicationId)).get();
    expect(row).toMatchObject({
      caseId: onCase.id,
      applicantId: applicant.id,
      applicantName: "Dr Ada Quillfeather",
      represents: "The Society for Open Model Research",
      disclosure: "None",
      fundingDisclosure: "Written by our members without outside funding.",
      declinedToDisclose: false,
      requestedWords: 3000,
      status: "applied",
      decisionReasons: null,
      wordLimit: null,
      briefDueOn: null,
    });

    expect(auditActions(db, `amicus_application:${applicationId}`)).toEqual(["amicus.applied"]);
    const audit = db.select().from(auditEvents).where(eq(auditEvents.subject, `amicus_application:${applicationId}`)).get()!;
    expect(audit).toMatchObject({ actorId: applicant.id, caseId: onCase.id });
    expect(JSON.parse(audit.data)).toMatchObject({ requestedWords: 3000, declinedToDisclose: false });

    // The assigned caseworker only: the supervisor is not told while someone has the case.
    const told = notificationsFor(db, world.people.caseworker.id, "amicus.applied").filter((n) => n.caseId === onCase.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/cases/${onCase.id}#amicus`);
    expect(told[0]!.body).toContain("Dr Ada Quillfeather, representing The Society for Open Model Research, has applied for leave to file an amicus brief of up to 3,000 words");
    expect(notificationsFor(db, world.people.supervisor.id, "amicus.applied").filter((n) => n.caseId === onCase.id)).toEqual([]);
    const mail = db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, world.people.caseworker.email)).all();
    expect(mail.map((m) => m.subject)).toContain(`${onCase.reference}: application to file an amicus brief`);
  });

  it("tells every active caseworker and supervisor when nobody has the case", () => {
    const onCase = world.makeRegisterCase();
    applyForLeave(world.ctxFor(newApplicant()), validApplication(onCase.reference));
    const toldAbout = (user: Actor) => notificationsFor(db, user.id, "amicus.applied").filter((n) => n.caseId === onCase.id).length;
    expect(toldAbout(world.people.caseworker)).toBe(1);
    expect(toldAbout(world.people.supervisor)).toBe(1);
    expect(toldAbout(world.people.disabledSupervisor)).toBe(0);
    expect(toldAbout(world.people.admin)).toBe(0);
  });

  it("stores nothing for the disclosures when the applicant declines, and flags it for the caseworker", () => {
    const onCase = world.makeRegisterCase({ assignedTo: world.people.caseworker.id });
    const { applicationId } = applyForLeave(
      world.ctxFor(newApplicant()),
      validApplication(onCase.reference, { declineToDisclose: "yes", relationshipDisclosure: "typed before changing their mind", fundingDisclosure: "" }),
    );
    const row = db.select().from(amicusApplications).where(eq(amicusApplications.id, applicationId)).get()!;
    expect(row).toMatchObject({ declinedToDisclose: true, disclosure: null, fundingDisclosure: null });
    const told = notificationsFor(db, world.people.caseworker.id, "amicus.applied").find((n) => n.caseId === onCase.id)!;
    expect(told.body).toContain("They declined to disclose any relationship with the parties or who funded or contributed to the brief.");
  });

  it("names every problem at once, field by field, and records nothing", () => {
    const onCase = world.makeRegisterCase();
    const before = applicationCount();
    const empty = thrown(() =>
      applyForLeave(world.ctxFor(newApplicant()), {
        caseReference: onCase.reference,
        applicantName: " ",
        represents: "",
        interest: "",
        declineToDisclose: "",
        pointsSummary: "",
        whyNotParties: "",
        requestedWords: "",
      }),
    );
    expect(empty.code).toBe("invalid");
    expect(empty.fieldErrors).toEqual({
      applicantName: "Enter your name, or the name of the organisation applying",
      represents: "Enter whom you represent, or enter ‘Myself’",
      interest: "Describe your interest in the case",
      declineToDisclose: "Select whether you will tell us about relationships with the parties and who funded the brief",
      pointsSummary: "Enter a summary of the points you will make",
      whyNotParties: "Explain why the parties will not make these points",
      requestedWords: "Enter how many words your brief will need",
    });

    const undisclosed = thrown(() => applyForLeave(world.ctxFor(newApplicant()), validApplication(onCase.reference, { relationshipDisclosure: "  ", fundingDisclosure: undefined })));
    expect(undisclosed.fieldErrors).toEqual({
      relationshipDisclosure: "Describe any relationship you have with either party, or enter ‘None’",
      fundingDisclosure: "Say who funded or contributed to the brief, or enter ‘None’",
    });

    const long = "x".repeat(5001);
    const tooLong = thrown(() =>
      applyForLeave(
        world.ctxFor(newApplicant()),
        validApplication(onCase.reference, {
          applicantName: "x".repeat(201),
          represents: "x".repeat(201),
          interest: long,
          relationshipDisclosure: long,
          fundingDisclosure: long,
          pointsSummary: long,
          whyNotParties: long,
          requestedWords: "20001",
        }),
      ),
    );
    expect(tooLong.fieldErrors).toEqual({
      applicantName: "Your name must be 200 characters or fewer",
      represents: "Whom you represent must be 200 characters or fewer",
      interest: "Your interest in the case must be 5000 characters or fewer",
      relationshipDisclosure: "Your relationship with the parties must be 5000 characters or fewer",
      fundingDisclosure: "Who funded or contributed to the brief must be 5000 characters or fewer",
      pointsSummary: "The summary of your points must be 5000 characters or fewer",
      whyNotParties: "Why the parties will not make these points must be 5000 characters or fewer",
      requestedWords: "Requested length must be between 1 and 20,000 words",
    });

    for (const [requestedWords, message] of [
      ["0", "Requested length must be between 1 and 20,000 words"],
      ["2.5", "Requested length must be a whole number of words, like 3000"],
      ["about 3000", "Requested length must be a whole number of words, like 3000"],
      ["-5", "Requested length must be a whole number of words, like 3000"],
    ] as const) {
      expect(thrown(() => applyForLeave(world.ctxFor(newApplicant()), validApplication(onCase.reference, { requestedWords }))).fieldErrors).toEqual({ requestedWords: message });
    }
    expect(applicationCount()).toBe(before);
  });

  it("accepts applications on the closing day itself, in UK time", () => {
    const onCase = world.makeRegisterCase({ closesOn: "2026-12-12" });
    // 23:30 UTC on 12 December is still 12 December in London (GMT).
    const lastMinute = new Date("2026-12-12T23:30:00Z");
    expect(applyForLeave(world.ctxFor(newApplicant(), lastMinute), validApplication(onCase.reference)).caseId).toBe(onCase.id);
  });

  it("refuses applications from the day after the window closes, saying when it closed", () => {
    const onCase = world.makeRegisterCase({ closesOn: "2026-12-12" });
    const before = applicationCount();
    const dayAfter = new Date("2026-12-13T00:00:30Z");
    const error = thrown(() => applyForLeave(world.ctxFor(newApplicant(), dayAfter), validApplication(onCase.reference)));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe(`The amicus window for ${onCase.reference} closed on Saturday 12 December 2026. Applications can no longer be made.`);
    // The closed window is the answer even to a form with mistakes in it.
    const withMistakes = thrown(() => applyForLeave(world.ctxFor(newApplicant(), dayAfter), validApplication(onCase.reference, { applicantName: "" })));
    expect(withMistakes.code).toBe("conflict");
    expect(applicationCount()).toBe(before);

    const context = getApplicationFormContext(world.ctxFor(newApplicant(), dayAfter), onCase.reference);
    expect(context.closedMessage).toBe(error.message);
    expect(getApplicationFormContext(world.ctxFor(newApplicant(), new Date("2026-12-12T12:00:00Z")), onCase.reference).closedMessage).toBeNull();
  });

  it("refuses a second live application by the same applicant, but not after a refusal", () => {
    const onCase = world.makeRegisterCase();
    const applicant = newApplicant();
    const first = applyForLeave(world.ctxFor(applicant), validApplication(onCase.reference));
    const second = thrown(() => applyForLeave(world.ctxFor(applicant), validApplication(onCase.reference)));
    expect(second.code).toBe("conflict");
    expect(second.message).toBe(`You have already applied to file an amicus brief on ${onCase.reference}. Wait for the regulator to decide that application before you make another.`);
    expect(getApplicationFormContext(world.ctxFor(applicant), onCase.reference).existingApplication).toEqual({ id: first.applicationId, message: second.message });

    db.update(amicusApplications).set({ status: "granted" }).where(eq(amicusApplications.id, first.applicationId)).run();
    expect(thrown(() => applyForLeave(world.ctxFor(applicant), validApplication(onCase.reference))).message).toBe(
      `You already have leave to file an amicus brief on ${onCase.reference}. You cannot make another application on this case.`,
    );

    // Someone else may still apply on the same case.
    expect(applyForLeave(world.ctxFor(newApplicant()), validApplication(onCase.reference)).caseId).toBe(onCase.id);

    db.update(amicusApplications).set({ status: "refused" }).where(eq(amicusApplications.id, first.applicationId)).run();
    expect(applyForLeave(world.ctxFor(applicant), validApplication(onCase.reference)).applicationId).not.toBe(first.applicationId);
  });

  it("answers not_found for a case that is not on the register, exactly as for one that does not exist", () => {
    const unpublished = world.makeRegisterCase({ published: false });
    const hidden = thrown(() => applyForLeave(world.ctxFor(newApplicant()), validApplication(unpublished.reference)));
    const missing = thrown(() => applyForLeave(world.ctxFor(newApplicant()), validApplication("IPC-2099-999999")));
    expect([hidden.code, hidden.message]).toEqual(["not_found", "The case could not be found."]);
    expect([missing.code, missing.message]).toEqual([hidden.code, hidden.message]);
    expect(thrown(() => getApplicationFormContext(world.ctxFor(newApplicant()), unpublished.reference)).code).toBe("not_found");
    expect(db.select().from(amicusApplications).where(eq(amicusApplications.caseId, unpublished.id)).all()).toEqual([]);
  });

  it("requires a verified email address, and lets only amicus users apply", () => {
    const onCase = world.makeRegisterCase();
    const unverified = { ...newApplicant(), emailVerified: false };
    const error = thrown(() => applyForLeave(world.ctxFor(unverified), validApplication(onCase.reference)));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe(`Verify your email address before you apply to file an amicus brief. We sent a link to ${unverified.email}.`);
    expect(getApplicationFormContext(world.ctxFor(unverified), onCase.reference).verifyEmailMessage).toBe(error.message);

    for (const actor of [world.people.complainantLawyer, world.people.caseworker, world.people.admin]) {
      expect(thrown(() => applyForLeave(world.ctxFor(actor), validApplication(onCase.reference))).code).toBe("not_found");
    }
    expect(thrown(() => applyForLeave(world.ctxFor(null), validApplication(onCase.reference))).code).toBe("unauthenticated");
    expect(db.select().from(amicusApplications).where(eq(amicusApplications.caseId, onCase.id)).all()).toEqual([]);
  });
});
