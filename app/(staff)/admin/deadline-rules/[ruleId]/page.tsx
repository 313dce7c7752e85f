import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listDeadlineRules } from "@/domain/deadlines/update-deadline-rule";
import { describeRule } from "@/components/app/deadline-rule-text";
import { requirePagePermission } from "@/server/page";
import { RuleForm } from "./RuleForm";

export const metadata: Metadata = { title: "Change a deadline rule" };

export default async function ChangeRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  const ctx = await requirePagePermission("admin.deadline_rules", `/admin/deadline-rules/${ruleId}`);
  const rule = listDeadlineRules(ctx).find((r) => r.id === ruleId);
  if (!rule) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a className="govuk-back-link" href="/admin/deadline-rules">
          Back
        </a>
        <h1 className="govuk-heading-l">{rule.name}</h1>
        <p className="govuk-body">{rule.description}</p>
        <p className="govuk-body">Now: {describeRule(rule)}.</p>
        <RuleForm rule={rule} />
      </div>
    </div>
  );
}
