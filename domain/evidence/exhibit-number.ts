import type { DbOrTx } from "@/db/client";
import type { FilingSide } from "@/db/schema";
import { nextCounterValue } from "../cases/allocate-reference";
import { EXHIBIT_PREFIX } from "./filing-side";

/**
 * The next exhibit number for one side of one case (C-001, R-001, X-001), taken inside the
 * caller's write transaction so numbers have no gaps and no repeats, even when both sides file at once.
 */
export function allocateExhibitNumber(tx: DbOrTx, caseId: string, side: FilingSide): string {
  const prefix = EXHIBIT_PREFIX[side];
  return `${prefix}-${String(nextCounterValue(tx, `exhibit:${caseId}:${prefix}`)).padStart(3, "0")}`;
}
