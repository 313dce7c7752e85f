import { MaybeLink } from "@/components/govuk/MaybeLink";
import styles from "./dashboard.module.css";
import { formatNumber } from "./format";

export interface Bar {
  key: string;
  label: string;
  href?: string;
  value: number;
}

/**
 * A horizontal bar chart as a list: every bar has its label and its value in text, so nothing is
 * carried by colour or length alone, and the bars themselves are hidden from assistive technology.
 */
export function BarList({ bars, unit }: { bars: Bar[]; unit: string }) {
  // Widths to a tenth of a percent: finer is invisible and only adds bytes to every row.
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul className={styles.bars}>
      {bars.map((bar) => (
        <li className={styles.barRow} key={bar.key}>
          <span className="govuk-body-s govuk-!-margin-bottom-0">
            <MaybeLink href={bar.href}>{bar.label}</MaybeLink>
          </span>
          <span className={styles.barTrack}>
            <span aria-hidden="true" className={`${styles.bar}${bar.value === 0 ? ` ${styles.barEmpty}` : ""}`} style={{ width: `${Math.round((700 * bar.value) / max) / 10}%` }} />
            <span className={`govuk-body-s govuk-!-margin-bottom-0 ${styles.value}`}>
              {formatNumber(bar.value)}
              <span className="govuk-visually-hidden"> {unit}</span>
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The chart's figures as a table, behind a GOV.UK details, for anyone who prefers the numbers. */
export function ChartTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: { key: string; cells: React.ReactNode[] }[] }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Show the data as a table</span>
      </summary>
      <div className="govuk-details__text">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {headers.map((header, i) => (
                <th scope="col" className={`govuk-table__header${i > 0 && i === headers.length - 1 ? " govuk-table__header--numeric" : ""}`} key={header}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((row) => (
              <tr className="govuk-table__row" key={row.key}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    <th scope="row" className="govuk-table__header" key={i}>
                      {cell}
                    </th>
                  ) : (
                    <td className={`govuk-table__cell${i === row.cells.length - 1 ? " govuk-table__cell--numeric" : ""}`} key={i}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
