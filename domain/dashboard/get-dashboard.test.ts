import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, cases, clockEvents, deadlines, organisationMembers, users, type CaseStatus } from "@/db/schema";
import { seedDemoData } from "@/db/seed/seed-demo";
import { createTestDb, FIXED_NOW, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { OPEN_STATES } from "../cases/state-machine";
import { startDeadline } from "../deadlines/case-clock";
import { addDays, daysBetween } from "../deadlines/calendar-date";
import { clockStateFromEvents, countedDaysElapsed } from "../deadlines/clock";
import { holidaysInForce } from "../deadlines/holiday-store";
import { londonDateOf } from "../deadlines/london-date";
import { restartClock } from "../deadlines/restart-clock";
import { stopClock } from "../deadlines/stop-clock";
import { DASHBOARD_PERIODS, mondayOf, startOfLondonDay, type DashboardPeriod } from "./filters";
import { FIGURES, listFigure, type Figure, type FigureListQuery } from "./figure-lists";
import { dashboardFilterOptions, getDashboard, workOutDashboard, type DashboardPayload } from "./get-dashboard";
import { medianOfHistogram, TRIAGE_OUTCOME_ACTIONS } from "./triage-time";

// FIXED_NOW is 2026-11-22T10:00Z, a Sunday in GMT: today is 2026-11-22, this week began on Monday
// 2026-11-16, and the 26 weeks shown begin on Monday 2026-05-25. Summer time ended at 01:00 UTC on
// Sunday 2026-10-25, so the Monday 2026-10-19 began at 2026-10-18T23:00Z and Monday 2026-10-26 at
// 2026-10-26T00:00Z.

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let me: Actor;
let patents: Actor;
let party: Actor;
let amicus: Actor;
let admin: Actor;
const caseIds: Record<string, string> = {};

function actorByEmail(email: string): Actor {
  const user = db.select().from(users).where(eq(users.email, email)).get()!;
  const organisationIds = db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((r) => r.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, organisationIds, emailVerified: true };
}

function insertCase(name: string, options: { status: CaseStatus; assignedTo?: string | null; submittedAt?: string | null; title?: string }): string {
  const id = newId();
  const at = FIXED_NOW.toISOString();
  db.insert(cases)
    .values({
      id,
      reference: `IPC-2026-9${String(Object.keys(caseIds).length).padStart(5, "0")}`,
      status: options.status,
      title: options.title ?? `Factory case ${name}`,
      complaint: {},
      ipRights: ["copyright"],
      technologyTags: [],
      createdBy: me.id,
      assignedTo: options.assignedTo ?? null,
      submittedAt: options.submittedAt === undefined ? "2026-06-01T09:00:00.000Z" : options.submittedAt,
      createdAt: options.submittedAt ?? "2026-06-01T09:00:00.000Z",
      updatedAt: at,
    })
    .run();
  caseIds[name] = id;
  return id;
}

function startClock(caseId: string, ruleId: string, startOn: string) {
  return db.transaction((tx) => startDeadline(tx, testCtx(db, me), { caseId, ruleId, startOn, reason: "Test" }));
}

function completeClock(deadlineId: string, status: "met" | "missed", completedAt: string) {
  db.update(deadlines).set({ status, completedAt }).where(eq(deadlines.id, deadlineId)).run();
}

function outcome(caseId: string, action: (typeof TRIAGE_OUTCOME_ACTIONS)[number], at: string) {
  db.transaction((tx) => recordAudit(tx, { actor: me, now: new Date(at) }, { action, caseId, subject: `case:${caseId}`, data: {} }));
}

beforeAll(async () => {
  testDb = createTestDb();
  db = testDb.db;
  await seedDemoData(db, FIXED_NOW);
  me = actorByEmail("caseworker@ipcasework.test");
  party = actorByEmail("complainant@ipcasework.test");
  amicus = actorByEmail("amicus@ipcasework.test");
  admin = actorByEmail("admin@ipcasework.test");
  const made = makeUser(db, "caseworker");
  db.update(users).set({ team: "Patents", name: "Pat Entwistle" }).where(eq(users.id, made.id)).run();
  patents = { ...made, team: "Patents", name: "Pat Entwistle" };
  const leaver = makeUser(db, "caseworker", { disabled: true });
  db.update(users).set({ team: "Patents", name: "Dee Parted" }).where(eq(users.id, leaver.id)).run();
  caseIds.leaver = leaver.id;

  // Week boundaries either side of the end of summer time, and the first week shown.
  insertCase("mondayJustAfterMidnightBst", { status: "submitted", assignedTo: patents.id, submittedAt: "2026-10-18T23:30:00.000Z" }); // Mon 19 Oct 00:30 BST
  insertCase("sundayLateBst", { status: "submitted", submittedAt: "2026-10-18T22:30:00.000Z" }); // Sun 18 Oct 23:30 BST
  insertCase("sundayLateGmt", { status: "submitted", assignedTo: patents.id, submittedAt: "2026-10-25T23:30:00.000Z" }); // Sun 25 Oct 23:30 GMT
  insertCase("mondayMidnightGmt", { status: "submitted", submittedAt: "2026-10-26T00:00:00.000Z" }); // Mon 26 Oct 00:00 GMT
  insertCase("firstWeekShown", { status: "closed", submittedAt: "2026-05-24T23:30:00.000Z" }); // Mon 25 May 00:30 BST
  insertCase("beforeFirstWeek", { status: "withdrawn", submittedAt: "2026-05-24T22:59:59.000Z" }); // Sun 24 May 23:59:59 BST
  insertCase("draft", { status: "draft", assignedTo: patents.id, submittedAt: null });

  // Triage outcomes: calendar days on UK dates, not elapsed hours and not UTC dates. Each comment
  // gives (UK calendar days, UTC calendar days, whole 24 hours).
  outcome(insertCase("acceptedSameUkDay", { status: "assessment", assignedTo: patents.id, submittedAt: "2026-10-24T23:30:00.000Z" }), "case.accept", "2026-10-25T23:30:00.000Z"); // (0, 1, 1)
  outcome(insertCase("acceptedNextMorningBst", { status: "assessment", assignedTo: patents.id, submittedAt: "2026-10-20T23:30:00.000Z" }), "case.accept", "2026-10-21T10:00:00.000Z"); // (0, 1, 0)
  outcome(insertCase("acceptedAfterSixDays", { status: "assessment", assignedTo: patents.id, submittedAt: "2026-11-04T10:00:00.000Z" }), "case.accept", "2026-11-10T10:00:00.000Z"); // (6, 6, 6)
  outcome(insertCase("rejectedNextUkDay", { status: "closed", assignedTo: me.id, submittedAt: "2026-11-02T23:30:00.000Z" }), "case.reject", "2026-11-03T00:30:00.000Z"); // (1, 1, 0)
  const askedFirst = insertCase("askedThenAccepted", { status: "assessment", assignedTo: me.id, submittedAt: "2026-11-01T12:00:00.000Z" });
  outcome(askedFirst, "case.request_information", "2026-11-05T09:00:00.000Z"); // (4, 4, 3): the first outcome counts
  outcome(askedFirst, "case.accept", "2026-11-12T09:00:00.000Z");
  insertCase("stillInTriage", { status: "in_triage", assignedTo: patents.id, submittedAt: "2026-11-10T12:00:00.000Z" });

  // Case-to-answer decisions: missed long after its due date, met outside 90 days, met this week.
  const missed = startClock(insertCase("decisionMissed", { status: "investigation", assignedTo: patents.id }), "case-to-answer", "2026-04-01");
  completeClock(missed.id, "missed", "2026-11-12T10:00:00.000Z");
  const metLongAgo = startClock(insertCase("decisionMetLongAgo", { status: "investigation", assignedTo: patents.id }), "case-to-answer", "2026-07-20");
  completeClock(metLongAgo.id, "met", "2026-08-10T10:00:00.000Z");
  const metRecently = startClock(insertCase("decisionMetRecently", { status: "investigation", assignedTo: patents.id }), "case-to-answer", "2026-10-10");
  completeClock(metRecently.id, "met", "2026-11-20T10:00:00.000Z");

  // Deadlines at every level of risk (non-confidential version: 7 calendar days after the start).
  startClock(insertCase("zeroLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-15"); // due today
  startClock(insertCase("oneLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-16");
  startClock(insertCase("threeLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-18");
  startClock(insertCase("fiveLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-20");
  startClock(insertCase("sixLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-21");
  startClock(insertCase("overdue", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-10"); // due 17 Nov
  // Ten working days from Friday 13 November: five used by today, five left.
  startClock(insertCase("fiveWorkingLeft", { status: "awaiting_information", assignedTo: patents.id }), "information-response", "2026-11-13");
  // Ten working days from today: none used, ten left (amber's edge); twenty from Monday 9 November: nine used, eleven left.
  startClock(insertCase("tenWorkingLeft", { status: "awaiting_information", assignedTo: patents.id }), "information-response", "2026-11-22");
  startClock(insertCase("elevenWorkingLeft", { status: "assessment", assignedTo: patents.id }), "respondent-representations", "2026-11-09");
  const both = insertCase("overdueAndRed", { status: "assessment", assignedTo: patents.id });
  startClock(both, "non-confidential-version", "2026-11-16");
  startClock(both, "non-confidential-version", "2026-11-01");
  const twoLevels = insertCase("amberAndRed", { status: "assessment", assignedTo: me.id });
  startClock(twoLevels, "non-confidential-version", "2026-11-21");
  startClock(twoLevels, "non-confidential-version", "2026-11-16");
  const stopped = startClock(insertCase("stopped", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-19");
  stopClock(testCtx(db, me), { deadlineId: stopped.id, reason: "Information request sent" });
  // Stopped from the 14th to the 18th and running again: 5 counted days used, 2 left.
  const restarted = startClock(insertCase("restartedTwoLeft", { status: "assessment", assignedTo: patents.id }), "non-confidential-version", "2026-11-12");
  stopClock(testCtx(db, me), { deadlineId: restarted.id, reason: "Information request sent", effectiveOn: "2026-11-14" });
  restartClock(testCtx(db, me), { deadlineId: restarted.id, reason: "Answer received", lastStoppedOn: "2026-11-18" });
  insertCase("heldByLeaver", { status: "in_triage", assignedTo: caseIds.leaver });
  startClock(insertCase("draftWithClock", { status: "draft", assignedTo: patents.id, submittedAt: null }), "non-confidential-version", "2026-11-16");
});

afterAll(() => testDb.close());

// ---------------------------------------------------------------------------------------------
// The expected figures, counted directly: every row read and judged in plain code, with nothing
// shared with the queries under test except the deadline engine's day counting.
// ---------------------------------------------------------------------------------------------

interface Scope {
  caseworkerId?: string;
  team?: string;
}

const today = londonDateOf(FIXED_NOW);

function teamOf(userId: string | null): string | null {
  if (userId === null) return null;
  return db.select({ team: users.team }).from(users).where(eq(users.id, userId)).get()?.team ?? null;
}

function inScope(row: { assignedTo: string | null }, scope: Scope): boolean {
  if (scope.caseworkerId !== undefined && row.assignedTo !== scope.caseworkerId) return false;
  if (scope.team !== undefined && teamOf(row.assignedTo) !== scope.team) return false;
  return true;
}

const allCases = () => db.select().from(cases).all();
const openCases = (scope: Scope) => allCases().filter((c) => OPEN_STATES.includes(c.status) && inScope(c, scope));
const openDeadlines = (scope: Scope) =>
  db
    .select({ deadline: deadlines, case: cases })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .all()
    .filter((r) => r.case.status !== "draft" && inScope(r.case, scope));
const expired = (expiresAt: string) => FIXED_NOW.getTime() > Date.parse(expiresAt);

function expectedDeadlineIds(figure: "due-7" | "due-14" | "overdue" | "stopped", scope: Scope): string[] {
  return openDeadlines(scope)
    .filter(({ deadline: d }) => {
      switch (figure) {
        case "due-7":
        case "due-14":
          return d.status === "running" && d.dueOn >= today && d.dueOn <= addDays(today, figure === "due-7" ? 7 : 14) && !expired(d.expiresAt);
        case "overdue":
          return d.status === "running" && expired(d.expiresAt);
        case "stopped":
          return d.status === "stopped";
      }
    })
    .map((r) => r.deadline.id)
    .sort();
}

/** Every running deadline counted out, with no window: the dashboard's 21-day window must lose nothing. */
function expectedRisk(scope: Scope): { red: string[]; amber: string[] } {
  const holidays = holidaysInForce(db);
  const level = new Map<string, "red" | "amber">();
  for (const { deadline } of openDeadlines(scope).filter((r) => r.deadline.status === "running")) {
    const events = db.select().from(clockEvents).where(eq(clockEvents.deadlineId, deadline.id)).orderBy(sql`rowid`).all();
    const state = clockStateFromEvents(events);
    const remaining = deadline.length + state.extensionDays - countedDaysElapsed(deadline, state, today, holidays);
    const found = expired(deadline.expiresAt) || remaining <= 5 ? "red" : remaining <= 10 ? "amber" : null;
    if (found === "red" || (found === "amber" && level.get(deadline.caseId) !== "red")) level.set(deadline.caseId, found);
  }
  const of = (l: "red" | "amber") => [...level].filter(([, v]) => v === l).map(([k]) => k).sort();
  return { red: of("red"), amber: of("amber") };
}

function expectedWeeks(scope: Scope): Map<string, string[]> {
  const thisWeek = mondayOf(today);
  const weeks = new Map<string, string[]>();
  for (let i = 25; i >= 0; i--) weeks.set(addDays(thisWeek, -7 * i), []);
  for (const c of allCases()) {
    if (c.status === "draft" || c.submittedAt === null || !inScope(c, scope)) continue;
    weeks.get(mondayOf(londonDateOf(new Date(c.submittedAt))))?.push(c.id);
  }
  return weeks;
}

function periodStartAt(period: DashboardPeriod) {
  return startOfLondonDay(addDays(today, -(period - 1)));
}

function expectedDecisions(scope: Scope, period: DashboardPeriod) {
  const rows = openDeadlines(scope).filter(({ deadline: d }) => d.ruleId === "case-to-answer" && (d.status === "met" || d.status === "missed") && d.completedAt! >= periodStartAt(period));
  return { met: rows.filter((r) => r.deadline.status === "met"), missed: rows.filter((r) => r.deadline.status === "missed") };
}

function firstOutcome(caseId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(auditEvents.seq)
    .all()
    .find((e) => (TRIAGE_OUTCOME_ACTIONS as readonly string[]).includes(e.action));
}

function expectedTriage(scope: Scope, period: DashboardPeriod) {
  const cohort = allCases().filter((c) => c.status !== "draft" && c.submittedAt !== null && c.submittedAt >= periodStartAt(period) && c.submittedAt <= FIXED_NOW.toISOString() && inScope(c, scope));
  const days: number[] = [];
  for (const c of cohort) {
    const first = firstOutcome(c.id);
    if (first) days.push(daysBetween(londonDateOf(new Date(c.submittedAt!)), londonDateOf(new Date(first.at))));
  }
  days.sort((a, b) => a - b);
  const median = days.length === 0 ? null : (days[Math.floor((days.length - 1) / 2)]! + days[Math.floor(days.length / 2)]!) / 2;
  return { cohort, median, withOutcome: days.length, awaiting: cohort.length - days.length };
}

function expectedPayload(scope: Scope, period: DashboardPeriod) {
  const open = openCases(scope);
  const weeks = expectedWeeks(scope);
  const risk = expectedRisk(scope);
  const decisions = expectedDecisions(scope, period);
  const triage = expectedTriage(scope, period);
  // Active caseworkers and supervisors always; other staff only while they hold open cases.
  const workload = db
    .select()
    .from(users)
    .all()
    .filter((u) => u.role === "caseworker" || u.role === "supervisor" || u.role === "admin")
    .filter((u) => (scope.caseworkerId === undefined || u.id === scope.caseworkerId) && (scope.team === undefined || u.team === scope.team))
    .map((u) => ({ user: u, openCases: openCases({}).filter((c) => c.assignedTo === u.id).length }))
    .filter(({ user, openCases }) => openCases > 0 || (user.role !== "admin" && user.disabledAt === null))
    .map(({ user, openCases }) => ({ userId: user.id, openCases }));
  return {
    openByStatus: OPEN_STATES.map((status) => ({ status, count: open.filter((c) => c.status === status).length })),
    openTotal: open.length,
    receivedPerWeek: [...weeks].map(([weekStart, ids]) => ({ weekStart, count: ids.length })),
    deadlines: { "due-7": expectedDeadlineIds("due-7", scope).length, "due-14": expectedDeadlineIds("due-14", scope).length, overdue: expectedDeadlineIds("overdue", scope).length, stopped: expectedDeadlineIds("stopped", scope).length },
    atRisk: { red: risk.red.length, amber: risk.amber.length },
    workload: workload.sort((a, b) => a.userId.localeCompare(b.userId)),
    caseToAnswer: { met: decisions.met.length, missed: decisions.missed.length },
    triageTime: { medianDays: triage.median, withOutcome: triage.withOutcome, awaiting: triage.awaiting },
  };
}

function comparable(payload: DashboardPayload) {
  return {
    openByStatus: payload.openByStatus,
    openTotal: payload.openTotal,
    receivedPerWeek: payload.receivedPerWeek,
    deadlines: payload.deadlines,
    atRisk: { red: payload.atRisk.red, amber: payload.atRisk.amber },
    workload: payload.workload.map((w) => ({ userId: w.userId, openCases: w.openCases })).sort((a, b) => a.userId.localeCompare(b.userId)),
    caseToAnswer: { met: payload.caseToAnswer.met, missed: payload.caseToAnswer.missed },
    triageTime: payload.triageTime,
  };
}

const dashboard = (input: Parameters<typeof getDashboard>[1] = {}, actor: Actor = me) => getDashboard(testCtx(db, actor), input);

describe("getDashboard matches a direct count", () => {
  const scopes: [string, () => Scope][] = [
    ["no filter", () => ({})],
    ["the Patents team", () => ({ team: "Patents" })],
    ["the AI and software team", () => ({ team: "AI and software" })],
    ["one caseworker", () => ({ caseworkerId: patents.id })],
    ["another caseworker", () => ({ caseworkerId: me.id })],
    ["a caseworker outside the chosen team", () => ({ caseworkerId: me.id, team: "Patents" })],
    ["a team no one is in", () => ({ team: "Nobody" })],
  ];
  for (const [name, scope] of scopes) {
    for (const period of DASHBOARD_PERIODS) {
      it(`for ${name} over ${period} days`, () => {
        expect(comparable(dashboard({ ...scope(), period }))).toEqual(expectedPayload(scope(), period));
      });
    }
  }

  it("has something in every figure, so the comparisons above are not all of zeros", () => {
    const all = dashboard();
    expect(all.openTotal).toBeGreaterThan(20);
    expect(all.receivedTotal).toBeGreaterThan(20);
    expect(Object.values(all.deadlines).every((n) => n > 0)).toBe(true);
    expect(all.atRisk.red).toBeGreaterThan(0);
    expect(all.atRisk.amber).toBeGreaterThan(0);
    expect(all.caseToAnswer.missed).toBeGreaterThan(0);
    expect(all.triageTime.withOutcome).toBeGreaterThan(0);
  });
});

describe("getDashboard on known rows", () => {
  it("puts complaints in UK weeks starting on Monday, either side of the end of summer time", () => {
    const weeks = new Map(dashboard({ team: "Patents" }).receivedPerWeek.map((w) => [w.weekStart, w.count]));
    // Monday 00:30 BST, Wednesday 00:30 BST, Sunday 00:30 BST (23:30 UTC on the Saturday) and
    // Sunday 23:30 GMT all fall in the week beginning 19 October.
    expect(weeks.get("2026-10-19")).toBe(4);
    expect(weeks.get("2026-10-12")).toBe(0);
    const all = new Map(dashboard().receivedPerWeek.map((w) => [w.weekStart, w.count]));
    const seededIn = (monday: string) => expectedWeeks({}).get(monday)!.filter((id) => !Object.values(caseIds).includes(id)).length;
    expect(all.get("2026-10-12")).toBe(seededIn("2026-10-12") + 1); // Sunday 23:30 BST
    expect(all.get("2026-10-19")).toBe(seededIn("2026-10-19") + 4);
    expect(all.get("2026-10-26")).toBe(seededIn("2026-10-26") + 2); // Monday 00:00 GMT, and Sunday 1 November
  });

  it("shows 26 weeks, the first beginning on Monday 25 May 2026 and the last containing today", () => {
    const weeks = dashboard().receivedPerWeek;
    expect(weeks).toHaveLength(26);
    expect(weeks[0]!.weekStart).toBe("2026-05-25");
    expect(weeks[25]!.weekStart).toBe("2026-11-16");
    // 00:30 BST on the first Monday counts; a second before midnight the day before does not.
    expect(expectedWeeks({}).get("2026-05-25")).toContain(caseIds.firstWeekShown);
    expect(weeks[0]!.count).toBe(expectedWeeks({}).get("2026-05-25")!.length);
  });

  it("counts the Patents team's deadlines and cases at risk", () => {
    const patentsTeam = dashboard({ team: "Patents" });
    expect(patentsTeam.deadlines).toEqual({ "due-7": 8, "due-14": 9, overdue: 2, stopped: 1 });
    // Red: 0, 1, 3 and 5 calendar days left, 5 working days left, overdue, overdue-and-red, restarted with 2 left.
    // Amber: 6 calendar days and 10 working days left; 11 working days left is not at risk.
    expect(patentsTeam.atRisk).toMatchObject({ red: 8, amber: 2, truncated: false });
    expect(expectedRisk({ team: "Patents" }).red).toEqual(
      [caseIds.zeroLeft, caseIds.oneLeft, caseIds.threeLeft, caseIds.fiveLeft, caseIds.fiveWorkingLeft, caseIds.overdue, caseIds.overdueAndRed, caseIds.restartedTwoLeft].sort(),
    );
    expect(expectedRisk({ team: "Patents" }).amber).toEqual([caseIds.sixLeft, caseIds.tenWorkingLeft].sort());
    // A case with an amber and a red deadline is red, once.
    const mine = dashboard({ caseworkerId: me.id });
    expect(expectedRisk({ caseworkerId: me.id }).red).toContain(caseIds.amberAndRed);
    expect(expectedRisk({ caseworkerId: me.id }).amber).not.toContain(caseIds.amberAndRed);
    expect(mine.atRisk.red).toBe(expectedRisk({ caseworkerId: me.id }).red.length);
  });

  it("shares out case-to-answer decisions by when they were completed, however late a missed one was", () => {
    expect(dashboard({ team: "Patents", period: 30 }).caseToAnswer).toEqual({ met: 1, missed: 1, percentMet: 50 });
    expect(dashboard({ team: "Patents", period: 90 }).caseToAnswer).toEqual({ met: 1, missed: 1, percentMet: 50 });
    expect(dashboard({ team: "Patents", period: 180 }).caseToAnswer).toEqual({ met: 2, missed: 1, percentMet: 67 });
    expect(dashboard({ team: "Nobody" }).caseToAnswer).toEqual({ met: 0, missed: 0, percentMet: null });
  });

  it("shows a disabled caseworker's workload while they still hold open cases", () => {
    const workload = dashboard({ team: "Patents" }).workload;
    expect(workload.find((w) => w.name === "Dee Parted")).toMatchObject({ openCases: 1, team: "Patents" });
    expect(workload[0]).toMatchObject({ name: "Pat Entwistle" });
    expect(dashboard().workload.map((w) => w.name)).not.toContain("Helen Marsh"); // an administrator with no cases
  });

  it("takes the median on UK calendar dates from submission to the first triage outcome", () => {
    // 0, 0 and 6 UK calendar days: median 0. On UTC dates it would be 1, 1 and 6, and in whole
    // 24 hours 1, 0 and 6: median 1 either way. Three more complaints await an outcome.
    expect(dashboard({ team: "Patents", period: 90 }).triageTime).toEqual({ medianDays: 0, withOutcome: 3, awaiting: 3 });
    expect(dashboard({ caseworkerId: patents.id, period: 90 }).triageTime.medianDays).toBe(0);
    // 1 and 4 days: halfway between.
    expect(dashboard({ caseworkerId: me.id, period: 90 }).triageTime).toMatchObject({ medianDays: 2.5, withOutcome: 2 });
    // Since 24 October: the same-UK-day acceptance (submitted 00:30 BST on the 25th) and the one after six days.
    expect(dashboard({ team: "Patents", period: 30 }).triageTime).toEqual({ medianDays: 3, withOutcome: 2, awaiting: 2 });
  });

  it("says when and for what period it was computed", () => {
    const answer = dashboard({ period: "30" });
    expect(answer).toMatchObject({ today: "2026-11-22", periodStart: "2026-10-24", generatedAt: FIXED_NOW.toISOString(), filters: { period: 30 } });
    expect(dashboard().filters.period).toBe(90);
  });

  it("counts a write made straight after the same figures were asked for, and dates each answer now", () => {
    const before = dashboard({ team: "Patents" });
    const later = new Date(FIXED_NOW.getTime() + 60_000);
    expect(getDashboard(testCtx(db, me, later), { team: "Patents" }).generatedAt).toBe(later.toISOString());
    const id = insertCase("asked for again", { status: "assessment", assignedTo: patents.id, submittedAt: "2026-11-20T09:00:00.000Z" });
    try {
      const after = dashboard({ team: "Patents" });
      expect(after.openTotal).toBe(before.openTotal + 1);
      expect(after.receivedTotal).toBe(before.receivedTotal + 1);
    } finally {
      db.delete(cases).where(eq(cases.id, id)).run();
    }
    expect(dashboard({ team: "Patents" }).openTotal).toBe(before.openTotal);
    // Worked out afresh, never reused, it gives the same answer.
    expect(workOutDashboard(testCtx(db, me), { team: "Patents" })).toEqual(dashboard({ team: "Patents" }));
    expect(workOutDashboard(testCtx(db, me), { team: "Patents" })).not.toBe(workOutDashboard(testCtx(db, me), { team: "Patents" }));
  });
});

describe("getDashboard access and input", () => {
  it("is for staff only: parties and amicus users get not_found, the signed out unauthenticated", () => {
    expect(thrown(() => dashboard({}, party)).code).toBe("not_found");
    expect(thrown(() => dashboard({}, amicus)).code).toBe("not_found");
    expect(thrown(() => getDashboard(testCtx(db, null))).code).toBe("unauthenticated");
    expect(dashboard({}, admin).openTotal).toBe(dashboard().openTotal);
  });

  it("refuses a period it does not offer, naming the field", () => {
    const error = thrown(() => dashboard({ period: "45" as never }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors).toEqual({ period: "Choose a period of 30, 90 or 180 days" });
  });

  it("offers the staff as caseworkers and their teams", () => {
    const options = dashboardFilterOptions(testCtx(db, me));
    expect(options.teams).toEqual(["AI and software", "Patents"]);
    expect(options.caseworkers.map((c) => c.name)).toEqual(expect.arrayContaining(["Priya Raman", "Tom Okafor", "Pat Entwistle"]));
    expect(options.caseworkers.map((c) => c.name)).not.toContain("Helen Marsh");
    expect(thrown(() => dashboardFilterOptions(testCtx(db, party))).code).toBe("not_found");
  });

  it("offers a new team as soon as someone joins it, though the options are reused between requests", () => {
    const before = dashboardFilterOptions(testCtx(db, me));
    expect(dashboardFilterOptions(testCtx(db, admin))).toBe(before);
    db.update(users).set({ team: "Trade secrets" }).where(eq(users.id, patents.id)).run();
    try {
      expect(dashboardFilterOptions(testCtx(db, me)).teams).toEqual(["AI and software", "Patents", "Trade secrets"]);
    } finally {
      db.update(users).set({ team: "Patents" }).where(eq(users.id, patents.id)).run();
    }
  });
});

describe("median of a histogram", () => {
  it("takes the middle value, or halfway between the middle two", () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ days: 3, n: 1 }])).toBe(3);
    expect(medianOfHistogram([{ days: 4, n: 1 }, { days: 1, n: 1 }])).toBe(2.5);
    expect(medianOfHistogram([{ days: 0, n: 2 }, { days: 10, n: 1 }])).toBe(0);
    expect(medianOfHistogram([{ days: 1, n: 2 }, { days: 2, n: 2 }])).toBe(1.5);
  });
});

// ---------------------------------------------------------------------------------------------
// The lists behind the figures.
// ---------------------------------------------------------------------------------------------

/** Every row of a list, following its keyset pages. */
function allPages(query: FigureListQuery, actor: Actor = me) {
  const rows: ReturnType<typeof listFigure>["rows"] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = listFigure(testCtx(db, actor), { ...query, after, limit: 3 });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    after = page.nextCursor;
  }
  throw new Error("the list never ended");
}

const caseIdsOf = (rows: { caseId: string }[]) => rows.map((r) => r.caseId).sort();

describe("listFigure lists the rows behind each figure", () => {
  const scopes: [string, () => Scope][] = [
    ["no filter", () => ({})],
    ["the Patents team", () => ({ team: "Patents" })],
    ["one caseworker", () => ({ caseworkerId: me.id })],
  ];
  for (const [name, scope] of scopes) {
    describe(`for ${name}`, () => {
      it("open cases, overall and by status", () => {
        expect(caseIdsOf(allPages({ figure: "open-cases", ...scope() }))).toEqual(caseIdsOf(openCases(scope()).map((c) => ({ caseId: c.id }))));
        for (const status of OPEN_STATES) {
          const rows = allPages({ figure: "open-cases", status, ...scope() });
          expect(caseIdsOf(rows)).toEqual(caseIdsOf(openCases(scope()).filter((c) => c.status === status).map((c) => ({ caseId: c.id }))));
        }
      });

      it("complaints received, overall and by week", () => {
        const weeks = expectedWeeks(scope());
        expect(caseIdsOf(allPages({ figure: "received", ...scope() }))).toEqual([...weeks.values()].flat().sort());
        for (const monday of ["2026-10-12", "2026-10-19", "2026-10-26", "2026-05-25", "2026-11-16"]) {
          expect(caseIdsOf(allPages({ figure: "received", week: monday, ...scope() }))).toEqual([...weeks.get(monday)!].sort());
        }
      });

      it("deadlines due, overdue and stopped, one row per deadline", () => {
        for (const figure of ["due-7", "due-14", "overdue", "stopped"] as const) {
          const rows = allPages({ figure, ...scope() });
          const expected = expectedDeadlineIds(figure, scope());
          expect(rows).toHaveLength(expected.length);
          const expectedCases = expected.map((id) => db.select({ caseId: deadlines.caseId }).from(deadlines).where(eq(deadlines.id, id)).get()!);
          expect(caseIdsOf(rows)).toEqual(caseIdsOf(expectedCases));
          expect(rows.map((r) => r.cells.due)).toEqual([...rows.map((r) => r.cells.due)].sort());
        }
      });

      it("cases at risk, red and amber, once each", () => {
        const expected = expectedRisk(scope());
        expect(caseIdsOf(allPages({ figure: "at-risk", level: "red", ...scope() }))).toEqual(expected.red);
        expect(caseIdsOf(allPages({ figure: "at-risk", level: "amber", ...scope() }))).toEqual(expected.amber);
      });

      it("the open assigned cases behind the workload, grouped by caseworker", () => {
        const rows = allPages({ figure: "workload", ...scope() });
        expect(caseIdsOf(rows)).toEqual(caseIdsOf(openCases(scope()).filter((c) => c.assignedTo !== null).map((c) => ({ caseId: c.id }))));
        const names = rows.map((r) => String(r.cells.caseworker));
        expect(names).toEqual([...names].sort());
      });

      it("case-to-answer decisions and triage times in the period", () => {
        for (const period of DASHBOARD_PERIODS) {
          const decisions = expectedDecisions(scope(), period);
          const rows = allPages({ figure: "case-to-answer", period, ...scope() });
          expect(caseIdsOf(rows)).toEqual(caseIdsOf([...decisions.met, ...decisions.missed].map((r) => ({ caseId: r.case.id }))));
          expect(rows.filter((r) => r.cells.outcome === "Missed")).toHaveLength(decisions.missed.length);
          const triage = allPages({ figure: "triage-time", period, ...scope() });
          expect(caseIdsOf(triage)).toEqual(caseIdsOf(expectedTriage(scope(), period).cohort.map((c) => ({ caseId: c.id }))));
        }
      });
    });
  }

  it("gives each triage row its outcome and calendar days", () => {
    const rows = new Map(allPages({ figure: "triage-time", period: 30 }).map((r) => [r.caseId, r.cells]));
    expect(rows.get(caseIds.acceptedSameUkDay!)).toMatchObject({ submitted: "2026-10-25", outcome: "Accepted", outcomeOn: "2026-10-25", days: 0 });
    expect(rows.get(caseIds.rejectedNextUkDay!)).toMatchObject({ submitted: "2026-11-02", outcome: "Rejected", outcomeOn: "2026-11-03", days: 1 });
    expect(rows.get(caseIds.askedThenAccepted!)).toMatchObject({ outcome: "Information requested", outcomeOn: "2026-11-05", days: 4 });
    expect(rows.get(caseIds.stillInTriage!)).toMatchObject({ outcome: "Awaiting triage outcome", outcomeOn: null, days: null });
  });

  it("gives each at-risk row its deadline and counted days left, overdue first", () => {
    const rows = allPages({ figure: "at-risk", level: "red", team: "Patents" });
    expect(rows.slice(0, 2).map((r) => r.cells.remaining)).toEqual(["Overdue", "Overdue"]);
    const byCase = new Map(rows.map((r) => [r.caseId, r.cells]));
    expect(byCase.get(caseIds.overdueAndRed!)).toMatchObject({ risk: "Red", remaining: "Overdue", due: "2026-11-08" });
    expect(byCase.get(caseIds.oneLeft!)).toMatchObject({ risk: "Red", remaining: 1, due: "2026-11-23", deadline: "Non-confidential version of a confidential document" });
    expect(byCase.get(caseIds.restartedTwoLeft!)).toMatchObject({ remaining: 2 });
    const amber = new Map(allPages({ figure: "at-risk", level: "amber", team: "Patents" }).map((r) => [r.caseId, r.cells]));
    expect(byCase.get(caseIds.fiveWorkingLeft!)).toMatchObject({ risk: "Red", remaining: 5, due: "2026-11-27" });
    expect(amber.get(caseIds.tenWorkingLeft!)).toMatchObject({ risk: "Amber", remaining: 10, due: "2026-12-04" });
    expect(amber.has(caseIds.elevenWorkingLeft!)).toBe(false);
  });

  it("titles each list and keeps the figure's own narrowing", () => {
    const ctx = testCtx(db, me);
    expect(listFigure(ctx, { figure: "open-cases", status: "in_triage" })).toMatchObject({ title: "Open cases: in triage", detail: { status: "in_triage" } });
    expect(listFigure(ctx, { figure: "received", week: "2026-10-19" }).title).toBe("Complaints received in the week beginning Monday 19 October 2026");
    expect(listFigure(ctx, { figure: "at-risk", level: "amber" }).title).toBe("Cases at risk: amber");
    expect(listFigure(ctx, { figure: "case-to-answer", period: "30" }).title).toBe("Case-to-answer decisions in the last 30 days");
    for (const figure of FIGURES) expect(listFigure(ctx, { figure: figure as Figure }).columns[0]).toEqual({ key: "reference", header: "Case", kind: "case" });
  });

  it("refuses a closed status, a day that is not a Monday and parties", () => {
    const ctx = testCtx(db, me);
    expect(thrown(() => listFigure(ctx, { figure: "open-cases", status: "closed" })).fieldErrors).toEqual({ status: "Choose an open status" });
    expect(thrown(() => listFigure(ctx, { figure: "received", week: "2026-10-20" })).fieldErrors).toEqual({ week: "Enter the Monday the week begins on, as YYYY-MM-DD" });
    expect(thrown(() => listFigure(testCtx(db, party), { figure: "overdue" })).code).toBe("not_found");
    expect(thrown(() => listFigure(testCtx(db, null), { figure: "overdue" })).code).toBe("unauthenticated");
  });

  it("starts again from the first page when a cursor belongs to another list", () => {
    const ctx = testCtx(db, me);
    const first = listFigure(ctx, { figure: "overdue", limit: 1 });
    const other = listFigure(ctx, { figure: "stopped", limit: 1, after: first.nextCursor ?? undefined });
    expect(other.rows).toEqual(listFigure(ctx, { figure: "stopped", limit: 1 }).rows);
    expect(listFigure(ctx, { figure: "stopped", after: "not a cursor" }).rows.length).toBeGreaterThan(0);
  });

  it("leaves drafts out of every list", () => {
    for (const figure of FIGURES) {
      const ids = caseIdsOf(allPages({ figure: figure as Figure, period: 180 }));
      expect(ids).not.toContain(caseIds.draft);
      expect(ids).not.toContain(caseIds.draftWithClock);
    }
  });
});
