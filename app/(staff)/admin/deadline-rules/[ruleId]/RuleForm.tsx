"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { TextInput } from "@/components/govuk/TextInput";
import { Textarea } from "@/components/govuk/Textarea";
import { RadioGroup } from "@/components/govuk/RadioGroup";
import { updateDeadlineRuleAction } from "./actions";

interface Rule {
  id: string;
  length: number;
  unit: string;
  count: string;
  calendar: string;
  roll: string;
}

export function RuleForm({ rule }: { rule: Rule }) {
  const [state, formAction, pending] = useActionState(updateDeadlineRuleAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const value = (name: keyof Rule) => values[name] ?? String(rule[name]);
  return (
    <form action={formAction} noValidate>
      <ErrorSummary fieldErrors={errors} fieldOrder={["length", "unit", "count", "calendar", "roll", "reason"]} />
      <input type="hidden" name="ruleId" value={rule.id} />
      <TextInput name="length" label="Length, in days" inputMode="numeric" widthClass="govuk-input--width-4" error={errors.length} defaultValue={value("length")} />
      <RadioGroup name="unit" legend="Count" value={value("unit")} error={errors.unit} options={[["calendar", "Calendar days"], ["working", "Working days"]]} />
      <RadioGroup name="count" legend="Day 1 is" value={value("count")} error={errors.count} options={[["after", "the day after the start date"], ["beginning-with", "the start date itself"]]} />
      <RadioGroup name="calendar" legend="Bank holidays of" value={value("calendar")} error={errors.calendar} options={[["england-and-wales", "England and Wales"], ["scotland", "Scotland"], ["northern-ireland", "Northern Ireland"], ["united-kingdom", "Whole UK"]]} />
      <RadioGroup name="roll" legend="If a calendar-day deadline falls on a non-working day" value={value("roll")} error={errors.roll} options={[["none", "Keep the date"], ["next-working-day", "Move it to the next working day"]]} />
      <Textarea name="reason" label="Why is this rule changing?" rows={3} error={errors.reason} defaultValue={values.reason} />
      <button type="submit" className="govuk-button" disabled={pending}>
        Save rule
      </button>
    </form>
  );
}
