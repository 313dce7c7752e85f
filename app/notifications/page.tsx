import type { Metadata } from "next";
import { formatDateTime } from "@/components/app/format";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { Tag } from "@/components/govuk/Tag";
import { listNotifications } from "@/domain/notifications/list-notifications";
import { countUnreadNotifications } from "@/domain/notifications/unread-count";
import { loadPage, requireSignedIn } from "@/server/page";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

type SearchParams = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (typeof value === "string" && value !== "" ? value : undefined);

const OUTCOMES: Record<string, { success: boolean; text: string }> = {
  read: { success: true, text: "Notification marked as read." },
  "all-read": { success: true, text: "All notifications marked as read." },
  "not-found": { success: false, text: "That notification could not be found. It may not be yours." },
  "not-saved": { success: false, text: "Your notifications could not be marked as read. Reload the page and try again." },
};

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireSignedIn("/notifications");
  const search = await searchParams;
  const after = single(search.after);
  const outcome = OUTCOMES[single(search.done) ?? ""];
  // A stale or hand-edited cursor shows the first page rather than an error.
  const { page, unread, drawnAt } = await loadPage("/notifications", (ctx) => {
    const safeAfter = after && after.length <= 300 ? after : undefined;
    return { page: listNotifications(ctx, { after: safeAfter }), unread: countUnreadNotifications(ctx), drawnAt: ctx.now.toISOString() };
  });
  return (
    <>
      {outcome ? (
        <NotificationBanner success={outcome.success} title="There is a problem" titleId="notifications-outcome-title">
          <p className="govuk-notification-banner__heading">{outcome.text}</p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Notifications</h1>
      <p className="govuk-body">
        {unread === 0 ? "You have no unread notifications." : `You have ${unread} unread notification${unread === 1 ? "" : "s"}.`}{" "}
        <a className="govuk-link" href="/notifications/settings">
          Choose which notifications we email you
        </a>
      </p>
      {unread > 0 ? (
        <form action={markAllNotificationsReadAction}>
          <input type="hidden" name="before" value={drawnAt} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Mark all as read
          </button>
        </form>
      ) : null}
      {page.items.length === 0 ? (
        <p className="govuk-body">{after ? "There are no more notifications." : "You have no notifications."}</p>
      ) : (
        <ul className="govuk-list app-notifications">
          {page.items.map((n) => {
            const isUnread = n.readAt === null;
            const titleId = `notification-${n.id}-title`;
            return (
              <li key={n.id} className={`app-notifications__item${isUnread ? " app-notifications__item--unread" : ""}`}>
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1" id={titleId}>
                  {n.link ? (
                    <a className="govuk-link" href={`/notifications/${n.id}/open`}>
                      {n.title}
                    </a>
                  ) : (
                    n.title
                  )}
                  {isUnread ? (
                    <>
                      {" "}
                      <Tag colour="blue">Unread</Tag>
                    </>
                  ) : null}
                </h2>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </p>
                {n.body.trim() ? <p className="govuk-body app-preserve-lines">{n.body}</p> : null}
                {isUnread ? (
                  <form action={markNotificationReadAction}>
                    <input type="hidden" name="notificationId" value={n.id} />
                    {after ? <input type="hidden" name="after" value={after} /> : null}
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      Mark as read<span className="govuk-visually-hidden">: {n.title}</span>
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {after || page.nextCursor ? (
        <nav className="govuk-pagination" aria-label="Pagination">
          {after ? (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href="/notifications" rel="prev">
                <span className="govuk-pagination__link-title">Newest notifications</span>
              </a>
            </div>
          ) : null}
          {page.nextCursor ? (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={`/notifications?after=${page.nextCursor}`} rel="next">
                <span className="govuk-pagination__link-title">Older notifications</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
