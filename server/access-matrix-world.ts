import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import {
  amicusApplications,
  auditEvents,
  cases,
  deadlines,
  evidence,
  evidenceSubmissions,
  informationRequests,
  mailOutbox,
  organisationMembers,
  users,
  type Confidentiality,
  type FilingSide,
} from "@/db/schema";
import { FIXED_NOW, makeUser, testCtx } from "@/db/testing";
import { seedDemoData } from "@/db/seed/seed-demo";
import type { Actor } from "@/domain/context";
import { newId } from "@/domain/ids";
import { addCaseNote } from "@/domain/cases/add-case-note";
import { proposeDecision } from "@/domain/cases/propose-decision";
import { stopClock } from "@/domain/deadlines/stop-clock";
import { challengeConfidentiality } from "@/domain/evidence/challenge-confidentiality";
import { createCalendarFeed } from "@/domain/calendar/create-calendar-feed";
import { revokeCalendarFeed } from "@/domain/calendar/revoke-calendar-feed";
import { notifyUser } from "@/domain/notifications/notify";
import { writeTransaction } from "@/domain/transaction";
import { startComplaint } from "@/domain/complaints/start-complaint";

/**
 * For the access matrix only: the demo data (db/seed) plus one of everything a user could guess the
 * id of — evidence of every confidentiality from each side, receipts, amicus applications in each
 * state, a note, a proposal, a challenge, an information request, calendar feeds, a notification and
 * a failed mail — so every page, route and verb can be asked about a real id and a made-up one.
 *
 * The seven columns of the matrix. "Party of case A" acts for the complainant (Harrow & Vell) and
 * "party of case B" for the respondent (Ostrander Kemp): both act on the flagship, but case A
 * ("Distilled chat model…") has only Harrow on it and case B ("Sensor-fusion firmware…") only
 * Ostrander, so each is a stranger to the other's case.
 */
export const MATRIX_ROLES = ["signedOut", "partyA", "partyB", "amicus", "caseworker", "supervisor", "admin"] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

const DEMO_EMAILS: Record<Exclude<MatrixRole, "signedOut">, string> = {
  partyA: "complainant@ipcasework.test",
  partyB: "respondent@ipcasework.test",
  amicus: "amicus@ipcasework.test",
  caseworker: "caseworker@ipcasework.test",
  supervisor: "supervisor@ipcasework.test",
  admin: "admin@ipcasework.test",
};

export const TITLES = {
  flagship: "attention-head configuration",
  caseA: "Distilled chat model trained on outputs of a proprietary model",
  caseB: "Sensor-fusion firmware in imported drones",
  triage: "Medical imaging dataset annotations",
  awaitingInformation: "Fine-tuning recipe for code assistants disclosed in a preprint",
  safety: "Safety evaluation suite republished as a commercial product",
  tokeniser: "Tokeniser vocabulary and merges copied",
  draft: "Draft: vector-database index format copied",
} as const;

