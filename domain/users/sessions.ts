import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";
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
 * The session, its user and the user's organisations in one statement. Every signed-in request runs
 * it, so it is written out once rather than built by drizzle each time: at about 0.3 ms built
 * against 0.02 ms prepared, it was a tenth of a short JSON request.
 */
const ACTOR_FOR_SESSION_SQL = `SELECT u.id, u.email, u.name, u.role, u.team, u.disabled_at AS disabledAt, u.email_verified_at AS emailVerifiedAt,
    s.revoked_at AS revokedAt, s.expires_at AS expiresAt,
    (SELECT json_group_array(m.organisation_id) FROM organisation_members m WHERE m.user_id = u.id) AS organisationIds
  FROM user_sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ?`;

interface ActorForSessionRow {
  id: string;
  email: string;
  name: string;
  role: Actor["role"];
  team: string | null;
  disabledAt: string | null;
  emailVerifiedAt: string | null;
  revokedAt: string | null;
  expiresAt: string;
  organisationIds: string;
}

/**
 * Re-reads the user behind a session on every request, so that signing out, disabling the account
 * or changing its role takes effect at once rather than when the JWT expires.
 */
export function loadActorForSession(db: Db, claims: { userId: string; sessionId: string }, now: Date): Actor | null {
  const row = db.$client.prepare(ACTOR_FOR_SESSION_SQL).get(claims.sessionId) as ActorForSessionRow | undefined;
  if (!row || row.id !== claims.userId) return null;
  if (row.revokedAt || row.expiresAt <= now.toISOString() || row.disabledAt) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    team: row.team,
    organisationIds: JSON.parse(row.organisationIds) as string[],
    emailVerified: row.emailVerifiedAt !== null,
  };
}
