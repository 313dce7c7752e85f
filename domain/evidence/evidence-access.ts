import { and, asc, desc, eq, inArray, isNotNull, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { confidentialityChallenges, evidence, FILING_SIDES, type FilingSide, type PartyRole } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { canSeeEvidence, evidenceAccessLevel, getCaseForActor, type CaseRow, type EvidenceAccessLevel } from "../access/case-access";
import { DomainError } from "../errors";
import { requireFilingSide } from "./filing-side";
import { mayChallengeConfidentiality, visibilityFacts, type EvidenceRow } from "./evidence-rules";

const evidenceNotFound = () => new DomainError("not_found", "The evidence could not be found.");

export interface EvidenceForActor {
  item: EvidenceRow;
  case: CaseRow;
  /** The sides of the case the actor acts for (empty for staff and outsiders). */
  sides: PartyRole[];
}

/** Loads an item and its case for the actor, at the access level given, or `not_found` — the same for missing and forbidden. */
function loadForActor(ctx: Pick<Ctx, "db" | "actor">, evidenceId: string, db: DbOrTx, least: Exclude<EvidenceAccessLevel, "none">): EvidenceForActor & { level: Exclude<EvidenceAccessLevel, "none"> } {
  const item = db.select().from(evidence).where(eq(evidence.id, evidenceId)).get();
  if (!item) throw evidenceNotFound();
  let access;
  try {
    access = getCaseForActor(ctx, item.caseId, db);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw evidenceNotFound();
    throw error;
  }
  const level = evidenceAccessLevel(ctx.actor, access.sides, visibilityFacts(item, access.case));
  if (level === "none" || (least === "full" && level !== "full")) throw evidenceNotFound();
  return { item, case: access.case, sides: access.sides, level };
}

/**
 * Fetch-or-throw for reading or acting on one evidence item: `not_found` unless the actor may see
 * its content, whether it is missing, on a case they cannot see, withdrawn, or restricted to the other side.
 */
export function getEvidenceForActor(ctx: Pick<Ctx, "db" | "actor">, evidenceId: string, db: DbOrTx = ctx.db): EvidenceForActor {
  const { item, case: caseRow, sides } = loadForActor(ctx, evidenceId, db, "full");
  return { item, case: caseRow, sides };
}

/**
 * Like getEvidenceForActor, but also answers for an item the actor may only know exists (the other
 * party's restricted item, which they may challenge). Callers must show nothing beyond the listing.
 */
export function getEvidenceListingForActor(ctx: Pick<Ctx, "db" | "actor">, evidenceId: string, db: DbOrTx = ctx.db): EvidenceForActor & { level: "full" | "listing" } {
  return loadForActor(ctx, evidenceId, db, "listing");
}

/** Whether the actor may file evidence on the case now (the rule requireFilingSide enforces). */
export function filingSideFor(ctx: Pick<Ctx, "db" | "actor">, caseId: string, db: DbOrTx = ctx.db): FilingSide | null {
  try {
    return requireFilingSide(ctx, caseId, db);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

export const EVIDENCE_SORTS = ["exhibit", "title", "party", "confidentiality", "status", "received"] as const;
export type EvidenceSort = (typeof EVIDENCE_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** A list is bounded so a case with a huge bundle cannot stall the (synchronous) server. */
export const EVIDENCE_LIST_LIMIT = 500;

export interface EvidenceListItem {
  id: string;
  exhibitNumber: string;
  /** Null for a redacted row: the other party's restricted item, listed so it can be challenged. */
  title: string | null;
  redacted: boolean;
  filingSide: FilingSide;
  confidentiality: EvidenceRow["confidentiality"];
  status: EvidenceRow["status"];
  receivedAt: string;
  /** The corrected version that replaced this one; `id` only when the viewer may open it. */
  supersededBy: { exhibitNumber: string; id: string | null } | null;
  challengeOpen: boolean;
  canChallenge: boolean;
}

export interface CaseEvidenceList {
  items: EvidenceListItem[];
  /** More items exist than the list shows. */
  truncated: boolean;
  /** The side the viewer files for on this case, or null if they may not file now. */
  filingSide: FilingSide | null;
  sort: EvidenceSort;
  dir: SortDirection;
}

const casedWhen = (column: SQL | typeof evidence.status | typeof evidence.confidentiality, values: readonly string[]): SQL =>
  sql`case ${column} ${sql.join(
    values.map((value, index) => sql`when ${value} then ${index}`),
    sql` `,
  )} else ${values.length} end`;

/**
 * The evidence on a case that the viewer may see, sorted as asked. Visibility is applied in SQL
 * (derived from the same rule canSeeEvidence states, by asking it about each filing side) and
 * checked again on every row, so the two can never drift apart silently.
 */
export function listCaseEvidence(ctx: Ctx, caseId: string, options: { sort?: EvidenceSort; dir?: SortDirection } = {}): CaseEvidenceList {
  const { case: caseRow, sides } = getCaseForActor(ctx, caseId);
  const sort = options.sort ?? "exhibit";
  const dir = options.dir ?? "asc";
  const published = caseRow.publishedAt !== null;
  const probe = (confidentiality: EvidenceRow["confidentiality"], filingSide: FilingSide) => ({ confidentiality, filingSide, status: "accepted" as const, casePublished: published });

  const where: SQL[] = [eq(evidence.caseId, caseId)];
  // Restricted items whose content the viewer may read, and those they may only know exist.
  const readableRestricted = FILING_SIDES.filter((side) => canSeeEvidence(ctx.actor, sides, probe("restricted", side)));
  const listableRestricted = FILING_SIDES.filter((side) => evidenceAccessLevel(ctx.actor, sides, probe("restricted", side)) !== "none");
  if (!isStaff(ctx.actor)) {
    where.push(ne(evidence.status, "withdrawn"));
    if (canSeeEvidence(ctx.actor, sides, { ...probe("parties", "regulator"), status: "received" })) {
      // A party to the case: everything but restricted items they may not even list.
      where.push(listableRestricted.length > 0 ? sql`(${evidence.confidentiality} <> 'restricted' or ${inArray(evidence.filingSide, listableRestricted)})` : ne(evidence.confidentiality, "restricted"));
    } else {
      // The public and amicus users: accepted public items, once the case is on the register.
      if (!published) return { items: [], truncated: false, filingSide: null, sort, dir };
      where.push(eq(evidence.confidentiality, "public"), eq(evidence.status, "accepted"));
    }
  }

  // A redacted row sorts as if it had no title, so its position cannot hint at what it is called.
  const redacted = sql`(${evidence.confidentiality} = 'restricted' and ${notInArray(evidence.filingSide, readableRestricted)})`;
  const exhibitOrder = [sql`substr(${evidence.exhibitNumber}, 1, 1)`, sql`length(${evidence.exhibitNumber})`, evidence.exhibitNumber];
  const primary: Record<EvidenceSort, SQL[]> = {
    exhibit: exhibitOrder.map((part) => sql`${part}`),
    title: [sql`case when ${redacted} then '' else lower(${evidence.title}) end`],
    party: [sql`${evidence.filingSide}`],
    confidentiality: [casedWhen(evidence.confidentiality, ["public", "parties", "restricted"])],
    status: [casedWhen(evidence.status, ["received", "accepted", "rejected", "superseded", "withdrawn"])],
    received: [sql`${evidence.receivedAt}`],
  };
  const direction = dir === "desc" ? desc : asc;
  const rows = ctx.db
    .select()
    .from(evidence)
    .where(and(...where))
    .orderBy(...primary[sort].map((part) => direction(part)), ...(sort === "exhibit" ? [] : exhibitOrder.map((part) => asc(sql`${part}`))))
    .limit(EVIDENCE_LIST_LIMIT + 1)
    .all();
  const truncated = rows.length > EVIDENCE_LIST_LIMIT;

  const replacements = ctx.db
    .select({ id: evidence.id, supersedesId: evidence.supersedesId, exhibitNumber: evidence.exhibitNumber, confidentiality: evidence.confidentiality, filingSide: evidence.filingSide, status: evidence.status })
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), isNotNull(evidence.supersedesId)))
    .orderBy(asc(evidence.receivedAt))
    .limit(EVIDENCE_LIST_LIMIT * 2)
    .all();
  const replacementOf = new Map(replacements.map((r) => [r.supersedesId, r]));
  const openChallenges = new Set(
    ctx.db
      .select({ evidenceId: confidentialityChallenges.evidenceId })
      .from(confidentialityChallenges)
      .where(and(eq(confidentialityChallenges.caseId, caseId), eq(confidentialityChallenges.status, "open")))
      .all()
      .map((c) => c.evidenceId),
  );

  const items: EvidenceListItem[] = [];
  for (const row of rows.slice(0, EVIDENCE_LIST_LIMIT)) {
    const level = evidenceAccessLevel(ctx.actor, sides, visibilityFacts(row, caseRow));
    if (level === "none") continue;
    const replacement = replacementOf.get(row.id);
    const replacementLevel = replacement ? evidenceAccessLevel(ctx.actor, sides, visibilityFacts(replacement, caseRow)) : "none";
    const challengeOpen = openChallenges.has(row.id);
    items.push({
      id: row.id,
      exhibitNumber: row.exhibitNumber,
      title: level === "full" ? row.title : null,
      redacted: level !== "full",
      filingSide: row.filingSide,
      confidentiality: row.confidentiality,
      status: row.status,
      receivedAt: row.receivedAt,
      supersededBy: row.status === "superseded" && replacement && replacementLevel !== "none" ? { exhibitNumber: replacement.exhibitNumber, id: replacementLevel === "full" ? replacement.id : null } : null,
      challengeOpen,
      canChallenge: !challengeOpen && mayChallengeConfidentiality(ctx.actor, sides, row),
    });
  }
  return { items, truncated, filingSide: filingSideFor(ctx, caseId), sort, dir };
}
