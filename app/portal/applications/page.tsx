import type { Metadata } from "next";
import { AmicusStatusTag } from "@/components/app/amicus/AmicusStatusTag";
import { formatDateTime } from "@/components/app/format";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { listOwnApplications } from "@/domain/amicus/list-applications";
import { requirePagePermission } from "@/server/page";
import { VerifyEmailToApply } from "./new/VerifyEmailToApply";

export const metadata: Metadata = { title: "My applications" };

export default async function MyApplicationsPage() {
  const ctx = await requirePagePermission("amicus.apply", "/portal/applications");
  const applications = listOwnApplications(ctx);
  return (
    <>
      {ctx.actor.emailVerified ? null : <VerifyEmailToApply email={ctx.actor.email} />}
      <h1 className="govuk-heading-l">My applications</h1>
      <p className="govuk-body">
        To apply for leave to file an amicus brief, find the case on the <a className="govuk-link" href="/public-register">public register</a> and apply from the case’s page while its
        amicus window is open.
      </p>
      {applications.length === 0 ? (
        <p className="govuk-body">You have not applied to file an amicus brief on any case yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Your applications to file an amicus brief</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Case
              </th>
              <th scope="col" className="govuk-table__header">
                Applied
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Brief due
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {applications.map((application) => (
              <tr className="govuk-table__row" key={application.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`/portal/applications/${application.id}`}>
                    {application.caseReference ?? "Case"}
                    <span className="govuk-visually-hidden"> application</span>
                  </a>
                  <br />
                  {application.caseTitle}
                </td>
                <td className="govuk-table__cell">{formatDateTime(application.createdAt)}</td>
                <td className="govuk-table__cell">
                  <AmicusStatusTag status={application.status} />
                </td>
                <td className="govuk-table__cell">{application.status === "granted" && application.briefDueOn ? formatLongDate(application.briefDueOn) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
