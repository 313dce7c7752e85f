"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CaseOutcome } from "@/components/app/case-outcomes";
import type { Ctx } from "@/domain/context";
import { acceptComplaint } from "@/domain/cases/accept-complaint";
import { rejectComplaint } from "@/domain/cases/reject-complaint";
import { requestInformation } from "@/domain/cases/request-information";
import { proposeDecision } from "@/domain/cases/propose-decision";
import { reviewDecision } from "@/domain/cases/review-decision";
import { addCaseNote } from "@/domain/cases/add-case-note";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Runs a case verb for a form, sends any mail it queued, and shows the case again with the outcome. */
async function caseAction(formData: FormData, work: (ctx: Ctx) => unknown, outcome: CaseOutcome): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  flushOutbox();
  const path = `/cases/${encodeURIComponent(field(formData, "caseId"))}`;
  revalidatePath(path);
  redirect(`${path}?done=${outcome}`);
}

export async function acceptComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => acceptComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons"), servedOn: field(formData, "servedOn"), serviceMethod: field(formData, "serviceMethod") as never }),
    "accepted",
  );
}

export async function requestInformationAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => requestInformation(ctx, { caseId: field(formData, "caseId"), questions: field(formData, "questions") }), "information-requested");
}

export async function rejectComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => rejectComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons") }), "rejected");
}

export async function proposeDecisionAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => proposeDecision(ctx, { caseId: field(formData, "caseId"), decision: field(formData, "decision") as never, reasons: field(formData, "reasons") }),
    "decision-proposed",
  );
}

export async function reviewDecisionAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => reviewDecision(ctx, { proposalId: field(formData, "proposalId"), outcome: field(formData, "outcome") as never, note: field(formData, "note") || undefined }),
    field(formData, "outcome") === "return" ? "decision-returned" : "decision-approved",
  );
}

export async function addCaseNoteAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => addCaseNote(ctx, { caseId: field(formData, "caseId"), body: field(formData, "body") }), "note-added");
}
