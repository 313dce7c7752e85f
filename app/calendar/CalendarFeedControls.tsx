"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { TextInput } from "@/components/govuk/TextInput";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "./actions";

export interface FeedControlLabels {
  /** Button that makes the first link. */
  create: string;
  /** Added for screen readers to "Create a new link" and the turn-off button, to tell one feed's buttons from another's. */
  forWhom?: string;
  /** The turn-off disclosure and its button. */
  revoke: string;
}

/**
 * Create, regenerate and turn off one calendar link. The new link is shown once, in the success
 * banner, ready to copy; afterwards only its creation date is known. Works without JavaScript.
 */
export function CalendarFeedControls({ idPrefix, caseId, createdOn, labels }: { idPrefix: string; caseId?: string; createdOn: string | null; labels: FeedControlLabels }) {
  const [created, createAction, creating] = useActionState(createCalendarFeedAction, null);
  const [revoked, revokeAction, revoking] = useActionState(revokeCalendarFeedAction, null);
  const failure = created?.ok === false ? created : revoked?.ok === false ? revoked : null;
  const latestCreated = created?.ok && created.url && !(revoked?.ok && revoked.at > created.at) ? created : null;
  const latestRevoked = revoked?.ok && !(created?.ok && created.at > revoked.at) ? revoked : null;
  const hidden = <input type="hidden" name="caseId" value={caseId ?? ""} />;
  const forWhom = labels.forWhom ? <span className="govuk-visually-hidden"> {labels.forWhom}</span> : null;
  return (
    <>
      {failure ? <ErrorSummary idPrefix={idPrefix} fieldErrors={{ _form: failure.message }} /> : null}
      {latestCreated?.url ? (
        <NotificationBanner success titleId={`${idPrefix}-created-title`}>
          <p className="govuk-notification-banner__heading">{latestCreated.message}</p>
          {/* Keyed by the link: an uncontrolled input would otherwise keep showing the previous, dead one. */}
          <TextInput key={latestCreated.url} idPrefix={idPrefix} name="feedUrl" label="Your calendar link" hint="Copy it now: for your security it will not be shown again. If you lose it, create a new link." defaultValue={latestCreated.url} readOnly spellCheck={false} />
        </NotificationBanner>
      ) : null}
      {latestRevoked ? (
        <NotificationBanner success titleId={`${idPrefix}-revoked-title`}>
          <p className="govuk-notification-banner__heading">{latestRevoked.message}</p>
        </NotificationBanner>
      ) : null}
      {createdOn ? <p className="govuk-body">You created this calendar link on {createdOn}.</p> : <p className="govuk-body">You do not have a calendar link for this yet.</p>}
      <form action={createAction}>
        {hidden}
        {createdOn ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              If you create a new link, the old one stops working. Any calendar subscribed to the old link will stop updating until you subscribe again with the new one.
            </strong>
          </div>
        ) : null}
        <button type="submit" className={`govuk-button${createdOn ? " govuk-button--secondary" : ""}`} data-module="govuk-button" disabled={creating}>
          {createdOn ? (
            <>
              Create a new link
              {forWhom}
            </>
          ) : (
            labels.create
          )}
        </button>
      </form>
      {createdOn ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{labels.revoke}</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">Calendars subscribed to this link will stop showing these deadlines. You can create a new link at any time.</p>
            <form action={revokeAction}>
              {hidden}
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={revoking}>
                {labels.revoke}
                {forWhom}
              </button>
            </form>
          </div>
        </details>
      ) : null}
    </>
  );
}
