import fs from "node:fs";
import { ERRORS, EVENTS, Server, type Upload } from "@tus/server";
import type { Ctx } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import type { BlobStore } from "@/domain/evidence/blob-store";
import { completeUpload } from "@/domain/evidence/complete-upload";
import { formatBytes, refusalForFilename, type SniffOptions } from "@/domain/evidence/sniff";
import { cancelUpload, getUploadInProgressForActor, isUploadId, requireMayContinueUpload, startUpload, sweepStaleUploads, uploadFiles } from "@/domain/evidence/uploads";
import { FlushingFileStore } from "./flushing-file-store";
import { isNearlyFull, isStorageFull, logStorageFull, STORAGE_FULL_STATUS, STORAGE_FULL_UPLOAD_MESSAGE } from "./storage-full";

// No "server-only" marker: the HTTP integration test runs this same handler under plain node:http.

export interface UploadHandlerConfig {
  /** The URL path the handler is mounted at, e.g. "/api/uploads". */
  path: string;
  /** Where tus keeps partial uploads (DATA_DIR/uploads). */
  uploadsDir: string;
  maxUploadBytes: number;
  blobs: BlobStore;
  /** The request's context, with its actor re-read from the database (null when signed out). */
  authenticate: (request: Request) => Promise<Ctx>;
  clock?: () => Date;
  sniffOptions?: SniffOptions;
  /** How often a request may trigger the sweep of abandoned uploads. */
  sweepEveryMs?: number;
  /** Extra housekeeping to run with the sweep, e.g. removing the blob store's orphan temp files. */
  sweepAlso?: (now: Date) => Promise<unknown>;
}

export interface UploadHandler {
  handle(request: Request): Promise<Response>;
  /** Runs the sweep now (the handler also runs it at most every `sweepEveryMs`). */
  sweep(ctx: Pick<Ctx, "db">): Promise<void>;
}

// tus clients retry a 409 as an offset mismatch, so a domain conflict ("the case is closed") is a 403.
const STATUS: Record<DomainError["code"], number> = {
  not_found: 404,
  forbidden: 404,
  conflict: 403,
  invalid: 400,
  too_large: 413,
  unauthenticated: 401,
  rate_limited: 429,
};

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

/** An error the tus server turns into a response with this status and plain-text body. */
const tusError = (status_code: number, body: string) => ({ status_code, body });

/** What finishing an upload answers: its hash and type, or a refusal (422 with the reason). */
type FinishAnswer = { headers: Record<string, string> } | { status_code: number; headers: Record<string, string>; body: string };

function domainErrorBody(error: DomainError): string {
  const fieldMessages = Object.values(error.fieldErrors);
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : error.message;
}

/**
 * The tus endpoint for evidence uploads and amicus briefs (metadata `purpose=amicus_brief` and
 * `applicationId`). Every request is authenticated before tus sees it; an upload is created only for
 * someone allowed to file on the case (or under the application), and afterwards only its creator
 * can resume, inspect or end it. When the last byte arrives the upload is sniffed and stored (or
 * refused: 422 with the reason as plain text, for the browser to show against the file).
 */
