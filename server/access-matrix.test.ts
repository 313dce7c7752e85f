import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseFile, openDatabase, type Db } from "@/db/client";
import { deadlineRules } from "@/db/schema";
import { testCtx } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import bundledHolidayJson from "@/domain/deadlines/uk-bank-holidays.json";
import { notificationKindsFor } from "@/domain/notifications/kinds";
import { acceptComplaint } from "@/domain/cases/accept-complaint";
import { rejectComplaint } from "@/domain/cases/reject-complaint";
import { requestInformation } from "@/domain/cases/request-information";
import { assignCases } from "@/domain/cases/assign-case";
import { assignCaseToMe } from "@/domain/cases/assign-case-to-me";
import { inviteRepresentative } from "@/domain/cases/invite-representative";
import { proposeDecision } from "@/domain/cases/propose-decision";
import { reviewDecision } from "@/domain/cases/review-decision";
import { addCaseNote, listCaseNotes } from "@/domain/cases/add-case-note";
import { answerInformationRequest } from "@/domain/cases/answer-information-request";
import { withdrawComplaint } from "@/domain/cases/withdraw-complaint";
import { getCaseWorkspace } from "@/domain/cases/get-case-workspace";
import { getCaseTimeline } from "@/domain/cases/get-case-timeline";
import { stopClock } from "@/domain/deadlines/stop-clock";
import { restartClock } from "@/domain/deadlines/restart-clock";
import { extendDeadline } from "@/domain/deadlines/extend-deadline";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { listDeadlineRules, updateDeadlineRule } from "@/domain/deadlines/update-deadline-rule";
import { importHolidayData } from "@/domain/deadlines/import-holidays";
import { publishCase } from "@/domain/register/publish-case";
import { getPublicCase } from "@/domain/register/get-public-case";
import { applyForLeave, getApplicationFormContext } from "@/domain/amicus/apply-for-leave";
import { decideApplication } from "@/domain/amicus/decide-application";
import { requireBriefMayBeFiled } from "@/domain/amicus/brief-rules";
import { listBriefResponses, respondToBrief } from "@/domain/amicus/respond-to-brief";
import { getApplicationForActor } from "@/domain/amicus/applications";
import { getApplicationPage, listCaseApplicationsForStaff, listOwnApplications } from "@/domain/amicus/list-applications";
import { listBriefsForParty } from "@/domain/amicus/list-briefs";
import { reviewEvidence } from "@/domain/evidence/review-evidence";
import { withdrawEvidence } from "@/domain/evidence/withdraw-evidence";
import { challengeConfidentiality, getChallengeTarget } from "@/domain/evidence/challenge-confidentiality";
import { decideChallenge } from "@/domain/evidence/decide-challenge";
import { listCaseEvidence } from "@/domain/evidence/evidence-access";
import { getEvidenceItem } from "@/domain/evidence/get-evidence-item";
import { getReceipt } from "@/domain/evidence/get-receipt";
import { getFilingContext } from "@/domain/evidence/get-filing-context";
import { startUpload } from "@/domain/evidence/uploads";
import { createCalendarFeed } from "@/domain/calendar/create-calendar-feed";
import { revokeCalendarFeed } from "@/domain/calendar/revoke-calendar-feed";
import { calendarFeedsView } from "@/domain/calendar/list-calendar-feeds";
import { setUserDisabled } from "@/domain/users/set-user-disabled";
import { listUsers } from "@/domain/users/list-users";
import { getEmailPreferences, saveEmailPreferences } from "@/domain/notifications/preferences";
import { markAllNotificationsRead, markNotificationRead } from "@/domain/notifications/mark-read";
import { retryMail } from "@/domain/notifications/retry-mail";
import { getMailOverview } from "@/domain/notifications/mail-overview";
import { deleteDraftComplaint } from "@/domain/complaints/delete-draft";
import { getDraftForFiler, getSubmittedComplaintForFiler } from "@/domain/complaints/get-draft";
import { buildAccessWorld, cloneDb, guessedFeedToken, guessedId, MATRIX_ROLES, TITLES, writeFingerprint, type AccessWorld, type MatrixRole } from "./access-matrix-world";

// Who is asking is whatever the current cell says; the routes and actions read it through getCtx.
const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({ getCtx: async () => session.ctx }));
// Server actions refresh Next.js's cache and send mail after a success; neither exists outside a server.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("@/server/mail", () => ({ flushOutbox: () => undefined }));

const routes = {
  dashboard: await import("@/app/api/dashboard/route"),
  dashboardExport: await import("@/app/api/dashboard/export/[figure]/route"),
  deadlines: await import("@/app/api/deadlines/route"),
  deadlinesExport: await import("@/app/api/deadlines/export/route"),
  triageExport: await import("@/app/api/triage/export/route"),
  calculate: await import("@/app/api/deadlines/calculate/route"),
  download: await import("@/app/api/evidence/[evidenceId]/download/route"),
  receipt: await import("@/app/api/evidence/receipts/[submissionId]/route"),
  calendar: await import("@/app/api/calendar/[token]/route"),
  unreadCount: await import("@/app/api/notifications/unread-count/route"),
  feedJson: await import("@/app/(public)/public-register/feed.json/route"),
  feedAtom: await import("@/app/(public)/public-register/feed.atom/route"),
  health: await import("@/app/api/health/route"),
  openNotification: await import("@/app/notifications/[notificationId]/open/route"),
};
const actions = {
  cases: await import("@/app/(staff)/cases/[caseId]/case-actions"),
  clock: await import("@/app/(staff)/cases/[caseId]/clock-actions"),
  assignment: await import("@/app/(staff)/cases/[caseId]/assignment-actions"),
  publish: await import("@/app/(staff)/cases/[caseId]/publish-actions"),
  invite: await import("@/app/(staff)/cases/[caseId]/invite-actions"),
  staffAmicus: await import("@/app/(staff)/cases/[caseId]/amicus-actions"),
  staffEvidence: await import("@/app/(staff)/cases/[caseId]/evidence/[evidenceId]/actions"),
  partyCase: await import("@/app/portal/cases/[caseId]/actions"),
  partyAmicus: await import("@/app/portal/cases/[caseId]/amicus-actions"),
  partyEvidence: await import("@/app/portal/cases/[caseId]/evidence/[evidenceId]/actions"),
  applications: await import("@/app/portal/applications/actions"),
  complaints: await import("@/app/portal/complaints/actions"),
  calendar: await import("@/app/calendar/actions"),
  users: await import("@/app/(staff)/admin/users/actions"),
  deadlineRules: await import("@/app/(staff)/admin/deadline-rules/[ruleId]/actions"),
};

