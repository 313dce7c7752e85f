import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CASE_STATUSES, caseParties, cases, CONFIDENTIALITY_LEVELS, deadlines, EMAIL_MODES, IP_RIGHTS } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import { applyForLeave } from "@/domain/amicus/apply-for-leave";
import { decideApplication } from "@/domain/amicus/decide-application";
import { fileBrief } from "@/domain/amicus/file-brief";
import { respondToBrief } from "@/domain/amicus/respond-to-brief";
import { createCalendarFeed } from "@/domain/calendar/create-calendar-feed";
import { calendarFeedsView } from "@/domain/calendar/list-calendar-feeds";
import { revokeCalendarFeed } from "@/domain/calendar/revoke-calendar-feed";
import { acceptComplaint, SERVICE_METHODS } from "@/domain/cases/accept-complaint";
import { addCaseNote } from "@/domain/cases/add-case-note";
import { answerInformationRequest } from "@/domain/cases/answer-information-request";
import { assignCases } from "@/domain/cases/assign-case";
import { assignCaseToMe } from "@/domain/cases/assign-case-to-me";
import { DECLARATIONS } from "@/domain/cases/conflict-clearance";
import { declareConflict } from "@/domain/cases/declare-conflict";
import { exportTriageCsv } from "@/domain/cases/export-triage-csv";
import { inviteRepresentative } from "@/domain/cases/invite-representative";
import { listCasesForActor } from "@/domain/cases/list-cases";
import { listTriageQueue } from "@/domain/cases/list-triage-queue";
import { proposeDecision } from "@/domain/cases/propose-decision";
import { rejectComplaint } from "@/domain/cases/reject-complaint";
import { requestInformation } from "@/domain/cases/request-information";
import { reviewDecision } from "@/domain/cases/review-decision";
import { withdrawComplaint } from "@/domain/cases/withdraw-complaint";
import { deleteDraftComplaint } from "@/domain/complaints/delete-draft";
import { SECTION_SLUGS } from "@/domain/complaints/questions";
import { saveComplaintSection } from "@/domain/complaints/save-complaint-section";
import { SECTION_FIELDS } from "@/domain/complaints/sections";
import { submitComplaint } from "@/domain/complaints/submit-complaint";
import { exportFigureCsv } from "@/domain/dashboard/export-csv";
import { FIGURES, listFigure } from "@/domain/dashboard/figure-lists";
import { getDashboard } from "@/domain/dashboard/get-dashboard";
import { DEADLINE_COUNTS, DEADLINE_ROLLS, DEADLINE_UNITS } from "@/domain/deadlines/engine";
import { exportDeadlinesCsv } from "@/domain/deadlines/export-deadlines-csv";
import { extendDeadline } from "@/domain/deadlines/extend-deadline";
import { DEADLINE_CALENDARS } from "@/domain/deadlines/holidays";
import { DEADLINE_SORTS, DEADLINE_TABS, deadlinesForMonth, getDeadlinesView, listDeadlines } from "@/domain/deadlines/list-deadlines";
import { restartClock } from "@/domain/deadlines/restart-clock";
import { stopClock } from "@/domain/deadlines/stop-clock";
import { updateDeadlineRule } from "@/domain/deadlines/update-deadline-rule";
import { challengeConfidentiality } from "@/domain/evidence/challenge-confidentiality";
import { decideChallenge } from "@/domain/evidence/decide-challenge";
import { reviewEvidence } from "@/domain/evidence/review-evidence";
import { submitEvidence } from "@/domain/evidence/submit-evidence";
import { startUpload } from "@/domain/evidence/uploads";
import { withdrawEvidence } from "@/domain/evidence/withdraw-evidence";
import { listNotifications } from "@/domain/notifications/list-notifications";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "@/domain/notifications/mark-read";
import { NOTIFICATION_KINDS } from "@/domain/notifications/kinds";
import { saveEmailPreferences } from "@/domain/notifications/preferences";
import { retryMail } from "@/domain/notifications/retry-mail";
import { publishCase } from "@/domain/register/publish-case";
import { authenticate } from "@/domain/users/authenticate";
import { ACCOUNT_TYPES, registerParty } from "@/domain/users/register-party";
import { setUserDisabled } from "@/domain/users/set-user-disabled";
import { verifyEmail } from "@/domain/users/verify-email";
import { blobStore } from "./blobs";
import { fuzzRuns, hostileString, makeFuzzWorld, PARTIES, problemsWithThrown, realistic, roleFor, ROLES, STAFF, type FieldKind, type FuzzRole, type FuzzWorld, type IdTable } from "./fuzz-hostile";

