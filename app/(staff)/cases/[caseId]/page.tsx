import type { Metadata } from "next";
import { ActionForm } from "@/components/app/ActionForm";
import { CaseFacts } from "@/components/app/CaseFacts";
import { CaseOutcomeBanner } from "@/components/app/CaseOutcomeBanner";
import { ComplaintDetails } from "@/components/app/ComplaintDetails";
import { CaseTimeline } from "@/components/app/CaseTimeline";
import { ClockPanel } from "@/components/app/ClockPanel";
import { RecentEvidenceSection } from "@/components/app/evidence/EvidenceSection";
import { DecisionSummary, InformationRequestList } from "@/components/app/CaseSections";
import { formatDateTime } from "@/components/app/format";
import { StaffAmicusSection } from "@/components/app/amicus/StaffAmicusSection";
import { PublishCaseSection } from "@/components/app/register/PublishCaseSection";
import { hasPermission } from "@/domain/access/permissions";
import { getStaffCaseView, RECENT_TIMELINE_EVENTS } from "@/domain/cases/get-staff-case-view";
import { requirePagePermission, loadPage } from "@/server/page";
import { extendDeadlineAction, restartClockAction, stopClockAction } from "./clock-actions";
import { CaseAssignment } from "./CaseAssignment";
import { acceptComplaintAction, addCaseNoteAction, proposeDecisionAction, rejectComplaintAction, requestInformationAction, reviewDecisionAction } from "./case-actions";
import { inviteRepresentativeAction } from "./invite-actions";

export const metadata: Metadata = { title: "Case" };

