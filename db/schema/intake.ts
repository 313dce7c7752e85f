import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { cases } from "./cases";
import { organisations, users } from "./users";

/** One-time links sent by email. Only a hash of the token is stored. */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: ["verify_email", "case_invitation"] }).notNull(),
    userId: text("user_id").references(() => users.id),
    email: text("email").notNull(),
    /** For invitations: the case and the organisation the invitee will act for. */
    caseId: text("case_id").references(() => cases.id),
    organisationId: text("organisation_id").references(() => organisations.id),
    createdBy: text("created_by").references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("email_tokens_email").on(t.email)],
);

/** Every email the service sends. Without SMTP it is also written to DATA_DIR/outbox as an .eml file. */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["queued", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    /** Retries back off: a failed send is tried again no earlier than this. */
    nextAttemptAt: text("next_attempt_at"),
  },
  (t) => [index("mail_outbox_status_created").on(t.status, t.createdAt), index("mail_outbox_to_created").on(t.toAddress, t.createdAt)],
);

export const informationRequests = sqliteTable(
  "information_requests",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    questions: text("questions").notNull(),
    sentOn: text("sent_on").notNull(),
    deadlineId: text("deadline_id"),
    sentBy: text("sent_by").notNull().references(() => users.id),
    sentAt: text("sent_at").notNull(),
    response: text("response"),
    respondedBy: text("responded_by").references(() => users.id),
    respondedAt: text("responded_at"),
  },
  (t) => [index("information_requests_case").on(t.caseId)],
);

/** A caseworker's declaration about conflicts of interest with a case's parties, made on assignment. */
export const conflictDeclarations = sqliteTable(
  "conflict_declarations",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    userId: text("user_id").notNull().references(() => users.id),
    hasConflict: integer("has_conflict", { mode: "boolean" }).notNull(),
    details: text("details"),
    declaredAt: text("declared_at").notNull(),
  },
  (t) => [index("conflict_declarations_case").on(t.caseId)],
);

/** A proposed case-to-answer decision awaiting a second person's approval (four eyes). */
export const decisionProposals = sqliteTable(
  "decision_proposals",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    decision: text("decision", { enum: ["case_to_answer", "no_case_to_answer"] }).notNull(),
    reasons: text("reasons").notNull(),
    status: text("status", { enum: ["proposed", "approved", "returned"] }).notNull(),
    proposedBy: text("proposed_by").notNull().references(() => users.id),
    proposedAt: text("proposed_at").notNull(),
    reviewedBy: text("reviewed_by").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    reviewNote: text("review_note"),
  },
  (t) => [index("decision_proposals_case").on(t.caseId), uniqueIndex("decision_proposals_one_open").on(t.caseId).where(sql`status = 'proposed'`)],
);
