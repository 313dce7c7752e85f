"use client";

import type { DashboardFilterOptions } from "@/domain/dashboard/get-dashboard";
import { Select } from "@/components/govuk/Select";
import { DEFAULT_PERIOD_VALUE, PERIOD_VALUES, dashboardHref, isFiltered, type DashboardParams } from "./dashboard-params";

/**
 * A GET form, so a filtered dashboard is an address the reader can bookmark or share, and filtering
 * needs no JavaScript. The chosen values always appear, even one that is no longer on the list.
 * Drawn on the client from the option lists, so they cross to the browser once, as data (ADR 0013).
 */
export function DashboardFilters({ params, options }: { params: DashboardParams; options: DashboardFilterOptions }) {
  const caseworkers = options.caseworkers.map((c) => [c.id, c.name] as const);
  if (params.caseworker && !caseworkers.some(([id]) => id === params.caseworker)) caseworkers.push([params.caseworker, "Unknown caseworker"]);
  const teams = options.teams.map((t) => [t, t] as const);
  if (params.team && !options.teams.includes(params.team)) teams.push([params.team, params.team]);
  const period = params.period ?? DEFAULT_PERIOD_VALUE;
  return (
    <form method="get" action="/dashboard" className="govuk-!-margin-bottom-6" aria-label="Dashboard filters">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Select name="caseworker" label="Caseworker" idPrefix="filter" value={params.caseworker} options={[["", "All caseworkers"], ...caseworkers]} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Select name="team" label="Team" idPrefix="filter" value={params.team} options={[["", "All teams"], ...teams]} />
        </div>
        <div className="govuk-grid-column-one-third">
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset" aria-describedby="filter-period-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Period</legend>
              <div id="filter-period-hint" className="govuk-hint">
                For decisions on time and time to triage outcome
              </div>
              <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
                {PERIOD_VALUES.map((value) => (
                  <div className="govuk-radios__item" key={value}>
                    <input className="govuk-radios__input" id={`filter-period-${value}`} name="period" type="radio" value={value} defaultChecked={period === value} />
                    <label className="govuk-label govuk-radios__label" htmlFor={`filter-period-${value}`}>
                      Last {value} days
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Apply filters
        </button>
        {isFiltered(params) ? (
          <a className="govuk-link" href={dashboardHref({})}>
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
