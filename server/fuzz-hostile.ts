import { createHash } from "node:crypto";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seedDemoData } from "@/db/seed/seed-demo";
import { DEMO_PASSWORD } from "@/db/seed/demo-data";
import {
  amicusApplications,
  calendarFeeds,
  cases,
  confidentialityChallenges,
  deadlineRules,
  deadlines,
  decisionProposals,
  evidence,
  evidenceSubmissions,
  informationRequests,
  mailOutbox,
  notifications,
  uploadSessions,
  users,
} from "@/db/schema";
import { FIXED_NOW, makeUser, TEST_PASSWORD, testCtx } from "@/db/testing";
import type { Actor, Ctx } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import { newId } from "@/domain/ids";
import { loadActorForSession, startSession } from "@/domain/users/sessions";

/*
 * For the fuzz tests only (server/fuzz-*.test.ts): hostile values, the demo world they are thrown
 * at, and the one rule every rejection must meet. Not imported by the app.
 */

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Payloads that have broken other systems: injection, formulas, traversal, odd numbers and dates. */
export const PAYLOADS: readonly string[] = [
  "",
  " ",
  "   \t\n\r  ",
  "\u00a0\u2003\u3000",
  "\u0000",
  "a\u0000b",
  "%00",
  "\u202Egnp.exe",
  "\u202Ecod.txt\u202C",
  "\u200B\u200C\u200D\uFEFF",
  "\uD800",
  "\uDFFF\uD800",
  "'; DROP TABLE cases;--",
  "\" OR 1=1 --",
  "1; DELETE FROM users",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "=cmd|' /C calc'!A0",
  "=HYPERLINK(\"http://attacker.example\")",
  "+SUM(1,1)",
  "-1+1",
  "@SUM(A1)",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "//attacker.example",
  "/\\attacker.example",
  "https://attacker.example/",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "true",
  "false",
  "[]",
  "{}",
  "{\"role\":\"admin\"}",
  "1e309",
  "-1e309",
  "-0",
  "0",
  "-1",
  "1.5",
  "0x10",
  "NaN",
  "Infinity",
  "9007199254740993",
  "99999999999999999999999",
  "3,000",
  "１２３",
  "2026-02-30",
  "9999-99-99",
  "0000-00-00",
  "2026-13-01",
  "2026-11-22T25:61:00Z",
  "+275760-09-13T00:00:00.000Z",
  "1970-01-01",
  "20261122",
  "2028-12-31",
  "2029-01-01",
  "9999-12-31",
  "0001-01-01",
  "IPC-2026-000001",
  "IPC-9999-999999",
  "admin",
  "closed",
  "a@b",
  "caseworker@ipcasework.test\r\nBcc: everyone@example.test",
  "ｃａｓｅｗｏｒｋｅｒ@ipcasework.test",
];

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const HUGE_PIECES = ["a", "é", "🙂", "\u0000", "<b>", " ", "x\n", "'", "\u202E", "字"];

/** Up to 100,000 characters of one repeated piece, so a value is always big but cheap to make. */
export const hugeString = fc
  .tuple(fc.constantFrom(...HUGE_PIECES), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Anything a hostile client could type or post into one text field. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: CONTROL, maxLength: 20 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 })).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10))) },
);

/** Fields a form never has, posted to try mass assignment or to confuse the action's parsing. */
const EXTRA_FIELD_NAMES = ["role", "status", "organisationId", "createdBy", "assignedTo", "id", "userId", "actorId", "reference", "emailVerifiedAt", "$ACTION_ID_0", "__proto__", "constructor", "item", "mode:__proto__"];

export const extraFields: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EXTRA_FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), hostileString),
  { maxLength: 4 },
);

// ---------------------------------------------------------------------------------------------
// Form fields

