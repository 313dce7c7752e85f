// The server that scripts/resilience/crash-test.ts kills with SIGKILL and starts again, 50 times.
//
// Why a harness and not `next start`: the production routes (app/api/uploads, the evidence and case
// server actions) are thin wrappers over exactly the modules used here: the same tus handler
// (createUploadHandler), the same blob store, the same verbs (submitEvidence, addCaseNote,
// stopClock/restartClock) over the same database opened the same way (getDb: WAL, synchronous=FULL).
// What the crash test is about is what those modules leave on disk when the process dies. This
// process needs no build and restarts quickly (recovery itself takes tens of milliseconds; loading
// the TypeScript modules through tsx takes most of the 1-2 s from spawn to ready on a 2-core
// machine), so 50 kill/restart rounds fit in about two and a half minutes.
//
// Environment: DATA_DIR (required), PORT (0 = any free port), CRASH_BLOB_COPY=1 to make the blob
// store copy instead of rename (as when DATA_DIR/uploads and the blobs are on different
// filesystems: the path that writes temp files into blobs/). Listens on 127.0.0.1 only.
// Prints one line `{"ready":true,"port":N,...}` once it is recovered and listening.
//
// Routes (the actor is chosen by the X-Crash-Actor header, "lawyer" or "caseworker", and re-read
// from the database through a real server-side session on every request, as getCtx does):
//   GET  /health                 200 "ok"
//   *    /api/uploads[/id]       the tus upload handler
//   POST /submit  {uploadIds, confidentiality}   submitEvidence; 200 {submissionId, items:[{evidenceId, uploadId, sha256}]}
//   POST /write   {kind: "note"|"clock", token}  addCaseNote, or stop/restart of the case's clock; 200 {kind, id, ...}
// Every 200 is sent only after the verb's transaction has committed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq } from "drizzle-orm";
import { dataDir, getDb, type Db } from "@/db/client";
import { caseNotes, caseParties, cases, clockEvents, deadlines, evidence, organisationMembers, organisations, userSessions, users } from "@/db/schema";
import { addCaseNote } from "@/domain/cases/add-case-note";
import { DEFAULT_CONFIG, type Ctx } from "@/domain/context";
import { startDeadline } from "@/domain/deadlines/case-clock";
import { londonDateOf } from "@/domain/deadlines/london-date";
import { restartClock } from "@/domain/deadlines/restart-clock";
import { stopClock } from "@/domain/deadlines/stop-clock";
import { DomainError } from "@/domain/errors";
import { LocalBlobStore, sweepBlobTempFiles } from "@/domain/evidence/local-blob-store";
import { submitEvidence } from "@/domain/evidence/submit-evidence";
import { loadActorForSession } from "@/domain/users/sessions";
import { writeTransaction } from "@/domain/transaction";
import { blobsDir } from "@/server/blobs";
import { createUploadHandler } from "@/server/upload-handler";

export const FIXTURE = {
  caseId: "crash-case",
  deadlineRuleId: "case-to-answer",
  lawyer: { userId: "crash-lawyer", sessionId: "crash-lawyer-session" },
  caseworker: { userId: "crash-caseworker", sessionId: "crash-caseworker-session" },
} as const;

export type CrashActor = "lawyer" | "caseworker";

const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * A case in assessment between two represented parties, a caseworker, a running clock on the case,
 * and a long-lived session for each user, in one transaction on first start (so a crash during it
 * leaves nothing to half-recover). Fixed ids, so every later start finds them.
 */
