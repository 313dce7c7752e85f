import type { Metadata } from "next";
import { CaseFacts } from "@/components/app/CaseFacts";
import { getCaseSummary } from "@/domain/cases/get-case-summary";
import { requirePagePermission, loadPage } from "@/server/page";

export const metadata: Metadata = { title: "Case" };

export default async function StaffCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  await requirePagePermission("case.view_all", `/cases/${caseId}`);
  const summary = await loadPage(`/cases/${caseId}`, (ctx) => getCaseSummary(ctx, caseId));
  return (
    <>
      <span className="govuk-caption-l">{summary.case.reference}</span>
      <h1 className="govuk-heading-l">{summary.case.title}</h1>
      <CaseFacts summary={summary} />
      <p className="govuk-body app-placeholder">
        Triage actions, the statutory clock, evidence and the case timeline are not built yet; they arrive with the Statutory clock,
        Complaint intake and triage, and Evidence work.
      </p>
    </>
  );
}
