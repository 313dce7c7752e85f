import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CASE_STATUSES, IP_RIGHTS } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import type { Ctx } from "@/domain/context";
import { FIGURES } from "@/domain/dashboard/figure-lists";
import { DEADLINE_COUNTS, DEADLINE_ROLLS, DEADLINE_UNITS } from "@/domain/deadlines/engine";
import { DEADLINE_CALENDARS } from "@/domain/deadlines/holidays";
import { DEADLINE_SORTS, DEADLINE_TABS } from "@/domain/deadlines/list-deadlines";
import {
  describeEntries,
  fuzzRuns,
  hostileString,
  makeFuzzWorld,
  PARTIES,
  problemsWithRejection,
  realistic,
  roleFor,
  ROLES,
  STAFF,
  uselessMessage,
  wellFormed,
  type FieldKind,
  type FuzzRole,
  type FuzzWorld,
  type IdTable,
} from "./fuzz-hostile";

/*
 * Every route handler, sent hostile query strings, path parameters, headers and bodies as each kind
 * of user. Property: never a 5xx, and every JSON refusal carries an error message that says what to
 * fix. Seeded by vitest.setup.ts (FC_SEED replays a failure; fast-check prints the seed).
 */

const harness = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/server/session", () => ({
  getCtx: async () => harness.ctx,
  getActor: async () => harness.ctx?.actor ?? null,
  getSessionId: async () => null,
  setSessionCookie: async () => undefined,
  clearSessionCookie: async () => undefined,
  clientIp: async () => "203.0.113.9",
}));
// The calendar feed, the health check and sign-in open the process's database themselves.
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => world.db }));

const ORIGIN = "http://127.0.0.1:3100";
const RUNS = 40;

let testDb: ReturnType<typeof createTestDb>;
let world: FuzzWorld;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-fuzz-routes-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  testDb = createTestDb();
  world = await makeFuzzWorld(testDb.db);
});
afterAll(() => {
  testDb.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const routes = {
  calendar: await import("@/app/api/calendar/[token]/route"),
  dashboardExport: await import("@/app/api/dashboard/export/[figure]/route"),
  dashboard: await import("@/app/api/dashboard/route"),
  deadlineCalculator: await import("@/app/api/deadlines/calculate/route"),
  deadlinesExport: await import("@/app/api/deadlines/export/route"),
  deadlines: await import("@/app/api/deadlines/route"),
  evidenceDownload: await import("@/app/api/evidence/[evidenceId]/download/route"),
  receipt: await import("@/app/api/evidence/receipts/[submissionId]/route"),
  health: await import("@/app/api/health/route"),
  unreadCount: await import("@/app/api/notifications/unread-count/route"),
  triageExport: await import("@/app/api/triage/export/route"),
  uploads: await import("@/app/api/uploads/[[...path]]/route"),
  registerJson: await import("@/app/(public)/public-register/feed.json/route"),
  registerAtom: await import("@/app/(public)/public-register/feed.atom/route"),
  openNotification: await import("@/app/notifications/[notificationId]/open/route"),
};

// ---------------------------------------------------------------------------------------------
// Hostile requests

const id = (...tables: IdTable[]): FieldKind => ({ kind: "id", pool: () => [...tables.flatMap((table) => world.ids[table]()), ...world.anyId().filter((_, index) => index % 17 === 0)] });
const options = (...values: readonly string[]): FieldKind => ({ kind: "options", options: values });
const date: FieldKind = { kind: "date" };
const number: FieldKind = { kind: "number" };
const text: FieldKind = { kind: "text" };

/** A value for a parameter: realistic for its kind, or hostile. */
const valueFor = (kind: FieldKind) => fc.oneof({ weight: 2, arbitrary: realistic(kind) }, { weight: 3, arbitrary: hostileString });

/** Raw query fragments URLSearchParams would never write: bad escapes, encoded NULs, bare keys. */
const RAW_FRAGMENTS = ["%00=%00", "a=%E0%A4%A", "%=%", "=", "&", "x", "status=%FF%FE", "q=%2e%2e%2f", "period=30&period=90", "caseworker[]=1", "__proto__[x]=1", "constructor=1"];

/** A query string: the route's own parameters (missing, once or repeated), random others, and raw fragments. */
function queryString(params: Record<string, FieldKind>): fc.Arbitrary<string> {
  const own = Object.entries(params).map(([name, kind]) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as [string, string][]) },
      { weight: 5, arbitrary: valueFor(kind).map((value): [string, string][] => [[name, value]]) },
      { weight: 1, arbitrary: fc.array(valueFor(kind), { minLength: 2, maxLength: 3 }).map((values) => values.map((value): [string, string] => [name, value])) },
    ),
  );
  const random = fc.array(fc.tuple(fc.oneof(hostileString, fc.string({ maxLength: 10 })), hostileString), { maxLength: 3 });
  return fc.tuple(fc.tuple(...own), random, fc.array(fc.constantFrom(...RAW_FRAGMENTS), { maxLength: 2 })).map(([ownPairs, randomPairs, raw]) => {
    // URLSearchParams writes lone surrogates as U+FFFD, as a browser would.
    const search = new URLSearchParams([...ownPairs.flat(), ...randomPairs]).toString();
    return [search, ...raw].filter(Boolean).join("&");
  });
}

