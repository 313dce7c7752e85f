import type { Metadata } from "next";
import { EvidenceReceiptView } from "@/components/app/evidence/EvidenceReceiptView";
import { getReceipt } from "@/domain/evidence/get-receipt";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Evidence receipt" };

export default async function StaffEvidenceReceiptPage({ params }: { params: Promise<{ caseId: string; submissionId: string }> }) {
  const { caseId, submissionId } = await params;
  const path = `/cases/${caseId}/evidence/receipts/${submissionId}`;
  const { actor } = await requirePagePermission("case.view_all", path);
  const receipt = await loadPage(path, (ctx) => getReceipt(ctx, submissionId, caseId));
  return <EvidenceReceiptView receipt={receipt} casePath={`/cases/${caseId}`} viewerIsFiler={receipt.filedById === actor.id} />;
}
