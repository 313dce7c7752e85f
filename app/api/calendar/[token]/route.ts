import { getDb } from "@/db/client";
import { readCalendarFeed } from "@/domain/calendar/read-calendar-feed";
import { publicBaseUrl } from "@/server/config";

export const dynamic = "force-dynamic";

// The URL is a secret: keep it out of shared caches, search engines and other sites' logs.
const PRIVATE_HEADERS = { "Cache-Control": "private, no-cache", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" };

/**
 * An iCalendar feed behind a secret URL. Calendar apps fetch it without a session, so the token in
 * the path is the credential; anything that is not a live feed gets the same 404, so a guess
 * learns nothing, not even whether a token once existed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const feed = readCalendarFeed(getDb(), token, new Date(), publicBaseUrl());
  if (!feed) return new Response("Not found\n", { status: 404, headers: { ...PRIVATE_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(feed.ics, {
    status: 200,
    headers: { ...PRIVATE_HEADERS, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="deadlines.ics"' },
  });
}
