import { secureCookies, sessionCookieName } from "./config";

/**
 * The session cookie, the same whether next-auth or the sign-in action sets it: out of reach of
 * page scripts (HttpOnly), not sent on cross-site posts or subresource requests (SameSite=Lax), and
 * under an https NEXTAUTH_URL sent over HTTPS only, with the `__Secure-` name prefix browsers enforce.
 */
export function sessionCookie(): { name: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean } } {
  return { name: sessionCookieName(), options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() } };
}
