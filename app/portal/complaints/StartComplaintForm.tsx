"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { startComplaintAction } from "./actions";

export function StartComplaintForm() {
  const [state, formAction, pending] = useActionState(startComplaintAction, null);
  return (
    <>
      {state && !state.ok ? <ErrorSummary message={state.message} /> : null}
      <form action={formAction}>
        <button type="submit" className="govuk-button govuk-button--start" disabled={pending}>
          Start a new complaint
          <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </button>
      </form>
    </>
  );
}
