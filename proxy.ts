import { NextResponse, type NextRequest } from "next/server";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/server/origin";
import { newNonce, pageContentSecurityPolicy, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/server/security-headers";

/**
 * Headers, not a gate: every page, action and route handler checks who is asking itself (Next.js
 * middleware has been bypassed before, CVE-2025-29927). The proxy
 * - refuses a state-changing request from another site, or with no Origin at all (Next.js's own
 *   server-action check compares Origin with Host but lets a missing Origin through);
 * - gives each page a fresh script nonce and the Content-Security-Policy that names it (Next.js
 *   reads the nonce from the request's policy for its own scripts; the root layout reads x-nonce);
 * - adds HSTS when the browser came over HTTPS. The upload endpoint never passes through here,
 *   so a TLS-terminating front end should set HSTS on everything it serves, uploads included.
 * It never opens the database. Headers every response needs are in next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  const https = servedOverHttps(request);
  const response = isSameOriginRequest(request) ? withPagePolicy(request, https) : crossSiteRefusal(request);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function withPagePolicy(request: NextRequest, https: boolean): NextResponse {
  // Route handlers under /api answer with data, never a page: next.config.ts gives them a
  // sandboxing policy, and a second policy here would only be intersected with it.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === "development" });
  // Overwrites anything the client sent under these names.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function crossSiteRefusal(request: NextRequest): NextResponse {
  const headers = { "Cache-Control": "no-store" };
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "forbidden", message: CROSS_SITE_MESSAGE } }, { status: 403, headers });
  }
  return new NextResponse(CROSS_SITE_MESSAGE, { status: 403, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Literal values only: Next.js reads them from the source at build time.
  matcher: [
    // Every path except the tus upload endpoint and files served as they are. /api/uploads must never
    // pass through a proxy: Next.js cuts a proxied request body at 10 MB (proxy.test.ts proves the
    // exclusion with Next.js's own matcher compiler; e2e/uploads-through-next.spec.ts sends 11 MB).
    "/((?!api/uploads|_next/static/|_next/image|vendor/|assets/|init-frontend\\.mjs$|favicon\\.ico$).*)",
    // A server action can be posted to any path, a static one included, so anything that could be
    // one (it names an action, or has a body) is checked wherever it is sent. Uploads are checked
    // by their own route.
    { source: "/((?!api/uploads).*)", has: [{ type: "header", key: "next-action" }] },
    { source: "/((?!api/uploads).*)", has: [{ type: "header", key: "content-type" }] },
  ],
};
