import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { cases } from "./cases";
import { users } from "./users";

export const CONFIDENTIALITY_LEVELS = ["public", "parties", "restricted"] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const EVIDENCE_STATUSES = ["received", "accepted", "rejected", "withdrawn", "superseded"] as const;

/** `amicus`: a brief filed by a third party with the regulator's leave (exhibit prefix A-). */
export const FILING_SIDES = ["complainant", "respondent", "regulator", "amicus"] as const;
export type FilingSide = (typeof FILING_SIDES)[number];

/** One submission of one or more files by one filer: the unit a receipt covers. */
export const evidenceSubmissions = sqliteTable(
  "evidence_submissions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    filingSide: text("filing_side", { enum: FILING_SIDES }).notNull(),
    filedBy: text("filed_by").notNull().references(() => users.id),
    submittedAt: text("submitted_at").notNull(),
  },
  (t) => [index("evidence_submissions_case").on(t.caseId)],
);

export const evidence = sqliteTable(
  "evidence",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    /** complainant, respondent or regulator: decides the exhibit prefix C-, R- or X-. */
    filingSide: text("filing_side", { enum: FILING_SIDES }).notNull(),
    filedBy: text("filed_by").notNull().references(() => users.id),
    submissionId: text("submission_id").references(() => evidenceSubmissions.id),
    exhibitNumber: text("exhibit_number").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** As the filer's computer named it: shown (escaped) and offered on download, never used as a path. */
    originalFilename: text("original_filename").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The sniffed type, never the declared one. */
    contentType: text("content_type").notNull(),
    /** Also the blob's name in content-addressed storage. */
    sha256: text("sha256").notNull(),
    confidentiality: text("confidentiality", { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    status: text("status", { enum: EVIDENCE_STATUSES }).notNull(),
    /** The earlier version this item corrects; that one becomes `superseded`. */
    supersedesId: text("supersedes_id"),
    /** For a non-confidential version: the confidential item it stands in for. */
    nonConfidentialVersionOfId: text("non_confidential_version_of_id"),
    receivedAt: text("received_at").notNull(),
    /** Caseworker review (accept or reject as evidence), with reasons the filer can read. */
    reviewReasons: text("review_reasons"),
    reviewedBy: text("reviewed_by").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    withdrawalReasons: text("withdrawal_reasons"),
    withdrawnBy: text("withdrawn_by").references(() => users.id),
    withdrawnAt: text("withdrawn_at"),
  },
  (t) => [index("evidence_case").on(t.caseId), uniqueIndex("evidence_case_exhibit").on(t.caseId, t.exhibitNumber), index("evidence_sha256").on(t.sha256), index("evidence_submission").on(t.submissionId)],
);

/**
 * A tus upload in progress. Created when the client asks for an upload URL, after the permission
 * check, so every later PATCH can be tied to the user and case that were allowed to start it.
 */
export const uploadSessions = sqliteTable(
  "upload_sessions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    userId: text("user_id").notNull().references(() => users.id),
    filingSide: text("filing_side", { enum: FILING_SIDES }).notNull(),
    /** Purpose-specific context, e.g. the amicus application a brief belongs to. */
    purpose: text("purpose", { enum: ["evidence", "amicus_brief"] }).notNull().default("evidence"),
    originalFilename: text("original_filename").notNull(),
    declaredSize: integer("declared_size").notNull(),
    createdAt: text("created_at").notNull(),
    completedAt: text("completed_at"),
    /** Filled in when the bytes have all arrived, been sniffed, hashed and stored. */
    sha256: text("sha256"),
    contentType: text("content_type"),
    sizeBytes: integer("size_bytes"),
    /** Set once the upload has become an evidence item (or was refused, with the reason). */
    evidenceId: text("evidence_id"),
    refusedReason: text("refused_reason"),
    /** For purpose `amicus_brief`: the granted application the brief is filed under. */
    amicusApplicationId: text("amicus_application_id"),
  },
  (t) => [index("upload_sessions_user").on(t.userId, t.createdAt), index("upload_sessions_created").on(t.createdAt)],
);

export const CHALLENGE_STATUSES = ["open", "upheld", "rejected"] as const;

