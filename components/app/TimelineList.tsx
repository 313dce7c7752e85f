"use client";

/** One timeline event as the page shows it, its time already worded on the server. */
export interface TimelineRow {
  key: number;
  label: string;
  by: string;
  at: string;
  when: string;
  detail: string | null;
}

/** The MOJ timeline markup, drawn from worded rows so the events cross to the browser as data (docs/adr/0013). */
export function TimelineList({ rows }: { rows: TimelineRow[] }) {
  return (
    <div className="moj-timeline">
      {rows.map((row) => (
        <div className="moj-timeline__item" key={row.key}>
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{row.label}</h3>
            <p className="moj-timeline__byline">by {row.by}</p>
          </div>
          <p className="moj-timeline__date">
            <time dateTime={row.at}>{row.when}</time>
          </p>
          {row.detail ? (
            <div className="moj-timeline__description">
              <p className="govuk-body app-preserve-lines">{row.detail}</p>
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
