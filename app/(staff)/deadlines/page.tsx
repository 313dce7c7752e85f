import type { Metadata } from "next";
import { DEADLINE_COUNT_CAP, DEADLINE_SORTS, DEADLINE_TABS, deadlineFilterOptions, getDeadlinesView, type DeadlineSort, type DeadlineTab } from "@/domain/deadlines/list-deadlines";
import { londonDateOf } from "@/domain/deadlines/london-date";
import { DeadlineFilters } from "@/components/app/deadlines/DeadlineFilters";
import type { DeadlineViewParams } from "@/components/app/deadlines/view-params";
import { loadPage, requirePagePermission } from "@/server/page";
import { DeadlinesLive } from "./DeadlinesLive";

export const metadata: Metadata = { title: "Deadlines" };

type SearchParams = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined => (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
const within = (value: string | undefined, max: number) => (value !== undefined && value.length <= max ? value : undefined);

/**
 * A hand-edited or stale address should still show a page, so anything unusable falls back to
 * the default; the JSON route, which only this page's code calls, is strict instead.
 */
function readParams(search: SearchParams): DeadlineViewParams {
  const month = single(search.month);
  return {
    tab: oneOf<DeadlineTab>(DEADLINE_TABS, single(search.tab)) ?? "mine",
    sort: oneOf<DeadlineSort>(DEADLINE_SORTS, single(search.sort)) ?? "due-asc",
    rule: within(single(search.rule), 100),
    caseworker: within(single(search.caseworker), 100),
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month >= "0001-01" ? month : undefined,
    after: within(single(search.after), 300),
  };
}

export default async function DeadlinesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePagePermission("deadlines.view_staff", "/deadlines");
  const params = readParams(await searchParams);
  const calendarMonth = params.month ?? londonDateOf(ctx.now).slice(0, 7);
  const { view, options } = await loadPage("/deadlines", (ctx) => ({
    view: getDeadlinesView(ctx, { tab: params.tab, sort: params.sort, ruleId: params.rule, caseworkerId: params.caseworker, after: params.after, month: calendarMonth }),
    options: deadlineFilterOptions(ctx),
  }));
  return (
    <>
      <h1 className="govuk-heading-l">Deadlines</h1>
      <DeadlinesLive
        params={params}
        calendarMonth={calendarMonth}
        initialData={view}
        hasTeam={ctx.actor.team !== null}
        countCap={DEADLINE_COUNT_CAP}
        filters={<DeadlineFilters params={params} options={options} />}
      />
    </>
  );
}
