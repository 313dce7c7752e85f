"use client";

import { useActionState } from "react";
import { DateInput } from "@/components/govuk/DateInput";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { RevealingCheckboxes, RevealingRadios } from "@/components/govuk/RevealingChoices";
import { Select } from "@/components/govuk/Select";
import { Textarea } from "@/components/govuk/Textarea";
import { TextInput } from "@/components/govuk/TextInput";
import { DATE_PARTS, dateProblem } from "@/domain/complaints/date-answer";
import { IP_RIGHT_OPTIONS, QUESTION_HINTS as HINTS, QUESTION_LABELS as LABELS, TECHNOLOGY_TAG_OPTIONS, URGENCY_OPTIONS, YES_NO_OPTIONS, type SectionSlug } from "@/domain/complaints/questions";
import type { SectionFormValues } from "@/domain/complaints/sections";
import { saveComplaintSectionAction } from "../../actions";

/** A short fingerprint of what was sent, so the form is rebuilt (not merely reset) after each failed save. */
function fingerprint(values: Record<string, string>): string {
  const text = JSON.stringify(values);
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = (hash * 33) ^ text.charCodeAt(i);
  return (hash >>> 0).toString(36);
}

/**
 * One question page of the complaint. After a failed save it shows exactly what was sent (the
 * action echoes it); otherwise what the draft holds.
 */