/**
 * A path parameter as Next hands it to the handler: decoded from the URL, so anything at all except
 * a lone surrogate (UTF-8 cannot encode one, so no URL decodes to one).
 */
const pathParam = (kind: FieldKind) => valueFor(kind).map(wellFormed);
const segment = (value: string) => encodeURIComponent(wellFormed(value));

// ---------------------------------------------------------------------------------------------
// The rule for responses

async function problemsWithResponse(response: Response, allowedStatus?: number): Promise<string[]> {
  if (!(response instanceof Response)) return [`returned something that is not a Response: ${String(response)}`];
  if (response.status >= 500 && response.status !== allowedStatus) return [`answered ${response.status}: ${(await response.text()).slice(0, 300)}`];
  if (response.status < 400) {
    await response.body?.cancel();
    return [];
  }
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) {
    // Plain text and HTML refusals (the calendar's 404, the upload's reasons, which the page shows
    // against the file) must still say something, and in words a person can act on.
    const body = await response.text();
    if (response.status === 405 || response.headers.get("location")) return [];
    const useless = uselessMessage(body);
    return useless ? [`answered ${response.status} with a body that is ${useless}`] : [];
  }
  const body = (await response.json()) as { error?: { message?: unknown; fieldErrors?: unknown } };
  if (!body.error) return [`answered ${response.status} with JSON that has no error: ${JSON.stringify(body).slice(0, 300)}`];
  return problemsWithRejection(body.error.message, body.error.fieldErrors ?? {}).map((problem) => `${response.status}: ${problem}`);
}

/** One request through a handler, failing the property with a readable description if the answer is wrong. */
async function check(description: string, role: FuzzRole, send: () => Promise<Response> | Response, allowedStatus?: number): Promise<void> {
  harness.ctx = world.ctxFor(role);
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    throw new Error(`${description} as ${role} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (a 500)`, { cause: error });
  }
  const problems = await problemsWithResponse(response, allowedStatus);
  if (problems.length) throw new Error(`${description} as ${role}: ${problems.join("; ")}`);
}

const get = (pathname: string, query: string, headers: Record<string, string> = {}) => new NextRequest(`${ORIGIN}${pathname}${query ? `?${query}` : ""}`, { headers });

// ---------------------------------------------------------------------------------------------
// GET routes with query strings and path parameters

interface GetRouteSpec {
  route: string;
  roles: readonly FuzzRole[];
  query?: () => Record<string, FieldKind>;
  param?: { name: string; kind: () => FieldKind };
  send: (query: string, param: string) => Promise<Response> | Response;
  runs?: number;
}

