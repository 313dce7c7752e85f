import { IP_RIGHTS, type CaseStatus, type IpRight } from "@/db/schema";
import { CLOCK_FILTERS, QUEUE_STATUSES, TRIAGE_SORTS, TRIAGE_TABS, type ClockFilter, type TriageQueueQuery, type TriageSort, type TriageTab } from "@/domain/cases/list-triage-queue";

/** What the address bar carries for the triage queue. Only what the reader chose; defaults stay out of links. */
export interface TriageParams {
  tab: TriageTab;
  sort: TriageSort;
  statuses: Exclude<CaseStatus, "draft">[];
  caseworker?: string;
  ipRights: IpRight[];
  receivedFrom?: string;
  receivedTo?: string;
  clock: ClockFilter[];
  q?: string;
  after?: string;
  before?: string;
}

export const DEFAULT_SORT: TriageSort = "received-asc";

export const TAB_LABELS: Record<TriageTab, string> = { unassigned: "Unassigned", mine: "My work", all: "All" };

export const SORT_LABELS: Record<TriageSort, string> = {
  "received-asc": "oldest received first",
  "received-desc": "newest received first",
  "due-asc": "case-to-answer due soonest first",
  "due-desc": "case-to-answer due latest first",
};

export const CLOCK_LABELS: Record<ClockFilter, string> = { running: "Running", stopped: "Stopped", overdue: "Overdue", none: "No clock" };

type SearchParams = Record<string, string | string[] | undefined>;

const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const single = (value: string | string[] | undefined, max: number): string | undefined => {
  const text = all(value)[0]?.trim();
  return text && text.length <= max ? text : undefined;
};
const someOf = <T extends string>(allowed: readonly T[], value: string | string[] | undefined): T[] => [...new Set(all(value).filter((v): v is T => (allowed as readonly string[]).includes(v)))];
const oneOf = <T extends string>(allowed: readonly T[], value: string | string[] | undefined, fallback: T): T => someOf(allowed, value)[0] ?? fallback;

/**
 * A hand-edited or stale address still shows a page: unknown choices are dropped and tabs and sorts
 * fall back to the default. Dates and the search are passed on as typed, so the domain can say
 * what is wrong with them.
 */
export function readTriageParams(search: SearchParams): TriageParams {
  return {
    tab: oneOf(TRIAGE_TABS, search.tab, "unassigned"),
    sort: oneOf(TRIAGE_SORTS, search.sort, DEFAULT_SORT),
    statuses: someOf(QUEUE_STATUSES, search.status),
    caseworker: single(search.caseworker, 100),
    ipRights: someOf(IP_RIGHTS, search.ipRight),
    receivedFrom: single(search.receivedFrom, 100),
    receivedTo: single(search.receivedTo, 100),
    clock: someOf(CLOCK_FILTERS, search.clock),
    q: single(search.q, 1000),
    after: single(search.after, 300),
    before: single(search.before, 300),
  };
}

/** The domain query for these parameters, leaving out any field the domain has already refused. */
export function toQueueQuery(params: TriageParams, refused: ReadonlySet<string> = new Set()): TriageQueueQuery {
  const keep = <T>(field: string, value: T): T | undefined => (refused.has(field) ? undefined : value);
  return {
    tab: params.tab,
    sort: params.sort,
    statuses: params.statuses,
    caseworkerId: keep("caseworkerId", params.caseworker),
    ipRights: params.ipRights,
    receivedFrom: keep("receivedFrom", params.receivedFrom),
    receivedTo: keep("receivedTo", params.receivedTo),
    clock: params.clock,
    q: keep("q", params.q),
    after: params.after,
    before: params.before,
  };
}

function query(params: TriageParams): string {
  const search = new URLSearchParams();
  search.set("tab", params.tab);
  if (params.sort !== DEFAULT_SORT) search.set("sort", params.sort);
  for (const status of params.statuses) search.append("status", status);
  if (params.caseworker) search.set("caseworker", params.caseworker);
  for (const right of params.ipRights) search.append("ipRight", right);
  if (params.receivedFrom) search.set("receivedFrom", params.receivedFrom);
  if (params.receivedTo) search.set("receivedTo", params.receivedTo);
  for (const clock of params.clock) search.append("clock", clock);
  if (params.q) search.set("q", params.q);
  if (params.after) search.set("after", params.after);
  else if (params.before) search.set("before", params.before);
  return search.toString();
}

/** A link within the queue. Unless the change is a page cursor, it goes back to the first page. */
export function triageHref(params: TriageParams, changes: Partial<TriageParams> = {}): string {
  const next = { ...params, after: undefined, before: undefined, ...changes };
  return `/triage?${query(next)}`;
}

/** The same view without any filter or search: the tab and sort stay. */
export const clearFiltersHref = (params: TriageParams) => triageHref({ tab: params.tab, sort: params.sort, statuses: [], ipRights: [], clock: [] });

export const hasFilters = (params: TriageParams) =>
  params.statuses.length > 0 || params.ipRights.length > 0 || params.clock.length > 0 || Boolean(params.caseworker || params.receivedFrom || params.receivedTo || params.q);

/** The whole queue as CSV, every page, with the same view, sort, filters and search. */
export const triageExportHref = (params: TriageParams) => `/api/triage/export?${query({ ...params, after: undefined, before: undefined })}`;
