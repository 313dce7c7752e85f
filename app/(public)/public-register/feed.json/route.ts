import { NextResponse } from "next/server";
import { buildJsonFeed, JSON_FEED_CONTENT_TYPE } from "@/domain/register/feeds";
import { listRegisterFeedEntries } from "@/domain/register/list-register";
import { runRoute } from "@/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The register as a JSON Feed 1.1: the newest published cases, for journalists and other regulators. */
export async function GET(): Promise<Response> {
  return runRoute((ctx) =>
    NextResponse.json(buildJsonFeed(listRegisterFeedEntries(ctx.db, ctx.now), ctx.config), {
      headers: { "Content-Type": JSON_FEED_CONTENT_TYPE, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" },
    }),
  );
}
