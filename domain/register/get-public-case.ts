import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { amicusApplications, cases, evidence, type FilingSide } from "@/db/schema";
import { canSeeEvidence } from "../access/case-access";
import { DomainError } from "../errors";
import { londonDateOf } from "../deadlines/london-date";
import { PUBLIC_CASE_COLUMNS, publishedDecision, toRegisterItems, type PublicCaseRow, type PublishedDecision, type RegisterItem } from "./register-facts";

/** A bundle can be large; the public page lists a bounded number of items, like the staff view. */
export const PUBLIC_EVIDENCE_LIMIT = 500;
export const PUBLIC_BRIEF_LIMIT = 200;

export interface PublicEvidenceItem {
  id: string;
  exhibitNumber: string;
  title: string;
  description: string;
  filingSide: FilingSide;
  sizeBytes: number;
  contentType: string;
  receivedAt: string;
  downloadHref: string;
}

export interface PublicDisclosure {
  declinedToDisclose: boolean;
  /** Relationships with either party, as disclosed; null when declined. */
  relationships: string | null;
  /** Who funded or contributed to the brief, as disclosed; null when declined. */
  funding: string | null;
  /** The disclosure as one plain-text statement, for feeds and screen readers alike. */
  statement: string;
}

export interface PublicBrief {
  applicationId: string;
  applicantName: string;
  represents: string;
  filedAt: string | null;
  wordCount: number | null;
  disclosure: PublicDisclosure;
  evidenceId: string;
  exhibitNumber: string;
  sizeBytes: number;
  contentType: string;
  downloadHref: string;
}

export type PublicTimelineKind = "received" | "accepted" | "published" | "amicus_window" | "brief_filed" | "decision" | "closed" | "withdrawn";

export interface PublicTimelineEntry {
  key: string;
  kind: PublicTimelineKind;
  label: string;
  /** The UK calendar date of the event (YYYY-MM-DD). */
  on: string;
  detail: string | null;
}

export interface PublicCase {
  facts: RegisterItem;
  publicSummary: string;
  decision: PublishedDecision | null;
  timeline: PublicTimelineEntry[];
  evidence: PublicEvidenceItem[];
  briefs: PublicBrief[];
}

export const DECLINED_DISCLOSURE_STATEMENT = "The applicant declined to disclose any relationship with the parties or who funded the brief.";

const caseNotFound = () => new DomainError("not_found", "The case could not be found.");
const downloadHref = (evidenceId: string) => `/api/evidence/${encodeURIComponent(evidenceId)}/download`;

export function disclosureOf(application: { declinedToDisclose: boolean; disclosure: string | null; fundingDisclosure: string | null }): PublicDisclosure {
  if (application.declinedToDisclose) return { declinedToDisclose: true, relationships: null, funding: null, statement: DECLINED_DISCLOSURE_STATEMENT };
  const relationships = application.disclosure?.trim() || "None disclosed.";
  const funding = application.fundingDisclosure?.trim() || "None disclosed.";
  return { declinedToDisclose: false, relationships, funding, statement: `Relationships with the parties: ${relationships}\nFunding: ${funding}` };
}

/** Order of events that fall on the same day, oldest first. */
const KIND_ORDER: PublicTimelineKind[] = ["received", "accepted", "published", "brief_filed", "amicus_window", "decision", "closed", "withdrawn"];

/**
 * The public history of a case, built only from facts the register already publishes. It is never
 * drawn from the audit trail or notes, whose entries carry reasons and names meant for staff.
 */
function publicTimeline(row: PublicCaseRow, decision: PublishedDecision | null, briefs: PublicBrief[], today: string): PublicTimelineEntry[] {
  const dateOf = (instant: string) => londonDateOf(new Date(instant));
  const entries: PublicTimelineEntry[] = [];
  if (row.submittedAt) entries.push({ key: "received", kind: "received", label: "Complaint received", on: dateOf(row.submittedAt), detail: null });
  if (row.acceptedOn) entries.push({ key: "accepted", kind: "accepted", label: "Complaint accepted", on: row.acceptedOn, detail: null });
  if (row.publishedAt) entries.push({ key: "published", kind: "published", label: "Published on the register", on: dateOf(row.publishedAt), detail: null });
  if (row.amicusWindowClosesOn) {
    const closed = row.amicusWindowClosesOn < today;
    entries.push({
      key: "amicus-window",
      kind: "amicus_window",
      label: closed ? "Amicus window closed" : "Amicus window closes",
      on: row.amicusWindowClosesOn,
      detail: closed ? null : "Third parties may apply for leave to file an amicus brief until the end of this day.",
    });
  }
  for (const brief of briefs) {
    if (brief.filedAt) entries.push({ key: `brief-${brief.applicationId}`, kind: "brief_filed", label: "Amicus brief filed", on: dateOf(brief.filedAt), detail: `Filed by ${brief.applicantName}, representing ${brief.represents}.` });
  }
  if (decision?.decidedAt) entries.push({ key: "decision", kind: "decision", label: `Decision: ${decision.label.toLowerCase()}`, on: dateOf(decision.decidedAt), detail: null });
  if (row.closedAt && row.status === "closed") entries.push({ key: "closed", kind: "closed", label: "Case closed", on: dateOf(row.closedAt), detail: null });
  if (row.closedAt && row.status === "withdrawn") entries.push({ key: "withdrawn", kind: "withdrawn", label: "Complaint withdrawn", on: dateOf(row.closedAt), detail: null });
  // Newest first, like every other timeline in the service.
  return entries.sort((a, b) => (a.on === b.on ? KIND_ORDER.indexOf(b.kind) - KIND_ORDER.indexOf(a.kind) : a.on < b.on ? 1 : -1));
}

