import { z } from "zod";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { writeTransaction } from "../transaction";
import { CASE_CHANGED_MESSAGE } from "./state-machine";
import { moveAssignment, requireOpenForAssignment } from "./assign-case";
import { DeclarationFields, hasDeclaredConflict, recordConflictDeclaration } from "./conflict-clearance";

export const AssignCaseToMeInput = z.intersection(z.object({ caseId: z.string().min(1, "The case could not be found.") }), DeclarationFields);

/**
 * A caseworker takes an unassigned case, declaring at the same time whether they have a conflict
 * of interest with the parties. A conflict leaves the case unassigned and tells the supervisors.
 */
export function assignCaseToMe(ctx: Ctx, input: z.input<typeof AssignCaseToMeInput>): { assigned: boolean } {
  requirePermission(ctx.actor, "case.triage");
  const actor = ctx.actor;
  const { caseId, declaration, details } = parseInput(AssignCaseToMeInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const { case: row } = getCaseForActor(ctx, caseId, tx);
    requireOpenForAssignment(row);
    // Someone took the case between the page being drawn and this form being sent.
    if (row.assignedTo !== null) throw new DomainError("conflict", CASE_CHANGED_MESSAGE);
    if (hasDeclaredConflict(tx, caseId, actor.id)) throw new DomainError("forbidden", "You have declared a conflict of interest with the parties to this case, so you cannot take it.");
    recordConflictDeclaration(tx, ctx, { caseId, reference: row.reference, user: actor, declaration, details: details ?? null, unassigned: false });
    if (declaration === "conflict") return { assigned: false };
    moveAssignment(tx, ctx, row, actor, { self: true });
    return { assigned: true };
  });
}
