import type { NextRequest } from "next/server";
import { readTriageParams, toQueueQuery } from "@/components/app/triage/queue-params";
import { exportTriageCsv } from "@/domain/cases/export-triage-csv";
import { csvResponse } from "@/server/csv-response";
import { runRoute } from "@/server/route";
import { withParameterNames } from "../../dashboard/params";

/** The triage queue, with the page's view, sort, filters and search, as a CSV download. */
export function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams;
  const params = readTriageParams({
    tab: search.get("tab") ?? undefined,
    sort: search.get("sort") ?? undefined,
    status: search.getAll("status"),
    caseworker: search.get("caseworker") ?? undefined,
    ipRight: search.getAll("ipRight"),
    receivedFrom: search.get("receivedFrom") ?? undefined,
    receivedTo: search.get("receivedTo") ?? undefined,
    clock: search.getAll("clock"),
    q: search.get("q") ?? undefined,
  });
  return runRoute((ctx) => csvResponse(withParameterNames(() => exportTriageCsv(ctx, toQueueQuery(params)))));
}
