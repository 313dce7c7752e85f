"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CaseOutcome } from "@/components/app/case-outcomes";
import type { Ctx } from "@/domain/context";
import { answerInformationRequest } from "@/domain/cases/answer-information-request";
import { withdrawComplaint } from "@/domain/cases/withdraw-complaint";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Runs a verb for the party's case page, sends any mail it queued, and shows the case again with the outcome. */
async function partyCaseAction(formData: FormData, work: (ctx: Ctx) => unknown, outcome: CaseOutcome): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  flushOutbox();
  const path = `/portal/cases/${encodeURIComponent(field(formData, "caseId"))}`;
  revalidatePath(path);
  redirect(`${path}?done=${outcome}`);
}

export async function answerInformationRequestAction(_: FormState, formData: FormData): Promise<FormState> {
  return partyCaseAction(formData, (ctx) => answerInformationRequest(ctx, { requestId: field(formData, "requestId"), response: field(formData, "response") }), "information-answered");
}

export async function withdrawComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  return partyCaseAction(formData, (ctx) => withdrawComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons") }), "withdrawn");
}
