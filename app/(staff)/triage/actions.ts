"use server";

import { revalidatePath } from "next/cache";
import { assignCases } from "@/domain/cases/assign-case";
import { runFormAction, type FormState } from "@/server/action";

const strings = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");

/** "caseId:assigneeId" pairs the page drew, so a case reassigned meanwhile is refused, not overwritten. */
function seenAssignees(formData: FormData, caseIds: string[]): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const pair of strings(formData, "seen")) {
    const at = pair.indexOf(":");
    const caseId = at < 0 ? "" : pair.slice(0, at);
    if (caseIds.includes(caseId)) seen[caseId] = pair.slice(at + 1);
  }
  return seen;
}

export async function assignSelectedCasesAction(_: FormState, formData: FormData): Promise<FormState> {
  const caseIds = strings(formData, "caseIds");
  const assigneeId = strings(formData, "assigneeId")[0] ?? "";
  const done: { outcome?: ReturnType<typeof assignCases> } = {};
  const result = await runFormAction(formData, (ctx) => {
    done.outcome = assignCases(ctx, { caseIds, assigneeId, seen: seenAssignees(formData, caseIds) });
  });
  if (!result?.ok) {
    if (!result) return result;
    // One message for the boxes as a group, and every ticked box stays ticked.
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([key, message]) => [key.startsWith("caseIds") ? "caseIds" : key, message]));
    return { ...result, fieldErrors, values: { ...result.values, caseIds: caseIds.join(",") } };
  }
  revalidatePath("/triage");
  const { count, assignee } = done.outcome!;
  return { ok: true, message: `${count} ${count === 1 ? "case" : "cases"} assigned to ${assignee.name}` };
}
