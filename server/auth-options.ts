import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticate } from "@/domain/users/authenticate";
import { endSession, startSession } from "@/domain/users/sessions";
import { appEnv, secureCookies, SESSION_MAX_AGE_SECONDS } from "./config";
import { sessionCookie } from "./session-cookie";

/**
 * next-auth v4, JWT sessions of at most 8 hours. The JWT carries a server-side session id (`sid`),
 * and every request re-reads that session and its user (server/session.ts), so sign-out and
 * disabling an account take effect on the next request.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: appEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    // Explicit rather than inferred from NEXTAUTH_URL: next-auth's CSRF and callback cookies get the
    // same Secure flag and prefixes as the session cookie.
    useSecureCookies: secureCookies(),
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const forwarded = req?.headers?.["x-forwarded-for"];
          const clientIp = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || "unknown";
          try {
            const { userId } = await authenticate({ db: getDb(), now: new Date() }, { email: credentials?.email, password: credentials?.password, clientIp });
            return { id: userId };
          } catch {
            return null;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const { sessionId } = startSession({ db: getDb(), now: new Date() }, user.id, SESSION_MAX_AGE_SECONDS);
          token.sid = sessionId;
        }
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") endSession({ db: getDb(), now: new Date() }, token.sid);
      },
    },
  };
}
