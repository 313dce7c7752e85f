"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { TextInput } from "@/components/govuk/TextInput";
import { signInAction } from "./actions";

export function SignInForm({ returnTo }: { returnTo?: string }) {
  const [state, formAction, pending] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  return (
    <>
      <ErrorSummary fieldErrors={errors} fieldOrder={["email", "password"]} />
      <h1 className="govuk-heading-l">Sign in</h1>
      <form action={formAction} noValidate>
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors.email} defaultValue={values.email} />
        <TextInput name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Sign in
        </button>
      </form>
    </>
  );
}
