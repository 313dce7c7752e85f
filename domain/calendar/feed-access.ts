import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organisationMembers, users } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { isStaff } from "../context";
import { getCaseForActor, type CaseForActor } from "../access/case-access";
import { DomainError } from "../errors";

/**
 * A case feed is for the case's staff and parties. Amicus users and the public may see a published
 * case, but its deadlines are not theirs to follow, and a draft has no deadlines yet.
 */
export function requireCaseFeedAccess(ctx: Pick<Ctx, "db" | "actor">, caseId: string, db: DbOrTx = ctx.db): CaseForActor {
  const found = getCaseForActor(ctx, caseId, db);
  const isCaseParty = ctx.actor?.role === "party" && found.sides.length > 0;
  if (found.case.status === "draft" || !(isStaff(ctx.actor) || isCaseParty)) throw new DomainError("not_found", "The case could not be found.");
  return found;
}

/**
 * The person a feed belongs to, as the app would see them signed in now, or null once they are
 * disabled: a feed answers with what its owner may see today, not what they could see when they
 * made the link.
 */
export function feedOwner(db: DbOrTx, userId: string): Actor | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.disabledAt !== null) return null;
  const organisationIds = db
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .where(eq(organisationMembers.userId, userId))
    .all()
    .map((m) => m.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, organisationIds, emailVerified: user.emailVerifiedAt !== null };
}
