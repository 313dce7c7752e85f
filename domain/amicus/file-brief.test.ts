import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { amicusApplications, auditEvents, evidence, notifications, uploadSessions } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { LocalBlobStore } from "../evidence/local-blob-store";
import { minimalPng } from "../evidence/testing-files";
import type { AmicusApplicationRow } from "./applications";
import { BRIEF_DUE_ON, makeBriefTestWorld } from "./brief-test-world";
import { BRIEF_ACCEPTED_REASONS, fileBrief } from "./file-brief";
import { briefWithWords, makePdf } from "./test-documents";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeBriefTestWorld>;
let dir: string;
let blobs: LocalBlobStore;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeBriefTestWorld(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-brief-test-"));
  blobs = new LocalBlobStore(path.join(dir, "blobs"));
});
afterAll(() => {
  testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Monday 14 December 2026, noon: the last day for filing. */
const FILED_AT = new Date(`${BRIEF_DUE_ON}T12:00:00.000Z`);
const DAY_AFTER = new Date("2026-12-15T00:30:00.000Z");

const upload = (application: AmicusApplicationRow, bytes: Buffer, filename = "brief.pdf", actor: Actor = world.people.amicus) => world.uploadBrief(actor, application, bytes, { filename, dir, blobs });
const file = (application: AmicusApplicationRow, uploadId: string, now = FILED_AT, actor: Actor = world.people.amicus) => fileBrief(testCtx(db, actor, now), { applicationId: application.id, uploadId }, blobs);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but the brief was filed");
}

const applicationRow = (id: string) => db.select().from(amicusApplications).where(eq(amicusApplications.id, id)).get()!;
const sessionRow = (id: string) => db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get()!;
const evidenceOn = (caseId: string) => db.select().from(evidence).where(eq(evidence.caseId, caseId)).all();
const notificationsOn = (caseId: string) => db.select().from(notifications).where(eq(notifications.caseId, caseId)).all();
const auditOn = (caseId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(auditEvents.seq)
    .all()
    .map((event) => ({ action: event.action, subject: event.subject, data: JSON.parse(event.data) as Record<string, unknown> }));

describe("fileBrief within the terms of leave", () => {
  it("accepts a brief of exactly the word limit as public exhibit A-001, and marks the application filed", async () => {
    const application = world.makeDecidedApplication({ assignedTo: world.people.caseworker.id });
    const uploadId = await upload(application, briefWithWords(5000, "pdf"));

    const result = await file(application, uploadId);

    expect(result).toMatchObject({ exhibitNumber: "A-001", words: 5000, limit: 5000 });
    const [item] = evidenceOn(application.caseId);
    expect(item).toMatchObject({
      id: result.evidenceId,
      filingSide: "amicus",
      filedBy: world.people.amicus.id,
      exhibitNumber: "A-001",
      title: "Amicus brief: Open Models Forum",
      description: "On behalf of Independent AI researchers",
      originalFilename: "brief.pdf",
      contentType: "application/pdf",
      sha256: sessionRow(uploadId).sha256,
      confidentiality: "public",
      status: "accepted",
      reviewReasons: BRIEF_ACCEPTED_REASONS,
      receivedAt: FILED_AT.toISOString(),
    });
    expect(sessionRow(uploadId)).toMatchObject({ evidenceId: result.evidenceId, refusedReason: null });
    // Filed on Monday 14 December 2026; ten working days after, skipping Christmas Day (Friday 25)
    // and the Boxing Day substitute (Monday 28): 15–18, 21–24, 29, 30 December.
    expect(applicationRow(application.id)).toMatchObject({ status: "brief_filed", briefEvidenceId: result.evidenceId, briefWordCount: 5000, briefFiledAt: FILED_AT.toISOString(), responseDueOn: "2026-12-30" });

    const audit = auditOn(application.caseId).filter((event) => event.action !== "evidence.upload_completed");
    expect(audit.map((event) => event.action)).toEqual(["evidence.filed", "evidence.accepted", "amicus.brief_filed"]);
    expect(audit[0]).toMatchObject({ subject: `evidence:${result.evidenceId}`, data: { exhibitNumber: "A-001", filingSide: "amicus", confidentiality: "public", applicationId: application.id } });
    expect(audit[1]!.data).toMatchObject({ reasons: BRIEF_ACCEPTED_REASONS });
    expect(audit[2]).toMatchObject({ subject: `amicus_application:${application.id}`, data: { words: 5000, limit: 5000, responseDueOn: "2026-12-30", briefEvidenceId: result.evidenceId } });
  });

  it("tells both parties (with the response deadline), the assigned caseworker and the applicant", async () => {
    const application = world.makeDecidedApplication({ assignedTo: world.people.caseworker.id });
    const uploadId = await upload(application, briefWithWords(4999, "docx"), "brief.docx");
    const result = await file(application, uploadId);
    expect(result).toMatchObject({ words: 4999, limit: 5000 });

    const told = notificationsOn(application.caseId);
    expect(told.every((notice) => notice.kind === "amicus.brief_filed")).toBe(true);
    const to = (actor: Actor) => told.filter((notice) => notice.userId === actor.id);
    for (const party of [world.people.complainantLawyer, world.people.complainantColleague, world.people.respondentLawyer]) {
      expect(to(party)).toHaveLength(1);
      expect(to(party)[0]!.body).toContain("You may respond to it by Wednesday 30 December 2026.");
      expect(to(party)[0]!.body).toContain("A-001 (4,999 words; the limit was 5,000 words)");
      expect(to(party)[0]!.link).toBe(`/portal/cases/${application.caseId}`);
    }
    expect(to(world.people.caseworker)).toHaveLength(1);
    expect(to(world.people.caseworker)[0]!.link).toBe(`/cases/${application.caseId}`);
    expect(to(world.people.supervisor)).toHaveLength(0);
    expect(to(world.people.amicus)).toHaveLength(1);
    expect(to(world.people.amicus)[0]).toMatchObject({ title: "Your amicus brief has been filed", link: `/portal/applications/${application.id}` });
    expect(to(world.people.interestedParty)).toHaveLength(0);
    expect(to(world.people.outsider)).toHaveLength(0);
  });

  it("tells every caseworker and supervisor when nobody has the case", async () => {
    const application = world.makeDecidedApplication();
    await file(application, await upload(application, briefWithWords(10, "pdf")));
    const told = new Set(notificationsOn(application.caseId).map((notice) => notice.userId));
    expect(told.has(world.people.caseworker.id)).toBe(true);
    expect(told.has(world.people.supervisor.id)).toBe(true);
    expect(told.has(world.people.disabledSupervisor.id)).toBe(false);
  });

  it("numbers a second brief on the same case A-002", async () => {
    const first = world.makeDecidedApplication();
    const second = world.makeDecidedApplication({ caseId: first.caseId, applicant: world.otherAmicus });
    await file(first, await upload(first, briefWithWords(100, "pdf")));
    const result = await file(second, await upload(second, briefWithWords(100, "pdf"), "brief.pdf", world.otherAmicus), FILED_AT, world.otherAmicus);
    expect(result.exhibitNumber).toBe("A-002");
  });
});

describe("fileBrief refusals", () => {
  it("refuses a brief over the limit with the count and the limit, recording only the refusal", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await upload(application, briefWithWords(5210, "pdf"));
    const before = auditOn(application.caseId).length;

    const error = await rejection(file(application, uploadId));

    const message = "The brief has 5,210 words, which is over the limit of 5,000 words. Shorten it to 5,000 words or fewer and upload it again.";
    expect(error).toMatchObject({ code: "invalid", message, fieldErrors: { brief: message } });
    expect(sessionRow(uploadId)).toMatchObject({ refusedReason: message, evidenceId: null });
    expect(applicationRow(application.id)).toMatchObject({ status: "granted", briefEvidenceId: null, briefWordCount: null, briefFiledAt: null, responseDueOn: null });
    expect(evidenceOn(application.caseId)).toEqual([]);
    expect(notificationsOn(application.caseId)).toEqual([]);
    const added = auditOn(application.caseId).slice(before);
    expect(added).toEqual([
      {
        action: "amicus.brief_refused",
        subject: `amicus_application:${application.id}`,
        data: expect.objectContaining({ uploadId, words: 5210, limit: 5000, reason: message }),
      },
    ]);
    // The refused upload cannot be filed again; a shortened brief can.
    expect((await rejection(file(application, uploadId))).code).toBe("not_found");
    expect((await file(application, await upload(application, briefWithWords(5000, "docx"), "brief.docx"))).words).toBe(5000);
  });

  it("refuses a brief one word over the limit", async () => {
    const application = world.makeDecidedApplication();
    const error = await rejection(file(application, await upload(application, briefWithWords(5001, "docx"), "brief.docx")));
    expect(error.fieldErrors.brief).toMatch(/^The brief has 5,001 words, which is over the limit of 5,000 words\./);
  });

  it("refuses a file that is not a PDF or DOCX, naming what it is", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await upload(application, minimalPng(), "brief.pdf");
    const error = await rejection(file(application, uploadId));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { brief: "A brief must be a PDF or Word (DOCX) document. This file is PNG image." } });
    expect(sessionRow(uploadId).refusedReason).toBe(error.message);
    expect(evidenceOn(application.caseId)).toEqual([]);
  });

  it("refuses a brief whose words cannot be counted, with the counter's reason", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await upload(application, makePdf([["a locked brief"]], { passwordProtected: true }));
    const error = await rejection(file(application, uploadId));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.brief).toBeTruthy();
    expect(applicationRow(application.id).status).toBe("granted");
  });

  it("refuses a late brief, uploaded in time but filed after the deadline, and writes nothing", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await upload(application, briefWithWords(100, "pdf"));
    const before = auditOn(application.caseId).length;
    const error = await rejection(file(application, uploadId, DAY_AFTER));
    expect(error).toMatchObject({ code: "conflict", message: "The deadline for filing this brief was Monday 14 December 2026. A late brief cannot be filed." });
    expect(sessionRow(uploadId)).toMatchObject({ refusedReason: null, evidenceId: null });
    expect(auditOn(application.caseId)).toHaveLength(before);
    expect(applicationRow(application.id).status).toBe("granted");
  });

  it("files one brief only: a second filing, or two at once, is a conflict", async () => {
    const application = world.makeDecidedApplication();
    const first = await upload(application, briefWithWords(100, "pdf"));
    const second = await upload(application, briefWithWords(200, "docx"), "second.docx");
    const third = await upload(application, briefWithWords(300, "pdf"), "third.pdf");
    const outcomes = await Promise.allSettled([file(application, first), file(application, second)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failed = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already filed your brief/) });
    expect(evidenceOn(application.caseId)).toHaveLength(1);

    expect((await rejection(file(application, third))).code).toBe("conflict");
    expect((await rejection(file(application, first))).code).toBe("conflict");
  });

  it("is not found for anyone but the applicant, or with an upload made for something else", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await upload(application, briefWithWords(100, "pdf"));
    for (const stranger of [world.otherAmicus, world.people.caseworker, world.people.complainantLawyer]) {
      expect((await rejection(file(application, uploadId, FILED_AT, stranger))).code).toBe("not_found");
    }
    const other = world.makeDecidedApplication();
    expect((await rejection(file(other, uploadId))).code).toBe("not_found");

    const evidenceUpload = await world.uploadBrief(world.people.amicus, other, briefWithWords(10, "pdf"), { dir, blobs });
    db.update(uploadSessions).set({ purpose: "evidence", amicusApplicationId: null }).where(eq(uploadSessions.id, evidenceUpload)).run();
    expect((await rejection(file(other, evidenceUpload))).fieldErrors.brief).toMatch(/could not be found/);
    expect(evidenceOn(other.caseId)).toEqual([]);
    expect(db.select().from(evidence).where(and(eq(evidence.caseId, application.caseId))).all()).toEqual([]);
  });

  it("refuses an application not granted", async () => {
    const application = world.makeDecidedApplication({ status: "applied" });
    expect((await rejection(fileBrief(testCtx(db, world.people.amicus, FIXED_NOW), { applicationId: application.id, uploadId: "abc" }, blobs))).code).toBe("conflict");
  });
});
