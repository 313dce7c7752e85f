import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import { Upload, type DetailedError } from "tus-js-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { amicusApplications, evidence, uploadSessions } from "@/db/schema";
import { createTestDb, testCtx } from "@/db/testing";
import type { Actor } from "@/domain/context";
import { newId } from "@/domain/ids";
import { LocalBlobStore } from "@/domain/evidence/local-blob-store";
import { minimalPdf } from "@/domain/evidence/testing-files";
import { makeUploadTestWorld } from "@/domain/evidence/upload-test-world";
import { CANCELLED_REASON } from "@/domain/evidence/uploads";
import { createUploadHandler } from "./upload-handler";

const MiB = 1024 * 1024;
const MAX_UPLOAD_BYTES = 200 * MiB;

let testDb: ReturnType<typeof createTestDb>;
let db: Db;
let world: ReturnType<typeof makeUploadTestWorld>;
let caseId: string;
let dir: string;
let uploadsDir: string;
let blobs: LocalBlobStore;
let server: http.Server;
let endpoint: string;
let actor: Actor | null;

/** Hands a node:http request to the handler as the Web Request Next.js would, and writes back its Response. */
function nodeToWeb(handle: (request: Request) => Promise<Response>, origin: () => string): http.RequestListener {
  return async (req, res) => {
    try {
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      const hasBody = !["GET", "HEAD", "OPTIONS"].includes(req.method ?? "GET");
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
      if (hasBody) {
        init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
        init.duplex = "half";
      }
      const response = await handle(new Request(`${origin()}${req.url}`, init));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
      else res.end();
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  };
}

beforeAll(async () => {
  testDb = createTestDb();
  db = testDb.db;
  world = makeUploadTestWorld(db);
  caseId = world.makeCase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipc-tus-"));
  uploadsDir = path.join(dir, "uploads");
  blobs = new LocalBlobStore(path.join(dir, "blobs"));
  const handler = createUploadHandler({
    path: "/api/uploads",
    uploadsDir,
    maxUploadBytes: MAX_UPLOAD_BYTES,
    blobs,
    authenticate: async () => testCtx(db, actor, new Date()),
  });
  server = http.createServer(nodeToWeb((request) => handler.handle(request), () => endpoint.replace(/\/api\/uploads$/, "")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/uploads`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  testDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  actor = world.people.complainantLawyer;
});

/** A PDF of exactly `size` bytes, mostly random, written in chunks; returns its path and SHA-256. */
function makePdf(name: string, size: number): { file: string; sha256: string; size: number } {
  const file = path.join(dir, name);
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "w");
  try {
    const head = Buffer.from("%PDF-1.7\n");
    fs.writeSync(fd, head);
    hash.update(head);
    for (let written = head.length; written < size; ) {
      const chunk = randomBytes(Math.min(MiB, size - written));
      fs.writeSync(fd, chunk);
      hash.update(chunk);
      written += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, sha256: hash.digest("hex"), size };
}

type Outcome = { ok: true; url: string; headers: Record<string, string> } | { ok: false; status: number | undefined; body: string | undefined; url: string | null };

/** Uploads a file with the real tus client, as the browser does, without retries. */
function tusUpload(
  source: fs.ReadStream | Buffer,
  metadata: Record<string, string>,
  options: { chunkSize?: number; uploadUrl?: string; onProgress?: (upload: Upload, sent: number) => void; onChunkComplete?: (upload: Upload) => void } = {},
) {
  let upload!: Upload;
  const done = new Promise<Outcome>((resolve) => {
    upload = new Upload(source as Buffer, {
      endpoint,
      uploadUrl: options.uploadUrl ?? null,
      metadata,
      // tus-js-client reads `chunkSize: undefined` as a size, not as "unset".
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      retryDelays: null,
      storeFingerprintForResuming: false,
      onProgress: (sent) => options.onProgress?.(upload, sent),
      onChunkComplete: () => options.onChunkComplete?.(upload),
      onSuccess: ({ lastResponse }) =>
        resolve({
          ok: true,
          url: upload.url!,
          headers: { sha256: lastResponse.getHeader("X-Upload-Sha256") ?? "", contentType: lastResponse.getHeader("X-Upload-Content-Type") ?? "" },
        }),
      onError: (error) => {
        const detailed = error as DetailedError;
        resolve({ ok: false, status: detailed.originalResponse?.getStatus(), body: detailed.originalResponse?.getBody(), url: upload.url });
      },
    });
    upload.start();
  });
  return { upload, done };
}

const idOf = (url: string) => url.split("/").pop()!;
const session = (id: string) => db.select().from(uploadSessions).where(eq(uploadSessions.id, id)).get();

/** A raw tus request, for what the client library would never send. */
function raw(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string; headers: Headers }> {
  return fetch(url, { method, headers: { "Tus-Resumable": "1.0.0", ...headers }, body: body ? new Uint8Array(body) : undefined }).then(async (r) => ({ status: r.status, body: await r.text(), headers: r.headers }));
}

async function headOffset(url: string): Promise<number> {
  const response = await raw("HEAD", url, {});
  return Number(response.headers.get("upload-offset") ?? -1);
}

const metadata = (filename: string) => ({ caseId, filename, filetype: "application/pdf" });
const encodeMetadata = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString("base64")}`)
    .join(",");

describe("uploads arrive whole", () => {
  it.each([
    ["9 MB in one request", 9 * MiB, undefined],
    ["11 MB in 5 MB chunks", 11 * MiB, 5 * MiB],
    ["100 MB in one request", 100 * MiB, undefined],
  ])("%s", async (_what, size, chunkSize) => {
    const pdf = makePdf(`file-${size}.pdf`, size);
    const { done } = tusUpload(fs.createReadStream(pdf.file), metadata(`exhibit-${size}.pdf`), { chunkSize });
    const outcome = await done;
    expect(outcome).toMatchObject({ ok: true, headers: { sha256: pdf.sha256, contentType: "application/pdf" } });
    if (!outcome.ok) return;
    const id = idOf(outcome.url);
    expect(session(id)).toMatchObject({ sha256: pdf.sha256, sizeBytes: size, declaredSize: size, contentType: "application/pdf", refusedReason: null, userId: world.people.complainantLawyer.id });
    expect(await blobs.verify(pdf.sha256)).toEqual({ status: "ok" });
    expect(fs.existsSync(path.join(uploadsDir, id))).toBe(false);
    expect(fs.existsSync(path.join(uploadsDir, `${id}.json`))).toBe(false);
    fs.rmSync(pdf.file);
  }, 180_000);

  it("resumes an upload whose connection dropped mid-request and completes with the right hash", async () => {
    const pdf = makePdf("resumed.pdf", 24 * MiB);
    const created = await raw("POST", endpoint, { "Upload-Length": String(pdf.size), "Upload-Metadata": encodeMetadata(metadata("resumed.pdf")) });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get("location")!, endpoint).toString();
    const partial = path.join(uploadsDir, idOf(url));

    // A PATCH promising the whole file that sends a third of it, then loses its connection.
    const { port } = server.address() as AddressInfo;
    const request = http.request({
      host: "127.0.0.1",
      port,
      path: new URL(url).pathname,
      method: "PATCH",
      headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", "Content-Length": String(pdf.size) },
    });
    request.on("error", () => {}); // the drop is the point
    const fd = fs.openSync(pdf.file, "r");
    const third = Buffer.alloc(8 * MiB);
    fs.readSync(fd, third, 0, third.length, 0);
    fs.closeSync(fd);
    request.write(third);
    await waitFor(() => fs.existsSync(partial) && fs.statSync(partial).size >= MiB);
    request.destroy();

    const offset = await waitForStableOffset(url);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(third.length);
    expect(session(idOf(url))!.completedAt).toBeNull();

    const progress: number[] = [];
    const resumed = tusUpload(fs.createReadStream(pdf.file), metadata("resumed.pdf"), { uploadUrl: url, onProgress: (_u, sent) => progress.push(sent) });
    const outcome = await resumed.done;
    expect(outcome).toMatchObject({ ok: true, url });
    expect(progress[0]).toBeGreaterThanOrEqual(offset); // continued from the server's offset, not restarted
    expect(session(idOf(url))).toMatchObject({ sha256: pdf.sha256, sizeBytes: pdf.size, completedAt: expect.any(String) });
    expect(await blobs.verify(pdf.sha256)).toEqual({ status: "ok" });
  }, 120_000);

  it("finishes, when the client asks where to resume, an upload whose bytes all arrived before the server died storing it", async () => {
    const pdf = makePdf("cut-off.pdf", 3 * MiB);
    const created = await raw("POST", endpoint, { "Upload-Length": String(pdf.size), "Upload-Metadata": encodeMetadata(metadata("cut-off.pdf")) });
    const url = new URL(created.headers.get("location")!, endpoint).toString();
    // What a crash after tus wrote the last chunk, and before the upload was stored, leaves behind.
    fs.copyFileSync(pdf.file, path.join(uploadsDir, idOf(url)));
    expect(session(idOf(url))!.completedAt).toBeNull();

    // tus-js-client sends nothing more once HEAD says every byte is there, so that HEAD must finish it.
    const outcome = await tusUpload(fs.createReadStream(pdf.file), metadata("cut-off.pdf"), { uploadUrl: url }).done;
    expect(outcome).toMatchObject({ ok: true, url, headers: { sha256: pdf.sha256, contentType: "application/pdf" } });
    expect(session(idOf(url))).toMatchObject({ sha256: pdf.sha256, sizeBytes: pdf.size, completedAt: expect.any(String), refusedReason: null });
    expect(await blobs.verify(pdf.sha256)).toEqual({ status: "ok" });
    expect((await raw("HEAD", url, {})).status).toBe(404);
  });

  it("resumes an upload the client stopped between chunks", async () => {
    const pdf = makePdf("chunked.pdf", 12 * MiB);
    let stopped = false;
    const first = tusUpload(fs.createReadStream(pdf.file), metadata("chunked.pdf"), { chunkSize: 4 * MiB, onChunkComplete: (upload) => void ((stopped = true), upload.abort()) });
    await waitFor(() => stopped);
    const url = first.upload.url!;
    expect(await waitForStableOffset(url)).toBe(4 * MiB);
    const outcome = await tusUpload(fs.createReadStream(pdf.file), metadata("chunked.pdf"), { uploadUrl: url, chunkSize: 4 * MiB }).done;
    expect(outcome).toMatchObject({ ok: true, url });
    expect(session(idOf(url))).toMatchObject({ sha256: pdf.sha256, sizeBytes: pdf.size });
  }, 120_000);

  it("leaves no evidence and no blob for an upload that is stopped and never resumed", async () => {
    const pdf = makePdf("aborted.pdf", 12 * MiB);
    let stopped = false;
    const { upload } = tusUpload(fs.createReadStream(pdf.file), metadata("aborted.pdf"), { chunkSize: 4 * MiB, onChunkComplete: (u) => void ((stopped = true), u.abort()) });
    await waitFor(() => stopped);
    const url = upload.url!;
    expect(await waitForStableOffset(url)).toBe(4 * MiB);
    expect(session(idOf(url))).toMatchObject({ completedAt: null, sha256: null, evidenceId: null, refusedReason: null });
    expect(db.select().from(evidence).all()).toEqual([]);
    expect(blobs.has(pdf.sha256)).toBe(false);
  }, 60_000);
});

describe("refusals", () => {
  it("answers 413 to a declared length over the limit, without reading the body", async () => {
    const before = fs.readdirSync(uploadsDir).length;
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: "/api/uploads",
        method: "POST",
        headers: {
          "Tus-Resumable": "1.0.0",
          "Upload-Length": String(MAX_UPLOAD_BYTES + 1),
          "Upload-Metadata": encodeMetadata(metadata("huge.pdf")),
          "Content-Type": "application/offset+octet-stream",
          "Transfer-Encoding": "chunked",
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on("error", reject);
      // The body is started but never finished: the answer must come before it.
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatch(/larger than the 200 MB limit/);
    expect(fs.readdirSync(uploadsDir).length).toBe(before);
    expect(db.select().from(uploadSessions).where(eq(uploadSessions.originalFilename, "huge.pdf")).all()).toEqual([]);
  });

  it("cuts off a request that sends more bytes than the upload declared", async () => {
    const created = await raw("POST", endpoint, { "Upload-Length": "1000", "Upload-Metadata": encodeMetadata(metadata("overflow.pdf")) });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get("location")!, endpoint).toString();
    const patched = await raw("PATCH", url, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, Buffer.alloc(2000));
    expect(patched.status).toBe(413);
    expect(fs.statSync(path.join(uploadsDir, idOf(url))).size).toBeLessThanOrEqual(1000);
  });

  it("refuses a file whose real type is not allowed with 422 and the reason, and deletes its bytes", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert('x')</script></body></html>");
    const outcome = await tusUpload(html, metadata("invoice.pdf")).done;
    expect(outcome).toMatchObject({ ok: false, status: 422 });
    if (outcome.ok) return;
    expect(outcome.body).toMatch(/^This file is an HTML web page, which cannot be filed as evidence\. Allowed: PDF/);
    const id = idOf(outcome.url!);
    expect(session(id)).toMatchObject({ refusedReason: outcome.body, completedAt: null });
    expect(fs.existsSync(path.join(uploadsDir, id))).toBe(false);
    expect(fs.existsSync(path.join(uploadsDir, `${id}.json`))).toBe(false);
  });

  it("refuses a program's name before any byte, with 422", async () => {
    const outcome = await tusUpload(minimalPdf(), metadata("statement.exe")).done;
    expect(outcome).toMatchObject({ ok: false, status: 422, body: expect.stringMatching(/names end in \.exe/) });
  });

  it("refuses a name over 255 characters with 400", async () => {
    const outcome = await tusUpload(minimalPdf(), metadata(`${"a".repeat(300)}.pdf`)).done;
    expect(outcome).toMatchObject({ ok: false, status: 400, body: expect.stringMatching(/255 characters or fewer/) });
  });

  it("stores a hostile but harmless name as text", async () => {
    const name = "../../etc/\u202Efdp.pdf";
    const outcome = await tusUpload(minimalPdf("hostile"), metadata(name)).done;
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(session(idOf(outcome.url))!.originalFilename).toBe(name);
  });

  it("answers 401 to someone signed out, 404 to someone not on the case, 403 on a closed case", async () => {
    actor = null;
    expect(await tusUpload(minimalPdf(), metadata("a.pdf")).done).toMatchObject({ ok: false, status: 401, body: "Sign in to upload evidence." });
    actor = world.people.outsider;
    expect(await tusUpload(minimalPdf(), metadata("a.pdf")).done).toMatchObject({ ok: false, status: 404, body: "The case could not be found." });
    actor = world.people.complainantLawyer;
    const closed = world.makeCase("closed");
    expect(await tusUpload(minimalPdf(), { caseId: closed, filename: "a.pdf" }).done).toMatchObject({ ok: false, status: 403, body: "Evidence can only be filed while the case is open." });
    expect(await tusUpload(minimalPdf(), { filename: "a.pdf" }).done).toMatchObject({ ok: false, status: 400, body: "Choose the case to file evidence on" });
  });

  it("lets only the uploader resume, inspect or end an upload", async () => {
    const created = await raw("POST", endpoint, { "Upload-Length": "5000", "Upload-Metadata": encodeMetadata(metadata("mine.pdf")) });
    const url = new URL(created.headers.get("location")!, endpoint).toString();
    actor = world.people.complainantColleague;
    expect((await raw("HEAD", url, {})).status).toBe(404);
    expect((await raw("PATCH", url, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, Buffer.from("%PDF"))).status).toBe(404);
    expect((await raw("DELETE", url, {})).status).toBe(404);
    actor = world.people.complainantLawyer;
    expect((await raw("HEAD", url, {})).status).toBe(200);
    expect((await raw("DELETE", url, {})).status).toBe(204);
    expect(session(idOf(url))!.refusedReason).toBe(CANCELLED_REASON);
    expect((await raw("HEAD", url, {})).status).toBe(404);
  });

  it("never serves upload bytes back", async () => {
    expect((await fetch(`${endpoint}/anything`)).status).toBe(404);
  });
});

describe("amicus briefs", () => {
  /** A granted application for the world's amicus user on the test case, due far ahead unless told. */
  function grantedApplication(briefDueOn = "2099-12-31"): string {
    const id = newId();
    const at = new Date().toISOString();
    db.insert(amicusApplications)
      .values({
        id,
        caseId,
        applicantId: world.people.amicus.id,
        applicantName: "Open Models Forum",
        represents: "Independent AI researchers",
        interest: "Our members publish open model weights.",
        disclosure: "None",
        fundingDisclosure: null,
        declinedToDisclose: false,
        pointsSummary: "Attention-head configurations are common knowledge.",
        requestedWords: 3000,
        status: "granted",
        wordLimit: 3000,
        briefDueOn,
        createdAt: at,
        decidedAt: at,
      })
      .run();
    return id;
  }
  const briefMetadata = (applicationId: string, filename = "brief.pdf") => ({ caseId, filename, filetype: "application/pdf", purpose: "amicus_brief", applicationId });

  it("uploads a brief under the applicant's granted application", async () => {
    actor = world.people.amicus;
    const applicationId = grantedApplication();
    const outcome = await tusUpload(minimalPdf("brief"), briefMetadata(applicationId)).done;
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(session(idOf(outcome.url))).toMatchObject({ purpose: "amicus_brief", amicusApplicationId: applicationId, filingSide: "amicus", contentType: "application/pdf" });
    db.update(amicusApplications).set({ status: "withdrawn" }).where(eq(amicusApplications.id, applicationId)).run();
  });

  it("refuses a brief that is not .pdf or .docx, or that someone else uploads", async () => {
    actor = world.people.amicus;
    const applicationId = grantedApplication();
    expect(await tusUpload(minimalPdf(), briefMetadata(applicationId, "brief.txt")).done).toMatchObject({ ok: false, status: 400, body: expect.stringMatching(/^A brief must be a PDF or Word \(DOCX\) document/) });
    actor = world.people.complainantLawyer;
    expect(await tusUpload(minimalPdf(), briefMetadata(applicationId)).done).toMatchObject({ ok: false, status: 404 });
    db.update(amicusApplications).set({ status: "withdrawn" }).where(eq(amicusApplications.id, applicationId)).run();
  });

  it("stops taking bytes when the deadline passes mid-upload", async () => {
    actor = world.people.amicus;
    const applicationId = grantedApplication();
    const created = await raw("POST", endpoint, { "Upload-Length": "5000", "Upload-Metadata": encodeMetadata(briefMetadata(applicationId)) });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get("location")!, endpoint).toString();
    expect((await raw("PATCH", url, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, Buffer.from("%PDF-1.7\n"))).status).toBe(204);
    db.update(amicusApplications).set({ briefDueOn: "2026-01-01" }).where(eq(amicusApplications.id, applicationId)).run();
    const late = await raw("PATCH", url, { "Upload-Offset": "9", "Content-Type": "application/offset+octet-stream" }, Buffer.from("more"));
    expect(late).toMatchObject({ status: 403, body: "The deadline for filing this brief was Thursday 1 January 2026. A late brief cannot be filed." });
    db.update(amicusApplications).set({ status: "withdrawn" }).where(eq(amicusApplications.id, applicationId)).run();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not met in 30 s");
}

/**
 * The server finishes writing what it received after the client goes; wait until the offset stops
 * moving. (What the client counts as sent may still have been in socket buffers, so it can be less.)
 */
async function waitForStableOffset(url: string): Promise<number> {
  let previous = -2;
  for (let i = 0; i < 100; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const offset = await headOffset(url);
    if (offset === previous && offset >= 0) return offset;
    previous = offset;
  }
  throw new Error("upload offset never settled");
}
