import { sqliteTable, text, index } from "drizzle-orm/sqlite-core";
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
  },
  (t) => [index("notifications_user_created").on(t.userId, t.createdAt)],
);
