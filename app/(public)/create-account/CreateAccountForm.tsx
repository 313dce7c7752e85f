"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RevealingRadios } from "@/components/govuk/RevealingChoices";
import { TextInput } from "@/components/govuk/TextInput";
import { createAccountAction } from "./actions";

/** The amicus applicant's optional organisation has its own input (both show without JavaScript), so its error must point at it. */
const AMICUS_ORGANISATION_FIELD = "amicusOrganisationName";
const FIELD_ORDER = ["name", "email", "accountType", "organisationName", AMICUS_ORGANISATION_FIELD, "password", "confirmPassword"];

export interface InvitationForForm {
  token: string;
  email: string;
  caseReference: string | null;
  respondentName: string | null;
  firmName: string;
}

/** `accountTypes` are the "What will you use this service for?" options, passed from the server so this client file does not import the domain. */
export function CreateAccountForm({ invitation, accountTypes }: { invitation?: InvitationForForm; accountTypes: readonly (readonly [string, string])[] }) {
  const [state, formAction, pending] = useActionState(createAccountAction, null);
  const values = state && !state.ok ? state.values : {};
  const errors = state && !state.ok ? amicusOrganisationErrors(state.fieldErrors, values.accountType) : {};
  const formMessage = state && !state.ok && Object.keys(errors).length === 0 ? state.message : undefined;
  return (
    <>
      <ErrorSummary fieldErrors={errors} message={formMessage} fieldOrder={FIELD_ORDER} />
      <h1 className="govuk-heading-l">Create an account</h1>
      {invitation ? (
        <div className="govuk-inset-text">
          You have been invited to act for {invitation.respondentName ?? "the respondent"}
          {invitation.caseReference ? ` on ${invitation.caseReference}` : ""}, as a member of {invitation.firmName}.
        </div>
      ) : (
        <>
          <p className="govuk-body">Create an account if you represent a party, for example as their solicitor, and want to submit a complaint to the Intellectual Property Regulator.</p>
          <p className="govuk-body">
            You can also create an account to apply to file an amicus brief, as a third party, on a case on the <a className="govuk-link" href="/public-register">public register</a>.
          </p>
        </>
      )}
      <form action={formAction} noValidate>
        {invitation ? <input type="hidden" name="invitation" value={invitation.token} /> : null}
        <TextInput name="name" label="Full name" autoComplete="name" spellCheck={false} error={errors.name} defaultValue={values.name} />
        {invitation ? (
          <TextInput name="email" label="Email address" type="email" readOnly defaultValue={invitation.email} hint="This is the address the invitation was sent to. You cannot change it." />
        ) : (
          <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} hint="We will send a link to this address to check that it is yours." error={errors.email} defaultValue={values.email} />
        )}
        {invitation ? null : (
          <RevealingRadios
            name="accountType"
            legend="What will you use this service for?"
            options={accountTypes}
            value={values.accountType}
            error={errors.accountType}
            reveal={{
              party: <TextInput name="organisationName" label="Organisation name" hint="The law firm or company you work for" autoComplete="organization" error={errors.organisationName} defaultValue={values.organisationName} />,
              amicus: (
                <TextInput
                  name={AMICUS_ORGANISATION_FIELD}
                  label="Organisation (optional)"
                  hint="The organisation you work for or belong to, if any. Leave this blank if you are applying as an individual."
                  autoComplete="organization"
                  error={errors[AMICUS_ORGANISATION_FIELD]}
                  defaultValue={values[AMICUS_ORGANISATION_FIELD]}
                />
              ),
            }}
          />
        )}
        <TextInput
          name="password"
          label="Create a password"
          type="password"
          autoComplete="new-password"
          hint="Use at least 12 characters. Three random words together work well. Do not use a common password or your email address."
          error={errors.password}
        />
        <TextInput name="confirmPassword" label="Confirm your password" type="password" autoComplete="new-password" error={errors.confirmPassword} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Create account
        </button>
      </form>
      <p className="govuk-body">
        Already have an account? <a className="govuk-link" href="/sign-in">Sign in to your account</a>.
      </p>
    </>
  );
}

/** An organisation error on an amicus registration belongs to the amicus applicant's own input. */
function amicusOrganisationErrors(fieldErrors: Record<string, string>, accountType: string | undefined): Record<string, string> {
  if (accountType !== "amicus" || !fieldErrors.organisationName) return fieldErrors;
  const { organisationName, ...rest } = fieldErrors;
  return { ...rest, [AMICUS_ORGANISATION_FIELD]: organisationName };
}
