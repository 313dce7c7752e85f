import type { DashboardFilterOptions } from "@/domain/dashboard/get-dashboard";
import type { DashboardParams } from "./dashboard-params";

/** Says in words which cases the figures cover, so a filtered page is never mistaken for the whole picture. */
export function FilterSummary({ params, options }: { params: DashboardParams; options: DashboardFilterOptions }) {
  const parts: string[] = [];
  if (params.caseworker) parts.push(`assigned to ${options.caseworkers.find((c) => c.id === params.caseworker)?.name ?? "an unknown caseworker"}`);
  if (params.team) parts.push(`in the team “${params.team}”`);
  if (parts.length === 0) return null;
  return <p className="govuk-body govuk-!-font-weight-bold">Showing only cases {parts.join(" and ")}.</p>;
}
