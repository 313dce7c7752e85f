import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";

export const USER_ROLES = ["caseworker", "supervisor", "admin", "party", "amicus"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ORGANISATION_KINDS = ["company", "law_firm", "public_body", "academic", "civil_society", "other"] as const;

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
  country: text("country").notNull().default("GB"),
  createdAt: text("created_at").notNull(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    /** Staff team, used by supervisors' "my team" views. */
    team: text("team"),
    emailVerifiedAt: text("email_verified_at"),
    disabledAt: text("disabled_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const organisationMembers = sqliteTable(
  "organisation_members",
  {
    organisationId: text("organisation_id").notNull().references(() => organisations.id),
    userId: text("user_id").notNull().references(() => users.id),
    joinedAt: text("joined_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("organisation_members_user").on(t.userId)],
);

/**
 * One row per signed-in browser. The JWT carries the row id, and every request checks the row,
 * so signing out (or disabling the user) ends the session even if the old cookie is replayed.
 */
export const userSessions = sqliteTable(
  "user_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("user_sessions_user").on(t.userId)],
);

/** Failed sign-in attempts, keyed by account ("account:<email>") and by client ("ip:<address>"). */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("sign_in_failures_key_at").on(t.key, t.at)],
);
