import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createTestDb } from "@/db/testing";
import { londonDateOf } from "../deadlines/london-date";
import { dashboardWindow, londonDateSql, mondayOf, startOfLondonDay } from "./filters";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

const sqlLondonDate = (iso: string) => db.get<{ d: string }>(sql`SELECT ${londonDateSql(sql`${iso}`)} AS d`)!.d;

describe("londonDateSql", () => {
  it("gives the UK date either side of each change of the clocks", () => {
    const cases: [string, string][] = [
      ["2026-03-29T00:59:59.999Z", "2026-03-29"], // 00:59 GMT
      ["2026-03-28T23:30:00.000Z", "2026-03-28"], // Saturday 23:30 GMT
      ["2026-03-29T23:30:00.000Z", "2026-03-30"], // Monday 00:30 BST
      ["2026-10-24T23:30:00.000Z", "2026-10-25"], // Sunday 00:30 BST
      ["2026-10-25T00:59:59.000Z", "2026-10-25"], // 01:59 BST, the last second of summer time
      ["2026-10-25T23:30:00.000Z", "2026-10-25"], // Sunday 23:30 GMT
      ["2026-06-30T23:00:00.000Z", "2026-07-01"], // midnight BST
      ["2026-12-31T23:59:59.999Z", "2026-12-31"],
    ];
    for (const [instant, date] of cases) {
      expect(sqlLondonDate(instant), instant).toBe(date);
      expect(londonDateOf(new Date(instant)), instant).toBe(date);
    }
  });

  it("agrees with the app's UK date for any instant from 2000 to 2037", () => {
    const start = Date.parse("2000-01-01T00:00:00Z");
    const end = Date.parse("2037-12-31T23:59:59Z");
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(sqlLondonDate(iso)).toBe(londonDateOf(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees within an hour either side of every change of the clocks from 2000 to 2037", () => {
    for (let year = 2000; year <= 2037; year++) {
      for (const month of [2, 9]) {
        // The last Sunday of March or October, 01:00 UTC.
        const last = new Date(Date.UTC(year, month + 1, 0));
        const sunday = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
        for (let offset = -60; offset <= 60; offset += 15) {
          const at = new Date(sunday + offset * 60_000);
          expect(sqlLondonDate(at.toISOString()), at.toISOString()).toBe(londonDateOf(at));
        }
      }
    }
  });
});

describe("UK days and weeks", () => {
  it("starts a UK day at midnight GMT or BST, as the UTC instant stored", () => {
    expect(startOfLondonDay("2026-03-29")).toBe("2026-03-29T00:00:00.000Z"); // the clocks go forward at 01:00 GMT
    expect(startOfLondonDay("2026-03-30")).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfLondonDay("2026-10-25")).toBe("2026-10-24T23:00:00.000Z"); // still BST at midnight
    expect(startOfLondonDay("2026-10-26")).toBe("2026-10-26T00:00:00.000Z");
  });

  it("finds the Monday a week begins on", () => {
    expect(mondayOf("2026-11-16")).toBe("2026-11-16");
    expect(mondayOf("2026-11-22")).toBe("2026-11-16");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });

  it("runs a period of N days up to and including today", () => {
    const window = dashboardWindow({ now: new Date("2026-11-22T00:30:00.000Z") }, 30);
    expect(window).toMatchObject({ today: "2026-11-22", periodStart: "2026-10-24", periodStartAt: "2026-10-23T23:00:00.000Z" });
    // Half past midnight in summer time is still the day before in UTC.
    expect(dashboardWindow({ now: new Date("2026-07-01T23:30:00.000Z") }, 90)).toMatchObject({ today: "2026-07-02", periodStart: "2026-04-04" });
  });
});
