import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisationMembers, userSessions, users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { recordAudit } from "../audit/record";
import { newId } from "../ids";
import { writeTransaction } from "../transaction";

/** Opens a server-side session row; the JWT only carries its id. */
export function startSession(ctx: Pick<Ctx, "db" | "now">, userId: string, maxAgeSeconds: number): { sessionId: string; expiresAt: Date } {
  const sessionId = newId();
  const expiresAt = new Date(ctx.now.getTime() + maxAgeSeconds * 1000);
  writeTransaction(ctx.db, (tx) => {
    tx.insert(userSessions).values({ id: sessionId, userId, createdAt: ctx.now.toISOString(), expiresAt: expiresAt.toISOString() }).run();
    recordAudit(tx, { actor: { id: userId } as Actor, now: ctx.now }, { action: "user.signed_in", subject: `user:${userId}`, data: { sessionId } });
  });
  return { sessionId, expiresAt };
}

export function endSession(ctx: Pick<Ctx, "db" | "now">, sessionId: string): void {
  writeTransaction(ctx.db, (tx) => {
    const session = tx.select().from(userSessions).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt))).get();
    if (!session) return;
    tx.update(userSessions).set({ revokedAt: ctx.now.toISOString() }).where(eq(userSessions.id, sessionId)).run();
    recordAudit(tx, { actor: { id: session.userId } as Actor, now: ctx.now }, { action: "user.signed_out", subject: `user:${session.userId}`, data: { sessionId } });
  });
}

/**
 * Re-reads the user behind a session on every request, so that signing out, disabling the account
 * or changing its role takes effect at once rather than when the JWT expires.
 */
export function loadActorForSession(db: Db, claims: { userId: string; sessionId: string }, now: Date): Actor | null {
  const row = db
    .select({ user: users, session: userSessions })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(eq(userSessions.id, claims.sessionId))
    .get();
  if (!row || row.user.id !== claims.userId) return null;
  if (row.session.revokedAt || row.session.expiresAt <= now.toISOString() || row.user.disabledAt) return null;
  const organisationIds = db
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .where(eq(organisationMembers.userId, row.user.id))
    .all()
    .map((m) => m.id);
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.user.role,
    team: row.user.team,
    organisationIds,
    emailVerified: row.user.emailVerifiedAt !== null,
  };
}
