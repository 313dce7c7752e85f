import { and, count, eq } from "drizzle-orm";
import { cases } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { recordAudit } from "../audit/record";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";

/** Enough for any real practice; stops a script from filling the database with empty drafts. */
export const MAX_OPEN_DRAFTS = 50;

/** Starts an empty draft complaint owned by the signed-in party. It has no reference until submitted. */
export function startComplaint(ctx: Ctx): { id: string } {
  requirePermission(ctx.actor, "complaint.file");
  const actor = ctx.actor;
  return writeTransaction(ctx.db, (tx) => {
    const open = tx.select({ n: count() }).from(cases).where(and(eq(cases.status, "draft"), eq(cases.createdBy, actor.id))).get()?.n ?? 0;
    if (open >= MAX_OPEN_DRAFTS) {
      throw new DomainError("conflict", `You already have ${MAX_OPEN_DRAFTS} draft complaints. Submit or delete one you no longer need before you start another.`);
    }
    const id = newId();
    const at = ctx.now.toISOString();
    tx.insert(cases).values({ id, reference: null, status: "draft", title: "Draft complaint", complaint: {}, ipRights: [], technologyTags: [], createdBy: actor.id, createdAt: at, updatedAt: at }).run();
    recordAudit(tx, ctx, { action: "complaint.draft_started", caseId: id, subject: `case:${id}` });
    return { id };
  });
}
