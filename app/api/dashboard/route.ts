import type { NextRequest } from "next/server";
import { getDashboard } from "@/domain/dashboard/get-dashboard";
import type { DashboardFiltersQuery } from "@/domain/dashboard/filters";
import { runRoute } from "@/server/route";
import { param, withParameterNames } from "./params";

/** JSON for the live dashboard: the same figures the page renders first, polled by react-query. */
export function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  return runRoute((ctx) =>
    withParameterNames(() =>
      getDashboard(ctx, {
        caseworkerId: param(search, "caseworker"),
        team: param(search, "team"),
        // Any string may arrive here; the domain's schema rejects what is not a period it offers.
        period: param(search, "period") as DashboardFiltersQuery["period"],
      }),
    ),
  );
}
