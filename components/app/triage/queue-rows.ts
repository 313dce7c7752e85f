import type { CaseStatus } from "@/db/schema";
import type { TriageQueueItem, QueueClockState } from "@/domain/cases/list-triage-queue";
import { IP_RIGHT_LABELS } from "@/domain/cases/status-labels";
import type { TagColour } from "@/components/govuk/Tag";
import { formatDate } from "../format";

/** One queue row as the table shows it, already worded, so the browser formats nothing. */
export interface QueueRow {
  id: string;
  reference: string;
  parties: string;
  ipRights: string;
  received: string;
  status: CaseStatus;
  assigneeId: string;
  assigneeName: string;
  declarationNeeded: boolean;
  due: string | null;
  clock: { text: string; colour: TagColour } | null;
}

const CLOCK_TAGS: Record<Exclude<QueueClockState, "none">, { text: string; colour: TagColour }> = {
  running: { text: "Running", colour: "green" },
  stopped: { text: "Stopped", colour: "grey" },
  overdue: { text: "Overdue", colour: "red" },
  met: { text: "Met", colour: "blue" },
  missed: { text: "Missed", colour: "red" },
};

export function toQueueRow(item: TriageQueueItem): QueueRow {
  return {
    id: item.id,
    reference: item.reference ?? "No reference",
    parties: `${item.complainant ?? "Complainant not given"} v ${item.respondent ?? "respondent not given"}`,
    ipRights: item.ipRights.map((r) => IP_RIGHT_LABELS[r]).join(", ") || "Not given",
    received: formatDate(item.receivedAt),
    status: item.status,
    assigneeId: item.assignee?.id ?? "",
    assigneeName: item.assignee?.name ?? "Unassigned",
    declarationNeeded: item.declarationNeeded,
    // Calendar dates are shown at UK midday so no time zone can move them a day.
    due: item.clock.dueOn ? formatDate(`${item.clock.dueOn}T12:00:00Z`) : null,
    clock: item.clock.state === "none" ? null : CLOCK_TAGS[item.clock.state],
  };
}
