import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { mailOutbox } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, notFound, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";

export const RetryMailInput = z.object({ mailId: z.string().trim().min(1, "Choose a message to send again").max(100) });

/**
 * An administrator sends a failed message again: it goes back in the queue, due at once. Its
 * attempts are kept, so if this try fails too it is marked failed again rather than starting a
 * fresh round of automatic retries.
 */
export function retryMail(ctx: Ctx, input: z.input<typeof RetryMailInput>): void {
  requirePermission(ctx.actor, "admin.mail");
  const { mailId } = parseInput(RetryMailInput, input);
  writeTransaction(ctx.db, (tx) => {
    const mail = tx.select().from(mailOutbox).where(eq(mailOutbox.id, mailId)).get();
    if (!mail) throw notFound("message");
    const changed = tx
      .update(mailOutbox)
      .set({ status: "queued", nextAttemptAt: null })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "failed")))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", "This message is no longer marked as failed. Reload the page to see where it is.");
    recordAudit(tx, ctx, { action: "mail.retried", subject: `mail:${mailId}`, data: { to: mail.toAddress, subject: mail.subject, attempts: mail.attempts, lastError: mail.lastError } });
  });
}
