"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RevealingCheckboxes } from "@/components/govuk/RevealingChoices";
import { TextInput } from "@/components/govuk/TextInput";
import { STATEMENT_OF_TRUTH } from "@/domain/complaints/questions";
import { submitComplaintAction } from "../../actions";

export function SubmitComplaintForm({ draftId, emailToVerify }: { draftId: string; emailToVerify: string | null }) {
  const [state, formAction, pending] = useActionState(submitComplaintAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  return (
    <>
      <h2 className="govuk-heading-m">Now submit your complaint</h2>
      {failed ? <ErrorSummary fieldErrors={Object.keys(errors).length ? errors : { _form: failed.message }} fieldOrder={["statementOfTruth", "signatoryName"]} /> : null}
      {emailToVerify ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            You must verify your email address before you can submit. We sent a link to {emailToVerify}.
          </strong>
        </div>
      ) : null}
      <p className="govuk-body">By submitting this complaint you confirm that, to the best of your knowledge, the details you have given are correct. The regulator will send the complaint to the respondent if it accepts it.</p>
      <form action={formAction} noValidate key={failed ? JSON.stringify(failed.values) : "blank"}>
        <input type="hidden" name="draftId" value={draftId} />
        <RevealingCheckboxes name="statementOfTruth" legend="Statement of truth" legendSize="m" options={[["yes", STATEMENT_OF_TRUTH]]} values={failed?.values.statementOfTruth === "yes" ? ["yes"] : []} error={errors.statementOfTruth} />
        <TextInput name="signatoryName" label="Your full name" hint="The person making the statement of truth." autoComplete="name" spellCheck={false} error={errors.signatoryName} defaultValue={failed?.values.signatoryName ?? ""} />
        <button type="submit" className="govuk-button" disabled={pending}>
          Submit complaint
        </button>
      </form>
    </>
  );
}
