import path from "node:path";
import { dataDir } from "@/db/client";
import { sweepBlobTempFiles } from "@/domain/evidence/local-blob-store";
import { blobsDir, blobStore } from "@/server/blobs";
import { appEnv } from "@/server/config";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "@/server/origin";
import { getCtx } from "@/server/session";
import { createUploadHandler, type UploadHandler } from "@/server/upload-handler";

// Bodies are streamed to disk by tus, never buffered, and nothing here may run at build time.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let handler: UploadHandler | undefined;

/** Built on the first request, so `next build` never touches DATA_DIR or the database. */
function uploads(): UploadHandler {
  handler ??= createUploadHandler({
    path: "/api/uploads",
    uploadsDir: path.join(dataDir(), "uploads"),
    maxUploadBytes: appEnv().MAX_UPLOAD_BYTES,
    blobs: blobStore(),
    authenticate: () => getCtx(),
    sweepAlso: (now) => sweepBlobTempFiles(blobsDir(), now),
  });
  return handler;
}

/**
 * proxy.ts never sees uploads (it would cut their bodies at 10 MB), so the Origin check it makes on
 * every other state change is made here, before the session is read or a byte is stored.
 */
const handle = async (request: Request): Promise<Response> => {
  if (!isSameOriginRequest(request)) {
    return new Response(CROSS_SITE_MESSAGE, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Tus-Resumable": "1.0.0" } });
  }
  return uploads().handle(request);
};

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PATCH = handle;
export const DELETE = handle;
export const OPTIONS = handle;
