import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cases } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import type { Actor, Ctx } from "@/domain/context";
import { newId } from "@/domain/ids";

// The routes build their context from the session cookie; here each test says who is asking.
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));

const { GET: getDashboardJson } = await import("./route");
const { GET: getExport } = await import("./export/[figure]/route");

let testDb: ReturnType<typeof createTestDb>;
let caseworker: Actor;
let party: Actor;
let amicus: Actor;

beforeAll(() => {
  testDb = createTestDb();
  caseworker = makeUser(testDb.db, "caseworker");
  party = makeUser(testDb.db, "party");
  amicus = makeUser(testDb.db, "amicus");
  const at = new Date(FIXED_NOW.getTime() - 3_600_000).toISOString();
  testDb.db
    .insert(cases)
    .values({ id: newId(), reference: "IPC-2026-000001", status: "in_triage", title: "=cmd|' /C calc'!A0", complaint: {}, ipRights: [], technologyTags: [], createdBy: party.id, assignedTo: caseworker.id, submittedAt: at, createdAt: at, updatedAt: at })
    .run();
});
afterAll(() => testDb.close());

const as = (actor: Actor | null) => {
  session.ctx = testCtx(testDb.db, actor);
};
const dashboardRequest = (query = "") => getDashboardJson(new NextRequest(`http://localhost/api/dashboard${query}`));
const exportRequest = (figure: string, query = "") => getExport(new NextRequest(`http://localhost/api/dashboard/export/${figure}${query}`), { params: Promise.resolve({ figure }) });

describe("GET /api/dashboard", () => {
  it("answers staff with every figure, uncached", async () => {
    as(caseworker);
    const response = await dashboardRequest(`?caseworker=${caseworker.id}&period=30`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ today: "2026-11-22", filters: { caseworkerId: caseworker.id, period: 30 }, openTotal: 1 });
    expect(body.openByStatus).toContainEqual({ status: "in_triage", count: 1 });
    expect(body.receivedPerWeek).toHaveLength(26);
  });

  it("is not found for parties and amicus users, and asks the signed out to sign in", async () => {
    for (const actor of [party, amicus]) {
      as(actor);
      const response = await dashboardRequest();
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    as(null);
    const response = await dashboardRequest();
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a period it does not offer, by the parameter's name", async () => {
    as(caseworker);
    const response = await dashboardRequest("?period=7&caseworker=" + "x".repeat(101));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.fieldErrors).toEqual({ period: "Choose a period of 30, 90 or 180 days", caseworker: "Select a caseworker from the list" });
    expect(error.message).toBe("Check the caseworker, period parameters.");
  });
});

describe("GET /api/dashboard/export/[figure]", () => {
  it("downloads the list as CSV, protected against formulas", async () => {
    as(caseworker);
    const response = await exportRequest("open-cases", "?status=in_triage");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="open-cases-2026-11-22.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(body).toBe(`\uFEFFCase,Title,Status,Caseworker,Received\r\nIPC-2026-000001,'=cmd|' /C calc'!A0,In triage,Test caseworker,2026-11-22\r\n`);
  });

  it("is not found for parties, for figures that do not exist, and asks the signed out to sign in", async () => {
    as(party);
    expect((await exportRequest("open-cases")).status).toBe(404);
    as(caseworker);
    expect((await exportRequest("everything")).status).toBe(404);
    as(null);
    expect((await exportRequest("open-cases")).status).toBe(401);
  });

  it("refuses a status that is not open, by the parameter's name", async () => {
    as(caseworker);
    const response = await exportRequest("open-cases", "?status=closed");
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors).toEqual({ status: "Choose an open status" });
  });
});
