"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { respondToBrief } from "@/domain/amicus/respond-to-brief";
import { runFormAction, type FormState } from "@/server/action";
import { flushOutbox } from "@/server/mail";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** A party's response to a filed amicus brief; the case page then says it was sent. */
export async function respondToBriefAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await runFormAction(formData, (ctx) => respondToBrief(ctx, { applicationId: field(formData, "applicationId"), body: field(formData, "body") }));
  if (!result?.ok) return result;
  flushOutbox();
  const path = `/portal/cases/${encodeURIComponent(field(formData, "caseId"))}`;
  revalidatePath(path);
  redirect(`${path}?done=amicus-response-sent`);
}
