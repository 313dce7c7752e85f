"use server";

import { revalidatePath } from "next/cache";
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

/** Runs a case verb for a form, sends any mail it queued, and refreshes the case page. */
async function caseAction(formData: FormData, work: (ctx: Ctx) => unknown, success: string): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  flushOutbox();
  revalidatePath(`/cases/${field(formData, "caseId")}`);
  return { ok: true, message: success };
}

export async function acceptComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => acceptComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons"), servedOn: field(formData, "servedOn"), serviceMethod: field(formData, "serviceMethod") as never }),
    "Complaint accepted. The case-to-answer clock has started.",
  );
}

export async function requestInformationAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => requestInformation(ctx, { caseId: field(formData, "caseId"), questions: field(formData, "questions") }), "Information request sent to the complainant.");
}

export async function rejectComplaintAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => rejectComplaint(ctx, { caseId: field(formData, "caseId"), reasons: field(formData, "reasons") }), "Complaint rejected. The complainant has been told why.");
}

export async function proposeDecisionAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => proposeDecision(ctx, { caseId: field(formData, "caseId"), decision: field(formData, "decision") as never, reasons: field(formData, "reasons") }),
    "Decision proposed. A supervisor must approve it.",
  );
}

export async function reviewDecisionAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(
    formData,
    (ctx) => reviewDecision(ctx, { proposalId: field(formData, "proposalId"), outcome: field(formData, "outcome") as never, note: field(formData, "note") || undefined }),
    field(formData, "outcome") === "return" ? "Decision returned to the caseworker." : "Decision approved. The parties have been told.",
  );
}

export async function addCaseNoteAction(_: FormState, formData: FormData): Promise<FormState> {
  return caseAction(formData, (ctx) => addCaseNote(ctx, { caseId: field(formData, "caseId"), body: field(formData, "body") }), "Note added.");
}
