import { fileBriefAction, removeBriefUploadAction } from "@/app/portal/applications/[applicationId]/brief-actions";
import { EvidenceUploader } from "@/components/app/evidence/EvidenceUploader";
import { SummaryList } from "@/components/govuk/SummaryList";
import type { AmicusApplicationRow } from "@/domain/amicus/applications";
import { formatWords } from "@/domain/amicus/brief-rules";
import { getBriefFilingState, type FiledBriefView } from "@/domain/amicus/list-briefs";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { formatFileSize } from "@/domain/evidence/file-size";
import { revealHiddenCharacters } from "@/domain/evidence/content-disposition";
import { getCtx } from "@/server/session";
import { formatDateTime } from "../format";

function FiledBrief({ brief, wordLimit }: { brief: FiledBriefView; wordLimit: number | null }) {
  return (
    <>
      <p className="govuk-body">Your brief is on the public register with your disclosure statement. The parties have been told and may respond to it.</p>
      <SummaryList
        rows={[
          { key: "Exhibit", value: brief.exhibitNumber },
          { key: "Length", value: brief.words === null ? "Not counted" : `${formatWords(brief.words)}${wordLimit === null ? "" : ` (the limit was ${formatWords(wordLimit)})`}` },
          { key: "Filed", value: formatDateTime(brief.filedAt) },
          {
            key: "File",
            value: (
              <a className="govuk-link app-break-anywhere" href={`/api/evidence/${brief.evidenceId}/download`}>
                Download {revealHiddenCharacters(brief.originalFilename)} ({formatFileSize(brief.sizeBytes)})
              </a>
            ),
          },
          ...(brief.responseDueOn ? [{ key: "Parties may respond by", value: `11:59pm UK time on ${formatLongDate(brief.responseDueOn)}` }] : []),
        ]}
      />
    </>
  );
}

/**
 * The applicant's brief on their application page: the uploader while leave is granted and the
 * deadline has not passed, why not once it cannot be filed, and the brief on the record once filed.
 */
export async function BriefFilingSection({ application, caseId }: { application: AmicusApplicationRow; caseId: string }) {
  const ctx = await getCtx();
  const state = getBriefFilingState(ctx, application.id);
  if (state.kind === "not_granted") return null;
  return (
    <section aria-labelledby="your-brief">
      <h2 className="govuk-heading-m" id="your-brief">
        {state.kind === "open" ? "File your brief" : "Your brief"}
      </h2>
      {state.kind === "filed" ? <FiledBrief brief={state.brief} wordLimit={state.wordLimit} /> : null}
      {state.kind === "blocked" ? <div className="govuk-inset-text">{state.message}</div> : null}
      {state.kind === "open" ? (
        <>
          <p className="govuk-body">
            Your brief must be no more than {formatWords(state.wordLimit)} and filed by 11:59pm UK time on {formatLongDate(state.briefDueOn)}.
          </p>
          <p className="govuk-body">
            We count the words in the document when you file it. A Word document is counted as Word shows it (body, footnotes and endnotes); a PDF also counts its headers and page numbers. A brief over the
            limit is refused, and you can shorten it and upload it again until the deadline.
          </p>
          <noscript>
            <div className="govuk-inset-text">Uploading your brief needs JavaScript, so that the upload can carry on if the connection drops. Turn on JavaScript in your browser, then reload this page.</div>
          </noscript>
          <EvidenceUploader caseId={caseId} maxUploadBytes={state.maxBytes} mode={{ kind: "amicus_brief", applicationId: application.id }} submitAction={fileBriefAction} removeAction={removeBriefUploadAction} />
        </>
      ) : null}
    </section>
  );
}
