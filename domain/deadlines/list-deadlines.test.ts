import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cases, deadlines, users } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { startDeadline } from "./case-clock";
import { stopClock } from "./stop-clock";
import { DEADLINE_COUNT_CAP, DEADLINE_SORTS, DEADLINE_TABS, deadlinesForMonth, getDeadlinesView, listDeadlines, type DeadlineSort, type DeadlineTab } from "./list-deadlines";

// FIXED_NOW is 2026-11-22T10:00Z, a Sunday in GMT: "today" is 2026-11-22 and today + 7 is 2026-11-29.

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let me: Actor;
let teammate: Actor;
let otherTeam: Actor;
let noTeam: Actor;
let admin: Actor;
let party: Actor;
let amicus: Actor;
/** Deadline ids by name. */
const d: Record<string, string> = {};
const dueOf = new Map<string, string>();

function setTeam(actor: Actor, team: string | null, name: string): Actor {
  db.update(users).set({ team, name }).where(eq(users.id, actor.id)).run();
  return { ...actor, team, name };
}

function insertCase(reference: string, assignedTo: string | null): string {
  const id = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases)
    .values({ id, reference, status: "assessment", title: `Case ${reference}`, complaint: {}, ipRights: ["copyright"], technologyTags: [], createdBy: me.id, assignedTo, submittedAt: at, createdAt: at, updatedAt: at })
    .run();
  return id;
}

function start(name: string, reference: string, assignedTo: string | null, ruleId: string, startOn: string): string {
  const caseId = insertCase(reference, assignedTo);
  const deadline = db.transaction((tx) => startDeadline(tx, testCtx(db, me), { caseId, ruleId, startOn, reason: "Test" }));
  d[name] = deadline.id;
  return deadline.id;
}

const ids = (names: string[]) => names.map((n) => d[n]!);
/** Expected order for due-asc: due date, then id. */
const byDue = (names: string[]) =>
  ids(names).sort((a, b) => {
    const [da, db_] = [dueOf.get(a)!, dueOf.get(b)!];
    return da === db_ ? (a < b ? -1 : 1) : da < db_ ? -1 : 1;
  });

const rowIds = (actor: Actor, tab: DeadlineTab, sort: DeadlineSort = "due-asc", extra: { ruleId?: string; caseworkerId?: string } = {}) =>
  listDeadlines(testCtx(db, actor), { tab, sort, limit: 200, ...extra }).rows.map((r) => r.deadlineId);

const MEMBERSHIP: Record<DeadlineTab, string[]> = {
  mine: ["mineSoon", "mineSoonTie", "dueInEight", "caseToAnswer"],
  team: ["mineSoon", "mineSoonTie", "dueInEight", "caseToAnswer", "overdue", "stopped", "stoppedExpired"],
  "due-7": ["dueToday", "mineSoon", "mineSoonTie", "dueInSeven"],
  overdue: ["overdue"],
  stopped: ["stopped", "stoppedExpired"],
};

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  me = setTeam(makeUser(db, "caseworker"), "Alpha", "Priya Me");
  teammate = setTeam(makeUser(db, "caseworker"), "Alpha", "Ewan Teammate");
  otherTeam = setTeam(makeUser(db, "supervisor"), "Beta", "Olu Other");
  noTeam = makeUser(db, "caseworker");
  admin = makeUser(db, "admin");
  party = makeUser(db, "party");
  amicus = makeUser(db, "amicus");

  // References deliberately run in a different order from due dates, so "case" sorting is visible.
  start("mineSoon", "IPC-2026-000007", me.id, "non-confidential-version", "2026-11-18"); // due 11-25
  start("mineSoonTie", "IPC-2026-000003", me.id, "non-confidential-version", "2026-11-18"); // due 11-25 too
  start("overdue", "IPC-2026-000009", teammate.id, "non-confidential-version", "2026-11-10"); // due 11-17
  start("dueToday", "IPC-2026-000001", otherTeam.id, "non-confidential-version", "2026-11-15"); // due 11-22, 23:59
  start("dueInSeven", "IPC-2026-000005", null, "non-confidential-version", "2026-11-22"); // due 11-29
  start("dueInEight", "IPC-2026-000002", me.id, "non-confidential-version", "2026-11-23"); // due 11-30
  start("caseToAnswer", "IPC-2026-000008", me.id, "case-to-answer", "2026-11-01"); // due 12-16
  start("stopped", "IPC-2026-000004", teammate.id, "non-confidential-version", "2026-11-20");
  stopClock(testCtx(db, me), { deadlineId: d.stopped!, reason: "Information request sent" });
  start("stoppedExpired", "IPC-2026-000006", teammate.id, "non-confidential-version", "2026-11-01"); // due 11-08
  stopClock(testCtx(db, me), { deadlineId: d.stoppedExpired!, reason: "Late stop", effectiveOn: "2026-11-10" });
  start("met", "IPC-2026-000010", me.id, "non-confidential-version", "2026-11-19");
  db.update(deadlines).set({ status: "met", completedAt: FIXED_NOW.toISOString() }).where(eq(deadlines.id, d.met!)).run();

  for (const row of db.select({ id: deadlines.id, dueOn: deadlines.dueOn }).from(deadlines).all()) dueOf.set(row.id, row.dueOn);
});

