import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, testCtx } from "@/db/testing";
import { listCaseEvidence } from "@/domain/evidence/evidence-access";
import { makeEvidenceTestWorld } from "@/domain/evidence/evidence-test-world";
import { getEvidenceItem } from "@/domain/evidence/get-evidence-item";
import { EvidenceFacts } from "./EvidenceItemDetails";
import { EvidenceSection } from "./EvidenceSection";

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
    const html = renderToStaticMarkup(createElement(EvidenceSection, { list: listCaseEvidence(testCtx(db, world.people.interestedParty), caseId), casePath: `/portal/cases/${caseId}`, uploadHref: null }));
    expect(html).toContain("No evidence has been filed yet.");
    expect(html).not.toContain("Upload evidence");
    expect(html).not.toContain("<table");
  });

  it("renders a sortable table, a redacted row with a challenge link, and never the withheld title", () => {
    const caseId = world.makeCase();
    const secret = world.makeEvidence(caseId, { confidentiality: "restricted", title: "Attention-head configuration" });
    world.makeEvidence(caseId, { side: "respondent", confidentiality: "parties", title: "Reply <b>bold</b>" });
    const list = listCaseEvidence(testCtx(db, world.people.respondentLawyer), caseId, { sort: "title", dir: "asc" });
    const html = renderToStaticMarkup(createElement(EvidenceSection, { list, casePath: `/portal/cases/${caseId}`, uploadHref: `/portal/cases/${caseId}/evidence/upload` }));
    expect(html).toContain(`<a class="govuk-link" href="/portal/cases/${caseId}/evidence/upload">Upload evidence</a>`);
    expect(html).toContain('aria-sort="ascending"');
    expect(html.match(/aria-sort="none"/g)).toHaveLength(5);
    expect(html).toContain("Restricted item C-001 (details withheld)");
    expect(html).toContain(`href="/portal/cases/${caseId}/evidence/${secret.id}/challenge"`);
    expect(html).not.toContain(`href="/portal/cases/${caseId}/evidence/${secret.id}"`);
    expect(html).not.toContain("Attention-head");
    expect(html).toContain("Reply &lt;b&gt;bold&lt;/b&gt;");
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
