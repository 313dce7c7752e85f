import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ActionForm } from "@/components/app/ActionForm";
import { CaseFacts } from "@/components/app/CaseFacts";
import { CaseOutcomeBanner } from "@/components/app/CaseOutcomeBanner";
import { ComplaintDetails } from "@/components/app/ComplaintDetails";
import { CaseTimeline } from "@/components/app/CaseTimeline";
import { ClockPanel } from "@/components/app/ClockPanel";
import { EvidenceSection } from "@/components/app/evidence/EvidenceSection";
import { parseEvidenceSort } from "@/components/app/evidence/evidence-sort";
import { DecisionSummary, InformationRequestList } from "@/components/app/CaseSections";
import { PartyAmicusSection } from "@/components/app/amicus/PartyAmicusSection";
import { listBriefsForParty } from "@/domain/amicus/list-briefs";
import { getCaseWorkspace } from "@/domain/cases/get-case-workspace";
import { getCaseTimeline } from "@/domain/cases/get-case-timeline";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { listCaseEvidence } from "@/domain/evidence/evidence-access";
import { loadPage, requireSignedIn } from "@/server/page";
import { answerInformationRequestAction, withdrawComplaintAction } from "./actions";

export const metadata: Metadata = { title: "Case" };

export default async function PartyCasePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ done?: string | string[]; evidenceSort?: string | string[]; evidenceDir?: string | string[] }> }) {
  const { caseId } = await params;
  const { done, ...evidenceParams } = await searchParams;
  const { actor } = await requireSignedIn(`/portal/cases/${caseId}`);
  if (actor.role !== "party") notFound();
  const { workspace, clocks, timeline, evidence, briefs } = await loadPage(`/portal/cases/${caseId}`, (ctx) => ({
    workspace: getCaseWorkspace(ctx, caseId),
    clocks: getCaseClocks(ctx, caseId),
    timeline: getCaseTimeline(ctx, caseId),
    evidence: listCaseEvidence(ctx, caseId, parseEvidenceSort(evidenceParams)),
    briefs: listBriefsForParty(ctx, caseId),
  }));
  // A draft is still being written: its home is the complaint task list, not a case page.
  if (workspace.case.status === "draft") redirect(`/portal/complaints/${caseId}`);
  const can = (action: (typeof workspace.actions)[number]) => workspace.actions.includes(action);
  return (
    <>
      <CaseOutcomeBanner done={done} />
      <span className="govuk-caption-l">{workspace.case.reference ?? "Draft complaint"}</span>
      <h1 className="govuk-heading-l">{workspace.case.title}</h1>
      <CaseFacts summary={workspace} />
      {workspace.complaintVisible ? (
        <ComplaintDetails complaint={workspace.case.complaint} />
      ) : (
        <p className="govuk-inset-text">You will be able to read the complaint once the regulator has accepted it and served it on your client.</p>
      )}
      <DecisionSummary caseRow={workspace.case} />
      <InformationRequestList
        requests={workspace.informationRequests}
        renderAnswerForm={
          can("answer_information")
            ? (requestId) => (
                <ActionForm
                  id={`answer-${requestId}`}
                  heading="Answer this request"
                  button="Send answer"
                  open
                  hidden={{ caseId, requestId }}
                  fields={[{ kind: "textarea", name: "response", label: "Your answer", rows: 8 }]}
                  action={answerInformationRequestAction}
                />
              )
            : undefined
        }
      />
      <h2 className="govuk-heading-m">Statutory clock</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={`/calendar?case=${caseId}`}>
          Subscribe to this case’s deadlines
        </a>
      </p>
      <ClockPanel clocks={clocks} />
      <EvidenceSection list={evidence} evidencePath={`/portal/cases/${caseId}/evidence`} sortPath={`/portal/cases/${caseId}`} uploadHref={evidence.filingSide ? `/portal/cases/${caseId}/evidence/upload` : null} />
      <PartyAmicusSection caseId={caseId} briefs={briefs} />
      <h2 className="govuk-heading-m">Timeline</h2>
      <CaseTimeline entries={timeline} />
      {can("withdraw") ? (
        <ActionForm
          id="withdraw"
          heading="Withdraw this complaint"
          button="Withdraw complaint"
          hidden={{ caseId }}
          warning="Withdrawing ends the complaint. You cannot undo this."
          fields={[{ kind: "textarea", name: "reasons", label: "Why are you withdrawing the complaint?" }]}
          action={withdrawComplaintAction}
        />
      ) : null}
    </>
  );
}