afterAll(() => testDb.close());

describe("listDeadlines tabs", () => {
  it("puts the seeded deadlines in the dates the test relies on", () => {
    expect([d.mineSoon, d.mineSoonTie, d.overdue, d.dueToday, d.dueInSeven, d.dueInEight, d.caseToAnswer, d.stoppedExpired].map((id) => dueOf.get(id!))).toEqual([
      "2026-11-25",
      "2026-11-25",
      "2026-11-17",
      "2026-11-22",
      "2026-11-29",
      "2026-11-30",
      "2026-12-16",
      "2026-11-08",
    ]);
  });

  for (const tab of DEADLINE_TABS) {
    it(`lists exactly the open deadlines for the "${tab}" tab, soonest first`, () => {
      expect(rowIds(me, tab)).toEqual(byDue(MEMBERSHIP[tab]));
    });
  }

  it("counts every tab, matching the lists", () => {
    const { counts } = listDeadlines(testCtx(db, me));
    expect(counts).toEqual(Object.fromEntries(DEADLINE_TABS.map((tab) => [tab, MEMBERSHIP[tab].length])));
  });

  it("never lists a met deadline", () => {
    for (const tab of DEADLINE_TABS) expect(rowIds(me, tab)).not.toContain(d.met);
  });

  it("shows the team tab by the actor's own team", () => {
    expect(rowIds(otherTeam, "team")).toEqual(ids(["dueToday"]));
    expect(rowIds(teammate, "team")).toEqual(rowIds(me, "team"));
    expect(rowIds(otherTeam, "mine")).toEqual(ids(["dueToday"]));
  });

  it("gives someone in no team an empty team tab, and an admin an empty mine tab, without erroring", () => {
    const noTeamView = listDeadlines(testCtx(db, noTeam), { tab: "team" });
    expect(noTeamView.rows).toEqual([]);
    expect(noTeamView.counts.team).toBe(0);
    expect(noTeamView.counts.overdue).toBe(1);
    expect(rowIds(admin, "mine")).toEqual([]);
    expect(rowIds(admin, "overdue")).toEqual(ids(["overdue"]));
  });

  it("moves a deadline from due to overdue once the last second of its UK day has passed", () => {
    const atMidnight = testCtx(db, me, new Date("2026-11-22T23:59:59.000Z"));
    expect(listDeadlines(atMidnight, { tab: "overdue" }).rows.map((r) => r.deadlineId)).toEqual(ids(["overdue"]));
    const justAfter = testCtx(db, me, new Date("2026-11-22T23:59:59.001Z"));
    expect(listDeadlines(justAfter, { tab: "overdue" }).rows.map((r) => r.deadlineId)).toEqual(byDue(["overdue", "dueToday"]));
    expect(listDeadlines(justAfter, { tab: "due-7" }).rows.map((r) => r.deadlineId)).not.toContain(d.dueToday);
    const nextDay = testCtx(db, me, new Date("2026-11-23T09:00:00.000Z"));
    // Today + 7 is now the 30th, which brings in the deadline that was 8 days away.
    expect(listDeadlines(nextDay, { tab: "due-7" }).rows.map((r) => r.deadlineId)).toEqual(byDue(["mineSoon", "mineSoonTie", "dueInSeven", "dueInEight"]));
  });

  it("reads 'today' in UK time during summer time", () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London: a deadline due 31 May is then overdue.
    const local = createTestDb();
    try {
      const user = makeUser(local.db, "caseworker");
      const caseId = newId();
      const at = FIXED_NOW.toISOString();
      local.db
        .insert(cases)
        .values({ id: caseId, reference: "IPC-2027-000001", status: "assessment", title: "Summer", complaint: {}, ipRights: [], technologyTags: [], createdBy: user.id, assignedTo: user.id, submittedAt: at, createdAt: at, updatedAt: at })
        .run();
      const deadline = local.db.transaction((tx) => startDeadline(tx, testCtx(local.db, user), { caseId, ruleId: "non-confidential-version", startOn: "2027-05-24", reason: "Test" }));
      expect(deadline.expiresAt).toBe("2027-05-31T23:59:59+01:00");
      expect(listDeadlines(testCtx(local.db, user, new Date("2027-05-31T22:59:59.000Z")), { tab: "overdue" }).rows).toHaveLength(0);
      expect(listDeadlines(testCtx(local.db, user, new Date("2027-05-31T23:30:00.000Z")), { tab: "overdue" }).rows).toHaveLength(1);
    } finally {
      local.close();
    }
  });
});

