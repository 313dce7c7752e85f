import "server-only";
import { notFound, redirect } from "next/navigation";
import { DomainError } from "@/domain/errors";
import type { Actor, Ctx } from "@/domain/context";
import type { Permission } from "@/domain/access/permissions";
import { hasPermission } from "@/domain/access/permissions";
import { getCtx } from "./session";

/**
 * Maps a domain failure to what a page shows: not-found for anything the reader may not see (so
 * existence never leaks), the sign-in page for the signed out.
 */
export async function loadPage<T>(returnTo: string, load: (ctx: Ctx) => T | Promise<T>): Promise<T> {
  const ctx: Ctx = { ...(await getCtx()), pageReads: new Map() };
  try {
    return await load(ctx);
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "unauthenticated") redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      if (error.code === "not_found" || error.code === "forbidden") notFound();
    }
    throw error;
  }
}

/**
 * A staff page about one part of a case (`/cases/<id>/<part>`): staff only, and not found for a case
 * the reader may not see, as the case page itself.
 */
export async function loadStaffCasePart<T>(caseId: string, part: string, load: (ctx: Ctx) => T | Promise<T>): Promise<T> {
  const path = `/cases/${caseId}/${part}`;
  await requirePagePermission("case.view_all", path);
  return loadPage(path, load);
}

/** For pages that need a role's permission before anything else: signed out → sign in, wrong role → not found. */
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<Ctx & { actor: Actor }> {
  const ctx = await getCtx();
  if (!ctx.actor) redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  if (!hasPermission(ctx.actor, permission)) notFound();
  return ctx as Ctx & { actor: Actor };
}

export async function requireSignedIn(returnTo: string): Promise<Ctx & { actor: Actor }> {
  const ctx = await getCtx();
  if (!ctx.actor) redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  return ctx as Ctx & { actor: Actor };
}
