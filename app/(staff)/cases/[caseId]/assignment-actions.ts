"use server";

import { revalidatePath } from "next/cache";
import type { Ctx } from "@/domain/context";
import { assignCases } from "@/domain/cases/assign-case";
import { assignCaseToMe } from "@/domain/cases/assign-case-to-me";
import { declareConflict } from "@/domain/cases/declare-conflict";
import { runFormAction, type FormState } from "@/server/action";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Runs an assignment verb for a form and refreshes the case page and the queue, which both show who has the case. */
async function assignmentAction<T>(formData: FormData, work: (ctx: Ctx) => T, success: (outcome: T) => string): Promise<FormState> {
  const done: { outcome?: T } = {};
  const result = await runFormAction(formData, (ctx) => {
    done.outcome = work(ctx);
  });
  if (!result?.ok) return result;
  revalidatePath(`/cases/${field(formData, "caseId")}`);
  revalidatePath("/triage");
  return { ok: true, message: success(done.outcome as T) };
}

export async function assignCaseAction(_: FormState, formData: FormData): Promise<FormState> {
  const caseId = field(formData, "caseId");
  return assignmentAction(
    formData,
    (ctx) => assignCases(ctx, { caseIds: [caseId], assigneeId: field(formData, "assigneeId"), seen: { [caseId]: field(formData, "seenAssigneeId") } }),
    ({ assignee }) => `Case assigned to ${assignee.name}.`,
  );
}

export async function assignCaseToMeAction(_: FormState, formData: FormData): Promise<FormState> {
  return assignmentAction(
    formData,
    (ctx) => assignCaseToMe(ctx, { caseId: field(formData, "caseId"), declaration: field(formData, "declaration") as never, details: field(formData, "details") || undefined }),
    ({ assigned }) => (assigned ? "Case assigned to you." : "You declared a conflict of interest, so the case has not been assigned to you. The supervisors have been told."),
  );
}

export async function declareConflictAction(_: FormState, formData: FormData): Promise<FormState> {
  return assignmentAction(
    formData,
    (ctx) => declareConflict(ctx, { caseId: field(formData, "caseId"), declaration: field(formData, "declaration") as never, details: field(formData, "details") || undefined }),
    ({ unassigned }) => (unassigned ? "Conflict of interest recorded. You have been taken off the case and the supervisors have been told." : "Declaration recorded. You can now work on this case."),
  );
}
