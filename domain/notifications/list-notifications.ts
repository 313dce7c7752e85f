import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { parseInput } from "../errors";
import { safeInAppLink } from "./links";

export const NOTIFICATIONS_PAGE_SIZE = 25;

export const ListNotificationsInput = z.object({
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(NOTIFICATIONS_PAGE_SIZE),
});

export interface NotificationItem {
  id: string;
  kind: string;
  caseId: string | null;
  title: string;
  body: string;
  /** The in-app path it is about, or null when it has none (or a stored one that is not safe to follow). */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const encodeCursor = (item: { createdAt: string; id: string }) => Buffer.from(JSON.stringify([item.createdAt, item.id])).toString("base64url");
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === "string") ? (parsed as [string, string]) : null;
  } catch {
    return null;
  }
}

/** The actor's own notifications, newest first, a bounded page at a time (keyset on the user/created index). */
export function listNotifications(ctx: Ctx, input: z.input<typeof ListNotificationsInput> = {}): { items: NotificationItem[]; nextCursor: string | null } {
  requireActor(ctx.actor);
  const { after, limit } = parseInput(ListNotificationsInput, input);
  const conditions: SQL[] = [eq(notifications.userId, ctx.actor.id)];
  const cursor = after ? decodeCursor(after) : null;
  if (cursor) conditions.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor[0]}, ${cursor[1]})`);
  const rows = ctx.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      caseId: notifications.caseId,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({ ...row, link: safeInAppLink(row.link) })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
