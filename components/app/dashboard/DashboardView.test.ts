import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DashboardPayload } from "@/domain/dashboard/get-dashboard";
import { DashboardView, WORKLOAD_BARS_SHOWN } from "./DashboardView";
import { FigureTable } from "./FigureTable";
import { WeeklyChart } from "./WeeklyChart";

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

/** `count` caseworkers, busiest first, as the domain orders them. */
const caseworkers = (count: number): DashboardPayload["workload"] =>
  Array.from({ length: count }, (_, i) => ({ userId: `cw${i + 1}`, name: `Caseworker ${String(i + 1).padStart(2, "0")}`, team: i % 2 === 0 ? "Patents" : null, openCases: 40 - 3 * i }));

/** The names on the workload chart's bars, in order. */
const barLabels = (html: string) => [...workloadSection(html).matchAll(/<a class="govuk-link" href="\/triage\?tab=all&amp;caseworker=[^"]*">([^<]*)<\/a>/g)].map((match) => match[1]);

const workloadSection = (html: string) => html.slice(html.indexOf('id="workload-heading"'));

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

  it("draws each chart with its values in text, and a table of the data for status and week", () => {
    const html = render(payload);
    // The workload's table is on its own page, so the dashboard stays light with many caseworkers.
    expect(html.match(/Show the data as a table/g)).toHaveLength(2);
    expect(html).not.toContain("No team");
    expect(hrefOf(html, "In triage")).toBe("/triage?tab=all&status=in_triage");
    expect(hrefOf(html, "Priya Raman")).toBe("/triage?tab=all&caseworker=u1");
    expect(hrefOf(html, "19 October 2026")).toBe("/dashboard/list/received?week=2026-10-19");
    expect(html).toContain('role="img"');
    expect(html).toContain("The most in one week was 4");
  });

  it("charts every caseworker, with no link to the full workload, when there are no more than ten", () => {
    const html = render({ ...payload, workload: caseworkers(WORKLOAD_BARS_SHOWN) });
    expect(barLabels(html)).toEqual(caseworkers(WORKLOAD_BARS_SHOWN).map((w) => w.name));
    expect(html).not.toContain("caseworkers with the most open cases");
    expect(html).not.toContain("/dashboard/workload");
    expect(hrefOf(html, "List all open assigned cases")).toBe("/dashboard/list/workload");
    expect(barLabels(render(payload))).toEqual(["Priya Raman", "Ewan Doyle"]);
  });

  it("charts only the ten busiest caseworkers and links to all of them, keeping the filters", () => {
    const workload = caseworkers(12);
    const html = render({ ...payload, workload }, { team: "Patents", period: "30" });
    expect(barLabels(html)).toEqual(workload.slice(0, 10).map((w) => w.name));
    expect(html).not.toContain(workload[10]!.name);
    expect(html).not.toContain(workload[11]!.name);
    expect(html).toContain("The 10 caseworkers with the most open cases, of 12.");
    expect(hrefOf(html, "See the workload of all 12 caseworkers")).toBe("/dashboard/workload?team=Patents&period=30");
    expect(hrefOf(html, "List all open assigned cases")).toBe("/dashboard/list/workload?team=Patents&period=30");
  });

  it("sizes the bars to a tenth of a percent", () => {
    // 70% × 37 / 40 = 64.75%: the busiest caseworker's bar is 70% wide, the next 64.8%.
    const widths = [...render({ ...payload, workload: caseworkers(12) }).matchAll(/style="width:([^"]*)"/g)].map((match) => match[1]!);
    expect(widths).toContain("64.8%");
    for (const width of widths) expect(width).toMatch(/^\d+(\.\d)?%$/);
  });

  it("says so when no caseworker matches the filters", () => {
    const html = render({ ...payload, workload: [] });
    expect(html).toContain("No caseworkers match the filters.");
    expect(html).not.toContain("/dashboard/workload");
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

describe("WeeklyChart", () => {
  it("writes no coordinate finer than a tenth", () => {
    // Counts against a maximum of 7 give heights like 150 × 3 / 7 = 64.2857…
    const uneven = weeks.map((w, i) => ({ ...w, count: i === 0 ? 7 : i % 7 }));
    const html = renderToStaticMarkup(createElement(WeeklyChart, { weeks: uneven, idPrefix: "chart" }));
    const coordinates = [...html.matchAll(/ (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g)].map((match) => match[1]!);
    expect(coordinates.length).toBeGreaterThan(26 * 3);
    for (const value of coordinates) expect(value).toMatch(/^-?\d+(\.\d)?$/);
    expect(html).toContain('height="64.3"');
  });
});
