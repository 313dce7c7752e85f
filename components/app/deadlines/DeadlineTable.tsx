import type { DeadlineListRow } from "@/domain/deadlines/list-deadlines";
import { Tag, type TagColour } from "@/components/govuk/Tag";
import { deadlinesHref, SORT_LABELS, TAB_LABELS, type DeadlineViewParams } from "./view-params";

const RAG_TAG: Record<DeadlineListRow["rag"], { colour: TagColour; text: string }> = {
  green: { colour: "green", text: "On track" },
  amber: { colour: "yellow", text: "Due soon" },
  red: { colour: "red", text: "At risk" },
};

function position(row: DeadlineListRow): string {
  if (row.status === "stopped") return "Clock stopped";
  if (row.expired) return "Overdue";
  return `Day ${row.day} of ${row.totalDays}`;
}

function ragTag(row: DeadlineListRow) {
  if (row.expired && row.status === "running") return <Tag colour="red">Overdue</Tag>;
  const tag = RAG_TAG[row.rag];
  return <Tag colour={tag.colour}>{tag.text}</Tag>;
}

/**
 * A header that sorts by linking to the sorted page. aria-sort tells assistive technology the
 * current order; the caption says it in words for everyone.
 */
function SortHeader({ label, params, active, direction, next }: { label: string; params: DeadlineViewParams; active: boolean; direction: "ascending" | "descending"; next: DeadlineViewParams["sort"] }) {
  return (
    <th scope="col" className="govuk-table__header" aria-sort={active ? direction : "none"}>
      <a className="govuk-link" href={deadlinesHref(params, { sort: next })}>
        {label}
        <span className="govuk-visually-hidden"> (sort {SORT_LABELS[next]})</span>
      </a>
      {active ? <span aria-hidden="true">{direction === "ascending" ? " ▲" : " ▼"}</span> : null}
    </th>
  );
}

export function DeadlineTable({ rows, params }: { rows: DeadlineListRow[]; params: DeadlineViewParams }) {
  const dueActive = params.sort === "due-asc" || params.sort === "due-desc";
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">
        {TAB_LABELS[params.tab]}: {SORT_LABELS[params.sort]}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <SortHeader label="Case" params={params} active={params.sort === "case"} direction="ascending" next="case" />
          <th scope="col" className="govuk-table__header">
            Deadline
          </th>
          <SortHeader label="Due" params={params} active={dueActive} direction={params.sort === "due-desc" ? "descending" : "ascending"} next={params.sort === "due-asc" ? "due-desc" : "due-asc"} />
          <th scope="col" className="govuk-table__header">
            Position
          </th>
          <th scope="col" className="govuk-table__header">
            RAG status
          </th>
          <th scope="col" className="govuk-table__header">
            Caseworker
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.deadlineId}>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={`/cases/${row.caseId}`}>
                {row.caseReference ?? "No reference"}
              </a>
              <br />
              <span className="govuk-body-s">{row.caseTitle}</span>
            </td>
            <td className="govuk-table__cell">{row.label}</td>
            <td className="govuk-table__cell">
              {row.dueLong}, 23:59 UK time
            </td>
            <td className="govuk-table__cell">{position(row)}</td>
            <td className="govuk-table__cell">{ragTag(row)}</td>
            <td className="govuk-table__cell">{row.caseworkerName ?? "Unassigned"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