/**
 * One cell of the matrix, in column order signedOut, partyA, partyB, amicus, caseworker, supervisor, admin:
 * y  allowed;
 * n  denied exactly as if the thing did not exist: 404 / not_found (401 / unauthenticated when
 *    signed out), with the same status and body, or the same error, as for a made-up id;
 * r  refused with a reason (forbidden) — only where the caller may already see the thing, so the
 *    refusal tells them nothing new;
 * b  a known bug: should be allowed (DESIGN.md: public evidence is for anyone once the case is on the
 *    register), but a signed-in party who is not on the case gets 404;
 * l  a known leak: denied, but not exactly as for a made-up id, so a guess can tell the id exists.
 * Known bugs and leaks are written as `it.fails`, so fixing one turns its cells red until they are
 * changed to y or n.
 */
type Cell = "y" | "n" | "r" | "b" | "l";

const LABELS: Record<Cell, string> = {
  y: "allowed",
  n: "denied exactly as for a made-up id, writing nothing",
  r: "refused with a reason, writing nothing",
  b: "should be allowed (known bug: it is not)",
  l: "should be denied exactly as for a made-up id (known leak: it is not)",
};
const knownProblem = (cell: Cell) => cell === "b" || cell === "l";

function cells(spec: string): Record<MatrixRole, Cell> {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== MATRIX_ROLES.length || parts.some((p) => !["y", "n", "r", "b", "l"].includes(p))) throw new Error(`bad matrix row "${spec}"`);
  return Object.fromEntries(MATRIX_ROLES.map((role, i) => [role, parts[i] as Cell])) as Record<MatrixRole, Cell>;
}

let dataDir: string;
let db: Db;
let w: AccessWorld;
/** The world as built, before any route below touches it: every verb and action cell starts from this. */
let pristine: Buffer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-access-matrix-"));
  // The download route reads blobs from DATA_DIR, and the calendar and health routes use getDb().
  vi.stubEnv("DATA_DIR", dataDir);
  db = openDatabase(databaseFile());
  (globalThis as unknown as { ipCaseworkDb?: { file: string; db: Db } }).ipCaseworkDb = { file: databaseFile(), db };
  w = await buildAccessWorld(db, path.join(dataDir, "blobs"));
  pristine = db.$client.serialize();
}, 60_000);

afterAll(() => {
  (globalThis as unknown as { ipCaseworkDb?: unknown }).ipCaseworkDb = undefined;
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const as = (role: MatrixRole, onDb: Db = db): Ctx => {
  const ctx = testCtx(onDb, w.actors[role]);
  session.ctx = ctx;
  return ctx;
};

// ---------------------------------------------------------------------------------------------
// Route handlers, against the one world database.
// ---------------------------------------------------------------------------------------------

const get = (url: string) => new NextRequest(`http://localhost${url}`);
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });
const download = (evidenceId: string) => routes.download.GET(get(`/api/evidence/${evidenceId}/download`), params({ evidenceId }));
const receipt = (submissionId: string) => routes.receipt.GET(get(`/api/evidence/receipts/${submissionId}`), params({ submissionId }));
const calendarFeed = (token: string) => routes.calendar.GET(get(`/api/calendar/${token}`), params({ token }));
const openNotification = (notificationId: string) => routes.openNotification.GET(get(`/notifications/${notificationId}/open`), params({ notificationId }));

