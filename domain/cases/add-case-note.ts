import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { caseNotes, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { getCaseForActor } from "../access/case-access";
import { parseInput } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";

export const AddCaseNoteInput = z.object({
  caseId: z.string().min(1, "The case could not be found."),
  body: z.string().trim().min(1, "Enter the note").max(20000, "The note must be 20000 characters or fewer"),
});

/** An internal note: regulator staff only, never shown to parties, amicus users or the public. */
export function addCaseNote(ctx: Ctx, input: z.input<typeof AddCaseNoteInput>) {
  requirePermission(ctx.actor, "case.note");
  const actor = ctx.actor;
  const { caseId, body } = parseInput(AddCaseNoteInput, input);
  writeTransaction(ctx.db, (tx) => {
    getCaseForActor(ctx, caseId, tx);
    const id = newId();
    tx.insert(caseNotes).values({ id, caseId, authorId: actor.id, body, createdAt: ctx.now.toISOString() }).run();
    // The note's text stays out of the audit data: the audit trail may be shown more widely than notes.
    recordAudit(tx, ctx, { action: "case.note_added", caseId, subject: `note:${id}`, data: { length: body.length } });
  });
}

export function listCaseNotes(ctx: Ctx, caseId: string) {
  requirePermission(ctx.actor, "case.note");
  getCaseForActor(ctx, caseId);
  return ctx.db
    .select({ id: caseNotes.id, body: caseNotes.body, createdAt: caseNotes.createdAt, author: users.name })
    .from(caseNotes)
    .innerJoin(users, eq(users.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, caseId))
    .orderBy(desc(caseNotes.createdAt))
    .limit(200)
    .all();
}
