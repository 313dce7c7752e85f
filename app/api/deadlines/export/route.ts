import type { NextRequest } from "next/server";
import { exportDeadlinesCsv } from "@/domain/deadlines/export-deadlines-csv";
import type { DeadlineSort, DeadlineTab } from "@/domain/deadlines/list-deadlines";
import { csvResponse } from "@/server/csv-response";
import { runRoute } from "@/server/route";
import { param, withParameterNames } from "../../dashboard/params";

/** The deadlines list, with the page's tab, sort and filters, as a CSV download. */
export function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  return runRoute((ctx) =>
    csvResponse(
      withParameterNames(() =>
        exportDeadlinesCsv(ctx, {
          // Any string may arrive here; the domain's schema rejects what is not a tab or a sort.
          tab: param(search, "tab") as DeadlineTab | undefined,
          sort: param(search, "sort") as DeadlineSort | undefined,
          ruleId: param(search, "rule"),
          caseworkerId: param(search, "caseworker"),
        }),
      ),
    ),
  );
}
