import type { Metadata } from "next";
import { ClockPanel } from "@/components/app/ClockPanel";
import { getCaseSummary } from "@/domain/cases/get-case-summary";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Case clocks" };

export default async function StaffCaseClocksPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const path = `/cases/${caseId}/clocks`;
  await requirePagePermission("case.view_all", path);
  const { summary, clocks } = await loadPage(path, (ctx) => ({ summary: getCaseSummary(ctx, caseId), clocks: getCaseClocks(ctx, caseId) }));
  return (
    <>
      <a className="govuk-back-link" href={`/cases/${caseId}`}>
        Back to the case
      </a>
      <span className="govuk-caption-l">{summary.case.reference}</span>
      <h1 className="govuk-heading-l">Statutory clocks: {summary.case.title}</h1>
      <p className="govuk-body">Every clock on the case, open and closed, with the ledger of each. Stop, restart and extend open clocks from the case page.</p>
      <ClockPanel clocks={clocks} />
    </>
  );
}
