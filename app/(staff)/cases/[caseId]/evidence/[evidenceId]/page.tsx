import type { Metadata } from "next";
import { ActionForm } from "@/components/app/ActionForm";
import { CaseOutcomeBanner } from "@/components/app/CaseOutcomeBanner";
import { ChallengeList, CustodyLog, EvidenceFacts, EvidenceItemHeader, VersionLinks } from "@/components/app/evidence/EvidenceItemDetails";
import { getEvidenceItem, recordEvidenceView } from "@/domain/evidence/get-evidence-item";
import { loadPage, requirePagePermission } from "@/server/page";
import { decideChallengeAction, reviewEvidenceAction, withdrawEvidenceAction } from "./actions";

export const metadata: Metadata = { title: "Evidence" };

export default async function StaffEvidencePage({ params, searchParams }: { params: Promise<{ caseId: string; evidenceId: string }>; searchParams: Promise<{ done?: string | string[] }> }) {
  const { caseId, evidenceId } = await params;
  const { done } = await searchParams;
  const casePath = `/cases/${caseId}`;
  await requirePagePermission("case.view_all", `${casePath}/evidence/${evidenceId}`);
  const view = await loadPage(`${casePath}/evidence/${evidenceId}`, (ctx) => {
    recordEvidenceView(ctx, evidenceId, caseId);
    return getEvidenceItem(ctx, caseId, evidenceId);
  });
  const hidden = { caseId, evidenceId };
  return (
    <>
      <CaseOutcomeBanner done={done} />
      <EvidenceItemHeader view={view} back={{ href: `${casePath}/evidence`, text: "Back to the evidence" }} />
      <EvidenceFacts view={view} evidencePath={`${casePath}/evidence`} />
      <VersionLinks view={view} uploadPath={`${casePath}/evidence/upload`} />
      <ChallengeList view={view} />

      {view.can.review || view.can.withdraw || view.can.decideChallenge ? (
        <section aria-labelledby="evidence-actions">
          <h2 className="govuk-heading-m" id="evidence-actions">
            Actions
          </h2>
          {view.can.decideChallenge ? (
            <ActionForm
              id="decide-challenge"
              heading="Decide the confidentiality challenge"
              button="Record decision"
              hidden={{ ...hidden, challengeId: view.can.decideChallenge }}
              fields={[
                {
                  kind: "radios",
                  name: "outcome",
                  label: "Does the confidentiality claim stand?",
                  options: [
                    ["upheld", "Uphold the claim: the item stays confidential"],
                    ["rejected", "Reject the claim: the filer must file a non-confidential version"],
                  ],
                },
                { kind: "textarea", name: "reasons", label: "Reasons for your decision", hint: "Both sides will read these." },
              ]}
              action={decideChallengeAction}
            />
          ) : null}
          {view.can.review ? (
            <ActionForm
              id="review-evidence"
              heading="Accept or reject this item as evidence"
              button="Record review"
              hidden={hidden}
              fields={[
                {
                  kind: "radios",
                  name: "outcome",
                  label: "Do you accept this item as evidence?",
                  options: [
                    ["accept", "Accept as evidence"],
                    ["reject", "Reject as evidence"],
                  ],
                },
                { kind: "textarea", name: "reasons", label: "Reasons (required if you reject it)", hint: "The filer will read these." },
              ]}
              action={reviewEvidenceAction}
            />
          ) : null}
          {view.can.withdraw ? (
            <ActionForm
              id="withdraw-evidence"
              heading="Withdraw this item"
              button="Withdraw item"
              hidden={hidden}
              warning="Withdrawing hides the item from the parties. The regulator keeps it and its file on record; nothing is deleted."
              fields={[{ kind: "textarea", name: "reasons", label: "Why is this item being withdrawn?" }]}
              action={withdrawEvidenceAction}
            />
          ) : null}
        </section>
      ) : null}

      <CustodyLog view={view} />
    </>
  );
}
