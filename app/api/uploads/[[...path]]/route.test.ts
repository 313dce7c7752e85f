import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The tus handler itself is tested in server/upload-handler.test.ts; here only what the route adds.
const handled = vi.hoisted(() => ({ requests: [] as Request[] }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/upload-handler", () => ({
  createUploadHandler: () => ({
    handle: async (request: Request) => {
      handled.requests.push(request);
      return new Response(null, { status: 201 });
    },
  }),
}));

const route = await import("./route");

beforeEach(() => {
  handled.requests = [];
  vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3100");
  // The route builds its handler's config (paths under DATA_DIR) on first use; keep that out of ./data.
  vi.stubEnv("DATA_DIR", path.join(os.tmpdir(), "ipc-upload-route-test"));
});
afterEach(() => vi.unstubAllEnvs());

const tus = (method: "POST" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS", origin?: string) =>
  new Request(`http://127.0.0.1:3100/api/uploads${method === "POST" || method === "OPTIONS" ? "" : "/0f3c9a1b"}`, {
    method,
    headers: { Host: "127.0.0.1:3100", "Tus-Resumable": "1.0.0", ...(origin ? { Origin: origin } : {}) },
  });

describe("the upload route", () => {
  it("refuses to create, continue or end an upload from another site, or with no Origin, before the handler sees it", async () => {
    for (const method of ["POST", "PATCH", "DELETE"] as const) {
      for (const origin of ["https://attacker.example", "http://127.0.0.1:3101", "null", undefined]) {
        const response = await route[method](tus(method, origin));
        expect(response.status, `${method} from ${origin}`).toBe(403);
        expect(await response.text()).toContain("Cross-site request refused");
      }
    }
    expect(handled.requests).toEqual([]);
  });

  it("passes same-origin uploads, and reads, to the tus handler", async () => {
    for (const method of ["POST", "PATCH", "DELETE"] as const) expect((await route[method](tus(method, "http://127.0.0.1:3100"))).status, method).toBe(201);
    expect((await route.HEAD(tus("HEAD"))).status).toBe(201);
    expect((await route.OPTIONS(tus("OPTIONS"))).status).toBe(201);
    expect(handled.requests.map((r) => r.method)).toEqual(["POST", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
  });
});
