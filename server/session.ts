import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import { DEFAULT_CONFIG, type Actor, type Ctx } from "@/domain/context";
import { loadActorForSession } from "@/domain/users/sessions";
import { appEnv, publicBaseUrl, sessionCookieName, SESSION_MAX_AGE_SECONDS } from "./config";
import { sessionCookie } from "./session-cookie";
import { sessionClaimsReader, type SessionClaims } from "./session-claims";

const readClaims = sessionClaimsReader((token) => decode({ token, secret: appEnv().NEXTAUTH_SECRET }));

async function readSessionClaims(): Promise<SessionClaims | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  return readClaims(token, Date.now());
}

/** The signed-in user for this request, re-read from the database; `null` when signed out. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  return loadActorForSession(getDb(), claims, new Date());
});

export const getSessionId = cache(async (): Promise<string | null> => (await readSessionClaims())?.sessionId ?? null);

/** The context every verb receives, for this request. */
export async function getCtx(): Promise<Ctx> {
  return { db: getDb(), actor: await getActor(), now: new Date(), config: { ...DEFAULT_CONFIG, maxUploadBytes: appEnv().MAX_UPLOAD_BYTES, baseUrl: publicBaseUrl() } };
}

/** Mints the same JWT the next-auth credentials flow issues, carrying the server-side session id. */
export async function setSessionCookie(userId: string, sessionId: string): Promise<void> {
  const token = await encode({ token: { sub: userId, sid: sessionId }, secret: appEnv().NEXTAUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
  const { name, options } = sessionCookie();
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}

/** The caller's address, as the server in front of us reports it; used only to limit sign-in failures. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
