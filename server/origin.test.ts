import { afterEach, describe, expect, it, vi } from "vitest";
import { isSameOriginRequest } from "./origin";

const request = (method: string, headers: Record<string, string>, url = "http://127.0.0.1:3100/cases/abc") => new Request(url, { method, headers });

afterEach(() => vi.unstubAllEnvs());

describe("isSameOriginRequest", () => {
  it("lets reads through whatever their Origin, or without one", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isSameOriginRequest(request(method, {})), method).toBe(true);
      expect(isSameOriginRequest(request(method, { Origin: "https://attacker.example" })), method).toBe(true);
    }
  });

  it("accepts a state change from the address the request was sent to", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(isSameOriginRequest(request(method, { Origin: "http://127.0.0.1:3100", Host: "127.0.0.1:3100" })), method).toBe(true);
    }
    // Without a Host header (as in unit tests of route handlers), the request URL's own origin.
    expect(isSameOriginRequest(request("POST", { Origin: "http://127.0.0.1:3100" }))).toBe(true);
  });

  it("refuses a state change with no Origin, or Origin null", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isSameOriginRequest(request(method, { Host: "127.0.0.1:3100" })), method).toBe(false);
      expect(isSameOriginRequest(request(method, { Origin: "null", Host: "127.0.0.1:3100" })), method).toBe(false);
    }
  });

  it("refuses another site, another port, another scheme and a look-alike host", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
    const from = (origin: string) => isSameOriginRequest(request("POST", { Origin: origin, Host: "127.0.0.1:3100" }));
    expect(from("https://attacker.example")).toBe(false);
    expect(from("http://127.0.0.1:3101")).toBe(false);
    expect(from("https://127.0.0.1:3100")).toBe(false);
    expect(from("http://127.0.0.1:3100.attacker.example")).toBe(false);
    expect(from("http://127.0.0.1")).toBe(false);
    expect(from("http://localhost:3100")).toBe(false);
  });

  it("accepts only the exact origin a browser sends, not a URL that merely starts with it", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
    const from = (origin: string) => isSameOriginRequest(request("POST", { Origin: origin, Host: "127.0.0.1:3100" }));
    expect(from("http://127.0.0.1:3100")).toBe(true);
    expect(from("http://127.0.0.1:3100/")).toBe(false);
    expect(from("http://127.0.0.1:3100/cases")).toBe(false);
    expect(from("HTTP://127.0.0.1:3100")).toBe(false);
    expect(from("javascript:alert(1)")).toBe(false);
    expect(from("127.0.0.1:3100")).toBe(false);
  });

  it("accepts NEXTAUTH_URL's origin behind a TLS-terminating proxy that forwards a different Host", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://casework.regulator.example/");
    const behindProxy = (origin: string) => isSameOriginRequest(request("POST", { Origin: origin, Host: "10.0.0.5:3000" }, "http://10.0.0.5:3000/cases/abc"));
    expect(behindProxy("https://casework.regulator.example")).toBe(true);
    expect(behindProxy("http://casework.regulator.example")).toBe(false);
    expect(behindProxy("https://regulator.example")).toBe(false);
  });

  it("uses X-Forwarded-Host and X-Forwarded-Proto from the server in front, first value only", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    const headers = { Host: "10.0.0.5:3000", "X-Forwarded-Host": "casework.regulator.example, 10.0.0.5", "X-Forwarded-Proto": "https,http" };
    expect(isSameOriginRequest(request("POST", { ...headers, Origin: "https://casework.regulator.example" }, "http://10.0.0.5:3000/x"))).toBe(true);
    expect(isSameOriginRequest(request("POST", { ...headers, Origin: "http://casework.regulator.example" }, "http://10.0.0.5:3000/x"))).toBe(false);
  });

  it("treats the default port as the same origin, as browsers do", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://casework.regulator.example:443");
    expect(isSameOriginRequest(request("POST", { Origin: "https://casework.regulator.example", Host: "10.0.0.5:3000" }))).toBe(true);
  });
});
