import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, evidence } from "@/db/schema";
import type { BlobStore } from "./blob-store";
import { raiseIntegrityAlert } from "./download-evidence";

export interface BlobProblem {
  sha256: string;
  problem: "mismatch" | "missing";
  actualSha256: string | null;
  items: { evidenceId: string; caseId: string; caseReference: string | null; exhibitNumber: string }[];
}

export interface BlobVerification {
  checkedBlobs: number;
  checkedItems: number;
  problems: BlobProblem[];
}

const PAGE = 500;

/**
 * Re-hashes every blob an evidence item points at, one at a time and in pages (the database is
 * never asked for everything at once). Each item whose blob is missing or altered gets an integrity
 * alert, detected by "verify", exactly as a refused download raises one.
 */
export async function verifyEvidenceBlobs(db: Db, blobs: BlobStore, now: () => Date, onBlob?: (sha256: string) => void): Promise<BlobVerification> {
  const result: BlobVerification = { checkedBlobs: 0, checkedItems: 0, problems: [] };
  let after = "";
  for (;;) {
    const page = db
      .selectDistinct({ sha256: evidence.sha256 })
      .from(evidence)
      .where(gt(evidence.sha256, after))
      .orderBy(asc(evidence.sha256))
      .limit(PAGE)
      .all();
    if (page.length === 0) break;
    for (const { sha256 } of page) {
      onBlob?.(sha256);
      const verdict = await blobs.verify(sha256);
      const items = db
        .select({ evidenceId: evidence.id, caseId: evidence.caseId, caseReference: cases.reference, exhibitNumber: evidence.exhibitNumber })
        .from(evidence)
        .innerJoin(cases, eq(cases.id, evidence.caseId))
        .where(eq(evidence.sha256, sha256))
        .all();
      result.checkedBlobs += 1;
      result.checkedItems += items.length;
      if (verdict.status === "ok") continue;
      const actualSha256 = verdict.status === "mismatch" ? verdict.actualSha256 : null;
      const found = verdict.status === "mismatch" ? { problem: "mismatch" as const, actualSha256: verdict.actualSha256 } : { problem: "missing" as const };
      for (const item of items) {
        raiseIntegrityAlert({ db, actor: null, now: now() }, { id: item.evidenceId, caseId: item.caseId, sha256, exhibitNumber: item.exhibitNumber }, found, "verify");
      }
      result.problems.push({ sha256, problem: verdict.status, actualSha256, items });
    }
    after = page[page.length - 1]!.sha256;
  }
  return result;
}
