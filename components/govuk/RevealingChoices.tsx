"use client";

import { Fragment, useState } from "react";
import { fieldId } from "./ErrorSummary";

/**
 * GOV.UK radios and checkboxes for question pages, with follow-up questions revealed under an
 * option ("If yes, give details"). React shows and hides the follow-ups rather than GOV.UK's
 * script, which only wires up elements present at page load and so loses track of a form React
 * has re-rendered after a validation error. Without JavaScript every follow-up stays visible
 * (GOV.UK's CSS hides them only once its script has marked the page as supported).
 *
 * The first input's id is the field's id, so an error summary link lands on it.
 */
interface ChoiceProps {
  name: string;
  legend: string;
  options: readonly (readonly [string, string])[];
  hint?: string;
  error?: string;
  /** Follow-up questions shown under an option while it is selected, by option value. */
  reveal?: Partial<Record<string, React.ReactNode>>;
  legendSize?: "s" | "m";
}

export function RevealingRadios({ value, ...props }: ChoiceProps & { value?: string }) {
  const [selected, setSelected] = useState(value ?? "");
  return <Choices {...props} type="radio" isSelected={(option) => option === selected} initiallySelected={(option) => option === value} onToggle={(option) => setSelected(option)} />;
}

export function RevealingCheckboxes({ values = [], ...props }: ChoiceProps & { values?: readonly string[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(values));
  return (
    <Choices
      {...props}
      type="checkbox"
      isSelected={(option) => selected.has(option)}
      initiallySelected={(option) => values.includes(option)}
      onToggle={(option, checked) =>
        setSelected((current) => {
          const next = new Set(current);
          if (checked) next.add(option);
          else next.delete(option);
          return next;
        })
      }
    />
  );
}

function Choices({
  name,
  legend,
  options,
  hint,
  error,
  reveal = {},
  legendSize = "s",
  type,
  isSelected,
  initiallySelected,
  onToggle,
}: ChoiceProps & { type: "radio" | "checkbox"; isSelected: (option: string) => boolean; initiallySelected: (option: string) => boolean; onToggle: (option: string, checked: boolean) => void }) {
  const id = fieldId(name);
  const kind = type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className={kind}>
          {options.map(([option, label], index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            const followUp = reveal[option];
            return (
              <Fragment key={option}>
                <div className={`${kind}__item`}>
                  <input
                    className={`${kind}__input`}
                    id={inputId}
                    name={name}
                    type={type}
                    value={option}
                    defaultChecked={initiallySelected(option)}
                    onChange={(event) => onToggle(option, event.currentTarget.checked)}
                  />
                  <label className={`govuk-label ${kind}__label`} htmlFor={inputId}>
                    {label}
                  </label>
                </div>
                {followUp ? (
                  <div className={`${kind}__conditional${isSelected(option) ? "" : ` ${kind}__conditional--hidden`}`} id={`conditional-${inputId}`}>
                    {followUp}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
