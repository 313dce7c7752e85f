import { and, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { caseParties, cases, type CaseStatus, type Confidentiality, type FilingSide, type PartyRole } from "@/db/schema";
import type { Actor, Ctx } from "../context";
import { isStaff, readOncePerPage } from "../context";
import { DomainError } from "../errors";

export type CaseRow = typeof cases.$inferSelect;

/** The facts about a case that decide who may see it. */
export interface CaseVisibilityFacts {
  status: CaseStatus;
  createdBy: string;
  publishedAt: string | null;
  /** The sides (complainant, respondent, …) the actor's organisations are on in this case. */
  actorSides: PartyRole[];
}

/** The single answer to "may this actor see this case at all?" */
export function canSeeCase(actor: Actor | null, facts: CaseVisibilityFacts): boolean {
  if (isStaff(actor)) return facts.status !== "draft";
  if (actor?.role === "party") {
    if (facts.status === "draft") return facts.createdBy === actor.id;
    return facts.actorSides.length > 0;
  }
  // Amicus users and the public see only what the register publishes.
  return facts.publishedAt !== null && facts.status !== "draft";
}

/** Which sides of the case the actor acts for, through the organisations they belong to. */
export function sidesForActor(db: DbOrTx, actor: Actor | null, caseId: string): PartyRole[] {
  if (!actor || actor.organisationIds.length === 0) return [];
  const rows = db
    .select({ role: caseParties.role })
    .from(caseParties)
    .where(
      and(
        eq(caseParties.caseId, caseId),
        or(inArray(caseParties.organisationId, actor.organisationIds), inArray(caseParties.representativeOrganisationId, actor.organisationIds)),
      ),
    )
    .all();
  return [...new Set(rows.map((r) => r.role))];
}

export interface CaseForActor {
  case: CaseRow;
  sides: PartyRole[];
}

/**
 * Fetch-or-throw for every read or write of a case: a case the actor may not see is `not_found`,
 * exactly as if it did not exist.
 */
export function getCaseForActor(ctx: Pick<Ctx, "db" | "actor" | "pageReads">, caseId: string, db: DbOrTx = ctx.db): CaseForActor {
  // Inside a transaction the answer is read afresh: the verb may be about to change it.
  if (db !== ctx.db) return readCaseForActor(ctx, caseId, db);
  return readOncePerPage(ctx, `case-for-actor:${caseId}`, () => readCaseForActor(ctx, caseId, db));
}

function readCaseForActor(ctx: Pick<Ctx, "actor">, caseId: string, db: DbOrTx): CaseForActor {
  const row = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new DomainError("not_found", "The case could not be found.");
  const sides = sidesForActor(db, ctx.actor, caseId);
  if (!canSeeCase(ctx.actor, { status: row.status, createdBy: row.createdBy, publishedAt: row.publishedAt, actorSides: sides })) {
    throw new DomainError("not_found", "The case could not be found.");
  }
  return { case: row, sides };
}

export interface EvidenceVisibilityFacts {
  confidentiality: Confidentiality;
  filingSide: FilingSide;
  status: "received" | "accepted" | "rejected" | "withdrawn" | "superseded";
  casePublished: boolean;
}

/**
 * public: anyone once the case is on the register; parties: the regulator and the parties;
 * restricted: the regulator and the filing side only. Withdrawn items stay visible to staff only.
 */
export function canSeeEvidence(actor: Actor | null, actorSides: PartyRole[], item: EvidenceVisibilityFacts): boolean {
  if (isStaff(actor)) return true;
  if (item.status === "withdrawn") return false;
  const isParty = actor?.role === "party" && actorSides.length > 0;
  if (isParty) {
    if (item.confidentiality === "restricted") return (actorSides as string[]).includes(item.filingSide);
    return true;
  }
  return item.confidentiality === "public" && item.casePublished && item.status === "accepted";
}

export type EvidenceAccessLevel = "full" | "listing" | "none";

const OPPOSING_SIDE: Partial<Record<EvidenceVisibilityFacts["filingSide"], PartyRole>> = { complainant: "respondent", respondent: "complainant" };

/**
 * `full`: may read and download the item (exactly canSeeEvidence). `listing`: may only know that it
 * exists — the other party to a restricted item a party filed sees its exhibit number, never its
 * title, description or bytes, so that it can challenge the confidentiality claim (a claim nobody
 * may see could never be challenged). `none`: not even that.
 */
export function evidenceAccessLevel(actor: Actor | null, actorSides: PartyRole[], item: EvidenceVisibilityFacts): EvidenceAccessLevel {
  if (canSeeEvidence(actor, actorSides, item)) return "full";
  const opposing = OPPOSING_SIDE[item.filingSide];
  if (actor?.role === "party" && item.status !== "withdrawn" && item.confidentiality === "restricted" && opposing && actorSides.includes(opposing)) return "listing";
  return "none";
}

/**
 * For the reads behind the staff and party case pages (workspace, clocks, timeline): regulator staff
 * and the parties only. A published case is on the register for everyone, but its working file is
 * not, so an amicus user or the public gets `not_found` here even where getCaseForActor would answer.
 */
export function getCaseForParticipant(ctx: Pick<Ctx, "db" | "actor" | "pageReads">, caseId: string, db: DbOrTx = ctx.db): CaseForActor {
  const found = getCaseForActor(ctx, caseId, db);
  if (!isStaff(ctx.actor) && ctx.actor?.role !== "party") throw new DomainError("not_found", "The case could not be found.");
  return found;
}
