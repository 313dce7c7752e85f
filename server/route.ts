import "server-only";
import { NextResponse } from "next/server";
import { DomainError } from "@/domain/errors";
import type { Ctx } from "@/domain/context";
import { getCtx } from "./session";
import { isStorageFull, logStorageFull, STORAGE_FULL_MESSAGE, STORAGE_FULL_STATUS } from "./storage-full";

const STATUS: Record<DomainError["code"], number> = {
  not_found: 404,
  forbidden: 404, // never confirm that something exists to someone who may not see it
  conflict: 409,
  invalid: 400,
  too_large: 413,
  unauthenticated: 401,
  rate_limited: 429,
};

export function errorResponse(error: DomainError): NextResponse {
  return NextResponse.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: STATUS[error.code] });
}

/** The one wrapper for JSON route handlers: builds the context, runs the work, maps DomainError to a status. */
export async function runRoute(work: (ctx: Ctx) => Response | unknown | Promise<Response | unknown>): Promise<Response> {
  const ctx = await getCtx();
  try {
    const result = await work(ctx);
    return result instanceof Response ? result : NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error);
    if (isStorageFull(error)) {
      logStorageFull("route", error);
      return NextResponse.json({ error: { code: "storage_full", message: STORAGE_FULL_MESSAGE, fieldErrors: {} } }, { status: STORAGE_FULL_STATUS });
    }
    throw error;
  }
}
