import { fieldId } from "./ErrorSummary";

interface TextInputProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "date" | "number" | "search" | "tel";
  autoComplete?: string;
  spellCheck?: boolean;
  widthClass?: string;
  labelIsPageHeading?: boolean;
  inputMode?: "numeric" | "text" | "email";
  /** Needed when the same field name appears in several forms on one page. */
  idPrefix?: string;
  /** Shown and submitted but not editable, e.g. an address fixed by an invitation. */
  readOnly?: boolean;
}

export function TextInput({ name, label, hint, error, defaultValue, type = "text", autoComplete, spellCheck, widthClass, labelIsPageHeading, inputMode, idPrefix, readOnly }: TextInputProps) {
  const id = fieldId(idPrefix ? `${idPrefix}-${name}` : name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const labelElement = (
    <label className={labelIsPageHeading ? "govuk-label govuk-label--l" : "govuk-label"} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      {labelIsPageHeading ? <h1 className="govuk-label-wrapper">{labelElement}</h1> : labelElement}
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
      <input
        className={`govuk-input${widthClass ? ` ${widthClass}` : ""}${error ? " govuk-input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
        aria-describedby={describedBy}
        readOnly={readOnly}
      />
    </div>
  );
}
