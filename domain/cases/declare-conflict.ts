import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { moveAssignment } from "./assign-case";
import { DeclarationFields, recordConflictDeclaration } from "./conflict-clearance";

export const DeclareConflictInput = z.intersection(z.object({ caseId: z.string().min(1, "The case could not be found.") }), DeclarationFields);

/**
 * The caseworker a case is assigned to declares whether they have a conflict of interest with its
 * parties. "No conflict" clears them to work on it. A conflict takes them off the case (it goes
 * back to the unassigned pile), tells the supervisors, and bars them from being assigned it again.
 */
export function declareConflict(ctx: Ctx, input: z.input<typeof DeclareConflictInput>): { unassigned: boolean } {
  requirePermission(ctx.actor, "case.triage");
  const actor = ctx.actor;
  const { caseId, declaration, details } = parseInput(DeclareConflictInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    if (row.assignedTo !== actor.id) throw new DomainError("conflict", "This case is no longer assigned to you: someone has reassigned it since you opened it. Reload the page to see its current state.");
    const unassigned = declaration === "conflict";
    recordConflictDeclaration(tx, ctx, { caseId, reference: row.reference, user: actor, declaration, details: details ?? null, unassigned });
    if (unassigned) moveAssignment(tx, ctx, row, null, { reason: "conflict of interest declared" });
    return { unassigned };
  });
}
