import { and, eq, isNull } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { DomainError } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { consumeEmailToken, emailTokenState, findEmailToken, type EmailTokenState } from "./email-tokens";

export const VERIFY_LINK_PROBLEMS: Record<Exclude<EmailTokenState, "usable">, string> = {
  unknown: "This link is not valid. Check that you copied the whole link from the email, or ask for a new one.",
  used: "This link has already been used. If you have verified your email address, you can sign in. Otherwise ask for a new link.",
  expired: "This link has expired. Links to verify your email address last 24 hours. Ask for a new one.",
};

/** What a verify-email link is good for, without using it: mail scanners open links before people do. */
export function verificationLinkState(ctx: Pick<Ctx, "db" | "now">, token: unknown): EmailTokenState {
  return emailTokenState(findEmailToken(ctx.db, token, "verify_email"), ctx.now);
}

/** Uses a verify-email link: once only, before it expires. Needs no sign-in, because the link is the proof. */
export function verifyEmail(ctx: Pick<Ctx, "db" | "now">, input: { token: unknown }): { userId: string; email: string } {
  const row = findEmailToken(ctx.db, input.token, "verify_email");
  const state = emailTokenState(row, ctx.now);
  if (!row || state !== "usable") throw new DomainError(state === "unknown" ? "not_found" : "conflict", VERIFY_LINK_PROBLEMS[state === "usable" ? "unknown" : state]);
  const userId = row.userId;
  if (!userId) throw new DomainError("not_found", VERIFY_LINK_PROBLEMS.unknown);
  return writeTransaction(ctx.db, (tx) => {
    if (!consumeEmailToken(tx, row, ctx.now)) throw new DomainError("conflict", VERIFY_LINK_PROBLEMS.used);
    // Only the address the link was sent to is verified: if the account's address had changed, this link proves nothing.
    const verified = tx
      .update(users)
      .set({ emailVerifiedAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() })
      .where(and(eq(users.id, userId), eq(users.email, row.email), isNull(users.emailVerifiedAt)))
      .run().changes;
    recordAudit(tx, { actor: { id: userId } as Actor, now: ctx.now }, { action: "user.email_verified", subject: `user:${userId}`, data: { email: row.email, alreadyVerified: verified === 0 } });
    return { userId, email: row.email };
  });
}
