import { and, count, desc, eq, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { caseParties, cases, IP_RIGHTS, organisations, type IpRight } from "@/db/schema";
import { londonDateOf } from "../deadlines/london-date";
import { PUBLIC_CASE_COLUMNS, REGISTER_FEED_SIZE, REGISTER_PAGE_SIZE, REGISTER_STATUSES, publishedDecision, toRegisterItems, type PublicCaseRow, type RegisterItem, type RegisterStatus } from "./register-facts";

export const REGISTER_SEARCH_MAX = 200;
export const AMICUS_WINDOW_FILTERS = ["open", "closed"] as const;
export type AmicusWindowFilter = (typeof AMICUS_WINDOW_FILTERS)[number];

const text = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * The register's filters as they arrive from the address bar. Anyone can type anything there, so a
 * filter that makes no sense is dropped rather than refused: the reader still gets a register.
 */
const RegisterFilters = z.object({
  q: z.preprocess(text, z.string().transform((q) => q.trim().slice(0, REGISTER_SEARCH_MAX)).optional()).catch(undefined),
  ipRight: z.preprocess(text, z.enum(IP_RIGHTS).optional()).catch(undefined),
  status: z.preprocess(text, z.enum(REGISTER_STATUSES).optional()).catch(undefined),
  amicusWindow: z.preprocess(text, z.enum(AMICUS_WINDOW_FILTERS).optional()).catch(undefined),
  page: z.preprocess(text, z.coerce.number().int().min(1).optional()).catch(undefined),
});

export type RegisterQuery = Partial<Record<"q" | "ipRight" | "status" | "amicusWindow" | "page", string | string[] | number | undefined>>;

export interface RegisterFilterValues {
  q?: string;
  ipRight?: IpRight;
  status?: RegisterStatus;
  amicusWindow?: AmicusWindowFilter;
}

export interface RegisterPage {
  items: RegisterItem[];
  /** The page shown, within 1..pageCount whatever was asked for. */
  page: number;
  pageCount: number;
  total: number;
  /** The filters that were applied, after dropping any that made no sense. */
  filters: RegisterFilterValues;
}

/** Reads the register filters, dropping any that are not valid. */
export function readRegisterFilters(query: RegisterQuery): RegisterFilterValues & { page: number } {
  const parsed = RegisterFilters.parse(query);
  return {
    ...(parsed.q ? { q: parsed.q } : {}),
    ...(parsed.ipRight ? { ipRight: parsed.ipRight } : {}),
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.amicusWindow ? { amicusWindow: parsed.amicusWindow } : {}),
    page: parsed.page ?? 1,
  };
}

/** Makes `%`, `_` and `\` in what someone typed match themselves in a LIKE … ESCAPE '\' pattern. */
export const escapeLike = (input: string) => input.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Published, non-draft cases: the only rows any public query may return. */
const onRegister = (): SQL[] => [isNotNull(cases.publishedAt), ne(cases.status, "draft")];

function filterConditions(filters: RegisterFilterValues, today: string): SQL[] {
  const conditions = onRegister();
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    // Only what the register itself shows is searched: matching on complaint text or an unnamed
    // party would let a search reveal what the page does not.
    conditions.push(sql`(
      ${cases.reference} LIKE ${pattern} ESCAPE '\\'
      OR ${cases.title} LIKE ${pattern} ESCAPE '\\'
      OR ${cases.publicSummary} LIKE ${pattern} ESCAPE '\\'
      OR EXISTS (
        SELECT 1 FROM ${caseParties} INNER JOIN ${organisations} ON ${organisations.id} = ${caseParties.organisationId}
        WHERE ${caseParties.caseId} = ${cases.id} AND ${caseParties.role} IN ('complainant', 'respondent') AND ${organisations.name} LIKE ${pattern} ESCAPE '\\'
      )
    )`);
  }
  if (filters.ipRight) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${cases.ipRights}) WHERE json_each.value = ${filters.ipRight})`);
  if (filters.status) conditions.push(eq(cases.status, filters.status));
  if (filters.amicusWindow === "open") conditions.push(sql`${cases.amicusWindowClosesOn} >= ${today}`);
  if (filters.amicusWindow === "closed") conditions.push(sql`(${cases.amicusWindowClosesOn} IS NULL OR ${cases.amicusWindowClosesOn} < ${today})`);
  return conditions;
}

/**
 * The public register: published cases, newest publication first, 20 to a page. Searching is a
 * bounded LIKE over a few short columns of the published rows only; parties and deadlines are
 * loaded for the page's cases in one query each.
 */
export function listRegister(db: DbOrTx, now: Date, query: RegisterQuery = {}): RegisterPage {
  const { page: askedPage, ...filters } = readRegisterFilters(query);
  const where = and(...filterConditions(filters, londonDateOf(now)));
  const total = db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
  const page = Math.min(Math.max(1, askedPage), pageCount);
  const rows: PublicCaseRow[] = db
    .select(PUBLIC_CASE_COLUMNS)
    .from(cases)
    .where(where)
    .orderBy(desc(cases.publishedAt), desc(cases.id))
    .limit(REGISTER_PAGE_SIZE)
    .offset((page - 1) * REGISTER_PAGE_SIZE)
    .all();
  return { items: toRegisterItems(db, now, rows), page, pageCount, total, filters };
}

export interface RegisterFeedEntry extends RegisterItem {
  publicSummary: string;
  /** The latest public event on the case: publication, the published decision, or closure. */
  updatedAt: string;
}

/**
 * The newest published cases for the feeds. `updatedAt` is drawn from public facts only: the row's
 * own updated_at also moves for internal work (assignment, for one) that the public must not see.
 */
export function listRegisterFeedEntries(db: DbOrTx, now: Date, limit: number = REGISTER_FEED_SIZE): RegisterFeedEntry[] {
  const rows: PublicCaseRow[] = db
    .select(PUBLIC_CASE_COLUMNS)
    .from(cases)
    .where(and(...onRegister()))
    .orderBy(desc(cases.publishedAt), desc(cases.id))
    .limit(Math.min(Math.max(1, limit), REGISTER_FEED_SIZE))
    .all();
  const items = toRegisterItems(db, now, rows);
  return items.map((item, index) => {
    const row = rows[index]!;
    const decision = publishedDecision(row);
    const closedAt = row.status === "closed" || row.status === "withdrawn" ? row.closedAt : null;
    const instants = [item.publishedAt, decision?.decidedAt ?? null, closedAt].filter((at): at is string => at !== null && at !== "");
    return { ...item, publicSummary: row.publicSummary ?? "", updatedAt: instants.reduce((latest, at) => (at > latest ? at : latest), item.publishedAt) };
  });
}
