import type { AmicusStatus } from "@/db/schema";
import { Tag, type TagColour } from "@/components/govuk/Tag";
import { AMICUS_STATUS_LABELS } from "@/domain/amicus/list-applications";

const COLOURS: Record<AmicusStatus, TagColour> = {
  applied: "blue",
  granted: "green",
  refused: "red",
  brief_filed: "turquoise",
  brief_accepted: "turquoise",
  withdrawn: "grey",
};

export function AmicusStatusTag({ status }: { status: AmicusStatus }) {
  return <Tag colour={COLOURS[status]}>{AMICUS_STATUS_LABELS[status]}</Tag>;
}