/** What a form field is, so the fuzzer mixes realistic values (which get deeper into a verb) with hostile ones. */
export type FieldKind =
  | { kind: "id"; pool: () => readonly string[] }
  | { kind: "text" }
  | { kind: "options"; options: readonly string[] }
  | { kind: "date" }
  | { kind: "number" }
  | { kind: "email" }
  | { kind: "password" };

const REALISTIC_TEXT = ["Fictional reasons written for the fuzz test.", "See the attached exhibits.", "N/A"];
const REALISTIC_DATES = ["2026-11-20", "2026-11-22", "2026-11-23", "2026-12-01", "2027-01-11"];
const REALISTIC_NUMBERS = ["1", "5", "30", "365", "3000", "3,000", " 7 "];
const REALISTIC_EMAILS = ["new.rep@example.test", "caseworker@ipcasework.test", "complainant@ipcasework.test", "NEW.REP@EXAMPLE.TEST "];

export function realistic(field: FieldKind): fc.Arbitrary<string> {
  switch (field.kind) {
    case "id": {
      const pool = field.pool();
      return pool.length ? fc.constantFrom(...pool) : fc.constant("");
    }
    case "text":
      return fc.constantFrom(...REALISTIC_TEXT);
    case "options":
      return fc.constantFrom(...field.options);
    case "date":
      return fc.constantFrom(...REALISTIC_DATES);
    case "number":
      return fc.constantFrom(...REALISTIC_NUMBERS);
    case "email":
      return fc.constantFrom(...REALISTIC_EMAILS);
    case "password":
      return fc.constantFrom(TEST_PASSWORD, DEMO_PASSWORD);
  }
}

/** One field's value: usually realistic or hostile text, sometimes a file where text is expected. */
function fieldValue(field: FieldKind): fc.Arbitrary<string | Blob> {
  return fc.oneof(
    { weight: 3, arbitrary: realistic(field) },
    { weight: 4, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileString.map((text) => new File([text], "payload.exe", { type: "application/x-msdownload" }) as Blob) },
  );
}

/** How one field is posted: missing, once, or several times under the same name. */
function fieldEntries(name: string, field: FieldKind): fc.Arbitrary<[string, string | Blob][]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<[string, string | Blob][]>([]) },
    { weight: 7, arbitrary: fieldValue(field).map((value): [string, string | Blob][] => [[name, value]]) },
    { weight: 1, arbitrary: fc.array(fieldValue(field), { minLength: 2, maxLength: 3 }).map((values) => values.map((value): [string, string | Blob] => [name, value])) },
  );
}

export type FormEntries = [string, string | Blob][];

/**
 * A whole form post: usually the action's own fields with hostile values, plus whatever else an
 * attacker adds; sometimes every field realistic, so the fuzz also reaches the verbs' success paths.
 */
export function formEntries(fields: Record<string, FieldKind>, more: fc.Arbitrary<FormEntries> = fc.constant([])): fc.Arbitrary<FormEntries> {
  const hostile = fc.tuple(fc.tuple(...Object.entries(fields).map(([name, field]) => fieldEntries(name, field))), more, extraFields);
  const plausible = fc.tuple(fc.tuple(...Object.entries(fields).map(([name, field]) => realistic(field).map((value): FormEntries => [[name, value]]))), more, fc.constant([]));
  return fc.oneof({ weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: plausible }).map(([ownEntries, moreEntries, extra]) => [...ownEntries.flat(), ...moreEntries, ...extra]);
}

export function toFormData(entries: FormEntries): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

/** The string with each lone surrogate replaced by U+FFFD, as a browser does when it encodes one into a URL. */
export const wellFormed = (value: string): string => value.replace(/\p{Surrogate}/gu, "\uFFFD");

/** A short description of a post for a failure message, without megabytes of payload. */
export function describeEntries(entries: FormEntries): string {
  return JSON.stringify(entries.map(([name, value]) => [name, typeof value === "string" ? (value.length > 120 ? `${value.slice(0, 120)}… (${value.length} chars)` : value) : `[File ${value.size} bytes]`]));
}