export function SectionForm({
  draftId,
  section,
  title,
  initial,
  returnToCheck,
  fieldOrder,
  countries,
}: {
  draftId: string;
  section: SectionSlug;
  title: string;
  initial: SectionFormValues;
  returnToCheck: boolean;
  fieldOrder: string[];
  countries: [string, string][];
}) {
  const [state, formAction, pending] = useActionState(saveComplaintSectionAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};

  const text = (name: string): string => {
    if (failed) return failed.values[name] ?? "";
    const value = initial[name];
    return typeof value === "string" ? value : "";
  };
  const ticked = (name: string): string[] => {
    if (failed) return (failed.values[name] ?? "").split("\n").filter(Boolean);
    const value = initial[name];
    return Array.isArray(value) ? value : [];
  };

  const happenedOn = { day: text("happenedOn-day"), month: text("happenedOn-month"), year: text("happenedOn-year") };
  const dateError = DATE_PARTS.map((part) => errors[`happenedOn-${part}`]).find(Boolean);
  const dateErrorParts = dateError ? (dateProblem(happenedOn, { label: "", missing: "", today: null })?.parts ?? DATE_PARTS) : undefined;

  const yesDetails = (name: keyof typeof LABELS) => <Textarea name={name} label={LABELS[name]} hint={HINTS[name]} rows={5} error={errors[name]} defaultValue={text(name)} />;

  return (
    <>
      {failed ? <ErrorSummary fieldErrors={Object.keys(errors).length ? errors : { _form: failed.message }} fieldOrder={fieldOrder} /> : null}
      <span className="govuk-caption-l">Draft complaint</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <form action={formAction} noValidate key={failed ? fingerprint(failed.values) : "saved"}>
        <input type="hidden" name="draftId" value={draftId} />
        <input type="hidden" name="section" value={section} />
        {returnToCheck ? <input type="hidden" name="return" value="check" /> : null}

        {section === "complainant" ? (
          <>
            <TextInput name="complainantName" label={LABELS.complainantName} hint={HINTS.complainantName} autoComplete="organization" error={errors.complainantName} defaultValue={text("complainantName")} />
            <TextInput name="representativeName" label={LABELS.representativeName} autoComplete="name" spellCheck={false} error={errors.representativeName} defaultValue={text("representativeName")} />
            <TextInput name="representativeFirm" label={LABELS.representativeFirm} hint={HINTS.representativeFirm} error={errors.representativeFirm} defaultValue={text("representativeFirm")} />
            <TextInput name="contactEmail" type="email" label={LABELS.contactEmail} autoComplete="email" spellCheck={false} error={errors.contactEmail} defaultValue={text("contactEmail")} />
            <TextInput name="contactPhone" type="tel" label={LABELS.contactPhone} autoComplete="tel" widthClass="govuk-input--width-20" error={errors.contactPhone} defaultValue={text("contactPhone")} />
          </>
        ) : null}

        {section === "respondent" ? (
          <>
            <TextInput name="respondentName" label={LABELS.respondentName} hint={HINTS.respondentName} error={errors.respondentName} defaultValue={text("respondentName")} />
            <Select name="respondentCountry" label={LABELS.respondentCountry} options={[["", "Select a country"], ...countries]} value={text("respondentCountry")} error={errors.respondentCountry} />
            <Textarea name="respondentContact" label={LABELS.respondentContact} hint={HINTS.respondentContact} rows={4} error={errors.respondentContact} defaultValue={text("respondentContact")} />
          </>
        ) : null}

        {section === "ip-rights" ? (
          <RevealingCheckboxes
            name="ipRights"
            legend={LABELS.ipRights}
            legendSize="m"
            hint={HINTS.ipRights}
            options={IP_RIGHT_OPTIONS}
            values={ticked("ipRights")}
            error={errors.ipRights}
            reveal={{ other: <TextInput name="otherIpRight" label={LABELS.otherIpRight} error={errors.otherIpRight} defaultValue={text("otherIpRight")} /> }}
          />
        ) : null}

        {section === "technology" ? (
          <>
            <Textarea name="technologyDescription" label={LABELS.technologyDescription} hint={HINTS.technologyDescription} rows={12} error={errors.technologyDescription} defaultValue={text("technologyDescription")} />
            <RevealingCheckboxes name="technologyTags" legend={LABELS.technologyTags} hint={HINTS.technologyTags} options={TECHNOLOGY_TAG_OPTIONS} values={ticked("technologyTags")} error={errors.technologyTags} />
          </>
        ) : null}

        {section === "misappropriation" ? (
          <>
            <Textarea name="howItHappened" label={LABELS.howItHappened} hint={HINTS.howItHappened} rows={10} error={errors.howItHappened} defaultValue={text("howItHappened")} />
            <RevealingRadios
              name="dateKnown"
              legend={LABELS.dateKnown}
              options={YES_NO_OPTIONS}
              value={text("dateKnown")}
              error={errors.dateKnown}
              reveal={{
                yes: <DateInput name="happenedOn" legend={LABELS.happenedOn} hint={HINTS.happenedOn} value={happenedOn} error={dateError} errorParts={dateErrorParts} />,
                no: <TextInput name="approximatePeriod" label={LABELS.approximatePeriod} hint={HINTS.approximatePeriod} error={errors.approximatePeriod} defaultValue={text("approximatePeriod")} />,
              }}
            />
          </>
        ) : null}

        {section === "harm" ? (
          <>
            <Textarea name="harmDescription" label={LABELS.harmDescription} hint={HINTS.harmDescription} rows={8} error={errors.harmDescription} defaultValue={text("harmDescription")} />
            <RevealingRadios name="urgency" legend={LABELS.urgency} hint={HINTS.urgency} options={URGENCY_OPTIONS} value={text("urgency")} error={errors.urgency} />
            <RevealingRadios
              name="interimMeasures"
              legend={LABELS.interimMeasures}
              hint={HINTS.interimMeasures}
              options={YES_NO_OPTIONS}
              value={text("interimMeasures")}
              error={errors.interimMeasures}
              reveal={{ yes: yesDetails("interimMeasuresDetails") }}
            />
          </>
        ) : null}

        {section === "related-proceedings" ? (
          <RevealingRadios
            name="relatedProceedings"
            legend={LABELS.relatedProceedings}
            legendSize="m"
            hint={HINTS.relatedProceedings}
            options={YES_NO_OPTIONS}
            value={text("relatedProceedings")}
            error={errors.relatedProceedings}
            reveal={{ yes: yesDetails("relatedProceedingsDetails") }}
          />
        ) : null}

        {section === "remedy" ? <Textarea name="remedySought" label={LABELS.remedySought} hint={HINTS.remedySought} rows={8} error={errors.remedySought} defaultValue={text("remedySought")} /> : null}

        <div className="govuk-button-group">
          <button type="submit" name="intent" value="continue" className="govuk-button" disabled={pending}>
            Save and continue
          </button>
          <button type="submit" name="intent" value="later" className="govuk-button govuk-button--secondary" disabled={pending}>
            Save and come back later
          </button>
        </div>
      </form>
    </>
  );
}
