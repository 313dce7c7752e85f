import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { APPLICATION_FIELDS, getApplicationFormContext } from "@/domain/amicus/apply-for-leave";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { publicCasePath } from "@/domain/register/register-facts";
import { loadPage, requirePagePermission } from "@/server/page";
import { ApplicationForm } from "./ApplicationForm";
import { VerifyEmailToApply } from "./VerifyEmailToApply";

export const metadata: Metadata = { title: "Apply to file an amicus brief" };

export default async function ApplyForLeavePage({ searchParams }: { searchParams: Promise<{ case?: string | string[] }> }) {
  const { case: reference } = await searchParams;
  if (typeof reference !== "string" || reference.trim() === "") notFound();
  const path = `/portal/applications/new?case=${encodeURIComponent(reference)}`;
  const ctx = await requirePagePermission("amicus.apply", path);
  const context = await loadPage(path, () => getApplicationFormContext(ctx, reference));
  const { case: caseRow } = context;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a className="govuk-back-link" href={publicCasePath(caseRow.reference)}>
          Back to the case on the public register
        </a>
        <span className="govuk-caption-l">{caseRow.reference}</span>
        <h1 className="govuk-heading-l">Apply to file an amicus brief</h1>
        <p className="govuk-body-l">{caseRow.title}</p>
        {context.closedMessage ? (
          <>
            <h2 className="govuk-heading-m">Applications are closed</h2>
            <p className="govuk-body">{context.closedMessage}</p>
          </>
        ) : context.existingApplication ? (
          <>
            <p className="govuk-inset-text">{context.existingApplication.message}</p>
            <p className="govuk-body">
              <a className="govuk-link" href={`/portal/applications/${context.existingApplication.id}`}>
                See your application
              </a>
            </p>
          </>
        ) : (
          <>
            {caseRow.amicusWindowClosesOn ? (
              <p className="govuk-inset-text">The amicus window closes at 11:59pm UK time on {formatLongDate(caseRow.amicusWindowClosesOn)}.</p>
            ) : null}
            <p className="govuk-body">
              Ask for the regulator’s leave to file a brief as a third party. A caseworker will decide, and tell you why. If they grant leave, they will set a word limit and a date by which you must
              file the brief.
            </p>
            {context.verifyEmailMessage ? <VerifyEmailToApply email={ctx.actor.email} /> : <ApplicationForm caseReference={caseRow.reference} fieldOrder={[...APPLICATION_FIELDS]} />}
          </>
        )}
      </div>
    </div>
  );
}
