"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { Textarea } from "@/components/govuk/Textarea";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { setUserDisabledAction } from "./actions";

/** Asks for a reason before disabling, which doubles as the confirmation step. */
export function UserStatusForm({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(setUserDisabledAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (state?.ok) return <NotificationBanner success>{state.message}</NotificationBanner>;
  return (
    <form action={formAction}>
      <ErrorSummary fieldErrors={errors} message={state && !state.ok ? state.message : undefined} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <Textarea name="reason" label={`Reason for ${disabled ? "enabling" : "disabling"} ${email}`} rows={2} error={errors.reason} />
      <button type="submit" className={`govuk-button${disabled ? "" : " govuk-button--warning"}`} disabled={pending}>
        {disabled ? "Enable account" : "Disable account"}
      </button>
    </form>
  );
}
