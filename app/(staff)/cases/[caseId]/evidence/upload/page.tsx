import type { Metadata } from "next";
import { EvidenceUploadPage } from "@/components/app/evidence/EvidenceUploadPage";
import { getFilingContext } from "@/domain/evidence/get-filing-context";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Upload evidence" };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function StaffEvidenceUploadPage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ supersedes?: string | string[]; nonConfidentialFor?: string | string[] }> }) {
  const { caseId } = await params;
  const query = await searchParams;
  const path = `/cases/${caseId}/evidence/upload`;
  await requirePagePermission("case.view_all", path);
  const filing = await loadPage(path, (ctx) => getFilingContext(ctx, caseId, { supersedes: one(query.supersedes), nonConfidentialFor: one(query.nonConfidentialFor) }));
  return <EvidenceUploadPage filing={filing} casePath={`/cases/${caseId}`} />;
}