/**
 * One case as the public register shows it, by reference: `not_found` unless it is published. Only
 * accepted public evidence, and briefs whose filed document is itself accepted public evidence.
 */
export function getPublicCase(db: DbOrTx, now: Date, reference: string): PublicCase {
  if (typeof reference !== "string" || reference.length === 0 || reference.length > 50) throw caseNotFound();
  const row: PublicCaseRow | undefined = db
    .select(PUBLIC_CASE_COLUMNS)
    .from(cases)
    .where(and(eq(cases.reference, reference), isNotNull(cases.publishedAt), ne(cases.status, "draft")))
    .get();
  if (!row) throw caseNotFound();

  const isPublic = (item: { confidentiality: "public" | "parties" | "restricted"; filingSide: FilingSide; status: "received" | "accepted" | "rejected" | "withdrawn" | "superseded" }) =>
    canSeeEvidence(null, [], { confidentiality: item.confidentiality, filingSide: item.filingSide, status: item.status, casePublished: true });

  const evidenceRows = db
    .select({
      id: evidence.id,
      exhibitNumber: evidence.exhibitNumber,
      title: evidence.title,
      description: evidence.description,
      filingSide: evidence.filingSide,
      sizeBytes: evidence.sizeBytes,
      contentType: evidence.contentType,
      receivedAt: evidence.receivedAt,
      confidentiality: evidence.confidentiality,
      status: evidence.status,
    })
    .from(evidence)
    // Briefs are listed with their applicant and disclosure below, not as bare exhibits.
    .where(and(eq(evidence.caseId, row.id), eq(evidence.confidentiality, "public"), eq(evidence.status, "accepted"), ne(evidence.filingSide, "amicus")))
    .orderBy(asc(evidence.exhibitNumber))
    .limit(PUBLIC_EVIDENCE_LIMIT)
    .all();
  const publicEvidence: PublicEvidenceItem[] = evidenceRows.filter(isPublic).map(({ confidentiality: _c, status: _s, ...item }) => ({ ...item, downloadHref: downloadHref(item.id) }));

  const briefRows = db
    .select({
      applicationId: amicusApplications.id,
      applicantName: amicusApplications.applicantName,
      represents: amicusApplications.represents,
      filedAt: amicusApplications.briefFiledAt,
      wordCount: amicusApplications.briefWordCount,
      declinedToDisclose: amicusApplications.declinedToDisclose,
      disclosure: amicusApplications.disclosure,
      fundingDisclosure: amicusApplications.fundingDisclosure,
      evidenceId: evidence.id,
      exhibitNumber: evidence.exhibitNumber,
      sizeBytes: evidence.sizeBytes,
      contentType: evidence.contentType,
      confidentiality: evidence.confidentiality,
      filingSide: evidence.filingSide,
      status: evidence.status,
    })
    .from(amicusApplications)
    .innerJoin(evidence, and(eq(evidence.id, amicusApplications.briefEvidenceId), eq(evidence.caseId, amicusApplications.caseId)))
    .where(and(eq(amicusApplications.caseId, row.id), eq(amicusApplications.status, "brief_filed"), eq(evidence.status, "accepted"), eq(evidence.confidentiality, "public")))
    .orderBy(asc(amicusApplications.briefFiledAt), asc(amicusApplications.id))
    .limit(PUBLIC_BRIEF_LIMIT)
    .all();
  const briefs: PublicBrief[] = briefRows.filter(isPublic).map((brief) => ({
    applicationId: brief.applicationId,
    applicantName: brief.applicantName,
    represents: brief.represents,
    filedAt: brief.filedAt,
    wordCount: brief.wordCount,
    disclosure: disclosureOf(brief),
    evidenceId: brief.evidenceId,
    exhibitNumber: brief.exhibitNumber,
    sizeBytes: brief.sizeBytes,
    contentType: brief.contentType,
    downloadHref: downloadHref(brief.evidenceId),
  }));

  const decision = publishedDecision(row);
  const [facts] = toRegisterItems(db, now, [row]);
  return {
    facts: facts!,
    publicSummary: row.publicSummary ?? "",
    decision,
    timeline: publicTimeline(row, decision, briefs, londonDateOf(now)),
    evidence: publicEvidence,
    briefs,
  };
}
