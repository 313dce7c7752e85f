import { NextResponse } from "next/server";
import { checkDatabase } from "@/db/health";

export const dynamic = "force-dynamic";

export function GET() {
  const db = checkDatabase();
  return NextResponse.json({ status: db === "ok" ? "ok" : "unavailable", db }, { status: db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
