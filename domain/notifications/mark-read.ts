import { and, eq, isNull, lte } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { DomainError, notFound, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { safeInAppLink } from "./links";

export const NotificationIdInput = z.object({ notificationId: z.string().trim().min(1, "Choose a notification").max(100) });

export const MarkAllNotificationsReadInput = z.object({
  /** Only notifications that existed when the inbox was drawn, so one arriving meanwhile stays unread. */
  before: z.iso.datetime({ error: "Reload the page and try again" }).optional(),
});

/** The actor's own notification; anyone else's is not found, so its existence does not leak. */
function ownNotification(tx: Tx, actor: Actor, notificationId: string) {
  const row = tx.select().from(notifications).where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.id))).get();
  if (!row) throw notFound("notification");
  return row;
}

// Reading is audited (without the case, so case timelines stay about the case): it is how the
// regulator can show when someone saw, say, a request for information.
function markRead(tx: Tx, ctx: Ctx & { actor: Actor }, row: typeof notifications.$inferSelect, via: "inbox" | "link"): boolean {
  if (row.readAt !== null) return false;
  tx.update(notifications).set({ readAt: ctx.now.toISOString() }).where(and(eq(notifications.id, row.id), isNull(notifications.readAt))).run();
  recordAudit(tx, ctx, { action: "notification.read", subject: `notification:${row.id}`, data: { kind: row.kind, via } });
  return true;
}

/** Marks one of the actor's notifications as read. Marking a read one again changes nothing. */
export function markNotificationRead(ctx: Ctx, input: z.input<typeof NotificationIdInput>): { changed: boolean } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { notificationId } = parseInput(NotificationIdInput, input);
  return writeTransaction(ctx.db, (tx) => ({ changed: markRead(tx, { ...ctx, actor }, ownNotification(tx, actor, notificationId), "inbox") }));
}

/** Marks every unread notification of the actor's (up to `before`, if given) as read, in one update. */
export function markAllNotificationsRead(ctx: Ctx, input: z.input<typeof MarkAllNotificationsReadInput> = {}): { count: number } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { before } = parseInput(MarkAllNotificationsReadInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const unread = and(eq(notifications.userId, actor.id), isNull(notifications.readAt), before ? lte(notifications.createdAt, before) : undefined);
    const changed = tx.update(notifications).set({ readAt: ctx.now.toISOString() }).where(unread).run().changes;
    if (changed > 0) recordAudit(tx, ctx, { action: "notification.all_read", subject: `user:${actor.id}`, data: { count: changed } });
    return { count: changed };
  });
}

/**
 * Follows a notification's link: marks it read and returns where to go. A stored link that is not
 * a plain in-app path is refused (and the notification left unread), so a notification can never
 * send its reader to another site.
 */
export function openNotification(ctx: Ctx, input: z.input<typeof NotificationIdInput>): { link: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  // The id comes from the address bar: one that cannot be an id is a notification that does not exist.
  const parsed = NotificationIdInput.safeParse(input);
  if (!parsed.success) throw notFound("notification");
  const { notificationId } = parsed.data;
  return writeTransaction(ctx.db, (tx) => {
    const row = ownNotification(tx, actor, notificationId);
    const link = safeInAppLink(row.link);
    if (!link) throw new DomainError("invalid", "This notification does not link to anything in the service.");
    markRead(tx, { ...ctx, actor }, row, "link");
    return { link };
  });
}
