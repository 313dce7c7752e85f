import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations, users } from "./users";

export const CASE_STATUSES = [
  "draft",
  "submitted",
  "in_triage",
  "awaiting_information",
  "assessment",
  "investigation",
  "decided",
  "closed",
  "withdrawn",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const IP_RIGHTS = ["trade_secret", "copyright", "database_right", "patent", "design", "other"] as const;
export type IpRight = (typeof IP_RIGHTS)[number];

export const PARTY_ROLES = ["complainant", "respondent", "interested_party"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Yearly counters that hand out case references (IPC-2026-000123) inside the writing transaction. */
export const referenceCounters = sqliteTable("reference_counters", {
  scope: text("scope").primaryKey(),
  lastValue: integer("last_value").notNull(),
});

/** One row follows a complaint through its whole life, from draft to closure. */
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    reference: text("reference"),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    title: text("title").notNull(),
    /** The complaint as filed: the answers to the question pages, as JSON. */
    complaint: text("complaint", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    ipRights: text("ip_rights", { mode: "json" }).$type<IpRight[]>().notNull(),
    technologyTags: text("technology_tags", { mode: "json" }).$type<string[]>().notNull(),
    createdBy: text("created_by").notNull().references(() => users.id),
    assignedTo: text("assigned_to").references(() => users.id),
    submittedAt: text("submitted_at"),
    /** Calendar date (YYYY-MM-DD) the complaint was accepted as valid; starts the case-to-answer clock. */
    acceptedOn: text("accepted_on"),
    /** When and how the complaint was served on the respondent, recorded on acceptance. */
    servedOn: text("served_on"),
    serviceMethod: text("service_method"),
    /** Reasons the complainant can read when a complaint is rejected at triage. */
    rejectionReasons: text("rejection_reasons"),
    withdrawalReasons: text("withdrawal_reasons"),
    decision: text("decision", { enum: ["case_to_answer", "no_case_to_answer"] }),
    decisionReasons: text("decision_reasons"),
    decidedAt: text("decided_at"),
    closedAt: text("closed_at"),
    publishedAt: text("published_at"),
    publicSummary: text("public_summary"),
    /** Last day (YYYY-MM-DD) third parties may apply to file an amicus brief; set when first published. */
    amicusWindowClosesOn: text("amicus_window_closes_on"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("cases_reference_unique").on(t.reference),
    index("cases_status_submitted").on(t.status, t.submittedAt),
    index("cases_assigned_status").on(t.assignedTo, t.status),
    index("cases_published").on(t.publishedAt),
  ],
);

export const caseParties = sqliteTable(
  "case_parties",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    organisationId: text("organisation_id").notNull().references(() => organisations.id),
    role: text("role", { enum: PARTY_ROLES }).notNull(),
    /** The firm acting for the party, whose members act on the party's behalf. */
    representativeOrganisationId: text("representative_organisation_id").references(() => organisations.id),
    addedAt: text("added_at").notNull(),
  },
  (t) => [
    index("case_parties_case").on(t.caseId),
    index("case_parties_organisation").on(t.organisationId),
    index("case_parties_representative").on(t.representativeOrganisationId),
  ],
);

/** Regulator-only notes. Never shown to parties, amicus users or the public. */
export const caseNotes = sqliteTable(
  "case_notes",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    authorId: text("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("case_notes_case").on(t.caseId)],
);

/**
 * One narrow row per case with what the triage queue and the dashboard filter, sort and count by,
 * so a sort or a count over every case reads these rows (mostly from covering indexes) instead of
 * the large case rows. Derived data, kept exact by triggers on cases, deadlines and audit_events in
 * migration 0010 (created WITHOUT ROWID there); never written by the application. See
 * docs/adr/0010-case-digests-kept-by-triggers.md.
 */
export const caseDigests = sqliteTable(
  "case_digests",
  {
    caseId: text("case_id").primaryKey(),
    /** The case row's rowid, which is also its full-text search entry's. */
    caseRowid: integer("case_rowid").notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    reference: text("reference"),
    assignedTo: text("assigned_to"),
    submittedAt: text("submitted_at"),
    /** coalesce(submitted_at, created_at): the triage queue's received order. */
    receivedAt: text("received_at").notNull(),
    /** The IP rights claimed, one bit each in IP_RIGHTS order (trade_secret = 1 … other = 32). */
    ipRightsMask: integer("ip_rights_mask").notNull(),
    /** The current case-to-answer clock: the newest one not cancelled. */
    clockDeadlineId: text("clock_deadline_id"),
    clockStatus: text("clock_status", { enum: ["running", "stopped", "met", "missed", "cancelled"] }),
    clockDueOn: text("clock_due_on"),
    /** unixepoch(expires_at) of that clock. */
    clockExpiresUnix: integer("clock_expires_unix"),
    /** clock_due_on, or '9999-99-99' without a clock, so undated cases sort last going up… */
    dueAscKey: text("due_asc_key").notNull(),
    /** …and clock_due_on, or '', so they sort last going down too. */
    dueDescKey: text("due_desc_key").notNull(),
    /** The first triage outcome (case.accept, case.reject or case.request_information) in the audit trail. */
    triageOutcomeSeq: integer("triage_outcome_seq"),
    triageOutcomeAt: text("triage_outcome_at"),
    triageOutcomeAction: text("triage_outcome_action"),
    /** Calendar days on UK dates from submission to that outcome. */
    triageDays: integer("triage_days"),
  },
  (t) => [
    // Each triage sort order within a status, with every filter column: a page is read per status, in order, from the index alone.
    index("case_digests_status_received").on(t.status, t.receivedAt, t.caseId, t.assignedTo, t.ipRightsMask, t.clockStatus, t.clockExpiresUnix, t.submittedAt),
    index("case_digests_status_due_asc").on(t.status, t.dueAscKey, t.caseId, t.assignedTo, t.ipRightsMask, t.clockStatus, t.clockExpiresUnix, t.receivedAt),
    index("case_digests_status_due_desc").on(t.status, t.dueDescKey, t.caseId, t.assignedTo, t.ipRightsMask, t.clockStatus, t.clockExpiresUnix, t.receivedAt),
    // One person's cases (or the unassigned ones), few enough to read whole and sort.
    index("case_digests_assignee").on(t.assignedTo, t.status, t.receivedAt, t.caseId, t.dueAscKey, t.dueDescKey, t.ipRightsMask, t.clockStatus, t.clockExpiresUnix, t.submittedAt),
    // Running and stopped case-to-answer clocks are few: a clock filter reads them whole.
    index("case_digests_clock").on(t.clockStatus, t.status, t.assignedTo, t.receivedAt, t.dueAscKey, t.dueDescKey, t.ipRightsMask, t.clockExpiresUnix),
    index("case_digests_rowid").on(t.caseRowid, t.status, t.receivedAt, t.dueAscKey, t.dueDescKey, t.assignedTo, t.ipRightsMask, t.clockStatus, t.clockExpiresUnix),
    index("case_digests_submitted").on(t.submittedAt, t.status, t.assignedTo, t.triageDays),
  ],
);
