import { Checkboxes } from "@/components/govuk/Checkboxes";
import { Select } from "@/components/govuk/Select";
import { TextInput } from "@/components/govuk/TextInput";
import type { CaseworkerOption } from "@/domain/cases/assign-case";
import { CLOCK_FILTERS, QUEUE_STATUSES } from "@/domain/cases/list-triage-queue";
import { CASE_STATUS_LABELS, IP_RIGHT_LABELS } from "@/domain/cases/status-labels";
import type { FieldErrors } from "@/domain/errors";
import { IP_RIGHTS } from "@/db/schema";
import { CLOCK_LABELS, clearFiltersHref, DEFAULT_SORT, hasFilters, triageHref, type TriageParams } from "./queue-params";

const STATUS_OPTIONS = QUEUE_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]] as const);
const IP_RIGHT_OPTIONS = IP_RIGHTS.map((r) => [r, IP_RIGHT_LABELS[r]] as const);
const CLOCK_OPTIONS = CLOCK_FILTERS.map((c) => [c, CLOCK_LABELS[c]] as const);

interface Chosen {
  heading: string;
  items: { text: string; href: string }[];
}

/** The MOJ "selected filters" list: each choice as a tag whose link removes just that choice. */
function chosenFilters(params: TriageParams, caseworkers: CaseworkerOption[]): Chosen[] {
  const without = <K extends "statuses" | "ipRights" | "clock">(key: K, value: TriageParams[K][number]) => triageHref(params, { [key]: (params[key] as string[]).filter((v) => v !== value) } as Partial<TriageParams>);
  const categories: Chosen[] = [
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
 * The MOJ filter panel as a GET form: every filter is part of the address, so a filtered queue can
 * be bookmarked or shared and works without JavaScript.
 */
export function TriageFilters({ params, caseworkers, fieldErrors }: { params: TriageParams; caseworkers: CaseworkerOption[]; fieldErrors: FieldErrors }) {
  const chosen = hasFilters(params) ? chosenFilters(params, caseworkers) : [];
  return (
    <div className="moj-filter">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">Filter</h2>
        </div>
      </div>
      <div className="moj-filter__content">
        {chosen.length > 0 ? (
          <div className="moj-filter__selected">
            <div className="moj-filter__selected-heading">
              <div className="moj-filter__heading-title">
                <h2 className="govuk-heading-m">Selected filters</h2>
              </div>
              <div className="moj-filter__heading-action">
                <p>
                  <a className="govuk-link govuk-link--no-visited-state" href={clearFiltersHref(params)}>
                    Clear filters
                  </a>
                </p>
              </div>
            </div>
            {chosen.map((category) => (
              <div key={category.heading}>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-0">{category.heading}</h3>
                <ul className="moj-filter-tags">
                  {category.items.map((item) => (
                    <li key={item.href}>
                      <a className="moj-filter__tag" href={item.href}>
                        <span className="govuk-visually-hidden">Remove this filter</span> {item.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ) : null}
        <div className="moj-filter__options">
          <form method="get" action="/triage" noValidate>
            <input type="hidden" name="tab" value={params.tab} />
            {params.sort !== DEFAULT_SORT ? <input type="hidden" name="sort" value={params.sort} /> : null}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Apply filters
            </button>
            <TextInput idPrefix="filter" name="q" type="search" label="Search reference, parties or complaint text" defaultValue={params.q} error={fieldErrors.q} spellCheck={false} />
            <Checkboxes idPrefix="filter" name="status" legend="Status" hint="Leave all unticked to see every open case." options={STATUS_OPTIONS} values={params.statuses} />
            <Select
              idPrefix="filter"
              name="caseworker"
              label="Assigned caseworker"
              options={[["", "Any caseworker"], ...caseworkers.map((c) => [c.id, c.active ? c.name : `${c.name} (account disabled)`] as const)]}
              value={params.caseworker}
              error={fieldErrors.caseworker}
            />
            <Checkboxes idPrefix="filter" name="ipRight" legend="IP rights" options={IP_RIGHT_OPTIONS} values={params.ipRights} />
            <TextInput idPrefix="filter" name="receivedFrom" label="Received from" hint="For example, 2026-11-01" widthClass="govuk-input--width-10" defaultValue={params.receivedFrom} error={fieldErrors.receivedFrom} />
            <TextInput idPrefix="filter" name="receivedTo" label="Received to" hint="For example, 2026-11-30" widthClass="govuk-input--width-10" defaultValue={params.receivedTo} error={fieldErrors.receivedTo} />
            <Checkboxes
              idPrefix="filter"
              name="clock"
              legend="Clock status"
              hint="The case-to-answer clock. No clock means not yet accepted, or already decided."
              options={CLOCK_OPTIONS}
              values={params.clock}
            />
          </form>
        </div>
      </div>
    </div>
  );
}
