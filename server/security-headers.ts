// No "server-only" marker: proxy.ts imports this, and the proxy is not bundled as a server component.

export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * The policy for pages. Scripts run only with this response's nonce ('strict-dynamic' lets those
 * scripts load their own modules: GOV.UK Frontend's, Next.js's chunks); 'self' is the fallback for
 * browsers older than CSP 3. Styles allow 'unsafe-inline' for style attributes (a few layout tweaks,
 * React's own), which cannot carry a nonce; adding a nonce here would switch 'unsafe-inline' off.
 */
export function pageContentSecurityPolicy(options: { nonce: string; https: boolean; development?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Whether the browser reached us over HTTPS: directly, through a TLS-terminating proxy that says
 * so (X-Forwarded-Proto), or because the service's public address is https.
 */
export function servedOverHttps(request: Request): boolean {
  if (process.env.NEXTAUTH_URL?.startsWith("https://")) return true;
  if (request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return new URL(request.url).protocol === "https:";
}
