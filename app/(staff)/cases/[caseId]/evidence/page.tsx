import type { Metadata } from "next";
import { CaseSubpageHeading } from "@/components/app/CaseSubpageHeading";
import { EvidenceSection } from "@/components/app/evidence/EvidenceSection";
import { parseEvidenceSort } from "@/components/app/evidence/evidence-sort";
import { getStaffCaseEvidenceView } from "@/domain/cases/get-staff-case-view";
import { loadStaffCasePart } from "@/server/page";

export const metadata: Metadata = { title: "Case evidence" };

export default async function StaffCaseEvidencePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ evidenceSort?: string | string[]; evidenceDir?: string | string[] }> }) {
  const { caseId } = await params;
  const path = `/cases/${caseId}/evidence`;
  const sort = parseEvidenceSort(await searchParams);
  const { found, evidence } = await loadStaffCasePart(caseId, "evidence", (ctx) => getStaffCaseEvidenceView(ctx, caseId, sort));
  return (
    <>
      <CaseSubpageHeading backHref={`/cases/${caseId}#evidence`} reference={found.case.reference} heading={`Evidence: ${found.case.title}`} />
      <EvidenceSection list={evidence} evidencePath={path} sortPath={path} uploadHref={evidence.filingSide ? `${path}/upload` : null} />
    </>
  );
}
