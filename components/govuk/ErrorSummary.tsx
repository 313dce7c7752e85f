import type { FieldErrors } from "@/domain/errors";

/** GOV.UK error summary: one link per field error, in form order, focused on render by the JS. */
export function ErrorSummary({ fieldErrors, message, fieldOrder, idPrefix }: { fieldErrors?: FieldErrors; message?: string; fieldOrder?: string[]; idPrefix?: string }) {
  const entries = Object.entries(fieldErrors ?? {});
  if (entries.length === 0 && !message) return null;
  const ordered = fieldOrder ? entries.sort(([a], [b]) => orderOf(fieldOrder, a) - orderOf(fieldOrder, b)) : entries;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {ordered.length === 0 && message ? <li>{message}</li> : null}
            {ordered.map(([field, text]) => (
              <li key={field}>{field === "_form" ? text : <a href={`#${fieldId(idPrefix ? `${idPrefix}-${field}` : field)}`}>{text}</a>}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

const orderOf = (order: string[], field: string) => (order.includes(field) ? order.indexOf(field) : order.length);

/** The id an input gets for a field name, shared by inputs and the error summary's links. */
export const fieldId = (field: string) => field.replace(/[^a-zA-Z0-9_-]/g, "-");
