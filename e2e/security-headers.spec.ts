import { test, expect, type APIResponse, type Browser, type Request } from "@playwright/test";
import { DEMO_PASSWORD, ROLES, storageStateFor } from "./fixtures";

// Response headers, the Origin check and the known proxy-bypass tricks, against the production
// server. Node's HTTP client (Playwright's `request`) sends no Origin unless told to, unlike a browser.

const FOREIGN = "https://attacker.example";
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
const STATIC_FILE_POLICY = "default-src 'none'; frame-ancestors 'none'";

const policies = (response: APIResponse) => response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy").map((h) => h.value);

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values] as const;
      }),
  );
}

/** What every response carries, whoever serves it: the proxy, a route handler or the static file server. */
function expectBaselineHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["x-powered-by"], what).toBeUndefined();
  // Plain http here: HSTS only when the browser came over HTTPS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A page's one policy, with this response's nonce on every script the HTML carries. */
async function expectPagePolicy(response: APIResponse, what: string): Promise<string> {
  expectBaselineHeaders(response, what);
  const all = policies(response);
  expect(all, `${what}: exactly one policy`).toHaveLength(1);
  const policy = directives(all[0]!);
  const scriptSrc = policy.get("script-src")!;
  expect(scriptSrc, what).toContain("'strict-dynamic'");
  expect(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect(scriptSrc, what).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(policy.get("object-src"), what).toEqual(["'none'"]);
  expect(policy.get("base-uri"), what).toEqual(["'self'"]);
  expect(policy.has("upgrade-insecure-requests"), what).toBe(false);
  const nonce = scriptSrc.map((s) => /^'nonce-(.+)'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${what}: a nonce`).toBeTruthy();

  const html = await response.text();
  // Data blocks (type="application/json") are never run, so only script tags that execute need the nonce.
  const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/type="application\/(ld\+)?json"/.test(tag));
  expect(scripts.length, `${what}: has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${what}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
  expect(html, what).toContain('src="/init-frontend.mjs"');
  return nonce!;
}

async function flagshipCaseId(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateFor("caseworker") });
  const page = await context.newPage();
  await page.goto("/cases");
  await page.getByRole("row", { name: /attention-head configuration/ }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Internal notes" })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await context.close();
  return id;
}

test.describe("security headers", () => {
  test("a public page has its own nonce-based policy, a fresh nonce each time, and no other policy", async ({ request }) => {
    const first = await expectPagePolicy(await request.get("/sign-in"), "/sign-in");
    const second = await expectPagePolicy(await request.get("/sign-in"), "/sign-in again");
    expect(second).not.toBe(first);
    await expectPagePolicy(await request.get("/public-register"), "/public-register");
  });

  test("a signed-in page has the same policy", async ({ playwright, baseURL }) => {
    const caseworker = await playwright.request.newContext({ baseURL, storageState: storageStateFor("caseworker") });
    const response = await caseworker.get("/dashboard");
    expect(response.status()).toBe(200);
    await expectPagePolicy(response, "/dashboard");
    await caseworker.dispose();
  });

  test("in the browser, the nonced scripts run (GOV.UK Frontend starts) and nothing breaks the policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/sign-in");
    await expect.poll(() => page.evaluate(() => document.body.classList.contains("govuk-frontend-supported"))).toBe(true);
    await page.goto("/deadline-calculator");
    await expect.poll(() => page.evaluate(() => document.body.classList.contains("govuk-frontend-supported"))).toBe(true);
    expect(violations).toEqual([]);
  });

  test("JSON routes and downloads get a policy that lets nothing load or run", async ({ playwright, baseURL }) => {
    const caseworker = await playwright.request.newContext({ baseURL, storageState: storageStateFor("caseworker") });
    for (const path of ["/api/dashboard", "/api/evidence/no-such-item/download", "/api/health"]) {
      const response = await caseworker.get(path);
      expectBaselineHeaders(response, path);
      expect(policies(response), path).toEqual([API_POLICY]);
    }
    await caseworker.dispose();
  });

  test("the upload endpoint, which the proxy never sees, still gets the headers", async ({ request }) => {
    const options = await request.fetch("/api/uploads", { method: "OPTIONS" });
    const head = await request.head("/api/uploads/0123456789abcdef");
    for (const [what, response] of [["OPTIONS /api/uploads", options], ["HEAD /api/uploads/<id>", head]] as const) {
      expect(response.status(), what).toBeLessThan(500);
      expectBaselineHeaders(response, what);
      expect(policies(response), what).toEqual([API_POLICY]);
    }
  });

  test("static files get the headers and a fixed policy", async ({ request }) => {
    const html = await (await request.get("/sign-in")).text();
    const chunk = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(chunk, "a Next.js chunk on the page").toBeTruthy();
    for (const path of [chunk!, "/vendor/govuk-frontend.min.css", "/init-frontend.mjs", "/assets/images/favicon.ico"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expectBaselineHeaders(response, path);
      expect(policies(response), path).toEqual([STATIC_FILE_POLICY]);
    }
  });

  test("over HTTPS (as a TLS-terminating front end reports it) pages and uploads get HSTS", async ({ request }) => {
    const page = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(directives(policies(page)[0]!).has("upgrade-insecure-requests")).toBe(true);
    const upload = await request.fetch("/api/uploads", { method: "OPTIONS", headers: { "X-Forwarded-Proto": "https" } });
    expect(upload.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});

test.describe("the session cookie and the Origin check on sign-in", () => {
  test("signing in sets an HttpOnly, SameSite=Lax session cookie; the same action replayed from another site, or without Origin, is refused", async ({ browser, request, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(ROLES.caseworker);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    const actionRequest = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await page.getByRole("button", { name: "Sign in" }).click();
    const action: Request = await actionRequest;
    await expect(page).toHaveURL(/\/dashboard$/);

    // The browser sent its own origin with the action, which is what lets it through.
    const sent = await action.allHeaders();
    expect(sent["origin"]).toBe(baseURL);
    const setCookie = (await (await action.response())!.headerValue("set-cookie")) ?? "";
    expect(setCookie).toMatch(/next-auth\.session-token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/;\s*Secure/i); // plain http; an https NEXTAUTH_URL adds Secure (server/session-cookie.test.ts)
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    await context.close();

    // Replay the exact request (action id, body, credentials) as a cross-site page or a script would.
    const replayHeaders = Object.fromEntries(Object.entries(sent).filter(([name]) => !name.startsWith(":") && !["host", "origin", "cookie", "content-length", "referer", "connection"].includes(name)));
    const replay = (origin?: string) =>
      request.post(new URL(action.url()).pathname, { headers: { ...replayHeaders, ...(origin ? { Origin: origin } : {}) }, data: action.postDataBuffer()!, maxRedirects: 0 });
    for (const origin of [FOREIGN, "null", undefined, baseURL!.replace(/:\d+$/, ":1")]) {
      const refused = await replay(origin);
      expect(refused.status(), `from ${origin}`).toBe(403);
      expect(await refused.text(), `from ${origin}`).toContain("Cross-site request refused");
      expect(refused.headers()["set-cookie"], `from ${origin}`).toBeUndefined();
    }
    // The control: the same bytes with the right Origin do sign in.
    const accepted = await replay(baseURL);
    expect(accepted.status()).not.toBe(403);
    expect(accepted.headers()["set-cookie"] ?? "").toMatch(/next-auth\.session-token=/);
  });

  test("next-auth's POST endpoints and the upload endpoint refuse another site's Origin and a missing one", async ({ request, playwright, baseURL }) => {
    for (const origin of [FOREIGN, undefined]) {
      const response = await request.post("/api/auth/callback/credentials", {
        form: { email: ROLES.caseworker, password: DEMO_PASSWORD, csrfToken: "x", json: "true" },
        headers: origin ? { Origin: origin } : {},
        maxRedirects: 0,
      });
      expect(response.status(), `next-auth from ${origin}`).toBe(403);
      expect((await response.json()).error.message).toContain("Cross-site request refused");
    }
    const sameSite = await request.post("/api/auth/callback/credentials", { form: { csrfToken: "x" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(sameSite.status(), "same origin reaches next-auth").not.toBe(403);

    const complainant = await playwright.request.newContext({ baseURL, storageState: storageStateFor("complainant") });
    const tus = { "Tus-Resumable": "1.0.0", "Upload-Length": "1024", "Upload-Metadata": `filename ${Buffer.from("a.pdf").toString("base64")}` };
    for (const origin of [FOREIGN, undefined]) {
      const response = await complainant.post("/api/uploads", { headers: { ...tus, ...(origin ? { Origin: origin } : {}) } });
      expect(response.status(), `upload from ${origin}`).toBe(403);
      expect(await response.text()).toContain("Cross-site request refused");
    }
    await complainant.dispose();
  });
});

// Every page and route handler checks who is asking itself (DESIGN.md), so none of the tricks that
// have bypassed Next.js middleware (CVE-2025-29927 and friends) can reach protected content.
test.describe("proxy-bypass tricks get nothing protected", () => {
  const TRICKS: { name: string; headers?: Record<string, string>; query?: string }[] = [
    { name: "x-middleware-subrequest (middleware)", headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } },
    { name: "x-middleware-subrequest (src/middleware)", headers: { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" } },
    { name: "x-middleware-subrequest (proxy)", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
    { name: "RSC: 1", headers: { RSC: "1" } },
    { name: "?_rsc=", query: "?_rsc=abc" },
    { name: "RSC with a router state tree", headers: { RSC: "1", "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }])) } },
    { name: "Next-Router-Prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1" } },
    { name: "Purpose: prefetch", headers: { Purpose: "prefetch" } },
    { name: "everything at once", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy", RSC: "1", "Next-Router-Prefetch": "1", Purpose: "prefetch" }, query: "?_rsc=abc" },
  ];
  // Text only the right people see: staff dashboard figures, a staff case page's notes, the dashboard JSON.
  const PROTECTED = { dashboard: ["Cases and decisions", "All caseworkers"], casePage: ["Internal notes", "Only regulator staff can see these notes."], json: ["openByStatus", "openTotal"] };

  let caseId = "";
  test.beforeAll(async ({ browser }) => {
    caseId = await flagshipCaseId(browser);
  });

  test("the protected text really is on those pages for staff (so its absence below means something)", async ({ playwright, baseURL }) => {
    const caseworker = await playwright.request.newContext({ baseURL, storageState: storageStateFor("caseworker") });
    for (const marker of PROTECTED.dashboard) expect(await (await caseworker.get("/dashboard")).text()).toContain(marker);
    for (const marker of PROTECTED.casePage) expect(await (await caseworker.get(`/cases/${caseId}`)).text()).toContain(marker);
    for (const marker of PROTECTED.json) expect(await (await caseworker.get("/api/dashboard")).text()).toContain(marker);
    await caseworker.dispose();
  });

  for (const who of ["signed out", "a party"] as const) {
    test(`${who}: every trick against staff pages and JSON is turned away`, async ({ playwright, baseURL }) => {
      const client = await playwright.request.newContext({ baseURL, ...(who === "a party" ? { storageState: storageStateFor("complainant") } : {}) });
      for (const trick of TRICKS) {
        const targets = [
          { path: "/dashboard", markers: PROTECTED.dashboard },
          { path: `/cases/${caseId}`, markers: PROTECTED.casePage },
          { path: "/api/dashboard", markers: PROTECTED.json },
        ];
        for (const { path, markers } of targets) {
          const what = `${who}, ${trick.name}, ${path}`;
          const first = await client.get(`${path}${trick.query ?? ""}`, { headers: trick.headers ?? {}, maxRedirects: 0 });
          for (const marker of markers) expect(await first.text(), what).not.toContain(marker);
          // Next.js answers a bare `RSC: 1` with a redirect to the same path plus its cache-busting `_rsc`
          // parameter; that request, with the same headers, must be turned away too.
          const firstLocation = first.headers()["location"]?.replace(/^http:\/\/[^/]+/, "");
          const response = firstLocation?.startsWith(`${path}?_rsc`) ? await client.get(firstLocation, { headers: trick.headers ?? {}, maxRedirects: 0 }) : first;
          const body = await response.text();
          for (const marker of markers) expect(body, what).not.toContain(marker);
          if (path.startsWith("/api/")) expect(response.status(), what).toBe(who === "signed out" ? 401 : 404);
          else if (response.status() !== 200) expect([303, 307, 308, 404], what).toContain(response.status());
          // A redirect goes to sign in, never onwards to the page.
          const location = response.headers()["location"];
          if (location) expect(location, what).toMatch(/^\/sign-in\?returnTo=|^http:\/\/[^/]+\/sign-in\?returnTo=/);
        }
      }
      await client.dispose();
    });
  }
});
