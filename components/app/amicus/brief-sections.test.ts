import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { amicusApplications } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { BRIEF_DUE_ON, makeBriefTestWorld } from "@/domain/amicus/brief-test-world";
import { fileBrief } from "@/domain/amicus/file-brief";
import { listBriefsForParty } from "@/domain/amicus/list-briefs";
import { respondToBrief } from "@/domain/amicus/respond-to-brief";
import { briefWithWords } from "@/domain/amicus/test-documents";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { BriefFilingSection } from "./BriefFilingSection";
import { PartyAmicusSection } from "./PartyAmicusSection";

// The forms' server actions need a request; rendering only needs something to pass to the form.
vi.mock("@/app/portal/cases/[caseId]/amicus-actions", () => ({ respondToBriefAction: async () => null }));
vi.mock("@/app/portal/applications/[applicationId]/brief-actions", () => ({ fileBriefAction: async () => null, removeBriefUploadAction: async () => null }));
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeBriefTestWorld>;
let dir: string;
let blobs: LocalBlobStore;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeBriefTestWorld(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-brief-view-"));
  blobs = new LocalBlobStore(path.join(dir, "blobs"));
});
afterAll(() => {
  testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const FILED_AT = new Date(`${BRIEF_DUE_ON}T12:00:00.000Z`);

async function renderApplicantSection(applicationId: string, now: Date): Promise<string> {
  session.ctx = testCtx(db, world.people.amicus, now);
  const application = db.select().from(amicusApplications).where(eq(amicusApplications.id, applicationId)).get()!;
  const element = (await BriefFilingSection({ application, caseId: application.caseId })) as ReactElement | null;
  return element ? renderToStaticMarkup(element) : "";
}

describe("BriefFilingSection", () => {
  it("gives the word limit and deadline while the brief may be filed", async () => {
    const application = world.makeDecidedApplication();
    const html = await renderApplicantSection(application.id, FILED_AT);
    expect(html).toContain("File your brief");
    expect(html).toContain("Your brief must be no more than 5,000 words and filed by 11:59pm UK time on Monday 14 December 2026.");
  });

  it("says when the deadline has passed", async () => {
    const application = world.makeDecidedApplication();
    const html = await renderApplicantSection(application.id, new Date("2026-12-15T09:00:00.000Z"));
    expect(html).toContain("The deadline for filing this brief was Monday 14 December 2026. A late brief cannot be filed.");
    expect(html).not.toContain("File your brief");
  });

  it("shows the filed brief: exhibit, count against the limit, when, and a download link", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await world.uploadBrief(world.people.amicus, application, briefWithWords(4321, "docx"), { filename: "forum-brief.docx", dir, blobs });
    const { evidenceId } = await fileBrief(testCtx(db, world.people.amicus, FILED_AT), { applicationId: application.id, uploadId }, blobs);
    const html = await renderApplicantSection(application.id, FILED_AT);
    expect(html).toContain("A-001");
    expect(html).toContain("4,321 words (the limit was 5,000 words)");
    expect(html).toMatch(/Filed<\/dt><dd class="govuk-summary-list__value">14 December 2026, /);
    expect(html).toContain(`href="/api/evidence/${evidenceId}/download"`);
    expect(html).toContain("11:59pm UK time on Wednesday 30 December 2026");
  });
});

describe("PartyAmicusSection", () => {
  it("lists each brief with its disclosures and responses, and offers a response form until the deadline", async () => {
    const application = world.makeDecidedApplication();
    const uploadId = await world.uploadBrief(world.people.amicus, application, briefWithWords(120, "pdf"), { dir, blobs });
    const { evidenceId } = await fileBrief(testCtx(db, world.people.amicus, FILED_AT), { applicationId: application.id, uploadId }, blobs);
    respondToBrief(testCtx(db, world.people.respondentLawyer, FILED_AT), { applicationId: application.id, body: "We say <b>otherwise</b>." });

    const render = (now: Date) =>
      renderToStaticMarkup(createElement(PartyAmicusSection, { caseId: application.caseId, briefs: listBriefsForParty(testCtx(db, world.people.complainantLawyer, now), application.caseId) }));
    const html = render(FILED_AT);
    expect(html).toContain("Amicus briefs");
    expect(html).toContain("Open Models Forum");
    expect(html).toContain("Relationship with the parties: None. Funding and contributions: Funded by members&#x27; subscriptions.");
    expect(html).toContain("120 words (the limit was 5,000 words)");
    expect(html).toContain(`href="/api/evidence/${evidenceId}/download"`);
    expect(html).toContain("Respondent: Test party");
    expect(html).toContain("We say &lt;b&gt;otherwise&lt;/b&gt;.");
    expect(html).toContain("Respond to the brief from Open Models Forum");

    expect(render(new Date("2026-12-31T09:00:00.000Z"))).not.toContain("Respond to the brief from");
  });

  it("renders nothing when no one has leave", () => {
    const caseId = world.makeRegisterCase().id;
    expect(renderToStaticMarkup(createElement(PartyAmicusSection, { caseId, briefs: listBriefsForParty(testCtx(db, world.people.complainantLawyer), caseId) }))).toBe("");
  });
});