describe("listDeadlines rows", () => {
  it("returns the case, the deadline and its position on the clock", () => {
    const rows = listDeadlines(testCtx(db, me), { tab: "team", limit: 200 }).rows;
    const caseToAnswer = rows.find((r) => r.deadlineId === d.caseToAnswer)!;
    expect(caseToAnswer).toMatchObject({
      caseReference: "IPC-2026-000008",
      caseTitle: "Case IPC-2026-000008",
      label: "Case-to-answer determination",
      ruleId: "case-to-answer",
      status: "running",
      dueOn: "2026-12-16",
      dueLong: "Wednesday 16 December 2026",
      expiresAt: "2026-12-16T23:59:59+00:00",
      caseworkerId: me.id,
      caseworkerName: "Priya Me",
      day: 21,
      totalDays: 45,
      remaining: 24,
      rag: "green",
      expired: false,
      stoppedSince: null,
    });
    expect(rows.find((r) => r.deadlineId === d.mineSoon)).toMatchObject({ day: 4, totalDays: 7, remaining: 3, rag: "red", expired: false });
    expect(rows.find((r) => r.deadlineId === d.overdue)).toMatchObject({ status: "running", rag: "red", expired: true, caseworkerName: "Ewan Teammate" });
    expect(rows.find((r) => r.deadlineId === d.stopped)).toMatchObject({ status: "stopped", stoppedSince: "2026-11-22", day: 1 });
    expect(listDeadlines(testCtx(db, me), { tab: "due-7" }).rows.find((r) => r.deadlineId === d.dueInSeven)).toMatchObject({ caseworkerId: null, caseworkerName: null });
  });
});

describe("listDeadlines sorting and filters", () => {
  it("sorts latest first, and by case reference", () => {
    expect(rowIds(me, "team", "due-desc")).toEqual(byDue(MEMBERSHIP.team).reverse());
    expect(rowIds(me, "team", "case")).toEqual(ids(["dueInEight", "mineSoonTie", "stopped", "stoppedExpired", "mineSoon", "caseToAnswer", "overdue"]));
  });

  it("filters by rule and by caseworker, in the lists and the counts", () => {
    expect(rowIds(me, "team", "due-asc", { ruleId: "case-to-answer" })).toEqual(ids(["caseToAnswer"]));
    expect(rowIds(me, "team", "due-asc", { caseworkerId: teammate.id })).toEqual(byDue(["overdue", "stopped", "stoppedExpired"]));
    expect(rowIds(me, "due-7", "due-asc", { caseworkerId: me.id, ruleId: "non-confidential-version" })).toEqual(byDue(["mineSoon", "mineSoonTie"]));
    expect(rowIds(me, "team", "due-asc", { ruleId: "no-such-rule" })).toEqual([]);
    const { counts } = listDeadlines(testCtx(db, me), { caseworkerId: teammate.id });
    expect(counts).toEqual({ mine: 0, team: 3, "due-7": 0, overdue: 1, stopped: 2 });
  });
});

