import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { caseParties, organisationMembers, users, type PartyRole } from "@/db/schema";

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** Active users acting for a side of a case: members of the party's organisation or of its representative firm. */
export function usersActingFor(tx: DbOrTx, caseId: string, side: PartyRole): Recipient[] {
  const parties = tx.select().from(caseParties).where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, side))).all();
  const organisationIds = parties.flatMap((p) => [p.organisationId, p.representativeOrganisationId]).filter((id): id is string => id !== null);
  if (organisationIds.length === 0) return [];
  return tx
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(inArray(organisationMembers.organisationId, organisationIds), eq(users.role, "party"), isNull(users.disabledAt)))
    .all();
}

/** Active supervisors, who approve decisions and hear about conflicts and escalations. */
export function activeSupervisors(tx: DbOrTx): Recipient[] {
  return tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(and(eq(users.role, "supervisor"), isNull(users.disabledAt))).all();
}

export function activeStaff(tx: DbOrTx): Recipient[] {
  return tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(or(eq(users.role, "caseworker"), eq(users.role, "supervisor")), isNull(users.disabledAt)))
    .all();
}
