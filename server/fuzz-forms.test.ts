import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONFIDENTIALITY_LEVELS, EMAIL_MODES } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { SERVICE_METHODS } from "@/domain/cases/accept-complaint";
import { DECLARATIONS } from "@/domain/cases/conflict-clearance";
import { SECTION_SLUGS } from "@/domain/complaints/questions";
import { SECTION_FIELDS } from "@/domain/complaints/sections";
import { DEADLINE_COUNTS, DEADLINE_ROLLS, DEADLINE_UNITS } from "@/domain/deadlines/engine";
import { DEADLINE_CALENDARS } from "@/domain/deadlines/holidays";
import { NOTIFICATION_KINDS } from "@/domain/notifications/kinds";
import { ACCOUNT_TYPES } from "@/domain/users/register-party";
import {
  describeEntries,
  formEntries,
  fuzzRuns,
  hostileString,
  makeFuzzWorld,
  PARTIES,
  problemsWithRejection,
  roleFor,
  ROLES,
  STAFF,
  toFormData,
  type FieldKind,
  type FormEntries,
  type FuzzRole,
  type FuzzWorld,
  type IdTable,
} from "./fuzz-hostile";

/*
 * Every form's server action, posted hostile and random input as each kind of user. A form may
 * succeed (or redirect, to a path in this service) or refuse with messages that say what to fix;
 * anything it throws is a 500 and fails the test. Seeded by vitest.setup.ts (FC_SEED replays a
 * failure; fast-check prints the seed and the shrunk counterexample).
 */

const harness = vi.hoisted(() => {
  /** What `redirect()` throws here: a redirect is how many actions succeed. */
  class RedirectSignal extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  class NotFoundSignal extends Error {}
  return { ctx: null as Ctx | null, RedirectSignal, NotFoundSignal };
});
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new harness.RedirectSignal(url);
  },
  permanentRedirect: (url: string) => {
    throw new harness.RedirectSignal(url);
  },
  notFound: () => {
    throw new harness.NotFoundSignal("not found");
  },
}));
vi.mock("@/server/session", () => ({
  getCtx: async () => harness.ctx,
  getActor: async () => harness.ctx?.actor ?? null,
  getSessionId: async () => null,
  setSessionCookie: async () => undefined,
  clearSessionCookie: async () => undefined,
  clientIp: async () => "203.0.113.9",
}));
// Mail is sent after the verb commits; the fuzz is about the forms, not the outbox.
vi.mock("@/server/mail", () => ({ flushOutbox: () => undefined }));
// Sign-in and sign-out open the process's database themselves.
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => world.db }));

const { createAccountAction } = await import("@/app/(public)/create-account/actions");
const { signInAction } = await import("@/app/(public)/sign-in/actions");
const { signOutAction } = await import("@/app/(public)/sign-out/actions");
const { verifyEmailAction, resendVerificationAction } = await import("@/app/(public)/verify-email/actions");
const { updateDeadlineRuleAction } = await import("@/app/(staff)/admin/deadline-rules/[ruleId]/actions");
const { retryMailAction } = await import("@/app/(staff)/admin/mail/actions");
const { setUserDisabledAction } = await import("@/app/(staff)/admin/users/actions");
const { decideAmicusApplicationAction } = await import("@/app/(staff)/cases/[caseId]/amicus-actions");
const { assignCaseAction, assignCaseToMeAction, declareConflictAction } = await import("@/app/(staff)/cases/[caseId]/assignment-actions");
const caseActions = await import("@/app/(staff)/cases/[caseId]/case-actions");
const clockActions = await import("@/app/(staff)/cases/[caseId]/clock-actions");
const staffEvidence = await import("@/app/(staff)/cases/[caseId]/evidence/[evidenceId]/actions");
const { inviteRepresentativeAction } = await import("@/app/(staff)/cases/[caseId]/invite-actions");
const { publishCaseAction } = await import("@/app/(staff)/cases/[caseId]/publish-actions");
const { assignSelectedCasesAction } = await import("@/app/(staff)/triage/actions");
const { createCalendarFeedAction, revokeCalendarFeedAction } = await import("@/app/calendar/actions");
const notificationActions = await import("@/app/notifications/actions");
const { fileBriefAction, removeBriefUploadAction } = await import("@/app/portal/applications/[applicationId]/brief-actions");
const { applyForLeaveAction } = await import("@/app/portal/applications/actions");
const portalCase = await import("@/app/portal/cases/[caseId]/actions");
const { respondToBriefAction } = await import("@/app/portal/cases/[caseId]/amicus-actions");
const portalEvidence = await import("@/app/portal/cases/[caseId]/evidence/[evidenceId]/actions");
const complaints = await import("@/app/portal/complaints/actions");
const { submitEvidenceAction, removeUploadAction } = await import("@/server/evidence-upload-actions");

