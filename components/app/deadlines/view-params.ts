import type { DeadlineSort, DeadlineTab } from "@/domain/deadlines/list-deadlines";

/** What the address bar carries for the deadlines view. Only what the reader chose; defaults stay out of links. */
export interface DeadlineViewParams {
  tab: DeadlineTab;
  sort: DeadlineSort;
  rule?: string;
  caseworker?: string;
  month?: string;
  after?: string;
}

export const TAB_LABELS: Record<DeadlineTab, string> = {
  mine: "My cases",
  team: "My team",
  "due-7": "Due in the next 7 days",
  overdue: "Overdue",
  stopped: "Clock stopped",
};

export const TABS = Object.keys(TAB_LABELS) as DeadlineTab[];

export const SORT_LABELS: Record<DeadlineSort, string> = {
  "due-asc": "soonest due first",
  "due-desc": "latest due first",
  case: "by case reference",
};

/** A tab count as shown: the domain stops counting one past its cap. */
export const formatCount = (count: number, cap: number) => (count > cap ? `${cap}+` : String(count));

function query(params: DeadlineViewParams, withMonth?: string): string {
  const search = new URLSearchParams();
  search.set("tab", params.tab);
  if (params.sort !== "due-asc") search.set("sort", params.sort);
  if (params.rule) search.set("rule", params.rule);
  if (params.caseworker) search.set("caseworker", params.caseworker);
  const month = withMonth ?? params.month;
  if (month) search.set("month", month);
  if (params.after) search.set("after", params.after);
  return search.toString();
}

/** A link within the page; changing the tab, sort or filters goes back to the first page. */
export function deadlinesHref(params: DeadlineViewParams, changes: Partial<DeadlineViewParams> = {}): string {
  const resetsPaging = "tab" in changes || "sort" in changes || "rule" in changes || "caseworker" in changes;
  const next = { ...params, ...(resetsPaging ? { after: undefined } : {}), ...changes };
  return `/deadlines?${query(next)}`;
}

/** The JSON the live view polls: the same view, with the calendar month it is showing. */
export const deadlinesApiHref = (params: DeadlineViewParams, calendarMonth: string) => `/api/deadlines?${query(params, calendarMonth)}`;

/** The whole list as CSV, every page, with the same tab, sort and filters. */
export const deadlinesExportHref = (params: DeadlineViewParams) => `/api/deadlines/export?${query({ ...params, month: undefined, after: undefined })}`;