/*
 * The domain verbs called directly, as scripts, routes and future callers may call them: any value
 * of any type in any field. Property: a verb returns, or throws a DomainError with a message; any
 * other error is a 500. Verbs whose input is declared `unknown` (they read raw form values) must
 * also say what to fix. Seeded by vitest.setup.ts (FC_SEED replays a failure).
 */

const RUNS = 30;

let testDb: ReturnType<typeof createTestDb>;
let world: FuzzWorld;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-fuzz-verbs-"));
  vi.stubEnv("DATA_DIR", dataDir);
  testDb = createTestDb();
  world = await makeFuzzWorld(testDb.db);
});
afterAll(() => {
  testDb.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const id = (...tables: IdTable[]): FieldKind => ({ kind: "id", pool: () => [...tables.flatMap((table) => world.ids[table]()), ...world.anyId().filter((_, index) => index % 17 === 0)] });
const text: FieldKind = { kind: "text" };
const date: FieldKind = { kind: "date" };
const number: FieldKind = { kind: "number" };
const email: FieldKind = { kind: "email" };
const password: FieldKind = { kind: "password" };
const options = (...values: readonly string[]): FieldKind => ({ kind: "options", options: values });

/** Values of the wrong type, as a careless caller in code could pass. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, -1, 1.5, 365, 366, 1e9, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, [], {}, [""], ["a", "b"], { length: 1 }),
  fc.integer(),
  fc.double(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }),
);

/** Any value for a field: realistic for its kind, hostile text, or the wrong type altogether. */
const anyValue = (kind: FieldKind): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: realistic(kind) }, { weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: oddValue });

/**
 * An input object: usually each field present or not, of any value, plus fields nobody asked for;
 * sometimes every field realistic, so the fuzz also reaches the verb's transaction and success.
 */
function inputOf(fields: Record<string, FieldKind>): fc.Arbitrary<Record<string, unknown>> {
  const own = fc.record(Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, anyValue(kind)])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.constantFrom("role", "status", "organisationId", "createdBy", "actor", "id", "now"), hostileString, { maxKeys: 2 });
  const hostile = fc.tuple(own, extra).map(([ownFields, extraFields]) => ({ ...extraFields, ...ownFields }));
  const plausible = fc.record(Object.fromEntries(Object.entries(fields).map(([name, kind]) => [name, realistic(kind)])));
  return fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: plausible });
}

interface VerbSpec {
  verb: string;
  roles: readonly FuzzRole[];
  input: () => fc.Arbitrary<unknown>;
  call: (ctx: Ctx, input: never) => unknown;
  /** The verb takes raw form values (`unknown`), so its messages must say what to fix whatever arrives. */
  readsRawInput?: boolean;
  runs?: number;
}

const fields = (spec: Record<string, FieldKind>) => () => inputOf(spec);
const complaintAnswers = () =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...Object.values(SECTION_FIELDS).flatMap((section) => Object.keys(section))), fc.string({ maxLength: 8 })),
    fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), oddValue),
    { maxKeys: 8 },
  );
const evidenceItems = () => fc.oneof(fc.array(inputOf({ uploadId: id("uploadSessions"), title: text, description: text }), { maxLength: 3 }), oddValue);