const COVERED_MODULES = [
  "app/(public)/create-account/actions.ts",
  "app/(public)/sign-in/actions.ts",
  "app/(public)/sign-out/actions.ts",
  "app/(public)/verify-email/actions.ts",
  "app/(staff)/admin/deadline-rules/[ruleId]/actions.ts",
  "app/(staff)/admin/mail/actions.ts",
  "app/(staff)/admin/users/actions.ts",
  "app/(staff)/cases/[caseId]/amicus-actions.ts",
  "app/(staff)/cases/[caseId]/assignment-actions.ts",
  "app/(staff)/cases/[caseId]/case-actions.ts",
  "app/(staff)/cases/[caseId]/clock-actions.ts",
  "app/(staff)/cases/[caseId]/evidence/[evidenceId]/actions.ts",
  "app/(staff)/cases/[caseId]/invite-actions.ts",
  "app/(staff)/cases/[caseId]/publish-actions.ts",
  "app/(staff)/triage/actions.ts",
  "app/calendar/actions.ts",
  "app/notifications/actions.ts",
  "app/portal/applications/[applicationId]/brief-actions.ts",
  "app/portal/applications/actions.ts",
  "app/portal/cases/[caseId]/actions.ts",
  "app/portal/cases/[caseId]/amicus-actions.ts",
  "app/portal/cases/[caseId]/evidence/[evidenceId]/actions.ts",
  "app/portal/complaints/actions.ts",
  "server/evidence-upload-actions.ts",
];

const RUNS = 40;

let testDb: ReturnType<typeof createTestDb>;
let world: FuzzWorld;

beforeAll(async () => {
  // Actions that save files (amicus briefs) reach DATA_DIR; keep that out of ./data.
  vi.stubEnv("DATA_DIR", fs.mkdtempSync(path.join(os.tmpdir(), "ipc-fuzz-forms-")));
  testDb = createTestDb();
  world = await makeFuzzWorld(testDb.db);
});
afterAll(() => {
  testDb.close();
  fs.rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

// Field kinds. An id field is offered ids of its own kind, and a few of other kinds.
const id = (...tables: IdTable[]): FieldKind => ({
  kind: "id",
  pool: () => [...tables.flatMap((table) => world.ids[table]()), ...world.anyId().filter((_, index) => index % 17 === 0)],
});
const text: FieldKind = { kind: "text" };
const date: FieldKind = { kind: "date" };
const number: FieldKind = { kind: "number" };
const email: FieldKind = { kind: "email" };
const password: FieldKind = { kind: "password" };
const options = (...values: readonly string[]): FieldKind => ({ kind: "options", options: values });
const caseReference: FieldKind = { kind: "id", pool: () => world.caseReferences() };

/** The page's file rows: `item` names a row, and each row's fields carry its key. */
const uploadRows = (withTitles: boolean): fc.Arbitrary<FormEntries> =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom("f1", "f2", "f3"), hostileString), fc.oneof(fc.constantFrom(...world.ids.uploadSessions(), ""), hostileString), hostileString, hostileString), { maxLength: 3 })
    .map((rows) =>
      rows.flatMap(([key, uploadId, title, description]): FormEntries => [
        ["item", key],
        [`uploadId-${key}`, uploadId],
        ...(withTitles ? ([[`title-${key}`, title], [`description-${key}`, description]] as FormEntries) : []),
      ]),
    );

/** Every complaint question's field, from every page, so a page also receives its neighbours' answers. */
const complaintFields = (): Record<string, FieldKind> =>
  Object.fromEntries(
    Object.values(SECTION_FIELDS).flatMap((fields) => Object.entries(fields).map(([name, spec]) => [name, spec.kind === "list" ? options(...spec.options) : text] as const)),
  );

interface FormSpec {
  form: string;
  roles: readonly FuzzRole[];
  fields: () => Record<string, FieldKind>;
  more?: () => fc.Arbitrary<FormEntries>;
  post: (form: FormData) => Promise<unknown>;
  runs?: number;
}

