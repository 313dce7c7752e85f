import { fieldId } from "./ErrorSummary";

/** GOV.UK checkboxes in a fieldset with a legend, for choosing any number of options. */
export function Checkboxes({
  name,
  legend,
  options,
  values = [],
  hint,
  error,
  small = true,
  idPrefix,
}: {
  name: string;
  legend: string;
  options: readonly (readonly [string, string])[];
  values?: readonly string[];
  hint?: string;
  error?: string;
  small?: boolean;
  idPrefix?: string;
}) {
  const id = fieldId(idPrefix ? `${idPrefix}-${name}` : name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
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
        <div className={`govuk-checkboxes${small ? " govuk-checkboxes--small" : ""}`} data-module="govuk-checkboxes" id={id}>
          {options.map(([optionValue, label]) => (
            <div className="govuk-checkboxes__item" key={optionValue}>
              <input className="govuk-checkboxes__input" id={`${id}-${fieldId(optionValue)}`} name={name} type="checkbox" value={optionValue} defaultChecked={values.includes(optionValue)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-${fieldId(optionValue)}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
