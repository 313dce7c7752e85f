import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidence } from "@/db/schema";
import { createTestDb, FIXED_NOW, testCtx } from "@/db/testing";
import type { Actor } from "../context";
import { getReceipt } from "./get-receipt";
import { formatFileSize, formatFileSizeExactly } from "./file-size";
import { formatReceiptTime, receiptAsText, receiptFilename } from "./receipt-text";
import { submitEvidence } from "./submit-evidence";
import { makeEvidenceWorld, thrown } from "./submission-fixtures";

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeEvidenceWorld>;
let people: ReturnType<typeof makeEvidenceWorld>["people"];

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeEvidenceWorld(db);
  people = world.people;
});
afterEach(() => testDb.close());

function fileTwo(actor: Actor, caseId: string, confidentiality: "public" | "parties" | "restricted" = "restricted") {
  return submitEvidence(testCtx(db, actor), {
    caseId,
    confidentiality,
    items: [
      { uploadId: world.makeUpload(actor, caseId, { filename: "report.pdf" }), title: "Expert report" },
      { uploadId: world.makeUpload(actor, caseId, { filename: "invoice\u202Efdp.exe" }), title: "Invoice" },
    ],
  }).submissionId;
}

describe("getReceipt", () => {
  it("gives the filer every file as received, with exhibit, size and SHA-256", () => {
    const caseId = world.makeCase();
    const submissionId = fileTwo(people.complainantLawyer, caseId);
    const receipt = getReceipt(testCtx(db, people.complainantLawyer), submissionId, caseId);
    const stored = db.select().from(evidence).where(eq(evidence.submissionId, submissionId)).all();
    expect(receipt).toMatchObject({ submissionId, caseId, caseReference: "IPC-2026-000001", filingSide: "complainant", filedByName: people.complainantLawyer.name, submittedAt: FIXED_NOW.toISOString() });
    expect(receipt.items.map((item) => [item.exhibitNumber, item.title, item.originalFilename, item.confidentiality])).toEqual([
      ["C-001", "Expert report", "report.pdf", "restricted"],
      ["C-002", "Invoice", "invoice\u202Efdp.exe", "restricted"],
    ]);
    expect(receipt.items.map((item) => [item.sha256, item.sizeBytes])).toEqual(stored.map((item) => [item.sha256, item.sizeBytes]));
  });

  it("still lists an item the filer later corrected, and says what a correction replaces", () => {
    const caseId = world.makeCase();
    const first = fileTwo(people.complainantLawyer, caseId, "parties");
    const old = db.select().from(evidence).where(eq(evidence.exhibitNumber, "C-001")).get()!;
    const { submissionId } = submitEvidence(testCtx(db, people.complainantLawyer), { caseId, supersedesId: old.id, items: [{ uploadId: world.makeUpload(people.complainantLawyer, caseId), title: "Expert report (corrected)" }] });
    expect(getReceipt(testCtx(db, people.complainantLawyer), first).items).toHaveLength(2);
    expect(getReceipt(testCtx(db, people.complainantLawyer), submissionId).items[0]).toMatchObject({ exhibitNumber: "C-003", replaces: "Corrected version of C-001" });
  });

  it("is open to the filer's side and to regulator staff, and not found for anyone else", () => {
    const caseId = world.makeCase();
    const submissionId = fileTwo(people.complainantLawyer, caseId, "public");
    for (const reader of [people.complainantLawyer, people.complainantColleague, people.caseworker, people.supervisor]) {
      expect(getReceipt(testCtx(db, reader), submissionId, caseId).items).toHaveLength(2);
    }
    for (const stranger of [people.respondentLawyer, people.outsider, people.amicus]) {
      expect(thrown(() => getReceipt(testCtx(db, stranger), submissionId, caseId)).code).toBe("not_found");
    }
    expect(thrown(() => getReceipt(testCtx(db, null), submissionId, caseId)).code).toBe("unauthenticated");
  });

  it("keeps the regulator's receipts from the parties", () => {
    const caseId = world.makeCase();
    const submissionId = fileTwo(people.caseworker, caseId, "public");
    expect(getReceipt(testCtx(db, people.otherCaseworker), submissionId).filingSide).toBe("regulator");
    expect(thrown(() => getReceipt(testCtx(db, people.complainantLawyer), submissionId)).code).toBe("not_found");
  });

  it("is not found under another case's address, or once the filer has left the case's side", () => {
    const caseId = world.makeCase();
    const otherCase = world.makeCase();
    const submissionId = fileTwo(people.complainantLawyer, caseId);
    expect(thrown(() => getReceipt(testCtx(db, people.complainantLawyer), submissionId, otherCase)).code).toBe("not_found");
    expect(thrown(() => getReceipt(testCtx(db, people.caseworker), "no-such-submission")).code).toBe("not_found");
    const departed = { ...people.complainantLawyer, organisationIds: [] };
    expect(thrown(() => getReceipt(testCtx(db, departed), submissionId, caseId)).code).toBe("not_found");
  });
});

describe("the receipt as text", () => {
  it("lists each file with its exhibit, exact size, SHA-256 and level, and shows hidden characters in names", () => {
    const caseId = world.makeCase();
    const submissionId = fileTwo(people.respondentLawyer, caseId, "parties");
    const receipt = getReceipt(testCtx(db, people.respondentLawyer), submissionId);
    const text = receiptAsText(receipt);
    expect(text).toContain("Case: IPC-2026-000001: Copied reward model");
    expect(text).toContain(`Filed by: ${people.respondentLawyer.name}, for the respondent`);
    expect(text).toContain("Received: 22 November 2026, 10:00:00 GMT");
    for (const item of receipt.items) {
      expect(text).toContain(`${item.exhibitNumber}  ${item.title}`);
      expect(text).toContain(`SHA-256: ${item.sha256}`);
      expect(text).toContain(`Size: ${formatFileSizeExactly(item.sizeBytes)}`);
    }
    expect(text).toContain("Original filename: invoice\\u202Efdp.exe");
    expect(text).not.toContain("\u202E");
    expect(text).toContain("Who may see it: Parties");
  });

  it("names the download after the case and the London date of the submission", () => {
    expect(receiptFilename({ caseReference: "IPC-2026-000001", submittedAt: "2026-06-30T23:30:00.000Z" })).toBe("receipt-IPC-2026-000001-2026-07-01.txt");
    expect(receiptFilename({ caseReference: null, submittedAt: "2026-01-05T10:00:00.000Z" })).toBe("receipt-case-2026-01-05.txt");
    expect(receiptFilename({ caseReference: 'IPC"\r\n/../x', submittedAt: "2026-01-05T10:00:00.000Z" })).toBe("receipt-IPCx-2026-01-05.txt");
  });

  it("shows sizes and times as a reader expects", () => {
    expect(formatFileSize(0)).toBe("0 bytes");
    expect(formatFileSize(1)).toBe("1 byte");
    expect(formatFileSize(1023)).toBe("1,023 bytes");
    expect(formatFileSize(1536)).toBe("1.5 KB");
    expect(formatFileSize(2_456_789)).toBe("2.3 MB");
    expect(formatFileSize(2 * 1024 ** 3)).toBe("2 GB");
    expect(formatFileSizeExactly(2_456_789)).toBe("2.3 MB (2,456,789 bytes)");
    expect(formatReceiptTime("2026-07-01T09:05:03.000Z")).toBe("1 July 2026, 10:05:03 BST");
  });
});
