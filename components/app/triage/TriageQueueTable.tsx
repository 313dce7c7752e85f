"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/ErrorSummary";
import { NotificationBanner } from "@/components/govuk/NotificationBanner";
import { Select } from "@/components/govuk/Select";
import { SortableHeader, type SortHeader } from "@/components/govuk/SortableHeader";
import { Tag } from "@/components/govuk/Tag";
import type { FormState } from "@/server/action";
import { CaseStatusTag } from "../CaseStatusTag";
import type { QueueRow } from "./queue-rows";

export interface BulkAssign {
  caseworkers: [string, string][];
  action: (state: FormState, formData: FormData) => Promise<FormState>;
}

function QueueTable({ rows, caption, sortHeaders, selection }: { rows: QueueRow[]; caption: string; sortHeaders: { received: SortHeader; due: SortHeader }; selection?: { selected: Set<string> } }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {selection ? (
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Select</span>
            </th>
          ) : null}
          <th scope="col" className="govuk-table__header">
            Reference
          </th>
          <th scope="col" className="govuk-table__header">
            Parties
          </th>
          <th scope="col" className="govuk-table__header">
            IP rights
          </th>
          <SortableHeader header={sortHeaders.received} />
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            Assigned to
          </th>
          <SortableHeader header={sortHeaders.due} />
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row, index) => {
          // The first box carries the id the error summary links to.
          const checkboxId = index === 0 ? "bulk-caseIds" : `bulk-caseIds-${index}`;
          return (
            <tr className="govuk-table__row" key={row.id}>
              {selection ? (
                <td className="govuk-table__cell">
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={checkboxId} name="caseIds" type="checkbox" value={row.id} defaultChecked={selection.selected.has(row.id)} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={checkboxId}>
                        <span className="govuk-visually-hidden">Select {row.reference}</span>
                      </label>
                    </div>
                  </div>
                </td>
              ) : null}
              <td className="govuk-table__cell">
                <a className="govuk-link" href={`/cases/${row.id}`}>
                  {row.reference}
                </a>
              </td>
              <td className="govuk-table__cell">{row.parties}</td>
              <td className="govuk-table__cell">{row.ipRights}</td>
              <td className="govuk-table__cell">{row.received}</td>
              <td className="govuk-table__cell">
                <CaseStatusTag status={row.status} />
              </td>
              <td className="govuk-table__cell">
                {row.assigneeName}
                {row.declarationNeeded ? (
                  <>
                    <br />
                    <Tag colour="yellow">Declaration needed</Tag>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {row.due ?? "No clock"}
                {row.clock ? (
                  <>
                    <br />
                    <Tag colour={row.clock.colour}>{row.clock.text}</Tag>
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The queue table inside the supervisor's bulk-assignment form: a box per row, the caseworker to
 * assign to and one button. A POST server action, so it works without JavaScript too.
 */
function BulkAssignForm({ rows, caption, sortHeaders, bulk, empty }: QueueTableProps & { bulk: BulkAssign }) {
  const [state, formAction, pending] = useActionState(bulk.action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const selected = new Set((values.caseIds ?? "").split(",").filter(Boolean));
  return (
    <>
      {state?.ok ? (
        <NotificationBanner success titleId="bulk-assign-banner-title">
          <p className="govuk-notification-banner__heading">{state.message}</p>
        </NotificationBanner>
      ) : null}
      {state && !state.ok ? <ErrorSummary idPrefix="bulk" fieldErrors={Object.keys(errors).length ? errors : { _form: state.message }} fieldOrder={["caseIds", "assigneeId"]} /> : null}
      {/* Assigning the last cases on the page empties it; the banner above must still say so. */}
      {rows.length === 0 ? (
        empty
      ) : (
        <form action={formAction} noValidate>
          {rows.map((row) => (
            <input type="hidden" name="seen" value={`${row.id}:${row.assigneeId}`} key={row.id} />
          ))}
          <Select idPrefix="bulk" name="assigneeId" label="Assign selected cases to" options={[["", "Choose a caseworker"], ...bulk.caseworkers]} value={values.assigneeId} error={errors.assigneeId} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending}>
            Assign selected cases
          </button>
          <div className={errors.caseIds ? "govuk-form-group govuk-form-group--error" : undefined}>
            {errors.caseIds ? (
              <p id="bulk-caseIds-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors.caseIds}
              </p>
            ) : null}
            <QueueTable rows={rows} caption={caption} sortHeaders={sortHeaders} selection={{ selected }} />
          </div>
        </form>
      )}
    </>
  );
}

interface QueueTableProps {
  rows: QueueRow[];
  caption: string;
  sortHeaders: { received: SortHeader; due: SortHeader };
  /** Shown instead of the table when no case matches. */
  empty: React.ReactNode;
}

export function TriageQueueTable({ bulk, ...props }: QueueTableProps & { bulk: BulkAssign | null }) {
  if (bulk) return <BulkAssignForm {...props} bulk={bulk} />;
  return props.rows.length === 0 ? <>{props.empty}</> : <QueueTable rows={props.rows} caption={props.caption} sortHeaders={props.sortHeaders} />;
}
