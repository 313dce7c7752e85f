"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RadioGroup } from "@/components/govuk/RadioGroup";
import type { FormState } from "@/server/action";

/** One question per kind of notification, all saved together; works without JavaScript. */
export function EmailSettingsForm({
  preferences,
  modeOptions,
  action,
}: {
  preferences: { kind: string; label: string; mode: string }[];
  modeOptions: [string, string][];
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const fieldOrder = preferences.map((p) => `mode:${p.kind}`);
  return (
    <>
      {state && !state.ok ? <ErrorSummary fieldErrors={Object.keys(errors).length ? errors : { _form: state.message }} fieldOrder={fieldOrder} /> : null}
      <form action={formAction} noValidate>
        {preferences.map((p) => (
          <RadioGroup key={p.kind} name={`mode:${p.kind}`} legend={p.label} options={modeOptions} value={values[`mode:${p.kind}`] ?? p.mode} error={errors[`mode:${p.kind}`]} />
        ))}
        <button type="submit" className="govuk-button" disabled={pending}>
          Save settings
        </button>
      </form>
    </>
  );
}
