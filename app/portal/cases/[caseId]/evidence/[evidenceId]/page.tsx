import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/app/ActionForm";
import { CaseOutcomeBanner } from "@/components/app/CaseOutcomeBanner";
import { ChallengeList, CustodyLog, EvidenceFacts, EvidenceItemHeader, VersionLinks } from "@/components/app/evidence/EvidenceItemDetails";
import { getEvidenceItem, recordEvidenceView } from "@/domain/evidence/get-evidence-item";
import { loadPage, requireSignedIn } from "@/server/page";
import { withdrawEvidenceAction } from "./actions";

export const metadata: Metadata = { title: "Evidence" };

export default async function PartyEvidencePage({ params, searchParams }: { params: Promise<{ caseId: string; evidenceId: string }>; searchParams: Promise<{ done?: string | string[] }> }) {
  const { caseId, evidenceId } = await params;
  const { done } = await searchParams;
  const casePath = `/portal/cases/${caseId}`;
  const { actor } = await requireSignedIn(`${casePath}/evidence/${evidenceId}`);
  if (actor.role !== "party") notFound();
  const view = await loadPage(`${casePath}/evidence/${evidenceId}`, (ctx) => {
    recordEvidenceView(ctx, evidenceId, caseId);
    return getEvidenceItem(ctx, caseId, evidenceId);
  });
  const { item } = view;
  return (
    <>
      <CaseOutcomeBanner done={done} />
      <EvidenceItemHeader view={view} back={{ href: `${casePath}#evidence`, text: "Back to the case" }} />
      <EvidenceFacts view={view} evidencePath={`${casePath}/evidence`} />
      <VersionLinks view={view} uploadPath={`${casePath}/evidence/upload`} />
      {view.can.challenge ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`${casePath}/evidence/${item.id}/challenge`}>
            Challenge confidentiality<span className="govuk-visually-hidden"> of {item.exhibitNumber}</span>
          </a>
        </p>
      ) : null}
      <ChallengeList view={view} />
      {view.can.withdraw ? (
        <ActionForm
          id="withdraw-evidence"
          heading="Withdraw this item"
          button="Withdraw item"
          hidden={{ caseId, evidenceId }}
          warning="Withdrawing takes the item out of the case: neither party will see it again. The regulator keeps it on record. You cannot undo this."
          fields={[{ kind: "textarea", name: "reasons", label: "Why is this item being withdrawn?" }]}
          action={withdrawEvidenceAction}
        />
      ) : null}
      <CustodyLog view={view} />
    </>
  );
}