export function createUploadHandler(config: UploadHandlerConfig): UploadHandler {
  const clock = config.clock ?? (() => new Date());
  const sweepEveryMs = config.sweepEveryMs ?? 60 * 60 * 1000;
  const contexts = new WeakMap<object, Ctx>();
  let lastSweepAt = Number.NEGATIVE_INFINITY;

  const contextFor = (req: object): Ctx => {
    const ctx = contexts.get(req);
    if (!ctx?.actor) throw new DomainError("unauthenticated", "Sign in to upload evidence.");
    return ctx;
  };

  const tooLarge = `This file is larger than the ${formatBytes(config.maxUploadBytes)} limit for one file. Split it into smaller files.`;

  async function errorAnswer(error: unknown): Promise<{ status_code: number; body: string } | undefined> {
    if (error instanceof DomainError) return tusError(STATUS[error.code], domainErrorBody(error));
    // The file store reports every failed chunk write as FILE_WRITE_ERROR, without the errno, so
    // a full disk is recognised by the free space left. The bytes already written stay, and the
    // client can resume from them once space is freed.
    if (isStorageFull(error) || (error === ERRORS.FILE_WRITE_ERROR && (await isNearlyFull(config.uploadsDir)))) {
      logStorageFull("upload", error);
      return tusError(STORAGE_FULL_STATUS, STORAGE_FULL_UPLOAD_MESSAGE);
    }
    if (error === ERRORS.ERR_MAX_SIZE_EXCEEDED) return tusError(413, tooLarge);
    if (error === ERRORS.ERR_SIZE_EXCEEDED) return tusError(413, "More bytes were sent than the size given when the upload started. Upload the file again.");
    if (typeof error === "object" && error !== null && "status_code" in error) return undefined; // the protocol's own answers (404, 409 offset conflict, …)
    console.error("Upload failed:", error);
    return tusError(500, "The upload could not be saved. Try again.");
  }

  async function finish(ctx: Ctx, uploadId: string): Promise<FinishAnswer> {
    const files = uploadFiles(config.uploadsDir, uploadId);
    let result;
    try {
      result = await completeUpload(ctx, { uploadId, filePath: files.bytes }, config.blobs, config.sniffOptions);
    } catch (error) {
      // The upload cannot be resumed once it has failed here, so its bytes only take up space:
      // perhaps the very space whose lack made it fail.
      await removeQuietly(files.bytes);
      throw error;
    } finally {
      // Whatever happened, this tus upload is over: without its info file a client that asks
      // again is told it is gone and starts afresh, instead of believing it finished.
      await removeQuietly(files.info);
    }
    if (!result.ok) return { status_code: 422, headers: TEXT, body: result.reason };
    return { headers: { "X-Upload-Sha256": result.sha256, "X-Upload-Content-Type": result.contentType, "X-Upload-Label": result.label } };
  }

  // The last PATCH and a HEAD recovering the same upload (below) share one run of its finish.
  const finishing = new Map<string, Promise<FinishAnswer>>();
  function finishOnce(ctx: Ctx, uploadId: string): Promise<FinishAnswer> {
    let running = finishing.get(uploadId);
    if (!running) {
      running = finish(ctx, uploadId).finally(() => finishing.delete(uploadId));
      finishing.set(uploadId, running);
    }
    return running;
  }

  /**
   * A crash between an upload's last byte and its finish leaves every byte on disk and the upload
   * unfinished. tus would answer HEAD with offset = length, which a tus client takes as done
   * without sending anything more: the filer would be shown "uploaded" for a file that can never
   * be submitted. So a HEAD for such an upload finishes it first, as its last PATCH would have,
   * and answers as for a finished upload (or with the refusal). Any other HEAD is tus's.
   */
  async function finishIfAllArrived(ctx: Ctx, request: Request): Promise<Response | null> {
    const match = /^\/([^/]+)$/.exec(new URL(request.url).pathname.slice(config.path.length));
    const uploadId = match?.[1] ?? ""; // tus ids need no decoding; anything else is not one
    if (!isUploadId(uploadId)) return null;
    const at = { ...ctx, now: clock() };
    let declaredSize: number;
    try {
      const session = getUploadInProgressForActor(at, uploadId);
      requireMayContinueUpload(at, session);
      declaredSize = session.declaredSize;
    } catch (error) {
      if (error instanceof DomainError) return null; // tus answers, after the same checks
      throw error;
    }
    const files = uploadFiles(config.uploadsDir, uploadId);
    const [bytes, info] = await Promise.all([statOrNull(files.bytes), statOrNull(files.info)]);
    if (!bytes || !info || bytes.size !== declaredSize) return null;
    const tus = { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" };
    let answer: FinishAnswer;
    try {
      answer = await finishOnce(at, uploadId);
    } catch (error) {
      const failed = (await errorAnswer(error)) ?? tusError(500, "The upload could not be saved. Try again.");
      return new Response(failed.body, { status: failed.status_code, headers: { ...TEXT, ...tus } });
    }
    if ("status_code" in answer) return new Response(answer.body, { status: answer.status_code, headers: { ...answer.headers, ...tus } });
    return new Response(null, { status: 200, headers: { ...tus, "Upload-Offset": String(declaredSize), "Upload-Length": String(declaredSize), ...answer.headers } });
  }

  const server = new Server({
    path: config.path,
    datastore: new FlushingFileStore(config.uploadsDir),
    maxSize: config.maxUploadBytes,
    relativeLocation: true,
    // Same-origin only: the browser page that uploads is ours, so no cross-origin access is granted.
    allowedOrigins: [],
    async onIncomingRequest(req, uploadId) {
      const ctx = contextFor(req);
      if (req.method === "POST") return; // the session is created, with its checks, in onUploadCreate
      const session = getUploadInProgressForActor(ctx, uploadId);
      // Permission to file can end mid-upload (case closed, firm removed, deadline passed): check it on every chunk.
      if (req.method === "PATCH") requireMayContinueUpload({ ...ctx, now: clock() }, session);
    },
    async onUploadCreate(req, upload: Upload) {
      const ctx = contextFor(req);
      if (upload.size === undefined) throw tusError(400, "The size of the file must be given when the upload starts.");
      const filename = upload.metadata?.filename ?? "";
      const refusal = refusalForFilename(filename);
      if (refusal) throw tusError(422, refusal);
      startUpload(
        { ...ctx, now: clock() },
        {
          uploadId: upload.id,
          caseId: upload.metadata?.caseId ?? "",
          filename,
          declaredSize: upload.size,
          purpose: upload.metadata?.purpose ?? undefined,
          applicationId: upload.metadata?.applicationId ?? undefined,
        },
      );
      return {};
    },
    async onUploadFinish(req, upload: Upload) {
      return finishOnce({ ...contextFor(req), now: clock() }, upload.id);
    },
    onResponseError: (_req, error) => errorAnswer(error),
  });

  server.on(EVENTS.POST_TERMINATE, (req: object, _res: Response, uploadId: string) => {
    try {
      cancelUpload({ ...contextFor(req), now: clock() }, uploadId);
    } catch (error) {
      console.error("Could not record a cancelled upload:", error);
    }
  });

  async function sweep(ctx: Pick<Ctx, "db">): Promise<void> {
    const now = clock();
    await sweepStaleUploads(ctx.db, config.uploadsDir, now);
    await config.sweepAlso?.(now);
  }

  return {
    sweep,
    async handle(request: Request): Promise<Response> {
      // Uploads are never read back through tus; evidence is downloaded through its own checks.
      if (request.method === "GET") return new Response("Not found", { status: 404, headers: TEXT });
      if (request.method !== "OPTIONS") {
        const authenticated = await config.authenticate(request);
        if (!authenticated.actor) return new Response("Sign in to upload evidence.", { status: 401, headers: { ...TEXT, "Tus-Resumable": "1.0.0" } });
        const ctx: Ctx = { ...authenticated, config: { ...authenticated.config, maxUploadBytes: config.maxUploadBytes } };
        contexts.set(request, ctx);
        const now = clock().getTime();
        if (now - lastSweepAt >= sweepEveryMs) {
          lastSweepAt = now;
          sweep(ctx).catch((error) => console.error("Upload sweep failed:", error));
        }
        if (request.method === "HEAD") {
          const finished = await finishIfAllArrived(ctx, request);
          if (finished) return finished;
        }
      }
      return server.handleWeb(request);
    },
  };
}

const removeQuietly = (file: string) => fs.promises.rm(file, { force: true });

async function statOrNull(file: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
