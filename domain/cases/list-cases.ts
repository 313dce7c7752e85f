import { aliasedTable, and, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { caseParties, cases, organisations, type CaseStatus } from "@/db/schema";
import type { Ctx } from "../context";
import { isStaff } from "../context";
import { requireActor } from "../access/permissions";
import { parseInput } from "../errors";

export const ListCasesInput = z.object({
  /** Opaque keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** Leave out the actor's own drafts, for views that list drafts separately. */
  excludeDrafts: z.boolean().default(false),
});

export interface CaseListItem {
  id: string;
  reference: string | null;
  title: string;
  status: CaseStatus;
  submittedAt: string | null;
  complainant: string | null;
  respondent: string | null;
}

const encodeCursor = (item: { sortKey: string; id: string }) => Buffer.from(JSON.stringify([item.sortKey, item.id])).toString("base64url");
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === "string") ? (parsed as [string, string]) : null;
  } catch {
    return null;
  }
}

/**
 * Cases the actor may see, newest first, a bounded page at a time (keyset, so page 500 costs what
 * page 1 does). Staff see every submitted case; parties see the cases their organisations are on.
 */
export function listCasesForActor(ctx: Ctx, input: z.input<typeof ListCasesInput> = {}): { items: CaseListItem[]; nextCursor: string | null } {
  requireActor(ctx.actor);
  const actor = ctx.actor;
  const { after, limit, excludeDrafts } = parseInput(ListCasesInput, input);
  const sortKey = sql<string>`coalesce(${cases.submittedAt}, ${cases.createdAt})`;

  const conditions: SQL[] = [];
  if (isStaff(actor)) {
    conditions.push(ne(cases.status, "draft"));
  } else if (actor.role === "party" && actor.organisationIds.length > 0) {
    const onCase = ctx.db
      .select({ caseId: caseParties.caseId })
      .from(caseParties)
      .where(or(inArray(caseParties.organisationId, actor.organisationIds), inArray(caseParties.representativeOrganisationId, actor.organisationIds)));
    conditions.push(or(and(ne(cases.status, "draft"), inArray(cases.id, onCase)), and(eq(cases.status, "draft"), eq(cases.createdBy, actor.id)))!);
  } else if (actor.role === "party") {
    conditions.push(and(eq(cases.status, "draft"), eq(cases.createdBy, actor.id))!);
  } else {
    conditions.push(isNotNull(cases.publishedAt), ne(cases.status, "draft"));
  }
  if (excludeDrafts) conditions.push(ne(cases.status, "draft"));
  const cursor = after ? decodeCursor(after) : null;
  if (cursor) conditions.push(sql`(${sortKey}, ${cases.id}) < (${cursor[0]}, ${cursor[1]})`);

  const complainantParty = aliasedTable(caseParties, "complainant_party");
  const complainantOrg = aliasedTable(organisations, "complainant_org");
  const respondentParty = aliasedTable(caseParties, "respondent_party");
  const respondentOrg = aliasedTable(organisations, "respondent_org");
  const rows = ctx.db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      submittedAt: cases.submittedAt,
      sortKey,
      complainant: complainantOrg.name,
      respondent: respondentOrg.name,
    })
    .from(cases)
    .leftJoin(complainantParty, and(eq(complainantParty.caseId, cases.id), eq(complainantParty.role, "complainant")))
    .leftJoin(complainantOrg, eq(complainantOrg.id, complainantParty.organisationId))
    .leftJoin(respondentParty, and(eq(respondentParty.caseId, cases.id), eq(respondentParty.role, "respondent")))
    .leftJoin(respondentOrg, eq(respondentOrg.id, respondentParty.organisationId))
    .where(and(...conditions))
    .orderBy(desc(sortKey), desc(cases.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortKey: _sortKey, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
