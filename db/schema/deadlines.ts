import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { CASE_STATUSES, cases } from "./cases";
import { users } from "./users";

export const DEADLINE_STATUSES = ["running", "stopped", "met", "missed", "cancelled"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const CLOCK_EVENT_KINDS = ["start", "stop", "restart", "extension", "met", "missed", "cancelled", "recomputed"] as const;
export type ClockEventKind = (typeof CLOCK_EVENT_KINDS)[number];

/** The catalogue of statutory and procedural periods, editable by admins. */
export const deadlineRules = sqliteTable("deadline_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  length: integer("length").notNull(),
  unit: text("unit", { enum: ["calendar", "working"] }).notNull(),
  count: text("count", { enum: ["after", "beginning-with"] }).notNull(),
  calendar: text("calendar", { enum: ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"] }).notNull(),
  roll: text("roll", { enum: ["none", "next-working-day"] }).notNull(),
  /** Whether the parties must act by this deadline (they then see it and get reminders). */
  partyFacing: integer("party_facing", { mode: "boolean" }).notNull(),
  updatedAt: text("updated_at").notNull(),
  updatedBy: text("updated_by").references(() => users.id),
});

/**
 * A running period on a case. The rule's terms are copied in when it starts, so later edits to the
 * catalogue never move a deadline already running. `dueOn` is derived from the clock events.
 */
export const deadlines = sqliteTable(
  "deadlines",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    ruleId: text("rule_id").notNull().references(() => deadlineRules.id),
    label: text("label").notNull(),
    /** What the deadline is about when it is narrower than the case, e.g. an evidence item. */
    subjectId: text("subject_id"),
    startOn: text("start_on").notNull(),
    length: integer("length").notNull(),
    unit: text("unit", { enum: ["calendar", "working"] }).notNull(),
    count: text("count", { enum: ["after", "beginning-with"] }).notNull(),
    calendar: text("calendar", { enum: ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"] }).notNull(),
    roll: text("roll", { enum: ["none", "next-working-day"] }).notNull(),
    dueOn: text("due_on").notNull(),
    expiresAt: text("expires_at").notNull(),
    holidayDataVersion: text("holiday_data_version"),
    status: text("status", { enum: DEADLINE_STATUSES }).notNull(),
    completedAt: text("completed_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("deadlines_case").on(t.caseId),
    index("deadlines_status_due").on(t.status, t.dueOn),
    // Completed case-to-answer clocks by completion: the dashboard's met/missed share and its list.
    index("deadlines_case_to_answer_completed").on(t.completedAt, t.id, t.status, t.dueOn, t.caseId).where(sql`rule_id = 'case-to-answer'`),
  ],
);

/**
 * One row per open (running or stopped) deadline, with its terms and its case's status, reference
 * and assignee, so the deadlines view and the dashboard's deadline figures read one small table,
 * mostly from its indexes, instead of looking up the case of each deadline. Derived data, kept
 * exact by triggers on deadlines and cases in migration 0010 (created WITHOUT ROWID there); never
 * written by the application. See docs/adr/0010-case-digests-kept-by-triggers.md.
 */
export const openDeadlines = sqliteTable(
  "open_deadlines",
  {
    deadlineId: text("deadline_id").primaryKey(),
    caseId: text("case_id").notNull(),
    ruleId: text("rule_id").notNull(),
    label: text("label").notNull(),
    status: text("status", { enum: ["running", "stopped"] }).notNull(),
    startOn: text("start_on").notNull(),
    length: integer("length").notNull(),
    unit: text("unit", { enum: ["calendar", "working"] }).notNull(),
    count: text("count", { enum: ["after", "beginning-with"] }).notNull(),
    calendar: text("calendar", { enum: ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"] }).notNull(),
    roll: text("roll", { enum: ["none", "next-working-day"] }).notNull(),
    dueOn: text("due_on").notNull(),
    /** unixepoch(expires_at). */
    expiresUnix: integer("expires_unix"),
    /** Null only if the case row is missing. */
    caseStatus: text("case_status", { enum: CASE_STATUSES }),
    /** coalesce(reference, ''): the deadlines view's case order. */
    caseSortKey: text("case_sort_key").notNull(),
    assignedTo: text("assigned_to"),
  },
  (t) => [
    index("open_deadlines_status_due").on(t.status, t.dueOn, t.deadlineId, t.expiresUnix, t.caseStatus, t.assignedTo, t.ruleId, t.caseId),
    index("open_deadlines_due").on(t.dueOn, t.deadlineId, t.status, t.expiresUnix, t.caseStatus, t.assignedTo, t.ruleId, t.caseId),
    index("open_deadlines_assignee").on(t.assignedTo, t.dueOn, t.deadlineId, t.status, t.expiresUnix, t.caseStatus, t.ruleId, t.caseSortKey),
    index("open_deadlines_case_order").on(t.caseSortKey, t.dueOn, t.deadlineId, t.status, t.expiresUnix, t.caseStatus, t.assignedTo, t.ruleId),
    index("open_deadlines_case").on(t.caseId, t.status, t.expiresUnix, t.dueOn),
  ],
);

export const clockEvents = sqliteTable(
  "clock_events",
  {
    id: text("id").primaryKey(),
    deadlineId: text("deadline_id").notNull().references(() => deadlines.id),
    caseId: text("case_id").notNull().references(() => cases.id),
    kind: text("kind", { enum: CLOCK_EVENT_KINDS }).notNull(),
    /** The calendar date the event takes effect (a stop covers its day; a restart's day counts again). */
    effectiveOn: text("effective_on").notNull(),
    /** Extra counted days, for extensions. */
    days: integer("days"),
    reason: text("reason").notNull(),
    actorId: text("actor_id").references(() => users.id),
    at: text("at").notNull(),
  },
  (t) => [
    index("clock_events_deadline").on(t.deadlineId, t.at),
    // The only events that move a running clock's count (see clockStateFromEvents); most clocks have none.
    index("clock_events_adjustments").on(t.deadlineId, t.kind, t.effectiveOn, t.days).where(sql`kind IN ('stop', 'restart', 'extension')`),
  ],
);

/**
 * Imported bank-holiday datasets (GOV.UK JSON). The newest row is in force; with none, the data
 * bundled with the app is. Kept whole, so any past computation can be re-run on the data it used.
 */
export const holidayDatasets = sqliteTable("holiday_datasets", {
  version: text("version").primaryKey(),
  label: text("label").notNull(),
  sourceJson: text("source_json").notNull(),
  importedAt: text("imported_at").notNull(),
  importedBy: text("imported_by").references(() => users.id),
});
