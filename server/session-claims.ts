/** What the session cookie's JWT carries: the user, and the server-side session row that must still be live. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

interface Decoded {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/** Distinct signed-in browsers remembered at once; more are decoded again as they come. */
export const SESSION_CLAIMS_CACHE_LIMIT = 5000;

/**
 * Reads the claims from a session token, remembering each token it has decoded until the token
 * expires. Decoding (key derivation and authenticated decryption) was a tenth of a short JSON poll,
 * and a browser sends the same token with every request. The claims only say which session the
 * token names: whether that session is still live, and who its user is now, is read from the
 * database on every request all the same (loadActorForSession), so signing out and disabled
 * accounts still take effect at once. Tokens that fail to decode are never remembered.
 */
export function sessionClaimsReader(decode: (token: string) => Promise<Decoded | null>, limit = SESSION_CLAIMS_CACHE_LIMIT) {
  const known = new Map<string, { claims: SessionClaims; expiresAtMs: number }>();
  return async function readClaims(token: string, nowMs: number): Promise<SessionClaims | null> {
    const found = known.get(token);
    if (found) {
      if (nowMs < found.expiresAtMs) return found.claims;
      known.delete(token);
      return null;
    }
    let decoded: Decoded | null;
    try {
      decoded = await decode(token);
    } catch {
      return null;
    }
    if (!decoded || typeof decoded.sub !== "string" || typeof decoded.sid !== "string") return null;
    const claims = { userId: decoded.sub, sessionId: decoded.sid };
    if (typeof decoded.exp === "number") {
      known.set(token, { claims, expiresAtMs: decoded.exp * 1000 });
      if (known.size > limit) known.delete(known.keys().next().value!);
    }
    return claims;
  };
}
