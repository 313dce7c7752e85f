import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { caseParties, cases } from "@/db/schema";
import { createTestDb, makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Actor, Ctx } from "@/domain/context";
import { parseCsv } from "@/domain/dashboard/csv-testing";
import { startDeadline } from "@/domain/deadlines/case-clock";
import { newId } from "@/domain/ids";

// The routes build their context from the session cookie; here each test says who is asking.
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));

const { GET: getTriageCsv } = await import("./route");
const { GET: getDeadlinesCsv } = await import("../../deadlines/export/route");

let testDb: ReturnType<typeof createTestDb>;
let caseworker: Actor;
let other: Actor;
let party: Actor;

function insertCase(reference: string, title: string, assignedTo: string | null, submittedAt: string) {
  const id = newId();
  testDb.db
    .insert(cases)
    .values({ id, reference, status: "assessment", title, complaint: {}, ipRights: ["trade_secret", "copyright"], technologyTags: [], createdBy: party.id, assignedTo, submittedAt, acceptedOn: "2026-11-02", createdAt: submittedAt, updatedAt: submittedAt })
    .run();
  testDb.db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: makeOrganisation(testDb.db, `Complainant of ${reference}`), role: "complainant", addedAt: submittedAt }).run();
  return id;
}

beforeAll(() => {
  testDb = createTestDb();
  caseworker = makeUser(testDb.db, "caseworker");
  other = makeUser(testDb.db, "caseworker");
  party = makeUser(testDb.db, "party");
  const ctx = testCtx(testDb.db, caseworker);
  const mine = insertCase("IPC-2026-000001", "Copied reward model", caseworker.id, "2026-11-01T09:00:00.000Z");
  const theirs = insertCase("IPC-2026-000002", "=HYPERLINK(\"x\") attention heads", other.id, "2026-11-02T09:00:00.000Z");
  insertCase("IPC-2026-000003", "Unassigned safety framework", null, "2026-11-03T09:00:00.000Z");
  testDb.db.transaction((tx) => {
    startDeadline(tx, ctx, { caseId: mine, ruleId: "case-to-answer", startOn: "2026-11-02", reason: "Accepted" });
    startDeadline(tx, ctx, { caseId: theirs, ruleId: "case-to-answer", startOn: "2026-11-02", reason: "Accepted" });
  });
});
afterAll(() => testDb.close());

const as = (actor: Actor | null) => {
  session.ctx = testCtx(testDb.db, actor);
};
const triage = (query: string) => getTriageCsv(new NextRequest(`http://localhost/api/triage/export${query}`));
const deadlines = (query: string) => getDeadlinesCsv(new NextRequest(`http://localhost/api/deadlines/export${query}`));
const rowsOf = async (response: Response) => parseCsv((await response.text()).replace(/^\uFEFF/, ""));

describe("GET /api/triage/export", () => {
  it("downloads the queue as filtered and searched, every row, formulas defused", async () => {
    as(caseworker);
    const response = await triage("?tab=all&sort=received-desc");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="triage-all-2026-11-22.csv"');
    const rows = await rowsOf(response);
    expect(rows[0]).toEqual(["Case", "Title", "Status", "Received", "Complainant", "Respondent", "IP rights", "Caseworker", "Case-to-answer clock", "Due"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["IPC-2026-000003", "IPC-2026-000002", "IPC-2026-000001"]);
    expect(rows[2]![1]).toBe("'=HYPERLINK(\"x\") attention heads");
    expect(rows[3]).toEqual(["IPC-2026-000001", "Copied reward model", "Assessment", "2026-11-01T09:00:00.000Z", "Complainant of IPC-2026-000001", "", "Trade secret or confidential information; Copyright", caseworker.name, "running", "2026-12-17"]);

    const filtered = await rowsOf(await triage(`?tab=all&caseworker=${other.id}`));
    expect(filtered.slice(1).map((r) => r[0])).toEqual(["IPC-2026-000002"]);
    const unassigned = await rowsOf(await triage("?tab=unassigned"));
    expect(unassigned.slice(1).map((r) => r[0])).toEqual(["IPC-2026-000003"]);
  });

  it("says which parameter is wrong, and is not found for parties", async () => {
    as(caseworker);
    const bad = await triage("?tab=all&receivedFrom=2026-13-45");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/receivedFrom/);
    as(party);
    expect((await triage("?tab=all")).status).toBe(404);
    as(null);
    expect((await triage("?tab=all")).status).toBe(401);
  });
});

describe("GET /api/deadlines/export", () => {
  it("downloads the deadlines of the chosen tab and caseworker", async () => {
    as(caseworker);
    const mine = await rowsOf(await deadlines("?tab=mine"));
    expect(mine[0]).toEqual(["Case", "Title", "Deadline", "Status", "Due", "Day", "Of", "Counted days left", "Overdue", "Stopped since", "Caseworker"]);
    expect(mine.slice(1)).toEqual([["IPC-2026-000001", "Copied reward model", "Case-to-answer determination", "Running", "2026-12-17", "20", "45", "25", "No", "", caseworker.name]]);
    const all = await rowsOf(await deadlines(`?tab=due-7`));
    expect(all).toHaveLength(1);
  });

  it("says which parameter is wrong, and is not found for parties", async () => {
    as(caseworker);
    const bad = await deadlines("?tab=everything");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors).toHaveProperty("tab");
    as(party);
    expect((await deadlines("?tab=mine")).status).toBe(404);
  });
});
