import { Tag, type TagColour } from "@/components/govuk/Tag";
import { CONFIDENTIALITY_LABELS, EVIDENCE_STATUS_LABELS, type EvidenceRow } from "@/domain/evidence/evidence-rules";

const CONFIDENTIALITY_COLOURS: Record<EvidenceRow["confidentiality"], TagColour> = { public: "turquoise", parties: "purple", restricted: "orange" };
const STATUS_COLOURS: Record<EvidenceRow["status"], TagColour> = { received: "blue", accepted: "green", rejected: "red", withdrawn: "grey", superseded: "yellow" };

export function ConfidentialityTag({ level }: { level: EvidenceRow["confidentiality"] }) {
  return <Tag colour={CONFIDENTIALITY_COLOURS[level]}>{CONFIDENTIALITY_LABELS[level]}</Tag>;
}

export function EvidenceStatusTag({ status }: { status: EvidenceRow["status"] }) {
  return <Tag colour={STATUS_COLOURS[status]}>{EVIDENCE_STATUS_LABELS[status]}</Tag>;
}
