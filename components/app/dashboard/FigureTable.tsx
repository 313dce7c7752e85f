import type { CellValue, FigureColumn, FigureRow } from "@/domain/dashboard/figure-lists";
import { formatDay, formatNumber } from "./format";

const EMPTY_TEXT: Record<string, string> = { caseworker: "Unassigned", reference: "No reference" };

function cellText(column: FigureColumn, value: CellValue): string {
  if (value === null) return EMPTY_TEXT[column.key] ?? "None";
  if (typeof value === "number") return formatNumber(value);
  return column.kind === "date" ? formatDay(value) : value;
}

/** The rows behind a dashboard figure: the first column names the case and links to it. */
export function FigureTable({ caption, columns, rows }: { caption: string; columns: FigureColumn[]; rows: FigureRow[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column) => (
            <th scope="col" className={`govuk-table__header${column.kind === "number" ? " govuk-table__header--numeric" : ""}`} key={column.key}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row, index) => (
          <tr className="govuk-table__row" key={`${row.caseId}-${index}`}>
            {columns.map((column) => {
              const value = row.cells[column.key] ?? null;
              if (column.kind === "case") {
                return (
                  <th scope="row" className="govuk-table__header" key={column.key}>
                    <a className="govuk-link" href={`/cases/${encodeURIComponent(row.caseId)}`}>
                      {cellText(column, value)}
                    </a>
                  </th>
                );
              }
              return (
                <td className={`govuk-table__cell${column.kind === "number" ? " govuk-table__cell--numeric" : ""}`} key={column.key}>
                  {cellText(column, value)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