export default async function StaffCasePage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ done?: string | string[] }> }) {
  const { caseId } = await params;
  const { done } = await searchParams;
  const { actor } = await requirePagePermission("case.view_all", `/cases/${caseId}`);
  const { workspace, assignment, clocks, timeline, notes, today, evidence, amicusApplications } = await loadPage(`/cases/${caseId}`, (ctx) => getStaffCaseView(ctx, caseId));
  const canStop = hasPermission(actor, "clock.stop_restart");
  const canExtend = hasPermission(actor, "clock.extend");
  const can = (action: (typeof workspace.actions)[number]) => workspace.actions.includes(action);
  const hidden = { caseId };
  const respondent = workspace.parties.find((party) => party.role === "respondent");
  return (
    <>
      <CaseOutcomeBanner done={done} />
      <span className="govuk-caption-l">{workspace.case.reference}</span>
      <h1 className="govuk-heading-l">{workspace.case.title}</h1>
      <CaseFacts summary={workspace} />
      <DecisionSummary caseRow={workspace.case} />
      <CaseAssignment view={assignment} />

      {can("accept") || can("request_information") || can("reject") || can("propose_decision") || can("review_decision") ? (
        <section aria-labelledby="next-steps">
          <h2 className="govuk-heading-m" id="next-steps">
            Next steps
          </h2>
          {can("accept") ? (
            <ActionForm
              id="accept"
              heading="Accept the complaint as valid"
              button="Accept complaint"
              hidden={hidden}
              warning="Accepting starts the 45-day case-to-answer clock today and the respondent's representations period from the date of service."
              fields={[
                { kind: "textarea", name: "reasons", label: "Why is the complaint valid?" },
                { kind: "text", name: "servedOn", label: "Date the complaint was served on the respondent", hint: "YYYY-MM-DD", width: "govuk-input--width-10", defaultValue: today },
                { kind: "radios", name: "serviceMethod", label: "How was it served?", options: [["email", "Email"], ["post", "Post"], ["courier", "Courier"], ["hand", "By hand"]] },
              ]}
              action={acceptComplaintAction}
            />
          ) : null}
          {can("request_information") ? (
            <ActionForm
              id="request-information"
              heading="Ask the complainant for more information"
              button="Send information request"
              hidden={hidden}
              warning={workspace.case.status === "assessment" ? "Sending a request stops the case-to-answer clock until the complainant answers." : "The complainant has 10 working days to answer."}
              fields={[{ kind: "textarea", name: "questions", label: "What does the complainant need to tell you?", rows: 6 }]}
              action={requestInformationAction}
            />
          ) : null}
          {can("reject") ? (
            <ActionForm id="reject" heading="Reject the complaint as invalid" button="Reject complaint" hidden={hidden} warning="Rejecting closes the case. The complainant will read your reasons." fields={[{ kind: "textarea", name: "reasons", label: "Reasons for rejecting the complaint" }]} action={rejectComplaintAction} />
          ) : null}
          {can("propose_decision") ? (
            <ActionForm
              id="propose-decision"
              heading="Propose the case-to-answer decision"
              button="Propose decision"
              hidden={hidden}
              warning={workspace.latestReturnedProposal ? `A supervisor returned the last proposal: ${workspace.latestReturnedProposal.reviewNote ?? ""}` : "A supervisor other than you must approve it before it takes effect."}
              fields={[
                { kind: "radios", name: "decision", label: "Is there a case to answer?", options: [["case_to_answer", "Case to answer"], ["no_case_to_answer", "No case to answer"]] },
                { kind: "textarea", name: "reasons", label: "Reasons for the decision", hint: "The parties will read these.", rows: 6 },
              ]}
              action={proposeDecisionAction}
            />
          ) : null}
          {workspace.pendingProposal ? (
            <div className="govuk-inset-text">
              <p className="govuk-body">
                <strong>{workspace.pendingProposal.decision === "case_to_answer" ? "Case to answer" : "No case to answer"}</strong> proposed by {workspace.pendingProposal.proposerName} on{" "}
                {formatDateTime(workspace.pendingProposal.proposedAt)}, awaiting a supervisor’s approval.
              </p>
              <p className="govuk-body app-preserve-lines">{workspace.pendingProposal.reasons}</p>
            </div>
          ) : null}
          {can("review_decision") && workspace.pendingProposal ? (
            <ActionForm
              id="review-decision"
              heading="Approve or return the proposed decision"
              button="Record review"
              hidden={{ caseId, proposalId: workspace.pendingProposal.id }}
              fields={[
                { kind: "radios", name: "outcome", label: "Do you approve the proposed decision?", options: [["approve", "Approve the decision"], ["return", "Return it to the caseworker"]] },
                { kind: "textarea", name: "note", label: "Note (required if you return it)" },
              ]}
              action={reviewDecisionAction}
            />
          ) : null}
        </section>
      ) : null}

      {can("invite_representative") && respondent ? (
        <section aria-labelledby="respondent-representative">
          <h2 className="govuk-heading-m" id="respondent-representative">
            Respondent’s representative
          </h2>
          <ActionForm
            id="invite-representative"
            heading="Invite the respondent’s representative"
            button="Send invitation"
            hidden={hidden}
            warning="The invitation link lets the person create an account in the respondent’s firm. They will see this case and any other case that firm acts in. The link works once and expires in 14 days."
            fields={[
              { kind: "text", name: "email", label: "Email address of the representative" },
              {
                kind: "text",
                name: "organisationName",
                label: "Name of the firm acting for the respondent",
                hint: respondent.representative ? `Leave blank to use ${respondent.representative}.` : "The firm is recorded as acting for the respondent when the person you invite creates their account.",
              },
            ]}
            action={inviteRepresentativeAction}
          />
        </section>
      ) : null}

      <h2 className="govuk-heading-m">Statutory clock</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={`/calendar?case=${caseId}`}>
          Subscribe to this case’s deadlines
        </a>
      </p>
      <ClockPanel
        clocks={clocks}
        closedClocksHref={`/cases/${caseId}/clocks`}
        renderActions={(clock) => (
          <>
            {canStop && clock.deadline.status === "running" ? (
              <ActionForm
                id={`stop-${clock.deadline.id}`}
                heading="Stop the clock"
                button="Stop the clock"
                hidden={{ caseId, deadlineId: clock.deadline.id }}
                fields={[
                  { kind: "text", name: "effectiveOn", label: "First day the clock is stopped (optional)", hint: "YYYY-MM-DD. Leave blank for today.", width: "govuk-input--width-10" },
                  { kind: "textarea", name: "reason", label: "Why is the clock stopping?", rows: 2 },
                ]}
                action={stopClockAction}
              />
            ) : null}
            {canStop && clock.deadline.status === "stopped" ? (
              <ActionForm
                id={`restart-${clock.deadline.id}`}
                heading="Restart the clock"
                button="Restart the clock"
                hidden={{ caseId, deadlineId: clock.deadline.id }}
                fields={[
                  { kind: "text", name: "lastStoppedOn", label: "Last day the clock is stopped (optional)", hint: "YYYY-MM-DD, included in the stop. Leave blank for today.", width: "govuk-input--width-10" },
                  { kind: "textarea", name: "reason", label: "Why is the clock restarting?", rows: 2 },
                ]}
                action={restartClockAction}
              />
            ) : null}
            {canExtend ? (
              <ActionForm
                id={`extend-${clock.deadline.id}`}
                heading="Extend the deadline"
                button="Extend the deadline"
                hidden={{ caseId, deadlineId: clock.deadline.id }}
                fields={[
                  { kind: "text", name: "days", label: "Extend by how many counted days?", width: "govuk-input--width-3" },
                  { kind: "textarea", name: "reason", label: "Why is the deadline being extended?", rows: 2 },
                ]}
                action={extendDeadlineAction}
              />
            ) : null}
          </>
        )}
      />

      <InformationRequestList requests={workspace.informationRequests} />

      <ComplaintDetails complaint={workspace.case.complaint} />

      <RecentEvidenceSection list={evidence} evidencePath={`/cases/${caseId}/evidence`} uploadHref={evidence.filingSide ? `/cases/${caseId}/evidence/upload` : null} />

      <PublishCaseSection caseRow={workspace.case} canPublish={hasPermission(actor, "case.publish")} today={today} />

      <StaffAmicusSection caseId={caseId} applications={amicusApplications} canDecide={hasPermission(actor, "amicus.decide")} />

      <h2 className="govuk-heading-m">Internal notes</h2>
      <p className="govuk-body">Only regulator staff can see these notes.</p>
      {notes.length === 0 ? <p className="govuk-body">No notes yet.</p> : null}
      {notes.map((note) => (
        <div className="govuk-inset-text" key={note.id}>
          <p className="govuk-body app-preserve-lines">{note.body}</p>
          <p className="govuk-body-s">
            {note.author}, {formatDateTime(note.createdAt)}
          </p>
        </div>
      ))}
      {can("add_note") ? <ActionForm id="add-note" heading="Add an internal note" button="Add note" hidden={hidden} fields={[{ kind: "textarea", name: "body", label: "Note" }]} action={addCaseNoteAction} /> : null}

      <h2 className="govuk-heading-m" id="timeline">
        Timeline
      </h2>
      <CaseTimeline entries={timeline.slice(0, RECENT_TIMELINE_EVENTS)} />
      {timeline.length > RECENT_TIMELINE_EVENTS ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`/cases/${caseId}/timeline`}>
            See the full timeline
          </a>
        </p>
      ) : null}
    </>
  );
}
