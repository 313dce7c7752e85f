/** A column of a GOV.UK table head: its heading, or a heading only screen readers hear. */
export type TableColumn = string | { hidden: string } | { text: string; numeric: true };

/** The caption and head row of a GOV.UK table, so each table states only its columns. */
export function TableHead({ caption, captionSize = "m", columns }: { caption: string; captionSize?: "s" | "m" | "l"; columns: TableColumn[] }) {
  return (
    <>
      <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column, index) =>
            typeof column === "string" ? (
              <th key={index} scope="col" className="govuk-table__header">
                {column}
              </th>
            ) : "hidden" in column ? (
              <th key={index} scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">{column.hidden}</span>
              </th>
            ) : (
              <th key={index} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {column.text}
              </th>
            ),
          )}
        </tr>
      </thead>
    </>
  );
}
