"use client";

import { useActionState } from "react";
import type { FormState } from "@/server/action";

/** A single button that mails the signed-in user a new verify-email link, saying what happened. */
export function ResendVerificationForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <>
      {state?.ok ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {state.message}
        </p>
      ) : null}
      {state && !state.ok ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {state.message}
        </p>
      ) : null}
      <form action={formAction}>
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" disabled={pending}>
          Send a new verification link
        </button>
      </form>
    </>
  );
}
