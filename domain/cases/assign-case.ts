import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cases, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor, type CaseRow } from "../access/case-access";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { notifyUser } from "../notifications/notify";
import { CASE_CHANGED_MESSAGE, OPEN_STATES, transitionCase } from "./state-machine";
import { CASE_STATUS_LABELS } from "./status-labels";
import { hasClearedConflicts, hasDeclaredConflict } from "./conflict-clearance";
import { memoizeLiveView } from "../live-view-cache";

/** One bulk assignment touches at most this many cases, so one form post stays one short transaction. */
export const MAX_BULK_ASSIGN = 100;

/** Who a case can be assigned to; the dashboard counts workload for the same roles. */
export const ASSIGNABLE_ROLES = ["caseworker", "supervisor"] as const;

export const AssignCasesInput = z.object({
  caseIds: z
    .array(z.string().trim().min(1, "The case could not be found.").max(100, "The case could not be found."))
    .min(1, "Select at least one case to assign")
    .max(MAX_BULK_ASSIGN, `Select ${MAX_BULK_ASSIGN} cases or fewer at a time`)
    .transform((ids) => [...new Set(ids)]),
  assigneeId: z.string({ error: "Select who to assign the cases to" }).trim().min(1, "Select who to assign the cases to").max(100, "Select a caseworker from the list"),
  /**
   * Who each case was assigned to when the page was drawn ("" for nobody). A case whose assignee
   * has changed since is refused with the "this case has changed" message rather than overwritten.
   */
  seen: z.record(z.string(), z.string()).optional(),
});

export interface Assignee {
  id: string;
  name: string;
}

/** An active caseworker or supervisor, or an `invalid` naming the field. */
export function loadAssignee(db: DbOrTx, assigneeId: string): Assignee {
  const user = db.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, assigneeId)).get();
  if (!user || user.disabledAt !== null || !(ASSIGNABLE_ROLES as readonly string[]).includes(user.role)) {
    throw new DomainError("invalid", "There is a problem with what you entered.", { assigneeId: "Select a caseworker from the list" });
  }
  return { id: user.id, name: user.name };
}

/** Refuses a case that is no longer open: a closed or withdrawn case has no work left to give anyone. */
export function requireOpenForAssignment(row: CaseRow): void {
  if (!OPEN_STATES.includes(row.status)) {
    throw new DomainError("conflict", `${row.reference ?? "This case"} is ${CASE_STATUS_LABELS[row.status].toLowerCase()}, so it cannot be assigned. Reload the page to see its current state.`);
  }
}

/**
 * Puts a case in someone's hands as one conditional update. A complaint still waiting in the
 * submitted pile enters triage as it is first assigned, through the state machine.
 */
export function moveAssignment(tx: DbOrTx, ctx: Pick<Ctx, "actor" | "now">, row: CaseRow, assignee: Assignee | null, audit: Record<string, unknown>): void {
  const assigneeId = assignee?.id ?? null;
  if (row.status === "submitted" && assigneeId !== null) {
    transitionCase(tx, ctx, { caseId: row.id, from: row.status, event: "start_triage", set: { assignedTo: assigneeId }, audit: { assignedTo: assigneeId } });
  } else {
    const changed = tx
      .update(cases)
      .set({ assignedTo: assigneeId, updatedAt: ctx.now.toISOString() })
      .where(and(eq(cases.id, row.id), eq(cases.status, row.status), row.assignedTo === null ? isNull(cases.assignedTo) : eq(cases.assignedTo, row.assignedTo)))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", CASE_CHANGED_MESSAGE);
  }
  recordAudit(tx, ctx, { action: assigneeId === null ? "case.unassigned" : "case.assigned", caseId: row.id, subject: `case:${row.id}`, data: { from: row.assignedTo, to: assigneeId, toName: assignee?.name ?? null, ...audit } });
}

/**
 * A supervisor assigns one case, or up to 100 at once, to a caseworker. All or nothing: a case the
 * caseworker has declared a conflict on, a closed case or a case changed since the page was drawn
 * stops the whole assignment, so the supervisor never has to work out which half went through.
 */
export function assignCases(ctx: Ctx, input: z.input<typeof AssignCasesInput>): { count: number; assignee: Assignee } {
  requirePermission(ctx.actor, "case.assign");
  const actor = ctx.actor;
  const { caseIds, assigneeId, seen } = parseInput(AssignCasesInput, input);
  return writeTransaction(ctx.db, (tx) => {
    const assignee = loadAssignee(tx, assigneeId);
    for (const caseId of caseIds) {
      const { case: row } = getCaseForActor(ctx, caseId, tx);
      requireOpenForAssignment(row);
      const seenAssignee = seen?.[caseId];
      if (seenAssignee !== undefined && seenAssignee !== (row.assignedTo ?? "")) throw new DomainError("conflict", CASE_CHANGED_MESSAGE);
      if (hasDeclaredConflict(tx, caseId, assignee.id)) {
        const message = `${assignee.name} has declared a conflict of interest with the parties to ${row.reference ?? "this case"}, so cannot be assigned it`;
        throw new DomainError("invalid", `${message}.`, { assigneeId: message });
      }
      if (row.assignedTo === assignee.id) continue;
      moveAssignment(tx, ctx, row, assignee, { bulk: caseIds.length > 1 });
      const reference = row.reference ?? "A case";
      if (assignee.id !== actor.id) {
        const cleared = hasClearedConflicts(tx, caseId, assignee.id);
        notifyUser(tx, ctx, {
          userId: assignee.id,
          caseId,
          kind: "case.assigned",
          title: `${reference}: assigned to you`,
          body: `${actor.name} has assigned ${reference} to you.${cleared ? "" : " Declare whether you have a conflict of interest with the parties before you work on it."}`,
          link: `/cases/${caseId}`,
        });
      }
      if (row.assignedTo !== null && row.assignedTo !== actor.id) {
        notifyUser(tx, ctx, { userId: row.assignedTo, caseId, kind: "case.reassigned", title: `${reference}: reassigned`, body: `${actor.name} has reassigned ${reference} to ${assignee.name}.`, link: `/cases/${caseId}` });
      }
    }
    return { count: caseIds.length, assignee };
  });
}

export interface CaseworkerOption {
  id: string;
  name: string;
  active: boolean;
}

/** Everyone a case can be assigned to or filtered by, by name. Bounded: the regulator's staff is small. */
export function listCaseworkerOptions(ctx: Pick<Ctx, "db" | "actor" | "now">): CaseworkerOption[] {
  requirePermission(ctx.actor, "case.view_all");
  // The same for all staff, and unchanged until someone writes (ADR 0011): shared, so read-only.
  return memoizeLiveView(ctx, "caseworker options", () =>
    ctx.db
      .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(inArray(users.role, [...ASSIGNABLE_ROLES]))
      .orderBy(asc(users.name), asc(users.id))
      .limit(500)
      .all()
      .map((u) => ({ id: u.id, name: u.name, active: u.disabledAt === null })),
  );
}