function ensureFixture(db: Db, now: Date): { deadlineId: string } {
  return writeTransaction(db, (tx) => {
    const existing = tx.select({ id: deadlines.id }).from(deadlines).where(eq(deadlines.caseId, FIXTURE.caseId)).limit(1).get();
    if (existing) return { deadlineId: existing.id };
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000).toISOString();
    const org = (id: string, name: string) => tx.insert(organisations).values({ id, name, kind: "company", country: "GB", createdAt: at }).run();
    org("crash-complainant", "Fieldfare Models Ltd");
    org("crash-complainant-firm", "Quill & Ashby LLP");
    org("crash-respondent", "Nimbus Lattice Pte Ltd");
    org("crash-respondent-firm", "Greywether Partners LLP");
    const person = (userId: string, sessionId: string, role: "party" | "caseworker", name: string, organisationId?: string) => {
      tx.insert(users)
        .values({ id: userId, email: `${userId}@example.test`, name, passwordHash: "not-used", role, team: null, emailVerifiedAt: at, disabledAt: null, createdAt: at, updatedAt: at })
        .run();
      if (organisationId) tx.insert(organisationMembers).values({ organisationId, userId, joinedAt: at }).run();
      tx.insert(userSessions).values({ id: sessionId, userId, createdAt: at, expiresAt }).run();
    };
    person(FIXTURE.lawyer.userId, FIXTURE.lawyer.sessionId, "party", "Crash Test Solicitor", "crash-complainant-firm");
    person(FIXTURE.caseworker.userId, FIXTURE.caseworker.sessionId, "caseworker", "Crash Test Caseworker");
    tx.insert(cases)
      .values({
        id: FIXTURE.caseId,
        reference: "IPC-2026-990001",
        status: "assessment",
        title: "Copied reward-model training pipeline",
        complaint: {},
        ipRights: ["trade_secret"],
        technologyTags: [],
        createdBy: FIXTURE.lawyer.userId,
        assignedTo: FIXTURE.caseworker.userId,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    tx.insert(caseParties).values({ id: "crash-party-complainant", caseId: FIXTURE.caseId, organisationId: "crash-complainant", role: "complainant", representativeOrganisationId: "crash-complainant-firm", addedAt: at }).run();
    tx.insert(caseParties).values({ id: "crash-party-respondent", caseId: FIXTURE.caseId, organisationId: "crash-respondent", role: "respondent", representativeOrganisationId: "crash-respondent-firm", addedAt: at }).run();
    const caseworker = { id: FIXTURE.caseworker.userId } as Ctx["actor"];
    const deadline = startDeadline(tx, { actor: caseworker, now }, { caseId: FIXTURE.caseId, ruleId: FIXTURE.deadlineRuleId, startOn: londonDateOf(now), reason: "Complaint accepted as valid" });
    return { deadlineId: deadline.id };
  });
}

function contextFor(db: Db, request: Request | http.IncomingMessage): Ctx {
  const raw = request instanceof Request ? request.headers.get("x-crash-actor") : request.headers["x-crash-actor"];
  const now = new Date();
  const who = raw === "lawyer" || raw === "caseworker" ? FIXTURE[raw] : null;
  return { db, actor: who ? loadActorForSession(db, who, now) : null, now, config: { ...DEFAULT_CONFIG, maxUploadBytes: MAX_UPLOAD_BYTES } };
}

/** Hands a node:http request to the handler as the Web Request Next.js would, and writes back its Response (as server/upload-handler.test.ts does). */
async function serveWeb(handle: (request: Request) => Promise<Response>, origin: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = !["GET", "HEAD", "OPTIONS"].includes(req.method ?? "GET");
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  const response = await handle(new Request(`${origin}${req.url}`, init));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
  else res.end();
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) throw new DomainError("too_large", "The request body is too large.");
    chunks.push(chunk);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  if (typeof parsed !== "object" || parsed === null) throw new DomainError("invalid", "Send a JSON object.");
  return parsed as Record<string, unknown>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const STATUS: Record<DomainError["code"], number> = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400, too_large: 413, unauthenticated: 401, rate_limited: 429 };

/** Files completed uploads as evidence. The answer lists what the committed transaction wrote. */
function submit(ctx: Ctx, body: Record<string, unknown>) {
  const uploadIds = Array.isArray(body.uploadIds) ? body.uploadIds.map(String) : [];
  const confidentiality = body.confidentiality === "parties" || body.confidentiality === "restricted" ? body.confidentiality : "public";
  const { submissionId } = submitEvidence(ctx, {
    caseId: FIXTURE.caseId,
    confidentiality,
    items: uploadIds.map((uploadId, index) => ({ uploadId, title: `Exhibit ${index + 1} of a crash-test filing`, description: "" })),
  });
  const rows = ctx.db.select({ id: evidence.id, sha256: evidence.sha256, exhibitNumber: evidence.exhibitNumber }).from(evidence).where(eq(evidence.submissionId, submissionId)).all();
  // The upload each item came from is in its audit event; the evidence row keeps only the hash.
  const items = rows.map((row) => ({ evidenceId: row.id, sha256: row.sha256, exhibitNumber: row.exhibitNumber }));
  return { submissionId, items };
}

