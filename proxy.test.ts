import { createRequire } from "node:module";
import type { IncomingMessage } from "node:http";
import { NextRequest } from "next/server";
import type { ProxyMatcher } from "next/dist/build/analysis/get-page-static-info";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { matchHas } from "next/dist/shared/lib/router/utils/prepare-destination";
import { afterEach, describe, expect, it, vi } from "vitest";
import nextConfig from "./next.config";
import { config, proxy } from "./proxy";
import { pageContentSecurityPolicy } from "./server/security-headers";

// Next.js's own compiler for the matcher (what `next build` writes into the proxy manifest), so the
// test checks the paths Next.js will actually send through the proxy, not a re-implementation.
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => ProxyMatcher[];
};
const proxyMatches = getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, {}));
const passesProxy = (pathname: string, headers: Record<string, string> = {}) => proxyMatches(pathname, { headers } as never, {});

const PAGES = ["/", "/sign-in", "/dashboard", "/cases/01JCASE", "/portal/cases/01JCASE/evidence/upload", "/public-register/feed.atom", "/notifications/01J/open", "/cases.rsc"];
const API = ["/api/dashboard", "/api/auth/callback/credentials", "/api/evidence/01J/download", "/api/health"];
const UPLOADS = ["/api/uploads", "/api/uploads/", "/api/uploads/0f3c9a1b2c", "/api/uploads/0f3c9a1b2c/"];
const STATIC_FILES = ["/_next/static/chunks/main.js", "/vendor/govuk-frontend.min.css", "/assets/images/favicon.ico", "/init-frontend.mjs", "/favicon.ico"];

afterEach(() => vi.unstubAllEnvs());

describe("the proxy matcher", () => {
  it("never sends the upload endpoint through the proxy, whatever the request carries", () => {
    const tusHeaders: Record<string, string>[] = [{}, { "content-type": "application/offset+octet-stream", "tus-resumable": "1.0.0" }, { "next-action": "abc" }, { "next-router-prefetch": "1", rsc: "1" }];
    for (const path of UPLOADS) for (const headers of tusHeaders) expect(passesProxy(path, headers), `${path} ${JSON.stringify(headers)}`).toBe(false);
  });

  it("sends every page and route handler through, prefetches and RSC requests included", () => {
    for (const path of [...PAGES, ...API]) {
      expect(passesProxy(path), path).toBe(true);
      expect(passesProxy(path, { rsc: "1", "next-router-prefetch": "1", purpose: "prefetch" }), path).toBe(true);
    }
  });

  it("leaves plain reads of static files alone, but checks anything that could be a server action posted to them", () => {
    for (const path of STATIC_FILES) {
      expect(passesProxy(path), path).toBe(false);
      expect(passesProxy(path, { "next-action": "abc" }), path).toBe(true);
      expect(passesProxy(path, { "content-type": "multipart/form-data; boundary=x" }), path).toBe(true);
    }
  });
});

type HeaderRule = { source: string; has?: { type: "header"; key: string; value?: string }[]; headers: { key: string; value: string }[] };
const headerRules = (await nextConfig.headers!()) as HeaderRule[];

/** The next.config.ts headers Next.js would add to a response for this path, matched with its own matcher. */
function configHeaders(pathname: string, requestHeaders: Record<string, string> = {}): Record<string, string> {
  const added: Record<string, string> = {};
  for (const rule of headerRules) {
    const match = getPathMatch(rule.source, { strict: true, removeUnnamedParams: true });
    if (!match(pathname)) continue;
    if (rule.has && !matchHas({ headers: requestHeaders } as unknown as IncomingMessage, {}, rule.has)) continue;
    for (const { key, value } of rule.headers) added[key.toLowerCase()] = value;
  }
  return added;
}

