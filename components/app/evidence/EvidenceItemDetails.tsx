import { SummaryList, type SummaryRow } from "@/components/govuk/SummaryList";
import { revealHiddenCharacters } from "@/domain/evidence/content-disposition";
import type { EvidenceItemView, LinkedItem } from "@/domain/evidence/get-evidence-item";
import { CONFIDENTIALITY_LABELS, FILING_SIDE_LABELS } from "@/domain/evidence/evidence-rules";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { formatDateTime } from "../format";
import { ConfidentialityTag, EvidenceStatusTag } from "./EvidenceTags";

const UNITS = ["KB", "MB", "GB", "TB"];

/** "2.4 MB (2,516,582 bytes)": readable, with the exact count a receipt can be checked against. */
export function formatSize(bytes: number): string {
  const exact = `${bytes.toLocaleString("en-GB")} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024) return exact;
  let value = bytes;
  let unit = "";
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value.toFixed(1)} ${unit} (${exact})`;
}

function ItemLink({ linked, evidencePath }: { linked: LinkedItem; evidencePath: string }) {
  return linked.id ? (
    <a className="govuk-link" href={`${evidencePath}/${linked.id}`}>
      {linked.exhibitNumber}
    </a>
  ) : (
    <>{linked.exhibitNumber}</>
  );
}

function ItemLinks({ items, evidencePath }: { items: LinkedItem[]; evidencePath: string }) {
  return (
    <>
      {items.map((linked, index) => (
        <span key={linked.exhibitNumber}>
          {index > 0 ? ", " : null}
          <ItemLink linked={linked} evidencePath={evidencePath} />
        </span>
      ))}
    </>
  );
}

