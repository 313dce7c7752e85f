export interface SummaryRow {
  key: string;
  value: React.ReactNode;
  action?: { href: string; text: string; visuallyHiddenText: string };
}

export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div className={`govuk-summary-list__row${row.action ? "" : " govuk-summary-list__row--no-actions"}`} key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <a className="govuk-link" href={row.action.href}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.visuallyHiddenText}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
