import { Readable } from "node:stream";
import { openEvidenceDownload } from "@/domain/evidence/download-evidence";
import { runRoute } from "@/server/route";
import { blobStore } from "@/server/blobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Streams one evidence item to someone allowed to see it, after re-verifying its hash. Permission
 * is checked on every request; a missing item and a forbidden one are the same 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ evidenceId: string }> }): Promise<Response> {
  const { evidenceId } = await params;
  return runRoute(async (ctx) => {
    const download = await openEvidenceDownload(ctx, evidenceId, blobStore());
    if (download.kind === "integrity_failed") {
      return new Response(download.message, {
        status: 409,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
      });
    }
    return new Response(Readable.toWeb(download.body) as ReadableStream<Uint8Array>, { status: 200, headers: download.headers });
  });
}