const VERBS: VerbSpec[] = [
  // Cases
  { verb: "acceptComplaint", roles: STAFF, input: fields({ caseId: id("cases"), reasons: text, servedOn: date, serviceMethod: options(...SERVICE_METHODS) }), call: acceptComplaint },
  { verb: "rejectComplaint", roles: STAFF, input: fields({ caseId: id("cases"), reasons: text }), call: rejectComplaint },
  { verb: "requestInformation", roles: STAFF, input: fields({ caseId: id("cases"), questions: text }), call: requestInformation },
  { verb: "proposeDecision", roles: STAFF, input: fields({ caseId: id("cases"), decision: options("case_to_answer", "no_case_to_answer"), reasons: text }), call: proposeDecision },
  { verb: "reviewDecision", roles: ["supervisor"], input: fields({ proposalId: id("decisionProposals"), outcome: options("approve", "return"), note: text }), call: reviewDecision },
  { verb: "addCaseNote", roles: STAFF, input: fields({ caseId: id("cases"), body: text }), call: addCaseNote },
  {
    verb: "assignCases",
    roles: ["supervisor", "caseworker"],
    input: () => fc.record({ caseIds: fc.oneof(fc.array(anyValue(id("cases")), { maxLength: 4 }), oddValue), assigneeId: anyValue(id("users")), seen: fc.oneof(fc.dictionary(fc.constantFrom(...world.ids.cases()), fc.constantFrom(...world.ids.users(), "")), oddValue) }, { requiredKeys: [] }),
    call: assignCases,
  },
  { verb: "assignCaseToMe", roles: STAFF, input: fields({ caseId: id("cases"), declaration: options(...DECLARATIONS), details: text }), call: assignCaseToMe },
  { verb: "declareConflict", roles: STAFF, input: fields({ caseId: id("cases"), declaration: options(...DECLARATIONS), details: text }), call: declareConflict },
  { verb: "inviteRepresentative", roles: STAFF, input: fields({ caseId: id("cases"), email, organisationName: text }), call: inviteRepresentative },
  { verb: "withdrawComplaint", roles: PARTIES, input: fields({ caseId: id("cases"), reasons: text }), call: withdrawComplaint },
  { verb: "answerInformationRequest", roles: PARTIES, input: fields({ requestId: id("informationRequests"), response: text }), call: answerInformationRequest },
  { verb: "listCasesForActor", roles: ROLES, input: fields({ after: text, limit: number, excludeDrafts: options("true") }), call: listCasesForActor },
  {
    verb: "listTriageQueue",
    roles: STAFF,
    input: fields({ tab: options("unassigned", "mine", "all"), sort: options("received-asc", "received-desc"), statuses: options(...CASE_STATUSES), caseworkerId: id("users"), ipRights: options(...IP_RIGHTS), receivedFrom: date, receivedTo: date, clock: options("red"), q: text, after: text, before: text, limit: number }),
    call: listTriageQueue,
  },
  { verb: "exportTriageCsv", roles: STAFF, input: fields({ tab: options("unassigned", "mine", "all"), statuses: options(...CASE_STATUSES), caseworkerId: id("users"), q: text, receivedFrom: date }), call: exportTriageCsv },
  // Complaints
  {
    verb: "saveComplaintSection",
    roles: PARTIES,
    input: () => fc.record({ draftId: anyValue(id("cases")), section: anyValue(options(...SECTION_SLUGS)), answers: fc.oneof({ weight: 3, arbitrary: complaintAnswers() }, { weight: 1, arbitrary: oddValue }), intent: anyValue(options("continue", "later")) }, { requiredKeys: [] }),
    call: saveComplaintSection,
  },
  { verb: "submitComplaint", roles: PARTIES, input: fields({ draftId: id("cases"), statementOfTruth: options("yes"), signatoryName: text }), call: submitComplaint },
  { verb: "deleteDraftComplaint", roles: PARTIES, input: fields({ draftId: id("cases") }), call: deleteDraftComplaint },
  // Deadlines and clocks
  { verb: "stopClock", roles: STAFF, input: fields({ deadlineId: id("deadlines"), reason: text, effectiveOn: date }), call: stopClock },
  { verb: "restartClock", roles: STAFF, input: fields({ deadlineId: id("deadlines"), reason: text, lastStoppedOn: date }), call: restartClock },
  { verb: "extendDeadline", roles: ["supervisor"], runs: 60, input: fields({ deadlineId: id("deadlines"), days: options("365", "300", "1"), reason: text }), call: extendDeadline },
  {
    verb: "updateDeadlineRule",
    roles: ["admin"],
    input: fields({ ruleId: id("deadlineRules"), length: number, unit: options(...DEADLINE_UNITS), count: options(...DEADLINE_COUNTS), calendar: options(...DEADLINE_CALENDARS), roll: options(...DEADLINE_ROLLS), reason: text }),
    call: updateDeadlineRule,
  },
  { verb: "listDeadlines", roles: STAFF, input: fields({ tab: options(...DEADLINE_TABS), sort: options(...DEADLINE_SORTS), ruleId: id("deadlineRules"), caseworkerId: id("users"), limit: number, after: text }), call: listDeadlines },
  { verb: "deadlinesForMonth", roles: STAFF, input: fields({ month: options("2026-11", "2028-12", "2029-01", "9999-12"), tab: options(...DEADLINE_TABS), ruleId: id("deadlineRules"), caseworkerId: id("users") }), call: deadlinesForMonth },
  { verb: "getDeadlinesView", roles: STAFF, input: fields({ tab: options(...DEADLINE_TABS), sort: options(...DEADLINE_SORTS), month: options("2026-11", "2029-01"), after: text, limit: number }), call: getDeadlinesView },
  { verb: "exportDeadlinesCsv", roles: STAFF, input: fields({ tab: options(...DEADLINE_TABS), sort: options(...DEADLINE_SORTS), ruleId: id("deadlineRules"), caseworkerId: id("users") }), call: exportDeadlinesCsv },
  // Evidence
  { verb: "reviewEvidence", roles: STAFF, input: fields({ evidenceId: id("evidence"), outcome: options("accept", "reject"), reasons: text }), call: reviewEvidence },
  { verb: "withdrawEvidence", roles: [...STAFF, ...PARTIES], input: fields({ evidenceId: id("evidence"), reasons: text }), call: withdrawEvidence },
  { verb: "challengeConfidentiality", roles: PARTIES, input: fields({ evidenceId: id("evidence"), reasons: text }), call: challengeConfidentiality },
  { verb: "decideChallenge", roles: STAFF, input: fields({ challengeId: id("confidentialityChallenges"), outcome: options("upheld", "rejected"), reasons: text }), call: decideChallenge },
  {
    verb: "submitEvidence",
    roles: [...PARTIES, "caseworker"],
    input: () => fc.tuple(inputOf({ caseId: id("cases"), confidentiality: options(...CONFIDENTIALITY_LEVELS), supersedesId: id("evidence"), nonConfidentialVersionOfId: id("evidence") }), evidenceItems()).map(([input, items]) => ({ ...input, items })),
    call: submitEvidence,
  },
  {
    verb: "startUpload",
    roles: [...PARTIES, "caseworker", "amicus"],
    input: fields({ uploadId: options("0f3c9a1b2c3d", "a".repeat(128)), caseId: id("cases"), filename: options("report.pdf", "brief.docx", "CON", "a".repeat(300)), declaredSize: number, purpose: options("evidence", "amicus_brief"), applicationId: id("amicusApplications") }),
    call: startUpload,
  },
  // Amicus
  {
    verb: "applyForLeave",
    roles: ["amicus"],
    readsRawInput: true,
    input: fields({ caseReference: { kind: "id", pool: () => world.caseReferences() }, applicantName: text, represents: text, interest: text, declineToDisclose: options("yes", "no"), relationshipDisclosure: text, fundingDisclosure: text, pointsSummary: text, whyNotParties: text, requestedWords: number }),
    call: applyForLeave,
  },
  { verb: "decideApplication", roles: STAFF, readsRawInput: true, input: fields({ applicationId: id("amicusApplications"), outcome: options("grant", "refuse"), reasons: text, wordLimit: number }), call: decideApplication },
  { verb: "respondToBrief", roles: PARTIES, input: fields({ applicationId: id("amicusApplications"), body: text }), call: respondToBrief },
  { verb: "fileBrief", roles: ["amicus"], input: fields({ applicationId: id("amicusApplications"), uploadId: id("uploadSessions") }), call: (ctx: Ctx, input: never) => fileBrief(ctx, input, blobStore()) },
  // Register, notifications, calendar
  { verb: "publishCase", roles: STAFF, input: fields({ caseId: id("cases"), publicSummary: text }), call: publishCase },
  { verb: "markNotificationRead", roles: ROLES, input: fields({ notificationId: id("notifications") }), call: markNotificationRead },
  { verb: "openNotification", roles: ROLES, input: fields({ notificationId: id("notifications") }), call: openNotification },
  { verb: "markAllNotificationsRead", roles: ROLES, input: fields({ before: options("2026-11-22T10:00:00.000Z") }), call: markAllNotificationsRead },
  { verb: "listNotifications", roles: ROLES, input: fields({ after: text, limit: number }), call: listNotifications },
  {
    verb: "saveEmailPreferences",
    roles: ROLES,
    input: () => fc.record({ modes: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...NOTIFICATION_KINDS.map((kind) => kind.kind)), hostileString), fc.oneof(fc.constantFrom(...EMAIL_MODES), hostileString, oddValue), { maxKeys: 6 }), oddValue) }, { requiredKeys: [] }),
    call: saveEmailPreferences,
  },
  { verb: "retryMail", roles: ["admin"], input: fields({ mailId: id("mailOutbox") }), call: retryMail },
  { verb: "createCalendarFeed", roles: [...STAFF, ...PARTIES], input: fields({ caseId: id("cases") }), call: createCalendarFeed },
  { verb: "revokeCalendarFeed", roles: [...STAFF, ...PARTIES], input: fields({ caseId: id("cases") }), call: revokeCalendarFeed },
  { verb: "calendarFeedsView", roles: ROLES, input: fields({ caseId: id("cases") }), call: calendarFeedsView },
  // Dashboard
  { verb: "getDashboard", roles: STAFF, input: fields({ caseworkerId: id("users"), team: options("AI and software"), period: options("30", "90", "180") }), call: getDashboard },
  {
    verb: "listFigure",
    roles: STAFF,
    input: fields({ figure: options(...FIGURES), caseworkerId: id("users"), period: options("30", "90"), status: options(...CASE_STATUSES), level: options("red", "amber"), week: options("2026-11-16", "2026-11-17"), after: text, limit: number }),
    call: listFigure,
  },
  { verb: "exportFigureCsv", roles: STAFF, input: fields({ figure: options(...FIGURES), caseworkerId: id("users"), period: options("30", "90"), status: options(...CASE_STATUSES), level: options("red", "amber"), week: options("2026-11-16") }), call: exportFigureCsv },
  // Accounts
  { verb: "setUserDisabled", roles: ["admin"], input: () => inputOf({ userId: { kind: "id", pool: () => world.expendableUserIds }, disabled: options("true"), reason: text }), call: setUserDisabled },
  { verb: "authenticate", roles: ["signedOut"], readsRawInput: true, runs: 20, input: () => inputOf({ email, password }).map((input) => ({ ...input, clientIp: "203.0.113.10" })), call: authenticate },
  {
    verb: "registerParty",
    roles: ["signedOut"],
    readsRawInput: true,
    runs: 20,
    input: fields({ name: text, email, accountType: options(...ACCOUNT_TYPES), organisationName: text, password, confirmPassword: password, invitation: options("") }),
    call: registerParty,
  },
  { verb: "verifyEmail", roles: ["signedOut"], readsRawInput: true, input: fields({ token: text }), call: verifyEmail },
];

