import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditRowContent {
  seq: number;
  at: string;
  actorId: string | null;
  caseId: string | null;
  action: string;
  subject: string | null;
  /** Canonical JSON text, exactly as stored. */
  data: string;
}

/** hash = sha256(prev_hash ‖ canonical row): any change to a row, or to the order, breaks every later link. */
export function auditHash(prevHash: string, row: AuditRowContent): string {
  const canonicalRow = canonicalJson({
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    caseId: row.caseId,
    action: row.action,
    subject: row.subject,
    data: row.data,
  });
  return createHash("sha256").update(prevHash).update(canonicalRow).digest("hex");
}
