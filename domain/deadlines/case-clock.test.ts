import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, caseParties, cases, clockEvents, deadlines } from "@/db/schema";
import { createTestDb, makeOrganisation, makeUser, testCtx } from "@/db/testing";
import type { Db } from "@/db/client";
import type { Actor } from "../context";
import { newId } from "../ids";
import { verifyAuditChain } from "../audit/verify-chain";
import { startDeadline } from "./case-clock";
import { stopClock } from "./stop-clock";
import { restartClock } from "./restart-clock";
import { extendDeadline } from "./extend-deadline";
import { getCaseClocks } from "./get-case-clocks";
import { importHolidayData } from "./import-holidays";
import bundled from "./uk-bank-holidays.json";

let db: Db;
let close: () => void;
let caseworker: Actor;
let supervisor: Actor;
let party: Actor;
let caseId: string;

// 2026-12-18 is a Friday; the 45-day case-to-answer period runs to Monday 1 February 2027.
const ACCEPTED_ON = "2026-12-18";
const at = (iso: string) => new Date(iso);

function seedCase(): string {
  const id = newId();
  const complainant = makeOrganisation(db, "Complainant Co");
  party = makeUser(db, "party", { organisationIds: [complainant] });
  const now = "2026-12-18T10:00:00.000Z";
  db.insert(cases).values({ id, reference: "IPC-2026-000001", status: "assessment", title: "Test case", complaint: {}, ipRights: ["copyright"], technologyTags: [], createdBy: party.id, acceptedOn: ACCEPTED_ON, submittedAt: now, createdAt: now, updatedAt: now }).run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainant, role: "complainant", addedAt: now }).run();
  return id;
}

function startCaseToAnswer(now = at("2026-12-18T10:00:00Z")) {
  return db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker, now), { caseId, ruleId: "case-to-answer", startOn: ACCEPTED_ON, reason: "Complaint accepted" }));
}

beforeEach(() => {
  ({ db, close } = createTestDb());
  caseworker = makeUser(db, "caseworker");
  supervisor = makeUser(db, "supervisor");
  caseId = seedCase();
});
afterEach(() => close());

