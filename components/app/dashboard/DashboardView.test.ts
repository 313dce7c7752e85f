import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DashboardPayload } from "@/domain/dashboard/get-dashboard";
import { DashboardView } from "./DashboardView";
import { FigureTable } from "./FigureTable";

const weeks = Array.from({ length: 26 }, (_, i) => ({ weekStart: new Date(Date.UTC(2026, 4, 25 + 7 * i)).toISOString().slice(0, 10), count: i === 21 ? 3 : i % 5 }));

const payload: DashboardPayload = {
  filters: { period: 90 },
  today: "2026-11-22",
  periodStart: "2026-08-25",
  generatedAt: "2026-11-22T10:00:00.000Z",
  openByStatus: [
    { status: "submitted", count: 3 },
    { status: "in_triage", count: 4 },
    { status: "awaiting_information", count: 2 },
    { status: "assessment", count: 4 },
    { status: "investigation", count: 2 },
    { status: "decided", count: 0 },
  ],
  openTotal: 15,
  receivedPerWeek: weeks,
  receivedTotal: weeks.reduce((sum, w) => sum + w.count, 0),
  deadlines: { "due-7": 5, "due-14": 8, overdue: 1, stopped: 2 },
  atRisk: { red: 2, amber: 1, truncated: false, scanned: 8 },
  workload: [
    { userId: "u1", name: "Priya Raman", team: "AI and software", openCases: 6 },
    { userId: "u2", name: "Ewan Doyle", team: null, openCases: 0 },
  ],
  caseToAnswer: { met: 5, missed: 1, percentMet: 83 },
  triageTime: { medianDays: 2.5, withOutcome: 4, awaiting: 2 },
};

const render = (data: DashboardPayload, params = {}) => renderToStaticMarkup(createElement(DashboardView, { data, params }));

/** The href of the link whose text (ignoring tags) is exactly `text`. */
function hrefOf(html: string, text: string): string | undefined {
  for (const match of html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)) {
    if (match[2]!.replace(/<[^>]+>/g, "") === text) return match[1]!.replace(/&amp;/g, "&");
  }
  return undefined;
}

describe("DashboardView", () => {
  it("heads each tile with a link to the list behind it", () => {
    const html = render(payload);
    expect(hrefOf(html, "Due in the next 7 days")).toBe("/deadlines?tab=due-7");
    expect(hrefOf(html, "Due in the next 14 days")).toBe("/dashboard/list/due-14");
    expect(hrefOf(html, "Overdue")).toBe("/deadlines?tab=overdue");
    expect(hrefOf(html, "Clocks stopped")).toBe("/deadlines?tab=stopped");
    expect(hrefOf(html, "At risk: red")).toBe("/dashboard/list/at-risk?level=red");
    expect(hrefOf(html, "At risk: amber")).toBe("/dashboard/list/at-risk?level=amber");
    expect(hrefOf(html, "Open cases")).toBe("/triage?tab=all");
    expect(hrefOf(html, "Case-to-answer decisions on time")).toBe("/dashboard/list/case-to-answer");
    expect(hrefOf(html, "Median time to triage outcome")).toBe("/dashboard/list/triage-time");
    expect(html).toContain('<a class="govuk-link" href="/api/dashboard/export/overdue" download="" aria-describedby="tile-overdue-heading">Download as CSV</a>');
    expect(html).toContain('id="tile-overdue-heading"');
  });

  it("shows each figure in words as well as numbers", () => {
    const html = render(payload);
    expect(html).toContain('data-testid="tile-overdue-value">1</p>');
    expect(html).toContain('data-testid="tile-case-to-answer-value">83%</p>');
    expect(html).toContain('data-testid="tile-triage-time-value">2.5 days</p>');
    expect(html).toContain("5 of 6 decisions in the last 90 days (since Tuesday 25 August 2026) made within the statutory period.");
    expect(html).toContain("Running deadlines due by Sunday 29 November 2026.");
  });

  it("draws each chart with its values in text and a table of the data", () => {
    const html = render(payload);
    expect(html.match(/Show the data as a table/g)).toHaveLength(3);
    expect(hrefOf(html, "In triage")).toBe("/triage?tab=all&status=in_triage");
    expect(hrefOf(html, "Priya Raman")).toBe("/triage?tab=all&caseworker=u1");
    expect(hrefOf(html, "19 October 2026")).toBe("/dashboard/list/received?week=2026-10-19");
    expect(html).toContain('role="img"');
    expect(html).toContain("The most in one week was 4");
    expect(html).toMatch(/<th scope="row" class="govuk-table__header">Ewan Doyle<\/th><td class="govuk-table__cell">No team<\/td><td class="govuk-table__cell govuk-table__cell--numeric">0<\/td>/);
  });

  it("links to the dashboard's own lists when a team is chosen", () => {
    const html = render(payload, { team: "Patents" });
    expect(hrefOf(html, "Overdue")).toBe("/dashboard/list/overdue?team=Patents");
    expect(hrefOf(html, "In triage")).toBe("/dashboard/list/open-cases?status=in_triage&team=Patents");
  });

  it("says when there is nothing to measure", () => {
    const html = render({ ...payload, caseToAnswer: { met: 0, missed: 0, percentMet: null }, triageTime: { medianDays: null, withOutcome: 0, awaiting: 0 }, atRisk: { red: 0, amber: 0, truncated: true, scanned: 2000 } });
    expect(html).toContain('data-testid="tile-case-to-answer-value">None</p>');
    expect(html).toContain("No case-to-answer decisions were made in the last 90 days");
    expect(html).toContain("only the 2,000 due soonest were counted");
  });
});

describe("FigureTable", () => {
  it("links the case and writes dates, numbers and gaps in words", () => {
    const html = renderToStaticMarkup(
      createElement(FigureTable, {
        caption: "Cases at risk: red",
        columns: [
          { key: "reference", header: "Case", kind: "case" },
          { key: "caseworker", header: "Caseworker", kind: "text" },
          { key: "due", header: "Due", kind: "date" },
          { key: "remaining", header: "Counted days left", kind: "number" },
        ],
        rows: [
          { caseId: "c1", cells: { reference: "IPC-2026-000001", caseworker: null, due: "2026-11-23", remaining: 1 } },
          { caseId: "c2", cells: { reference: null, caseworker: "Priya Raman", due: "2026-11-08", remaining: "Overdue" } },
        ],
      }),
    );
    expect(hrefOf(html, "IPC-2026-000001")).toBe("/cases/c1");
    expect(hrefOf(html, "No reference")).toBe("/cases/c2");
    expect(html).toContain(">Unassigned<");
    expect(html).toContain(">23 November 2026<");
    expect(html).toContain('govuk-table__cell--numeric">Overdue<');
  });
});
