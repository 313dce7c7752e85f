"use server";

import { revalidatePath } from "next/cache";
import { answerInformationRequest } from "@/domain/cases/answer-information-request";
import { withdrawComplaint } from "@/domain/cases/withdraw-complaint";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function answerInformationRequestAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) => answerInformationRequest(ctx, { requestId: field(formData, "requestId"), response: field(formData, "response") }));
  if (!result?.ok) return result;
  flushOutbox();
  revalidatePath(`/portal/cases/${field(formData, "caseId")}`);
  return { ok: true, message: "Answer sent. The regulator will continue with your complaint." };
}

export async function withdrawComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) => withdrawComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons") }));
  if (!result?.ok) return result;
  flushOutbox();
  revalidatePath(`/portal/cases/${field(formData, "caseId")}`);
  return { ok: true, message: "Complaint withdrawn." };
}
