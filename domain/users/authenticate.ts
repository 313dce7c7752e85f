import { and, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { signInFailures, users } from "@/db/schema";
import type { Ctx } from "../context";
import { DomainError, parseInput } from "../errors";
import { recordAudit } from "../audit/record";
import { writeTransaction } from "../transaction";
import { verifyPassword } from "./passwords";

export const FAILURE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Higher than per account: one office behind a shared address has many honest users. */
export const MAX_FAILURES_PER_CLIENT = 20;

export const SignInInput = z.object({
  email: z.string({ error: "Enter your email address" }).trim().toLowerCase().min(1, "Enter your email address").max(254, "Email address must be 254 characters or fewer").email("Enter an email address in the correct format, like name@example.com"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Password must be 1024 characters or fewer"),
});

const GENERIC_FAILURE = "The email address or password is not right. Check them and try again.";
const LOCKED_OUT = `Too many failed attempts. Wait ${FAILURE_WINDOW_MINUTES} minutes, then try again.`;

/**
 * Checks an email and password. Unknown accounts, wrong passwords and disabled accounts all get the
 * same answer after the same argon2 work, so the response does not reveal which accounts exist.
 */
export async function authenticate(ctx: Pick<Ctx, "db" | "now">, input: { email: unknown; password: unknown; clientIp: string }): Promise<{ userId: string }> {
  const { email, password } = parseInput(SignInInput, { email: input.email, password: input.password });
  const accountKey = `account:${email}`;
  const clientKey = `ip:${input.clientIp}`;
  const windowStart = new Date(ctx.now.getTime() - FAILURE_WINDOW_MINUTES * 60_000).toISOString();

  const recentFailures = (key: string) =>
    ctx.db.select({ n: sql<number>`count(*)` }).from(signInFailures).where(and(eq(signInFailures.key, key), gte(signInFailures.at, windowStart))).get()?.n ?? 0;

  const user = ctx.db.select().from(users).where(eq(users.email, email)).get();
  // Always hash, even when locked out or unknown, so timing says nothing about the account.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);

  if (recentFailures(accountKey) >= MAX_FAILURES_PER_ACCOUNT || recentFailures(clientKey) >= MAX_FAILURES_PER_CLIENT) {
    throw new DomainError("rate_limited", LOCKED_OUT);
  }
  if (!user || !passwordOk || user.disabledAt) {
    writeTransaction(ctx.db, (tx) => {
      const at = ctx.now.toISOString();
      tx.insert(signInFailures).values([{ key: accountKey, at }, { key: clientKey, at }]).run();
      // Old rows only slow the count down; a day is far beyond any window we apply.
      const dayAgo = new Date(ctx.now.getTime() - 24 * 60 * 60_000).toISOString();
      tx.delete(signInFailures).where(lt(signInFailures.at, dayAgo)).run();
      recordAudit(tx, { actor: null, now: ctx.now }, { action: "user.sign_in_failed", subject: user ? `user:${user.id}` : null, data: { email, clientIp: input.clientIp } });
    });
    throw new DomainError("unauthenticated", GENERIC_FAILURE);
  }
  return { userId: user.id };
}