const prev = null;
const FORMS: FormSpec[] = [
  // Public
  {
    form: "create account",
    roles: ["signedOut"],
    runs: 25, // each accepted password is hashed with argon2
    fields: () => ({ name: text, email, accountType: options(...ACCOUNT_TYPES), organisationName: text, amicusOrganisationName: text, password, confirmPassword: password, invitation: options("") }),
    post: (form) => createAccountAction(prev, form),
  },
  { form: "sign in", roles: ["signedOut"], runs: 25, fields: () => ({ email, password, returnTo: text }), post: (form) => signInAction(prev, form) },
  { form: "sign out", roles: ROLES, runs: 8, fields: () => ({}), post: () => signOutAction() },
  { form: "verify email", roles: ["signedOut", "complainant"], fields: () => ({ token: text }), post: (form) => verifyEmailAction(prev, form) },
  { form: "resend verification email", roles: ROLES, runs: 16, fields: () => ({}), post: (form) => resendVerificationAction(prev, form) },
  // Admin
  {
    form: "update deadline rule",
    roles: ["admin"],
    fields: () => ({ ruleId: id("deadlineRules"), length: number, unit: options(...DEADLINE_UNITS), count: options(...DEADLINE_COUNTS), calendar: options(...DEADLINE_CALENDARS), roll: options(...DEADLINE_ROLLS), reason: text }),
    post: (form) => updateDeadlineRuleAction(prev, form),
  },
  { form: "retry mail", roles: ["admin"], fields: () => ({ mailId: id("mailOutbox") }), post: (form) => retryMailAction(form) },
  { form: "disable or enable a user", roles: ["admin"], fields: () => ({ userId: { kind: "id", pool: () => world.expendableUserIds }, disabled: options("true", "false"), reason: text }), post: (form) => setUserDisabledAction(prev, form) },
  // Staff case pages
  {
    form: "decide amicus application",
    roles: STAFF,
    fields: () => ({ applicationId: id("amicusApplications"), outcome: options("grant", "refuse"), reasons: text, wordLimit: number }),
    post: (form) => decideAmicusApplicationAction(prev, form),
  },
  { form: "assign case", roles: ["supervisor", "caseworker"], fields: () => ({ caseId: id("cases"), assigneeId: id("users"), seenAssigneeId: id("users") }), post: (form) => assignCaseAction(prev, form) },
  { form: "assign case to me", roles: STAFF, fields: () => ({ caseId: id("cases"), declaration: options(...DECLARATIONS), details: text }), post: (form) => assignCaseToMeAction(prev, form) },
  { form: "declare conflict", roles: STAFF, fields: () => ({ caseId: id("cases"), declaration: options(...DECLARATIONS), details: text }), post: (form) => declareConflictAction(prev, form) },
  {
    form: "accept complaint",
    roles: STAFF,
    fields: () => ({ caseId: id("cases"), reasons: text, servedOn: date, serviceMethod: options(...SERVICE_METHODS) }),
    post: (form) => caseActions.acceptComplaintAction(prev, form),
  },
  { form: "request information", roles: STAFF, fields: () => ({ caseId: id("cases"), questions: text }), post: (form) => caseActions.requestInformationAction(prev, form) },
  { form: "reject complaint", roles: STAFF, fields: () => ({ caseId: id("cases"), reasons: text }), post: (form) => caseActions.rejectComplaintAction(prev, form) },
  {
    form: "propose decision",
    roles: STAFF,
    fields: () => ({ caseId: id("cases"), decision: options("case_to_answer", "no_case_to_answer"), reasons: text }),
    post: (form) => caseActions.proposeDecisionAction(prev, form),
  },
  { form: "review decision", roles: ["supervisor"], fields: () => ({ proposalId: id("decisionProposals"), outcome: options("approve", "return"), note: text }), post: (form) => caseActions.reviewDecisionAction(prev, form) },
  { form: "add case note", roles: STAFF, fields: () => ({ caseId: id("cases"), body: text }), post: (form) => caseActions.addCaseNoteAction(prev, form) },
  { form: "stop clock", roles: STAFF, fields: () => ({ caseId: id("cases"), deadlineId: id("deadlines"), reason: text, effectiveOn: date }), post: (form) => clockActions.stopClockAction(prev, form) },
  { form: "restart clock", roles: STAFF, fields: () => ({ caseId: id("cases"), deadlineId: id("deadlines"), reason: text, lastStoppedOn: date }), post: (form) => clockActions.restartClockAction(prev, form) },
  { form: "extend deadline", roles: ["supervisor"], fields: () => ({ caseId: id("cases"), deadlineId: id("deadlines"), days: number, reason: text }), post: (form) => clockActions.extendDeadlineAction(prev, form) },
  {
    form: "review evidence",
    roles: STAFF,
    fields: () => ({ caseId: id("cases"), evidenceId: id("evidence"), outcome: options("accept", "reject"), reasons: text }),
    post: (form) => staffEvidence.reviewEvidenceAction(prev, form),
  },
  { form: "withdraw evidence (staff)", roles: STAFF, fields: () => ({ caseId: id("cases"), evidenceId: id("evidence"), reasons: text }), post: (form) => staffEvidence.withdrawEvidenceAction(prev, form) },
  {
    form: "decide confidentiality challenge",
    roles: STAFF,
    fields: () => ({ caseId: id("cases"), evidenceId: id("evidence"), challengeId: id("confidentialityChallenges"), outcome: options("upheld", "rejected"), reasons: text }),
    post: (form) => staffEvidence.decideChallengeAction(prev, form),
  },
  { form: "invite representative", roles: STAFF, fields: () => ({ caseId: id("cases"), email, organisationName: text }), post: (form) => inviteRepresentativeAction(prev, form) },
  { form: "publish case", roles: STAFF, fields: () => ({ caseId: id("cases"), publicSummary: text }), post: (form) => publishCaseAction(prev, form) },
  {
    form: "assign selected cases (triage)",
    roles: ["supervisor", "caseworker"],
    fields: () => ({ caseIds: id("cases"), assigneeId: id("users"), seen: text }),
    more: () => fc.array(fc.tuple(fc.constantFrom(...world.ids.cases()), fc.constantFrom(...world.ids.users(), "")).map(([caseId, userId]): [string, string] => ["seen", `${caseId}:${userId}`]), { maxLength: 3 }),
    post: (form) => assignSelectedCasesAction(prev, form),
  },
  // Everyone signed in
  { form: "create calendar link", roles: [...STAFF, ...PARTIES], fields: () => ({ caseId: id("cases") }), post: (form) => createCalendarFeedAction(null, form) },
  { form: "turn off calendar link", roles: [...STAFF, ...PARTIES], fields: () => ({ caseId: id("cases") }), post: (form) => revokeCalendarFeedAction(null, form) },
  { form: "mark notification read", roles: ROLES, fields: () => ({ notificationId: id("notifications"), after: text }), post: (form) => notificationActions.markNotificationReadAction(form) },
  { form: "mark all notifications read", roles: ROLES, fields: () => ({ before: { kind: "options", options: ["2026-11-22T10:00:00.000Z", "2026-11-22T10:00:00Z"] } }), post: (form) => notificationActions.markAllNotificationsReadAction(form) },
  {
    form: "email settings",
    roles: ROLES,
    fields: () => Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [`mode:${kind.kind}`, options(...EMAIL_MODES)])),
    post: (form) => notificationActions.saveEmailSettingsAction(prev, form),
  },
  // Portal: parties and amicus applicants
  { form: "file amicus brief", roles: ["amicus"], fields: () => ({ applicationId: id("amicusApplications") }), more: () => uploadRows(false), post: (form) => fileBriefAction(prev, form) },
  { form: "remove brief upload", roles: ["amicus"], fields: () => ({ uploadId: id("uploadSessions") }), post: (form) => removeBriefUploadAction(prev, form) },
  {
    form: "apply for leave (amicus)",
    roles: ["amicus"],
    fields: () => ({
      caseReference,
      applicantName: text,
      represents: text,
      interest: text,
      declineToDisclose: options("yes", "no"),
      relationshipDisclosure: text,
      fundingDisclosure: text,
      pointsSummary: text,
      whyNotParties: text,
      requestedWords: number,
    }),
    post: (form) => applyForLeaveAction(prev, form),
  },
  { form: "answer information request", roles: PARTIES, fields: () => ({ caseId: id("cases"), requestId: id("informationRequests"), response: text }), post: (form) => portalCase.answerInformationRequestAction(prev, form) },
  { form: "withdraw complaint", roles: PARTIES, fields: () => ({ caseId: id("cases"), reasons: text }), post: (form) => portalCase.withdrawComplaintAction(prev, form) },
  { form: "respond to amicus brief", roles: PARTIES, fields: () => ({ caseId: id("cases"), applicationId: id("amicusApplications"), body: text }), post: (form) => respondToBriefAction(prev, form) },
  { form: "withdraw evidence (party)", roles: PARTIES, fields: () => ({ caseId: id("cases"), evidenceId: id("evidence"), reasons: text }), post: (form) => portalEvidence.withdrawEvidenceAction(prev, form) },
  { form: "challenge confidentiality", roles: PARTIES, fields: () => ({ caseId: id("cases"), evidenceId: id("evidence"), reasons: text }), post: (form) => portalEvidence.challengeConfidentialityAction(prev, form) },
  { form: "start complaint", roles: PARTIES, runs: 12, fields: () => ({}), post: (form) => complaints.startComplaintAction(prev, form) },
  {
    form: "save complaint section",
    roles: PARTIES,
    runs: 60,
    fields: () => ({ draftId: id("cases"), section: options(...SECTION_SLUGS), intent: options("continue", "later"), return: options("check"), ...complaintFields() }),
    post: (form) => complaints.saveComplaintSectionAction(prev, form),
  },
  { form: "submit complaint", roles: PARTIES, fields: () => ({ draftId: id("cases"), statementOfTruth: options("yes"), signatoryName: text }), post: (form) => complaints.submitComplaintAction(prev, form) },
  { form: "delete draft complaint", roles: PARTIES, fields: () => ({ draftId: id("cases") }), post: (form) => complaints.deleteDraftComplaintAction(prev, form) },
  // The evidence upload page (parties and staff)
  {
    form: "submit evidence",
    roles: [...PARTIES, "caseworker"],
    fields: () => ({ caseId: id("cases"), confidentiality: options(...CONFIDENTIALITY_LEVELS), supersedesId: id("evidence"), nonConfidentialVersionOfId: id("evidence") }),
    more: () => uploadRows(true),
    post: (form) => submitEvidenceAction(prev, form),
  },
  { form: "remove upload", roles: [...PARTIES, "caseworker"], fields: () => ({ uploadId: id("uploadSessions") }), post: (form) => removeUploadAction(prev, form) },
];

