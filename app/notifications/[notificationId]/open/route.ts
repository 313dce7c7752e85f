import type { NextRequest } from "next/server";
import { DomainError } from "@/domain/errors";
import { openNotification } from "@/domain/notifications/mark-read";
import { getCtx } from "@/server/session";

const page = (status: number, text: string) =>
  new Response(`<!doctype html><html lang="en"><head><title>${text}</title></head><body><p>${text}</p><p><a href="/notifications">Back to your notifications</a></p></body></html>`, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * Following a notification: marks it read, then goes where it points. The stored link is checked
 * to be a path in this service and sent as a relative Location, so it can never lead elsewhere.
 */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ notificationId: string }> }) {
  const { notificationId } = await params;
  const ctx = await getCtx();
  try {
    const { link } = openNotification(ctx, { notificationId });
    return new Response(null, { status: 303, headers: { Location: link, "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "unauthenticated") {
      return new Response(null, { status: 303, headers: { Location: `/sign-in?returnTo=${encodeURIComponent(`/notifications/${notificationId}/open`)}` } });
    }
    if (error.code === "invalid") return page(400, "This notification does not link to anything in the service");
    return page(404, "Page not found");
  }
}
