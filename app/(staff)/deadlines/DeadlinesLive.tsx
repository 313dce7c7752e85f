"use client";

import { useQuery } from "@tanstack/react-query";
import type { DeadlinesPayload, DeadlineTab } from "@/domain/deadlines/list-deadlines";
import { DeadlineCalendar } from "@/components/app/deadlines/DeadlineCalendar";
import { DeadlineTable } from "@/components/app/deadlines/DeadlineTable";
import { DeadlineTabs } from "@/components/app/deadlines/DeadlineTabs";
import { deadlinesApiHref, deadlinesExportHref, deadlinesHref, TAB_LABELS, type DeadlineViewParams } from "@/components/app/deadlines/view-params";

const REFRESH_MS = 30_000;

// Europe/London whatever the browser's zone, and the same text on the server and in the browser.
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

const EMPTY_TEXT: Record<DeadlineTab, string> = {
  mine: "No deadlines are running on cases assigned to you.",
  team: "No deadlines are running on your team’s cases.",
  "due-7": "No deadlines are due in the next 7 days.",
  overdue: "No deadlines are overdue.",
  stopped: "No clocks are stopped.",
};

function emptyText(params: DeadlineViewParams, hasTeam: boolean): string {
  if (params.tab === "team" && !hasTeam) return "You are not in a team, so there are no team deadlines to show.";
  if (params.after) return "There are no more deadlines in this view.";
  if (params.rule || params.caseworker) return `${EMPTY_TEXT[params.tab].replace(/\.$/, "")} that match the filters.`;
  return EMPTY_TEXT[params.tab];
}

async function fetchDeadlines(url: string, signal: AbortSignal): Promise<DeadlinesPayload> {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as DeadlinesPayload;
}

/**
 * The tabs, table and calendar, rendered on the server first and then kept fresh by polling the
 * JSON route. Starting from the server's answer means there is nothing to load on arrival, and
 * without JavaScript the page is simply the server's answer.
 */
export function DeadlinesLive({ params, calendarMonth, initialData, hasTeam, countCap, filters }: { params: DeadlineViewParams; calendarMonth: string; initialData: DeadlinesPayload; hasTeam: boolean; countCap: number; filters: React.ReactNode }) {
  const url = deadlinesApiHref(params, calendarMonth);
  const { data, isError } = useQuery({
    queryKey: ["deadlines", url],
    queryFn: ({ signal }) => fetchDeadlines(url, signal),
    initialData,
    initialDataUpdatedAt: Date.parse(initialData.generatedAt),
    refetchInterval: REFRESH_MS,
  });
  const updatedAt = timeFormat.format(new Date(data.generatedAt));
  return (
    <>
      <DeadlineTabs params={params} counts={data.counts} countCap={countCap} />
      {filters}
      <p className="govuk-body-s" data-testid="deadlines-updated">
        Updated at {updatedAt} (UK time).
        {isError ? " The latest changes could not be fetched; reload the page to try again." : null}
      </p>
      {data.rows.length === 0 ? (
        <p className="govuk-body govuk-!-font-weight-bold">{emptyText(params, hasTeam)}</p>
      ) : (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={deadlinesExportHref(params)} download>
              Download this list as CSV
            </a>{" "}
            (every page)
          </p>
          <DeadlineTable rows={data.rows} params={params} />
        </>
      )}
      {params.after || data.nextCursor ? (
        <nav className="govuk-pagination" aria-label="Pagination">
          {params.after ? (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href={deadlinesHref(params, { after: undefined })} rel="prev">
                <span className="govuk-pagination__link-title">First page</span>
              </a>
            </div>
          ) : null}
          {data.nextCursor ? (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={deadlinesHref(params, { after: data.nextCursor })} rel="next">
                <span className="govuk-pagination__link-title">Next page</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
      {data.calendar ? (
        <>
          <h2 className="govuk-heading-m">Calendar</h2>
          <p className="govuk-body">The calendar shows the deadlines in “{TAB_LABELS[params.tab]}”, with the same filters.</p>
          <DeadlineCalendar calendar={data.calendar} today={data.today} monthHref={(month) => deadlinesHref(params, { month })} />
        </>
      ) : null}
    </>
  );
}
