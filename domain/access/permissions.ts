import type { UserRole } from "@/db/schema";
import { DomainError } from "../errors";
import type { Actor } from "../context";

/**
 * What each role may do, independent of any particular case. Case-specific checks (is this party on
 * the case? may they see this document?) live in case-access.ts and build on these.
 */
const ROLE_PERMISSIONS = {
  "case.view_all": ["caseworker", "supervisor", "admin"],
  "case.triage": ["caseworker", "supervisor"],
  "case.assign": ["supervisor"],
  "case.note": ["caseworker", "supervisor"],
  "case.publish": ["caseworker", "supervisor"],
  "decision.propose": ["caseworker", "supervisor"],
  "decision.approve": ["supervisor"],
  "clock.stop_restart": ["caseworker", "supervisor"],
  "clock.extend": ["supervisor"],
  "complaint.file": ["party"],
  "amicus.apply": ["amicus"],
  "amicus.decide": ["caseworker", "supervisor"],
  /** Accept or reject evidence, decide confidentiality challenges, withdraw an item for the regulator. */
  "evidence.review": ["caseworker", "supervisor"],
  "admin.users": ["admin"],
  "admin.deadline_rules": ["admin"],
  "admin.holidays": ["admin"],
  /** See outgoing mail that failed or is being retried, and send a failed message again. */
  "admin.mail": ["admin"],
  "deadlines.view_staff": ["caseworker", "supervisor", "admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof ROLE_PERMISSIONS;

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  return (ROLE_PERMISSIONS[permission] as readonly UserRole[]).includes(actor.role);
}

/**
 * Throws unless the actor holds the permission. Signed-out callers get `unauthenticated` so the UI
 * can send them to sign in; signed-in callers get `not_found`, because saying "forbidden" would tell
 * them the thing exists.
 */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!hasPermission(actor, permission)) throw new DomainError("not_found", "The page could not be found.");
}

export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
}
