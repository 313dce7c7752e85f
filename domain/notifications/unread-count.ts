import { and, count, eq, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";

/** How many of the actor's notifications are unread: one range count on the user/read index. */
export function countUnreadNotifications(ctx: Ctx): number {
  requireActor(ctx.actor);
  const row = ctx.db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)))
    .get();
  return row?.unread ?? 0;
}
