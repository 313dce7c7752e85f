"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { CaseOutcome } from "@/components/app/case-outcomes";
import type { Ctx } from "@/domain/context";
import { challengeConfidentiality } from "@/domain/evidence/challenge-confidentiality";
import { withdrawEvidence } from "@/domain/evidence/withdraw-evidence";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Runs an evidence verb for a party, sends any mail it queued, and shows the case's evidence with
 * the outcome: after withdrawing (or challenging a restricted item) the party may not open the item.
 */
async function partyEvidenceAction(formData: FormData, work: (ctx: Ctx) => unknown, outcome: CaseOutcome): Promise<FormState> {
  const result = await runFormAction(formData, work);
  if (!result?.ok) return result;
  flushOutbox();
  const casePath = `/portal/cases/${encodeURIComponent(field(formData, "caseId"))}`;
  revalidatePath(casePath);
  redirect(`${casePath}?done=${outcome}#evidence`);
}

export async function withdrawEvidenceAction(_: FormState, formData: FormData): Promise<FormState> {
  return partyEvidenceAction(formData, (ctx) => withdrawEvidence(ctx, { evidenceId: field(formData, "evidenceId"), reasons: field(formData, "reasons") }), "evidence-withdrawn");
}

export async function challengeConfidentialityAction(_: FormState, formData: FormData): Promise<FormState> {
  return partyEvidenceAction(formData, (ctx) => challengeConfidentiality(ctx, { evidenceId: field(formData, "evidenceId"), reasons: field(formData, "reasons") }), "challenge-sent");
}