/** Every file under a folder, as a path relative to the project with forward slashes. */
function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).flatMap((entry) => (entry.isFile() ? [path.relative(process.cwd(), path.join(entry.parentPath, entry.name)).split(path.sep).join("/")] : []));
}

/** Why an action's outcome is not acceptable, or [] if it is. */
function problemsWithOutcome(outcome: { returned: unknown } | { redirectedTo: string }): string[] {
  if ("redirectedTo" in outcome) {
    // A redirect is success, and must stay in this service whatever was posted.
    return /^\/(?![/\\])/.test(outcome.redirectedTo) ? [] : [`redirected off the service, to ${JSON.stringify(outcome.redirectedTo)}`];
  }
  const result = outcome.returned;
  if (result === null || result === undefined) return [];
  if (typeof result !== "object" || !("ok" in result)) return [`returned something that is not a form state: ${JSON.stringify(result)}`];
  if (result.ok === true) return [];
  const rejection = result as { message?: unknown; fieldErrors?: unknown; values?: Record<string, unknown> };
  const problems = problemsWithRejection(rejection.message, rejection.fieldErrors);
  for (const secret of ["password", "confirmPassword"]) if (rejection.values && secret in rejection.values) problems.push(`echoed the ${secret} back into the page`);
  return problems;
}

