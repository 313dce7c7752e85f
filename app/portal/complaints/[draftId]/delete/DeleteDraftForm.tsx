"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { deleteDraftComplaintAction } from "../../actions";

export function DeleteDraftForm({ draftId, cancelHref }: { draftId: string; cancelHref: string }) {
  const [state, formAction, pending] = useActionState(deleteDraftComplaintAction, null);
  return (
    <>
      {state && !state.ok ? <ErrorSummary message={state.message} /> : null}
      <form action={formAction}>
        <input type="hidden" name="draftId" value={draftId} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={pending}>
            Yes, delete this draft
          </button>
          <a className="govuk-link" href={cancelHref}>
            No, go back to the draft
          </a>
        </div>
      </form>
    </>
  );
}
