import { and, desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";

/** How each audited evidence action reads in a chain of custody. */
const CUSTODY_LABELS: Record<string, string> = {
  "evidence.submitted": "Filed",
  "evidence.received": "Filed",
  "evidence.filed": "Filed",
  "evidence.superseded": "Replaced by a corrected version",
  "evidence.non_confidential_version_filed": "Non-confidential version filed",
  "evidence.viewed": "Viewed",
  "evidence.downloaded": "Downloaded",
  "evidence.withdrawn": "Withdrawn",
  "evidence.accepted": "Accepted as evidence",
  "evidence.rejected": "Rejected as evidence",
  "evidence.confidentiality_challenged": "Confidentiality challenged",
  "evidence.challenge_upheld": "Confidentiality challenge decided: claim upheld",
  "evidence.challenge_rejected": "Confidentiality challenge decided: claim rejected",
  "evidence.integrity_failed": "Integrity check failed",
};

/** Seen by regulator staff only: an integrity failure is for the regulator to investigate and explain. */
const STAFF_ONLY = new Set(["evidence.integrity_failed"]);

export const CUSTODY_LOG_LIMIT = 500;

export interface CustodyEntry {
  seq: number;
  at: string;
  by: string;
  what: string;
  /** Reasons given for a change, which everyone who may see the item may also read on its page. */
  detail: string | null;
}

const humanise = (action: string) => {
  const words = action.replace(/^evidence\./, "").replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Every audit event about one item — its own (`subject = evidence:<id>`) and those that name it
 * (`data.evidenceId`) — newest first. Evidence events always carry their case, so the case index
 * bounds the search.
 */
export function listCustodyLog(db: DbOrTx, item: { id: string; caseId: string }, options: { staff: boolean }): { entries: CustodyEntry[]; truncated: boolean } {
  const rows = db
    .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action, data: auditEvents.data, by: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.caseId, item.caseId), or(eq(auditEvents.subject, `evidence:${item.id}`), sql`json_extract(${auditEvents.data}, '$.evidenceId') = ${item.id}`)))
    .orderBy(desc(auditEvents.seq))
    .limit(CUSTODY_LOG_LIMIT + 1)
    .all();
  const entries: CustodyEntry[] = [];
  for (const row of rows.slice(0, CUSTODY_LOG_LIMIT)) {
    if (!options.staff && STAFF_ONLY.has(row.action)) continue;
    const data = JSON.parse(row.data) as Record<string, unknown>;
    entries.push({ seq: row.seq, at: row.at, by: row.by ?? "The system", what: CUSTODY_LABELS[row.action] ?? humanise(row.action), detail: typeof data.reasons === "string" ? data.reasons : null });
  }
  return { entries, truncated: rows.length > CUSTODY_LOG_LIMIT };
}
