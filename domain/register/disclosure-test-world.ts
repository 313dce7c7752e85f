import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  amicusApplications,
  amicusResponses,
  caseNotes,
  cases,
  clockEvents,
  confidentialityChallenges,
  conflictDeclarations,
  CONFIDENTIALITY_LEVELS,
  deadlines,
  decisionProposals,
  EVIDENCE_STATUSES,
  evidence,
  informationRequests,
  mailOutbox,
  notifications,
  type AmicusStatus,
  type Confidentiality,
  type FilingSide,
} from "@/db/schema";
import { FIXED_NOW, makeUser } from "@/db/testing";
import type { Actor } from "../context";
import { recordAudit } from "../audit/record";
import { newId } from "../ids";
import { makeRegisterWorld } from "./register-test-world";

type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * For tests only: one published case holding every kind of thing the system records about a case,
 * each text field carrying a marker. Markers starting PUBLIC- belong on the register; every other
 * marker starts SECRET-, so a test can also check that no "SECRET" appears anywhere at all.
 */
export function makeCaseWithEverything(db: Db) {
  const world = makeRegisterWorld(db);
  const { caseworker, supervisor, party } = world.people;
  const at = FIXED_NOW.toISOString();
  const publicMarkers: string[] = [];
  const secretMarkers: string[] = [];
  const pub = (marker: string) => (publicMarkers.push(marker), marker);
  const secret = (marker: string) => (secretMarkers.push(marker), marker);

  const { id: caseId, reference } = world.makePublishedCase({
    reference: "IPC-2026-004242",
    title: pub("PUBLIC-CASE-TITLE"),
    complainant: pub("PUBLIC-COMPLAINANT-NAME"),
    respondent: pub("PUBLIC-RESPONDENT-NAME"),
    publicSummary: `${pub("PUBLIC-SUMMARY-FIRST-LINE")}\n\n${pub("PUBLIC-SUMMARY-SECOND-PARAGRAPH")}`,
    status: "decided",
    decision: "case_to_answer",
    decisionReasons: pub("PUBLIC-DECISION-REASONS"),
    decidedAt: "2026-11-21T15:00:00.000Z",
    complaint: { description: secret("SECRET-COMPLAINT-TEXT"), evidence: [secret("SECRET-COMPLAINT-LIST-ITEM")] },
  });
  // Columns a published case may carry but the register must never show.
  db.update(cases)
    .set({
      technologyTags: [secret("SECRET-TECHNOLOGY-TAG")],
      rejectionReasons: secret("SECRET-REJECTION-REASONS"),
      withdrawalReasons: secret("SECRET-WITHDRAWAL-REASONS"),
      serviceMethod: secret("SECRET-SERVICE-METHOD"),
      assignedTo: caseworker.id,
    })
    .where(eq(cases.id, caseId))
    .run();

  // The firms acting for the parties and the interested party: on the case, not on the register.
  db.$client.prepare("UPDATE organisations SET name = ? WHERE name LIKE 'Complainant Firm %'").run(secret("SECRET-COMPLAINANT-FIRM"));
  db.$client.prepare("UPDATE organisations SET name = ? WHERE name LIKE 'Respondent Firm %'").run(secret("SECRET-RESPONDENT-FIRM"));
  db.$client.prepare("UPDATE organisations SET name = ? WHERE name LIKE 'Interested Party %'").run(secret("SECRET-INTERESTED-PARTY"));

  const amicusUser = (n: number): Actor => makeUser(db, "amicus", { email: `secret-amicus-${n}@example.test` });
  const filers: Record<FilingSide, Actor> = { complainant: party, respondent: party, regulator: caseworker, amicus: amicusUser(0) };
  const exhibitCounters = new Map<string, number>();
  const PREFIX: Record<FilingSide, string> = { complainant: "C", respondent: "R", regulator: "X", amicus: "A" };

  function addEvidence(side: FilingSide, confidentiality: Confidentiality, status: EvidenceStatus, marker: (field: string) => string, filer: Actor = filers[side]) {
    const next = (exhibitCounters.get(side) ?? 0) + 1;
    exhibitCounters.set(side, next);
    const id = newId();
    const bytes = `bytes of ${id}`;
    db.insert(evidence)
      .values({
        id,
        caseId,
        filingSide: side,
        filedBy: filer.id,
        exhibitNumber: `${PREFIX[side]}-${String(next).padStart(3, "0")}`,
        title: marker("TITLE"),
        description: marker("DESCRIPTION"),
        originalFilename: `${secret(`SECRET-FILENAME-${side}-${confidentiality}-${status}-${next}`)}.pdf`,
        sizeBytes: bytes.length,
        contentType: "application/pdf",
        sha256: createHash("sha256").update(bytes).digest("hex"),
        confidentiality,
        status,
        receivedAt: "2026-11-15T10:00:00.000Z",
        reviewReasons: secret(`SECRET-REVIEW-REASONS-${side}-${confidentiality}-${status}-${next}`),
        reviewedBy: status === "received" ? null : caseworker.id,
        reviewedAt: status === "received" ? null : at,
        withdrawalReasons: status === "withdrawn" ? secret(`SECRET-EVIDENCE-WITHDRAWAL-${side}-${confidentiality}-${next}`) : null,
        withdrawnBy: status === "withdrawn" ? caseworker.id : null,
        withdrawnAt: status === "withdrawn" ? at : null,
      })
      .run();
    return id;
  }

  // Every side, every confidentiality level, every status: only public and accepted belongs on the register.
  const publicEvidenceIds: string[] = [];
  for (const side of ["complainant", "respondent", "regulator"] as const) {
    for (const confidentiality of CONFIDENTIALITY_LEVELS) {
      for (const status of EVIDENCE_STATUSES) {
        const isPublic = confidentiality === "public" && status === "accepted";
        const label = `${side}-${confidentiality}-${status}`;
        const id = addEvidence(side, confidentiality, status, (field) => (isPublic ? pub(`PUBLIC-EVIDENCE-${label}-${field}`) : secret(`SECRET-EVIDENCE-${label}-${field}`)));
        if (isPublic) publicEvidenceIds.push(id);
      }
    }
  }

  // A confidentiality challenge, decided and open, on a restricted item.
  const restrictedId = db.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.caseId, caseId), eq(evidence.confidentiality, "restricted"), eq(evidence.status, "accepted"))).get()!.id;
  db.insert(confidentialityChallenges)
    .values({ id: newId(), evidenceId: restrictedId, caseId, challengedBy: party.id, challengerSide: "respondent", reasons: secret("SECRET-CHALLENGE-REASONS"), status: "rejected", decidedBy: caseworker.id, decidedAt: at, decisionReasons: secret("SECRET-CHALLENGE-DECISION"), createdAt: at })
    .run();

  // Amicus applications in every status. Names of applicants who are not on the register are secret too.
  const briefDownloads: string[] = [];
  function addApplication(n: number, status: AmicusStatus, options: { visible: boolean; declined?: boolean; brief?: { status: EvidenceStatus; confidentiality: Confidentiality } }) {
    const mark = (field: string, shown: boolean) => (options.visible && shown ? pub(`PUBLIC-AMICUS-${n}-${field}`) : secret(`SECRET-AMICUS-${n}-${status}-${field}`));
    const applicant = amicusUser(n);
    const briefId = options.brief
      ? addEvidence("amicus", options.brief.confidentiality, options.brief.status, (field) => secret(`SECRET-BRIEF-${n}-${field}`), applicant)
      : null;
    if (briefId && options.visible) briefDownloads.push(`/api/evidence/${briefId}/download`);
    db.insert(amicusApplications)
      .values({
        id: newId(),
        caseId,
        applicantId: applicant.id,
        applicantName: mark("APPLICANT-NAME", true),
        represents: mark("REPRESENTS", true),
        interest: mark("INTEREST", false),
        disclosure: options.declined ? null : mark("DISCLOSURE", true),
        fundingDisclosure: options.declined ? null : mark("FUNDING", true),
        declinedToDisclose: options.declined ?? false,
        pointsSummary: mark("POINTS-SUMMARY", false),
        whyNotParties: mark("WHY-NOT-PARTIES", false),
        requestedWords: 5000,
        status,
        decisionReasons: status === "applied" ? null : mark("DECISION-REASONS", false),
        decidedBy: status === "applied" ? null : caseworker.id,
        wordLimit: status === "applied" || status === "refused" ? null : 5000,
        briefDueOn: status === "applied" || status === "refused" ? null : "2026-12-01",
        briefEvidenceId: briefId,
        briefWordCount: briefId ? 4321 + n : null,
        briefFiledAt: briefId ? `2026-11-2${n % 2}T09:00:00.000Z` : null,
        responseDueOn: briefId ? "2026-12-05" : null,
        createdAt: "2026-11-20T12:00:00.000Z",
        decidedAt: status === "applied" ? null : at,
      })
      .run();
  }
  addApplication(1, "applied", { visible: false });
  addApplication(2, "granted", { visible: false });
  addApplication(3, "refused", { visible: false });
  addApplication(4, "withdrawn", { visible: false });
  addApplication(5, "brief_filed", { visible: true, brief: { status: "accepted", confidentiality: "public" } });
  addApplication(6, "brief_filed", { visible: true, declined: true, brief: { status: "accepted", confidentiality: "public" } });
  addApplication(7, "brief_filed", { visible: false, brief: { status: "withdrawn", confidentiality: "public" } });
  addApplication(8, "brief_filed", { visible: false, brief: { status: "received", confidentiality: "public" } });
  addApplication(9, "brief_filed", { visible: false, brief: { status: "accepted", confidentiality: "parties" } });
  addApplication(10, "brief_accepted", { visible: false, brief: { status: "accepted", confidentiality: "public" } });
  // A brief item filed on the case with no filed application behind it.
  addEvidence("amicus", "public", "accepted", (field) => secret(`SECRET-ORPHAN-BRIEF-${field}`));
  const filedApplication = db.select({ id: amicusApplications.id }).from(amicusApplications).where(and(eq(amicusApplications.caseId, caseId), eq(amicusApplications.status, "brief_filed"))).get()!;
  db.insert(amicusResponses).values({ id: newId(), applicationId: filedApplication.id, caseId, side: "respondent", filedBy: party.id, body: secret("SECRET-AMICUS-RESPONSE"), createdAt: at }).run();

  // The regulator's internal record.
  db.insert(caseNotes).values({ id: newId(), caseId, authorId: caseworker.id, body: secret("SECRET-CASE-NOTE"), createdAt: at }).run();
  db.insert(informationRequests)
    .values({ id: newId(), caseId, questions: secret("SECRET-INFORMATION-QUESTIONS"), sentOn: "2026-10-02", sentBy: caseworker.id, sentAt: "2026-10-02T10:00:00.000Z", response: secret("SECRET-INFORMATION-RESPONSE"), respondedBy: party.id, respondedAt: "2026-10-03T10:00:00.000Z" })
    .run();
  db.insert(conflictDeclarations).values({ id: newId(), caseId, userId: caseworker.id, hasConflict: true, details: secret("SECRET-CONFLICT-DETAILS"), declaredAt: at }).run();
  db.insert(decisionProposals)
    .values({ id: newId(), caseId, decision: "no_case_to_answer", reasons: secret("SECRET-RETURNED-PROPOSAL-REASONS"), status: "returned", proposedBy: caseworker.id, proposedAt: at, reviewedBy: supervisor.id, reviewedAt: at, reviewNote: secret("SECRET-REVIEW-NOTE") })
    .run();
  db.insert(decisionProposals).values({ id: newId(), caseId, decision: "no_case_to_answer", reasons: secret("SECRET-PENDING-PROPOSAL-REASONS"), status: "proposed", proposedBy: caseworker.id, proposedAt: at }).run();
  const deadline = db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).get()!;
  db.update(deadlines).set({ label: secret("SECRET-DEADLINE-LABEL") }).where(eq(deadlines.id, deadline.id)).run();
  db.insert(clockEvents).values({ id: newId(), deadlineId: deadline.id, caseId, kind: "stop", effectiveOn: "2026-10-02", reason: secret("SECRET-CLOCK-STOP-REASON"), actorId: caseworker.id, at }).run();
  db.insert(notifications).values({ id: newId(), userId: party.id, caseId, kind: "case.note", title: secret("SECRET-NOTIFICATION-TITLE"), body: secret("SECRET-NOTIFICATION-BODY"), createdAt: at }).run();
  db.insert(mailOutbox).values({ id: newId(), toAddress: party.email, subject: secret("SECRET-MAIL-SUBJECT"), body: secret("SECRET-MAIL-BODY"), status: "sent", createdAt: at }).run();
  recordAudit(db, { actor: caseworker, now: FIXED_NOW }, { action: "case.note_added", caseId, subject: `case:${caseId}`, data: { note: secret("SECRET-AUDIT-DATA") } });

  // Cases that are not on the register at all, however public their text looks.
  world.makeCase({ reference: "IPC-2026-004243", title: secret("SECRET-UNPUBLISHED-TITLE"), publicSummary: secret("SECRET-UNPUBLISHED-SUMMARY"), complainant: secret("SECRET-UNPUBLISHED-PARTY") });
  world.makeCase({ reference: "IPC-2026-004244", status: "draft", acceptedOn: null, publishedAt: at, title: secret("SECRET-DRAFT-TITLE"), publicSummary: secret("SECRET-DRAFT-SUMMARY") });

  const staffAndParties = [caseworker, supervisor, party, world.people.admin, world.people.amicus].flatMap((user) => [user.email, user.name]);
  return { caseId, reference, publicMarkers, secretMarkers, publicEvidenceIds, briefDownloads, staffAndParties };
}
