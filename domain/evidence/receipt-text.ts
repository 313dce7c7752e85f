import type { Confidentiality, FilingSide } from "@/db/schema";
import { londonDateOf } from "../deadlines/london-date";
import { CONFIDENTIALITY_MEANING_FOR_RECORD, FILING_SIDE_NAME } from "./confidentiality";
import { CONFIDENTIALITY_LABELS } from "./evidence-rules";
import { revealHiddenCharacters } from "./content-disposition";
import { formatFileSizeExactly } from "./file-size";

export interface ReceiptItem {
  evidenceId: string;
  exhibitNumber: string;
  title: string;
  description: string;
  originalFilename: string;
  sizeBytes: number;
  contentType: string;
  sha256: string;
  confidentiality: Confidentiality;
  receivedAt: string;
  /** "Corrected version of C-003" or "Non-confidential version of C-003", when it replaces an item. */
  replaces: string | null;
}

/** What a filer is given after a submission: every file, with what proves it arrived intact. */
export interface EvidenceReceipt {
  submissionId: string;
  caseId: string;
  caseReference: string | null;
  caseTitle: string;
  filingSide: FilingSide;
  filedById: string;
  filedByName: string;
  submittedAt: string;
  items: ReceiptItem[];
}

// A receipt is evidence in itself: it names the zone (GMT or BST) so the time is never ambiguous.
const receiptTimeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZoneName: "short" });

/** "22 November 2026, 10:00:00 GMT", in Europe/London whatever the server's zone. */
export function formatReceiptTime(iso: string): string {
  return receiptTimeFormat.format(new Date(iso)).replace(" at ", ", ");
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** The receipt as plain text, for the download and the email: the same facts as the receipt page. */
export function receiptAsText(receipt: EvidenceReceipt): string {
  const lines = [
    "EVIDENCE RECEIPT",
    "Intellectual Property Regulator, IP Casework",
    "",
    `Case: ${receipt.caseReference ?? "(no reference yet)"}: ${oneLine(receipt.caseTitle)}`,
    `Submission: ${receipt.submissionId}`,
    `Filed by: ${oneLine(receipt.filedByName)}, for ${FILING_SIDE_NAME[receipt.filingSide]}`,
    `Received: ${formatReceiptTime(receipt.submittedAt)}`,
    `Files: ${receipt.items.length}`,
  ];
  for (const item of receipt.items) {
    lines.push(
      "",
      `${item.exhibitNumber}  ${oneLine(item.title)}`,
      ...(item.replaces ? [`  ${item.replaces}`] : []),
      `  Original filename: ${revealHiddenCharacters(item.originalFilename)}`,
      `  Size: ${formatFileSizeExactly(item.sizeBytes)}`,
      `  Type: ${item.contentType}`,
      `  SHA-256: ${item.sha256}`,
      `  Who may see it: ${CONFIDENTIALITY_LABELS[item.confidentiality]} (${CONFIDENTIALITY_MEANING_FOR_RECORD[item.confidentiality]})`,
      `  Received: ${formatReceiptTime(item.receivedAt)}`,
    );
  }
  lines.push(
    "",
    "To check that a copy of a file is exactly what we received, compute its SHA-256 hash",
    "(for example `sha256sum FILE` on Linux, `shasum -a 256 FILE` on macOS or",
    "`certutil -hashfile FILE SHA256` on Windows) and compare it with the value above.",
    "",
  );
  return lines.join("\n");
}

/** e.g. receipt-IPC-2026-000001-2026-11-22.txt: only characters safe in any file system. */
export function receiptFilename(receipt: Pick<EvidenceReceipt, "caseReference" | "submittedAt">): string {
  const reference = (receipt.caseReference ?? "case").replace(/[^A-Za-z0-9-]/g, "");
  return `receipt-${reference || "case"}-${londonDateOf(new Date(receipt.submittedAt))}.txt`;
}
