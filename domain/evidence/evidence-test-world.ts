import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, caseParties, cases, evidence, notifications, type CaseStatus, type Confidentiality, type FilingSide } from "@/db/schema";
import { FIXED_NOW, makeOrganisation, makeUser } from "@/db/testing";
import type { Actor } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { EXHIBIT_PREFIX } from "./filing-side";
import type { EvidenceRow } from "./evidence-rules";

/**
 * For tests only: a case between a complainant and a respondent (each through a law firm), an
 * interested party, staff, an amicus and an outsider, and evidence rows written directly so that
 * reading and lifecycle tests do not depend on the upload and submission machinery.
 */
export function makeEvidenceTestWorld(db: Db) {
  const complainantOrg = makeOrganisation(db, "Corvid Labs Ltd");
  const complainantFirm = makeOrganisation(db, "Harrow & Vell LLP");
  const respondentOrg = makeOrganisation(db, "Meridian Cloud Systems Pte Ltd");
  const respondentFirm = makeOrganisation(db, "Ostrander Kemp LLP");
  const interestedOrg = makeOrganisation(db, "Lattice Compute plc");
  const otherFirm = makeOrganisation(db, "Unrelated & Co");
  const people = {
    caseworker: makeUser(db, "caseworker"),
    supervisor: makeUser(db, "supervisor"),
    disabledSupervisor: makeUser(db, "supervisor", { disabled: true }),
    admin: makeUser(db, "admin"),
    complainantLawyer: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    complainantColleague: makeUser(db, "party", { organisationIds: [complainantFirm] }),
    respondentLawyer: makeUser(db, "party", { organisationIds: [respondentFirm] }),
    interestedParty: makeUser(db, "party", { organisationIds: [interestedOrg] }),
    outsider: makeUser(db, "party", { organisationIds: [otherFirm] }),
    amicus: makeUser(db, "amicus"),
  };

  let caseCount = 0;
  function makeCase(options: { status?: CaseStatus; publishedAt?: string | null; assignedTo?: string | null } = {}): string {
    const id = newId();
    const stamp = FIXED_NOW.toISOString();
    db.insert(cases)
      .values({
        id,
        reference: `IPC-2026-${String((caseCount += 1)).padStart(6, "0")}`,
        status: options.status ?? "assessment",
        title: "Corvid Labs v Meridian Cloud",
        complaint: {},
        ipRights: ["trade_secret"],
        technologyTags: [],
        createdBy: people.complainantLawyer.id,
        assignedTo: options.assignedTo ?? null,
        submittedAt: stamp,
        publishedAt: options.publishedAt ?? null,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: complainantOrg, role: "complainant", representativeOrganisationId: complainantFirm, addedAt: stamp }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: respondentOrg, role: "respondent", representativeOrganisationId: respondentFirm, addedAt: stamp }).run();
    db.insert(caseParties).values({ id: newId(), caseId: id, organisationId: interestedOrg, role: "interested_party", addedAt: stamp }).run();
    return id;
  }

  const filerFor: Record<FilingSide, Actor> = { complainant: people.complainantLawyer, respondent: people.respondentLawyer, regulator: people.caseworker, amicus: people.amicus };
  const counters = new Map<string, number>();

  /** An evidence row as a submission leaves it, with the next exhibit number for its side unless given. */
  function makeEvidence(
    caseId: string,
    options: Partial<Pick<EvidenceRow, "title" | "status" | "supersedesId" | "nonConfidentialVersionOfId" | "receivedAt" | "originalFilename" | "exhibitNumber">> & {
      side?: FilingSide;
      confidentiality?: Confidentiality;
      bytes?: Buffer;
    } = {},
  ): EvidenceRow {
    const side = options.side ?? "complainant";
    const prefix = EXHIBIT_PREFIX[side];
    const key = `${caseId}:${prefix}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    const bytes = options.bytes ?? Buffer.from(`Exhibit ${prefix}-${next} of ${caseId}`);
    const row: EvidenceRow = {
      id: newId(),
      caseId,
      filingSide: side,
      filedBy: filerFor[side].id,
      submissionId: null,
      exhibitNumber: options.exhibitNumber ?? `${prefix}-${String(next).padStart(3, "0")}`,
      title: options.title ?? `Document ${prefix}-${next}`,
      description: "A fictional document.",
      originalFilename: options.originalFilename ?? `document-${next}.pdf`,
      sizeBytes: bytes.length,
      contentType: "application/pdf",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      confidentiality: options.confidentiality ?? "parties",
      status: options.status ?? "received",
      supersedesId: options.supersedesId ?? null,
      nonConfidentialVersionOfId: options.nonConfidentialVersionOfId ?? null,
      receivedAt: options.receivedAt ?? FIXED_NOW.toISOString(),
      reviewReasons: null,
      reviewedBy: null,
      reviewedAt: null,
      withdrawalReasons: null,
      withdrawnBy: null,
      withdrawnAt: null,
    };
    db.insert(evidence).values(row).run();
    return row;
  }

  return { people, makeCase, makeEvidence, orgs: { complainantOrg, complainantFirm, respondentOrg, respondentFirm, interestedOrg, otherFirm } };
}

export function auditActions(db: Db, subject: string): string[] {
  return db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.subject, subject))
    .orderBy(auditEvents.seq)
    .all()
    .map((row) => row.action);
}

export function notificationsFor(db: Db, userId: string, kind?: string) {
  return db
    .select()
    .from(notifications)
    .where(kind ? and(eq(notifications.userId, userId), eq(notifications.kind, kind)) : eq(notifications.userId, userId))
    .all();
}

/** The DomainError a call throws; fails the test if it throws nothing or something else. */
export function domainErrorOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but nothing was thrown");
}
