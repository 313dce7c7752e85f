"use client";

import { useActionState } from "react";
import { verifyEmailAction } from "./actions";

/**
 * The link only opens this page; the address is verified when the person presses the button, so a
 * mail scanner fetching the link does not use it up.
 */
export function VerifyEmailForm({ token, continueTo, requestNewLink }: { token: string; continueTo: { href: string; text: string }; requestNewLink: React.ReactNode }) {
  const [state, formAction, pending] = useActionState(verifyEmailAction, null);
  if (state?.ok) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Email address verified</h1>
          <div className="govuk-panel__body">You can now submit complaints</div>
        </div>
        <p className="govuk-body">
          <a className="govuk-link" href={continueTo.href}>
            {continueTo.text}
          </a>
        </p>
      </>
    );
  }
  if (state) {
    // The link stopped working between opening the page and pressing the button (used in another tab, or expired).
    return (
      <>
        <h1 className="govuk-heading-l">We could not verify your email address</h1>
        <p className="govuk-body">{state.message}</p>
        {requestNewLink}
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Verify your email address</h1>
      <p className="govuk-body">Select the button to confirm that this is your email address.</p>
      <form action={formAction}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Verify email address
        </button>
      </form>
    </>
  );
}
