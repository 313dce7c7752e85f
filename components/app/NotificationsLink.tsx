"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect } from "react";

const REFRESH_MS = 30_000;
const QUERY_KEY = ["notifications", "unread-count"] as const;

async function fetchUnread(signal: AbortSignal): Promise<{ unread: number }> {
  const response = await fetch("/api/notifications/unread-count", { signal, headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`unread count answered ${response.status}`);
  return (await response.json()) as { unread: number };
}

export const notificationsLinkText = (unread: number) => (unread > 0 ? `Notifications (${unread} unread)` : "Notifications");

/**
 * The header's link to the inbox, with the unread count in its text (so in its accessible name).
 * The server draws the first count, so it is right without JavaScript; then it is polled.
 */
export function NotificationsLink({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: QUERY_KEY, queryFn: ({ signal }) => fetchUnread(signal), initialData: { unread: initialUnread }, refetchInterval: REFRESH_MS });
  // A page drawn again by the server (e.g. after "Mark as read") brings a fresher count than the last poll.
  useEffect(() => {
    queryClient.setQueryData(QUERY_KEY, { unread: initialUnread });
  }, [initialUnread, queryClient]);
  const active = pathname === "/notifications" || pathname.startsWith("/notifications/");
  const text = notificationsLinkText(data.unread);
  return (
    <li className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}>
      <a className="govuk-service-navigation__link" href="/notifications" aria-current={active ? (pathname === "/notifications" ? "page" : "true") : undefined}>
        {active ? <strong className="govuk-service-navigation__active-fallback">{text}</strong> : text}
      </a>
    </li>
  );
}
