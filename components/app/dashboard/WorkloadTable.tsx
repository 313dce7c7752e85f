import type { WorkloadRow } from "@/domain/dashboard/get-dashboard";
import { TableHead } from "@/components/govuk/TableHead";
import { caseworkerCasesHref } from "./dashboard-params";
import { formatNumber } from "./format";

/** Every caseworker's open cases, each name linking to their cases in the triage queue, as the dashboard's bars do. */
export function WorkloadTable({ workload }: { workload: WorkloadRow[] }) {
  if (workload.length === 0) return <p className="govuk-body">No caseworkers match the filters.</p>;
  return (
    <table className="govuk-table">
      <TableHead caption="Open cases assigned to each caseworker" captionSize="s" columns={["Caseworker", "Team", { text: "Open cases", numeric: true }]} />
      <tbody className="govuk-table__body">
        {workload.map((row) => (
          <tr className="govuk-table__row" key={row.userId}>
            <th scope="row" className="govuk-table__header">
              <a className="govuk-link" href={caseworkerCasesHref(row.userId)}>
                {row.name}
              </a>
            </th>
            <td className="govuk-table__cell">{row.team ?? "No team"}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(row.openCases)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