export interface WorldEvidence {
  id: string;
  caseId: string;
  bytes: Buffer;
  submissionId: string | null;
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

/** A made-up id in the same shape as a real one. */
export const guessedId = (): string => newId();
/** A made-up calendar token in the same shape as a real one (43 base64url characters). */
export const guessedFeedToken = (): string => randomBytes(32).toString("base64url");

function actorByEmail(db: Db, email: string): Actor {
  const user = db.select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no seeded user ${email}`);
  const organisationIds = db.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, user.id)).all().map((r) => r.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, organisationIds, emailVerified: user.emailVerifiedAt !== null };
}

function caseByTitle(db: Db, fragment: string): { id: string; reference: string | null } {
  const row = db
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(sql`${cases.title} like ${`%${fragment}%`}`)
    .get();
  if (!row) throw new Error(`no seeded case titled like ${fragment}`);
  return row;
}

const tokenOf = (url: string) => url.split("/").pop()!.replace(/\.ics$/, "");

/** Builds the world on a freshly migrated database; blobs go under `blobsRoot` as the LocalBlobStore lays them out. */
export async function buildAccessWorld(db: Db, blobsRoot: string) {
  await seedDemoData(db, FIXED_NOW);
  const actors: Record<MatrixRole, Actor | null> = {
    signedOut: null,
    partyA: actorByEmail(db, DEMO_EMAILS.partyA),
    partyB: actorByEmail(db, DEMO_EMAILS.partyB),
    amicus: actorByEmail(db, DEMO_EMAILS.amicus),
    caseworker: actorByEmail(db, DEMO_EMAILS.caseworker),
    supervisor: actorByEmail(db, DEMO_EMAILS.supervisor),
    admin: actorByEmail(db, DEMO_EMAILS.admin),
  };
  const actor = (role: Exclude<MatrixRole, "signedOut">) => actors[role]!;
  const caseworker2 = actorByEmail(db, "caseworker2@ipcasework.test");
  const otherAmicus = makeUser(db, "amicus", { email: "another-amicus@example.test" });

  const flagship = caseByTitle(db, TITLES.flagship);
  const caseA = caseByTitle(db, TITLES.caseA);
  const caseB = caseByTitle(db, TITLES.caseB);
  const triage = caseByTitle(db, TITLES.triage);
  const awaitingInformation = caseByTitle(db, TITLES.awaitingInformation);
  const safety = caseByTitle(db, TITLES.safety);
  const tokeniser = caseByTitle(db, TITLES.tokeniser);
  const seededDraft = caseByTitle(db, TITLES.draft);

  const at = FIXED_NOW.toISOString();
  const exhibitCounters = new Map<string, number>();
  const prefix: Record<FilingSide, string> = { complainant: "C", respondent: "R", regulator: "X", amicus: "A" };
  const filer: Record<FilingSide, Actor> = { complainant: actor("partyA"), respondent: actor("partyB"), regulator: actor("caseworker"), amicus: actor("amicus") };

  function submission(caseId: string, side: FilingSide): string {
    const id = newId();
    db.insert(evidenceSubmissions).values({ id, caseId, filingSide: side, filedBy: filer[side].id, submittedAt: at }).run();
    return id;
  }

  /** An item as a submission leaves it, its bytes stored where the blob store will look for them. */
  function item(caseId: string, side: FilingSide, confidentiality: Confidentiality, status: "received" | "accepted" | "withdrawn", submissionId: string | null = null): WorldEvidence {
    const key = `${caseId}:${side}`;
    const n = (exhibitCounters.get(key) ?? 0) + 1;
    exhibitCounters.set(key, n);
    const exhibitNumber = `${prefix[side]}-${String(n).padStart(3, "0")}`;
    const bytes = Buffer.from(`%PDF-1.4\n% ${exhibitNumber} (${confidentiality}, ${status}) on ${caseId}\n`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    fs.mkdirSync(path.join(blobsRoot, sha256.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(blobsRoot, sha256.slice(0, 2), sha256), bytes);
    const id = newId();
    db.insert(evidence)
      .values({
        id,
        caseId,
        filingSide: side,
        filedBy: filer[side].id,
        submissionId,
        exhibitNumber,
        title: `${exhibitNumber}: a fictional ${confidentiality} document`,
        description: "Invented for the access matrix.",
        originalFilename: `${exhibitNumber}.pdf`,
        sizeBytes: bytes.length,
        contentType: "application/pdf",
        sha256,
        confidentiality,
        status,
        receivedAt: at,
        withdrawalReasons: status === "withdrawn" ? "Filed in error." : null,
        withdrawnBy: status === "withdrawn" ? filer[side].id : null,
        withdrawnAt: status === "withdrawn" ? at : null,
      })
      .run();
    return { id, caseId, bytes, submissionId };
  }

  const flagshipComplainantSubmission = submission(flagship.id, "complainant");
  const caseBRespondentSubmission = submission(caseB.id, "respondent");
  const evidenceItems = {
    flagshipRestrictedComplainant: item(flagship.id, "complainant", "restricted", "received", flagshipComplainantSubmission),
    flagshipPartiesComplainant: item(flagship.id, "complainant", "parties", "received", flagshipComplainantSubmission),
    flagshipPublicReceivedComplainant: item(flagship.id, "complainant", "public", "received"),
    flagshipWithdrawnComplainant: item(flagship.id, "complainant", "parties", "withdrawn"),
    flagshipRestrictedRespondent: item(flagship.id, "respondent", "restricted", "received"),
    flagshipPublicAcceptedRespondent: item(flagship.id, "respondent", "public", "accepted"),
    caseAPublicAccepted: item(caseA.id, "complainant", "public", "accepted"),
    caseAParties: item(caseA.id, "complainant", "parties", "received"),
    caseARestricted: item(caseA.id, "complainant", "restricted", "received"),
    caseBPublicAccepted: item(caseB.id, "respondent", "public", "accepted", caseBRespondentSubmission),
    brief: item(safety.id, "amicus", "public", "accepted"),
  };

  const application = (caseId: string, applicant: Actor, status: "applied" | "granted" | "brief_filed", extra: Partial<typeof amicusApplications.$inferInsert> = {}) => {
    const id = newId();
    db.insert(amicusApplications)
      .values({
        id,
        caseId,
        applicantId: applicant.id,
        applicantName: `Applicant ${applicant.email}`,
        represents: "Open researchers",
        interest: "How trade secrets apply to model architectures.",
        disclosure: "None",
        fundingDisclosure: "None",
        declinedToDisclose: false,
        pointsSummary: "Attention-head layouts are widely published.",
        whyNotParties: "Neither party speaks for open research.",
        requestedWords: 3000,
        status,
        createdAt: at,
        ...extra,
      })
      .run();
    return id;
  };
  const applications = {
    /** The amicus's brief, filed and on the register; the respondent (party B) may answer it. */
    filedOnSafety: application(safety.id, actor("amicus"), "brief_filed", {
      decidedBy: actor("caseworker").id,
      decidedAt: at,
      decisionReasons: "Helpful.",
      wordLimit: 5000,
      briefDueOn: "2026-12-14",
      briefEvidenceId: evidenceItems.brief.id,
      briefWordCount: 1200,
      briefFiledAt: at,
      responseDueOn: "2026-12-20",
    }),
    /** Leave granted, brief not yet filed: only its applicant may file under it. */
    grantedOnTokeniser: application(tokeniser.id, actor("amicus"), "granted", { decidedBy: actor("caseworker").id, decidedAt: at, decisionReasons: "Helpful.", wordLimit: 5000, briefDueOn: "2026-12-14" }),
    /** Waiting for a decision on case A, which the caseworker is assigned and cleared on. */
    appliedOnCaseA: application(caseA.id, actor("amicus"), "applied"),
    /** Another amicus user's application: the demo amicus must not reach it by guessing. */
    otherApplicantOnFlagship: application(flagship.id, otherAmicus, "applied"),
  };

  const ctxOf = (role: Exclude<MatrixRole, "signedOut">) => testCtx(db, actor(role));

  addCaseNote(ctxOf("caseworker"), { caseId: flagship.id, body: "Internal: check the engineer's start date." });
  const noteId = db.select({ id: schema.caseNotes.id }).from(schema.caseNotes).where(eq(schema.caseNotes.caseId, flagship.id)).get()!.id;
  const proposalId = proposeDecision(ctxOf("caseworker"), { caseId: flagship.id, decision: "case_to_answer", reasons: "The material matches." });
  const { challengeId } = challengeConfidentiality(ctxOf("partyB"), { evidenceId: evidenceItems.flagshipRestrictedComplainant.id, reasons: "It was published in 2025." });

  const clockOf = (caseId: string) => db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.ruleId, "case-to-answer"))).get()!;
  const flagshipClock = clockOf(flagship.id);
  const caseAClock = clockOf(caseA.id);
  stopClock(ctxOf("caseworker"), { deadlineId: caseAClock.id, reason: "Waiting for the expert report." });

  const informationRequestId = newId();
  db.insert(informationRequests).values({ id: informationRequestId, caseId: awaitingInformation.id, questions: "When did the engineer leave?", sentOn: "2026-11-12", sentBy: actor("caseworker").id, sentAt: at }).run();

  // A personal feed for everyone signed in (so each may turn theirs off), a case feed, and one turned off.
  const personalFeeds: Partial<Record<MatrixRole, string>> = {};
  for (const role of MATRIX_ROLES) if (role !== "signedOut") personalFeeds[role] = tokenOf(createCalendarFeed(ctxOf(role), {}).url);
  const caseFeedToken = tokenOf(createCalendarFeed(ctxOf("caseworker"), { caseId: flagship.id }).url);
  const revokedFeedToken = tokenOf(createCalendarFeed(ctxOf("caseworker"), { caseId: caseA.id }).url);
  revokeCalendarFeed(ctxOf("caseworker"), { caseId: caseA.id });

  const notifyComplainant = () =>
    writeTransaction(db, (tx) =>
      notifyUser(tx, { now: FIXED_NOW }, { userId: actor("partyA").id, caseId: flagship.id, kind: "case.accepted", title: "Complaint accepted", body: "Accepted.", link: `/portal/cases/${flagship.id}` }),
    );
  const notifications = { followed: notifyComplainant(), markedRead: notifyComplainant() };

  // The seeded draft has parties (which a real draft never has), so it cannot be deleted: start a real one.
  const { id: draftId } = startComplaint(ctxOf("partyA"));

  const failedMailId = newId();
  db.insert(mailOutbox).values({ id: failedMailId, toAddress: "someone@example.test", subject: "Undeliverable", body: "Hello", status: "failed", attempts: 5, lastError: "550 mailbox unavailable", createdAt: at }).run();

  // Clones are deserialised in memory, where a WAL header would make them unusable.
  db.$client.pragma("journal_mode = DELETE");

  return {
    actors,
    caseworker2,
    otherAmicus,
    cases: { flagship, caseA, caseB, triage, awaitingInformation, safety, tokeniser, seededDraft, draft: { id: draftId, reference: null } },
    evidence: evidenceItems,
    submissions: { flagshipComplainant: flagshipComplainantSubmission, caseBRespondent: caseBRespondentSubmission },
    applications,
    noteId,
    proposalId,
    challengeId,
    clocks: { flagship: flagshipClock.id, caseAStopped: caseAClock.id },
    informationRequestId,
    feeds: { personal: personalFeeds as Record<Exclude<MatrixRole, "signedOut">, string>, flagshipCase: caseFeedToken, revoked: revokedFeedToken },
    notifications,
    failedMailId,
  };
}

/** An independent in-memory copy of a serialised world, so each cell of the matrix starts from the same place. */
export function cloneDb(snapshot: Buffer): Db {
  const sqlite = new Database(snapshot);
  sqlite.pragma("foreign_keys = ON");
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Everything a write could leave behind: row changes made on this connection (rolled back ones
 * included, so a write attempted and then undone still shows), the audit chain's length, and the
 * row count of every table.
 */
export function writeFingerprint(db: Db): { changes: number; audit: number; rows: Record<string, number> } {
  const changes = (db.$client.prepare("select total_changes() as n").get() as { n: number }).n;
  const audit = db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()!.n;
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'case_search%'").all() as { name: string }[];
  const rows: Record<string, number> = {};
  for (const { name } of tables) rows[name] = (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
  return { changes, audit, rows };
}
