import { EVIDENCE_SORTS, type EvidenceSort, type SortDirection } from "@/domain/evidence/evidence-access";

/** The case page's query string for the evidence table: only known values count, anything else is the default. */
export function parseEvidenceSort(params: { evidenceSort?: string | string[]; evidenceDir?: string | string[] }): { sort: EvidenceSort; dir: SortDirection } {
  const sort = typeof params.evidenceSort === "string" && (EVIDENCE_SORTS as readonly string[]).includes(params.evidenceSort) ? (params.evidenceSort as EvidenceSort) : "exhibit";
  const dir = params.evidenceDir === "desc" ? "desc" : "asc";
  return { sort, dir };
}

export interface EvidenceSortHeader {
  sort: EvidenceSort;
  label: string;
  href: string;
  ariaSort: "ascending" | "descending" | "none";
  /** Said after the label to screen readers: what following the link does. */
  hiddenText: string;
}

const LABELS: Record<EvidenceSort, string> = { exhibit: "Exhibit", title: "Title", party: "Party", confidentiality: "Confidentiality", status: "Status", received: "Received" };

/** One header per column: the sorted column links to the other direction, the rest to ascending. */
export function evidenceSortHeaders(casePath: string, current: { sort: EvidenceSort; dir: SortDirection }): EvidenceSortHeader[] {
  return EVIDENCE_SORTS.map((sort) => {
    const active = sort === current.sort;
    const nextDir: SortDirection = active && current.dir === "asc" ? "desc" : "asc";
    const query = new URLSearchParams({ evidenceSort: sort, evidenceDir: nextDir });
    return {
      sort,
      label: LABELS[sort],
      href: `${casePath}?${query.toString()}#evidence`,
      ariaSort: active ? (current.dir === "asc" ? "ascending" : "descending") : "none",
      hiddenText: `sort by ${LABELS[sort].toLowerCase()}, ${nextDir === "asc" ? "ascending" : "descending"}`,
    };
  });
}
