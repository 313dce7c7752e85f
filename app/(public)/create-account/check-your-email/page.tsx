import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email" };

/** Shown after every self-service registration, including for an address that already has an account. */
export default function CheckYourEmailPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Check your email</h1>
        <p className="govuk-body">We have sent an email to the address you gave us. Open the link in it to verify your email address.</p>
        <p className="govuk-body">The link expires in 24 hours. You can sign in before then, but you cannot submit a complaint or apply to file an amicus brief until your email address is verified.</p>
        <h2 className="govuk-heading-m">If you do not get the email</h2>
        <p className="govuk-body">Check your spam or junk folder. It can take a few minutes to arrive.</p>
        <p className="govuk-body">
          You can also <a className="govuk-link" href="/sign-in?returnTo=/portal">sign in to your account</a> and ask for a new link.
        </p>
      </div>
    </div>
  );
}
