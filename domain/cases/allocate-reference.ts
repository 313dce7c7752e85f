import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { referenceCounters } from "@/db/schema";

/**
 * Hands out the next case reference for a year, e.g. IPC-2026-000123. The increment is a single
 * upsert inside the caller's write transaction, so two submissions can never get the same number
 * and a rolled-back submission gives its number back.
 */
export function allocateCaseReference(tx: DbOrTx, year: number): string {
  const row = tx
    .insert(referenceCounters)
    .values({ scope: `case-${year}`, lastValue: 1 })
    .onConflictDoUpdate({ target: referenceCounters.scope, set: { lastValue: sql`${referenceCounters.lastValue} + 1` } })
    .returning({ lastValue: referenceCounters.lastValue })
    .get();
  return `IPC-${year}-${String(row.lastValue).padStart(6, "0")}`;
}

/** The calendar year in the UK at a given instant (what a reference is numbered by). */
export function londonYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric" }).format(at));
}