interface RouteRow {
  what: string;
  expect: string;
  call: () => Promise<Response> | Response;
  /** The same request for a made-up id: a denial must be indistinguishable from it. */
  guess?: () => Promise<Response> | Response;
  allowedStatus?: number;
  /** More checks on an allowed answer, e.g. that the right bytes came back. */
  allowed?: (response: Response, role: MatrixRole) => Promise<void>;
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
const downloadRow = (what: string, item: () => { id: string; bytes: Buffer }, expectCells: string): RouteRow => ({
  what: `GET /api/evidence/[id]/download: ${what}`,
  expect: expectCells,
  call: () => download(item().id),
  guess: () => download(guessedId()),
  allowed: async (response) => {
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect((await bytesOf(response)).equals(item().bytes)).toBe(true);
  },
});

const ROUTES: RouteRow[] = [
  { what: "GET /api/dashboard", expect: "n n n n y y y", call: () => routes.dashboard.GET(get("/api/dashboard")) },
  {
    what: "GET /api/dashboard/export/[figure]",
    expect: "n n n n y y y",
    call: () => routes.dashboardExport.GET(get("/api/dashboard/export/open-cases"), params({ figure: "open-cases" })),
    guess: () => routes.dashboardExport.GET(get("/api/dashboard/export/no-such-figure"), params({ figure: "no-such-figure" })),
  },
  { what: "GET /api/deadlines", expect: "n n n n y y y", call: () => routes.deadlines.GET(get("/api/deadlines")) },
  { what: "GET /api/deadlines/export", expect: "n n n n y y y", call: () => routes.deadlinesExport.GET(get("/api/deadlines/export")) },
  { what: "GET /api/triage/export", expect: "n n n n y y y", call: () => routes.triageExport.GET(get("/api/triage/export?tab=all")) },
  {
    what: "GET /api/deadlines/calculate (the public calculator)",
    expect: "y y y y y y y",
    call: () => routes.calculate.GET(get("/api/deadlines/calculate?start=2026-12-18&length=45&unit=calendar&count=after&calendar=england-and-wales")),
    allowed: async (response) => expect((await response.json()).due).toBeTruthy(),
  },
  downloadRow("the complainant's restricted item on the flagship", () => w.evidence.flagshipRestrictedComplainant, "n y n n y y y"),
  downloadRow("the respondent's restricted item on the flagship", () => w.evidence.flagshipRestrictedRespondent, "n n y n y y y"),
  downloadRow("a parties-only item on the flagship", () => w.evidence.flagshipPartiesComplainant, "n y y n y y y"),
  downloadRow("a public item on the flagship, not yet accepted", () => w.evidence.flagshipPublicReceivedComplainant, "n y y n y y y"),
  downloadRow("an accepted public item on the (published) flagship", () => w.evidence.flagshipPublicAcceptedRespondent, "y y y y y y y"),
  downloadRow("a withdrawn item", () => w.evidence.flagshipWithdrawnComplainant, "n n n n y y y"),
  downloadRow("a parties-only item on case A", () => w.evidence.caseAParties, "n y n n y y y"),
  downloadRow("a restricted item on case A", () => w.evidence.caseARestricted, "n y n n y y y"),
  downloadRow("an accepted public item on the published case A", () => w.evidence.caseAPublicAccepted, "y y y y y y y"),
  downloadRow("an accepted public item on the unpublished case B", () => w.evidence.caseBPublicAccepted, "n n y n y y y"),
  downloadRow("an amicus brief on the register", () => w.evidence.brief, "y y y y y y y"),
  {
    what: "GET /api/evidence/[id]/download: an id that could never exist",
    expect: "n n n n n n n",
    call: () => download("..%2F..%2Fapp.db"),
    guess: () => download(guessedId()),
  },
  {
    what: "GET /api/evidence/receipts/[id]: the complainant's submission on the flagship",
    expect: "n y n n y y y",
    call: () => receipt(w.submissions.flagshipComplainant),
    guess: () => receipt(guessedId()),
    allowed: async (response) => expect(await response.text()).toContain("C-001"),
  },
  {
    what: "GET /api/evidence/receipts/[id]: the respondent's submission on case B",
    expect: "n n y n y y y",
    call: () => receipt(w.submissions.caseBRespondent),
    guess: () => receipt(guessedId()),
    allowed: async (response) => expect(await response.text()).toContain("R-001"),
  },
  // The token is the credential: who is signed in makes no difference either way.
  ...(
    [
      ["a user's own feed token", () => `${w.feeds.personal.partyA}.ics`, "y y y y y y y"],
      ["a case feed token", () => `${w.feeds.flagshipCase}.ics`, "y y y y y y y"],
      ["a turned-off token", () => `${w.feeds.revoked}.ics`, "n n n n n n n"],
      ["a guessed token", () => `${guessedFeedToken()}.ics`, "n n n n n n n"],
      ["something that is not a token", () => "not-a-token", "n n n n n n n"],
    ] as const
  ).map(
    ([what, token, expectCells]): RouteRow => ({
      what: `GET /api/calendar/[token]: ${what}`,
      expect: expectCells,
      call: () => calendarFeed(token()),
      guess: () => calendarFeed(`${guessedFeedToken()}.ics`),
      allowed: async (response) => {
        expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
        expect(await response.text()).toMatch(/^BEGIN:VCALENDAR/);
      },
    }),
  ),
  {
    what: "GET /api/notifications/unread-count",
    expect: "n y y y y y y",
    call: () => routes.unreadCount.GET(),
    allowed: async (response) => expect(typeof (await response.json()).unread).toBe("number"),
  },
  {
    what: "GET /notifications/[id]/open: the complainant's notification",
    expect: "n y n n n n n",
    call: () => openNotification(w.notifications.followed),
    guess: () => openNotification(guessedId()),
    allowedStatus: 303,
    allowed: async (response) => expect(response.headers.get("location")).toBe(`/portal/cases/${w.cases.flagship.id}`),
  },
  {
    what: "GET /public-register/feed.json",
    expect: "y y y y y y y",
    call: () => routes.feedJson.GET(),
    allowed: async (response) => {
      const body = await response.text();
      expect(body).toContain(TITLES.flagship);
      for (const unpublished of [TITLES.caseB, TITLES.triage, TITLES.draft]) expect(body).not.toContain(unpublished);
    },
  },
  {
    what: "GET /public-register/feed.atom",
    expect: "y y y y y y y",
    call: () => routes.feedAtom.GET(),
    allowed: async (response) => {
      const body = await response.text();
      expect(body).toContain(TITLES.flagship);
      for (const unpublished of [TITLES.caseB, TITLES.triage, TITLES.draft]) expect(body).not.toContain(unpublished);
    },
  },
  { what: "GET /api/health", expect: "y y y y y y y", call: () => routes.health.GET(), allowed: async (response) => expect(await response.json()).toEqual({ status: "ok", db: "ok" }) },
];

async function expectDeniedResponse(row: RouteRow, role: MatrixRole, response: Response) {
  if (role === "signedOut" && response.status === 303) {
    expect(response.headers.get("location")).toMatch(/^\/sign-in\?returnTo=/);
  } else {
    expect(role === "signedOut" ? [401, 404] : [404]).toContain(response.status);
  }
  const body = await response.text();
  expect(body).not.toMatch(/%PDF|BEGIN:VCALENDAR|C-00\d|R-00\d/);
  if (!row.guess) return;
  const guessed = await row.guess();
  expect({ status: guessed.status, type: guessed.headers.get("content-type"), body: await guessed.text() }).toEqual({ status: response.status, type: response.headers.get("content-type"), body });
}

describe("route handlers", () => {
  for (const row of ROUTES) {
    const expected = cells(row.expect);
    describe(row.what, () => {
      for (const role of MATRIX_ROLES) {
        const cell = expected[role];
        (knownProblem(cell) ? it.fails : it)(`${role}: ${LABELS[cell]}`, async () => {
          as(role);
          const response = await row.call();
          if (cell === "n" || cell === "l") return expectDeniedResponse(row, role, response);
          expect(response.status).toBe(row.allowedStatus ?? 200);
          await row.allowed?.(response, role);
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Domain verbs (what server actions call) and the reads behind pages, each cell on its own copy.
// ---------------------------------------------------------------------------------------------

interface VerbRow {
  what: string;
  expect: string;
  run: (ctx: Ctx, world: AccessWorld) => unknown;
  /** The same call about a made-up id. */
  guess?: (ctx: Ctx, world: AccessWorld) => unknown;
  /** What an allowed call leaves behind: an audit event, some row change, or nothing (reads). */
  effect: "audit" | "rows" | "none" | "any";
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: DomainError };

async function outcomeOf(work: () => unknown): Promise<Outcome> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

const errorShape = (error: DomainError) => ({ code: error.code, message: error.message, fieldErrors: error.fieldErrors });

const caseInput = (caseId: string) => ({ caseId });
const ruleInput = (onDb: Db, ruleId: string) => {
  const rule = onDb.select().from(deadlineRules).where(eq(deadlineRules.id, ruleId)).get();
  return { ruleId, length: rule?.length ?? 45, unit: rule?.unit ?? "calendar", count: rule?.count ?? "after", calendar: rule?.calendar ?? "england-and-wales", roll: rule?.roll ?? "none", reason: "Access matrix." } as const;
};
const changedHolidayJson = () => {
  const copy = structuredClone(bundledHolidayJson) as { "england-and-wales": { events: { notes: string }[] } };
  copy["england-and-wales"].events[0]!.notes = "Changed by the access matrix";
  return copy;
};
const leaveApplication = (caseReference: string) => ({
  caseReference,
  applicantName: "Centre for Open Model Research",
  represents: "Open researchers",
  interest: "How trade-secret protection applies to model architectures.",
  declineToDisclose: "no",
  relationshipDisclosure: "None",
  fundingDisclosure: "None",
  pointsSummary: "Layouts are widely published.",
  whyNotParties: "Neither party speaks for open research.",
  requestedWords: "300",
});
const allModes = (ctx: Ctx) => Object.fromEntries(notificationKindsFor(ctx.actor?.role ?? "party").map((k) => [k.kind, "digest"]));
let uploadCount = 0;
const uploadId = () => `matrix${(uploadCount += 1)}`;

const VERBS: VerbRow[] = [
  // Triage, on a complaint nobody is assigned yet.
  { what: "acceptComplaint", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => acceptComplaint(ctx, { caseId: x.cases.triage.id, reasons: "Valid.", servedOn: "2026-11-20", serviceMethod: "email" }), guess: (ctx) => acceptComplaint(ctx, { caseId: guessedId(), reasons: "Valid.", servedOn: "2026-11-20", serviceMethod: "email" }) },
  { what: "rejectComplaint", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => rejectComplaint(ctx, { caseId: x.cases.triage.id, reasons: "Out of remit." }), guess: (ctx) => rejectComplaint(ctx, { caseId: guessedId(), reasons: "Out of remit." }) },
  { what: "requestInformation", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => requestInformation(ctx, { caseId: x.cases.triage.id, questions: "When?" }), guess: (ctx) => requestInformation(ctx, { caseId: guessedId(), questions: "When?" }) },
  { what: "assignCases (assignCase)", expect: "n n n n n y n", effect: "audit", run: (ctx, x) => assignCases(ctx, { caseIds: [x.cases.triage.id], assigneeId: x.caseworker2.id }), guess: (ctx, x) => assignCases(ctx, { caseIds: [guessedId()], assigneeId: x.caseworker2.id }) },
  { what: "assignCaseToMe", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => assignCaseToMe(ctx, { caseId: x.cases.triage.id, declaration: "no_conflict" }), guess: (ctx) => assignCaseToMe(ctx, { caseId: guessedId(), declaration: "no_conflict" }) },
  {
    what: "inviteRepresentative",
    expect: "n n n n y y n",
    effect: "audit",
    run: (ctx, x) => inviteRepresentative(ctx, { caseId: x.cases.triage.id, email: "new-rep@example.test", organisationName: "Pell & Quarry LLP" }),
    guess: (ctx) => inviteRepresentative(ctx, { caseId: guessedId(), email: "new-rep@example.test", organisationName: "Pell & Quarry LLP" }),
  },
  // Deciding and running cases the caseworker is assigned to and cleared on.
  { what: "proposeDecision", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => proposeDecision(ctx, { caseId: x.cases.caseA.id, decision: "no_case_to_answer", reasons: "Nothing in it." }), guess: (ctx) => proposeDecision(ctx, { caseId: guessedId(), decision: "no_case_to_answer", reasons: "Nothing in it." }) },
  { what: "reviewDecision (the caseworker's proposal on the flagship)", expect: "n n n n n y n", effect: "audit", run: (ctx, x) => reviewDecision(ctx, { proposalId: x.proposalId, outcome: "approve" }), guess: (ctx) => reviewDecision(ctx, { proposalId: guessedId(), outcome: "approve" }) },
  { what: "addCaseNote", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => addCaseNote(ctx, { caseId: x.cases.flagship.id, body: "A note." }), guess: (ctx) => addCaseNote(ctx, { caseId: guessedId(), body: "A note." }) },
  { what: "stopClock", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => stopClock(ctx, { deadlineId: x.clocks.flagship, reason: "Waiting." }), guess: (ctx) => stopClock(ctx, { deadlineId: guessedId(), reason: "Waiting." }) },
  { what: "restartClock", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => restartClock(ctx, { deadlineId: x.clocks.caseAStopped, reason: "Report in." }), guess: (ctx) => restartClock(ctx, { deadlineId: guessedId(), reason: "Report in." }) },
  { what: "extendDeadline", expect: "n n n n n y n", effect: "audit", run: (ctx, x) => extendDeadline(ctx, { deadlineId: x.clocks.flagship, days: "5", reason: "Complex." }), guess: (ctx) => extendDeadline(ctx, { deadlineId: guessedId(), days: "5", reason: "Complex." }) },
  {
    what: "publishCase (case B, unpublished)",
    expect: "n n n n y y n",
    effect: "audit",
    run: (ctx, x) => publishCase(ctx, { caseId: x.cases.caseB.id, publicSummary: "A fictional summary for the register." }),
    guess: (ctx) => publishCase(ctx, { caseId: guessedId(), publicSummary: "A fictional summary for the register." }),
  },
  // Amicus.
  { what: "applyForLeave (the flagship, window open)", expect: "n n n y n n n", effect: "audit", run: (ctx, x) => applyForLeave(ctx, leaveApplication(x.cases.flagship.reference!)), guess: (ctx) => applyForLeave(ctx, leaveApplication("IPC-2099-999999")) },
  { what: "decideApplication", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => decideApplication(ctx, { applicationId: x.applications.appliedOnCaseA, outcome: "refuse", reasons: "Not needed." }), guess: (ctx) => decideApplication(ctx, { applicationId: guessedId(), outcome: "refuse", reasons: "Not needed." }) },
  { what: "fileBrief's permission (requireBriefMayBeFiled)", expect: "n n n y n n n", effect: "none", run: (ctx, x) => requireBriefMayBeFiled(ctx, x.applications.grantedOnTokeniser), guess: (ctx) => requireBriefMayBeFiled(ctx, guessedId()) },
  {
    what: "startUpload of a brief (the tus POST)",
    expect: "n n n y n n n",
    effect: "rows",
    run: (ctx, x) => startUpload(ctx, { uploadId: uploadId(), caseId: x.cases.tokeniser.id, filename: "brief.pdf", declaredSize: 100, purpose: "amicus_brief", applicationId: x.applications.grantedOnTokeniser }),
    guess: (ctx, x) => startUpload(ctx, { uploadId: uploadId(), caseId: x.cases.tokeniser.id, filename: "brief.pdf", declaredSize: 100, purpose: "amicus_brief", applicationId: guessedId() }),
  },
  { what: "respondToBrief (the brief on the safety case, where party B acts)", expect: "n n y n n n n", effect: "audit", run: (ctx, x) => respondToBrief(ctx, { applicationId: x.applications.filedOnSafety, body: "We disagree." }), guess: (ctx) => respondToBrief(ctx, { applicationId: guessedId(), body: "We disagree." }) },
  // Evidence.
  {
    what: "startUpload of evidence on case A (the tus POST)",
    expect: "n y n n y y n",
    effect: "rows",
    run: (ctx, x) => startUpload(ctx, { uploadId: uploadId(), caseId: x.cases.caseA.id, filename: "exhibit.pdf", declaredSize: 100 }),
    guess: (ctx) => startUpload(ctx, { uploadId: uploadId(), caseId: guessedId(), filename: "exhibit.pdf", declaredSize: 100 }),
  },
  { what: "reviewEvidence", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => reviewEvidence(ctx, { evidenceId: x.evidence.flagshipPartiesComplainant.id, outcome: "accept" }), guess: (ctx) => reviewEvidence(ctx, { evidenceId: guessedId(), outcome: "accept" }) },
  { what: "withdrawEvidence (case A, parties-only)", expect: "n y n n y y r", effect: "audit", run: (ctx, x) => withdrawEvidence(ctx, { evidenceId: x.evidence.caseAParties.id, reasons: "Filed in error." }), guess: (ctx) => withdrawEvidence(ctx, { evidenceId: guessedId(), reasons: "Filed in error." }) },
  { what: "withdrawEvidence (the complainant's parties-only item on the flagship)", expect: "n y r n y y r", effect: "audit", run: (ctx, x) => withdrawEvidence(ctx, { evidenceId: x.evidence.flagshipPartiesComplainant.id, reasons: "Filed in error." }), guess: (ctx) => withdrawEvidence(ctx, { evidenceId: guessedId(), reasons: "Filed in error." }) },
  {
    what: "challengeConfidentiality (the respondent's restricted item on the flagship)",
    expect: "n y r n r r r",
    effect: "audit",
    run: (ctx, x) => challengeConfidentiality(ctx, { evidenceId: x.evidence.flagshipRestrictedRespondent.id, reasons: "Already public." }),
    guess: (ctx) => challengeConfidentiality(ctx, { evidenceId: guessedId(), reasons: "Already public." }),
  },
  { what: "decideChallenge", expect: "n n n n y y n", effect: "audit", run: (ctx, x) => decideChallenge(ctx, { challengeId: x.challengeId, outcome: "upheld", reasons: "It is confidential." }), guess: (ctx) => decideChallenge(ctx, { challengeId: guessedId(), outcome: "upheld", reasons: "It is confidential." }) },
  // The complainant's own steps.
  { what: "answerInformationRequest", expect: "n y n n n n n", effect: "audit", run: (ctx, x) => answerInformationRequest(ctx, { requestId: x.informationRequestId, response: "In March." }), guess: (ctx) => answerInformationRequest(ctx, { requestId: guessedId(), response: "In March." }) },
  { what: "withdrawComplaint (case A)", expect: "n y n n n n n", effect: "audit", run: (ctx, x) => withdrawComplaint(ctx, { caseId: x.cases.caseA.id, reasons: "Settled." }), guess: (ctx) => withdrawComplaint(ctx, { caseId: guessedId(), reasons: "Settled." }) },
  { what: "deleteDraftComplaint", expect: "n y n n n n n", effect: "audit", run: (ctx, x) => deleteDraftComplaint(ctx, { draftId: x.cases.draft.id }), guess: (ctx) => deleteDraftComplaint(ctx, { draftId: guessedId() }) },
  // Calendar feeds.
  { what: "createCalendarFeed for case A", expect: "n y n n y y y", effect: "audit", run: (ctx, x) => createCalendarFeed(ctx, caseInput(x.cases.caseA.id)), guess: (ctx) => createCalendarFeed(ctx, caseInput(guessedId())) },
  { what: "createCalendarFeed for the flagship (published: amicus users may read it, not follow its deadlines)", expect: "n y y n y y y", effect: "audit", run: (ctx, x) => createCalendarFeed(ctx, caseInput(x.cases.flagship.id)), guess: (ctx) => createCalendarFeed(ctx, caseInput(guessedId())) },
  { what: "createCalendarFeed for one's own deadlines", expect: "n y y y y y y", effect: "audit", run: (ctx) => createCalendarFeed(ctx, {}) },
  { what: "revokeCalendarFeed for one's own deadlines", expect: "n y y y y y y", effect: "audit", run: (ctx) => revokeCalendarFeed(ctx, {}) },
  // Administration.
  { what: "setUserDisabled", expect: "n n n n n n y", effect: "audit", run: (ctx, x) => setUserDisabled(ctx, { userId: x.actors.partyB!.id, disabled: true, reason: "Left the firm." }), guess: (ctx) => setUserDisabled(ctx, { userId: guessedId(), disabled: true, reason: "Left the firm." }) },
  { what: "updateDeadlineRule", expect: "n n n n n n y", effect: "audit", run: (ctx) => updateDeadlineRule(ctx, ruleInput(ctx.db, "case-to-answer")), guess: (ctx) => updateDeadlineRule(ctx, ruleInput(ctx.db, guessedId())) },
  { what: "importHolidayData", expect: "n n n n n n y", effect: "audit", run: (ctx) => importHolidayData(ctx, changedHolidayJson()) },
  { what: "retryMail", expect: "n n n n n n y", effect: "audit", run: (ctx, x) => retryMail(ctx, { mailId: x.failedMailId }), guess: (ctx) => retryMail(ctx, { mailId: guessedId() }) },
  // Notifications.
  { what: "saveEmailPreferences", expect: "n y y y y y y", effect: "audit", run: (ctx) => saveEmailPreferences(ctx, { modes: allModes(ctx) }) },
  { what: "markNotificationRead (the complainant's)", expect: "n y n n n n n", effect: "audit", run: (ctx, x) => markNotificationRead(ctx, { notificationId: x.notifications.markedRead }), guess: (ctx) => markNotificationRead(ctx, { notificationId: guessedId() }) },
  { what: "markAllNotificationsRead", expect: "n y y y y y y", effect: "any", run: (ctx) => markAllNotificationsRead(ctx, {}) },

  // Reads behind pages (effect "none": reading changes nothing).
  // A published case is on the register for everyone, but its working file is for staff and parties only.
  { what: "getCaseWorkspace (the published flagship)", expect: "n y y n y y y", effect: "none", run: (ctx, x) => getCaseWorkspace(ctx, x.cases.flagship.id), guess: (ctx) => getCaseWorkspace(ctx, guessedId()) },
  { what: "getCaseWorkspace (the published case A: a party not on it is turned away)", expect: "n y n n y y y", effect: "none", run: (ctx, x) => getCaseWorkspace(ctx, x.cases.caseA.id), guess: (ctx) => getCaseWorkspace(ctx, guessedId()) },
  { what: "getCaseWorkspace (the unpublished case B)", expect: "n n y n y y y", effect: "none", run: (ctx, x) => getCaseWorkspace(ctx, x.cases.caseB.id), guess: (ctx) => getCaseWorkspace(ctx, guessedId()) },
  { what: "getCaseWorkspace (the complainant's draft)", expect: "n y n n n n n", effect: "none", run: (ctx, x) => getCaseWorkspace(ctx, x.cases.draft.id), guess: (ctx) => getCaseWorkspace(ctx, guessedId()) },
  { what: "getCaseClocks (case B)", expect: "n n y n y y y", effect: "none", run: (ctx, x) => getCaseClocks(ctx, x.cases.caseB.id), guess: (ctx) => getCaseClocks(ctx, guessedId()) },
  { what: "getCaseTimeline (case B)", expect: "n n y n y y y", effect: "none", run: (ctx, x) => getCaseTimeline(ctx, x.cases.caseB.id), guess: (ctx) => getCaseTimeline(ctx, guessedId()) },
  { what: "listCaseEvidence (case B)", expect: "n n y n y y y", effect: "none", run: (ctx, x) => listCaseEvidence(ctx, x.cases.caseB.id), guess: (ctx) => listCaseEvidence(ctx, guessedId()) },
  { what: "getEvidenceItem (the complainant's restricted item on the flagship)", expect: "n y n n y y y", effect: "none", run: (ctx, x) => getEvidenceItem(ctx, x.cases.flagship.id, x.evidence.flagshipRestrictedComplainant.id), guess: (ctx, x) => getEvidenceItem(ctx, x.cases.flagship.id, guessedId()) },
  { what: "getEvidenceItem (a parties-only item on case A)", expect: "n y n n y y y", effect: "none", run: (ctx, x) => getEvidenceItem(ctx, x.cases.caseA.id, x.evidence.caseAParties.id), guess: (ctx, x) => getEvidenceItem(ctx, x.cases.caseA.id, guessedId()) },
  { what: "getEvidenceItem (case A's item under the flagship's address)", expect: "n n n n n n n", effect: "none", run: (ctx, x) => getEvidenceItem(ctx, x.cases.flagship.id, x.evidence.caseAParties.id), guess: (ctx, x) => getEvidenceItem(ctx, x.cases.flagship.id, guessedId()) },
  { what: "getChallengeTarget (the respondent's restricted item: the complainant may know it exists)", expect: "n y y n y y y", effect: "none", run: (ctx, x) => getChallengeTarget(ctx, x.cases.flagship.id, x.evidence.flagshipRestrictedRespondent.id), guess: (ctx, x) => getChallengeTarget(ctx, x.cases.flagship.id, guessedId()) },
  { what: "getReceipt (the complainant's submission on the flagship)", expect: "n y n n y y y", effect: "none", run: (ctx, x) => getReceipt(ctx, x.submissions.flagshipComplainant), guess: (ctx) => getReceipt(ctx, guessedId()) },
  { what: "getFilingContext (case A)", expect: "n y n n y y n", effect: "none", run: (ctx, x) => getFilingContext(ctx, x.cases.caseA.id), guess: (ctx) => getFilingContext(ctx, guessedId()) },
  { what: "listCaseNotes (the flagship)", expect: "n n n n y y n", effect: "none", run: (ctx, x) => listCaseNotes(ctx, x.cases.flagship.id), guess: (ctx) => listCaseNotes(ctx, guessedId()) },
  { what: "getApplicationForActor (the amicus's own)", expect: "n n n y y y y", effect: "none", run: (ctx, x) => getApplicationForActor(ctx, x.applications.appliedOnCaseA), guess: (ctx) => getApplicationForActor(ctx, guessedId()) },
  { what: "getApplicationForActor (another applicant's)", expect: "n n n n y y y", effect: "none", run: (ctx, x) => getApplicationForActor(ctx, x.applications.otherApplicantOnFlagship), guess: (ctx) => getApplicationForActor(ctx, guessedId()) },
  { what: "getApplicationPage (the amicus's own)", expect: "n n n y n n n", effect: "none", run: (ctx, x) => getApplicationPage(ctx, x.applications.appliedOnCaseA), guess: (ctx) => getApplicationPage(ctx, guessedId()) },
  { what: "getApplicationPage (another applicant's)", expect: "n n n n n n n", effect: "none", run: (ctx, x) => getApplicationPage(ctx, x.applications.otherApplicantOnFlagship), guess: (ctx) => getApplicationPage(ctx, guessedId()) },
  { what: "getApplicationFormContext (the flagship)", expect: "n n n y n n n", effect: "none", run: (ctx, x) => getApplicationFormContext(ctx, x.cases.flagship.reference!), guess: (ctx) => getApplicationFormContext(ctx, "IPC-2099-999999") },
  { what: "getApplicationFormContext (the unpublished case B)", expect: "n n n n n n n", effect: "none", run: (ctx, x) => getApplicationFormContext(ctx, x.cases.caseB.reference!), guess: (ctx) => getApplicationFormContext(ctx, "IPC-2099-999999") },
  { what: "listOwnApplications", expect: "n n n y n n n", effect: "none", run: (ctx) => listOwnApplications(ctx) },
  { what: "listBriefsForParty (the safety case)", expect: "n n y n n n n", effect: "none", run: (ctx, x) => listBriefsForParty(ctx, x.cases.safety.id), guess: (ctx) => listBriefsForParty(ctx, guessedId()) },
  { what: "listBriefResponses (the brief on the safety case)", expect: "n n y n y y y", effect: "none", run: (ctx, x) => listBriefResponses(ctx, x.applications.filedOnSafety), guess: (ctx) => listBriefResponses(ctx, guessedId()) },
  { what: "listCaseApplicationsForStaff (the flagship)", expect: "n n n n y y y", effect: "none", run: (ctx, x) => listCaseApplicationsForStaff(ctx, x.cases.flagship.id), guess: (ctx) => listCaseApplicationsForStaff(ctx, guessedId()) },
  { what: "getPublicCase (the published flagship)", expect: "y y y y y y y", effect: "none", run: (ctx, x) => getPublicCase(ctx.db, ctx.now, x.cases.flagship.reference!) },
  { what: "getPublicCase (the unpublished case B)", expect: "n n n n n n n", effect: "none", run: (ctx, x) => getPublicCase(ctx.db, ctx.now, x.cases.caseB.reference!), guess: (ctx) => getPublicCase(ctx.db, ctx.now, "IPC-2099-999999") },
  { what: "getDraftForFiler (the complainant's draft)", expect: "n y n n n n n", effect: "none", run: (ctx, x) => getDraftForFiler(ctx, x.cases.draft.id), guess: (ctx) => getDraftForFiler(ctx, guessedId()) },
  { what: "getSubmittedComplaintForFiler (case A, filed by the complainant)", expect: "n y n n n n n", effect: "none", run: (ctx, x) => getSubmittedComplaintForFiler(ctx, x.cases.caseA.id), guess: (ctx) => getSubmittedComplaintForFiler(ctx, guessedId()) },
  // The respondent can see the flagship, so being told it is not their complaint tells them nothing new.
  { what: "getSubmittedComplaintForFiler (the flagship, as the other side)", expect: "n y n n n n n", effect: "none", run: (ctx, x) => getSubmittedComplaintForFiler(ctx, x.cases.flagship.id) },
  { what: "calendarFeedsView for the flagship", expect: "n y y n y y y", effect: "none", run: (ctx, x) => calendarFeedsView(ctx, caseInput(x.cases.flagship.id)), guess: (ctx) => calendarFeedsView(ctx, caseInput(guessedId())) },
  { what: "getEmailPreferences", expect: "n y y y y y y", effect: "none", run: (ctx) => getEmailPreferences(ctx) },
  { what: "listUsers", expect: "n n n n n n y", effect: "none", run: (ctx) => listUsers(ctx) },
  { what: "listDeadlineRules", expect: "n n n n n n y", effect: "none", run: (ctx) => listDeadlineRules(ctx) },
  { what: "getMailOverview", expect: "n n n n n n y", effect: "none", run: (ctx) => getMailOverview(ctx) },
];

describe("domain verbs and reads", () => {
  for (const row of VERBS) {
    const expected = cells(row.expect);
    describe(row.what, () => {
      for (const role of MATRIX_ROLES) {
        const cell = expected[role];
        (knownProblem(cell) ? it.fails : it)(`${role}: ${LABELS[cell]}`, async () => {
          const copy = cloneDb(pristine);
          try {
            const ctx = as(role, copy);
            const before = writeFingerprint(copy);
            const result = await outcomeOf(() => row.run(ctx, w));
            const after = writeFingerprint(copy);
            if (cell === "y" || cell === "b") {
              if (!result.ok) throw new Error(`expected ${role} to be allowed, got ${result.error.code}: ${result.error.message}`);
              if (row.effect === "audit") expect(after.audit).toBeGreaterThan(before.audit);
              if (row.effect === "rows") expect(after.changes).toBeGreaterThan(before.changes);
              if (row.effect === "none") expect(after.rows).toEqual(before.rows);
              return;
            }
            if (result.ok) throw new Error(`expected ${role} to be ${cell === "r" ? "refused" : "denied"}, but the call succeeded`);
            expect(after, "a refused call writes nothing, not even something it rolls back").toEqual(before);
            if (cell === "r") {
              expect(result.error.code).toBe("forbidden");
              return;
            }
            expect(role === "signedOut" ? ["unauthenticated", "not_found"] : ["not_found"]).toContain(result.error.code);
            if (row.guess) {
              const guessed = await outcomeOf(() => row.guess!(ctx, w));
              if (guessed.ok) throw new Error("a made-up id was accepted");
              expect(errorShape(guessed.error)).toEqual(errorShape(result.error));
            }
          } finally {
            copy.$client.close();
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Server actions: the exact form post one user makes, replayed as everyone else.
// ---------------------------------------------------------------------------------------------

type FormAction = (previous: never, formData: FormData) => Promise<unknown>;

interface ActionRow {
  what: string;
  expect: string;
  action: () => FormAction;
  /** The fields the allowed user's browser posts. */
  fields: (world: AccessWorld) => Record<string, string>;
  /** The same post about a made-up id. */
  guess: (world: AccessWorld) => Record<string, string>;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

const withId = (fields: Record<string, string>, name: string) => ({ ...fields, [name]: guessedId() });

const ACTION_ROWS: ActionRow[] = [
  {
    what: "addCaseNoteAction",
    expect: "n n n n y y n",
    action: () => actions.cases.addCaseNoteAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, body: "Replayed note." }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, body: "Replayed note." }, "caseId"),
  },
  {
    what: "acceptComplaintAction",
    expect: "n n n n y y n",
    action: () => actions.cases.acceptComplaintAction as FormAction,
    fields: (x) => ({ caseId: x.cases.triage.id, reasons: "Valid.", servedOn: "2026-11-20", serviceMethod: "email" }),
    guess: (x) => withId({ caseId: x.cases.triage.id, reasons: "Valid.", servedOn: "2026-11-20", serviceMethod: "email" }, "caseId"),
  },
  {
    what: "reviewDecisionAction",
    expect: "n n n n n y n",
    action: () => actions.cases.reviewDecisionAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, proposalId: x.proposalId, outcome: "approve" }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, proposalId: x.proposalId, outcome: "approve" }, "proposalId"),
  },
  {
    what: "stopClockAction",
    expect: "n n n n y y n",
    action: () => actions.clock.stopClockAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, deadlineId: x.clocks.flagship, reason: "Waiting." }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, deadlineId: x.clocks.flagship, reason: "Waiting." }, "deadlineId"),
  },
  {
    what: "extendDeadlineAction",
    expect: "n n n n n y n",
    action: () => actions.clock.extendDeadlineAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, deadlineId: x.clocks.flagship, days: "5", reason: "Complex." }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, deadlineId: x.clocks.flagship, days: "5", reason: "Complex." }, "deadlineId"),
  },
  {
    what: "assignCaseAction",
    expect: "n n n n n y n",
    action: () => actions.assignment.assignCaseAction as FormAction,
    fields: (x) => ({ caseId: x.cases.triage.id, assigneeId: x.caseworker2.id, seenAssigneeId: "" }),
    guess: (x) => withId({ caseId: x.cases.triage.id, assigneeId: x.caseworker2.id, seenAssigneeId: "" }, "caseId"),
  },
  {
    what: "publishCaseAction",
    expect: "n n n n y y n",
    action: () => actions.publish.publishCaseAction as FormAction,
    fields: (x) => ({ caseId: x.cases.caseB.id, publicSummary: "A fictional summary for the register." }),
    guess: (x) => withId({ caseId: x.cases.caseB.id, publicSummary: "A fictional summary for the register." }, "caseId"),
  },
  {
    what: "inviteRepresentativeAction",
    expect: "n n n n y y n",
    action: () => actions.invite.inviteRepresentativeAction as FormAction,
    fields: (x) => ({ caseId: x.cases.triage.id, email: "new-rep@example.test", organisationName: "Pell & Quarry LLP" }),
    guess: (x) => withId({ caseId: x.cases.triage.id, email: "new-rep@example.test", organisationName: "Pell & Quarry LLP" }, "caseId"),
  },
  {
    what: "decideAmicusApplicationAction",
    expect: "n n n n y y n",
    action: () => actions.staffAmicus.decideAmicusApplicationAction as FormAction,
    fields: (x) => ({ caseId: x.cases.caseA.id, applicationId: x.applications.appliedOnCaseA, outcome: "refuse", reasons: "Not needed.", wordLimit: "300" }),
    guess: (x) => withId({ caseId: x.cases.caseA.id, applicationId: x.applications.appliedOnCaseA, outcome: "refuse", reasons: "Not needed.", wordLimit: "300" }, "applicationId"),
  },
  {
    what: "reviewEvidenceAction",
    expect: "n n n n y y n",
    action: () => actions.staffEvidence.reviewEvidenceAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipPartiesComplainant.id, outcome: "accept" }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipPartiesComplainant.id, outcome: "accept" }, "evidenceId"),
  },
  {
    what: "decideChallengeAction",
    expect: "n n n n y y n",
    action: () => actions.staffEvidence.decideChallengeAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipRestrictedComplainant.id, challengeId: x.challengeId, outcome: "upheld", reasons: "It is confidential." }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipRestrictedComplainant.id, challengeId: x.challengeId, outcome: "upheld", reasons: "It is confidential." }, "challengeId"),
  },
  {
    what: "withdrawComplaintAction (portal)",
    expect: "n y n n n n n",
    action: () => actions.partyCase.withdrawComplaintAction as FormAction,
    fields: (x) => ({ caseId: x.cases.caseA.id, reasons: "Settled." }),
    guess: () => ({ caseId: guessedId(), reasons: "Settled." }),
  },
  {
    what: "answerInformationRequestAction (portal)",
    expect: "n y n n n n n",
    action: () => actions.partyCase.answerInformationRequestAction as FormAction,
    fields: (x) => ({ caseId: x.cases.awaitingInformation.id, requestId: x.informationRequestId, response: "In March." }),
    guess: (x) => withId({ caseId: x.cases.awaitingInformation.id, requestId: x.informationRequestId, response: "In March." }, "requestId"),
  },
  {
    what: "withdrawEvidenceAction (portal, case A)",
    expect: "n y n n y y r",
    action: () => actions.partyEvidence.withdrawEvidenceAction as FormAction,
    fields: (x) => ({ caseId: x.cases.caseA.id, evidenceId: x.evidence.caseAParties.id, reasons: "Filed in error." }),
    guess: (x) => withId({ caseId: x.cases.caseA.id, evidenceId: x.evidence.caseAParties.id, reasons: "Filed in error." }, "evidenceId"),
  },
  {
    what: "challengeConfidentialityAction (portal)",
    expect: "n y r n r r r",
    action: () => actions.partyEvidence.challengeConfidentialityAction as FormAction,
    fields: (x) => ({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipRestrictedRespondent.id, reasons: "Already public." }),
    guess: (x) => withId({ caseId: x.cases.flagship.id, evidenceId: x.evidence.flagshipRestrictedRespondent.id, reasons: "Already public." }, "evidenceId"),
  },
  {
    what: "respondToBriefAction (portal)",
    expect: "n n y n n n n",
    action: () => actions.partyAmicus.respondToBriefAction as FormAction,
    fields: (x) => ({ caseId: x.cases.safety.id, applicationId: x.applications.filedOnSafety, body: "We disagree." }),
    guess: (x) => withId({ caseId: x.cases.safety.id, applicationId: x.applications.filedOnSafety, body: "We disagree." }, "applicationId"),
  },
  {
    what: "applyForLeaveAction",
    expect: "n n n y n n n",
    action: () => actions.applications.applyForLeaveAction as FormAction,
    fields: (x) => leaveApplication(x.cases.flagship.reference!),
    guess: () => leaveApplication("IPC-2099-999999"),
  },
  {
    what: "deleteDraftComplaintAction",
    expect: "n y n n n n n",
    action: () => actions.complaints.deleteDraftComplaintAction as FormAction,
    fields: (x) => ({ draftId: x.cases.draft.id }),
    guess: () => ({ draftId: guessedId() }),
  },
  {
    what: "createCalendarFeedAction (case A)",
    expect: "n y n n y y y",
    action: () => actions.calendar.createCalendarFeedAction as FormAction,
    fields: (x) => ({ caseId: x.cases.caseA.id }),
    guess: () => ({ caseId: guessedId() }),
  },
  {
    what: "setUserDisabledAction",
    expect: "n n n n n n y",
    action: () => actions.users.setUserDisabledAction as FormAction,
    fields: (x) => ({ userId: x.actors.partyB!.id, disabled: "true", reason: "Left the firm." }),
    guess: () => ({ userId: guessedId(), disabled: "true", reason: "Left the firm." }),
  },
  {
    what: "updateDeadlineRuleAction",
    expect: "n n n n n n y",
    action: () => actions.deadlineRules.updateDeadlineRuleAction as FormAction,
    fields: () => Object.fromEntries(Object.entries(ruleInput(db, "case-to-answer")).map(([k, v]) => [k, String(v)])),
    guess: () => Object.fromEntries(Object.entries(ruleInput(db, guessedId())).map(([k, v]) => [k, String(v)])),
  },
];

/** What the action did: its form state, or where it redirected (how a successful action ends). */
async function runAction(action: FormAction, fields: Record<string, string>): Promise<{ state: unknown } | { redirect: string }> {
  try {
    return { state: await action(null as never, form(fields)) };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest };
    throw error;
  }
}

