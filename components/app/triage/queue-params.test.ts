import { describe, expect, it } from "vitest";
import { clearFiltersHref, hasFilters, readTriageParams, toQueueQuery, triageHref } from "./queue-params";

describe("triage queue address", () => {
  it("keeps known choices, drops unknown ones and falls back to the default tab and sort", () => {
    const params = readTriageParams({ tab: "nonsense", sort: "sideways", status: ["in_triage", "draft", "bogus", "in_triage"], ipRight: "patent", clock: ["overdue", "late"], q: "  attention  " });
    expect(params).toMatchObject({ tab: "unassigned", sort: "received-asc", statuses: ["in_triage"], ipRights: ["patent"], clock: ["overdue"], q: "attention" });
    expect(readTriageParams({ tab: "mine", sort: "due-desc" })).toMatchObject({ tab: "mine", sort: "due-desc", statuses: [], ipRights: [], clock: [] });
  });

  it("passes dates and searches on as typed, so the domain can say what is wrong with them", () => {
    expect(readTriageParams({ receivedFrom: "2026-02-30", receivedTo: "tomorrow" })).toMatchObject({ receivedFrom: "2026-02-30", receivedTo: "tomorrow" });
    expect(readTriageParams({ after: "x".repeat(301), caseworker: "y".repeat(101) })).toMatchObject({ after: undefined, caseworker: undefined });
  });

  it("builds links that keep the filters and go back to the first page unless the change is a page", () => {
    const params = readTriageParams({ tab: "all", status: ["assessment", "closed"], q: "reward model", after: "cursor1" });
    expect(triageHref(params, { tab: "mine" })).toBe("/triage?tab=mine&status=assessment&status=closed&q=reward+model");
    expect(triageHref(params, { sort: "due-asc" })).toBe("/triage?tab=all&sort=due-asc&status=assessment&status=closed&q=reward+model");
    expect(triageHref(params, { before: "cursor0" })).toBe("/triage?tab=all&status=assessment&status=closed&q=reward+model&before=cursor0");
    expect(triageHref(params, { after: "cursor2" })).toBe("/triage?tab=all&status=assessment&status=closed&q=reward+model&after=cursor2");
    expect(clearFiltersHref({ ...params, sort: "due-desc" })).toBe("/triage?tab=all&sort=due-desc");
    expect(hasFilters(params)).toBe(true);
    expect(hasFilters(readTriageParams({ tab: "all", sort: "due-asc" }))).toBe(false);
  });

  it("leaves out the fields the domain refused", () => {
    const params = readTriageParams({ caseworker: "u1", receivedFrom: "bad", receivedTo: "2026-11-30", q: "x" });
    expect(toQueueQuery(params, new Set(["receivedFrom", "caseworkerId"]))).toMatchObject({ caseworkerId: undefined, receivedFrom: undefined, receivedTo: "2026-11-30", q: "x" });
  });
});
