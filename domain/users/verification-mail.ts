import type { DbOrTx } from "@/db/client";
import { emailTokens } from "@/db/schema";
import type { Ctx } from "../context";
import { absoluteUrl } from "../context";
import { queueMail } from "../notifications/notify";
import { newEmailToken, VERIFY_EMAIL_LIFETIME_MS } from "./email-tokens";

/**
 * Issues a verify-email link and queues the mail that carries it, in the caller's transaction.
 * `requestedBy` is the user who asked for a new link, or null when registration sent it: only the
 * former count towards the resend limit.
 */
export function sendVerificationLink(tx: DbOrTx, ctx: Pick<Ctx, "now" | "config">, user: { id: string; email: string; name: string }, requestedBy: string | null): void {
  const { token, tokenHash } = newEmailToken();
  const expiresAt = new Date(ctx.now.getTime() + VERIFY_EMAIL_LIFETIME_MS).toISOString();
  tx.insert(emailTokens).values({ tokenHash, purpose: "verify_email", userId: user.id, email: user.email, createdBy: requestedBy, createdAt: ctx.now.toISOString(), expiresAt }).run();
  queueMail(tx, ctx, {
    to: user.email,
    subject: "Verify your email address for IP Casework",
    body: [
      `Dear ${user.name},`,
      ``,
      `To confirm that this is your email address, open this link and select “Verify email address”:`,
      absoluteUrl(ctx.config, `/verify-email?token=${token}`),
      ``,
      `The link works once and expires in 24 hours. You need to verify your email address before you can submit a complaint or apply to file an amicus brief.`,
      ``,
      `If you did not create an account on IP Casework, you can ignore this email.`,
      ``,
      `Intellectual Property Regulator`,
    ].join("\n"),
  });
}
