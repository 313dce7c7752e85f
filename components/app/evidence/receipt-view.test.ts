import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EvidenceReceipt } from "@/domain/evidence/receipt-text";
import { EvidenceReceiptView } from "./EvidenceReceiptView";

const receipt: EvidenceReceipt = {
  submissionId: "sub-1",
  caseId: "case-1",
  caseReference: "IPC-2026-000001",
  caseTitle: "Copied reward model",
  filingSide: "respondent",
  filedById: "user-1",
  filedByName: "Priya Natarajan",
  submittedAt: "2026-07-01T09:05:03.000Z",
  items: [
    {
      evidenceId: "ev-1",
      exhibitNumber: "R-001",
      title: "<script>alert(1)</script>",
      description: "",
      originalFilename: "../../invoice\u202Efdp.exe\u0000",
      sizeBytes: 2_456_789,
      contentType: "application/pdf",
      sha256: "a".repeat(64),
      confidentiality: "restricted",
      receivedAt: "2026-07-01T09:05:03.000Z",
      replaces: "Corrected version of R-000",
    },
  ],
};

describe("EvidenceReceiptView", () => {
  const html = renderToStaticMarkup(createElement(EvidenceReceiptView, { receipt, casePath: "/portal/cases/case-1", viewerIsFiler: true }));

  it("confirms the submission and lists each file with exhibit, exact size, hash, level and London time", () => {
    expect(html).toContain('<h1 class="govuk-panel__title">Evidence submitted</h1>');
    expect(html).toContain("1 file received");
    expect(html).toContain('href="/portal/cases/case-1/evidence/ev-1">R-001</a>');
    expect(html).toContain("2.3 MB");
    expect(html).toContain("2,456,789 bytes");
    expect(html).toContain("a".repeat(64));
    expect(html).toContain("Restricted");
    expect(html).toContain("1 July 2026, 10:05:03 BST");
    expect(html).toContain("Corrected version of R-000");
    expect(html).toContain("We have emailed you a copy of this receipt.");
    expect(html).toContain('href="/api/evidence/receipts/sub-1" download="">Download this receipt as a text file</a>');
  });

  it("shows hostile titles and filenames as text, with hidden characters as codes", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("../../invoice\\u202Efdp.exe\\u0000");
    expect(html).not.toContain("\u202E");
    expect(html).not.toContain("\u0000");
  });
});
