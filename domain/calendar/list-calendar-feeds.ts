import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { z } from "zod";
import { calendarFeeds, cases } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { canSeeCase, sidesForActor } from "../access/case-access";
import { isStaff } from "../context";
import { parseInput } from "../errors";
import { CalendarFeedInput } from "./create-calendar-feed";
import { requireCaseFeedAccess } from "./feed-access";

export interface CaseFeedSummary {
  caseId: string;
  reference: string | null;
  title: string;
  /** When the live link was made; null when the user has no link for this case. */
  createdAt: string | null;
}

export interface CalendarFeedsView {
  /** What "your deadlines" covers for this user, in words. */
  personalScope: string;
  /** When the user's own live link was made; null when they have none. */
  personalCreatedAt: string | null;
  /** The case the user came from (`/calendar?case=…`), with or without a link yet. */
  focusCase: CaseFeedSummary | null;
  /** Every case with a live link, the focus case included. */
  caseFeeds: CaseFeedSummary[];
}

/** Enough for anyone; the list stays bounded even if a user subscribed to every case they handle. */
const MAX_CASE_FEEDS = 200;

function personalScopeFor(role: string): string {
  if (role === "party") return "Deadlines on the cases your organisation is a party to.";
  if (role === "amicus") return "Amicus applicants have no case deadlines, so this calendar stays empty.";
  return "Deadlines on the cases assigned to you.";
}

/** The signed-in user's calendar links (never the links themselves: only hashes are kept). */
export function calendarFeedsView(ctx: Ctx, input: z.input<typeof CalendarFeedInput> = {}): CalendarFeedsView {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { caseId } = parseInput(CalendarFeedInput, input);
  const personal = ctx.db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, actor.id), isNull(calendarFeeds.caseId), isNull(calendarFeeds.revokedAt)))
    .get();
  const rows = ctx.db
    .select({ caseId: cases.id, reference: cases.reference, title: cases.title, status: cases.status, createdBy: cases.createdBy, publishedAt: cases.publishedAt, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .innerJoin(cases, eq(cases.id, calendarFeeds.caseId))
    .where(and(eq(calendarFeeds.userId, actor.id), isNotNull(calendarFeeds.caseId), isNull(calendarFeeds.revokedAt)))
    .orderBy(asc(cases.reference), asc(cases.id))
    .limit(MAX_CASE_FEEDS)
    .all();
  // A link to a case the user can no longer see answers 404; listing it would only confuse.
  const caseFeeds = rows
    .filter((row) => {
      const sides = isStaff(actor) ? [] : sidesForActor(ctx.db, actor, row.caseId);
      return canSeeCase(actor, { status: row.status, createdBy: row.createdBy, publishedAt: row.publishedAt, actorSides: sides }) && (isStaff(actor) || sides.length > 0);
    })
    .map(({ caseId, reference, title, createdAt }) => ({ caseId, reference, title, createdAt }));
  let focusCase: CaseFeedSummary | null = null;
  if (caseId) {
    const { case: row } = requireCaseFeedAccess(ctx, caseId);
    focusCase = caseFeeds.find((feed) => feed.caseId === caseId) ?? { caseId: row.id, reference: row.reference, title: row.title, createdAt: null };
  }
  return { personalScope: personalScopeFor(actor.role), personalCreatedAt: personal?.createdAt ?? null, focusCase, caseFeeds };
}
