// No "server-only" marker: proxy.ts imports this, and the proxy is not bundled as a server component.

/** Methods that change nothing, so a cross-site page gains nothing by sending them. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE = "Cross-site request refused. Go back to the page in IP Casework, reload it and try again.";

/** `scheme://host[:port]` as a browser serialises it, or null for anything that is not an http(s) origin. */
function canonicalOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

const firstListed = (value: string | null) => value?.split(",")[0]?.trim() || null;

/**
 * The origins this service answers on: NEXTAUTH_URL's (the public address, whatever the server in
 * front calls us), and the one this request was addressed to (Host, or X-Forwarded-Host from a
 * proxy, with X-Forwarded-Proto's scheme), so `npm start` also works when reached as 127.0.0.1.
 * A browser on another site cannot forge either header: it sets Host itself, and X-Forwarded-*
 * are not headers a cross-site form or fetch may send without a CORS preflight we never grant.
 */
function ownOrigins(request: Request): string[] {
  const origins: string[] = [];
  const configured = process.env.NEXTAUTH_URL ? canonicalOrigin(process.env.NEXTAUTH_URL) : null;
  if (configured) origins.push(configured);
  const url = new URL(request.url);
  const scheme = firstListed(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = firstListed(request.headers.get("x-forwarded-host")) ?? request.headers.get("host") ?? url.host;
  const addressed = canonicalOrigin(`${scheme}://${host}`);
  if (addressed) origins.push(addressed);
  return origins;
}

/**
 * Whether a request may change state: reads always may; anything else must carry an Origin header
 * naming this service. A missing Origin, `null` (sandboxed frames, privacy-stripped requests) or
 * another site, port or scheme is refused. Used by proxy.ts for every route it sees and by the
 * upload route, which the proxy never sees.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const sent = request.headers.get("origin");
  if (!sent) return false;
  // Only the exact serialisation a browser sends: no paths, no trailing slash, no case games.
  const origin = canonicalOrigin(sent);
  if (origin === null || origin !== sent) return false;
  return ownOrigins(request).includes(origin);
}
