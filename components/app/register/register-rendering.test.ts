import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb, FIXED_NOW } from "@/db/testing";
import { makeCaseWithEverything } from "@/domain/register/disclosure-test-world";
import { getPublicCase } from "@/domain/register/get-public-case";
import { listRegister } from "@/domain/register/list-register";
import { makeRegisterWorld } from "@/domain/register/register-test-world";
import { PublicCaseView } from "./PublicCaseView";
import { PublishCaseSection, type PublishCaseSectionCase } from "./PublishCaseSection";
import { paginationItems, registerHref } from "./register-href";
import { RegisterList } from "./RegisterList";

// The real action runs on the server behind a session; the section only needs something to pass to the form.
vi.mock("@/app/(staff)/cases/[caseId]/publish-actions", () => ({ publishCaseAction: async () => null }));

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterEach(() => testDb.close());

const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
/** Headings never skip a level on the way down. */
const headingsInOrder = (html: string) => headingLevels(html).every((level, i, all) => i === 0 || level <= all[i - 1]! + 1);

describe("the public case page", () => {
  it("renders every public marker and no secret one", () => {
    const everything = makeCaseWithEverything(db);
    const html = renderToStaticMarkup(createElement(PublicCaseView, { view: getPublicCase(db, FIXED_NOW, everything.reference) }));
    for (const marker of everything.publicMarkers) expect(html, marker).toContain(marker);
    expect(html).not.toContain("SECRET");
    expect(headingLevels(html)[0]).toBe(1);
    expect(headingsInOrder(html)).toBe(true);
    expect(html).toContain('<th scope="col" class="govuk-table__header">Exhibit</th>');
    for (const href of everything.briefDownloads) expect(html).toContain(`href="${href}"`);
    expect(html).toContain("The applicant declined to disclose any relationship with the parties or who funded the brief.");
    expect(html).toContain("Decision: case to answer");
  });

  it("escapes the summary, keeps its line breaks, and offers the amicus application while the window is open", () => {
    const world = makeRegisterWorld(db);
    world.makePublishedCase({ reference: "IPC-2026-000001", publicSummary: 'First line <img src=x onerror="alert(1)">\nSecond & last line' });
    const html = renderToStaticMarkup(createElement(PublicCaseView, { view: getPublicCase(db, FIXED_NOW, "IPC-2026-000001") }));
    expect(html).toContain('<p class="govuk-body app-preserve-lines">First line &lt;img src=x onerror=&quot;alert(1)&quot;&gt;\nSecond &amp; last line</p>');
    expect(html).not.toContain("<img");
    expect(html).toContain('<a class="govuk-link" href="/portal/applications/new?case=IPC-2026-000001">Apply for leave to file an amicus brief</a>');
    expect(html).toContain("until the end of 11 December 2026");
    expect(html).toContain("No evidence on this case has been made public.");
  });

  it("says when the amicus window closed, with no link to apply", () => {
    const world = makeRegisterWorld(db);
    world.makePublishedCase({ reference: "IPC-2026-000002", amicusWindowClosesOn: "2026-11-21" });
    const html = renderToStaticMarkup(createElement(PublicCaseView, { view: getPublicCase(db, FIXED_NOW, "IPC-2026-000002") }));
    expect(html).toContain("The amicus window closed on 21 November 2026.");
    expect(html).not.toContain("/portal/applications/new");
  });
});

