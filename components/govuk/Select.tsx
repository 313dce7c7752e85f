import { fieldId } from "./ErrorSummary";

/** A GOV.UK select with its label, hint and inline error. The first option is usually "choose one". */
export function Select({
  name,
  label,
  options,
  value,
  hint,
  error,
  idPrefix,
}: {
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
  value?: string;
  hint?: string;
  error?: string;
  idPrefix?: string;
}) {
  const id = fieldId(idPrefix ? `${idPrefix}-${name}` : name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
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
      <select className={`govuk-select${error ? " govuk-select--error" : ""}`} id={id} name={name} defaultValue={value ?? ""} aria-describedby={describedBy}>
        {options.map(([optionValue, text]) => (
          <option value={optionValue} key={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
