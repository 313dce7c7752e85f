import type { DbOrTx } from "@/db/client";
import type { FilingSide } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { getCaseForActor } from "../access/case-access";
import { requireActor } from "../access/permissions";
import { DomainError } from "../errors";

const CLOSED_TO_FILING = new Set(["draft", "closed", "withdrawn"]);

/**
 * The side the actor files for on this case: regulator staff file as the regulator (X- exhibits),
 * a party's representative for the side their organisation is on (C- or R-). Anyone else, or a case
 * that is not open, may not file. A case the actor may not see is `not_found`.
 */
export function requireFilingSide(ctx: Pick<Ctx, "db" | "actor">, caseId: string, db: DbOrTx = ctx.db): FilingSide {
  requireActor(ctx.actor);
  const { case: row, sides } = getCaseForActor(ctx, caseId, db);
  let side: FilingSide | null = null;
  if (isStaff(ctx.actor) && ctx.actor.role !== "admin") side = "regulator";
  else if (ctx.actor.role === "party") side = sides.includes("complainant") ? "complainant" : sides.includes("respondent") ? "respondent" : null;
  if (side === null) throw new DomainError("not_found", "The case could not be found.");
  if (CLOSED_TO_FILING.has(row.status)) throw new DomainError("conflict", "Evidence can only be filed while the case is open.");
  return side;
}

export const EXHIBIT_PREFIX: Record<FilingSide, string> = { complainant: "C", respondent: "R", regulator: "X", amicus: "A" };
