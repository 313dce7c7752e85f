import type { Metadata } from "next";
import { dashboardFilterOptions, getDashboard } from "@/domain/dashboard/get-dashboard";
import { DashboardFilters } from "@/components/app/dashboard/DashboardFilters";
import { DashboardLive } from "@/components/app/dashboard/DashboardLive";
import { FilterSummary } from "@/components/app/dashboard/FilterSummary";
import { readDashboardParams, toFiltersQuery } from "@/components/app/dashboard/dashboard-params";
import { loadPage, requirePagePermission } from "@/server/page";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("case.view_all", "/dashboard");
  const params = readDashboardParams(await searchParams);
  const { data, options } = await loadPage("/dashboard", (ctx) => ({ data: getDashboard(ctx, toFiltersQuery(params)), options: dashboardFilterOptions(ctx) }));
  return (
    <>
      <h1 className="govuk-heading-l">Dashboard</h1>
      <DashboardFilters params={params} options={options} />
      <FilterSummary params={params} options={options} />
      <DashboardLive params={params} initialData={data} />
    </>
  );
}
