import type { Metadata } from "next";
import { CaseTimeline } from "@/components/app/CaseTimeline";
import { getCaseSummary } from "@/domain/cases/get-case-summary";
import { getCaseTimeline, TIMELINE_LIMIT } from "@/domain/cases/get-case-timeline";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Case timeline" };

export default async function StaffCaseTimelinePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const path = `/cases/${caseId}/timeline`;
  await requirePagePermission("case.view_all", path);
  const { summary, timeline } = await loadPage(path, (ctx) => ({ summary: getCaseSummary(ctx, caseId), timeline: getCaseTimeline(ctx, caseId) }));
  return (
    <>
      <a className="govuk-back-link" href={`/cases/${caseId}#timeline`}>
        Back to the case
      </a>
      <span className="govuk-caption-l">{summary.case.reference}</span>
      <h1 className="govuk-heading-l">Timeline: {summary.case.title}</h1>
      <p className="govuk-body">
        Everything that has happened on the case, newest first.
        {timeline.length >= TIMELINE_LIMIT ? ` Only the latest ${TIMELINE_LIMIT} events are shown; the audit trail holds the rest.` : ""}
      </p>
      <CaseTimeline entries={timeline} />
    </>
  );
}
