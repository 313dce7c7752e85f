import { and, asc, eq, gte, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { calendarFeeds, caseParties, cases, deadlines } from "@/db/schema";
import type { Actor } from "../context";
import { isStaff } from "../context";
import { DomainError } from "../errors";
import { addDays, formatLongDate } from "../deadlines/calendar-date";
import { londonDateOf } from "../deadlines/london-date";
import { buildIcs, type IcsAllDayEvent } from "./build-ics";
import { feedOwner, requireCaseFeedAccess } from "./feed-access";
import { hashFeedToken, tokenFromPath } from "./feed-token";

/** Deadlines done with this long ago drop out of the feed; anything still open stays whatever its date. */
export const FEED_HISTORY_DAYS = 90;
/** The most events one feed carries. */
export const MAX_FEED_EVENTS = 500;
// Cancelled deadlines leave the feed, so subscribed calendars drop the event.
const FEED_STATUSES = ["running", "stopped", "met", "missed"] as const;

type FeedDeadline = typeof deadlines.$inferSelect & { reference: string | null; caseTitle: string };

export interface CalendarFeed {
  name: string;
  ics: string;
}

const STATUS_PREFIX: Record<(typeof FEED_STATUSES)[number], string> = { running: "", stopped: "Clock stopped: ", met: "Met: ", missed: "Missed: " };

function statusLine(deadline: FeedDeadline): string {
  switch (deadline.status) {
    case "stopped":
      return "The clock is stopped. The date shown is the earliest the deadline can now fall; it moves when the clock restarts.";
    case "met":
      return "This deadline was met.";
    case "missed":
      return "This deadline was missed.";
    default:
      return "The clock is running.";
  }
}

function deadlineEvent(deadline: FeedDeadline, caseLink: string): IcsAllDayEvent {
  const reference = deadline.reference ?? "Case";
  const open = deadline.status === "running" || deadline.status === "stopped";
  return {
    uid: `deadline-${deadline.id}@ipcasework`,
    date: deadline.dueOn,
    summary: `${STATUS_PREFIX[deadline.status as (typeof FEED_STATUSES)[number]]}${reference}: ${deadline.label}`,
    description: [`${deadline.label} on ${reference}, ${deadline.caseTitle}.`, `Due by 11:59pm UK time on ${formatLongDate(deadline.dueOn)}.`, statusLine(deadline), caseLink].join("\n"),
    url: caseLink,
    lastModified: deadline.updatedAt,
    alarm: open ? `${reference}: ${deadline.label} is due tomorrow` : null,
  };
}

function feedDeadlines(db: Db, scope: SQL, today: string): FeedDeadline[] {
  const since = addDays(today, -FEED_HISTORY_DAYS);
  return db
    .select({ deadline: deadlines, reference: cases.reference, caseTitle: cases.title })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(scope, ne(cases.status, "draft"), inArray(deadlines.status, [...FEED_STATUSES]), or(inArray(deadlines.status, ["running", "stopped"]), gte(deadlines.dueOn, since))))
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
    .limit(MAX_FEED_EVENTS)
    .all()
    .map(({ deadline, reference, caseTitle }) => ({ ...deadline, reference, caseTitle }));
}

/** The owner's own deadlines: the cases assigned to them (staff), or the cases their organisations are party to. */
function personalScope(db: Db, owner: Actor): SQL | null {
  if (isStaff(owner)) return eq(cases.assignedTo, owner.id);
  if (owner.role === "party" && owner.organisationIds.length > 0) {
    const partyCases = db
      .selectDistinct({ caseId: caseParties.caseId })
      .from(caseParties)
      .where(or(inArray(caseParties.organisationId, owner.organisationIds), inArray(caseParties.representativeOrganisationId, owner.organisationIds)));
    return inArray(deadlines.caseId, partyCases);
  }
  return null;
}

/**
 * The calendar behind a secret feed URL's last path segment, or null when there is none to give:
 * an unknown, malformed or turned-off token, a disabled owner, or a case the owner can no longer
 * see all look the same from outside. No session is needed: the secret URL is the credential.
 */
export function readCalendarFeed(db: Db, pathSegment: string, now: Date, baseUrl: string): CalendarFeed | null {
  const token = tokenFromPath(pathSegment);
  if (!token) return null;
  const feed = db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!feed) return null;
  const owner = feedOwner(db, feed.userId);
  if (!owner) return null;
  const today = londonDateOf(now);
  const base = baseUrl.replace(/\/+$/, "");
  const caseLink = (caseId: string) => `${base}${isStaff(owner) ? "/cases/" : "/portal/cases/"}${caseId}`;

  if (feed.caseId) {
    let reference: string | null;
    try {
      reference = requireCaseFeedAccess({ db, actor: owner }, feed.caseId).case.reference;
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return null;
      throw error;
    }
    const name = `${reference ?? "Case"} deadlines – IP Casework`;
    const events = feedDeadlines(db, eq(deadlines.caseId, feed.caseId), today).map((d) => deadlineEvent(d, caseLink(d.caseId)));
    return { name, ics: buildIcs({ name, description: `Statutory and procedural deadlines on ${reference ?? "this case"}.`, events, now }) };
  }

  const scope = personalScope(db, owner);
  const name = `My deadlines – IP Casework`;
  const events = scope ? feedDeadlines(db, scope, today).map((d) => deadlineEvent(d, caseLink(d.caseId))) : [];
  return { name, ics: buildIcs({ name, description: `Deadlines for ${owner.name} in IP Casework.`, events, now }) };
}
