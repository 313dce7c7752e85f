import type { CaseRow } from "@/domain/access/case-access";
import type { informationRequests } from "@/db/schema";
import { formatDateTime } from "./format";

/** The decision, rejection or withdrawal on a case, with reasons, for staff and parties alike. */
export function DecisionSummary({ caseRow }: { caseRow: CaseRow }) {
  if (caseRow.decision) {
    return (
      <div className="govuk-panel govuk-panel--confirmation app-decision" role="region" aria-label="Decision">
        <h2 className="govuk-panel__title">{caseRow.decision === "case_to_answer" ? "There is a case to answer" : "There is no case to answer"}</h2>
        <div className="govuk-panel__body">Decided {formatDateTime(caseRow.decidedAt)}</div>
        {caseRow.decisionReasons ? <p className="app-preserve-lines app-decision__reasons">{caseRow.decisionReasons}</p> : null}
      </div>
    );
  }
  if (caseRow.rejectionReasons) {
    return (
      <div className="govuk-inset-text" role="region" aria-label="Rejection">
        <h2 className="govuk-heading-s">Complaint rejected</h2>
        <p className="govuk-body app-preserve-lines">{caseRow.rejectionReasons}</p>
      </div>
    );
  }
  if (caseRow.withdrawalReasons) {
    return (
      <div className="govuk-inset-text" role="region" aria-label="Withdrawal">
        <h2 className="govuk-heading-s">Complaint withdrawn</h2>
        <p className="govuk-body app-preserve-lines">{caseRow.withdrawalReasons}</p>
      </div>
    );
  }
  return null;
}

export function InformationRequestList({ requests, renderAnswerForm }: { requests: (typeof informationRequests.$inferSelect)[]; renderAnswerForm?: (requestId: string) => React.ReactNode }) {
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="information-requests">
      <h2 className="govuk-heading-m" id="information-requests">
        Information requests
      </h2>
      {requests.map((request) => (
        <div key={request.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">Sent {formatDateTime(request.sentAt)}</h3>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Questions</dt>
                <dd className="govuk-summary-list__value app-preserve-lines">{request.questions}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Answer</dt>
                <dd className="govuk-summary-list__value app-preserve-lines">{request.response ?? "Not answered yet"}</dd>
              </div>
            </dl>
            {request.respondedAt === null && renderAnswerForm ? renderAnswerForm(request.id) : null}
          </div>
        </div>
      ))}
    </section>
  );
}
