import { and, eq } from "drizzle-orm";
import { beforeEach, afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, caseParties, cases, conflictDeclarations, notifications, users, type CaseStatus } from "@/db/schema";
import { createTestDb, FIXED_NOW, makeOrganisation, makeUser, testCtx, thrown } from "@/db/testing";
import type { Actor } from "../context";
import { newId } from "../ids";
import { verifyAuditChain } from "../audit/verify-chain";
import { acceptComplaint } from "./accept-complaint";
import { rejectComplaint } from "./reject-complaint";
import { requestInformation } from "./request-information";
import { assignCases, listCaseworkerOptions, MAX_BULK_ASSIGN } from "./assign-case";
import { assignCaseToMe } from "./assign-case-to-me";
import { declareConflict } from "./declare-conflict";
import { CONFLICTED_MESSAGE, DECLARATION_NEEDED_MESSAGE } from "./conflict-clearance";
import { proposeDecision } from "./propose-decision";
import { reviewDecision } from "./review-decision";
import { getCaseAssignment } from "./get-case-assignment";
import { getCaseWorkspace } from "./get-case-workspace";
import { listTriageQueue } from "./list-triage-queue";
import { CASE_CHANGED_MESSAGE } from "./state-machine";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let supervisor: Actor;
let secondSupervisor: Actor;
let caseworker: Actor;
let colleague: Actor;
let party: Actor;
let sequence = 0;

function named(actor: Actor, name: string): Actor {
  db.update(users).set({ name }).where(eq(users.id, actor.id)).run();
  return { ...actor, name };
}

function makeCase(status: CaseStatus = "submitted", assignedTo: string | null = null): { id: string; reference: string } {
  sequence += 1;
  const id = newId();
  const reference = `IPC-2026-${String(sequence).padStart(6, "0")}`;
  const at = FIXED_NOW.toISOString();
  db.insert(cases).values({ id, reference, status, title: `Complaint ${sequence}`, complaint: {}, ipRights: ["copyright"], technologyTags: [], createdBy: party.id, assignedTo, submittedAt: at, createdAt: at, updatedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: party.organisationIds[0]!, role: "complainant", addedAt: at }).run();
  db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: makeOrganisation(db, "Meridian Cloud Systems Pte Ltd"), role: "respondent", addedAt: at }).run();
  return { id, reference };
}

const caseRow = (id: string) => db.select().from(cases).where(eq(cases.id, id)).get()!;
const auditActions = (caseId: string) => db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(auditEvents.seq).all().map((e) => e.action);
const notificationsFor = (userId: string, caseId: string) => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.caseId, caseId))).all();

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  supervisor = named(makeUser(db, "supervisor"), "Tom Okafor");
  secondSupervisor = named(makeUser(db, "supervisor"), "Grace Ibe");
  caseworker = named(makeUser(db, "caseworker"), "Priya Raman");
  colleague = named(makeUser(db, "caseworker"), "Ewan Doyle");
  party = makeUser(db, "party", { organisationIds: [makeOrganisation(db, "Corvid Labs Ltd")] });
});

afterEach(() => testDb.close());

