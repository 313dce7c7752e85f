import type { CaseEvidenceList } from "@/domain/evidence/evidence-access";
import { EVIDENCE_LIST_LIMIT } from "@/domain/evidence/evidence-access";
import { evidenceSortHeaders } from "./evidence-sort";
import { toEvidenceTableRow } from "./evidence-rows";
import { EvidenceTable } from "./EvidenceTable";

/** The latest few items the case page shows; the case's evidence page has them all. */
export const RECENT_EVIDENCE_SHOWN = 5;

/** The section both views share: its heading, and the link to file more when the viewer may. */
function EvidenceFrame({ uploadHref, children }: { uploadHref: string | null; children: React.ReactNode }) {
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
      {children}
    </section>
  );
}

/**
 * The evidence on a case as the viewer may see it: a table sorted on the server (each header is a
 * link to `sortPath`, with aria-sort on the sorted one), and the link to file more when the viewer may.
 */
export function EvidenceSection({ list, evidencePath, sortPath, uploadHref }: { list: CaseEvidenceList; evidencePath: string; sortPath: string; uploadHref: string | null }) {
  return (
    <EvidenceFrame uploadHref={uploadHref}>
      {list.items.length === 0 ? (
        <p className="govuk-body">No evidence has been filed yet.</p>
      ) : (
        <EvidenceTable caption="Evidence on this case" headers={evidenceSortHeaders(sortPath, { sort: list.sort, dir: list.dir })} rows={list.items.map((item) => toEvidenceTableRow(item, evidencePath))} />
      )}
      {list.truncated ? <p className="govuk-inset-text">Only the first {EVIDENCE_LIST_LIMIT} items are shown, in the order chosen. Reverse the order to see the others.</p> : null}
    </EvidenceFrame>
  );
}

/**
 * The case page's view of the evidence: how much there is, the most recently received items and a
 * link to the full, sortable list. `list` must be sorted newest first.
 */
export function RecentEvidenceSection({ list, evidencePath, uploadHref }: { list: CaseEvidenceList; evidencePath: string; uploadHref: string | null }) {
  const total = list.items.length;
  const recent = list.items.slice(0, RECENT_EVIDENCE_SHOWN);
  const count = `${list.truncated ? "More than " : ""}${total.toLocaleString("en-GB")} ${total === 1 && !list.truncated ? "item" : "items"}`;
  return (
    <EvidenceFrame uploadHref={uploadHref}>
      {total === 0 ? (
        <p className="govuk-body">No evidence has been filed yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            {count} of evidence{total > recent.length ? `. The ${recent.length} received most recently are shown here` : ""}.{" "}
            <a className="govuk-link" href={evidencePath}>
              See all the evidence
            </a>
          </p>
          <EvidenceTable caption="Evidence received most recently" headers={["Exhibit", "Title", "Party", "Confidentiality", "Status", "Received"]} rows={recent.map((item) => toEvidenceTableRow(item, evidencePath))} />
        </>
      )}
    </EvidenceFrame>
  );
}
