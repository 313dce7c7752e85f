"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { RadioGroup } from "@/components/govuk/RadioGroup";
import { Select } from "@/components/govuk/Select";
import { TextInput } from "@/components/govuk/TextInput";
import { Textarea } from "@/components/govuk/Textarea";
import type { FormState } from "@/server/action";

export type ActionField =
  | { kind: "text"; name: string; label: string; hint?: string; width?: string; defaultValue?: string }
  | { kind: "textarea"; name: string; label: string; hint?: string; rows?: number; defaultValue?: string }
  | { kind: "radios"; name: string; label: string; options: [string, string][]; defaultValue?: string }
  | { kind: "select"; name: string; label: string; options: [string, string][]; hint?: string; defaultValue?: string };

/**
 * One case action as a GOV.UK form inside a details disclosure: inline errors and an error summary
 * on failure (keeping what was typed), a success banner on success. Works without JavaScript.
 */
export function ActionForm({
  id,
  heading,
  button,
  hidden,
  fields,
  action,
  warning,
  open,
}: {
  id: string;
  heading: string;
  button: string;
  hidden: Record<string, string>;
  fields: ActionField[];
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  warning?: string;
  open?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  if (state?.ok) return <NotificationBanner success>{state.message}</NotificationBanner>;
  return (
    <details className="govuk-details" open={open || (state !== null && !state.ok)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{heading}</span>
      </summary>
      <div className="govuk-details__text">
        {state && !state.ok ? <ErrorSummary idPrefix={id} fieldErrors={Object.keys(errors).length ? errors : { _form: state.message }} fieldOrder={fields.map((f) => f.name)} /> : null}
        {warning ? <p className="govuk-body">{warning}</p> : null}
        <form action={formAction} noValidate>
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {fields.map((field) =>
            field.kind === "text" ? (
              <TextInput key={field.name} idPrefix={id} name={field.name} label={field.label} hint={field.hint} widthClass={field.width} error={errors[field.name]} defaultValue={values[field.name] ?? field.defaultValue} />
            ) : field.kind === "textarea" ? (
              <Textarea key={field.name} idPrefix={id} name={field.name} label={field.label} hint={field.hint} rows={field.rows ?? 4} error={errors[field.name]} defaultValue={values[field.name] ?? field.defaultValue} />
            ) : field.kind === "select" ? (
              <Select key={field.name} idPrefix={id} name={field.name} label={field.label} hint={field.hint} options={field.options} value={values[field.name] ?? field.defaultValue} error={errors[field.name]} />
            ) : (
              <RadioGroup key={field.name} idPrefix={id} name={field.name} legend={field.label} options={field.options} value={values[field.name] ?? field.defaultValue} error={errors[field.name]} />
            ),
          )}
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={pending}>
            {button}
          </button>
        </form>
      </div>
    </details>
  );
}