describe("the register list", () => {
  it("shows cases as summary cards linking to their pages, with labelled filters that keep their values", () => {
    const world = makeRegisterWorld(db);
    world.makePublishedCase({ reference: "IPC-2026-000001", title: "Corvid Labs v Meridian Cloud", complainant: "Corvid Labs Ltd", ipRights: ["patent"] });
    const html = renderToStaticMarkup(createElement(RegisterList, { result: listRegister(db, FIXED_NOW, { q: "corvid", ipRight: "patent", amicusWindow: "open" }) }));
    expect(html).toContain('<a class="govuk-link" href="/public-register/IPC-2026-000001">IPC-2026-000001: Corvid Labs v Meridian Cloud</a>');
    expect(html).toContain("1 published case matches");
    expect(html).toMatch(/<form [^>]*action="\/public-register" method="get"/);
    expect(html).toMatch(/<label class="govuk-label" for="register-q">Search<\/label>/);
    expect(html).toContain('value="corvid"');
    expect(html).toMatch(/<option value="patent" selected="">Patent<\/option>/);
    expect(html).toMatch(/id="register-amicusWindow-open"[^>]*checked=""/);
    expect(html).toContain('href="/public-register/feed.json"');
    expect(html).toContain('href="/public-register/feed.atom"');
    expect(headingsInOrder(html)).toBe(true);
    // A filter tag removes just that filter.
    expect(html).toContain('href="/public-register?q=corvid&amp;amicusWindow=open"');
  });

  it("says so when nothing matches, with a way back to every case", () => {
    makeRegisterWorld(db).makePublishedCase();
    const html = renderToStaticMarkup(createElement(RegisterList, { result: listRegister(db, FIXED_NOW, { q: "no such words" }) }));
    expect(html).toContain("No published cases match your search and filters.");
    expect(html).toContain('<a class="govuk-link" href="/public-register">Clear filters</a>');
  });

  it("paginates with numbered pages, keeping the filters in each link", () => {
    expect(paginationItems(1, 1)).toEqual([1]);
    expect(paginationItems(1, 3)).toEqual([1, 2, 3]);
    expect(paginationItems(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(paginationItems(10, 10)).toEqual([1, null, 9, 10]);
    expect(registerHref({ q: "a&b", status: "closed" }, 3)).toBe("/public-register?q=a%26b&status=closed&page=3");
    expect(registerHref({}, 1)).toBe("/public-register");
  });
});

describe("the staff section", () => {
  const base: PublishCaseSectionCase = { id: "case-1", reference: "IPC-2026-000001", status: "assessment", acceptedOn: "2026-10-05", publishedAt: null, publicSummary: null, amicusWindowClosesOn: null };

  it("offers publication with a warning about the amicus window", () => {
    const html = renderToStaticMarkup(createElement(PublishCaseSection, { caseRow: base, canPublish: true, today: "2026-11-22" }));
    expect(html).toContain("Public register</h2>");
    expect(html).toContain("Publish on the public register");
    expect(html).toContain("opens a 21-day amicus window");
    expect(html).toContain("Anyone can read this on the public register. Do not include confidential material");
    expect(html).toMatch(/<textarea[^>]*name="publicSummary"/);
  });

  it("shows the published case with its window and a form holding the current summary", () => {
    const html = renderToStaticMarkup(
      createElement(PublishCaseSection, { caseRow: { ...base, publishedAt: "2026-11-20T10:00:00.000Z", publicSummary: "The current <summary>", amicusWindowClosesOn: "2026-12-11" }, canPublish: true, today: "2026-11-22" }),
    );
    expect(html).toContain("Open until 11 December 2026");
    expect(html).toContain('href="/public-register/IPC-2026-000001"');
    expect(html).toContain("Update the public summary");
    expect(html).toMatch(/<textarea[^>]*name="publicSummary"[^>]*>The current &lt;summary&gt;<\/textarea>/);
  });

  it("only reports when the reader may not publish, or the case cannot be published", () => {
    const readOnly = renderToStaticMarkup(createElement(PublishCaseSection, { caseRow: base, canPublish: false, today: "2026-11-22" }));
    expect(readOnly).toContain("This case is not on the public register.");
    expect(readOnly).not.toContain("<form");
    const triage = renderToStaticMarkup(createElement(PublishCaseSection, { caseRow: { ...base, status: "in_triage", acceptedOn: null }, canPublish: true, today: "2026-11-22" }));
    expect(triage).toContain("once the complaint has been accepted");
    expect(triage).not.toContain("<form");
  });
});
