import { fieldId } from "./ErrorSummary";

type DatePart = "day" | "month" | "year";
const PARTS: [DatePart, string, string][] = [
  ["day", "Day", "govuk-input--width-2"],
  ["month", "Month", "govuk-input--width-2"],
  ["year", "Year", "govuk-input--width-4"],
];

/**
 * The GOV.UK date input: three boxes named `<name>-day`, `<name>-month` and `<name>-year` in a
 * fieldset. `errorParts` says which boxes to highlight (all of them by default).
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  errorParts = ["day", "month", "year"],
  value,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  errorParts?: DatePart[];
  value: Record<DatePart, string>;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input" id={id}>
          {PARTS.map(([part, label, width]) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part}`}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${width}${error && errorParts.includes(part) ? " govuk-input--error" : ""}`}
                  id={`${id}-${part}`}
                  name={`${name}-${part}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={value[part]}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