describe("next.config.ts headers", () => {
  it("puts the baseline headers on every response, uploads and static files included", () => {
    for (const path of [...PAGES, ...API, ...UPLOADS, ...STATIC_FILES]) {
      expect(configHeaders(path), path).toMatchObject({
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "x-frame-options": "DENY",
        "cross-origin-opener-policy": "same-origin",
      });
      expect(configHeaders(path)["permissions-policy"], path).toContain("camera=()");
    }
  });

  it("gives a fixed policy only where the proxy gives none, so a page never has two", () => {
    for (const path of PAGES) expect(configHeaders(path)["content-security-policy"], path).toBeUndefined();
    for (const path of [...API, ...UPLOADS]) expect(configHeaders(path)["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    for (const path of STATIC_FILES) expect(configHeaders(path)["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("adds HSTS for uploads and static files only when the front end says the browser used HTTPS", () => {
    for (const path of [...UPLOADS, ...STATIC_FILES]) {
      expect(configHeaders(path)["strict-transport-security"], path).toBeUndefined();
      expect(configHeaders(path, { "x-forwarded-proto": "https" })["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
    }
  });
});

const call = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  proxy(new NextRequest(`http://127.0.0.1:3100${path}`, { method: init.method ?? "GET", headers: { host: "127.0.0.1:3100", ...init.headers } }));

const scriptSrc = (policy: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "))!;

describe("proxy", () => {
  it("gives a page a fresh nonce, in its policy and in the request headers Next.js and the layout read", () => {
    const first = call("/dashboard");
    const second = call("/dashboard");
    const policy = first.headers.get("content-security-policy")!;
    const nonce = first.headers.get("x-middleware-request-x-nonce")!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(scriptSrc(policy)).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-override-headers")).toContain("x-nonce");
    expect(second.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
  });

  it("replaces a nonce or policy the client sent with its own", () => {
    const response = call("/dashboard", { headers: { "x-nonce": "chosen-by-attacker", "content-security-policy": "script-src *" } });
    expect(response.headers.get("x-middleware-request-x-nonce")).not.toBe("chosen-by-attacker");
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(response.headers.get("content-security-policy"));
  });

  it("leaves route handlers' policy to next.config.ts, so they do not get two", () => {
    const response = call("/api/dashboard");
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a cross-site or Origin-less state change with 403 and says why", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
    const origins: Record<string, string>[] = [{ origin: "https://attacker.example" }, {}, { origin: "null" }];
    for (const headers of origins) {
      const action = call("/cases/01JCASE", { method: "POST", headers: { ...headers, "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" } });
      expect(action.status).toBe(403);
      expect(await action.text()).toContain("Cross-site request refused");
      const json = call("/api/auth/callback/credentials", { method: "POST", headers });
      expect(json.status).toBe(403);
      expect(await json.json()).toEqual({ error: { code: "forbidden", message: expect.stringContaining("Cross-site request refused") } });
    }
  });

  it("lets a same-origin state change through", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
    const action = call("/cases/01JCASE", { method: "POST", headers: { origin: "http://127.0.0.1:3100", "next-action": "7f00" } });
    expect(action.status).toBe(200);
    expect(action.headers.get("x-middleware-next")).toBe("1");
  });

  it("adds HSTS and upgrade-insecure-requests only when the browser came over HTTPS", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
    const plain = call("/dashboard");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");

    const forwarded = call("/dashboard", { headers: { "x-forwarded-proto": "https" } });
    expect(forwarded.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(forwarded.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");

    vi.stubEnv("NEXTAUTH_URL", "https://casework.regulator.example");
    expect(call("/api/dashboard").headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(call("/cases/x", { method: "POST" }).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("pageContentSecurityPolicy", () => {
  it("lets only nonced scripts run, and frames nothing", () => {
    const policy = pageContentSecurityPolicy({ nonce: "bm9uY2U=", https: false });
    expect(scriptSrc(policy)).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(scriptSrc(policy)).not.toContain("unsafe-inline");
    expect(scriptSrc(policy)).not.toContain("unsafe-eval");
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "connect-src 'self'", "font-src 'self'"]) {
      expect(policy.split("; "), directive).toContain(directive);
    }
    // A nonce in style-src would switch 'unsafe-inline' (needed for style attributes) off.
    expect(policy.split("; ")).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("upgrades insecure requests under HTTPS, and allows eval only in development", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", https: true }).split("; ")).toContain("upgrade-insecure-requests");
    expect(scriptSrc(pageContentSecurityPolicy({ nonce: "n", https: false, development: true }))).toBe("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });
});
