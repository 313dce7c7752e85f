import type { Actor } from "../context";
import { DomainError } from "../errors";

/**
 * Complaints start statutory work and are served on the other side, so the address the regulator
 * writes to must be proven first. Call after the permission check in any verb that submits.
 */
export function requireVerifiedEmail(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!actor.emailVerified) {
    throw new DomainError("forbidden", `Verify your email address before you submit a complaint. We sent a link to ${actor.email}.`);
  }
}
