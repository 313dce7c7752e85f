import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { cases } from "./cases";
import { users } from "./users";

export const CONFIDENTIALITY_LEVELS = ["public", "parties", "restricted"] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const EVIDENCE_STATUSES = ["received", "accepted", "rejected", "withdrawn", "superseded"] as const;

export const evidence = sqliteTable(
  "evidence",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    /** complainant, respondent or regulator: decides the exhibit prefix C-, R- or X-. */
    filingSide: text("filing_side", { enum: ["complainant", "respondent", "regulator"] }).notNull(),
    filedBy: text("filed_by").notNull().references(() => users.id),
    exhibitNumber: text("exhibit_number").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    originalFilename: text("original_filename").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    contentType: text("content_type").notNull(),
    sha256: text("sha256").notNull(),
    confidentiality: text("confidentiality", { enum: CONFIDENTIALITY_LEVELS }).notNull(),
    status: text("status", { enum: EVIDENCE_STATUSES }).notNull(),
    supersedesId: text("supersedes_id"),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [index("evidence_case").on(t.caseId), uniqueIndex("evidence_case_exhibit").on(t.caseId, t.exhibitNumber)],
);

export const AMICUS_STATUSES = ["applied", "granted", "refused", "brief_filed", "brief_accepted", "withdrawn"] as const;

export const amicusApplications = sqliteTable(
  "amicus_applications",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    applicantId: text("applicant_id").notNull().references(() => users.id),
    applicantName: text("applicant_name").notNull(),
    represents: text("represents").notNull(),
    interest: text("interest").notNull(),
    disclosure: text("disclosure"),
    declinedToDisclose: integer("declined_to_disclose", { mode: "boolean" }).notNull(),
    pointsSummary: text("points_summary").notNull(),
    requestedWords: integer("requested_words").notNull(),
    status: text("status", { enum: AMICUS_STATUSES }).notNull(),
    decisionReasons: text("decision_reasons"),
    wordLimit: integer("word_limit"),
    briefEvidenceId: text("brief_evidence_id"),
    createdAt: text("created_at").notNull(),
    decidedAt: text("decided_at"),
  },
  (t) => [index("amicus_case").on(t.caseId), index("amicus_applicant").on(t.applicantId)],
);
