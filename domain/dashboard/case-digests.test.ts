import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, caseDigests, cases, CASE_STATUSES, clockEvents, deadlines, IP_RIGHTS, openDeadlines, type CaseStatus } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { startDeadline } from "../deadlines/case-clock";
import { addDays, daysBetween } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { ipRightsMask } from "./case-digests";
import { TRIAGE_OUTCOME_ACTIONS } from "./triage-time";

// case_digests and open_deadlines are derived data kept by triggers (migration 0010). Whatever
// writes the base tables (verbs, seeders, tests writing rows directly), every derived row must equal
// what the definitions below compute from the base rows in plain code.

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let staff: Actor[];

beforeAll(() => {
  testDb = createTestDb();
  db = testDb.db;
  staff = [makeUser(db, "caseworker"), makeUser(db, "caseworker"), makeUser(db, "supervisor")];
});
afterAll(() => testDb.close());

const OUTCOMES: readonly string[] = TRIAGE_OUTCOME_ACTIONS;

function expectedDigests() {
  const allDeadlines = db.select({ deadline: deadlines, rowid: sql<number>`${deadlines}.rowid` }).from(deadlines).all();
  const events = db.select().from(auditEvents).orderBy(auditEvents.seq).all();
  return db
    .select({ row: cases, rowid: sql<number>`${cases}.rowid` })
    .from(cases)
    .all()
    .map(({ row: c, rowid }) => {
      const clock = allDeadlines
        .filter(({ deadline: d }) => d.caseId === c.id && d.ruleId === "case-to-answer" && d.status !== "cancelled")
        .sort((a, b) => (a.deadline.createdAt === b.deadline.createdAt ? b.rowid - a.rowid : a.deadline.createdAt < b.deadline.createdAt ? 1 : -1))[0]?.deadline;
      const outcome = events.find((e) => e.caseId === c.id && OUTCOMES.includes(e.action));
      const rights = (c.ipRights as unknown[]).filter((r): r is (typeof IP_RIGHTS)[number] => (IP_RIGHTS as readonly unknown[]).includes(r));
      return {
        caseId: c.id,
        caseRowid: rowid,
        status: c.status,
        reference: c.reference,
        assignedTo: c.assignedTo,
        submittedAt: c.submittedAt,
        receivedAt: c.submittedAt ?? c.createdAt,
        ipRightsMask: ipRightsMask(rights),
        clockDeadlineId: clock?.id ?? null,
        clockStatus: clock?.status ?? null,
        clockDueOn: clock?.dueOn ?? null,
        clockExpiresUnix: clock ? Math.floor(Date.parse(clock.expiresAt) / 1000) : null,
        dueAscKey: clock?.dueOn ?? "9999-99-99",
        dueDescKey: clock?.dueOn ?? "",
        triageOutcomeSeq: outcome?.seq ?? null,
        triageOutcomeAt: outcome?.at ?? null,
        triageOutcomeAction: outcome?.action ?? null,
        triageDays: outcome && c.submittedAt ? daysBetween(londonDateOf(new Date(c.submittedAt)), londonDateOf(new Date(outcome.at))) : null,
      };
    })
    .sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
}

function expectedOpenDeadlines() {
  const byId = new Map(db.select().from(cases).all().map((c) => [c.id, c]));
  return db
    .select()
    .from(deadlines)
    .all()
    .filter((d) => d.status === "running" || d.status === "stopped")
    .map((d) => {
      const c = byId.get(d.caseId);
      return {
        deadlineId: d.id,
        caseId: d.caseId,
        ruleId: d.ruleId,
        label: d.label,
        status: d.status,
        startOn: d.startOn,
        length: d.length,
        unit: d.unit,
        count: d.count,
        calendar: d.calendar,
        roll: d.roll,
        dueOn: d.dueOn,
        expiresUnix: Math.floor(Date.parse(d.expiresAt) / 1000),
        caseStatus: c?.status ?? null,
        caseSortKey: c?.reference ?? "",
        assignedTo: c?.assignedTo ?? null,
      };
    })
    .sort((a, b) => (a.deadlineId < b.deadlineId ? -1 : 1));
}