/** The other party disputes a confidentiality claim; a caseworker decides. */
export const confidentialityChallenges = sqliteTable(
  "confidentiality_challenges",
  {
    id: text("id").primaryKey(),
    evidenceId: text("evidence_id").notNull().references(() => evidence.id),
    caseId: text("case_id").notNull().references(() => cases.id),
    challengedBy: text("challenged_by").notNull().references(() => users.id),
    challengerSide: text("challenger_side", { enum: FILING_SIDES }).notNull(),
    reasons: text("reasons").notNull(),
    status: text("status", { enum: CHALLENGE_STATUSES }).notNull(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReasons: text("decision_reasons"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("confidentiality_challenges_evidence").on(t.evidenceId), uniqueIndex("confidentiality_challenges_one_open").on(t.evidenceId).where(sql`status = 'open'`)],
);

/** A blob whose bytes no longer match its recorded hash, or that is missing. Raised on download or by evidence:verify. */
export const integrityAlerts = sqliteTable(
  "integrity_alerts",
  {
    id: text("id").primaryKey(),
    evidenceId: text("evidence_id").references(() => evidence.id),
    sha256: text("sha256").notNull(),
    problem: text("problem", { enum: ["mismatch", "missing"] }).notNull(),
    actualSha256: text("actual_sha256"),
    detectedBy: text("detected_by", { enum: ["download", "verify"] }).notNull(),
    detectedAt: text("detected_at").notNull(),
  },
  (t) => [index("integrity_alerts_detected").on(t.detectedAt)],
);

/**
 * applied → granted | refused; granted → brief_filed (the brief met the terms of leave and is on the
 * record) | withdrawn. `brief_accepted` is unused and kept only so old rows stay valid.
 */
export const AMICUS_STATUSES = ["applied", "granted", "refused", "brief_filed", "brief_accepted", "withdrawn"] as const;
export type AmicusStatus = (typeof AMICUS_STATUSES)[number];

export const amicusApplications = sqliteTable(
  "amicus_applications",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    applicantId: text("applicant_id").notNull().references(() => users.id),
    /** Who they are (person or body) and whom they represent. */
    applicantName: text("applicant_name").notNull(),
    represents: text("represents").notNull(),
    interest: text("interest").notNull(),
    /** Any relationship with either party, as disclosed; null when they declined to disclose. */
    disclosure: text("disclosure"),
    /** Who funded or contributed to the brief, as disclosed; null when they declined to disclose. */
    fundingDisclosure: text("funding_disclosure"),
    /** Allowed, but shown to the caseworker deciding the application. */
    declinedToDisclose: integer("declined_to_disclose", { mode: "boolean" }).notNull(),
    pointsSummary: text("points_summary").notNull(),
    /** Why the parties will not make these points themselves. */
    whyNotParties: text("why_not_parties").notNull().default(""),
    requestedWords: integer("requested_words").notNull(),
    status: text("status", { enum: AMICUS_STATUSES }).notNull(),
    /** Reasons for granting or refusing, which the applicant reads. */
    decisionReasons: text("decision_reasons"),
    decidedBy: text("decided_by").references(() => users.id),
    /** Set on grant: the most words the brief may have, and the last day to file it (YYYY-MM-DD). */
    wordLimit: integer("word_limit"),
    briefDueOn: text("brief_due_on"),
    briefEvidenceId: text("brief_evidence_id"),
    briefWordCount: integer("brief_word_count"),
    briefFiledAt: text("brief_filed_at"),
    /** The last day (YYYY-MM-DD) the parties may respond to the filed brief. */
    responseDueOn: text("response_due_on"),
    createdAt: text("created_at").notNull(),
    decidedAt: text("decided_at"),
  },
  (t) => [
    index("amicus_case").on(t.caseId),
    index("amicus_applicant").on(t.applicantId),
    // One live application per applicant per case; after a refusal or withdrawal they may apply again.
    uniqueIndex("amicus_one_live_per_applicant").on(t.caseId, t.applicantId).where(sql`status in ('applied', 'granted', 'brief_filed')`),
  ],
);

/** A party's written response to a filed amicus brief. */
export const amicusResponses = sqliteTable(
  "amicus_responses",
  {
    id: text("id").primaryKey(),
    applicationId: text("application_id").notNull().references(() => amicusApplications.id),
    caseId: text("case_id").notNull().references(() => cases.id),
    side: text("side", { enum: ["complainant", "respondent"] }).notNull(),
    filedBy: text("filed_by").notNull().references(() => users.id),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("amicus_responses_application").on(t.applicationId)],
);
