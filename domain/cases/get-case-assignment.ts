import { and, desc, eq } from "drizzle-orm";
import { conflictDeclarations, users } from "@/db/schema";
import type { Ctx } from "../context";
import { hasPermission, requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { OPEN_STATES } from "./state-machine";
import { hasClearedConflicts, hasDeclaredConflict } from "./conflict-clearance";
import { listCaseworkerOptions, type CaseworkerOption } from "./assign-case";

export type AssignmentAction = "declare" | "declare_conflict_later" | "assign_to_me" | "assign";

export interface DeclaredConflict {
  userName: string;
  declaredAt: string;
  /** Shown to supervisors only, who must find someone else for the case. */
  details: string | null;
}

export interface CaseAssignment {
  caseId: string;
  assignee: { id: string; name: string } | null;
  /** The assignee has declared no conflict and may work on the case. */
  assigneeCleared: boolean;
  conflicts: DeclaredConflict[];
  /** The viewer has declared a conflict on this case, which bars them from it. */
  viewerHasConflict: boolean;
  /** What this viewer may do about the assignment now. */
  actions: AssignmentAction[];
  /** Active caseworkers, for the supervisor's "assign" form. */
  caseworkers: CaseworkerOption[];
}

/** Who has a case, whether they have cleared conflicts, and what the viewer can do about it. Staff only. */
export function getCaseAssignment(ctx: Ctx, caseId: string): CaseAssignment {
  requirePermission(ctx.actor, "case.view_all");
  const actor = ctx.actor;
  const { case: row } = getCaseForActor(ctx, caseId);
  const assignee = row.assignedTo ? (ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.assignedTo)).get() ?? null) : null;
  const assigneeCleared = assignee !== null && hasClearedConflicts(ctx.db, caseId, assignee.id);
  const canSeeDetails = hasPermission(actor, "case.assign");
  const conflicts = ctx.db
    .select({ userName: users.name, declaredAt: conflictDeclarations.declaredAt, details: conflictDeclarations.details })
    .from(conflictDeclarations)
    .innerJoin(users, eq(users.id, conflictDeclarations.userId))
    .where(and(eq(conflictDeclarations.caseId, caseId), eq(conflictDeclarations.hasConflict, true)))
    .orderBy(desc(conflictDeclarations.declaredAt))
    .limit(100)
    .all()
    .map((c) => ({ ...c, details: canSeeDetails ? c.details : null }));

  const open = OPEN_STATES.includes(row.status);
  const viewerHasConflict = hasDeclaredConflict(ctx.db, caseId, actor.id);
  const actions: AssignmentAction[] = [];
  if (hasPermission(actor, "case.triage")) {
    if (assignee?.id === actor.id) actions.push(assigneeCleared ? "declare_conflict_later" : "declare");
    if (open && assignee === null && !viewerHasConflict) actions.push("assign_to_me");
  }
  if (open && hasPermission(actor, "case.assign")) actions.push("assign");
  return { caseId, assignee, assigneeCleared, conflicts, viewerHasConflict, actions, caseworkers: actions.includes("assign") ? listCaseworkerOptions(ctx).filter((c) => c.active) : [] };
}
