import type { Metadata } from "next";
import { CaseSubpageHeading } from "@/components/app/CaseSubpageHeading";
import { ClockPanel } from "@/components/app/ClockPanel";
import { getCaseForParticipant } from "@/domain/access/case-access";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { loadStaffCasePart } from "@/server/page";

export const metadata: Metadata = { title: "Case clocks" };

export default async function StaffCaseClocksPage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const { found, clocks } = await loadStaffCasePart(caseId, "clocks", (ctx) => ({ found: getCaseForParticipant(ctx, caseId), clocks: getCaseClocks(ctx, caseId) }));
  return (
    <>
      <CaseSubpageHeading backHref={`/cases/${caseId}`} reference={found.case.reference} heading={`Statutory clocks: ${found.case.title}`} />
      <p className="govuk-body">Every clock on the case, open and closed, with the ledger of each. Stop, restart and extend open clocks from the case page.</p>
      <ClockPanel clocks={clocks} />
    </>
  );
}
