import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deadlines } from "@/db/schema";
import type { Ctx } from "../context";
import { getCaseForActor } from "../access/case-access";
import { DomainError } from "../errors";
import type { DeadlineRow } from "./clock";

/** Fetch-or-throw a deadline through its case, so a deadline on a case the actor cannot see is not_found. */
export function getDeadlineForActor(tx: DbOrTx, ctx: Pick<Ctx, "db" | "actor">, deadlineId: string): DeadlineRow {
  const deadline = tx.select().from(deadlines).where(eq(deadlines.id, deadlineId)).get();
  if (!deadline) throw new DomainError("not_found", "The deadline could not be found.");
  getCaseForActor(ctx, deadline.caseId, tx);
  return deadline;
}