function expectDerivedRowsExact() {
  expect(db.select().from(caseDigests).orderBy(caseDigests.caseId).all()).toEqual(expectedDigests());
  expect(db.select().from(openDeadlines).orderBy(openDeadlines.deadlineId).all()).toEqual(expectedOpenDeadlines());
}

const instant = (dayOffset: number, minutes: number) => new Date(Date.parse("2026-03-20T00:00:00.000Z") + dayOffset * 86_400_000 + minutes * 60_000).toISOString();

function insertCase(status: CaseStatus, submittedAt: string | null, rights: unknown[], assignedTo: string | null): string {
  const id = newId();
  db.insert(cases)
    .values({ id, reference: status === "draft" ? null : `IPC-2026-${id.slice(0, 6)}`, status, title: "Fictional complaint", complaint: {}, ipRights: rights as never, technologyTags: [], createdBy: staff[0]!.id, assignedTo, submittedAt, createdAt: "2026-01-05T09:00:00.000Z", updatedAt: "2026-01-05T09:00:00.000Z" })
    .run();
  return id;
}

const someCase = (pick: number) => {
  const ids = db.select({ id: cases.id }).from(cases).orderBy(cases.id).all();
  return ids.length === 0 ? null : ids[pick % ids.length]!.id;
};
const someDeadline = (pick: number) => {
  const ids = db.select({ id: deadlines.id }).from(deadlines).orderBy(deadlines.id).all();
  return ids.length === 0 ? null : ids[pick % ids.length]!.id;
};

