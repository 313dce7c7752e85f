import { Tag, type TagColour } from "@/components/govuk/Tag";
import { CONFIDENTIALITY_LABELS, EVIDENCE_STATUS_LABELS, type EvidenceRow } from "@/domain/evidence/evidence-rules";

/** A tag already worded and coloured, so a client component can show it without the label tables. */
export interface TagWording {
  text: string;
  colour: TagColour;
}

const CONFIDENTIALITY_COLOURS: Record<EvidenceRow["confidentiality"], TagColour> = { public: "turquoise", parties: "purple", restricted: "orange" };
const STATUS_COLOURS: Record<EvidenceRow["status"], TagColour> = { received: "blue", accepted: "green", rejected: "red", withdrawn: "grey", superseded: "yellow" };

export const confidentialityTag = (level: EvidenceRow["confidentiality"]): TagWording => ({ text: CONFIDENTIALITY_LABELS[level], colour: CONFIDENTIALITY_COLOURS[level] });
export const evidenceStatusTag = (status: EvidenceRow["status"]): TagWording => ({ text: EVIDENCE_STATUS_LABELS[status], colour: STATUS_COLOURS[status] });

export function ConfidentialityTag({ level }: { level: EvidenceRow["confidentiality"] }) {
  const { text, colour } = confidentialityTag(level);
  return <Tag colour={colour}>{text}</Tag>;
}

export function EvidenceStatusTag({ status }: { status: EvidenceRow["status"] }) {
  const { text, colour } = evidenceStatusTag(status);
  return <Tag colour={colour}>{text}</Tag>;
}
