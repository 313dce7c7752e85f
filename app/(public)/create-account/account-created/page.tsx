import type { Metadata } from "next";

export const metadata: Metadata = { title: "Account created" };

/** Shown after registering through an invitation: the invitation proved the address, so there is nothing to verify. */
export default function AccountCreatedPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Account created</h1>
          <div className="govuk-panel__body">You can now sign in</div>
        </div>
        <p className="govuk-body">The case you were invited to is listed under “My cases” once you sign in.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in?returnTo=/portal">Sign in to your account</a>
        </p>
      </div>
    </div>
  );
}
