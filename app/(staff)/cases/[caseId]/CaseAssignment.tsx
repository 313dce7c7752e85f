import type { ComponentProps } from "react";
import { ActionForm, type ActionField } from "@/components/app/ActionForm";
import { formatDate } from "@/components/app/format";
import { SummaryList } from "@/components/govuk/SummaryList";
import { Tag } from "@/components/govuk/Tag";
import { DECLARATION_LABELS, DECLARATIONS } from "@/domain/cases/conflict-clearance";
import type { CaseAssignment as CaseAssignmentView } from "@/domain/cases/get-case-assignment";
import { assignCaseAction, assignCaseToMeAction, declareConflictAction } from "./assignment-actions";

type ActionFormProps = ComponentProps<typeof ActionForm>;

const DECLARATION_FIELDS: ActionField[] = [
  { kind: "radios", name: "declaration", label: "Do you have a conflict of interest with the parties to this case?", options: DECLARATIONS.map((d) => [d, DECLARATION_LABELS[d]]) },
  { kind: "textarea", name: "details", label: "Details of the conflict of interest", hint: "Required if you have a conflict. Only regulator staff can see this.", rows: 3 },
];

/** Who has the case, their conflict-of-interest declaration, and the assignment forms open to the viewer. */
export function CaseAssignment({ view }: { view: CaseAssignmentView }) {
  const { caseId } = view;
  const can = (action: (typeof view.actions)[number]) => view.actions.includes(action);
  const hidden = { caseId };
  const personal: ActionFormProps | null = can("declare")
    ? {
        id: "declare-conflict",
        heading: "Declare conflicts of interest",
        button: "Submit declaration",
        hidden,
        open: true,
        warning: "Before you work on this case, declare whether you have a conflict of interest with the parties. If you have one, you will be taken off the case and the supervisors will be told.",
        fields: DECLARATION_FIELDS,
        action: declareConflictAction,
      }
    : can("declare_conflict_later")
      ? {
          id: "declare-conflict-later",
          heading: "Declare a conflict of interest",
          button: "Declare a conflict",
          hidden: { caseId, declaration: "conflict" },
          warning: "If you find you have a conflict of interest with the parties, declare it here. You will be taken off the case and the supervisors will be told.",
          fields: [DECLARATION_FIELDS[1]!],
          action: declareConflictAction,
        }
      : can("assign_to_me")
        ? {
            id: "assign-to-me",
            heading: "Assign this case to me",
            button: "Assign to me",
            hidden,
            open: true,
            warning: "To take the case, declare whether you have a conflict of interest with the parties. If you have one, the case stays unassigned and the supervisors will be told.",
            fields: DECLARATION_FIELDS,
            action: assignCaseToMeAction,
          }
        : null;
  return (
    <section aria-labelledby="assignment">
      <h2 className="govuk-heading-m" id="assignment">
        Assignment
      </h2>
      <SummaryList
        rows={[
          { key: "Assigned to", value: view.assignee?.name ?? "Not assigned" },
          ...(view.assignee ? [{ key: "Conflict of interest", value: view.assigneeCleared ? "No conflict declared" : <Tag colour="yellow">Declaration needed</Tag> }] : []),
          ...(view.conflicts.length > 0
            ? [
                {
                  key: "Conflicts declared",
                  value: (
                    <ul className="govuk-list">
                      {view.conflicts.map((conflict) => (
                        <li key={`${conflict.userName}-${conflict.declaredAt}`}>
                          {conflict.userName}, {formatDate(conflict.declaredAt)}
                          {conflict.details ? <span className="app-preserve-lines">: {conflict.details}</span> : null}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      {view.viewerHasConflict ? <p className="govuk-inset-text">You have declared a conflict of interest with the parties to this case, so you cannot be assigned it.</p> : null}
      {/* One slot for the viewer's own form, so its success banner survives the form changing (declare → declare later). */}
      {personal ? <ActionForm key="personal" {...personal} /> : null}
      {can("assign") ? (
        <ActionForm
          id="assign-case"
          heading={view.assignee ? "Reassign this case" : "Assign this case"}
          button="Assign case"
          hidden={{ caseId, seenAssigneeId: view.assignee?.id ?? "" }}
          fields={[{ kind: "select", name: "assigneeId", label: "Caseworker", options: [["", "Choose a caseworker"], ...view.caseworkers.filter((c) => c.id !== view.assignee?.id).map((c): [string, string] => [c.id, c.name])] }]}
          action={assignCaseAction}
        />
      ) : null}
    </section>
  );
}
