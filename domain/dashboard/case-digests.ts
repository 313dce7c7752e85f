import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { caseDigests, IP_RIGHTS, type CaseStatus, type IpRight } from "@/db/schema";
import { caseScope, type ScopeFilters } from "./filters";

/**
 * Reading case_digests: one narrow row per case, kept by triggers (migration 0010, ADR 0010), with
 * what the triage queue and the dashboard filter, sort and count by. Pages are read along a named
 * index so the plan does not depend on the planner's statistics: with or without ANALYZE, a page
 * costs at most one scan of an index, never a read of the large case rows.
 */

export const digest = caseDigests;

/** The case_digests indexes a page can be read along (migration 0010). */
export type DigestIndex =
  | "case_digests_status_received"
  | "case_digests_status_due_asc"
  | "case_digests_status_due_desc"
  | "case_digests_assignee"
  | "case_digests_clock"
  | "case_digests_rowid"
  | "case_digests_submitted";

/**
 * The IP rights a case claims, one bit each in IP_RIGHTS order, as the triggers store them: "any of
 * these rights" becomes a test on the index instead of a JSON read of each case row.
 */
export function ipRightsMask(rights: readonly IpRight[]): number {
  return rights.reduce((mask, right) => mask | (1 << IP_RIGHTS.indexOf(right)), 0);
}

/** case_digests read along a named index. */
export function digestFrom(index: DigestIndex): SQL {
  return sql`${digest} INDEXED BY ${sql.identifier(index)}`;
}

/**
 * The dashboard's team and caseworker filters as a condition on another table's case id (the
 * case-to-answer figure's deadlines), or undefined without filters. One person's cases are few, so
 * they are read once as a set from the assignee index; a team's are thousands, more than the rows
 * being tested, so each row's case is looked up instead.
 */
export function casesInScope(caseId: SQLiteColumn, filters: ScopeFilters): SQL | undefined {
  const scope = caseScope(filters);
  if (scope.length === 0) return undefined;
  if (filters.caseworkerId === undefined) return sql`EXISTS (SELECT 1 FROM ${digest} WHERE ${and(sql`${digest.caseId} = ${caseId}`, ...scope)})`;
  // The unary + keeps SQLite from walking the set and looking up each case's rows: the other
  // table's range is read in order and each row tested against the set.
  return sql`+${caseId} IN (SELECT ${digest.caseId} FROM ${digestFrom("case_digests_assignee")} WHERE ${and(...scope)})`;
}

export interface DigestKey {
  id: string;
  sortKey: string;
}

export interface OrderedDigestRead {
  /** The index each part is read along. */
  index: DigestIndex;
  /** One WHERE per part; the parts' rows are merged in order. Usually one part per status. */
  parts: SQL[];
  /** Conditions every part shares. */
  conditions: SQL[];
  sortKey: SQL | SQLiteColumn;
  ascending: boolean;
  limit: number;
}

/**
 * Case ids and sort keys in (sortKey, case_id) order, at most `limit`. Each part reads its own rows
 * in order along the index and stops at `limit`; the parts are then merged. With one part per
 * status, "open cases by received date" reads a few rows from each status's stretch of the index
 * instead of sorting every open case.
 */
export function orderedDigestKeys(db: DbOrTx, read: OrderedDigestRead): DigestKey[] {
  if (read.parts.length === 0) return [];
  const direction = sql.raw(read.ascending ? "ASC" : "DESC");
  const from = digestFrom(read.index);
  const arms = read.parts.map(
    (part) =>
      sql`SELECT * FROM (SELECT ${digest.caseId} AS "id", ${read.sortKey} AS "sortKey" FROM ${from} WHERE ${and(part, ...read.conditions)} ORDER BY ${read.sortKey} ${direction}, ${digest.caseId} ${direction} LIMIT ${read.limit})`,
  );
  if (arms.length === 1) return db.all<DigestKey>(arms[0]!);
  return db.all<DigestKey>(sql`SELECT "id", "sortKey" FROM (${sql.join(arms, sql` UNION ALL `)}) ORDER BY "sortKey" ${direction}, "id" ${direction} LIMIT ${read.limit}`);
}

/** One part per status, for orderedDigestKeys. */
export function perStatus(statuses: readonly CaseStatus[]): SQL[] {
  return [...new Set(statuses)].map((status) => eq(digest.status, status));
}

/** All the statuses in one part, for indexes that lead with something else. */
export function anyStatus(statuses: readonly CaseStatus[]): SQL[] {
  return statuses.length === 0 ? [] : [inArray(digest.status, [...statuses])];
}
