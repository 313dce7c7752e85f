"use server";

import { revalidatePath } from "next/cache";
import { inviteRepresentative } from "@/domain/cases/invite-representative";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function inviteRepresentativeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const caseId = field(formData, "caseId");
  let sentTo = "";
  const result = await runFormAction(formData, (ctx) => {
    sentTo = inviteRepresentative(ctx, { caseId, email: field(formData, "email"), organisationName: field(formData, "organisationName") }).email;
  });
  if (!result?.ok) return result;
  flushOutbox();
  revalidatePath(`/cases/${caseId}`);
  return { ok: true, message: `Invitation sent to ${sentTo}. The link expires in 14 days.` };
}
