import { SummaryList } from "@/components/govuk/SummaryList";
import { formatFileSize } from "@/domain/evidence/file-size";
import { FILING_SIDE_LABELS } from "@/domain/evidence/evidence-rules";
import type { PublicBrief, PublicCase, PublicTimelineEntry } from "@/domain/register/get-public-case";
import { CaseStatusTag } from "../CaseStatusTag";
import { formatDate } from "../format";
import { REGISTER_PATH } from "./register-href";
import { amicusWindowText, deadlineText, partiesText } from "./register-text";

/** Where a third party applies for leave to file a brief on a case. */
export const amicusApplyHref = (reference: string) => `/portal/applications/new?case=${encodeURIComponent(reference)}`;

function PublicTimeline({ entries }: { entries: PublicTimelineEntry[] }) {
  return (
    <div className="moj-timeline">
      {entries.map((entry) => (
        <div className="moj-timeline__item" key={entry.key}>
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{entry.label}</h3>
          </div>
          <p className="moj-timeline__date">
            <time dateTime={entry.on}>{formatDate(entry.on)}</time>
          </p>
          {entry.detail ? (
            <div className="moj-timeline__description">
              <p className="govuk-body">{entry.detail}</p>
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function BriefCard({ brief }: { brief: PublicBrief }) {
  const rows = [
    { key: "Represents", value: brief.represents },
    { key: "Filed", value: formatDate(brief.filedAt) },
    { key: "Length", value: brief.wordCount === null ? "Not recorded" : `${brief.wordCount.toLocaleString("en-GB")} words` },
    ...(brief.disclosure.declinedToDisclose
      ? [{ key: "Disclosure", value: brief.disclosure.statement }]
      : [
          { key: "Relationships with the parties", value: <span className="app-preserve-lines">{brief.disclosure.relationships}</span> },
          { key: "Funding of the brief", value: <span className="app-preserve-lines">{brief.disclosure.funding}</span> },
        ]),
  ];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">{brief.applicantName}</h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
        <p className="govuk-body">
          <a className="govuk-link" href={brief.downloadHref} download>
            Download the brief<span className="govuk-visually-hidden"> by {brief.applicantName}</span> ({brief.exhibitNumber}, {formatFileSize(brief.sizeBytes)})
          </a>
        </p>
      </div>
    </div>
  );
}

/** One published case as the public sees it. Every value is text React escapes; summaries keep their line breaks. */
export function PublicCaseView({ view }: { view: PublicCase }) {
  const { facts } = view;
  return (
    <>
      <a className="govuk-back-link" href={REGISTER_PATH}>
        Back to the public register
      </a>
      <span className="govuk-caption-l">{facts.reference}</span>
      <h1 className="govuk-heading-l">{facts.title}</h1>

      <SummaryList
        rows={[
          { key: "Reference", value: facts.reference },
          { key: "Complainant", value: partiesText(facts.complainants) },
          { key: "Respondent", value: partiesText(facts.respondents) },
          { key: "IP rights", value: facts.ipRightLabels.join(", ") || "Not stated" },
          { key: "Status", value: <CaseStatusTag status={facts.status} /> },
          { key: "Complaint received", value: formatDate(facts.submittedAt) },
          { key: "Accepted", value: formatDate(facts.acceptedOn) },
          { key: "Published on the register", value: formatDate(facts.publishedAt) },
          { key: "Case-to-answer deadline", value: deadlineText(facts.deadline) },
          { key: "Amicus window", value: amicusWindowText(facts.amicusWindow) },
        ]}
      />

      <h2 className="govuk-heading-m">Summary</h2>
      <p className="govuk-body app-preserve-lines">{view.publicSummary}</p>

      {view.decision ? (
        <section aria-labelledby="decision-heading">
          <h2 className="govuk-heading-m" id="decision-heading">
            Decision: {view.decision.label.toLowerCase()}
          </h2>
          <p className="govuk-body">Decided {formatDate(view.decision.decidedAt)}.</p>
          {view.decision.reasons ? (
            <>
              <h3 className="govuk-heading-s">Reasons</h3>
              <p className="govuk-body app-preserve-lines">{view.decision.reasons}</p>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="amicus-window-heading">
        <h2 className="govuk-heading-m" id="amicus-window-heading">
          Amicus briefs
        </h2>
        {facts.amicusWindow.open && facts.amicusWindow.closesOn ? (
          <>
            <p className="govuk-body">Third parties may apply for leave to file an amicus brief until the end of {formatDate(facts.amicusWindow.closesOn)}.</p>
            <p className="govuk-body">
              <a className="govuk-link" href={amicusApplyHref(facts.reference)}>
                Apply for leave to file an amicus brief
              </a>
            </p>
          </>
        ) : facts.amicusWindow.closesOn ? (
          <p className="govuk-body">The amicus window closed on {formatDate(facts.amicusWindow.closesOn)}.</p>
        ) : (
          <p className="govuk-body">The amicus window is not open on this case.</p>
        )}
        {view.briefs.length === 0 ? <p className="govuk-body">No amicus briefs have been accepted on this case.</p> : view.briefs.map((brief) => <BriefCard key={brief.applicationId} brief={brief} />)}
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 className="govuk-heading-m" id="timeline-heading">
          Timeline
        </h2>
        <PublicTimeline entries={view.timeline} />
      </section>

      <section aria-labelledby="evidence-heading">
        <h2 className="govuk-heading-m" id="evidence-heading">
          Public evidence
        </h2>
        {view.evidence.length === 0 ? (
          <p className="govuk-body">No evidence on this case has been made public.</p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Public evidence on {facts.reference}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Exhibit
                </th>
                <th scope="col" className="govuk-table__header">
                  Document
                </th>
                <th scope="col" className="govuk-table__header">
                  Filed by
                </th>
                <th scope="col" className="govuk-table__header">
                  Received
                </th>
                <th scope="col" className="govuk-table__header">
                  File
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {view.evidence.map((item) => (
                <tr className="govuk-table__row" key={item.id}>
                  <th scope="row" className="govuk-table__header">
                    {item.exhibitNumber}
                  </th>
                  <td className="govuk-table__cell">
                    <span className="govuk-!-font-weight-bold">{item.title}</span>
                    {item.description ? <span className="govuk-body-s app-preserve-lines govuk-!-display-block">{item.description}</span> : null}
                  </td>
                  <td className="govuk-table__cell">{FILING_SIDE_LABELS[item.filingSide]}</td>
                  <td className="govuk-table__cell">{formatDate(item.receivedAt)}</td>
                  <td className="govuk-table__cell">
                    <a className="govuk-link" href={item.downloadHref} download>
                      Download<span className="govuk-visually-hidden"> {item.exhibitNumber}</span>
                    </a>
                    <span className="govuk-body-s govuk-!-display-block">
                      {item.contentType}, {formatFileSize(item.sizeBytes)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
