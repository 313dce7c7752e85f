import type { Metadata } from "next";
import { CaseSubpageHeading } from "@/components/app/CaseSubpageHeading";
import { CaseTimeline } from "@/components/app/CaseTimeline";
import { getCaseForParticipant } from "@/domain/access/case-access";
import { getCaseTimeline, TIMELINE_LIMIT } from "@/domain/cases/get-case-timeline";
import { loadStaffCasePart } from "@/server/page";

export const metadata: Metadata = { title: "Case timeline" };

export default async function StaffCaseTimelinePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const { found, timeline } = await loadStaffCasePart(caseId, "timeline", (ctx) => ({ found: getCaseForParticipant(ctx, caseId), timeline: getCaseTimeline(ctx, caseId) }));
  return (
    <>
      <CaseSubpageHeading backHref={`/cases/${caseId}#timeline`} reference={found.case.reference} heading={`Timeline: ${found.case.title}`} />
      <p className="govuk-body">
        Everything that has happened on the case, newest first.
        {timeline.length >= TIMELINE_LIMIT ? ` Only the latest ${TIMELINE_LIMIT} events are shown; the audit trail holds the rest.` : ""}
      </p>
      <CaseTimeline entries={timeline} />
    </>
  );
}
