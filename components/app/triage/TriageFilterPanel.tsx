"use client";

import { Checkboxes } from "@/components/govuk/Checkboxes";
import { FilterPanel, type ChosenFilters } from "@/components/govuk/FilterPanel";
import { Select } from "@/components/govuk/Select";
import { TextInput } from "@/components/govuk/TextInput";

type Options = readonly (readonly [string, string])[];
interface TextField {
  value?: string;
  error?: string;
}

/**
 * The MOJ filter panel as a GET form: every filter is part of the address, so a filtered queue can
 * be bookmarked or shared and works without JavaScript. Everything arrives worded (see
 * TriageFilters); this is a client component only so that the form crosses to the browser as data,
 * not as markup sent twice (docs/adr/0013).
 */
export function TriageFilterPanel({
  chosen,
  clearHref,
  hidden,
  fields,
}: {
  chosen: ChosenFilters[];
  clearHref: string;
  hidden: Record<string, string>;
  fields: {
    q: TextField;
    status: { options: Options; values: readonly string[] };
    caseworker: TextField & { options: Options };
    ipRight: { options: Options; values: readonly string[] };
    receivedFrom: TextField;
    receivedTo: TextField;
    clock: { options: Options; values: readonly string[] };
  };
}) {
  return (
    <FilterPanel chosen={chosen} clearHref={clearHref}>
      <form method="get" action="/triage" noValidate>
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Apply filters
        </button>
        <TextInput idPrefix="filter" name="q" type="search" label="Search reference, parties or complaint text" defaultValue={fields.q.value} error={fields.q.error} spellCheck={false} />
        <Checkboxes idPrefix="filter" name="status" legend="Status" hint="Leave all unticked to see every open case." options={fields.status.options} values={fields.status.values} />
        <Select idPrefix="filter" name="caseworker" label="Assigned caseworker" options={fields.caseworker.options} value={fields.caseworker.value} error={fields.caseworker.error} />
        <Checkboxes idPrefix="filter" name="ipRight" legend="IP rights" options={fields.ipRight.options} values={fields.ipRight.values} />
        <TextInput idPrefix="filter" name="receivedFrom" label="Received from" hint="For example, 2026-11-01" widthClass="govuk-input--width-10" defaultValue={fields.receivedFrom.value} error={fields.receivedFrom.error} />
        <TextInput idPrefix="filter" name="receivedTo" label="Received to" hint="For example, 2026-11-30" widthClass="govuk-input--width-10" defaultValue={fields.receivedTo.value} error={fields.receivedTo.error} />
        <Checkboxes
          idPrefix="filter"
          name="clock"
          legend="Clock status"
          hint="The case-to-answer clock. No clock means not yet accepted, or already decided."
          options={fields.clock.options}
          values={fields.clock.values}
        />
      </form>
    </FilterPanel>
  );
}
