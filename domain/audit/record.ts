import { desc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Ctx } from "../context";
import { canonicalJson } from "./canonical-json";
import { auditHash, GENESIS_HASH } from "./chain";

export interface AuditEntry {
  action: string;
  caseId?: string | null;
  /** What the event is about, as "kind:id" (e.g. "evidence:…", "deadline:…"). */
  subject?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends one link to the audit chain. Call it with the transaction that makes the change, so the
 * change and its record commit or fail together.
 */
export function recordAudit(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, entry: AuditEntry): { seq: number; hash: string } {
  const last = tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.now.toISOString(),
    actorId: ctx.actor?.id ?? null,
    caseId: entry.caseId ?? null,
    action: entry.action,
    subject: entry.subject ?? null,
    data: canonicalJson(entry.data ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, row);
  tx.insert(auditEvents).values({ ...row, prevHash, hash }).run();
  return { seq: row.seq, hash };
}