describe("listDeadlines pagination", () => {
  /** Follows nextCursor to the end, failing on a runaway loop. */
  function walk(tab: DeadlineTab, sort: DeadlineSort, limit: number): string[] {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 50; pages += 1) {
      const page = listDeadlines(testCtx(db, me), { tab, sort, limit, after });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      seen.push(...page.rows.map((r) => r.deadlineId));
      if (!page.nextCursor) return seen;
      after = page.nextCursor;
    }
    throw new Error("pagination did not terminate");
  }

  it("walks every tab and sort a page at a time without gaps or repeats, across the tie on 25 November", () => {
    for (const tab of DEADLINE_TABS) {
      for (const sort of DEADLINE_SORTS) {
        const full = rowIds(me, tab, sort);
        for (const limit of [1, 2, 3]) expect(walk(tab, sort, limit), `${tab} ${sort} ${limit}`).toEqual(full);
      }
    }
  });

  it("gives no next cursor when the last page is exactly full", () => {
    expect(listDeadlines(testCtx(db, me), { tab: "mine", limit: 4 }).nextCursor).toBeNull();
    expect(listDeadlines(testCtx(db, me), { tab: "mine", limit: 3 }).nextCursor).not.toBeNull();
  });

  it("starts again from the first page for a garbage cursor or one from another sort", () => {
    const first = rowIds(me, "team").slice(0, 2);
    const fromOtherSort = listDeadlines(testCtx(db, me), { tab: "team", sort: "case", limit: 2 }).nextCursor!;
    const garbage = ["garbage", "", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["due-asc","x"]').toString("base64url"), Buffer.from("null").toString("base64url"), fromOtherSort];
    for (const after of garbage) {
      expect(
        listDeadlines(testCtx(db, me), { tab: "team", limit: 2, after }).rows.map((r) => r.deadlineId),
        after,
      ).toEqual(first);
    }
  });

  it("never lets a forged cursor widen a tab", () => {
    const forged = Buffer.from(JSON.stringify(["due-asc", "0000-00-00", ""])).toString("base64url");
    expect(listDeadlines(testCtx(db, me), { tab: "overdue", after: forged }).rows.map((r) => r.deadlineId)).toEqual(ids(["overdue"]));
  });
});

describe("deadlinesForMonth", () => {
  it("lists a tab's open deadlines due in the month, by date", () => {
    const november = deadlinesForMonth(testCtx(db, me), { month: "2026-11", tab: "team" });
    expect(november.month).toBe("2026-11");
    expect(november.truncated).toBe(false);
    expect(november.entries.map((e) => e.deadlineId).sort()).toEqual(ids(["mineSoon", "mineSoonTie", "dueInEight", "overdue", "stopped", "stoppedExpired"]).sort());
    expect(november.entries.map((e) => e.dueOn)).toEqual([...november.entries.map((e) => e.dueOn)].sort());
    expect(deadlinesForMonth(testCtx(db, me), { month: "2026-12", tab: "team" }).entries).toEqual([
      { deadlineId: d.caseToAnswer, caseId: expect.any(String), caseReference: "IPC-2026-000008", caseTitle: "Case IPC-2026-000008", label: "Case-to-answer determination", status: "running", dueOn: "2026-12-16", expired: false },
    ]);
    const overdue = deadlinesForMonth(testCtx(db, me), { month: "2026-11", tab: "overdue" }).entries;
    expect(overdue.map((e) => [e.deadlineId, e.expired])).toEqual([[d.overdue, true]]);
    expect(deadlinesForMonth(testCtx(db, me), { month: "2026-10", tab: "team" }).entries).toEqual([]);
    expect(deadlinesForMonth(testCtx(db, me), { month: "2026-11", tab: "team", caseworkerId: me.id }).entries).toHaveLength(3);
  });

  it("rejects a malformed month, naming it", () => {
    for (const month of ["2026-13", "2026-1", "November", "2026-00"]) {
      const error = thrown(() => deadlinesForMonth(testCtx(db, me), { month, tab: "mine" }));
      expect(error.code, month).toBe("invalid");
      expect(error.fieldErrors.month, month).toBeDefined();
    }
  });
});

