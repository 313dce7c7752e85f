import type { CaseEvidenceList, EvidenceListItem } from "@/domain/evidence/evidence-access";
import { EVIDENCE_LIST_LIMIT } from "@/domain/evidence/evidence-access";
import { FILING_SIDE_LABELS } from "@/domain/evidence/evidence-rules";
import { Tag } from "@/components/govuk/Tag";
import { formatDateTime } from "../format";
import { evidenceSortHeaders, type EvidenceSortHeader } from "./evidence-sort";
import { ConfidentialityTag, EvidenceStatusTag } from "./EvidenceTags";

/** A header that sorts by linking to the sorted page, so sorting works without JavaScript. */
function SortableHeader({ header }: { header: EvidenceSortHeader }) {
  return (
    <th scope="col" className="govuk-table__header" aria-sort={header.ariaSort}>
      <a className="govuk-link" href={header.href}>
        {header.label}
        <span className="govuk-visually-hidden"> ({header.hiddenText})</span>
      </a>
      {header.ariaSort !== "none" ? <span aria-hidden="true">{header.ariaSort === "ascending" ? " ▲" : " ▼"}</span> : null}
    </th>
  );
}

function TitleCell({ item, evidencePath }: { item: EvidenceListItem; evidencePath: string }) {
  const challenge = item.canChallenge ? (
    <>
      <br />
      <a className="govuk-link" href={`${evidencePath}/${item.id}/challenge`}>
        Challenge confidentiality<span className="govuk-visually-hidden"> of {item.exhibitNumber}</span>
      </a>
    </>
  ) : item.challengeOpen ? (
    <>
      <br />
      <Tag colour="yellow">Confidentiality challenged</Tag>
    </>
  ) : null;
  return (
    <td className="govuk-table__cell">
      {item.redacted ? `Restricted item ${item.exhibitNumber} (details withheld)` : item.title}
      {challenge}
    </td>
  );
}

/**
 * The evidence on a case as the viewer may see it: a table sorted on the server (each header is a
 * link, with aria-sort on the sorted one), and the link to file more when the viewer may.
 */
export function EvidenceSection({ list, casePath, uploadHref }: { list: CaseEvidenceList; casePath: string; uploadHref: string | null }) {
  const evidencePath = `${casePath}/evidence`;
  const headers = evidenceSortHeaders(casePath, { sort: list.sort, dir: list.dir });
  return (
    <section aria-labelledby="evidence-heading" id="evidence">
      <h2 className="govuk-heading-m" id="evidence-heading">
        Evidence
      </h2>
      {uploadHref ? (
        <p className="govuk-body">
          <a className="govuk-link" href={uploadHref}>
            Upload evidence
          </a>
        </p>
      ) : null}
      {list.items.length === 0 ? (
        <p className="govuk-body">No evidence has been filed yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Evidence on this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {headers.map((header) => (
                <SortableHeader key={header.sort} header={header} />
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {list.items.map((item) => (
              <tr className="govuk-table__row" key={item.id}>
                <td className="govuk-table__cell">
                  {item.redacted ? (
                    item.exhibitNumber
                  ) : (
                    <a className="govuk-link" href={`${evidencePath}/${item.id}`}>
                      {item.exhibitNumber}
                    </a>
                  )}
                </td>
                <TitleCell item={item} evidencePath={evidencePath} />
                <td className="govuk-table__cell">{FILING_SIDE_LABELS[item.filingSide]}</td>
                <td className="govuk-table__cell">
                  <ConfidentialityTag level={item.confidentiality} />
                </td>
                <td className="govuk-table__cell">
                  <EvidenceStatusTag status={item.status} />
                  {item.supersededBy ? (
                    <>
                      <br />
                      by{" "}
                      {item.supersededBy.id ? (
                        <a className="govuk-link" href={`${evidencePath}/${item.supersededBy.id}`}>
                          {item.supersededBy.exhibitNumber}
                        </a>
                      ) : (
                        item.supersededBy.exhibitNumber
                      )}
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.truncated ? <p className="govuk-inset-text">Only the first {EVIDENCE_LIST_LIMIT} items are shown, in the order chosen. Reverse the order to see the others.</p> : null}
    </section>
  );
}
