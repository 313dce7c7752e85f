import type { Metadata } from "next";
import { AmicusStatusTag } from "@/components/app/amicus/AmicusStatusTag";
import { BriefFilingSection } from "@/components/app/amicus/BriefFilingSection";
import { formatDateTime } from "@/components/app/format";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { SummaryList, type SummaryRow } from "@/components/govuk/SummaryList";
import { getApplicationPage } from "@/domain/amicus/list-applications";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Your application to file an amicus brief" };

const words = (n: number) => `${n.toLocaleString("en-GB")} words`;

/** What the page says after the applicant was sent here by a form; only these fixed texts can appear. */
const DONE_MESSAGES: Record<string, string> = {
  applied: "Application sent. The regulator will tell you when a caseworker has decided it.",
  "brief-filed": "Brief filed. It is on the public register and the parties have been told.",
};

export default async function ApplicationPage({ params, searchParams }: { params: Promise<{ applicationId: string }>; searchParams: Promise<{ done?: string | string[] }> }) {
  const { applicationId } = await params;
  const { done } = await searchParams;
  const path = `/portal/applications/${applicationId}`;
  const ctx = await requirePagePermission("amicus.apply", path);
  const { application, case: caseRow } = await loadPage(path, () => getApplicationPage(ctx, applicationId));
  const doneMessage = typeof done === "string" && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : null;
  const granted = application.status === "granted" || application.status === "brief_filed";

  const details: SummaryRow[] = [
    { key: "Case", value: `${caseRow.reference ?? ""} ${caseRow.title}`.trim() },
    { key: "Applied", value: formatDateTime(application.createdAt) },
    { key: "Applicant", value: application.applicantName },
    { key: "Represents", value: application.represents },
    { key: "Interest in the case", value: <span className="app-preserve-lines">{application.interest}</span> },
    ...(application.declinedToDisclose
      ? [{ key: "Disclosures", value: "You declined to disclose any relationship with the parties or who funded or contributed to the brief." }]
      : [
          { key: "Relationship with the parties", value: <span className="app-preserve-lines">{application.disclosure ?? "None"}</span> },
          { key: "Who funded or contributed", value: <span className="app-preserve-lines">{application.fundingDisclosure ?? "None"}</span> },
        ]),
    { key: "Points you will make", value: <span className="app-preserve-lines">{application.pointsSummary}</span> },
    { key: "Why the parties will not make them", value: <span className="app-preserve-lines">{application.whyNotParties}</span> },
    { key: "Length requested", value: words(application.requestedWords) },
  ];

  const decision: SummaryRow[] = [
    { key: "Status", value: <AmicusStatusTag status={application.status} /> },
    ...(application.decidedAt ? [{ key: "Decided", value: formatDateTime(application.decidedAt) }] : []),
    ...(application.decisionReasons ? [{ key: "Reasons", value: <span className="app-preserve-lines">{application.decisionReasons}</span> }] : []),
    ...(granted && application.wordLimit !== null ? [{ key: "Word limit", value: words(application.wordLimit) }] : []),
    ...(granted && application.briefDueOn ? [{ key: "File your brief by", value: `11:59pm UK time on ${formatLongDate(application.briefDueOn)}` }] : []),
  ];

  return (
    <>
      {doneMessage ? (
        <NotificationBanner success titleId="application-outcome-title">
          <p className="govuk-notification-banner__heading">{doneMessage}</p>
        </NotificationBanner>
      ) : null}
      <a className="govuk-back-link" href="/portal/applications">
        Back to my applications
      </a>
      <span className="govuk-caption-l">{caseRow.reference}</span>
      <h1 className="govuk-heading-l">Your application to file an amicus brief</h1>

      <h2 className="govuk-heading-m">Decision</h2>
      {application.status === "applied" ? <p className="govuk-body">A caseworker has not decided your application yet. We will tell you by email when they do.</p> : null}
      <SummaryList rows={decision} />

      {granted ? <BriefFilingSection application={application} caseId={application.caseId} /> : null}

      <h2 className="govuk-heading-m">Your application</h2>
      <SummaryList rows={details} />
    </>
  );
}