const GET_ROUTES: GetRouteSpec[] = [
  {
    route: "GET /api/calendar/[token]",
    roles: ["signedOut"],
    param: { name: "token", kind: () => ({ kind: "options", options: [...world.calendarTokens, ...world.calendarTokens.map((token) => `${token}.ics`)] }) },
    send: (query, token) => routes.calendar.GET(get(`/api/calendar/${segment(token)}`, query), { params: Promise.resolve({ token }) }),
  },
  {
    route: "GET /api/dashboard/export/[figure]",
    roles: STAFF,
    query: () => ({ caseworker: id("users"), team: options("AI and software"), period: options("30", "90", "180"), status: options(...CASE_STATUSES), level: options("red", "amber"), week: date }),
    param: { name: "figure", kind: () => options(...FIGURES) },
    send: (query, figure) => routes.dashboardExport.GET(get(`/api/dashboard/export/${segment(figure)}`, query), { params: Promise.resolve({ figure }) }),
  },
  {
    route: "GET /api/dashboard",
    roles: STAFF,
    query: () => ({ caseworker: id("users"), team: options("AI and software"), period: options("30", "90", "180") }),
    send: (query) => routes.dashboard.GET(get("/api/dashboard", query)),
  },
  {
    route: "GET /api/deadlines/calculate",
    roles: ["signedOut"],
    query: () => ({ start: date, length: number, unit: options(...DEADLINE_UNITS), count: options(...DEADLINE_COUNTS), calendar: options(...DEADLINE_CALENDARS), roll: options(...DEADLINE_ROLLS), stop: options("2026-12-01..2026-12-05", "2026-12-05..2026-12-01") }),
    send: (query) => routes.deadlineCalculator.GET(get("/api/deadlines/calculate", query)),
  },
  {
    route: "GET /api/deadlines/export",
    roles: STAFF,
    query: () => ({ tab: options(...DEADLINE_TABS), sort: options(...DEADLINE_SORTS), rule: id("deadlineRules"), caseworker: id("users") }),
    send: (query) => routes.deadlinesExport.GET(get("/api/deadlines/export", query)),
  },
  {
    route: "GET /api/deadlines",
    roles: STAFF,
    query: () => ({ tab: options(...DEADLINE_TABS), sort: options(...DEADLINE_SORTS), rule: id("deadlineRules"), caseworker: id("users"), after: text, month: options("2026-11", "2027-01", "0000-00") }),
    send: (query) => routes.deadlines.GET(get("/api/deadlines", query)),
  },
  {
    route: "GET /api/evidence/[evidenceId]/download",
    roles: [...STAFF, ...PARTIES],
    param: { name: "evidenceId", kind: () => id("evidence") },
    send: (query, evidenceId) => routes.evidenceDownload.GET(get(`/api/evidence/${segment(evidenceId)}/download`, query), { params: Promise.resolve({ evidenceId }) }),
  },
  {
    route: "GET /api/evidence/receipts/[submissionId]",
    roles: [...STAFF, ...PARTIES],
    param: { name: "submissionId", kind: () => id("evidenceSubmissions") },
    send: (query, submissionId) => routes.receipt.GET(get(`/api/evidence/receipts/${segment(submissionId)}`, query), { params: Promise.resolve({ submissionId }) }),
  },
  { route: "GET /api/health", roles: ROLES, runs: 10, send: () => routes.health.GET() },
  { route: "GET /api/notifications/unread-count", roles: ROLES, runs: 10, send: () => routes.unreadCount.GET() },
  {
    route: "GET /api/triage/export",
    roles: STAFF,
    query: () => ({
      tab: options("unassigned", "mine", "all"),
      sort: options("received-asc", "received-desc"),
      status: options(...CASE_STATUSES),
      caseworker: id("users"),
      ipRight: options(...IP_RIGHTS),
      receivedFrom: date,
      receivedTo: date,
      clock: options("red", "amber", "green", "stopped"),
      q: text,
    }),
    send: (query) => routes.triageExport.GET(get("/api/triage/export", query)),
  },
  { route: "GET /public-register/feed.json", roles: ROLES, runs: 10, send: () => routes.registerJson.GET() },
  { route: "GET /public-register/feed.atom", roles: ROLES, runs: 10, send: () => routes.registerAtom.GET() },
  {
    route: "GET /notifications/[notificationId]/open",
    roles: ROLES,
    param: { name: "notificationId", kind: () => id("notifications") },
    send: (query, notificationId) => routes.openNotification.GET(get(`/notifications/${segment(notificationId)}/open`, query), { params: Promise.resolve({ notificationId }) }),
  },
];