describe("getDeadlinesView", () => {
  it("returns the list, counts, calendar, today and when it was generated", () => {
    const view = getDeadlinesView(testCtx(db, me), { tab: "mine", month: "2026-12" });
    expect(view.rows.map((r) => r.deadlineId)).toEqual(byDue(MEMBERSHIP.mine));
    expect(view.counts.team).toBe(7);
    expect(view.calendar?.entries.map((e) => e.deadlineId)).toEqual(ids(["caseToAnswer"]));
    expect(view.today).toBe("2026-11-22");
    expect(view.generatedAt).toBe(FIXED_NOW.toISOString());
    expect(getDeadlinesView(testCtx(db, me), { tab: "mine" }).calendar).toBeUndefined();
  });

  it("names every bad parameter at once", () => {
    const error = thrown(() => getDeadlinesView(testCtx(db, me), { tab: "everything" as DeadlineTab, sort: "random" as DeadlineSort, month: "2026-13" }));
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["month", "sort", "tab"]);
  });
});

describe("access and validation", () => {
  it("is not found for parties and amicus users, whatever they ask for", () => {
    for (const actor of [party, amicus]) {
      expect(thrown(() => listDeadlines(testCtx(db, actor))).code).toBe("not_found");
      expect(thrown(() => listDeadlines(testCtx(db, actor), { tab: "nonsense" as DeadlineTab })).code).toBe("not_found");
      expect(thrown(() => deadlinesForMonth(testCtx(db, actor), { month: "2026-11", tab: "mine" })).code).toBe("not_found");
      expect(thrown(() => getDeadlinesView(testCtx(db, actor), { month: "2026-11" })).code).toBe("not_found");
    }
  });

  it("asks the signed-out to sign in", () => {
    expect(thrown(() => listDeadlines(testCtx(db, null))).code).toBe("unauthenticated");
    expect(thrown(() => deadlinesForMonth(testCtx(db, null), { month: "2026-11", tab: "mine" })).code).toBe("unauthenticated");
  });

  it("validates the tab, sort, page size and cursor length", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ tab: "all" }, "tab"],
      [{ sort: "title" }, "sort"],
      [{ limit: 0 }, "limit"],
      [{ limit: 201 }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{ after: "x".repeat(301) }, "after"],
      [{ ruleId: "x".repeat(101) }, "ruleId"],
      [{ caseworkerId: "" }, "caseworkerId"],
    ];
    for (const [input, field] of cases) {
      const error = thrown(() => listDeadlines(testCtx(db, me), input as never));
      expect(error.code, field).toBe("invalid");
      expect(error.fieldErrors[field], field).toBeDefined();
    }
    expect(listDeadlines(testCtx(db, me), { limit: 200 }).rows).toHaveLength(4);
  });
});

describe("tab counts are bounded", () => {
  it("stops counting past the cap", () => {
    const local = createTestDb();
    try {
      const user = makeUser(local.db, "caseworker");
      const at = FIXED_NOW.toISOString();
      const caseId = newId();
      local.db
        .insert(cases)
        .values({ id: caseId, reference: "IPC-2026-999999", status: "assessment", title: "Busy", complaint: {}, ipRights: [], technologyTags: [], createdBy: user.id, assignedTo: user.id, submittedAt: at, createdAt: at, updatedAt: at })
        .run();
      const rows = Array.from({ length: DEADLINE_COUNT_CAP + 5 }, () => ({
        id: newId(),
        caseId,
        ruleId: "non-confidential-version",
        label: "Non-confidential version",
        startOn: "2026-11-20",
        length: 7,
        unit: "calendar" as const,
        count: "after" as const,
        calendar: "england-and-wales" as const,
        roll: "none" as const,
        dueOn: "2026-11-27",
        expiresAt: "2026-11-27T23:59:59+00:00",
        status: "stopped" as const,
        createdAt: at,
        updatedAt: at,
      }));
      local.db.transaction((tx) => {
        for (const row of rows) tx.insert(deadlines).values(row).run();
      });
      const view = listDeadlines(testCtx(local.db, user), { tab: "stopped" });
      expect(view.counts.stopped).toBe(DEADLINE_COUNT_CAP + 1);
      expect(view.counts.mine).toBe(DEADLINE_COUNT_CAP + 1);
      expect(view.rows).toHaveLength(50);
      expect(view.nextCursor).not.toBeNull();
    } finally {
      local.close();
    }
  });
});