describe("server actions replayed by other users", () => {
  for (const row of ACTION_ROWS) {
    const expected = cells(row.expect);
    describe(row.what, () => {
      for (const role of MATRIX_ROLES) {
        const cell = expected[role];
        (knownProblem(cell) ? it.fails : it)(`${role}: ${LABELS[cell]}`, async () => {
          const copy = cloneDb(pristine);
          try {
            as(role, copy);
            const before = writeFingerprint(copy);
            const result = await runAction(row.action(), row.fields(w));
            const after = writeFingerprint(copy);
            if (cell === "y" || cell === "b") {
              if ("state" in result) expect(result.state).toMatchObject({ ok: true });
              expect(after.audit).toBeGreaterThan(before.audit);
              return;
            }
            expect(result).toMatchObject({ state: { ok: false } });
            expect(after).toEqual(before);
            if (cell === "r") return;
            const guessed = await runAction(row.action(), row.guess(w));
            expect(guessed).toMatchObject({ state: { ok: false } });
            const messageOf = (r: typeof result) => ("state" in r ? (r.state as { message: string; fieldErrors: unknown }) : null);
            expect({ message: messageOf(guessed)?.message, fieldErrors: messageOf(guessed)?.fieldErrors }).toEqual({ message: messageOf(result)?.message, fieldErrors: messageOf(result)?.fieldErrors });
          } finally {
            copy.$client.close();
          }
        });
      }
    });
  }
});

describe("the matrix itself", () => {
  it("covers every role in every row", () => {
    for (const row of [...ROUTES, ...VERBS, ...ACTION_ROWS]) expect(Object.keys(cells(row.expect))).toEqual([...MATRIX_ROLES]);
    expect(ROUTES.length + VERBS.length + ACTION_ROWS.length).toBeGreaterThan(100);
  });
});
