import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { calendarFeeds } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { parseInput } from "../errors";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";
import { requireCaseFeedAccess } from "./feed-access";
import { feedUrl, hashFeedToken, newFeedToken } from "./feed-token";

export const CalendarFeedInput = z.object({
  /** A case feed when set; the user's own deadlines when absent. */
  caseId: z.string().trim().min(1).max(100, "The case could not be found").optional(),
});

export interface CreatedCalendarFeed {
  feedId: string;
  caseId: string | null;
  /** The secret address, shown to the user once and never stored. */
  url: string;
  /** An earlier link for the same calendar was turned off. */
  replacedEarlierLink: boolean;
}

/**
 * Creates a secret calendar link for the user's own deadlines or for one case's. Creating one
 * where a link already exists regenerates it: the old link stops working in the same transaction,
 * so there is never more than one live link per user and calendar.
 */
export function createCalendarFeed(ctx: Ctx, input: z.input<typeof CalendarFeedInput>): CreatedCalendarFeed {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { caseId } = parseInput(CalendarFeedInput, input);
  const token = newFeedToken();
  return writeTransaction(ctx.db, (tx) => {
    if (caseId) requireCaseFeedAccess(ctx, caseId, tx);
    const at = ctx.now.toISOString();
    const replaced = tx
      .update(calendarFeeds)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeeds.userId, actor.id), caseId ? eq(calendarFeeds.caseId, caseId) : isNull(calendarFeeds.caseId), isNull(calendarFeeds.revokedAt)))
      .run().changes;
    const feedId = newId();
    tx.insert(calendarFeeds).values({ id: feedId, tokenHash: hashFeedToken(token), userId: actor.id, caseId: caseId ?? null, createdAt: at }).run();
    recordAudit(tx, ctx, {
      action: replaced > 0 ? "calendar_feed.regenerated" : "calendar_feed.created",
      caseId: caseId ?? null,
      subject: `calendar_feed:${feedId}`,
      data: { scope: caseId ? "case" : "personal", replacedEarlierLink: replaced > 0 },
    });
    return { feedId, caseId: caseId ?? null, url: feedUrl(ctx.config.baseUrl, token), replacedEarlierLink: replaced > 0 };
  });
}
