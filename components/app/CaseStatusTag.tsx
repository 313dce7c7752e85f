import type { CaseStatus } from "@/db/schema";
import { CASE_STATUS_LABELS } from "@/domain/cases/status-labels";
import { Tag, type TagColour } from "@/components/govuk/Tag";

const COLOURS: Record<CaseStatus, TagColour> = {
  draft: "grey",
  submitted: "blue",
  in_triage: "light-blue",
  awaiting_information: "yellow",
  assessment: "purple",
  investigation: "orange",
  decided: "green",
  closed: "grey",
  withdrawn: "grey",
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag colour={COLOURS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}
