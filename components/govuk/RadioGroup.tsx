import { fieldId } from "./ErrorSummary";

/** GOV.UK radios in a fieldset, with an inline error. */
export function RadioGroup({ name, legend, options, value, error, small = true, idPrefix }: { name: string; legend: string; options: [string, string][]; value?: string; error?: string; small?: boolean; idPrefix?: string }) {
  const id = fieldId(idPrefix ? `${idPrefix}-${name}` : name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className={`govuk-radios${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios" id={id}>
          {options.map(([optionValue, label]) => (
            <div className="govuk-radios__item" key={optionValue}>
              <input className="govuk-radios__input" id={`${id}-${optionValue}`} name={name} type="radio" value={optionValue} defaultChecked={value === optionValue} />
              <label className="govuk-label govuk-radios__label" htmlFor={`${id}-${optionValue}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
