import type { Metadata } from "next";
import { formatDateTime } from "@/components/app/format";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { Tag } from "@/components/govuk/Tag";
import { getMailOverview, MAIL_PROBLEMS_SHOWN } from "@/domain/notifications/mail-overview";
import { requirePagePermission } from "@/server/page";
import { retryMailAction } from "./actions";

export const metadata: Metadata = { title: "Outgoing mail" };

export default async function MailPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const ctx = await requirePagePermission("admin.mail", "/admin/mail");
  const { done } = await searchParams;
  const { counts, problems } = getMailOverview(ctx);
  return (
    <>
      {done === "retried" ? (
        <NotificationBanner success titleId="mail-outcome-title">
          <p className="govuk-notification-banner__heading">The message is queued to be sent again.</p>
        </NotificationBanner>
      ) : done === "not-retried" ? (
        <NotificationBanner title="There is a problem" titleId="mail-outcome-title">
          <p className="govuk-notification-banner__heading">The message could not be queued again. It may already have been sent or retried.</p>
        </NotificationBanner>
      ) : null}
      <a href="/admin" className="govuk-back-link">
        Back to admin
      </a>
      <h1 className="govuk-heading-l">Outgoing mail</h1>
      <p className="govuk-body">
        A message that cannot be sent is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours. After that it is marked as failed and stays here
        until you send it again. Nothing is deleted.
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Messages by status</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Messages
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {(
            [
              ["Waiting to be sent", counts.queued],
              ["Being retried", counts.retrying],
              ["Sent", counts.sent],
              ["Failed", counts.failed],
            ] as const
          ).map(([label, n]) => (
            <tr className="govuk-table__row" key={label}>
              <th scope="row" className="govuk-table__header">
                {label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">Failed and retrying messages</h2>
      {problems.length === 0 ? (
        <p className="govuk-body">No messages have failed or are waiting to be retried.</p>
      ) : (
        <>
          {problems.length === MAIL_PROBLEMS_SHOWN ? <p className="govuk-body">Showing the newest {MAIL_PROBLEMS_SHOWN}.</p> : null}
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Failed and retrying messages, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  To
                </th>
                <th scope="col" className="govuk-table__header">
                  Subject
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Attempts
                </th>
                <th scope="col" className="govuk-table__header">
                  Last error
                </th>
                <th scope="col" className="govuk-table__header">
                  Next attempt
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {problems.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <td className="govuk-table__cell">{m.toAddress}</td>
                  <td className="govuk-table__cell">
                    {m.subject}
                    <br />
                    <span className="govuk-body-s">Queued {formatDateTime(m.createdAt)}</span>
                  </td>
                  <td className="govuk-table__cell">{m.status === "failed" ? <Tag colour="red">Failed</Tag> : <Tag colour="yellow">Retrying</Tag>}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{m.attempts}</td>
                  <td className="govuk-table__cell">{m.lastError ?? "None recorded"}</td>
                  <td className="govuk-table__cell">{m.status === "failed" ? "None – waiting for you" : formatDateTime(m.nextAttemptAt)}</td>
                  <td className="govuk-table__cell">
                    {m.status === "failed" ? (
                      <form action={retryMailAction}>
                        <input type="hidden" name="mailId" value={m.id} />
                        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                          Retry now<span className="govuk-visually-hidden">: {m.subject} to {m.toAddress}</span>
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
