import type { Metadata } from "next";
import { listDeadlineRules } from "@/domain/deadlines/update-deadline-rule";
import { describeRule } from "@/components/app/deadline-rule-text";
import { requirePagePermission } from "@/server/page";
import { TableHead } from "@/components/govuk/TableHead";

export const metadata: Metadata = { title: "Deadline rules" };

export default async function DeadlineRulesPage() {
  const ctx = await requirePagePermission("admin.deadline_rules", "/admin/deadline-rules");
  const rules = listDeadlineRules(ctx);
  return (
    <>
      <h1 className="govuk-heading-l">Deadline rules</h1>
      <p className="govuk-body">A deadline copies its rule when it starts. Changing a rule affects only deadlines started afterwards.</p>
      <table className="govuk-table">
        <TableHead caption="Rule catalogue" columns={["Rule", "Period", { hidden: "Actions" }]} />
        <tbody className="govuk-table__body">
          {rules.map((rule) => (
            <tr className="govuk-table__row" key={rule.id}>
              <td className="govuk-table__cell">{rule.name}</td>
              <td className="govuk-table__cell">{describeRule(rule)}</td>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={`/admin/deadline-rules/${rule.id}`}>
                  Change<span className="govuk-visually-hidden"> {rule.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
