import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, FIXED_NOW } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { makeRegisterWorld } from "@/domain/register/register-test-world";
import { parseXml } from "@/domain/register/xml-test-parser";

// The routes build their context from the session cookie; the feeds are read signed out.
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));

const { GET: getJsonFeed } = await import("./feed.json/route");
const { GET: getAtomFeed } = await import("./feed.atom/route");

let testDb: ReturnType<typeof createTestDb>;

beforeAll(() => {
  testDb = createTestDb();
  const world = makeRegisterWorld(testDb.db);
  world.makePublishedCase({ reference: "IPC-2026-000001", title: "Smith & Jones <Ltd> v \"Quoted\" plc", publicSummary: "A summary with <angle brackets> & an ampersand." });
  world.makeCase({ reference: "IPC-2026-000002", title: "Not published" });
  session.ctx = { db: testDb.db, actor: null, now: FIXED_NOW, config: { maxUploadBytes: 1, baseUrl: "https://register.example.test" } };
});
afterAll(() => testDb.close());

describe("GET /public-register/feed.json", () => {
  it("serves a JSON Feed of the published cases only, signed out", async () => {
    const response = await getJsonFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = await response.json();
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://register.example.test/public-register/feed.json");
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(["https://register.example.test/public-register/IPC-2026-000001"]);
    expect(feed.items[0].title).toBe('IPC-2026-000001: Smith & Jones <Ltd> v "Quoted" plc');
  });
});

describe("GET /public-register/feed.atom", () => {
  it("serves well-formed Atom as application/atom+xml", async () => {
    const response = await getAtomFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    const feed = parseXml(xml);
    const entries = feed.children.filter((c) => c.name === "entry");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.children.find((c) => c.name === "title")!.text).toBe('IPC-2026-000001: Smith & Jones <Ltd> v "Quoted" plc');
    expect(xml).not.toContain("Not published");
  });
});
