import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

// appEnv() reads the environment once per process, so each case loads the modules afresh.
async function loadWith(nextauthUrl: string) {
  vi.resetModules();
  vi.stubEnv("NEXTAUTH_URL", nextauthUrl);
  vi.stubEnv("NODE_ENV", "test");
  const { sessionCookie } = await import("./session-cookie");
  const { authOptions } = await import("./auth-options");
  return { cookie: sessionCookie(), options: authOptions() };
}

afterEach(() => vi.unstubAllEnvs());

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax and Secure, with the __Secure- prefix, when the service is on https", async () => {
    const { cookie, options } = await loadWith("https://casework.regulator.example");
    expect(cookie).toEqual({ name: "__Secure-next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
    // next-auth sets the same cookie, and its CSRF and callback cookies follow useSecureCookies.
    expect(options.cookies?.sessionToken).toEqual(cookie);
    expect(options.useSecureCookies).toBe(true);
  });

  it("is HttpOnly and SameSite=Lax but not Secure on plain http (a local or test server)", async () => {
    const { cookie, options } = await loadWith("http://127.0.0.1:3100");
    expect(cookie).toEqual({ name: "next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: false } });
    expect(options.cookies?.sessionToken).toEqual(cookie);
    expect(options.useSecureCookies).toBe(false);
  });
});