describe("assignCases (supervisor, one or many)", () => {
  it("assigns several cases at once, starting triage on submitted ones, with audit and a notification each", () => {
    const a = makeCase("submitted");
    const b = makeCase("in_triage");
    const c = makeCase("assessment", colleague.id);
    const result = assignCases(testCtx(db, supervisor), { caseIds: [a.id, b.id, c.id], assigneeId: caseworker.id });
    expect(result).toEqual({ count: 3, assignee: { id: caseworker.id, name: "Priya Raman" } });
    expect(caseRow(a.id)).toMatchObject({ assignedTo: caseworker.id, status: "in_triage" });
    expect(caseRow(b.id)).toMatchObject({ assignedTo: caseworker.id, status: "in_triage" });
    expect(caseRow(c.id)).toMatchObject({ assignedTo: caseworker.id, status: "assessment" });
    expect(auditActions(a.id)).toEqual(["case.start_triage", "case.assigned"]);
    expect(auditActions(b.id)).toEqual(["case.assigned"]);
    const [told] = notificationsFor(caseworker.id, a.id);
    expect(told).toMatchObject({ title: `${a.reference}: assigned to you`, link: `/cases/${a.id}` });
    expect(told!.body).toContain("Declare whether you have a conflict of interest");
    expect(notificationsFor(colleague.id, c.id)[0]).toMatchObject({ title: `${c.reference}: reassigned` });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("is for supervisors only: caseworkers and parties get not_found and nothing changes", () => {
    const a = makeCase();
    for (const actor of [caseworker, party]) {
      expect(thrown(() => assignCases(testCtx(db, actor), { caseIds: [a.id], assigneeId: caseworker.id })).code).toBe("not_found");
    }
    expect(thrown(() => assignCases(testCtx(db, null), { caseIds: [a.id], assigneeId: caseworker.id })).code).toBe("unauthenticated");
    expect(caseRow(a.id).assignedTo).toBeNull();
  });

  it("asks for at least one case, at most 100, and a caseworker from the list", () => {
    const a = makeCase();
    expect(thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [], assigneeId: caseworker.id })).fieldErrors).toEqual({ caseIds: "Select at least one case to assign" });
    const tooMany = Array.from({ length: MAX_BULK_ASSIGN + 1 }, (_, i) => `case-${i}`);
    expect(thrown(() => assignCases(testCtx(db, supervisor), { caseIds: tooMany, assigneeId: caseworker.id })).fieldErrors).toEqual({ caseIds: "Select 100 cases or fewer at a time" });
    expect(thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [a.id], assigneeId: "" })).fieldErrors).toEqual({ assigneeId: "Select who to assign the cases to" });
    const disabled = makeUser(db, "caseworker", { disabled: true });
    for (const assigneeId of [party.id, disabled.id, "no-such-user"]) {
      expect(thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [a.id], assigneeId })).fieldErrors).toEqual({ assigneeId: "Select a caseworker from the list" });
    }
    expect(caseRow(a.id).assignedTo).toBeNull();
  });

  it("assigns exactly 100 cases in one go", () => {
    const ids = Array.from({ length: MAX_BULK_ASSIGN }, () => makeCase("in_triage").id);
    expect(assignCases(testCtx(db, supervisor), { caseIds: ids, assigneeId: colleague.id }).count).toBe(100);
    expect(listTriageQueue(testCtx(db, colleague), { tab: "mine", limit: 100 }).items).toHaveLength(100);
  });

  it("refuses a closed case, or one changed since the page was drawn, and assigns none of the batch", () => {
    const open = makeCase("in_triage");
    const closed = makeCase("closed");
    const closedError = thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [open.id, closed.id], assigneeId: caseworker.id }));
    expect(closedError.code).toBe("conflict");
    expect(closedError.message).toContain(`${closed.reference} is closed`);
    expect(caseRow(open.id).assignedTo).toBeNull();

    const taken = makeCase("in_triage");
    assignCases(testCtx(db, secondSupervisor), { caseIds: [taken.id], assigneeId: colleague.id });
    const stale = thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [open.id, taken.id], assigneeId: caseworker.id, seen: { [open.id]: "", [taken.id]: "" } }));
    expect(stale).toMatchObject({ code: "conflict", message: CASE_CHANGED_MESSAGE });
    expect(caseRow(open.id).assignedTo).toBeNull();
    expect(caseRow(taken.id).assignedTo).toBe(colleague.id);
    assignCases(testCtx(db, supervisor), { caseIds: [open.id, taken.id], assigneeId: caseworker.id, seen: { [open.id]: "", [taken.id]: colleague.id } });
    expect(caseRow(taken.id).assignedTo).toBe(caseworker.id);
  });

  it("does not let a party's case leak: an unknown case id is not_found", () => {
    expect(thrown(() => assignCases(testCtx(db, supervisor), { caseIds: ["no-such-case"], assigneeId: caseworker.id })).code).toBe("not_found");
  });
});

