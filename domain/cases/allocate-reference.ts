import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { referenceCounters } from "@/db/schema";

/**
 * Hands out the next case reference for a year, e.g. IPC-2026-000123. The increment is a single
 * upsert inside the caller's write transaction, so two submissions can never get the same number
 * and a rolled-back submission gives its number back.
 */
export function allocateCaseReference(tx: DbOrTx, year: number): string {
  return `IPC-${year}-${String(nextCounterValue(tx, `case-${year}`)).padStart(6, "0")}`;
}

/**
 * The next number in a named sequence (1, 2, 3, …), as one upsert in the caller's write
 * transaction: concurrent writers are serialised by the transaction, and a rollback hands the
 * number back, so a sequence never has gaps or repeats.
 */
export function nextCounterValue(tx: DbOrTx, scope: string): number {
  const row = tx
    .insert(referenceCounters)
    .values({ scope, lastValue: 1 })
    .onConflictDoUpdate({ target: referenceCounters.scope, set: { lastValue: sql`${referenceCounters.lastValue} + 1` } })
    .returning({ lastValue: referenceCounters.lastValue })
    .get();
  return row.lastValue;
}

/** The calendar year in the UK at a given instant (what a reference is numbered by). */
export function londonYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric" }).format(at));
}
