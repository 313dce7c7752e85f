import type { SortHeader } from "@/components/govuk/SortableHeader";
import { EVIDENCE_SORTS, type EvidenceSort, type SortDirection } from "@/domain/evidence/evidence-access";

/** The evidence page's query string for its table: only known values count, anything else is the default. */
export function parseEvidenceSort(params: { evidenceSort?: string | string[]; evidenceDir?: string | string[] }): { sort: EvidenceSort; dir: SortDirection } {
  const sort = typeof params.evidenceSort === "string" && (EVIDENCE_SORTS as readonly string[]).includes(params.evidenceSort) ? (params.evidenceSort as EvidenceSort) : "exhibit";
  const dir = params.evidenceDir === "desc" ? "desc" : "asc";
  return { sort, dir };
}

export interface EvidenceSortHeader extends SortHeader {
  sort: EvidenceSort;
}

const LABELS: Record<EvidenceSort, string> = { exhibit: "Exhibit", title: "Title", party: "Party", confidentiality: "Confidentiality", status: "Status", received: "Received" };

/** One header per column: the sorted column links to the other direction, the rest to ascending. */
export function evidenceSortHeaders(sortPath: string, current: { sort: EvidenceSort; dir: SortDirection }): EvidenceSortHeader[] {
  return EVIDENCE_SORTS.map((sort) => {
    const active = sort === current.sort;
    const nextDir: SortDirection = active && current.dir === "asc" ? "desc" : "asc";
    const query = new URLSearchParams({ evidenceSort: sort, evidenceDir: nextDir });
    return {
      sort,
      label: LABELS[sort],
      href: `${sortPath}?${query.toString()}#evidence`,
      ariaSort: active ? (current.dir === "asc" ? "ascending" : "descending") : "none",
      hiddenText: `sort by ${LABELS[sort].toLowerCase()}, ${nextDir === "asc" ? "ascending" : "descending"}`,
    };
  });
}