describe("the case-to-answer clock", () => {
  it("starts from the rule catalogue: 45 calendar days after acceptance, rolled to a working day", () => {
    const deadline = startCaseToAnswer();
    expect(deadline).toMatchObject({ dueOn: "2027-02-01", expiresAt: "2027-02-01T23:59:59+00:00", status: "running", length: 45, unit: "calendar", roll: "next-working-day" });
    expect(deadline.holidayDataVersion).toMatch(/^[0-9a-f]{12}$/);
    const [clock] = getCaseClocks(testCtx(db, caseworker, at("2026-12-18T12:00:00Z")), caseId);
    expect(clock).toMatchObject({ day: 0, totalDays: 45, remaining: 45, rag: "green", dueLong: "Monday 1 February 2027" });
    const [later] = getCaseClocks(testCtx(db, party, at("2026-12-30T12:00:00Z")), caseId);
    expect(later).toMatchObject({ day: 12, remaining: 33 });
  });

  it("stops and restarts with both days inclusive, moving the due date by the days stopped", () => {
    const deadline = startCaseToAnswer();
    // Stopped Monday 11 January to Wednesday 20 January 2027 inclusive: 10 days.
    stopClock(testCtx(db, caseworker, at("2027-01-11T09:00:00Z")), { deadlineId: deadline.id, reason: "Information request sent" });
    const [stopped] = getCaseClocks(testCtx(db, caseworker, at("2027-01-15T09:00:00Z")), caseId);
    expect(stopped).toMatchObject({ stoppedSince: "2027-01-11", stoppedReason: "Information request sent", day: 23, remaining: 22 });
    expect(stopped!.deadline.status).toBe("stopped");

    const restarted = restartClock(testCtx(db, caseworker, at("2027-01-20T16:00:00Z")), { deadlineId: deadline.id, reason: "Information received" });
    expect(restarted).toMatchObject({ status: "running", dueOn: "2027-02-11" });
    const kinds = db.select({ kind: clockEvents.kind }).from(clockEvents).where(eq(clockEvents.deadlineId, deadline.id)).all().map((e) => e.kind);
    expect(kinds).toEqual(["start", "stop", "restart"]);
    const actions = db.select({ action: auditEvents.action }).from(auditEvents).all().map((e) => e.action);
    expect(actions).toEqual(["clock.start", "clock.stop", "clock.restart"]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("refuses to stop a stopped clock or restart a running one, with a conflict", () => {
    const deadline = startCaseToAnswer();
    expect(() => restartClock(testCtx(db, caseworker, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, reason: "x" })).toThrow(expect.objectContaining({ code: "conflict" }));
    stopClock(testCtx(db, caseworker, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, reason: "x" });
    expect(() => stopClock(testCtx(db, caseworker, at("2027-01-05T10:00:00Z")), { deadlineId: deadline.id, reason: "again" })).toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("lets only a supervisor extend, and only before the deadline expires", () => {
    const deadline = startCaseToAnswer();
    expect(() => extendDeadline(testCtx(db, caseworker, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, days: 5, reason: "Complex" })).toThrow(expect.objectContaining({ code: "not_found" }));
    const extended = extendDeadline(testCtx(db, supervisor, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, days: 5, reason: "Complex" });
    // 50 days after Friday 18 December 2026 is Saturday 6 February, rolled to Monday 8 February.
    expect(extended.dueOn).toBe("2027-02-08");
    // One second after 23:59:59 UK time on the due date, it has expired.
    const late = () => extendDeadline(testCtx(db, supervisor, at("2027-02-09T00:00:00Z")), { deadlineId: deadline.id, days: 5, reason: "Too late" });
    expect(late).toThrow(/expired at 11:59pm on 2027-02-08/);
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()!.dueOn).toBe("2027-02-08");
  });

  it("rejects bad input with a message naming the field", () => {
    const deadline = startCaseToAnswer();
    expect(() => extendDeadline(testCtx(db, supervisor, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, days: 0, reason: "" })).toThrow(
      expect.objectContaining({ code: "invalid", fieldErrors: { days: "Extend by at least 1 day", reason: "Enter why the deadline is being extended" } }),
    );
    expect(() => stopClock(testCtx(db, caseworker, at("2027-01-05T09:00:00Z")), { deadlineId: deadline.id, reason: "x", effectiveOn: "2027-01-06" })).toThrow(/future/);
  });

  it("keeps each clock's ledger to its own events, in the order they were recorded", () => {
    const caseToAnswer = startCaseToAnswer();
    const representations = db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker, at("2026-12-18T11:00:00Z")), { caseId, ruleId: "respondent-representations", startOn: ACCEPTED_ON, reason: "Complaint served" }));
    stopClock(testCtx(db, caseworker, at("2027-01-05T09:00:00Z")), { deadlineId: caseToAnswer.id, reason: "Waiting for the complainant" });
    extendDeadline(testCtx(db, supervisor, at("2027-01-05T10:00:00Z")), { deadlineId: representations.id, days: 3, reason: "Late service" });
    restartClock(testCtx(db, caseworker, at("2027-01-06T09:00:00Z")), { deadlineId: caseToAnswer.id, reason: "Answer received" });

    const clocks = getCaseClocks(testCtx(db, caseworker, at("2027-01-07T09:00:00Z")), caseId);
    const ledgers = new Map(clocks.map((clock) => [clock.deadline.id, clock.ledger.map((entry) => `${entry.kind}: ${entry.reason}`)]));
    expect(ledgers.get(caseToAnswer.id)).toEqual(["start: Complaint accepted", "stop: Waiting for the complainant", "restart: Answer received"]);
    expect(ledgers.get(representations.id)).toEqual(["start: Complaint served", "extension: Late service"]);
    expect(clocks.find((clock) => clock.deadline.id === representations.id)!.totalDays).toBe(representations.length + 3);
  });

  it("hides a case's clocks from a party who is not on the case", () => {
    startCaseToAnswer();
    const outsider = makeUser(db, "party", { organisationIds: [makeOrganisation(db)] });
    expect(() => getCaseClocks(testCtx(db, outsider), caseId)).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("importing bank holiday data", () => {
  it("recomputes open deadlines and records the ones that moved", () => {
    const deadline = db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker), { caseId, ruleId: "respondent-representations", startOn: "2027-01-04", reason: "Complaint served" }));
    // 20 working days after Monday 4 January 2027 is Monday 1 February.
    expect(deadline.dueOn).toBe("2027-02-01");
    const extraHoliday = structuredClone(bundled);
    extraHoliday["england-and-wales"].events.push({ title: "Extra day off", date: "2027-01-15", notes: "", bunting: false });
    const result = importHolidayData(testCtx(db, makeUser(db, "admin")), extraHoliday);
    expect(result.moved).toEqual([expect.objectContaining({ deadlineId: deadline.id, from: "2027-02-01", to: "2027-02-02" })]);
    const row = db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()!;
    expect(row).toMatchObject({ dueOn: "2027-02-02", holidayDataVersion: result.version });
    expect(db.select().from(clockEvents).where(eq(clockEvents.kind, "recomputed")).all()).toHaveLength(1);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("refuses data that no longer covers an open deadline, changing nothing", () => {
    const deadline = db.transaction((tx) => startDeadline(tx, testCtx(db, caseworker), { caseId, ruleId: "respondent-representations", startOn: "2027-01-04", reason: "Complaint served" }));
    const only2026 = structuredClone(bundled);
    for (const division of ["england-and-wales", "scotland", "northern-ireland"] as const) {
      only2026[division].events = only2026[division].events.filter((e) => e.date.startsWith("2026"));
    }
    expect(() => importHolidayData(testCtx(db, makeUser(db, "admin")), only2026)).toThrow(/cannot be recomputed/);
    expect(db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()!.holidayDataVersion).toBe(deadline.holidayDataVersion);
  });

  it("is for admins only, and rejects malformed data with a message naming the problem", () => {
    expect(() => importHolidayData(testCtx(db, caseworker), bundled)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => importHolidayData(testCtx(db, makeUser(db, "admin")), { scotland: {} })).toThrow(/Invalid holiday data/);
  });
});
