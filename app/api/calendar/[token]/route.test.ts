import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { makeUser, testCtx } from "@/db/testing";
import type { Actor } from "@/domain/context";
import { createCalendarFeed } from "@/domain/calendar/create-calendar-feed";
import { revokeCalendarFeed } from "@/domain/calendar/revoke-calendar-feed";
import { GET } from "./route";

// The route opens the process's database from DATA_DIR, as it does in production.
let dir: string;
let db: Db;
let caseworker: Actor;
const previousDataDir = process.env.DATA_DIR;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-calendar-route-"));
  process.env.DATA_DIR = dir;
  db = getDb();
  caseworker = makeUser(db, "caseworker");
});
afterAll(() => {
  db.$client.close();
  delete (globalThis as { ipCaseworkDb?: unknown }).ipCaseworkDb;
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dir, { recursive: true, force: true });
});

const fetchFeed = (segment: string) => GET(new Request(`http://localhost:3000/api/calendar/${segment}`), { params: Promise.resolve({ token: segment }) });
const ctx = () => testCtx(db, caseworker, new Date());

describe("GET /api/calendar/[token]", () => {
  it("serves a live feed as text/calendar, privately, with no session", async () => {
    const { url } = createCalendarFeed(ctx(), {});
    const response = await fetchFeed(url.split("/").at(-1)!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^private\b/);
    const body = await response.text();
    expect(new ICAL.Component(ICAL.parse(body)).getFirstPropertyValue("method")).toBe("PUBLISH");
  });

  it("answers a revoked token exactly as it answers one that never existed: 404", async () => {
    const { url } = createCalendarFeed(ctx(), {});
    const segment = url.split("/").at(-1)!;
    revokeCalendarFeed(ctx(), {});
    const revoked = await fetchFeed(segment);
    const unknown = await fetchFeed(`${"A".repeat(43)}.ics`);
    expect(revoked.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await revoked.text()).toBe(await unknown.text());
    expect([...revoked.headers.entries()]).toEqual([...unknown.headers.entries()]);
  });
});
