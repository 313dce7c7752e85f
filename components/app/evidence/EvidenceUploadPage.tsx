import type { FilingContext } from "@/domain/evidence/get-filing-context";
import { removeUploadAction, submitEvidenceAction } from "@/server/evidence-upload-actions";
import { EvidenceUploader } from "./EvidenceUploader";

function ReplacementText({ replacing }: { replacing: NonNullable<FilingContext["replacing"]> }) {
  if (replacing.kind === "supersedes") {
    return (
      <div className="govuk-inset-text">
        <p className="govuk-body">
          You are filing a corrected version of {replacing.exhibitNumber} “{replacing.title}”.
        </p>
        <p className="govuk-body">{replacing.exhibitNumber} will be kept and marked as superseded by the new version, which gets its own exhibit number.</p>
      </div>
    );
  }
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">
        You are filing a non-confidential version of {replacing.exhibitNumber} “{replacing.title}”.
      </p>
      <p className="govuk-body">It will be public: anyone can see it once the case is on the public register. Remove or redact anything confidential before you upload it.</p>
    </div>
  );
}

/** The upload page for staff and parties alike; only the links back differ. */
export function EvidenceUploadPage({ filing, casePath }: { filing: FilingContext; casePath: string }) {
  const heading = !filing.replacing
    ? "Upload evidence"
    : filing.replacing.kind === "supersedes"
      ? `Upload a corrected version of ${filing.replacing.exhibitNumber}`
      : `Upload a non-confidential version of ${filing.replacing.exhibitNumber}`;
  return (
    <>
      <a href={casePath} className="govuk-back-link">
        Back to the case
      </a>
      <span className="govuk-caption-l">{filing.caseReference ?? filing.caseTitle}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {filing.blocked || !filing.side ? (
        <>
          <div className="govuk-inset-text">{filing.blocked}</div>
          <p className="govuk-body">
            <a className="govuk-link" href={casePath}>
              Return to the case
            </a>
          </p>
        </>
      ) : (
        <>
          {filing.replacing ? <ReplacementText replacing={filing.replacing} /> : null}
          <noscript>
            <div className="govuk-inset-text">
              Uploading evidence needs JavaScript, so that large files can carry on uploading if the connection drops. Turn on JavaScript in your browser, then reload this page.
            </div>
          </noscript>
          <EvidenceUploader
            caseId={filing.caseId}
            maxUploadBytes={filing.maxUploadBytes}
            filerIsRegulator={filing.side === "regulator"}
            replacement={filing.replacing ? { kind: filing.replacing.kind, evidenceId: filing.replacing.evidenceId } : null}
            defaultConfidentiality={filing.replacing?.kind === "supersedes" ? filing.replacing.confidentiality : null}
            submitAction={submitEvidenceAction}
            removeAction={removeUploadAction}
          />
        </>
      )}
    </>
  );
}
