import type { NextRequest } from "next/server";
import { exportFigureCsv } from "@/domain/dashboard/export-csv";
import { FIGURES, type Figure, type FigureListQuery } from "@/domain/dashboard/figure-lists";
import type { DashboardFiltersQuery } from "@/domain/dashboard/filters";
import { requirePermission } from "@/domain/access/permissions";
import { DomainError } from "@/domain/errors";
import { csvResponse } from "@/server/csv-response";
import { runRoute } from "@/server/route";
import { param, withParameterNames } from "../../params";

/** The list behind a dashboard figure as a CSV download, with the dashboard's filters. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ figure: string }> }) {
  const { figure } = await params;
  const search = request.nextUrl.searchParams;
  return runRoute((ctx) => {
    requirePermission(ctx.actor, "case.view_all");
    if (!(FIGURES as readonly string[]).includes(figure)) throw new DomainError("not_found", "There is no such dashboard figure.");
    const csv = withParameterNames(() =>
      exportFigureCsv(ctx, {
        figure: figure as Figure,
        caseworkerId: param(search, "caseworker"),
        team: param(search, "team"),
        period: param(search, "period") as DashboardFiltersQuery["period"],
        status: param(search, "status") as FigureListQuery["status"],
        level: param(search, "level") as FigureListQuery["level"],
        week: param(search, "week"),
      }),
    );
    return csvResponse(csv);
  });
}
