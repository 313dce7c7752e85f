import { describe, expect, it } from "vitest";
import { caseworkerCasesHref, dashboardApiHref, dashboardHref, figureExportHref, figureListHref, figureTarget, readDashboardParams, readFigureDetail, toFigureQuery, toFiltersQuery, workloadHref } from "./dashboard-params";

describe("reading the dashboard's address", () => {
  it("keeps what the reader chose and drops what it cannot use", () => {
    expect(readDashboardParams({ caseworker: "u1", team: "Patents", period: "30" })).toEqual({ caseworker: "u1", team: "Patents", period: "30" });
    expect(readDashboardParams({ period: "90" })).toEqual({ caseworker: undefined, team: undefined, period: undefined });
    expect(readDashboardParams({ period: "7", caseworker: "", team: "x".repeat(101) })).toEqual({ caseworker: undefined, team: undefined, period: undefined });
    expect(readDashboardParams({ caseworker: ["a", "b"] }).caseworker).toBe("a");
    expect(readFigureDetail({ status: "in_triage", level: "amber", week: "2026-10-19", after: "abc" })).toEqual({ status: "in_triage", level: "amber", week: "2026-10-19", after: "abc" });
  });

  it("turns the address into the domain's query, defaulting the period to 90 days", () => {
    expect(toFiltersQuery({})).toEqual({ caseworkerId: undefined, team: undefined, period: "90" });
    expect(toFigureQuery("at-risk", { team: "Patents", period: "180" }, { level: "amber" })).toMatchObject({ figure: "at-risk", team: "Patents", period: "180", level: "amber" });
  });
});

describe("dashboard links", () => {
  it("keep the filters, leaving defaults out", () => {
    expect(dashboardHref({})).toBe("/dashboard");
    expect(dashboardHref({ period: "90" })).toBe("/dashboard");
    expect(dashboardApiHref({ caseworker: "u 1", team: "AI and software", period: "30" })).toBe("/api/dashboard?caseworker=u+1&team=AI+and+software&period=30");
    expect(figureListHref("received", { team: "Patents" }, { week: "2026-10-19" })).toBe("/dashboard/list/received?week=2026-10-19&team=Patents");
    expect(figureListHref("overdue", {}, {}, "cursor")).toBe("/dashboard/list/overdue?after=cursor");
    expect(figureExportHref("at-risk", { period: "180" }, { level: "red" })).toBe("/api/dashboard/export/at-risk?level=red&period=180");
    expect(workloadHref({})).toBe("/dashboard/workload");
    expect(workloadHref({ caseworker: "u1", team: "AI and software", period: "180" })).toBe("/dashboard/workload?caseworker=u1&team=AI+and+software&period=180");
  });

  it("send a tile to the deadlines or triage view when it lists the same rows", () => {
    expect(figureTarget("due-7", {})).toBe("/deadlines?tab=due-7");
    expect(figureTarget("overdue", {})).toBe("/deadlines?tab=overdue");
    expect(figureTarget("stopped", { caseworker: "u1", period: "30" })).toBe("/deadlines?tab=stopped&caseworker=u1");
    expect(figureTarget("open-cases", {})).toBe("/triage?tab=all");
    expect(figureTarget("open-cases", { caseworker: "u1" }, { status: "in_triage" })).toBe("/triage?tab=all&status=in_triage&caseworker=u1");
    expect(caseworkerCasesHref("u1")).toBe("/triage?tab=all&caseworker=u1");
  });

  it("send it to the dashboard's own list otherwise, or when a team is chosen", () => {
    expect(figureTarget("due-14", {})).toBe("/dashboard/list/due-14");
    expect(figureTarget("at-risk", {}, { level: "red" })).toBe("/dashboard/list/at-risk?level=red");
    expect(figureTarget("overdue", { team: "Patents" })).toBe("/dashboard/list/overdue?team=Patents");
    expect(figureTarget("open-cases", { team: "Patents" }, { status: "assessment" })).toBe("/dashboard/list/open-cases?status=assessment&team=Patents");
    expect(figureTarget("case-to-answer", { period: "30" })).toBe("/dashboard/list/case-to-answer?period=30");
  });
});
