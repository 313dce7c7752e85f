import { and, count, eq, gt } from "drizzle-orm";
import { emailTokens, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requireActor } from "../access/permissions";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { sendVerificationLink } from "./verification-mail";

export const MAX_VERIFICATION_RESENDS_PER_HOUR = 3;

/** Sends the signed-in user a fresh verify-email link, a few times an hour at most so the button cannot be used to flood a mailbox. */
export function resendVerificationEmail(ctx: Ctx): { email: string } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  return writeTransaction(ctx.db, (tx) => {
    const user = tx.select().from(users).where(eq(users.id, actor.id)).get();
    if (!user) throw new DomainError("unauthenticated", "Sign in to continue.");
    if (user.emailVerifiedAt) throw new DomainError("conflict", "Your email address is already verified. You do not need a new link.");
    const hourAgo = new Date(ctx.now.getTime() - 60 * 60 * 1000).toISOString();
    const recent =
      tx
        .select({ n: count() })
        .from(emailTokens)
        .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "verify_email"), eq(emailTokens.createdBy, user.id), gt(emailTokens.createdAt, hourAgo)))
        .get()?.n ?? 0;
    if (recent >= MAX_VERIFICATION_RESENDS_PER_HOUR) {
      throw new DomainError("rate_limited", `You have asked for ${MAX_VERIFICATION_RESENDS_PER_HOUR} new links in the last hour. Use the most recent link we sent, or try again later.`);
    }
    sendVerificationLink(tx, ctx, user, user.id);
    recordAudit(tx, ctx, { action: "user.verification_link_sent", subject: `user:${user.id}`, data: { email: user.email } });
    return { email: user.email };
  });
}
