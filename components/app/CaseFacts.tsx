import type { CaseSummary } from "@/domain/cases/get-case-summary";
import { IP_RIGHT_LABELS, PARTY_ROLE_LABELS } from "@/domain/cases/status-labels";
import { SummaryList } from "@/components/govuk/SummaryList";
import { CaseStatusTag } from "./CaseStatusTag";
import { formatDate, formatDateTime } from "./format";

/** The summary list of a case's facts, shared by the staff and party views. */
export function CaseFacts({ summary }: { summary: CaseSummary }) {
  const c = summary.case;
  return (
    <>
      <SummaryList
        rows={[
          { key: "Reference", value: c.reference ?? "Not yet submitted" },
          { key: "Status", value: <CaseStatusTag status={c.status} /> },
          { key: "IP rights concerned", value: c.ipRights.map((r) => IP_RIGHT_LABELS[r]).join(", ") || "Not given" },
          { key: "Technology alleged to be copied", value: c.technologyTags.join(", ") || "Not given" },
          { key: "Received", value: formatDateTime(c.submittedAt) },
          { key: "Accepted", value: c.acceptedOn ? formatDate(`${c.acceptedOn}T12:00:00Z`) : "Not yet" },
        ]}
      />
      <h2 className="govuk-heading-m">Parties</h2>
      <SummaryList
        rows={summary.parties.map((p) => ({
          key: PARTY_ROLE_LABELS[p.role],
          value: p.representative ? `${p.organisation}, represented by ${p.representative}` : p.organisation,
        }))}
      />
    </>
  );
}
