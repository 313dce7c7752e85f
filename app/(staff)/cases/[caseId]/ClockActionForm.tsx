"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { TextInput } from "@/components/govuk/TextInput";
import { Textarea } from "@/components/govuk/Textarea";
import type { FormState } from "@/server/action";

type Kind = "stop" | "restart" | "extend";

const COPY: Record<Kind, { heading: string; button: string; dateField?: { name: string; label: string; hint: string }; reasonLabel: string }> = {
  stop: { heading: "Stop the clock", button: "Stop the clock", dateField: { name: "effectiveOn", label: "First day the clock is stopped (optional)", hint: "YYYY-MM-DD. Leave blank for today." }, reasonLabel: "Why is the clock stopping?" },
  restart: { heading: "Restart the clock", button: "Restart the clock", dateField: { name: "lastStoppedOn", label: "Last day the clock is stopped (optional)", hint: "YYYY-MM-DD, included in the stop. Leave blank for today." }, reasonLabel: "Why is the clock restarting?" },
  extend: { heading: "Extend the deadline", button: "Extend the deadline", reasonLabel: "Why is the deadline being extended?" },
};

export function ClockActionForm({ kind, caseId, deadlineId, action }: { kind: Kind; caseId: string; deadlineId: string; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const copy = COPY[kind];
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const prefix = `${kind}-${deadlineId}`;
  return (
    <details className="govuk-details" open={state !== null && !state.ok}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{copy.heading}</span>
      </summary>
      <div className="govuk-details__text">
        {state?.ok ? <NotificationBanner success>{state.message}</NotificationBanner> : null}
        {state && !state.ok ? <ErrorSummary idPrefix={prefix} fieldErrors={Object.keys(errors).length ? errors : { _form: state.message }} /> : null}
        <form action={formAction} noValidate>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="deadlineId" value={deadlineId} />
          {kind === "extend" ? (
            <TextInput name="days" label="Extend by how many counted days?" inputMode="numeric" widthClass="govuk-input--width-3" idPrefix={prefix} error={errors.days} defaultValue={values.days} />
          ) : null}
          {copy.dateField ? <TextInput name={copy.dateField.name} label={copy.dateField.label} hint={copy.dateField.hint} widthClass="govuk-input--width-10" idPrefix={prefix} error={errors[copy.dateField.name]} defaultValue={values[copy.dateField.name]} /> : null}
          <Textarea name="reason" label={copy.reasonLabel} rows={2} idPrefix={prefix} error={errors.reason} defaultValue={values.reason} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={pending}>
            {copy.button}
          </button>
        </form>
      </div>
    </details>
  );
}
