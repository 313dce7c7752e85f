import type { CaseworkerOption } from "@/domain/cases/assign-case";
import { CLOCK_FILTERS, QUEUE_STATUSES } from "@/domain/cases/list-triage-queue";
import { CASE_STATUS_LABELS, IP_RIGHT_LABELS } from "@/domain/cases/status-labels";
import type { FieldErrors } from "@/domain/errors";
import { IP_RIGHTS } from "@/db/schema";
import { CLOCK_LABELS, clearFiltersHref, DEFAULT_SORT, hasFilters, triageHref, type TriageParams } from "./queue-params";
import type { ChosenFilters } from "@/components/govuk/FilterPanel";
import { TriageFilterPanel } from "./TriageFilterPanel";

const STATUS_OPTIONS = QUEUE_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]] as const);
const IP_RIGHT_OPTIONS = IP_RIGHTS.map((r) => [r, IP_RIGHT_LABELS[r]] as const);
const CLOCK_OPTIONS = CLOCK_FILTERS.map((c) => [c, CLOCK_LABELS[c]] as const);

/** The MOJ "selected filters" list: each choice as a tag whose link removes just that choice. */
function chosenFilters(params: TriageParams, caseworkers: CaseworkerOption[]): ChosenFilters[] {
  const without = <K extends "statuses" | "ipRights" | "clock">(key: K, value: TriageParams[K][number]) => triageHref(params, { [key]: (params[key] as string[]).filter((v) => v !== value) } as Partial<TriageParams>);
  const categories: ChosenFilters[] = [
    { heading: "Search", items: params.q ? [{ text: params.q, href: triageHref(params, { q: undefined }) }] : [] },
    { heading: "Status", items: params.statuses.map((s) => ({ text: CASE_STATUS_LABELS[s], href: without("statuses", s) })) },
    {
      heading: "Assigned caseworker",
      items: params.caseworker ? [{ text: caseworkers.find((c) => c.id === params.caseworker)?.name ?? "Unknown caseworker", href: triageHref(params, { caseworker: undefined }) }] : [],
    },
    { heading: "IP rights", items: params.ipRights.map((r) => ({ text: IP_RIGHT_LABELS[r], href: without("ipRights", r) })) },
    {
      heading: "Received",
      items: [
        ...(params.receivedFrom ? [{ text: `From ${params.receivedFrom}`, href: triageHref(params, { receivedFrom: undefined }) }] : []),
        ...(params.receivedTo ? [{ text: `To ${params.receivedTo}`, href: triageHref(params, { receivedTo: undefined }) }] : []),
      ],
    },
    { heading: "Clock status", items: params.clock.map((c) => ({ text: CLOCK_LABELS[c], href: without("clock", c) })) },
  ];
  return categories.filter((c) => c.items.length > 0);
}

/**
 * The MOJ filter panel for the triage queue, worded here on the server; TriageFilterPanel draws it.
 */
export function TriageFilters({ params, caseworkers, fieldErrors }: { params: TriageParams; caseworkers: CaseworkerOption[]; fieldErrors: FieldErrors }) {
  return (
    <TriageFilterPanel
      chosen={hasFilters(params) ? chosenFilters(params, caseworkers) : []}
      clearHref={clearFiltersHref(params)}
      hidden={{ tab: params.tab, ...(params.sort !== DEFAULT_SORT ? { sort: params.sort } : {}) }}
      fields={{
        q: { value: params.q, error: fieldErrors.q },
        status: { options: STATUS_OPTIONS, values: params.statuses },
        caseworker: { options: [["", "Any caseworker"], ...caseworkers.map((c) => [c.id, c.active ? c.name : `${c.name} (account disabled)`] as [string, string])], value: params.caseworker, error: fieldErrors.caseworker },
        ipRight: { options: IP_RIGHT_OPTIONS, values: params.ipRights },
        receivedFrom: { value: params.receivedFrom, error: fieldErrors.receivedFrom },
        receivedTo: { value: params.receivedTo, error: fieldErrors.receivedTo },
        clock: { options: CLOCK_OPTIONS, values: params.clock },
      }}
    />
  );
}
