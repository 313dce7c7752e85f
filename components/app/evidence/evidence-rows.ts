import type { EvidenceListItem } from "@/domain/evidence/evidence-access";
import { FILING_SIDE_LABELS } from "@/domain/evidence/evidence-rules";
import { formatDateTime } from "../format";
import { confidentialityTag, evidenceStatusTag, type TagWording } from "./EvidenceTags";

/** One evidence row as the table shows it, already worded and linked, so the browser formats nothing. */
export interface EvidenceTableRow {
  id: string;
  exhibit: string;
  /** Null when the viewer may know the item exists but not open it. */
  href: string | null;
  title: string;
  challengeHref: string | null;
  challengeOpen: boolean;
  party: string;
  confidentiality: TagWording;
  status: TagWording;
  supersededBy: { exhibit: string; href: string | null } | null;
  receivedAt: string;
  received: string;
}

export function toEvidenceTableRow(item: EvidenceListItem, evidencePath: string): EvidenceTableRow {
  return {
    id: item.id,
    exhibit: item.exhibitNumber,
    href: item.redacted ? null : `${evidencePath}/${item.id}`,
    title: item.redacted ? `Restricted item ${item.exhibitNumber} (details withheld)` : (item.title ?? ""),
    challengeHref: item.canChallenge ? `${evidencePath}/${item.id}/challenge` : null,
    challengeOpen: item.challengeOpen,
    party: FILING_SIDE_LABELS[item.filingSide],
    confidentiality: confidentialityTag(item.confidentiality),
    status: evidenceStatusTag(item.status),
    supersededBy: item.supersededBy ? { exhibit: item.supersededBy.exhibitNumber, href: item.supersededBy.id ? `${evidencePath}/${item.supersededBy.id}` : null } : null,
    receivedAt: item.receivedAt,
    received: formatDateTime(item.receivedAt),
  };
}
