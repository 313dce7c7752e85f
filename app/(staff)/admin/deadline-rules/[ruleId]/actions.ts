"use server";

import { redirect } from "next/navigation";
import type { z } from "zod";
import { updateDeadlineRule, type UpdateDeadlineRuleInput } from "@/domain/deadlines/update-deadline-rule";
import { runFormAction, type FormState } from "@/server/action";

const FIELDS = ["ruleId", "length", "unit", "count", "calendar", "roll", "reason"] as const;

export async function updateDeadlineRuleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // Raw form strings; the verb validates every field and names the bad ones.
  const input = Object.fromEntries(FIELDS.map((name) => [name, String(formData.get(name) ?? "")])) as z.input<typeof UpdateDeadlineRuleInput>;
  const result = await runFormAction(formData, (ctx) => updateDeadlineRule(ctx, input));
  if (!result?.ok) return result;
  redirect("/admin/deadline-rules");
}
