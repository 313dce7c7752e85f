import { asc, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./chain";

export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: number; problem: string };

const PAGE = 2000;

/** Walks the whole chain in pages (so memory stays flat) and names the first link that does not hold. */
export function verifyAuditChain(db: Db): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(PAGE).all();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, brokenAt: expectedSeq, problem: `audit event ${expectedSeq} is missing (next present is ${row.seq})` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenAt: row.seq, problem: `audit event ${row.seq} does not follow event ${row.seq - 1}: its prev_hash does not match` };
      }
      if (auditHash(prevHash, row) !== row.hash) {
        return { ok: false, checked, brokenAt: row.seq, problem: `audit event ${row.seq} (${row.action}) was altered: its content no longer matches its hash` };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < PAGE) return { ok: true, checked, lastHash: prevHash };
  }
}