/** A case write: an internal note, or the case's clock stopped or restarted (whichever it is not). */
function write(ctx: Ctx, deadlineId: string, body: Record<string, unknown>) {
  const token = typeof body.token === "string" ? body.token : "";
  if (body.kind === "clock") {
    const deadline = ctx.db.select({ status: deadlines.status }).from(deadlines).where(eq(deadlines.id, deadlineId)).get();
    const stopping = deadline?.status === "running";
    const reason = `Crash test ${stopping ? "stop" : "restart"} ${token}`;
    if (stopping) stopClock(ctx, { deadlineId, reason });
    else restartClock(ctx, { deadlineId, reason });
    const own = ctx.db.select({ id: clockEvents.id, kind: clockEvents.kind }).from(clockEvents).where(and(eq(clockEvents.deadlineId, deadlineId), eq(clockEvents.reason, reason))).get();
    return { kind: "clock", id: own?.id, eventKind: own?.kind };
  }
  const noteBody = `Crash test note ${token}`;
  addCaseNote(ctx, { caseId: FIXTURE.caseId, body: noteBody });
  const note = ctx.db.select({ id: caseNotes.id }).from(caseNotes).where(and(eq(caseNotes.caseId, FIXTURE.caseId), eq(caseNotes.body, noteBody))).get();
  return { kind: "note", id: note?.id, body: noteBody };
}

async function main(): Promise<void> {
  if (!process.env.DATA_DIR) throw new Error("Set DATA_DIR to the folder the crash test owns.");
  const startedAt = performance.now();
  const db = getDb(); // migrates, as scripts/migrate.ts does before `next start`
  const { deadlineId } = ensureFixture(db, new Date());
  const blobs = new LocalBlobStore(blobsDir(), process.env.CRASH_BLOB_COPY === "1" ? { crossFilesystem: true } : undefined);
  const handler = createUploadHandler({
    path: "/api/uploads",
    uploadsDir: path.join(dataDir(), "uploads"),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    blobs,
    authenticate: async (request) => contextFor(db, request),
    // As app/api/uploads/[[...path]]/route.ts configures it.
    sweepAlso: (now) => sweepBlobTempFiles(blobsDir(), now),
  });

  // Recovery at start: the production handler runs this same sweep on its first request. Temp
  // files younger than the sweep's age guard are kept there (a copy may be in progress); here,
  // before this process has accepted anything, none can be, so they all go.
  await handler.sweep({ db });
  const tempFilesRemoved = await sweepBlobTempFiles(blobsDir(), new Date(), { olderThanMs: 0 });

  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", origin);
        if (url.pathname === "/health") return sendJson(res, 200, { ok: true });
        if (url.pathname === "/api/uploads" || url.pathname.startsWith("/api/uploads/")) return await serveWeb((request) => handler.handle(request), origin, req, res);
        if (req.method === "POST" && (url.pathname === "/submit" || url.pathname === "/write")) {
          const ctx = contextFor(db, req);
          const body = await readJson(req);
          return sendJson(res, 200, url.pathname === "/submit" ? submit(ctx, body) : write(ctx, deadlineId, body));
        }
        sendJson(res, 404, { error: "Not found" });
      } catch (error) {
        if (error instanceof DomainError) return sendJson(res, STATUS[error.code], { error: error.message, code: error.code, fieldErrors: error.fieldErrors });
        console.error("crash-server request failed:", error);
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  console.log(JSON.stringify({ ready: true, port, pid: process.pid, tempFilesRemoved, blobCopy: process.env.CRASH_BLOB_COPY === "1", startMs: Math.round(performance.now() - startedAt) }));
  // Stopped by a signal, normally SIGKILL; a polite SIGTERM closes the database first.
  process.on("SIGTERM", () => {
    server.close();
    db.$client.close();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error("crash-server failed to start:", error);
  process.exit(1);
});
