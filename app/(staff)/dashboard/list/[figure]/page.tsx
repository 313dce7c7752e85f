import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dashboardFilterOptions } from "@/domain/dashboard/get-dashboard";
import { FIGURES, figureTitle, listFigure, type Figure, type FigureList } from "@/domain/dashboard/figure-lists";
import type { DashboardPeriod } from "@/domain/dashboard/filters";
import { CSV_ROW_LIMIT } from "@/domain/dashboard/export-csv";
import type { Ctx } from "@/domain/context";
import { DomainError } from "@/domain/errors";
import { formatLongDate } from "@/domain/deadlines/calendar-date";
import { FigureTable } from "@/components/app/dashboard/FigureTable";
import { FilterSummary } from "@/components/app/dashboard/FilterSummary";
import { DEFAULT_PERIOD_VALUE, dashboardHref, figureExportHref, figureListHref, readDashboardParams, readFigureDetail, toFigureQuery, type DashboardParams } from "@/components/app/dashboard/dashboard-params";
import { hasPermission } from "@/domain/access/permissions";
import { loadPage, requirePagePermission } from "@/server/page";
import { getCtx } from "@/server/session";

type SearchParams = Record<string, string | string[] | undefined>;
type RouteParams = Promise<{ figure: string }>;

const isFigure = (value: string): value is Figure => (FIGURES as readonly string[]).includes(value);

const PERIOD_FIGURES: Figure[] = ["case-to-answer", "triage-time"];

export async function generateMetadata({ params, searchParams }: { params: RouteParams; searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const { figure } = await params;
  // Only staff learn which lists exist: anyone else's page is a plain "not found", title and all.
  if (!isFigure(figure) || !hasPermission((await getCtx()).actor, "case.view_all")) return { title: "Page not found" };
  const search = await searchParams;
  const { period } = readDashboardParams(search);
  // The general title: the page's own heading adds the status or week, once the domain has checked them.
  return { title: figureTitle(figure, { period: Number(period ?? DEFAULT_PERIOD_VALUE) as DashboardPeriod, level: readFigureDetail(search).level === "amber" ? "amber" : "red" }) };
}

/**
 * A hand-edited or stale address should still show a list: a figure-specific value the domain
 * refuses (a status that is not open, a date that is not a Monday) is dropped rather than failing.
 */
function loadList(ctx: Ctx, figure: Figure, params: DashboardParams, detail: ReturnType<typeof readFigureDetail>): FigureList {
  try {
    return listFigure(ctx, toFigureQuery(figure, params, detail));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    const refused = new Set(Object.keys(error.fieldErrors));
    const kept = Object.fromEntries(Object.entries(detail).filter(([name]) => !refused.has(name) && name !== "after"));
    return listFigure(ctx, toFigureQuery(figure, params, kept));
  }
}

export default async function FigureListPage({ params: routeParams, searchParams }: { params: RouteParams; searchParams: Promise<SearchParams> }) {
  const { figure } = await routeParams;
  await requirePagePermission("case.view_all", "/dashboard");
  if (!isFigure(figure)) notFound();
  const search = await searchParams;
  const params = readDashboardParams(search);
  const detail = readFigureDetail(search);
  const returnTo = figureListHref(figure, params);
  const { list, options } = await loadPage(returnTo, (ctx) => ({ list: loadList(ctx, figure, params, detail), options: dashboardFilterOptions(ctx) }));

  return (
    <>
      <a href={dashboardHref(params)} className="govuk-back-link">
        Back to dashboard
      </a>
      <h1 className="govuk-heading-l">{list.title}</h1>
      <FilterSummary params={params} options={options} />
      {PERIOD_FIGURES.includes(figure) ? <p className="govuk-body">The period runs from {formatLongDate(list.periodStart)} to today.</p> : null}
      <p className="govuk-body">
        <a className="govuk-link" href={figureExportHref(figure, params, list.detail)} download>
          Download as CSV
        </a>{" "}
        (up to {CSV_ROW_LIMIT.toLocaleString("en-GB")} rows)
      </p>
      {list.rows.length === 0 ? (
        <p className="govuk-body govuk-!-font-weight-bold">{detail.after ? "There are no more rows in this list." : "There is nothing in this list."}</p>
      ) : (
        <FigureTable caption={list.title} columns={list.columns} rows={list.rows} />
      )}
      {detail.after || list.nextCursor ? (
        <nav className="govuk-pagination" aria-label="Pagination">
          {detail.after ? (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href={figureListHref(figure, params, list.detail)} rel="prev">
                <span className="govuk-pagination__link-title">First page</span>
              </a>
            </div>
          ) : null}
          {list.nextCursor ? (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={figureListHref(figure, params, list.detail, list.nextCursor)} rel="next">
                <span className="govuk-pagination__link-title">Next page</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
