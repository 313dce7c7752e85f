import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseFacts } from "@/components/app/CaseFacts";
import { ClockPanel } from "@/components/app/ClockPanel";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { getCaseSummary } from "@/domain/cases/get-case-summary";
import { loadPage, requireSignedIn } from "@/server/page";

export const metadata: Metadata = { title: "Case" };

export default async function PartyCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const { actor } = await requireSignedIn(`/portal/cases/${caseId}`);
  if (actor.role !== "party") notFound();
  const { summary, clocks } = await loadPage(`/portal/cases/${caseId}`, (ctx) => ({ summary: getCaseSummary(ctx, caseId), clocks: getCaseClocks(ctx, caseId) }));
  return (
    <>
      <span className="govuk-caption-l">{summary.case.reference ?? "Draft complaint"}</span>
      <h1 className="govuk-heading-l">{summary.case.title}</h1>
      <CaseFacts summary={summary} />
      <h2 className="govuk-heading-m">Statutory clock</h2>
      <ClockPanel clocks={clocks} />
    </>
  );
}
