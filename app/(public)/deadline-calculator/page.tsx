import type { Metadata } from "next";
import { calculateFromQuery } from "@/domain/deadlines/calculate";
import { DEADLINE_CALENDARS } from "@/domain/deadlines/holidays";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { SummaryList } from "@/components/govuk/SummaryList";
import { RadioGroup } from "@/components/govuk/RadioGroup";

export const metadata: Metadata = { title: "Deadline calculator" };

const CALENDAR_LABELS: Record<(typeof DEADLINE_CALENDARS)[number], string> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
  "united-kingdom": "Whole UK (a bank holiday anywhere in the UK is not a working day)",
};

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** A GET form over the same engine as the JSON route, so it works without JavaScript and results can be bookmarked. */
export default async function DeadlineCalculatorPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const submitted = first(search.start) !== "";
  const params = new URLSearchParams();
  for (const name of ["start", "length", "unit", "count", "calendar", "roll"]) if (first(search[name])) params.set(name, first(search[name]));
  const stopText = first(search.stop).trim();
  if (stopText) for (const stop of stopText.split(/[\s,]+/).filter(Boolean)) params.append("stop", stop);
  const outcome = submitted ? calculateFromQuery(params) : null;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {outcome && !outcome.ok ? <ErrorSummary fieldErrors={{ _form: outcome.error.message }} /> : null}
        <h1 className="govuk-heading-l">Deadline calculator</h1>
        <p className="govuk-body">Work out when a statutory period ends, counting in calendar days or working days, with UK bank holidays and any clock stops.</p>
        {outcome?.ok ? (
          <div className="govuk-panel govuk-panel--confirmation">
            <h2 className="govuk-panel__title">Due {outcome.result.dueLong}</h2>
            <div className="govuk-panel__body">Expires at 11:59pm UK time that day</div>
          </div>
        ) : null}
        {outcome?.ok ? (
          <SummaryList
            rows={[
              { key: "Due date", value: outcome.result.due },
              { key: "Expires at", value: outcome.result.expiresAt },
              { key: "Day 1 of the period", value: outcome.result.day1 },
              { key: "Moved to the next working day", value: outcome.result.rolled ? "Yes" : "No" },
              { key: "Days not counted because the clock was stopped", value: String(outcome.result.stoppedDays) },
              { key: "Bank holiday data version", value: outcome.result.holidayDataVersion ?? "Not needed" },
            ]}
          />
        ) : null}
        <form method="get" action="/deadline-calculator" noValidate>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="start">
              Start date
            </label>
            <div className="govuk-hint" id="start-hint">
              The date of the event that starts the period, for example 2026-12-18
            </div>
            <input className="govuk-input govuk-input--width-10" id="start" name="start" type="text" inputMode="numeric" defaultValue={first(search.start)} aria-describedby="start-hint" />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="length">
              Length of the period, in days
            </label>
            <input className="govuk-input govuk-input--width-4" id="length" name="length" type="text" inputMode="numeric" defaultValue={first(search.length) || "45"} />
          </div>
          <RadioGroup name="unit" legend="Count" value={first(search.unit) || "calendar"} options={[["calendar", "Calendar days"], ["working", "Working days (Monday to Friday, not bank holidays)"]]} />
          <RadioGroup name="count" legend="Day 1 is" value={first(search.count) || "after"} options={[["after", "the day after the start date"], ["beginning-with", "the start date itself (“beginning with”)"]]} />
          <RadioGroup name="calendar" legend="Bank holidays of" value={first(search.calendar) || "england-and-wales"} options={DEADLINE_CALENDARS.map((c) => [c, CALENDAR_LABELS[c]])} />
          <RadioGroup name="roll" legend="If a calendar-day deadline falls on a weekend or bank holiday" value={first(search.roll) || "none"} options={[["none", "Keep the date"], ["next-working-day", "Move it to the next working day"]]} />
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="stop">
              Clock stops (optional)
            </label>
            <div className="govuk-hint" id="stop-hint">
              Periods that do not count, as FROM..TO with both days included, separated by spaces. For example 2027-01-11..2027-01-20
            </div>
            <input className="govuk-input" id="stop" name="stop" type="text" defaultValue={stopText} aria-describedby="stop-hint" />
          </div>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Calculate deadline
          </button>
        </form>
        <p className="govuk-body-s">
          The same calculation is available as JSON: <code>GET /api/deadlines/calculate?start=2026-12-18&amp;length=45&amp;unit=calendar&amp;count=after&amp;calendar=england-and-wales</code>
        </p>
      </div>
    </div>
  );
}
