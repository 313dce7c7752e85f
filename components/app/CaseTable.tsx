import type { CaseListItem } from "@/domain/cases/list-cases";
import { CaseStatusTag } from "./CaseStatusTag";
import { formatDate } from "./format";

export function CaseTable({ items, caseHref, caption }: { items: CaseListItem[]; caseHref: (id: string) => string; caption: string }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Reference
          </th>
          <th scope="col" className="govuk-table__header">
            Complaint
          </th>
          <th scope="col" className="govuk-table__header">
            Parties
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            Received
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((item) => (
          <tr className="govuk-table__row" key={item.id}>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={caseHref(item.id)}>
                {item.reference ?? "Draft"}
              </a>
            </td>
            <td className="govuk-table__cell">{item.title}</td>
            <td className="govuk-table__cell">
              {item.complainant ?? "Not given"} v {item.respondent ?? "not given"}
            </td>
            <td className="govuk-table__cell">
              <CaseStatusTag status={item.status} />
            </td>
            <td className="govuk-table__cell">{formatDate(item.submittedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
