import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { calendarFeeds } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { CalendarFeedInput } from "./create-calendar-feed";

/**
 * Turns off the user's live calendar link (their own, or one case's). The feed URL answers 404 from
 * then on. Only the owner can turn a link off, and only their own: the lookup is by the actor.
 */
export function revokeCalendarFeed(ctx: Ctx, input: z.input<typeof CalendarFeedInput>): { feedId: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { caseId } = parseInput(CalendarFeedInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const live = tx
      .select({ id: calendarFeeds.id })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, actor.id), caseId ? eq(calendarFeeds.caseId, caseId) : isNull(calendarFeeds.caseId), isNull(calendarFeeds.revokedAt)))
      .all();
    if (live.length === 0) throw new DomainError("conflict", "There is no calendar link to turn off. It may already have been turned off.");
    const at = ctx.now.toISOString();
    for (const feed of live) {
      tx.update(calendarFeeds).set({ revokedAt: at }).where(and(eq(calendarFeeds.id, feed.id), isNull(calendarFeeds.revokedAt))).run();
      recordAudit(tx, ctx, { action: "calendar_feed.revoked", caseId: caseId ?? null, subject: `calendar_feed:${feed.id}`, data: { scope: caseId ? "case" : "personal" } });
    }
    return { feedId: live[0]!.id };
  });
}
