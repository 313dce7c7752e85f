import type { DeadlineFilterOptions } from "@/domain/deadlines/list-deadlines";
import { deadlinesHref, type DeadlineViewParams } from "./view-params";

function Select({ id, label, value, allText, options }: { id: string; label: string; value: string | undefined; allText: string; options: { id: string; name: string }[] }) {
  return (
    <div className="govuk-form-group govuk-!-margin-right-4" style={{ display: "inline-block", verticalAlign: "top" }}>
      <label className="govuk-label" htmlFor={`filter-${id}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${id}`} name={id} defaultValue={value ?? ""}>
        <option value="">{allText}</option>
        {options.map((option) => (
          <option value={option.id} key={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET form, so filtering is a link the reader can bookmark or share and needs no JavaScript. */
export function DeadlineFilters({ params, options }: { params: DeadlineViewParams; options: DeadlineFilterOptions }) {
  const filtered = Boolean(params.rule || params.caseworker);
  return (
    <form method="get" action="/deadlines" className="govuk-!-margin-bottom-6">
      <input type="hidden" name="tab" value={params.tab} />
      {params.sort !== "due-asc" ? <input type="hidden" name="sort" value={params.sort} /> : null}
      {params.month ? <input type="hidden" name="month" value={params.month} /> : null}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Filter deadlines</legend>
        <Select id="rule" label="Deadline" value={params.rule} allText="All deadlines" options={options.rules} />
        <Select id="caseworker" label="Caseworker" value={params.caseworker} allText="All caseworkers" options={options.caseworkers} />
      </fieldset>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Apply filters
        </button>
        {filtered ? (
          <a className="govuk-link" href={deadlinesHref(params, { rule: undefined, caseworker: undefined })}>
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
