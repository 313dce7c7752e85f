import type { TimelineEntry } from "@/domain/cases/get-case-timeline";
import { formatDateTime } from "./format";

/** MOJ timeline of a case's history, newest first. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="govuk-body">Nothing has happened on this case yet.</p>;
  return (
    <div className="moj-timeline">
      {entries.map((entry) => (
        <div className="moj-timeline__item" key={entry.seq}>
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{entry.label}</h3>
            <p className="moj-timeline__byline">by {entry.by}</p>
          </div>
          <p className="moj-timeline__date">
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </p>
          {entry.detail ? (
            <div className="moj-timeline__description">
              <p className="govuk-body app-preserve-lines">{entry.detail}</p>
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
