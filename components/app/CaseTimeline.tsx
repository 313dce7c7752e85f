import type { TimelineEntry } from "@/domain/cases/get-case-timeline";
import { formatDateTime } from "./format";
import { TimelineList } from "./TimelineList";

/** MOJ timeline of a case's history, newest first. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="govuk-body">Nothing has happened on this case yet.</p>;
  return <TimelineList rows={entries.map((entry) => ({ key: entry.seq, label: entry.label, by: entry.by, at: entry.at, when: formatDateTime(entry.at), detail: entry.detail }))} />;
}