describe(`every JSON route handler, fuzzed (${GET_ROUTES.length} GET routes, plus uploads and sign-in)`, () => {
  it("covers every route handler in the app", () => {
    const handlers = fs
      .readdirSync("app", { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name === "route.ts")
      .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .sort();
    expect(handlers).toEqual(
      [
        "app/(public)/public-register/feed.atom/route.ts",
        "app/(public)/public-register/feed.json/route.ts",
        "app/api/auth/[...nextauth]/route.ts",
        "app/api/calendar/[token]/route.ts",
        "app/api/dashboard/export/[figure]/route.ts",
        "app/api/dashboard/route.ts",
        "app/api/deadlines/calculate/route.ts",
        "app/api/deadlines/export/route.ts",
        "app/api/deadlines/route.ts",
        "app/api/evidence/[evidenceId]/download/route.ts",
        "app/api/evidence/receipts/[submissionId]/route.ts",
        "app/api/health/route.ts",
        "app/api/notifications/unread-count/route.ts",
        "app/api/triage/export/route.ts",
        "app/api/uploads/[[...path]]/route.ts",
        "app/notifications/[notificationId]/open/route.ts",
      ].sort(),
    );
  });

  for (const spec of GET_ROUTES) {
    it(`${spec.route}: never a 5xx, and every JSON refusal says what is wrong`, async () => {
      const request = fc.record({ role: roleFor(spec.roles), query: spec.query ? queryString(spec.query()) : fc.constant(""), param: spec.param ? pathParam(spec.param.kind()) : fc.constant("") });
      await fc.assert(
        fc.asyncProperty(request, ({ role, query, param }) =>
          check(`${spec.route} with ${spec.param ? `${spec.param.name}=${describeEntries([["", param]]).slice(6, -2)} and ` : ""}query ${JSON.stringify(query.length > 300 ? `${query.slice(0, 300)}…` : query)}`, role, () => spec.send(query, param)),
        ),
        { numRuns: fuzzRuns(spec.runs ?? RUNS) },
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Uploads (tus): hostile methods, headers, metadata and bodies

  const base64 = (value: string) => Buffer.from(value, "utf8").toString("base64");
  const metadataValue = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...["", "evidence", "amicus_brief", "report.pdf", "../../etc/passwd", "evil.exe", "a".repeat(300)]) },
    { weight: 3, arbitrary: hostileString.map((value) => value.slice(0, 2000)) },
  );
  const uploadMetadata = () =>
    fc
    .record(
      {
        caseId: fc.oneof(fc.constantFrom(...world.ids.cases()), metadataValue),
        filename: metadataValue,
        filetype: fc.constantFrom("application/pdf", "text/plain", "", "x/../../y"),
        purpose: fc.oneof(fc.constantFrom("evidence", "amicus_brief"), metadataValue),
        applicationId: fc.oneof(fc.constantFrom(...world.ids.amicusApplications()), metadataValue),
      },
      { requiredKeys: [] },
    )
    .chain((fields) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(Object.entries(fields).map(([key, value]) => `${key} ${base64(value)}`).join(",")) },
        // Not base64, duplicated keys, keys with spaces, no value at all.
        { weight: 1, arbitrary: fc.constantFrom("caseId", "caseId !!!", "caseId YQ==,caseId Yg==", " , ,", "filename " + "A".repeat(5000), "k\u0000 dg==") },
        { weight: 1, arbitrary: hostileString.map((value) => value.slice(0, 5000)) },
      ),
    );
  const numberHeader = fc.oneof(fc.constantFrom("0", "1", "10", "1024", "-1", "1e309", "NaN", "", " 5", "0x10", "99999999999999999999", "2147483648"), hostileString.map((value) => value.slice(0, 200)));
  const uploadRequest = () =>
    fc.record({
    role: roleFor([...PARTIES, "caseworker", "amicus"]),
    method: fc.constantFrom("POST", "POST", "PATCH", "HEAD", "DELETE", "OPTIONS", "GET"),
    uploadPath: fc.oneof(fc.constant(""), fc.constantFrom(...world.ids.uploadSessions(), "0f3c9a1b", "../../etc/passwd", "%00", "a/b/c"), hostileString.map((value) => value.slice(0, 300))),
    headers: fc.record(
      {
        "Tus-Resumable": fc.constantFrom("1.0.0", "0.2.2", "", "1.0.0, 1.0.0"),
        "Upload-Length": numberHeader,
        "Upload-Offset": numberHeader,
        "Upload-Defer-Length": fc.constantFrom("1", "0", "true"),
        "Upload-Metadata": uploadMetadata(),
        "Content-Type": fc.constantFrom("application/offset+octet-stream", "application/json", "multipart/form-data; boundary=x", "text/plain", "", "application/offset+octet-stream; charset=\u0000"),
        "Upload-Concat": fc.constantFrom("partial", "final;/api/uploads/a /api/uploads/b", "final;"),
        "X-HTTP-Method-Override": fc.constantFrom("PATCH", "DELETE", "GET", "TRACE"),
      },
      { requiredKeys: [] },
    ),
    body: fc.oneof(fc.constant(null), hostileString.map((value) => value.slice(0, 20_000)), fc.uint8Array({ maxLength: 2048 })),
  });

  it("uploads (tus, all methods): never a 5xx, whatever the headers, metadata and body", async () => {
    await fc.assert(
      fc.asyncProperty(uploadRequest(), ({ role, method, uploadPath, headers, body }) => {
        const url = `${ORIGIN}/api/uploads${uploadPath ? `/${segment(uploadPath)}` : ""}`;
        const sendsBody = body !== null && (method === "POST" || method === "PATCH");
        // Header values must be ByteStrings: anything else a real client cannot send either.
        const safeHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, "utf8").toString("latin1").replace(/[\r\n\u0000]/g, " ")]));
        const request = new Request(url, { method, headers: { Origin: ORIGIN, Host: "127.0.0.1:3100", ...safeHeaders }, body: sendsBody ? body : undefined });
        const handler = routes.uploads[method as keyof typeof routes.uploads] as (request: Request) => Promise<Response>;
        // tus's answer to its concatenation extension, which this server does not offer, is 501 Not Implemented by the protocol.
        const allowedStatus = "Upload-Concat" in headers ? 501 : undefined;
        return check(`${method} ${url.slice(0, 200)} with headers ${JSON.stringify(safeHeaders).slice(0, 500)}`, role, () => handler(request), allowedStatus);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  // A well-formed tus client with hostile content: creates an upload with realistic-or-hostile
  // metadata, then sends hostile bytes (sometimes the whole declared size, so the upload completes
  // and is sniffed, hashed and stored), so the fuzz reaches the verbs behind the protocol.
  const FILE_CONTENTS = [
    "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "Plain text evidence: the attention-head configuration was copied.\n",
    "<html><script>alert(1)</script></html>",
    "#!/bin/sh\nrm -rf /\n",
    "MZ\u0090\u0000",
    "PK\u0003\u0004",
    "\u0000\u0000\u0000\u0000",
    "=cmd|' /C calc'!A0,1,2\n",
  ];
  const wellFormedUpload = () =>
    fc.record({
      role: roleFor([...PARTIES, "caseworker", "amicus"]),
      caseId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...world.ids.cases()) }, { weight: 1, arbitrary: metadataValue }),
      filename: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("exhibit.pdf", "witness statement.txt", "brief.txt", "CON.txt", "a\u202Etxt.exe", "..\\..\\x.pdf", "résumé 2026.txt") }, { weight: 1, arbitrary: metadataValue }),
      purpose: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("evidence", "amicus_brief", "") }, { weight: 1, arbitrary: metadataValue }),
      applicationId: fc.oneof(fc.constant(undefined), fc.constantFrom(...world.ids.amicusApplications()), metadataValue),
      content: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FILE_CONTENTS) }, { weight: 1, arbitrary: hostileString.map((value) => value.slice(0, 5000)) }),
      declaredExtra: fc.constantFrom(0, 0, 0, -1, 1, 100),
      offset: fc.constantFrom("0", "0", "0", "1", "-1", "99999"),
    });

  it("uploads (a well-formed tus client sending hostile files): never a 5xx, from creation to the last byte", async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedUpload(), async ({ role, caseId, filename, purpose, applicationId, content, declaredExtra, offset }) => {
        const bytes = Buffer.from(content, "utf8");
        const metadata = Object.entries({ caseId, filename, purpose, applicationId, filetype: "application/octet-stream" })
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => `${key} ${base64(value!)}`)
          .join(",");
        const tusHeaders = { Origin: ORIGIN, Host: "127.0.0.1:3100", "Tus-Resumable": "1.0.0" };
        const length = Math.max(0, bytes.length + declaredExtra);
        let location: string | null = null;
        await check(`POST /api/uploads (Upload-Length ${length}, metadata ${JSON.stringify({ caseId, filename, purpose, applicationId }).slice(0, 400)})`, role, async () => {
          const response = await routes.uploads.POST(new Request(`${ORIGIN}/api/uploads`, { method: "POST", headers: { ...tusHeaders, "Upload-Length": String(length), "Upload-Metadata": metadata } }));
          location = response.status === 201 ? response.headers.get("location") : null;
          return response;
        });
        if (!location) return;
        const url = new URL(location, `${ORIGIN}/api/uploads/`).toString();
        await check(`PATCH ${url} (offset ${offset}, ${bytes.length} bytes of ${JSON.stringify(content.slice(0, 60))} for ${filename.slice(0, 60)})`, role, () =>
          routes.uploads.PATCH(new Request(url, { method: "PATCH", headers: { ...tusHeaders, "Upload-Offset": offset, "Content-Type": "application/offset+octet-stream" }, body: bytes })),
        );
        await check(`HEAD ${url}`, role, () => routes.uploads.HEAD(new Request(url, { method: "HEAD", headers: tusHeaders })));
        await check(`DELETE ${url}`, role, () => routes.uploads.DELETE(new Request(url, { method: "DELETE", headers: tusHeaders })));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });

  // -------------------------------------------------------------------------------------------
  // Sign-in (next-auth). Its route handler reads next/headers through a CommonJS require that only
  // works inside a real Next request, so the app's own code in that route is fuzzed directly: the
  // credentials check, which must answer a user or null and never throw.

  it("sign-in (next-auth's credentials authorize): a user or null, never a throw", async () => {
    const { authOptions } = await import("@/server/auth-options");
    const provider = authOptions().providers[0] as unknown as { options: { authorize: (credentials: unknown, request: unknown) => Promise<unknown> } };
    const attempt = fc.record({
      credentials: fc.oneof(
        fc.record({ email: fc.oneof(realistic({ kind: "email" }), hostileString), password: fc.oneof(realistic({ kind: "password" }), hostileString) }, { requiredKeys: [] }),
        fc.constantFrom(undefined, null, {}, { email: ["a@b.c"], password: 1 }, { email: {}, password: null }),
      ),
      forwardedFor: fc.oneof(fc.constant(undefined), hostileString.map((value) => value.slice(0, 500)), fc.array(hostileString, { maxLength: 2 })),
    });
    await fc.assert(
      fc.asyncProperty(attempt, async ({ credentials, forwardedFor }) => {
        let user: unknown;
        try {
          user = await provider.options.authorize(credentials, { headers: { "x-forwarded-for": forwardedFor } });
        } catch (error) {
          throw new Error(`authorize threw ${String(error)} (a 500) for ${JSON.stringify(credentials)?.slice(0, 300)}`, { cause: error });
        }
        expect(user === null || (typeof user === "object" && typeof (user as { id?: unknown }).id === "string")).toBe(true);
      }),
      { numRuns: fuzzRuns(30) },
    );
  });
});
