import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { evidence, type FilingSide } from "@/db/schema";
import { DomainError } from "../errors";

export type EvidenceRow = typeof evidence.$inferSelect;

/**
 * What a new filing may replace: `supersedes` (a corrected version of an item) or
 * `nonConfidentialVersionOf` (a public version of a confidential item).
 */
export type Replacement = { kind: "supersedes"; evidenceId: string } | { kind: "nonConfidentialVersionOf"; evidenceId: string };

/**
 * The item a filing replaces, checked: on the same case, filed by the same side (anything else is
 * `not_found`, so a side cannot probe the other side's items), and still live. A non-confidential
 * version can only stand in for an item that is not already public.
 */
export function requireReplaceable(tx: DbOrTx, caseId: string, side: FilingSide, replacement: Replacement): EvidenceRow {
  const item = tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.id, replacement.evidenceId), eq(evidence.caseId, caseId)))
    .get();
  if (!item || item.filingSide !== side) throw new DomainError("not_found", "The evidence item you are replacing could not be found.");
  if (item.status === "superseded") throw new DomainError("conflict", `${item.exhibitNumber} has already been replaced by a corrected version. File against the latest version instead.`);
  if (item.status === "withdrawn") throw new DomainError("conflict", `${item.exhibitNumber} has been withdrawn, so it cannot be replaced.`);
  if (replacement.kind === "nonConfidentialVersionOf" && item.confidentiality === "public") {
    throw new DomainError("conflict", `${item.exhibitNumber} is already public, so it does not need a non-confidential version.`);
  }
  return item;
}