describe("declareConflict (the assigned caseworker)", () => {
  it("clears the caseworker to work on the case when they declare no conflict", () => {
    const a = makeCase("in_triage");
    assignCases(testCtx(db, supervisor), { caseIds: [a.id], assigneeId: caseworker.id });
    expect(listTriageQueue(testCtx(db, caseworker), { tab: "mine" }).items[0]!.declarationNeeded).toBe(true);
    expect(getCaseAssignment(testCtx(db, caseworker), a.id).actions).toContain("declare");

    expect(declareConflict(testCtx(db, caseworker), { caseId: a.id, declaration: "no_conflict" })).toEqual({ unassigned: false });
    expect(caseRow(a.id).assignedTo).toBe(caseworker.id);
    expect(listTriageQueue(testCtx(db, caseworker), { tab: "mine" }).items[0]!.declarationNeeded).toBe(false);
    const view = getCaseAssignment(testCtx(db, caseworker), a.id);
    expect(view).toMatchObject({ assignee: { id: caseworker.id, name: "Priya Raman" }, assigneeCleared: true });
    expect(view.actions).toEqual(["declare_conflict_later"]);
    expect(auditActions(a.id)).toEqual(["case.assigned", "case.conflict_declared"]);
    expect(notificationsFor(supervisor.id, a.id)).toEqual([]);
  });

  it("un-assigns on a declared conflict, tells the supervisors, and bars re-assignment to that caseworker", () => {
    const a = makeCase("in_triage");
    const b = makeCase("in_triage");
    assignCases(testCtx(db, supervisor), { caseIds: [a.id], assigneeId: caseworker.id });
    expect(declareConflict(testCtx(db, caseworker), { caseId: a.id, declaration: "conflict", details: "I advised Corvid Labs on its patents until 2025." })).toEqual({ unassigned: true });

    expect(caseRow(a.id).assignedTo).toBeNull();
    expect(db.select().from(conflictDeclarations).where(eq(conflictDeclarations.caseId, a.id)).all()).toMatchObject([{ userId: caseworker.id, hasConflict: true, details: "I advised Corvid Labs on its patents until 2025." }]);
    expect(auditActions(a.id)).toEqual(["case.assigned", "case.conflict_declared", "case.unassigned"]);
    for (const boss of [supervisor, secondSupervisor]) {
      const [told] = notificationsFor(boss.id, a.id);
      expect(told).toMatchObject({ kind: "case.conflict_declared", title: `${a.reference}: conflict of interest declared`, link: `/cases/${a.id}` });
      expect(told!.body).toContain("Priya Raman");
      expect(told!.body).toContain(a.reference);
    }
    expect(listTriageQueue(testCtx(db, caseworker), { tab: "unassigned" }).items.map((i) => i.id)).toContain(a.id);

    const refused = thrown(() => assignCases(testCtx(db, supervisor), { caseIds: [b.id, a.id], assigneeId: caseworker.id }));
    expect(refused.code).toBe("invalid");
    expect(refused.fieldErrors.assigneeId).toBe(`Priya Raman has declared a conflict of interest with the parties to ${a.reference}, so cannot be assigned it`);
    expect(caseRow(b.id).assignedTo).toBeNull();
    expect(thrown(() => assignCaseToMe(testCtx(db, caseworker), { caseId: a.id, declaration: "no_conflict" })).code).toBe("forbidden");
    expect(getCaseAssignment(testCtx(db, caseworker), a.id)).toMatchObject({ actions: [], viewerHasConflict: true });
    expect(getCaseAssignment(testCtx(db, supervisor), a.id).conflicts).toEqual([{ userName: "Priya Raman", declaredAt: FIXED_NOW.toISOString(), details: "I advised Corvid Labs on its patents until 2025." }]);
    expect(getCaseAssignment(testCtx(db, colleague), a.id).conflicts[0]!.details).toBeNull();

    assignCases(testCtx(db, supervisor), { caseIds: [a.id], assigneeId: colleague.id });
    expect(caseRow(a.id).assignedTo).toBe(colleague.id);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("requires details for a conflict and a choice either way", () => {
    const a = makeCase("in_triage", caseworker.id);
    expect(thrown(() => declareConflict(testCtx(db, caseworker), { caseId: a.id, declaration: "conflict", details: "  " })).fieldErrors).toEqual({ details: "Enter details of the conflict of interest" });
    expect(thrown(() => declareConflict(testCtx(db, caseworker), { caseId: a.id, declaration: "" as never })).fieldErrors).toEqual({ declaration: "Select whether you have a conflict of interest with the parties" });
    expect(caseRow(a.id).assignedTo).toBe(caseworker.id);
  });

  it("answers a caseworker the case is not (or no longer) assigned to with the conflict message", () => {
    const a = makeCase("in_triage", colleague.id);
    expect(thrown(() => declareConflict(testCtx(db, caseworker), { caseId: a.id, declaration: "no_conflict" })).code).toBe("conflict");
    expect(thrown(() => declareConflict(testCtx(db, party), { caseId: a.id, declaration: "no_conflict" })).code).toBe("not_found");
  });
});

describe("assignCaseToMe (self-assignment with the declaration)", () => {
  it("takes an unassigned case and clears the caseworker in one step", () => {
    const a = makeCase("submitted");
    expect(getCaseAssignment(testCtx(db, caseworker), a.id).actions).toEqual(["assign_to_me"]);
    expect(assignCaseToMe(testCtx(db, caseworker), { caseId: a.id, declaration: "no_conflict" })).toEqual({ assigned: true });
    expect(caseRow(a.id)).toMatchObject({ assignedTo: caseworker.id, status: "in_triage" });
    expect(listTriageQueue(testCtx(db, caseworker), { tab: "mine" }).items).toMatchObject([{ id: a.id, declarationNeeded: false }]);
    expect(auditActions(a.id)).toEqual(["case.conflict_declared", "case.start_triage", "case.assigned"]);
  });

  it("leaves the case unassigned and tells the supervisors when the caseworker declares a conflict", () => {
    const a = makeCase("submitted");
    expect(assignCaseToMe(testCtx(db, caseworker), { caseId: a.id, declaration: "conflict", details: "My partner works for the respondent." })).toEqual({ assigned: false });
    expect(caseRow(a.id)).toMatchObject({ assignedTo: null, status: "submitted" });
    expect(notificationsFor(supervisor.id, a.id)[0]!.body).toContain("Priya Raman");
  });

  it("gives the 'this case has changed' message when someone else took the case first", () => {
    const a = makeCase("in_triage");
    assignCaseToMe(testCtx(db, colleague), { caseId: a.id, declaration: "no_conflict" });
    expect(thrown(() => assignCaseToMe(testCtx(db, caseworker), { caseId: a.id, declaration: "no_conflict" }))).toMatchObject({ code: "conflict", message: CASE_CHANGED_MESSAGE });
    expect(caseRow(a.id).assignedTo).toBe(colleague.id);
  });

  it("is not open to parties", () => {
    const a = makeCase("in_triage");
    expect(thrown(() => assignCaseToMe(testCtx(db, party), { caseId: a.id, declaration: "no_conflict" })).code).toBe("not_found");
  });
});

describe("triage outcomes wait for the assigned caseworker's declaration", () => {
  it("refuses accept, reject and information requests until the assignee declares no conflict", () => {
    const a = makeCase("in_triage", caseworker.id);
    const ctx = testCtx(db, caseworker);
    expect(getCaseWorkspace(ctx, a.id).actions).not.toContain("accept");
    for (const act of [
      () => acceptComplaint(ctx, { caseId: a.id, reasons: "Valid.", servedOn: "2026-11-22", serviceMethod: "email" }),
      () => rejectComplaint(ctx, { caseId: a.id, reasons: "Out of scope." }),
      () => requestInformation(ctx, { caseId: a.id, questions: "When was the code taken?" }),
    ]) {
      expect(thrown(act)).toMatchObject({ code: "forbidden", message: DECLARATION_NEEDED_MESSAGE });
    }
    expect(caseRow(a.id).status).toBe("in_triage");

    declareConflict(ctx, { caseId: a.id, declaration: "no_conflict" });
    expect(getCaseWorkspace(ctx, a.id).actions).toEqual(expect.arrayContaining(["accept", "reject", "request_information"]));
    acceptComplaint(ctx, { caseId: a.id, reasons: "Valid.", servedOn: "2026-11-22", serviceMethod: "email" });
    expect(caseRow(a.id).status).toBe("assessment");
  });

  it("does not stop staff acting on a case that is not assigned to them", () => {
    const unassigned = makeCase("in_triage");
    rejectComplaint(testCtx(db, caseworker), { caseId: unassigned.id, reasons: "Out of scope." });
    expect(caseRow(unassigned.id).status).toBe("closed");
    const someoneElses = makeCase("in_triage", colleague.id);
    requestInformation(testCtx(db, supervisor), { caseId: someoneElses.id, questions: "When?" });
    expect(caseRow(someoneElses.id).status).toBe("awaiting_information");
  });

  it("bars anyone who declared a conflict from the case for good, even once it is no longer theirs", () => {
    const a = makeCase("in_triage", caseworker.id);
    const ctx = testCtx(db, caseworker);
    declareConflict(ctx, { caseId: a.id, declaration: "conflict", details: "I advised the respondent in 2024." });
    expect(caseRow(a.id).assignedTo).toBeNull();
    expect(getCaseWorkspace(ctx, a.id).actions).not.toEqual(expect.arrayContaining(["accept"]));
    for (const act of [
      () => acceptComplaint(ctx, { caseId: a.id, reasons: "Valid.", servedOn: "2026-11-22", serviceMethod: "email" }),
      () => rejectComplaint(ctx, { caseId: a.id, reasons: "Out of scope." }),
      () => requestInformation(ctx, { caseId: a.id, questions: "When was the code taken?" }),
    ]) {
      expect(thrown(act)).toMatchObject({ code: "forbidden", message: CONFLICTED_MESSAGE });
    }
    expect(caseRow(a.id).status).toBe("in_triage");
  });

  it("applies to proposing and approving the case-to-answer decision too", () => {
    const a = makeCase("assessment", colleague.id);
    declareConflict(testCtx(db, colleague), { caseId: a.id, declaration: "no_conflict" });
    // The supervisor declared a conflict on this case earlier, when offered it.
    db.insert(conflictDeclarations).values({ id: newId(), caseId: a.id, userId: supervisor.id, hasConflict: true, details: "Former employer of the respondent's CTO.", declaredAt: FIXED_NOW.toISOString() }).run();
    expect(thrown(() => proposeDecision(testCtx(db, supervisor), { caseId: a.id, decision: "case_to_answer", reasons: "Strong evidence." }))).toMatchObject({ code: "forbidden", message: CONFLICTED_MESSAGE });

    const proposalId = proposeDecision(testCtx(db, colleague), { caseId: a.id, decision: "case_to_answer", reasons: "Strong evidence." });
    expect(getCaseWorkspace(testCtx(db, supervisor), a.id).actions).not.toContain("review_decision");
    expect(thrown(() => reviewDecision(testCtx(db, supervisor), { proposalId, outcome: "approve" }))).toMatchObject({ code: "forbidden", message: CONFLICTED_MESSAGE });
    expect(getCaseWorkspace(testCtx(db, secondSupervisor), a.id).actions).toContain("review_decision");
    reviewDecision(testCtx(db, secondSupervisor), { proposalId, outcome: "approve" });
    expect(caseRow(a.id).status).toBe("investigation");
  });
});

describe("the caseworkers offered for assignment", () => {
  it("are reused between requests but include a new caseworker at once, and are refused to parties", () => {
    const first = listCaseworkerOptions(testCtx(db, supervisor));
    expect(listCaseworkerOptions(testCtx(db, caseworker))).toBe(first);
    const newcomer = makeUser(db, "caseworker");
    expect(listCaseworkerOptions(testCtx(db, supervisor)).map((option) => option.id)).toContain(newcomer.id);
    expect(first.map((option) => option.id)).not.toContain(newcomer.id);
    expect(thrown(() => listCaseworkerOptions(testCtx(db, party))).code).toBe("not_found");
  });
});
