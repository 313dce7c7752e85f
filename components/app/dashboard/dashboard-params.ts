import type { CaseStatus } from "@/db/schema";
import type { DashboardFiltersQuery } from "@/domain/dashboard/filters";
import type { Figure, FigureListQuery } from "@/domain/dashboard/figure-lists";

export const PERIOD_VALUES = ["30", "90", "180"] as const;
export type PeriodValue = (typeof PERIOD_VALUES)[number];
export const DEFAULT_PERIOD_VALUE: PeriodValue = "90";

/** What the address bar carries for the dashboard. Only what the reader chose; defaults stay out of links. */
export interface DashboardParams {
  caseworker?: string;
  team?: string;
  period?: PeriodValue;
}

/** What narrows one figure's list further than the dashboard's filters. */
export interface FigureDetail {
  status?: CaseStatus;
  level?: "red" | "amber";
  week?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined, max: number): string | undefined => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text && text.length <= max ? text : undefined;
};

/**
 * A hand-edited or stale address should still show a page, so anything unusable falls back to the
 * default; the JSON routes, which this code calls, pass values on for the domain to check.
 */
export function readDashboardParams(search: SearchParams): DashboardParams {
  const period = single(search.period, 3);
  return {
    caseworker: single(search.caseworker, 100),
    team: single(search.team, 100),
    period: (PERIOD_VALUES as readonly string[]).includes(period ?? "") && period !== DEFAULT_PERIOD_VALUE ? (period as PeriodValue) : undefined,
  };
}

/** The figure-specific parameters of a list page's address, as typed; the domain checks them. */
export function readFigureDetail(search: SearchParams): { status?: string; level?: string; week?: string; after?: string } {
  return { status: single(search.status, 40), level: single(search.level, 10), week: single(search.week, 20), after: single(search.after, 300) };
}

/** The domain's names for the dashboard filters. */
export const toFiltersQuery = (params: DashboardParams): DashboardFiltersQuery => ({ caseworkerId: params.caseworker, team: params.team, period: params.period ?? DEFAULT_PERIOD_VALUE });

/** The address bar's names for the domain's fields, so a refused value is reported by the name that was sent. */
export const PARAMETER_FOR_FIELD: Record<string, string> = { caseworkerId: "caseworker" };

export function isFiltered(params: DashboardParams): boolean {
  return Boolean(params.caseworker || params.team || params.period);
}

function search(params: DashboardParams, extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) query.set(name, value);
  if (params.caseworker) query.set("caseworker", params.caseworker);
  if (params.team) query.set("team", params.team);
  if (params.period && params.period !== DEFAULT_PERIOD_VALUE) query.set("period", params.period);
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

export const dashboardHref = (params: DashboardParams) => `/dashboard${search(params)}`;
export const dashboardApiHref = (params: DashboardParams) => `/api/dashboard${search(params)}`;

const detailSearch = (detail: FigureDetail, after?: string) => ({ status: detail.status, level: detail.level, week: detail.week, after });

/** The drill-down list behind a figure, with the dashboard's filters. */
export const figureListHref = (figure: Figure, params: DashboardParams, detail: FigureDetail = {}, after?: string) => `/dashboard/list/${figure}${search(params, detailSearch(detail, after))}`;

/** Every caseworker's workload as a table, with the dashboard's filters: the dashboard charts only the busiest. */
export const workloadHref = (params: DashboardParams) => `/dashboard/workload${search(params)}`;

/** The CSV of a figure's list, with the same filters. */
export const figureExportHref = (figure: Figure, params: DashboardParams, detail: FigureDetail = {}) => `/api/dashboard/export/${figure}${search(params, detailSearch(detail))}`;

/**
 * Where a tile links: the existing deadlines or triage view when it lists exactly the same rows
 * (those views filter by caseworker but not by team), otherwise the drill-down list.
 */
export function figureTarget(figure: Figure, params: DashboardParams, detail: FigureDetail = {}): string {
  if (!params.team) {
    const caseworker = params.caseworker ? `&caseworker=${encodeURIComponent(params.caseworker)}` : "";
    switch (figure) {
      case "due-7":
      case "overdue":
      case "stopped":
        return `/deadlines?tab=${figure}${caseworker}`;
      case "open-cases":
        return `/triage?tab=all${detail.status ? `&status=${detail.status}` : ""}${caseworker}`;
    }
  }
  return figureListHref(figure, params, detail);
}

/** The open cases of one caseworker: the triage queue's "All" view, which lists open cases by default. */
export const caseworkerCasesHref = (userId: string) => `/triage?tab=all&caseworker=${encodeURIComponent(userId)}`;

/** The domain query for a list page or an export, from the address's parameters. */
export function toFigureQuery(figure: Figure, params: DashboardParams, detail: { status?: string; level?: string; week?: string; after?: string }): FigureListQuery {
  return {
    ...toFiltersQuery(params),
    figure,
    // Any string may arrive here; the domain's schema rejects what is not a status, a level or a Monday.
    status: detail.status as FigureListQuery["status"],
    level: detail.level as FigureListQuery["level"],
    week: detail.week,
    after: detail.after,
  };
}
