import { asc, eq } from "drizzle-orm";
import { caseParties, organisations } from "@/db/schema";
import { aliasedTable } from "drizzle-orm";
import type { Ctx } from "../context";
import { getCaseForParticipant, type CaseRow } from "../access/case-access";
import type { PartyRole } from "@/db/schema";

export interface CaseParty {
  role: PartyRole;
  organisation: string;
  representative: string | null;
}

export interface CaseSummary {
  case: CaseRow;
  parties: CaseParty[];
  /** Sides the viewer acts for, empty for staff. */
  viewerSides: PartyRole[];
}

/** A case's facts and parties, for anyone allowed to see the case. */
export function getCaseSummary(ctx: Ctx, caseId: string): CaseSummary {
  const { case: row, sides } = getCaseForParticipant(ctx, caseId);
  const representative = aliasedTable(organisations, "representative");
  const parties = ctx.db
    .select({ role: caseParties.role, organisation: organisations.name, representative: representative.name })
    .from(caseParties)
    .innerJoin(organisations, eq(organisations.id, caseParties.organisationId))
    .leftJoin(representative, eq(representative.id, caseParties.representativeOrganisationId))
    .where(eq(caseParties.caseId, caseId))
    .orderBy(asc(caseParties.addedAt))
    .all();
  return { case: row, parties, viewerSides: sides };
}
