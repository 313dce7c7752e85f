import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Append-only and hash-chained: hash = sha256(prev_hash ‖ canonical row). Triggers in the
 * migrations reject UPDATE and DELETE, so only a write behind the database's back can alter a row,
 * and `npm run audit:verify` finds it.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    caseId: text("case_id"),
    action: text("action").notNull(),
    subject: text("subject"),
    data: text("data").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_case").on(t.caseId, t.seq)],
);
