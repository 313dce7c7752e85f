import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conflictDeclarations } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { notifyUser } from "../notifications/notify";
import { activeSupervisors } from "./case-recipients";

export const DECLARATIONS = ["no_conflict", "conflict"] as const;
export type Declaration = (typeof DECLARATIONS)[number];

export const DECLARATION_LABELS: Record<Declaration, string> = {
  no_conflict: "I have no conflict of interest with the parties to this case",
  conflict: "I have a conflict of interest",
};

/** Has this person ever declared a conflict on this case? Such a declaration bars them from it for good. */
export function hasDeclaredConflict(db: DbOrTx, caseId: string, userId: string): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(conflictDeclarations)
      .where(and(eq(conflictDeclarations.caseId, caseId), eq(conflictDeclarations.userId, userId), eq(conflictDeclarations.hasConflict, true)))
      .limit(1)
      .get() !== undefined
  );
}

/** Cleared to work on the case: their latest declaration on it says "no conflict". */
export function hasClearedConflicts(db: DbOrTx, caseId: string, userId: string): boolean {
  const latest = db
    .select({ hasConflict: conflictDeclarations.hasConflict })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.caseId, caseId), eq(conflictDeclarations.userId, userId)))
    .orderBy(desc(conflictDeclarations.declaredAt), desc(sql`${conflictDeclarations}.rowid`))
    .limit(1)
    .get();
  return latest?.hasConflict === false;
}

export const DECLARATION_NEEDED_MESSAGE = "Declare whether you have a conflict of interest with the parties before you act on this case.";
export const CONFLICTED_MESSAGE = "You have declared a conflict of interest with the parties to this case, so you cannot act on it.";

/**
 * The guard verbs that decide a case's course share. Anyone who has declared a conflict on the case
 * is barred from it for good, whoever it is now assigned to. A caseworker the case is assigned to
 * must first declare that they have no conflict. Others acting on the case (a supervisor covering
 * it) are not stopped here; their assignment is what would ask them.
 */
export function requireConflictClearance(db: DbOrTx, actor: Actor | null, row: { id: string; assignedTo: string | null }): void {
  const blocked = conflictBlock(db, actor, row);
  if (blocked) throw new DomainError("forbidden", blocked);
}

/** Why this actor may not act on the case because of conflicts of interest, or null if they may. */
export function conflictBlock(db: DbOrTx, actor: Actor | null, row: { id: string; assignedTo: string | null }): string | null {
  if (actor === null) return null;
  if (hasDeclaredConflict(db, row.id, actor.id)) return CONFLICTED_MESSAGE;
  if (row.assignedTo === actor.id && !hasClearedConflicts(db, row.id, actor.id)) return DECLARATION_NEEDED_MESSAGE;
  return null;
}

/** Writes the declaration and its audit event; a conflict also tells every other active supervisor. */
export function recordConflictDeclaration(
  tx: DbOrTx,
  ctx: Pick<Ctx, "actor" | "now">,
  input: { caseId: string; reference: string | null; user: { id: string; name: string }; declaration: Declaration; details: string | null; unassigned: boolean },
): void {
  const hasConflict = input.declaration === "conflict";
  const id = newId();
  tx.insert(conflictDeclarations).values({ id, caseId: input.caseId, userId: input.user.id, hasConflict, details: hasConflict ? input.details : null, declaredAt: ctx.now.toISOString() }).run();
  // The details stay out of the audit data: they can be personal, and live only in the declaration row.
  recordAudit(tx, ctx, { action: "case.conflict_declared", caseId: input.caseId, subject: `conflict_declaration:${id}`, data: { userId: input.user.id, hasConflict, unassigned: input.unassigned } });
  if (!hasConflict) return;
  const reference = input.reference ?? "A case";
  for (const supervisor of activeSupervisors(tx)) {
    if (supervisor.id === input.user.id) continue;
    notifyUser(tx, ctx, {
      userId: supervisor.id,
      caseId: input.caseId,
      kind: "case.conflict_declared",
      title: `${reference}: conflict of interest declared`,
      body: `${input.user.name} has declared a conflict of interest with the parties to ${reference}${input.unassigned ? " and has been taken off the case" : " and has not been assigned it"}. Assign it to someone else.`,
      link: `/cases/${input.caseId}`,
    });
  }
}

/** The declaration as a form asks for it: the radios, and details that are required for a conflict. */
export const DeclarationFields = z
  .object({
    declaration: z.enum(DECLARATIONS, { error: "Select whether you have a conflict of interest with the parties" }),
    details: z.string().trim().max(5000, "Details must be 5000 characters or fewer").optional(),
  })
  .superRefine((value, issues) => {
    if (value.declaration === "conflict" && !value.details) issues.addIssue({ code: "custom", path: ["details"], message: "Enter details of the conflict of interest" });
  });
