"use client";

import { useQuery } from "@tanstack/react-query";
import type { DashboardPayload } from "@/domain/dashboard/get-dashboard";
import { DashboardView } from "./DashboardView";
import { dashboardApiHref, type DashboardParams } from "./dashboard-params";

const REFRESH_MS = 60_000;

// Europe/London whatever the browser's zone, and the same text on the server and in the browser.
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

async function fetchDashboard(url: string, signal: AbortSignal): Promise<DashboardPayload> {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as DashboardPayload;
}

/**
 * The figures, rendered on the server first and then kept fresh by polling the JSON route. Without
 * JavaScript the page is simply the server's answer.
 */
export function DashboardLive({ params, initialData }: { params: DashboardParams; initialData: DashboardPayload }) {
  const url = dashboardApiHref(params);
  const { data, isError } = useQuery({
    queryKey: ["dashboard", url],
    queryFn: ({ signal }) => fetchDashboard(url, signal),
    initialData,
    initialDataUpdatedAt: Date.parse(initialData.generatedAt),
    refetchInterval: REFRESH_MS,
  });
  return (
    <>
      <p className="govuk-body-s" data-testid="dashboard-updated">
        Updated at {timeFormat.format(new Date(data.generatedAt))} (UK time).
        {isError ? " The latest figures could not be fetched; reload the page to try again." : null}
      </p>
      <DashboardView data={data} params={params} />
    </>
  );
}
