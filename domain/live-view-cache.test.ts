import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, FIXED_NOW, makeUser } from "@/db/testing";
import { LIVE_VIEW_CACHE_LIMIT, LIVE_VIEW_MAX_AGE_MS, liveViewMoment, memoizeLiveView } from "./live-view-cache";

let testDb: ReturnType<typeof createTestDb>;

beforeEach(() => {
  testDb = createTestDb();
});
afterEach(() => testDb.close());

/** A live view that counts users, and how many times it was worked out. */
function countingView() {
  let computed = 0;
  const read = (now: Date = FIXED_NOW, key = "users") =>
    memoizeLiveView({ db: testDb.db, now }, key, () => {
      computed++;
      return (testDb.db.$client.prepare("SELECT count(*) FROM users").pluck().get() as number);
    });
  return { read, computed: () => computed };
}

describe("memoizeLiveView", () => {
  it("works an answer out once while nothing is written", () => {
    const view = countingView();
    expect(view.read()).toBe(0);
    expect(view.read()).toBe(0);
    expect(view.read(new Date(FIXED_NOW.getTime() + 60_000))).toBe(0);
    expect(view.computed()).toBe(1);
  });

  it("works it out again after a write on the same connection, triggers and rollbacks included", () => {
    const view = countingView();
    view.read();
    makeUser(testDb.db, "caseworker");
    expect(view.read()).toBe(1);
    expect(view.computed()).toBe(2);
    try {
      testDb.db.transaction((tx) => {
        makeUser(tx as unknown as typeof testDb.db, "caseworker");
        throw new Error("roll back");
      });
    } catch {
      // rolled back on purpose
    }
    expect(view.read()).toBe(1);
    expect(view.computed()).toBe(3);
  });

  it("works it out again after another connection (another process) commits", () => {
    const view = countingView();
    makeUser(testDb.db, "caseworker");
    expect(view.read()).toBe(1);
    const other = new Database(testDb.file);
    try {
      other.prepare("DELETE FROM users").run();
      expect(view.read()).toBe(0);
      expect(view.computed()).toBe(2);
      // A write here and one there between two reads: neither hides the other.
      makeUser(testDb.db, "caseworker");
      other.prepare("DELETE FROM users").run();
      expect(view.read()).toBe(0);
      expect(view.computed()).toBe(3);
    } finally {
      other.close();
    }
  });

  it("works it out again on a new UK day and when the day's deadlines expire at 23:59:59", () => {
    const view = countingView();
    // 2026-11-22 is in GMT: the last second starts at 23:59:59Z and deadlines due that day expire after it.
    view.read(new Date("2026-11-22T23:59:58.000Z"));
    view.read(new Date("2026-11-22T23:59:59.000Z"));
    expect(view.computed()).toBe(1);
    view.read(new Date("2026-11-22T23:59:59.001Z"));
    expect(view.computed()).toBe(2);
    view.read(new Date("2026-11-23T00:00:00.000Z"));
    expect(view.computed()).toBe(3);
    // In summer time the UK day ends at 22:59:59Z.
    expect(liveViewMoment(new Date("2026-07-01T22:59:59.500Z"))).not.toBe(liveViewMoment(new Date("2026-07-01T22:59:58.500Z")));
    expect(liveViewMoment(new Date("2026-07-01T23:00:00.000Z"))).toBe("2026-07-02");
  });

  it("keeps answers apart by key, bounded in number, and none older than the maximum age", () => {
    const view = countingView();
    view.read(FIXED_NOW, "a");
    view.read(FIXED_NOW, "b");
    expect(view.computed()).toBe(2);
    for (let i = 0; i < LIVE_VIEW_CACHE_LIMIT; i++) view.read(FIXED_NOW, `filler ${i}`);
    view.read(FIXED_NOW, "a");
    expect(view.computed()).toBe(LIVE_VIEW_CACHE_LIMIT + 3);
    view.read(new Date(FIXED_NOW.getTime() + LIVE_VIEW_MAX_AGE_MS), "a");
    expect(view.computed()).toBe(LIVE_VIEW_CACHE_LIMIT + 4);
    // A clock that goes backwards is not trusted either.
    view.read(new Date(FIXED_NOW.getTime() - 1000), "a");
    expect(view.computed()).toBe(LIVE_VIEW_CACHE_LIMIT + 5);
  });

  it("does not keep an answer whose working-out wrote to the database", () => {
    let computed = 0;
    const writingView = () =>
      memoizeLiveView({ db: testDb.db, now: FIXED_NOW }, "writes", () => {
        computed++;
        makeUser(testDb.db, "caseworker");
        return computed;
      });
    expect(writingView()).toBe(1);
    expect(writingView()).toBe(2);
  });
});
