import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/app/ActionForm";
import { formatDateTime } from "@/components/app/format";
import { ConfidentialityTag } from "@/components/app/evidence/EvidenceTags";
import { SummaryList } from "@/components/govuk/SummaryList";
import { getChallengeTarget } from "@/domain/evidence/challenge-confidentiality";
import { FILING_SIDE_LABELS } from "@/domain/evidence/evidence-rules";
import { loadPage, requireSignedIn } from "@/server/page";
import { challengeConfidentialityAction } from "../actions";

export const metadata: Metadata = { title: "Challenge confidentiality" };

export default async function ChallengeConfidentialityPage({ params }: { params: Promise<{ caseId: string; evidenceId: string }> }) {
  const { caseId, evidenceId } = await params;
  const casePath = `/portal/cases/${caseId}`;
  const { actor } = await requireSignedIn(`${casePath}/evidence/${evidenceId}/challenge`);
  if (actor.role !== "party") notFound();
  const target = await loadPage(`${casePath}/evidence/${evidenceId}/challenge`, (ctx) => getChallengeTarget(ctx, caseId, evidenceId));
  return (
    <>
      <a className="govuk-back-link" href={`${casePath}#evidence`}>
        Back to the case
      </a>
      <span className="govuk-caption-l">{target.caseReference ?? "Case"}</span>
      <h1 className="govuk-heading-l">Challenge the confidentiality of {target.exhibitNumber}</h1>
      <SummaryList
        rows={[
          { key: "Exhibit", value: target.exhibitNumber },
          { key: "Title", value: target.title ?? "Withheld: only the filing side and the regulator may see this item" },
          { key: "Party", value: FILING_SIDE_LABELS[target.filingSide] },
          { key: "Confidentiality", value: <ConfidentialityTag level={target.confidentiality} /> },
          { key: "Received", value: formatDateTime(target.receivedAt) },
        ]}
      />
      {target.canChallenge ? (
        <ActionForm
          id="challenge"
          heading="Challenge confidentiality"
          button="Send challenge"
          open
          hidden={{ caseId, evidenceId }}
          warning="A caseworker will decide. If they reject the claim, the filing side must file a non-confidential version of the item."
          fields={[{ kind: "textarea", name: "reasons", label: "Why should this item not be confidential?", hint: "The filing side and the regulator will read this.", rows: 6 }]}
          action={challengeConfidentialityAction}
        />
      ) : (
        <p className="govuk-inset-text">
          {target.challengeOpen ? "The confidentiality of this item is already being challenged. The regulator will decide that challenge first." : "You cannot challenge the confidentiality of this item."}
        </p>
      )}
    </>
  );
}