describe(`every form's server action, fuzzed (${FORMS.length} forms)`, () => {
  it("covers every action module in the app", () => {
    // A new actions file must be imported above and its forms added to FORMS.
    const modules = [...sourceFiles("app"), ...sourceFiles("server")].filter((file) => /(^|\/)(actions|[\w-]+-actions)\.ts$/.test(file)).sort();
    expect(modules).toEqual([...COVERED_MODULES].sort());
  });

  for (const spec of FORMS) {
    it(`${spec.form}: succeeds or refuses with messages that say what to fix, never a 500`, async () => {
      const post = fc.record({ role: roleFor(spec.roles), entries: formEntries(spec.fields(), spec.more?.()) });
      await fc.assert(
        fc.asyncProperty(post, async ({ role, entries }) => {
          harness.ctx = world.ctxFor(role);
          let outcome: { returned: unknown } | { redirectedTo: string };
          try {
            outcome = { returned: await spec.post(toFormData(entries)) };
          } catch (error) {
            if (!(error instanceof harness.RedirectSignal)) {
              throw new Error(`"${spec.form}" as ${role} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (a 500) for ${describeEntries(entries)}`, { cause: error });
            }
            outcome = { redirectedTo: error.url };
          }
          const problems = problemsWithOutcome(outcome);
          if (problems.length) throw new Error(`"${spec.form}" as ${role}: ${problems.join("; ")} for ${describeEntries(entries)}`);
        }),
        { numRuns: fuzzRuns(spec.runs ?? RUNS) },
      );
    });
  }
});
