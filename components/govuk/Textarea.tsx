import { fieldId } from "./ErrorSummary";

export function Textarea({ name, label, hint, error, defaultValue, rows = 5, idPrefix }: { name: string; label: string; hint?: string; error?: string; defaultValue?: string; rows?: number; idPrefix?: string }) {
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
      <textarea className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`} id={id} name={name} rows={rows} defaultValue={defaultValue} aria-describedby={describedBy} />
    </div>
  );
}
