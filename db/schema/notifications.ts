import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { deadlines } from "./deadlines";
import { cases } from "./cases";
import { users } from "./users";

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    caseId: text("case_id").references(() => cases.id),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
    /** When this notification went out by email, alone or in a digest; null while it waits for one. */
    emailedAt: text("emailed_at"),
  },
  (t) => [index("notifications_user_created").on(t.userId, t.createdAt), index("notifications_user_unread").on(t.userId, t.readAt), index("notifications_unemailed").on(t.emailedAt, t.createdAt)],
);

export const EMAIL_MODES = ["immediate", "digest", "none"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** How a user wants email for one kind of notification. No row means "immediate". */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    emailMode: text("email_mode", { enum: EMAIL_MODES }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * One reminder or escalation, claimed by inserting its row: the unique key makes a second scheduler
 * (or a restart) fail to claim it again, so each is sent once.
 */
export const deadlineReminders = sqliteTable(
  "deadline_reminders",
  {
    id: text("id").primaryKey(),
    deadlineId: text("deadline_id").notNull().references(() => deadlines.id),
    /** Counted days before the due date (10, 5, 2, 0), or -1 for the escalation of a missed deadline. */
    offsetDays: integer("offset_days").notNull(),
    recipientId: text("recipient_id").notNull().references(() => users.id),
    kind: text("kind", { enum: ["reminder", "escalation"] }).notNull(),
    dueOn: text("due_on").notNull(),
    createdAt: text("created_at").notNull(),
    notificationId: text("notification_id"),
  },
  (t) => [uniqueIndex("deadline_reminders_once").on(t.deadlineId, t.offsetDays, t.recipientId, t.kind, t.dueOn)],
);

/** A secret iCalendar feed URL: a user's own deadlines, or one case's. Only the token's hash is kept. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id").notNull().references(() => users.id),
    /** Null for the user's own deadlines feed; set for a case feed. */
    caseId: text("case_id").references(() => cases.id),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash), index("calendar_feeds_user").on(t.userId)],
);
