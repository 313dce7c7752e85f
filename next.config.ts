import type { NextConfig } from "next";

/**
 * On every response, the upload endpoint and static files included (proxy.ts never sees those).
 * Referrer-Policy must not be `no-referrer`: under it browsers send `Origin: null` on same-origin
 * form posts, which the Origin check (server/origin.ts) refuses.
 */
const EVERY_RESPONSE = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * Pages get their policy, with a per-request script nonce, from proxy.ts. Paths the proxy leaves
 * alone get a fixed one here instead; the two sets of paths do not overlap (proxy.test.ts), because
 * two policies on one response are both enforced. Route handlers answer with data or downloads,
 * never a page, so theirs lets nothing load or run (the sandbox also covers a download opened in a tab).
 */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
const STATIC_FILE_POLICY = "default-src 'none'; frame-ancestors 'none'";

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@tus/server", "@tus/file-store", "file-type", "yauzl", "pdfjs-dist"],
  poweredByHeader: false,
  // Migrations are read from db/migrations at run time.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  async headers() {
    return [
      { source: "/(.*)", headers: EVERY_RESPONSE },
      // proxy.ts adds HSTS to what it sees; this covers uploads and static files when a TLS-terminating
      // front end says the browser used HTTPS. (Such a front end should better set HSTS itself.)
      { source: "/(.*)", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] },
      { source: "/api/(.*)", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
      { source: "/(_next/static|_next/image|vendor|assets)/(.*)", headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_POLICY }] },
      { source: "/(init-frontend\\.mjs|favicon\\.ico)", headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_POLICY }] },
    ];
  },
};

export default nextConfig;
