import type { Metadata } from "next";
import { CaseFacts } from "@/components/app/CaseFacts";
import { ClockPanel } from "@/components/app/ClockPanel";
import { getCaseSummary } from "@/domain/cases/get-case-summary";
import { getCaseClocks } from "@/domain/deadlines/get-case-clocks";
import { hasPermission } from "@/domain/access/permissions";
import { requirePagePermission, loadPage } from "@/server/page";
import { ClockActionForm } from "./ClockActionForm";
import { extendDeadlineAction, restartClockAction, stopClockAction } from "./clock-actions";

export const metadata: Metadata = { title: "Case" };

export default async function StaffCasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const { actor } = await requirePagePermission("case.view_all", `/cases/${caseId}`);
  const { summary, clocks } = await loadPage(`/cases/${caseId}`, (ctx) => ({ summary: getCaseSummary(ctx, caseId), clocks: getCaseClocks(ctx, caseId) }));
  const canStop = hasPermission(actor, "clock.stop_restart");
  const canExtend = hasPermission(actor, "clock.extend");
  return (
    <>
      <span className="govuk-caption-l">{summary.case.reference}</span>
      <h1 className="govuk-heading-l">{summary.case.title}</h1>
      <CaseFacts summary={summary} />
      <h2 className="govuk-heading-m">Statutory clock</h2>
      <ClockPanel
        clocks={clocks}
        renderActions={(clock) => (
          <>
            {canStop && clock.deadline.status === "running" ? <ClockActionForm kind="stop" caseId={caseId} deadlineId={clock.deadline.id} action={stopClockAction} /> : null}
            {canStop && clock.deadline.status === "stopped" ? <ClockActionForm kind="restart" caseId={caseId} deadlineId={clock.deadline.id} action={restartClockAction} /> : null}
            {canExtend ? <ClockActionForm kind="extend" caseId={caseId} deadlineId={clock.deadline.id} action={extendDeadlineAction} /> : null}
          </>
        )}
      />
      <p className="govuk-body app-placeholder">
        Triage actions, evidence and the case timeline are not built yet; they arrive with the Complaint intake and triage and Evidence work.
      </p>
    </>
  );
}