/** The item's facts as a summary list: what was filed, by whom, when, its fingerprint, and its versions. */
/** The top of an evidence item page, the same for staff and parties: back link, exhibit, title, download. */
export function EvidenceItemHeader({ view, back }: { view: EvidenceItemView; back: { href: string; text: string } }) {
  const { item } = view;
  return (
    <>
      <a className="govuk-back-link" href={back.href}>
        {back.text}
      </a>
      <span className="govuk-caption-l">
        {view.case.reference ?? "Case"} — exhibit {item.exhibitNumber}
      </span>
      <h1 className="govuk-heading-l">{item.title}</h1>
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/evidence/${item.id}/download`}>
          Download<span className="govuk-visually-hidden"> exhibit {item.exhibitNumber}</span>
        </a>
      </p>
    </>
  );
}

export function EvidenceFacts({ view, evidencePath }: { view: EvidenceItemView; evidencePath: string }) {
  const { item } = view;
  const shownName = revealHiddenCharacters(item.originalFilename);
  const rows: SummaryRow[] = [
    { key: "Exhibit", value: item.exhibitNumber },
    { key: "Title", value: item.title },
    { key: "Description", value: item.description ? <span className="app-preserve-lines">{item.description}</span> : "None given" },
    { key: "Party", value: FILING_SIDE_LABELS[item.filingSide] },
    { key: "Filed by", value: view.filerName },
    { key: "Received", value: <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time> },
    {
      key: "Original filename",
      value: (
        <>
          <span className="app-break-anywhere">{shownName}</span>
          {shownName !== item.originalFilename ? (
            <span className="govuk-hint govuk-!-margin-bottom-0">The name contains invisible or control characters. They are shown as codes, such as \u202E, so they cannot disguise it.</span>
          ) : null}
        </>
      ),
    },
    { key: "Size", value: formatSize(item.sizeBytes) },
    { key: "Type", value: item.contentType },
    { key: "SHA-256", value: <code className="app-break-anywhere">{item.sha256}</code> },
    { key: "Confidentiality", value: <ConfidentialityTag level={item.confidentiality} /> },
    { key: "Status", value: <EvidenceStatusTag status={item.status} /> },
  ];
  if (item.reviewedAt) {
    rows.push({
      key: "Review",
      value: (
        <>
          {item.status === "rejected" ? "Rejected" : "Accepted"} by {view.reviewerName ?? "the regulator"}, {formatDateTime(item.reviewedAt)}
          {item.reviewReasons ? <span className="govuk-body app-preserve-lines govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">{item.reviewReasons}</span> : null}
        </>
      ),
    });
  }
  if (item.withdrawnAt) {
    rows.push({
      key: "Withdrawal reasons",
      value: (
        <>
          <span className="app-preserve-lines">{item.withdrawalReasons}</span>
          <span className="govuk-hint govuk-!-margin-bottom-0">
            Withdrawn by {view.withdrawnByName ?? "unknown"}, {formatDateTime(item.withdrawnAt)}
          </span>
        </>
      ),
    });
  }
  if (view.supersedes) rows.push({ key: "Supersedes", value: <ItemLink linked={view.supersedes} evidencePath={evidencePath} /> });
  if (view.supersededBy.length > 0) rows.push({ key: "Superseded by", value: <ItemLinks items={view.supersededBy} evidencePath={evidencePath} /> });
  if (view.nonConfidentialVersionOf) rows.push({ key: "Non-confidential version of", value: <ItemLink linked={view.nonConfidentialVersionOf} evidencePath={evidencePath} /> });
  if (view.nonConfidentialVersions.length > 0) rows.push({ key: "Non-confidential version", value: <ItemLinks items={view.nonConfidentialVersions} evidencePath={evidencePath} /> });
  if (view.nonConfidentialDeadline) {
    rows.push({
      key: "Non-confidential version due",
      value: `${formatLongDate(view.nonConfidentialDeadline.dueOn)} (23:59 UK time)${view.nonConfidentialDeadline.status === "stopped" ? ", clock stopped" : ""}`,
    });
  }
  return <SummaryList rows={rows} />;
}

/** The confidentiality challenges made to this item, with the regulator's decisions. */
export function ChallengeList({ view }: { view: EvidenceItemView }) {
  if (view.challenges.length === 0) return null;
  const level = CONFIDENTIALITY_LABELS[view.item.confidentiality].toLowerCase();
  return (
    <section aria-labelledby="challenges-heading">
      <h2 className="govuk-heading-m" id="challenges-heading">
        Confidentiality challenges
      </h2>
      {view.challenges.map((challenge) => (
        <div className="govuk-inset-text" key={challenge.id}>
          <p className="govuk-body">
            <strong>
              {FILING_SIDE_LABELS[challenge.challengerSide]} challenged the claim that this item is {level}
            </strong>{" "}
            ({challenge.challengerName}, {formatDateTime(challenge.createdAt)})
          </p>
          <p className="govuk-body app-preserve-lines">{challenge.reasons}</p>
          {challenge.status === "open" ? (
            <p className="govuk-body">Waiting for the regulator’s decision.</p>
          ) : (
            <>
              <p className="govuk-body">
                <strong>{challenge.status === "upheld" ? "Decision: the claim stands" : "Decision: the claim is rejected — a non-confidential version must be filed"}</strong> ({challenge.decidedByName ?? "the regulator"},{" "}
                {formatDateTime(challenge.decidedAt)})
              </p>
              <p className="govuk-body app-preserve-lines">{challenge.decisionReasons}</p>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

/** Every recorded event about the item, newest first: the chain of custody. */
export function CustodyLog({ view }: { view: EvidenceItemView }) {
  const { entries, truncated } = view.custody;
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Chain of custody</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              When
            </th>
            <th scope="col" className="govuk-table__header">
              Who
            </th>
            <th scope="col" className="govuk-table__header">
              What
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {entries.map((entry) => (
            <tr className="govuk-table__row" key={entry.seq}>
              <td className="govuk-table__cell">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </td>
              <td className="govuk-table__cell">{entry.by}</td>
              <td className="govuk-table__cell">
                {entry.what}
                {entry.detail ? <span className="govuk-body-s app-preserve-lines govuk-!-display-block govuk-!-margin-bottom-0">{entry.detail}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated ? <p className="govuk-body">Only the most recent {entries.length} entries are shown. The full record is in the audit trail.</p> : null}
    </>
  );
}

/** Links for the side that filed the item: a corrected version, and a public one for a confidential item. */
export function VersionLinks({ view, uploadPath }: { view: EvidenceItemView; uploadPath: string }) {
  if (!view.can.uploadCorrection && !view.can.uploadNonConfidential) return null;
  return (
    <ul className="govuk-list">
      {view.can.uploadCorrection ? (
        <li>
          <a className="govuk-link" href={`${uploadPath}?supersedes=${encodeURIComponent(view.item.id)}`}>
            Upload a corrected version
          </a>
        </li>
      ) : null}
      {view.can.uploadNonConfidential ? (
        <li>
          <a className="govuk-link" href={`${uploadPath}?nonConfidentialFor=${encodeURIComponent(view.item.id)}`}>
            Upload the non-confidential version
          </a>
        </li>
      ) : null}
    </ul>
  );
}
