"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CaseOutcome } from "@/components/app/case-outcomes";
import type { Ctx } from "@/domain/context";
import { decideChallenge } from "@/domain/evidence/decide-challenge";
import { reviewEvidence } from "@/domain/evidence/review-evidence";
import { withdrawEvidence } from "@/domain/evidence/withdraw-evidence";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Runs an evidence verb for the staff item page, sends any mail it queued, and shows the item again with the outcome. */
async function evidenceAction(formData: FormData, work: (ctx: Ctx) => unknown, outcome: CaseOutcome): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  flushOutbox();
  const casePath = `/cases/${encodeURIComponent(field(formData, "caseId"))}`;
  const path = `${casePath}/evidence/${encodeURIComponent(field(formData, "evidenceId"))}`;
  revalidatePath(casePath);
  revalidatePath(`${casePath}/evidence`);
  revalidatePath(path);
  redirect(`${path}?done=${outcome}`);
}

export async function reviewEvidenceAction(_: FormState, formData: FormData): Promise<FormState> {
  return evidenceAction(
    formData,
    (ctx) => reviewEvidence(ctx, { evidenceId: field(formData, "evidenceId"), outcome: field(formData, "outcome") as never, reasons: field(formData, "reasons") || undefined }),
    field(formData, "outcome") === "reject" ? "evidence-rejected" : "evidence-accepted",
  );
}

export async function withdrawEvidenceAction(_: FormState, formData: FormData): Promise<FormState> {
  return evidenceAction(formData, (ctx) => withdrawEvidence(ctx, { evidenceId: field(formData, "evidenceId"), reasons: field(formData, "reasons") }), "evidence-withdrawn");
}

export async function decideChallengeAction(_: FormState, formData: FormData): Promise<FormState> {
  return evidenceAction(
    formData,
    (ctx) => decideChallenge(ctx, { challengeId: field(formData, "challengeId"), outcome: field(formData, "outcome") as never, reasons: field(formData, "reasons") }),
    field(formData, "outcome") === "rejected" ? "challenge-rejected" : "challenge-upheld",
  );
}
