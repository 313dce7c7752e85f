import { describe, expect, it } from "vitest";
import { evidenceSortHeaders, parseEvidenceSort } from "./evidence-sort";

describe("parseEvidenceSort", () => {
  it("reads a known column and direction, and falls back to exhibit order for anything else", () => {
    expect(parseEvidenceSort({ evidenceSort: "received", evidenceDir: "desc" })).toEqual({ sort: "received", dir: "desc" });
    expect(parseEvidenceSort({})).toEqual({ sort: "exhibit", dir: "asc" });
    expect(parseEvidenceSort({ evidenceSort: "sha256; drop table", evidenceDir: "sideways" })).toEqual({ sort: "exhibit", dir: "asc" });
    expect(parseEvidenceSort({ evidenceSort: ["title", "party"] })).toEqual({ sort: "exhibit", dir: "asc" });
  });
});

describe("evidenceSortHeaders", () => {
  it("marks the sorted column for screen readers and links it to the other direction", () => {
    const headers = evidenceSortHeaders("/cases/abc", { sort: "title", dir: "asc" });
    expect(headers.map((h) => h.label)).toEqual(["Exhibit", "Title", "Party", "Confidentiality", "Status", "Received"]);
    const title = headers.find((h) => h.sort === "title")!;
    expect(title).toMatchObject({ ariaSort: "ascending", href: "/cases/abc?evidenceSort=title&evidenceDir=desc#evidence", hiddenText: "sort by title, descending" });
    const party = headers.find((h) => h.sort === "party")!;
    expect(party).toMatchObject({ ariaSort: "none", href: "/cases/abc?evidenceSort=party&evidenceDir=asc#evidence" });
    expect(evidenceSortHeaders("/cases/abc", { sort: "title", dir: "desc" }).find((h) => h.sort === "title")).toMatchObject({ ariaSort: "descending", href: "/cases/abc?evidenceSort=title&evidenceDir=asc#evidence" });
  });
});
