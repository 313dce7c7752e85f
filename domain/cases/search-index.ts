import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { caseParties, cases, organisations } from "@/db/schema";

/** Flattens every string in the complaint answers into one searchable text. */
function textOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) textOf(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) textOf(item, out);
  return out;
}

/** Rewrites a case's full-text entry from its current row and parties. Call in the changing transaction. */
export function reindexCaseForSearch(tx: DbOrTx, caseId: string): void {
  const row = tx.select({ rowid: sql<number>`${cases}.rowid`, reference: cases.reference, title: cases.title, complaint: cases.complaint, status: cases.status }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return;
  tx.run(sql`DELETE FROM case_search WHERE rowid = ${row.rowid}`);
  if (row.status === "draft") return; // drafts are private to their author and never searched
  const parties = tx
    .select({ name: organisations.name })
    .from(caseParties)
    .innerJoin(organisations, eq(organisations.id, caseParties.organisationId))
    .where(eq(caseParties.caseId, caseId))
    .all()
    .map((p) => p.name)
    .join(" ");
  const body = [row.title, ...textOf(row.complaint)].join("\n");
  tx.run(sql`INSERT INTO case_search (rowid, reference, parties, body) VALUES (${row.rowid}, ${row.reference ?? ""}, ${parties}, ${body})`);
}

// In capitals these are FTS5 operators. Quoting would defuse them, but someone typing "reward AND model"
// means both words, not a third word "and", so they are dropped.
const FTS_OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/**
 * Turns what a user typed into a safe FTS5 query: each word becomes a quoted prefix term, so
 * punctuation and FTS operators in the input cannot cause a syntax error or an expensive query.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !FTS_OPERATORS.has(w))
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, "")}"*`).join(" ");
}
