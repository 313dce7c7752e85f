import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, testCtx } from "@/db/testing";
import { listCaseEvidence } from "@/domain/evidence/evidence-access";
import { makeEvidenceTestWorld } from "@/domain/evidence/evidence-test-world";
import { getEvidenceItem } from "@/domain/evidence/get-evidence-item";
import { EvidenceFacts } from "./EvidenceItemDetails";
import { EvidenceSection, RECENT_EVIDENCE_SHOWN, RecentEvidenceSection } from "./EvidenceSection";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceTestWorld>;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceTestWorld(db);
});
afterEach(() => testDb.close());

describe("EvidenceSection", () => {
  it("says so when nothing has been filed, and offers upload only when given a link", () => {
    const caseId = world.makeCase();
    const html = renderToStaticMarkup(createElement(EvidenceSection, { list: listCaseEvidence(testCtx(db, world.people.interestedParty), caseId), evidencePath: `/portal/cases/${caseId}/evidence`, sortPath: `/portal/cases/${caseId}`, uploadHref: null }));
    expect(html).toContain("No evidence has been filed yet.");
    expect(html).not.toContain("Upload evidence");
    expect(html).not.toContain("<table");
  });

  it("renders a sortable table, a redacted row with a challenge link, and never the withheld title", () => {
    const caseId = world.makeCase();
    const secret = world.makeEvidence(caseId, { confidentiality: "restricted", title: "Attention-head configuration" });
    world.makeEvidence(caseId, { side: "respondent", confidentiality: "parties", title: "Reply <b>bold</b>" });
    const list = listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId, { sort: "title", dir: "asc" });
    const html = renderToStaticMarkup(createElement(EvidenceSection, { list, evidencePath: `/portal/cases/${caseId}/evidence`, sortPath: `/portal/cases/${caseId}`, uploadHref: `/portal/cases/${caseId}/evidence/upload` }));
    expect(html).toContain(`<a class="govuk-link" href="/portal/cases/${caseId}/evidence/upload">Upload evidence</a>`);
    expect(html).toContain('aria-sort="ascending"');
    expect(html.match(/aria-sort="none"/g)).toHaveLength(5);
    expect(html).toContain("Restricted item C-001 (details withheld)");
    expect(html).toContain(`href="/portal/cases/${caseId}/evidence/${secret.id}/challenge"`);
    expect(html).not.toContain(`href="/portal/cases/${caseId}/evidence/${secret.id}"`);
    expect(html).not.toContain("Attention-head");
    expect(html).toContain("Reply &lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain(`href="/portal/cases/${caseId}?evidenceSort=title&amp;evidenceDir=desc#evidence"`);
  });
});

describe("RecentEvidenceSection", () => {
  const render = (caseId: string) =>
    renderToStaticMarkup(createElement(RecentEvidenceSection, { list: listCaseEvidence(testCtx(db, world.people.caseworker), caseId, { sort: "received", dir: "desc" }), evidencePath: `/cases/${caseId}/evidence`, uploadHref: null }));

  it("shows the most recently received items, says how many there are and links to them all", () => {
    const caseId = world.makeCase();
    for (let day = 1; day <= RECENT_EVIDENCE_SHOWN + 2; day++) world.makeEvidence(caseId, { title: `Exhibit filed on day ${day}`, receivedAt: `2026-11-0${day}T10:00:00.000Z` });
    const html = render(caseId);
    expect(html).toContain(`7 items of evidence. The ${RECENT_EVIDENCE_SHOWN} received most recently are shown here.`);
    expect(html).toContain(`<a class="govuk-link" href="/cases/${caseId}/evidence">See all the evidence</a>`);
    expect(html).toContain("Exhibit filed on day 7");
    expect(html).toContain("Exhibit filed on day 3");
    expect(html).not.toContain("Exhibit filed on day 2");
    expect(html).not.toContain("aria-sort");
  });

  it("says one item, without the 'most recently' clause, when the case has one", () => {
    const caseId = world.makeCase();
    world.makeEvidence(caseId, { title: "The only exhibit" });
    const html = render(caseId);
    expect(html).toContain("1 item of evidence. <a");
    expect(html).toContain("The only exhibit");
  });

  it("says so when nothing has been filed", () => {
    const html = render(world.makeCase());
    expect(html).toContain("No evidence has been filed yet.");
    expect(html).not.toContain("<table");
  });
});

describe("EvidenceFacts", () => {
  it("shows a hostile filename as escaped text with its hidden characters made visible", () => {
    const caseId = world.makeCase();
    const item = world.makeEvidence(caseId, { originalFilename: `../<img src=x onerror=alert(1)>\u202Efdp.exe\u0000` });
    const view = getEvidenceItem(testCtx(db, world.people.caseworker), caseId, item.id);
    const html = renderToStaticMarkup(createElement(EvidenceFacts, { view, evidencePath: `/cases/${caseId}/evidence` }));
    expect(html).toContain("../&lt;img src=x onerror=alert(1)&gt;\\u202Efdp.exe\\u0000");
    expect(html).not.toContain("\u202E");
    expect(html).not.toContain("\u0000");
    expect(html).not.toContain("<img");
    expect(html).toContain(item.sha256);
  });
});
