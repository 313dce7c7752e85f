import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EvidenceReceiptView } from "@/components/app/evidence/EvidenceReceiptView";
import { getReceipt } from "@/domain/evidence/get-receipt";
import { loadPage, requireSignedIn } from "@/server/page";

export const metadata: Metadata = { title: "Evidence receipt" };

export default async function PartyEvidenceReceiptPage({ params }: { params: Promise<{ caseId: string; submissionId: string }> }) {
  const { caseId, submissionId } = await params;
  const path = `/portal/cases/${caseId}/evidence/receipts/${submissionId}`;
  const { actor } = await requireSignedIn(path);
  if (actor.role !== "party") notFound();
  const receipt = await loadPage(path, (ctx) => getReceipt(ctx, submissionId, caseId));
  return <EvidenceReceiptView receipt={receipt} casePath={`/portal/cases/${caseId}`} viewerIsFiler={receipt.filedById === actor.id} />;
}