// ---------------------------------------------------------------------------------------------
// The rule for rejections

/** zod's own messages (v3 and v4 wording): they describe the schema, not what the user should fix. */
const RAW_ZOD_MESSAGE =
  /^(Invalid input|Invalid option|Invalid value|Invalid string|Invalid email|Invalid ISO|Invalid UUID|Invalid URL|Invalid url|Invalid date|Invalid key|Invalid element|Invalid number|Invalid type|Invalid enum|Invalid literal|Invalid union|Too big|Too small|Unrecognized key|Required$|Expected |String must|Number must|Array must)|expected (string|number|boolean|array|object|date|bigint)|received (undefined|null|string|number|object|array|nan|NaN|File|boolean)/;

export const GENERIC_INVALID_MESSAGE = "There is a problem with what you entered.";

/** Why a message is no use to the person who sees it, or null if it says what to fix. */
export function uselessMessage(message: unknown): string | null {
  if (typeof message !== "string") return `not a string: ${JSON.stringify(message)}`;
  if (message.trim() === "") return "empty";
  if (RAW_ZOD_MESSAGE.test(message)) return `zod's default wording: "${message}"`;
  // Only what no user could have typed: "undefined" or "null" may be the user's own words echoed back.
  if (/\[object \w+\]/.test(message)) return `leaks a programming value: "${message}"`;
  return null;
}

/** Every problem with a rejection a form shows: its message and each field's message. */
export function problemsWithRejection(message: unknown, fieldErrors: unknown): string[] {
  const problems: string[] = [];
  const bad = uselessMessage(message);
  if (bad) problems.push(`message ${bad}`);
  if (fieldErrors === null || typeof fieldErrors !== "object" || Array.isArray(fieldErrors)) {
    problems.push(`fieldErrors is not an object: ${JSON.stringify(fieldErrors)}`);
    return problems;
  }
  for (const [key, fieldMessage] of Object.entries(fieldErrors)) {
    if (key.trim() === "") problems.push("a field error has no field name");
    const badField = uselessMessage(fieldMessage);
    if (badField) problems.push(`fieldErrors["${key}"] ${badField}`);
  }
  // The generic summary alone says nothing: it must come with at least one field's message.
  if (message === GENERIC_INVALID_MESSAGE && Object.keys(fieldErrors).length === 0) problems.push("the generic message with no field errors to say what is wrong");
  return problems;
}

/** The same rule for a verb called directly: only a DomainError whose messages say what to fix. */
export function problemsWithThrown(error: unknown): string[] {
  if (!(error instanceof DomainError)) return [`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (a 500), not a DomainError`];
  return problemsWithRejection(error.message, error.fieldErrors);
}

// ---------------------------------------------------------------------------------------------
// The world the fuzzers attack: the demo data, plus one of each thing a form can point at

export type FuzzRole = "caseworker" | "caseworker2" | "supervisor" | "admin" | "complainant" | "respondent" | "amicus" | "signedOut";
export const ROLES: readonly FuzzRole[] = ["caseworker", "caseworker2", "supervisor", "admin", "complainant", "respondent", "amicus", "signedOut"];
export const STAFF: readonly FuzzRole[] = ["caseworker", "caseworker2", "supervisor", "admin"];
export const PARTIES: readonly FuzzRole[] = ["complainant", "respondent"];

const DEMO_EMAIL: Record<Exclude<FuzzRole, "signedOut">, string> = {
  caseworker: "caseworker@ipcasework.test",
  caseworker2: "caseworker2@ipcasework.test",
  supervisor: "supervisor@ipcasework.test",
  admin: "admin@ipcasework.test",
  complainant: "complainant@ipcasework.test",
  respondent: "respondent@ipcasework.test",
  amicus: "amicus@ipcasework.test",
};

