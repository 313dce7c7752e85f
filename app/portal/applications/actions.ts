"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { applyForLeave } from "@/domain/amicus/apply-for-leave";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

export async function applyForLeaveAction(_: FormState, formData: FormData): Promise<FormState> {
  let applicationId = "";
  const result = await runFormAction(formData, (ctx) => {
    applicationId = applyForLeave(ctx, {
      caseReference: formData.get("caseReference"),
      applicantName: formData.get("applicantName"),
      represents: formData.get("represents"),
      interest: formData.get("interest"),
      declineToDisclose: formData.get("declineToDisclose"),
      relationshipDisclosure: formData.get("relationshipDisclosure"),
      fundingDisclosure: formData.get("fundingDisclosure"),
      pointsSummary: formData.get("pointsSummary"),
      whyNotParties: formData.get("whyNotParties"),
      requestedWords: formData.get("requestedWords"),
    }).applicationId;
  });
  if (!result?.ok) return result;
  flushOutbox();
  revalidatePath("/portal/applications");
  redirect(`/portal/applications/${encodeURIComponent(applicationId)}?done=applied`);
}
