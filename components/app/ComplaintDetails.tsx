import { SummaryList } from "@/components/govuk/SummaryList";
import { filedComplaint } from "@/domain/complaints/summary";

/** The complaint as the complainant filed it, for the staff and party case pages. */
export function ComplaintDetails({ complaint }: { complaint: Record<string, unknown> }) {
  const { sections, summary } = filedComplaint(complaint);
  return (
    <section aria-labelledby="the-complaint">
      <h2 className="govuk-heading-m" id="the-complaint">
        The complaint
      </h2>
      {summary ? <p className="govuk-body app-preserve-lines">{summary}</p> : null}
      {sections.length === 0 && !summary ? <p className="govuk-body">The complaint has no answers recorded.</p> : null}
      {sections.map((section) => (
        <div key={section.title}>
          <h3 className="govuk-heading-s">{section.title}</h3>
          <SummaryList rows={section.rows.map((row) => ({ key: row.key, value: <span className="app-preserve-lines">{row.value}</span> }))} />
        </div>
      ))}
    </section>
  );
}
