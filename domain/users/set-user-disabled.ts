import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { userSessions, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";

export const SetUserDisabledInput = z.object({
  userId: z.string().min(1, "The user could not be found."),
  disabled: z.boolean(),
  reason: z.string().trim().min(1, "Enter a reason").max(1000, "Reason must be 1000 characters or fewer"),
});

/** Disables or re-enables an account. Disabling also ends every open session at once. */
export function setUserDisabled(ctx: Ctx, input: z.input<typeof SetUserDisabledInput>): void {
  requirePermission(ctx.actor, "admin.users");
  const actor = ctx.actor;
  const { userId, disabled, reason } = parseInput(SetUserDisabledInput, input);
  if (userId === actor.id && disabled) throw new DomainError("invalid", "You cannot disable your own account.", { reason: "You cannot disable your own account" });
  writeTransaction(ctx.db, (tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw new DomainError("not_found", "The user could not be found.");
    const now = ctx.now.toISOString();
    const changed = tx
      .update(users)
      .set({ disabledAt: disabled ? now : null, updatedAt: now })
      .where(and(eq(users.id, userId), disabled ? isNull(users.disabledAt) : eq(users.disabledAt, user.disabledAt ?? "")))
      .run().changes;
    if (changed === 0) throw new DomainError("conflict", disabled ? "This account is already disabled." : "This account is already active.");
    if (disabled) tx.update(userSessions).set({ revokedAt: now }).where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt))).run();
    recordAudit(tx, ctx, { action: disabled ? "user.disabled" : "user.enabled", subject: `user:${userId}`, data: { email: user.email, reason } });
  });
}
