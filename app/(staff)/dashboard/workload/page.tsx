import type { Metadata } from "next";
import { dashboardFilterOptions, getDashboard } from "@/domain/dashboard/get-dashboard";
import { FilterSummary } from "@/components/app/dashboard/FilterSummary";
import { WorkloadTable } from "@/components/app/dashboard/WorkloadTable";
import { dashboardHref, readDashboardParams, toFiltersQuery, workloadHref } from "@/components/app/dashboard/dashboard-params";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Workload by caseworker" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Every caseworker's workload, for when the dashboard's chart shows only the busiest. */
export default async function WorkloadPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("case.view_all", "/dashboard/workload");
  // Read as the dashboard reads them, so an address the dashboard accepts shows the same caseworkers here.
  const params = readDashboardParams(await searchParams);
  // The dashboard's own answer, reused between requests while the data is unchanged, so the page costs next to nothing.
  const { data, options } = await loadPage(workloadHref(params), (ctx) => ({ data: getDashboard(ctx, toFiltersQuery(params)), options: dashboardFilterOptions(ctx) }));

  return (
    <>
      <a href={dashboardHref(params)} className="govuk-back-link">
        Back to dashboard
      </a>
      <h1 className="govuk-heading-l">Workload by caseworker</h1>
      <FilterSummary params={params} options={options} />
      <WorkloadTable workload={data.workload} />
    </>
  );
}
