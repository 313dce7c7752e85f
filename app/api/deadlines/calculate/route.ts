import { NextResponse, type NextRequest } from "next/server";
import { calculateFromQuery } from "@/domain/deadlines/calculate";

export function GET(request: NextRequest) {
  const outcome = calculateFromQuery(request.nextUrl.searchParams);
  return outcome.ok
    ? NextResponse.json(outcome.result, { headers: { "Cache-Control": "public, max-age=300" } })
    : NextResponse.json({ error: outcome.error }, { status: outcome.status });
}
