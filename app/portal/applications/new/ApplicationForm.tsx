"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RevealingRadios } from "@/components/govuk/RevealingChoices";
import { Textarea } from "@/components/govuk/Textarea";
import { TextInput } from "@/components/govuk/TextInput";
import { applyForLeaveAction } from "../actions";

const DISCLOSURE_OPTIONS = [
  ["no", "I will tell you about any relationship with the parties and who funded or contributed to the brief"],
  ["yes", "I decline to disclose this"],
] as const;

/** The application for leave. `fieldOrder` (from the domain) orders the error summary as the page does. */
export function ApplicationForm({ caseReference, fieldOrder }: { caseReference: string; fieldOrder: string[] }) {
  const [state, formAction, pending] = useActionState(applyForLeaveAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (name: string) => failed?.values[name] ?? "";
  return (
    <>
      {failed ? <ErrorSummary fieldErrors={Object.keys(errors).length ? errors : { _form: failed.message }} fieldOrder={fieldOrder} /> : null}
      <form action={formAction} noValidate>
        <input type="hidden" name="caseReference" value={caseReference} />
        <h2 className="govuk-heading-m">About you</h2>
        <TextInput name="applicantName" label="Your name, or the name of the organisation applying" autoComplete="name" error={errors.applicantName} defaultValue={value("applicantName")} />
        <TextInput
          name="represents"
          label="Whom do you represent?"
          hint="For example, the members of an association or a group of researchers. If you are applying for yourself, enter ‘Myself’."
          error={errors.represents}
          defaultValue={value("represents")}
        />
        <Textarea name="interest" label="What is your interest in the case?" hint="Why the outcome matters to you or to those you represent." error={errors.interest} defaultValue={value("interest")} />

        <h2 className="govuk-heading-m">Disclosures</h2>
        <RevealingRadios
          name="declineToDisclose"
          legend="Will you tell us about any relationship with either party, and who funded or contributed to the brief?"
          hint="You may decline. If you do, the caseworker deciding your application will see that you declined, and so will the parties if leave is granted."
          options={DISCLOSURE_OPTIONS}
          value={value("declineToDisclose")}
          error={errors.declineToDisclose}
          reveal={{
            no: (
              <>
                <Textarea
                  name="relationshipDisclosure"
                  label="Describe any relationship you have with either party"
                  hint="For example, a client, funding or employment relationship, now or in the past. If there is none, enter ‘None’."
                  error={errors.relationshipDisclosure}
                  defaultValue={value("relationshipDisclosure")}
                />
                <Textarea
                  name="fundingDisclosure"
                  label="Who funded or contributed to the brief?"
                  hint="Name anyone who paid for the brief or helped to write it. If nobody did, enter ‘None’."
                  error={errors.fundingDisclosure}
                  defaultValue={value("fundingDisclosure")}
                />
              </>
            ),
          }}
        />

        <h2 className="govuk-heading-m">Your brief</h2>
        <Textarea name="pointsSummary" label="Summary of the points you will make" rows={6} error={errors.pointsSummary} defaultValue={value("pointsSummary")} />
        <Textarea name="whyNotParties" label="Why will the parties not make these points?" error={errors.whyNotParties} defaultValue={value("whyNotParties")} />
        <TextInput
          name="requestedWords"
          label="How many words will your brief need?"
          hint="Up to 20,000 words. The caseworker sets the limit if they grant leave."
          inputMode="numeric"
          widthClass="govuk-input--width-5"
          spellCheck={false}
          error={errors.requestedWords}
          defaultValue={value("requestedWords")}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Apply for leave
        </button>
      </form>
    </>
  );
}
