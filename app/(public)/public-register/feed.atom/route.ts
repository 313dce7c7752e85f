import { ATOM_CONTENT_TYPE, buildAtomFeed } from "@/domain/register/feeds";
import { listRegisterFeedEntries } from "@/domain/register/list-register";
import { runRoute } from "@/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The register as an Atom 1.0 feed: the newest published cases. */
export async function GET(): Promise<Response> {
  return runRoute(
    (ctx) =>
      new Response(buildAtomFeed(listRegisterFeedEntries(ctx.db, ctx.now), ctx.config, ctx.now), {
        status: 200,
        headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" },
      }),
  );
}