// Each problem the fuzz found, pinned with the input that showed it (run first, on the fresh world).
describe("what the fuzz found", () => {
  it("the demo draft, which the seed gives parties, can be deleted by its author (was a foreign-key 500)", () => {
    const draft = testDb.db.select().from(cases).where(eq(cases.title, "Draft: vector-database index format copied")).get()!;
    deleteDraftComplaint(world.ctxFor("complainant"), { draftId: draft.id });
    expect(testDb.db.select().from(cases).where(eq(cases.id, draft.id)).get()).toBeUndefined();
    expect(testDb.db.select().from(caseParties).where(eq(caseParties.caseId, draft.id)).all()).toEqual([]);
  });

  it("an extension past the bank-holiday data is refused, saying which year is missing, and changes nothing (was a DeadlineError 500)", () => {
    const deadline = testDb.db.select().from(deadlines).where(eq(deadlines.status, "running")).all().find((row) => row.dueOn >= "2026-11-22")!;
    let refusal: DomainError | undefined;
    for (let attempt = 0; attempt < 8 && !refusal; attempt++) {
      const before = testDb.db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()!;
      try {
        extendDeadline(world.ctxFor("supervisor"), { deadlineId: deadline.id, days: "365", reason: "Fuzz regression" });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusal = error;
        expect(testDb.db.select().from(deadlines).where(eq(deadlines.id, deadline.id)).get()).toEqual(before);
      }
    }
    expect(refusal?.code).toBe("conflict");
    expect(refusal?.message).toMatch(/covers 2019–2028 and not 2029\. Update the bank-holiday data to include 2029\. Until then, choose dates/);
  });

  it("an empty hidden id names what could not be found, not zod's \"Too small\" (was for 25 verbs)", () => {
    const caseworker = world.ctxFor("caseworker");
    const fieldErrorsOf = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        if (error instanceof DomainError) return error.fieldErrors;
        throw error;
      }
      throw new Error("expected a refusal");
    };
    expect(fieldErrorsOf(() => addCaseNote(caseworker, { caseId: "", body: "A note" }))).toEqual({ caseId: "The case could not be found." });
    expect(fieldErrorsOf(() => stopClock(caseworker, { deadlineId: "", reason: "Waiting" }))).toEqual({ deadlineId: "The deadline could not be found." });
    expect(fieldErrorsOf(() => reviewEvidence(caseworker, { evidenceId: "", outcome: "accept" }))).toEqual({ evidenceId: "The evidence could not be found." });
    expect(fieldErrorsOf(() => assignCases(world.ctxFor("supervisor"), { caseIds: [""], assigneeId: world.actors.caseworker!.id }))).toEqual({ "caseIds.0": "The case could not be found." });
    expect(fieldErrorsOf(() => listDeadlines(caseworker, { ruleId: "" }))).toEqual({ ruleId: "Select a deadline from the list" });
  });

  it("an over-long email setting is reported against its question, not as zod's \"Too big\" under modes.<kind>", () => {
    const error = (() => {
      try {
        saveEmailPreferences(world.ctxFor("complainant"), { modes: { "case.accepted": "x".repeat(21) } });
      } catch (thrown) {
        return thrown as DomainError;
      }
    })();
    expect(error?.fieldErrors["case.accepted"]).toBe("Select how we should email you when a complaint is accepted");
    expect(Object.keys(error?.fieldErrors ?? {}).some((key) => key.startsWith("modes."))).toBe(false);
  });

  it("a sign-in form without an email field asks for the email address, not \"expected string, received null\"", async () => {
    await expect(authenticate(world.ctxFor("signedOut"), { email: null, password: null, clientIp: "203.0.113.11" })).rejects.toMatchObject({
      fieldErrors: { email: "Enter your email address", password: "Enter your password" },
    });
  });
});

describe(`the domain verbs, called directly with values of any type (${VERBS.length} verbs)`, () => {
  for (const spec of VERBS) {
    it(`${spec.verb}: returns, or throws a DomainError${spec.readsRawInput ? " that says what to fix" : ""}; never anything else`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.record({ role: roleFor(spec.roles), input: spec.input() }), async ({ role, input }) => {
          try {
            await spec.call(world.ctxFor(role), input as never);
          } catch (error) {
            const problems = error instanceof DomainError && !spec.readsRawInput ? (error.message.trim() ? [] : ["a DomainError with no message"]) : problemsWithThrown(error);
            if (problems.length) throw new Error(`${spec.verb} as ${role}: ${problems.join("; ")} for ${describeInput(input)}`, { cause: error });
          }
        }),
        { numRuns: fuzzRuns(spec.runs ?? RUNS) },
      );
    });
  }
});

function describeInput(input: unknown): string {
  const text = JSON.stringify(input, (_key, value: unknown) => (typeof value === "string" && value.length > 120 ? `${value.slice(0, 120)}… (${value.length} chars)` : value === undefined ? "<undefined>" : value));
  return text && text.length > 1500 ? `${text.slice(0, 1500)}…` : String(text);
}