type Op =
  | { kind: "insert"; status: CaseStatus; day: number | null; minutes: number; rights: unknown[]; assignee: number | null }
  | { kind: "status" | "assign" | "submitted" | "rights" | "reference"; pick: number; value: number; day: number; minutes: number; rights: unknown[] }
  | { kind: "clock"; pick: number; rule: "case-to-answer" | "information-response"; startDay: number; at: number }
  | { kind: "deadline"; pick: number; status: "running" | "stopped" | "met" | "missed" | "cancelled"; day: number }
  | { kind: "delete-deadline"; pick: number }
  | { kind: "outcome"; pick: number; action: string; day: number; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), status: fc.constantFrom(...CASE_STATUSES), day: fc.option(fc.integer({ min: 0, max: 400 })), minutes: fc.integer({ min: 0, max: 1439 }), rights: fc.array(fc.constantFrom<unknown>(...IP_RIGHTS, "unknown_right", 7), { maxLength: 3 }), assignee: fc.option(fc.integer({ min: 0, max: 2 })) }),
  fc.record({ kind: fc.constantFrom("status" as const, "assign" as const, "submitted" as const, "rights" as const, "reference" as const), pick: fc.nat(), value: fc.nat(), day: fc.integer({ min: 0, max: 400 }), minutes: fc.integer({ min: 0, max: 1439 }), rights: fc.array(fc.constantFrom<unknown>(...IP_RIGHTS), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant("clock" as const), pick: fc.nat(), rule: fc.constantFrom("case-to-answer" as const, "information-response" as const), startDay: fc.integer({ min: 200, max: 260 }), at: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("deadline" as const), pick: fc.nat(), status: fc.constantFrom("running" as const, "stopped" as const, "met" as const, "missed" as const, "cancelled" as const), day: fc.integer({ min: 200, max: 300 }) }),
  fc.record({ kind: fc.constant("delete-deadline" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("outcome" as const), pick: fc.nat(), action: fc.constantFrom(...TRIAGE_OUTCOME_ACTIONS, "case.note_added"), day: fc.integer({ min: 0, max: 420 }), minutes: fc.integer({ min: 0, max: 1439 }) }),
);

function apply(o: Op): void {
  const assignee = (n: number | null) => (n === null ? null : staff[n % staff.length]!.id);
  switch (o.kind) {
    case "insert":
      insertCase(o.status, o.day === null ? null : instant(o.day, o.minutes), o.rights, assignee(o.assignee));
      return;
    case "clock": {
      const caseId = someCase(o.pick);
      // Clocks started in the same instant are told apart by rowid, as the triage queue does.
      if (caseId) db.transaction((tx) => startDeadline(tx, testCtx(db, staff[0]!, new Date(FIXED_NOW.getTime() + o.at * 1000)), { caseId, ruleId: o.rule, startOn: addDays("2026-01-01", o.startDay), reason: "Test" }));
      return;
    }
    case "deadline": {
      const id = someDeadline(o.pick);
      const completed = o.status === "met" || o.status === "missed";
      if (id) db.update(deadlines).set({ status: o.status, dueOn: addDays("2026-01-01", o.day), completedAt: completed ? FIXED_NOW.toISOString() : null }).where(eq(deadlines.id, id)).run();
      return;
    }
    case "delete-deadline": {
      const id = someDeadline(o.pick);
      if (!id) return;
      db.delete(clockEvents).where(eq(clockEvents.deadlineId, id)).run();
      db.delete(deadlines).where(eq(deadlines.id, id)).run();
      return;
    }
    case "outcome": {
      const caseId = someCase(o.pick);
      if (caseId) db.transaction((tx) => recordAudit(tx, { actor: staff[0]!, now: new Date(instant(o.day, o.minutes)) }, { action: o.action, caseId, subject: `case:${caseId}`, data: {} }));
      return;
    }
    default: {
      const caseId = someCase(o.pick);
      if (!caseId) return;
      const set =
        o.kind === "status"
          ? { status: CASE_STATUSES[o.value % CASE_STATUSES.length]! }
          : o.kind === "assign"
            ? { assignedTo: o.value % 4 === 3 ? null : staff[o.value % 3]!.id }
            : o.kind === "submitted"
              ? { submittedAt: o.value % 5 === 0 ? null : instant(o.day, o.minutes) }
              : o.kind === "rights"
                ? { ipRights: o.rights as never }
                : { reference: o.value % 3 === 0 ? null : `IPC-2027-${String(o.value).padStart(6, "0")}` };
      db.update(cases).set(set).where(eq(cases.id, caseId)).run();
    }
  }
}

describe("case_digests and open_deadlines", () => {
  it("start empty and follow a case, its clocks and its triage outcome", () => {
    expectDerivedRowsExact();
    const caseId = insertCase("submitted", "2026-10-24T23:30:00.000Z", ["design", "copyright", "design"], staff[0]!.id);
    const first = db.transaction((tx) => startDeadline(tx, testCtx(db, staff[0]!), { caseId, ruleId: "case-to-answer", startOn: "2026-11-02", reason: "Accepted" }));
    db.transaction((tx) => recordAudit(tx, { actor: staff[0]!, now: new Date("2026-10-25T23:30:00.000Z") }, { action: "case.accept", caseId, subject: `case:${caseId}`, data: {} }));
    expectDerivedRowsExact();
    const digest = db.select().from(caseDigests).where(eq(caseDigests.caseId, caseId)).get()!;
    expect(digest).toMatchObject({ ipRightsMask: ipRightsMask(["copyright", "design"]), clockDeadlineId: first.id, triageOutcomeAction: "case.accept", triageDays: 0 });
    db.update(deadlines).set({ status: "cancelled" }).where(eq(deadlines.id, first.id)).run();
    expect(db.select().from(caseDigests).where(eq(caseDigests.caseId, caseId)).get()).toMatchObject({ clockDeadlineId: null, dueAscKey: "9999-99-99", dueDescKey: "" });
    expect(db.select().from(openDeadlines).where(eq(openDeadlines.caseId, caseId)).all()).toEqual([]);
    expectDerivedRowsExact();
  });

  it("stay exact through any mix of writes to cases, deadlines and the audit trail", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        for (const o of ops) apply(o);
        expectDerivedRowsExact();
      }),
      { numRuns: 40 },
    );
  });

  it("follow a case deleted or renamed behind the application's back", () => {
    const caseId = insertCase("in_triage", "2026-11-01T10:00:00.000Z", ["patent"], staff[1]!.id);
    db.transaction((tx) => startDeadline(tx, testCtx(db, staff[0]!), { caseId, ruleId: "information-response", startOn: "2026-11-10", reason: "Asked" }));
    db.$client.pragma("foreign_keys = OFF");
    try {
      const renamed = newId();
      db.update(cases).set({ id: renamed }).where(eq(cases.id, caseId)).run();
      expectDerivedRowsExact();
      db.delete(cases).where(eq(cases.id, renamed)).run();
      expectDerivedRowsExact();
    } finally {
      db.$client.pragma("foreign_keys = ON");
    }
  });
});
