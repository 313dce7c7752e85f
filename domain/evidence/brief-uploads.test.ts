import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { amicusApplications, cases, uploadSessions } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx, thrown } from "@/db/testing";
import { BRIEF_DUE_ON, makeBriefTestWorld } from "../amicus/brief-test-world";
import type { Actor } from "../context";
import { newId } from "../ids";
import { requireMayContinueUpload, startUpload, type UploadSessionRow } from "./uploads";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeBriefTestWorld>;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeBriefTestWorld(db);
});
afterAll(() => testDb.close());

const hexId = () => newId().replaceAll("-", "");
const MiB = 1024 * 1024;
/** 23:30 on the due date in London (GMT in December): the last half hour in which a brief is on time. */
const LAST_HALF_HOUR = new Date(`${BRIEF_DUE_ON}T23:30:00.000Z`);
/** Half past midnight the next day in London. */
const DAY_AFTER = new Date("2026-12-15T00:30:00.000Z");

function startBrief(actor: Actor | null, application: { id: string; caseId: string }, input: Partial<Parameters<typeof startUpload>[1]> = {}, now = FIXED_NOW): UploadSessionRow {
  return startUpload(testCtx(db, actor, now), { uploadId: hexId(), caseId: application.caseId, filename: "brief.pdf", declaredSize: 1000, purpose: "amicus_brief", applicationId: application.id, ...input });
}

const row = (id: string) => db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()!;

describe("startUpload for an amicus brief", () => {
  it("opens a session for the applicant under their granted application, filed for the amicus", () => {
    const application = world.makeDecidedApplication();
    const session = startBrief(world.people.amicus, application, { filename: "Brief of the Forum.DOCX" });
    expect(row(session.id)).toMatchObject({ caseId: application.caseId, userId: world.people.amicus.id, filingSide: "amicus", purpose: "amicus_brief", amicusApplicationId: application.id });
  });

  it("accepts a brief on the last day, until the day ends in London", () => {
    const application = world.makeDecidedApplication();
    expect(startBrief(world.people.amicus, application, {}, LAST_HALF_HOUR).purpose).toBe("amicus_brief");
  });

  it("keeps ordinary uploads as evidence when no purpose is given", () => {
    const application = world.makeDecidedApplication();
    const session = startUpload(testCtx(db, world.people.complainantLawyer), { uploadId: hexId(), caseId: application.caseId, filename: "statement.pdf", declaredSize: 10, purpose: "" as never });
    expect(row(session.id)).toMatchObject({ purpose: "evidence", filingSide: "complainant", amicusApplicationId: null });
  });

  it("is not found for anyone but the applicant, or for an application on another case", () => {
    const application = world.makeDecidedApplication();
    expect(thrown(() => startBrief(null, application)).code).toBe("unauthenticated");
    for (const stranger of [world.otherAmicus, world.people.caseworker, world.people.complainantLawyer, world.people.outsider]) {
      expect(thrown(() => startBrief(stranger, application)).code).toBe("not_found");
    }
    const elsewhere = world.makeRegisterCase().id;
    expect(thrown(() => startBrief(world.people.amicus, { id: application.id, caseId: elsewhere })).code).toBe("not_found");
    expect(thrown(() => startBrief(world.people.amicus, { id: newId(), caseId: application.caseId })).code).toBe("not_found");
    expect(thrown(() => startBrief(world.people.amicus, application, { applicationId: undefined })).code).toBe("not_found");
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.amicusApplicationId, application.id)).all()).toEqual([]);
  });

  it("refuses an application that is not (or no longer) granted, saying why", () => {
    const expectations = [
      ["applied", /once the regulator has granted your application/],
      ["refused", /was refused/],
      ["withdrawn", /was withdrawn/],
      ["brief_filed", /already filed your brief/],
    ] as const;
    for (const [status, message] of expectations) {
      const error = thrown(() => startBrief(world.people.amicus, world.makeDecidedApplication({ status })));
      expect(error.code).toBe("conflict");
      expect(error.message).toMatch(message);
    }
  });

  it("refuses a late brief, giving the deadline", () => {
    const error = thrown(() => startBrief(world.people.amicus, world.makeDecidedApplication(), {}, DAY_AFTER));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("The deadline for filing this brief was Monday 14 December 2026. A late brief cannot be filed.");
  });

  it("refuses a brief on a closed case", () => {
    const application = world.makeDecidedApplication();
    db.update(cases).set({ status: "closed" }).where(eq(cases.id, application.caseId)).run();
    expect(thrown(() => startBrief(world.people.amicus, application)).message).toBe("A brief can only be filed while the case is open.");
  });

  it("refuses a file whose name is not .pdf or .docx, before any byte", () => {
    const application = world.makeDecidedApplication();
    for (const filename of ["brief.doc", "brief.txt", "brief.pdf.zip", "brief"]) {
      const error = thrown(() => startBrief(world.people.amicus, application, { filename }));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors.filename).toBe("A brief must be a PDF or Word (DOCX) document. Upload a file whose name ends in .pdf or .docx.");
    }
  });

  it("refuses a brief over 50 MB with the brief limit, not the evidence one", () => {
    const application = world.makeDecidedApplication();
    expect(startBrief(world.people.amicus, application, { declaredSize: 50 * MiB }).declaredSize).toBe(50 * MiB);
    const error = thrown(() => startBrief(world.people.amicus, application, { declaredSize: 50 * MiB + 1 }));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/^A brief can be up to 50 MB\./);
  });

  it("refuses an unknown purpose", () => {
    const application = world.makeDecidedApplication();
    expect(thrown(() => startBrief(world.people.amicus, application, { purpose: "manifesto" as never })).code).toBe("invalid");
  });
});

describe("requireMayContinueUpload", () => {
  it("lets a brief continue until its deadline passes mid-upload", () => {
    const application = world.makeDecidedApplication();
    const session = startBrief(world.people.amicus, application, {}, LAST_HALF_HOUR);
    expect(() => requireMayContinueUpload(testCtx(db, world.people.amicus, LAST_HALF_HOUR), session)).not.toThrow();
    const error = thrown(() => requireMayContinueUpload(testCtx(db, world.people.amicus, DAY_AFTER), session));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/^The deadline for filing this brief was Monday 14 December 2026\./);
  });

  it("stops a brief whose application is withdrawn or filed meanwhile", () => {
    const application = world.makeDecidedApplication();
    const session = startBrief(world.people.amicus, application);
    db.update(amicusApplications).set({ status: "withdrawn" }).where(eq(amicusApplications.id, application.id)).run();
    expect(thrown(() => requireMayContinueUpload(testCtx(db, world.people.amicus), session)).code).toBe("conflict");
  });

  it("checks evidence uploads against the filing side, as before", () => {
    const application = world.makeDecidedApplication();
    const session = startUpload(testCtx(db, world.people.respondentLawyer), { uploadId: hexId(), caseId: application.caseId, filename: "reply.pdf", declaredSize: 10 });
    expect(() => requireMayContinueUpload(testCtx(db, world.people.respondentLawyer), session)).not.toThrow();
    // Past any brief deadline makes no difference to evidence.
    expect(() => requireMayContinueUpload(testCtx(db, world.people.respondentLawyer, DAY_AFTER), session)).not.toThrow();
    db.update(cases).set({ status: "closed" }).where(eq(cases.id, application.caseId)).run();
    expect(thrown(() => requireMayContinueUpload(testCtx(db, world.people.respondentLawyer), session)).message).toBe("Evidence can only be filed while the case is open.");
  });
});
