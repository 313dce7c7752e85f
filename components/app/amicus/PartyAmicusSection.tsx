import { respondToBriefAction } from "@/app/portal/cases/[caseId]/amicus-actions";
import { ActionForm } from "@/components/app/ActionForm";
import { SummaryList, type SummaryRow } from "@/components/govuk/SummaryList";
import { formatWords } from "@/domain/amicus/brief-rules";
import type { listBriefsForParty, PartyBriefView } from "@/domain/amicus/list-briefs";
import { MAX_RESPONSE_CHARACTERS } from "@/domain/amicus/respond-to-brief";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { revealHiddenCharacters } from "@/domain/evidence/content-disposition";
import { formatFileSize } from "@/domain/evidence/file-size";
import { formatDateTime } from "../format";

const SIDE_NAMES = { complainant: "Complainant", respondent: "Respondent" } as const;

const preserved = (text: string) => <span className="app-preserve-lines">{text}</span>;

function briefRows(view: PartyBriefView): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: "Represents", value: view.represents },
    { key: "Interest in the case", value: preserved(view.interest) },
    { key: "Points they will make", value: preserved(view.pointsSummary) },
    { key: "Disclosure statement", value: preserved(view.disclosureStatement) },
  ];
  if (!view.brief) {
    if (view.wordLimit !== null) rows.push({ key: "Word limit", value: formatWords(view.wordLimit) });
    if (view.briefDueOn) rows.push({ key: "Brief due by", value: `11:59pm UK time on ${formatLongDate(view.briefDueOn)}` });
    rows.push({ key: "Brief", value: "Not filed yet. We will tell you when it is." });
    return rows;
  }
  const { brief } = view;
  rows.push(
    { key: "Brief", value: `${brief.exhibitNumber}, filed ${formatDateTime(brief.filedAt)}` },
    { key: "Length", value: brief.words === null ? "Not counted" : `${formatWords(brief.words)}${view.wordLimit === null ? "" : ` (the limit was ${formatWords(view.wordLimit)})`}` },
    {
      key: "File",
      value: (
        <a className="govuk-link app-break-anywhere" href={`/api/evidence/${brief.evidenceId}/download`}>
          Download {revealHiddenCharacters(brief.originalFilename)} ({formatFileSize(brief.sizeBytes)})
        </a>
      ),
    },
  );
  if (brief.responseDueOn) rows.push({ key: "Respond by", value: `11:59pm UK time on ${formatLongDate(brief.responseDueOn)}` });
  return rows;
}

function Responses({ view }: { view: PartyBriefView }) {
  if (view.responses.length === 0) return view.brief ? <p className="govuk-body">No responses yet.</p> : null;
  return (
    <>
      <h4 className="govuk-heading-s">Responses</h4>
      <ul className="govuk-list">
        {view.responses.map((response) => (
          <li key={response.id} className="govuk-!-margin-bottom-4">
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {SIDE_NAMES[response.side]}: {response.filedByName}, {formatDateTime(response.createdAt)}
            </p>
            <p className="govuk-body app-preserve-lines">{response.body}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The amicus briefs on a party's case page: each third party granted leave, what they disclosed,
 * their brief once filed, the responses to it from both sides, and a form to respond until the
 * response deadline.
 */
export function PartyAmicusSection({ caseId, briefs }: { caseId: string; briefs: ReturnType<typeof listBriefsForParty> }) {
  if (briefs.briefs.length === 0) return null;
  return (
    <section aria-labelledby="amicus-briefs">
      <h2 className="govuk-heading-m" id="amicus-briefs">
        Amicus briefs
      </h2>
      <p className="govuk-body">The regulator has given these third parties leave to file a brief. Filed briefs are on the public register with the filer’s disclosure statement.</p>
      {briefs.briefs.map((view) => (
        <div key={view.applicationId} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{view.applicantName}</h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList rows={briefRows(view)} />
            {briefs.side ? <Responses view={view} /> : null}
            {view.mayRespond && view.brief?.responseDueOn ? (
              <ActionForm
                id={`amicus-response-${view.applicationId}`}
                heading={`Respond to the brief from ${view.applicantName}`}
                button="Send response"
                hidden={{ caseId, applicationId: view.applicationId }}
                fields={[
                  {
                    kind: "textarea",
                    name: "body",
                    label: "Your response",
                    hint: `The regulator and the other party will read it. Up to ${MAX_RESPONSE_CHARACTERS.toLocaleString("en-GB")} characters. You can respond until 11:59pm UK time on ${formatLongDate(view.brief.responseDueOn)}.`,
                    rows: 8,
                  },
                ]}
                action={respondToBriefAction}
              />
            ) : null}
          </div>
        </div>
      ))}
    </section>
  );
}