export interface FuzzWorld {
  db: Db;
  actors: Record<FuzzRole, Actor | null>;
  ctxFor(role: FuzzRole): Ctx;
  /** Ids currently in the database, re-read on each call so ids created by earlier runs are attacked too. */
  ids: Record<IdTable, () => string[]>;
  /** Every id of every kind, for fields that should reject an id of the wrong kind. */
  anyId: () => string[];
  caseReferences: () => string[];
  expendableUserIds: string[];
  /** Secret calendar feed tokens (the last part of each feed's URL). */
  calendarTokens: string[];
}

const ID_TABLES = {
  cases,
  users,
  deadlines,
  deadlineRules,
  evidence,
  evidenceSubmissions,
  confidentialityChallenges,
  amicusApplications,
  informationRequests,
  decisionProposals,
  notifications,
  mailOutbox,
  uploadSessions,
  calendarFeeds,
} as const;
export type IdTable = keyof typeof ID_TABLES;

/** A DomainError in setup only makes the world thinner; anything else is a real failure. */
function tryTo(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

/** Seeds the demo data and adds what it lacks (evidence, challenges, amicus applications, requests, proposals). */
export async function makeFuzzWorld(db: Db): Promise<FuzzWorld> {
  await seedDemoData(db, FIXED_NOW);
  const actors = { signedOut: null } as Record<FuzzRole, Actor | null>;
  for (const [role, email] of Object.entries(DEMO_EMAIL)) {
    const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!;
    const { sessionId } = startSession({ db, now: FIXED_NOW }, user.id, 365 * 24 * 60 * 60);
    actors[role as FuzzRole] = loadActorForSession(db, { userId: user.id, sessionId }, FIXED_NOW);
  }
  const ctxFor = (role: FuzzRole) => testCtx(db, actors[role]);
  const allCases = db.select().from(cases).all();
  const byStatus = (status: string) => allCases.filter((row) => row.status === status);
  const complainant = actors.complainant!;
  const amicus = actors.amicus!;
  const at = FIXED_NOW.toISOString();

  const { requestInformation } = await import("@/domain/cases/request-information");
  const { proposeDecision } = await import("@/domain/cases/propose-decision");
  const { challengeConfidentiality } = await import("@/domain/evidence/challenge-confidentiality");
  const { createCalendarFeed } = await import("@/domain/calendar/create-calendar-feed");
  const { startComplaint } = await import("@/domain/complaints/start-complaint");

  for (const row of byStatus("in_triage")) tryTo(() => requestInformation(ctxFor(row.assignedTo === actors.caseworker2!.id ? "caseworker2" : "caseworker"), { caseId: row.id, questions: "Which model versions are affected?" }));
  for (const row of byStatus("assessment").slice(0, 2)) tryTo(() => proposeDecision(ctxFor(row.assignedTo === actors.caseworker2!.id ? "caseworker2" : "caseworker"), { caseId: row.id, decision: "case_to_answer", reasons: "The evidence shows a case to answer." }));
  const calendarTokens: string[] = [];
  tryTo(() => calendarTokens.push(createCalendarFeed(ctxFor("caseworker"), {}).url.split("/").pop()!));
  tryTo(() => calendarTokens.push(createCalendarFeed(ctxFor("complainant"), {}).url.split("/").pop()!));
  tryTo(() => startComplaint(ctxFor("complainant")));

  // Evidence on every open case the complainant's firm is on, written directly as a submission leaves it.
  for (const row of allCases.filter((c) => c.reference && ["assessment", "investigation", "in_triage"].includes(c.status))) {
    const submissionId = newId();
    db.insert(evidenceSubmissions).values({ id: submissionId, caseId: row.id, filingSide: "complainant", filedBy: complainant.id, submittedAt: at }).run();
    for (const [index, confidentiality] of (["public", "parties", "restricted"] as const).entries()) {
      const bytes = Buffer.from(`Fuzz exhibit ${index} of ${row.id}`);
      db.insert(evidence)
        .values({
          id: newId(),
          caseId: row.id,
          filingSide: "complainant",
          filedBy: complainant.id,
          submissionId,
          exhibitNumber: `C-${String(index + 1).padStart(3, "0")}`,
          title: `Exhibit ${index + 1}`,
          description: "A fictional document.",
          originalFilename: `exhibit-${index + 1}.pdf`,
          sizeBytes: bytes.length,
          contentType: "application/pdf",
          sha256: createHash("sha256").update(bytes).digest("hex"),
          confidentiality,
          status: "received",
          supersedesId: null,
          nonConfidentialVersionOfId: null,
          receivedAt: at,
          reviewReasons: null,
          reviewedBy: null,
          reviewedAt: null,
          withdrawalReasons: null,
          withdrawnBy: null,
          withdrawnAt: null,
        })
        .run();
    }
  }
  for (const item of db.select().from(evidence).where(eq(evidence.confidentiality, "parties")).all()) {
    tryTo(() => challengeConfidentiality(ctxFor("respondent"), { evidenceId: item.id, reasons: "This is already public." }));
  }

  // Amicus applications in each state a form acts on, one per published case (one live application per applicant per case).
  const statuses = ["applied", "granted", "brief_filed"] as const;
  // Cases whose window is still open are left without one, so the amicus applicant can still apply there.
  const windowClosed = (row: (typeof allCases)[number]) => !row.amicusWindowClosesOn || row.amicusWindowClosesOn < "2026-11-22";
  for (const [index, row] of allCases.filter((c) => c.publishedAt && windowClosed(c)).entries()) {
    const status = statuses[index % statuses.length]!;
    db.insert(amicusApplications)
      .values({
        id: newId(),
        caseId: row.id,
        applicantId: amicus.id,
        applicantName: "Open Weights Research Collective",
        represents: "Independent researchers",
        interest: "Our members publish open model weights.",
        disclosure: "None",
        fundingDisclosure: "Members' subscriptions",
        declinedToDisclose: false,
        pointsSummary: "Attention-head configurations are common knowledge.",
        whyNotParties: "Neither party publishes open weights.",
        requestedWords: 3000,
        status,
        wordLimit: status === "applied" ? null : 3000,
        briefDueOn: status === "applied" ? null : "2026-12-14",
        briefFiledAt: status === "brief_filed" ? at : null,
        responseDueOn: status === "brief_filed" ? "2026-12-31" : null,
        createdAt: at,
      })
      .run();
  }

  // Accounts a fuzzed admin form may disable without thinning out the demo users the other forms act as.
  const expendableUserIds = [makeUser(db, "caseworker").id, makeUser(db, "party").id, makeUser(db, "amicus", { disabled: true }).id];

  const idsOf = (table: IdTable) => () => db.select({ id: ID_TABLES[table].id }).from(ID_TABLES[table]).all().map((row) => row.id);
  const ids = Object.fromEntries(Object.keys(ID_TABLES).map((table) => [table, idsOf(table as IdTable)])) as Record<IdTable, () => string[]>;
  return {
    db,
    actors,
    ctxFor,
    ids,
    anyId: () => Object.values(ids).flatMap((read) => read()),
    expendableUserIds,
    calendarTokens,
    caseReferences: () => db.select({ reference: cases.reference }).from(cases).all().flatMap((row) => (row.reference ? [row.reference] : [])),
  };
}

/** Runs per property: the default keeps the suite quick; FUZZ_SCALE=10 (say) searches ten times deeper locally. */
export const fuzzRuns = (runs: number): number => Math.max(1, Math.round(runs * Number(process.env.FUZZ_SCALE ?? 1)));

/** A role for one run: mostly those the form is for, sometimes anyone at all (including the signed out). */
export function roleFor(preferred: readonly FuzzRole[]): fc.Arbitrary<FuzzRole> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...preferred) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) });
}
