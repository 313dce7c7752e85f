import { SummaryList } from "@/components/govuk/SummaryList";
import { FILING_SIDE_NAME } from "@/domain/evidence/confidentiality";
import { revealHiddenCharacters } from "@/domain/evidence/content-disposition";
import { CONFIDENTIALITY_LABELS } from "@/domain/evidence/evidence-rules";
import { formatFileSize } from "@/domain/evidence/file-size";
import { formatReceiptTime, type EvidenceReceipt } from "@/domain/evidence/receipt-text";

const bytes = new Intl.NumberFormat("en-GB");
const fileCount = (n: number) => (n === 1 ? "1 file received" : `${n} files received`);

/**
 * A submission's receipt: every file with what proves it arrived intact (exhibit number, exact
 * size, SHA-256), and the same as a text file to keep.
 */
export function EvidenceReceiptView({ receipt, casePath, viewerIsFiler }: { receipt: EvidenceReceipt; casePath: string; viewerIsFiler: boolean }) {
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Evidence submitted</h1>
        <div className="govuk-panel__body">
          {receipt.caseReference ?? receipt.caseTitle}
          <br />
          <strong>{fileCount(receipt.items.length)}</strong>
        </div>
      </div>
      {viewerIsFiler ? <p className="govuk-body">We have emailed you a copy of this receipt.</p> : null}
      <SummaryList
        rows={[
          { key: "Case", value: `${receipt.caseReference ?? "No reference yet"}: ${receipt.caseTitle}` },
          { key: "Filed by", value: `${receipt.filedByName}, for ${FILING_SIDE_NAME[receipt.filingSide]}` },
          { key: "Received", value: formatReceiptTime(receipt.submittedAt) },
          { key: "Submission", value: <span className="app-break-anywhere">{receipt.submissionId}</span> },
        ]}
      />
      <table className="govuk-table app-receipt-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Files received</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Exhibit
            </th>
            <th scope="col" className="govuk-table__header">
              Title
            </th>
            <th scope="col" className="govuk-table__header">
              Original filename
            </th>
            <th scope="col" className="govuk-table__header">
              Size
            </th>
            <th scope="col" className="govuk-table__header">
              SHA-256
            </th>
            <th scope="col" className="govuk-table__header">
              Who may see it
            </th>
            <th scope="col" className="govuk-table__header">
              Received
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {receipt.items.map((item) => (
            <tr className="govuk-table__row" key={item.evidenceId}>
              <th scope="row" className="govuk-table__header">
                <a className="govuk-link" href={`${casePath}/evidence/${item.evidenceId}`}>
                  {item.exhibitNumber}
                </a>
              </th>
              <td className="govuk-table__cell app-break-anywhere">
                {item.title}
                {item.replaces ? (
                  <>
                    <br />
                    <span className="govuk-body-s">{item.replaces}</span>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell app-break-anywhere">{revealHiddenCharacters(item.originalFilename)}</td>
              <td className="govuk-table__cell">
                {formatFileSize(item.sizeBytes)}
                {item.sizeBytes >= 1024 ? (
                  <>
                    <br />
                    <span className="govuk-body-s">{bytes.format(item.sizeBytes)} bytes</span>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                <code className="app-break-anywhere">{item.sha256}</code>
              </td>
              <td className="govuk-table__cell">{CONFIDENTIALITY_LABELS[item.confidentiality]}</td>
              <td className="govuk-table__cell">{formatReceiptTime(item.receivedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/evidence/receipts/${receipt.submissionId}`} download>
          Download this receipt as a text file
        </a>
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How to check a file has not changed</span>
        </summary>
        <div className="govuk-details__text">
          Compute the file’s SHA-256 hash (for example <code>sha256sum FILE</code> on Linux, <code>shasum -a 256 FILE</code> on macOS or <code>certutil -hashfile FILE SHA256</code> on
          Windows) and compare it with the value above. If they match, the file is exactly what we received.
        </div>
      </details>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${casePath}/evidence/upload`}>
            Upload more evidence
          </a>
        </li>
        <li>
          <a className="govuk-link" href={casePath}>
            Return to the case
          </a>
        </li>
      </ul>
    </>
  );
}
