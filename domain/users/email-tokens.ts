import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailTokens } from "@/db/schema";

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];
export type EmailTokenRow = typeof emailTokens.$inferSelect;
export type EmailTokenState = "usable" | "expired" | "used" | "unknown";

export const VERIFY_EMAIL_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** An instant, not a statutory period: a DST change making it an hour longer or shorter does not matter. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** 32 random bytes as base64url: what goes in the link. Only its hash is stored, so a database leak yields no usable links. */
export function newEmailToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashEmailToken(token) };
}

export function hashEmailToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Anything that cannot be a token we issued is treated as unknown without touching the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

export function findEmailToken(db: DbOrTx, token: unknown, purpose: EmailTokenPurpose): EmailTokenRow | undefined {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return undefined;
  return db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashEmailToken(token)), eq(emailTokens.purpose, purpose)))
    .get();
}

export function emailTokenState(row: EmailTokenRow | undefined, now: Date): EmailTokenState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  if (row.expiresAt <= now.toISOString()) return "expired";
  return "usable";
}

/**
 * Marks a token used with a conditional UPDATE, so of two requests racing with the same link only
 * one gets `true`. Expiry is checked in the same statement.
 */
export function consumeEmailToken(tx: DbOrTx, row: EmailTokenRow, now: Date, userId: string | null = row.userId): boolean {
  const at = now.toISOString();
  return (
    tx
      .update(emailTokens)
      .set({ usedAt: at, userId })
      .where(and(eq(emailTokens.tokenHash, row.tokenHash), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, at)))
      .run().changes === 1
  );
}
